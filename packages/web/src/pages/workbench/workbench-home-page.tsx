import { useTranslation } from 'react-i18next';
import { workbenchNav } from '../../app/navigation.tsx';
import { useStaffMe } from '../../app/shells/staff-shell.tsx';
import { WorkbenchHome } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function WorkbenchHomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('shell.workbench'));
  const me = useStaffMe();
  const shortcuts = workbenchNav
    .filter((e) => e.key !== 'home' && e.anyOf.some((p) => me.permissions.includes(p)))
    .map((e) => ({ key: e.key, path: e.path, label: e.label(t), icon: e.icon }));
  return <WorkbenchHome me={me} shortcuts={shortcuts} />;
}
