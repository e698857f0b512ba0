import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { LicenceDetailView } from '../../modules/licences/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function MyLicencePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('licences.wallet.title'));
  const { id = '' } = useParams();
  return (
    <RequireAccount kind="user">
      {() => (
        <AntApp component={false}>
          <div className="tb-licences">
            <LicenceDetailView id={id} />
          </div>
        </AntApp>
      )}
    </RequireAccount>
  );
}
