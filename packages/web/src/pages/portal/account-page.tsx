import { Alert, App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { AccountOverview } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const [params] = useSearchParams();
  return (
    <RequireAccount kind="user">
      {(me) => (
        <AntApp component={false}>
          {params.get('welcome') && (
            <Alert type="success" showIcon closable style={{ marginBottom: 16 }} title={t('account.welcome', { name: me.name })} />
          )}
          <AccountOverview me={me} />
        </AntApp>
      )}
    </RequireAccount>
  );
}
