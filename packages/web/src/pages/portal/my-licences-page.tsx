import { useTranslation } from 'react-i18next';
import { RequireAccount } from '../../app/guards.tsx';
import { LicenceWallet } from '../../modules/licences/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function MyLicencesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('licences.wallet.title'));
  return (
    <RequireAccount kind="user">
      {(me) => (
        <div className="tb-licences">
          <LicenceWallet me={me} />
        </div>
      )}
    </RequireAccount>
  );
}
