import { useTranslation } from 'react-i18next';
import { RequirePermission } from '../../app/guards.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { ApiKeysAdmin } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function ApiKeysPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.apiKeys'));
  const me = useStaffMe();
  return (
    <RequirePermission me={me} anyOf={['identity.api_keys.manage']}>
      <ApiKeysAdmin />
    </RequirePermission>
  );
}
