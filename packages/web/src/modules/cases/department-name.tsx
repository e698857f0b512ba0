import { Trans, useTranslation } from 'react-i18next';
import { useDepartmentName } from '../identity/index.ts';

/** A department's name in the reader's language (the public department list), else the name the API gave. */
export function DepartmentName({ id, fallback }: { id: string | null | undefined; fallback?: string | null | undefined }) {
  const { i18n } = useTranslation();
  const name = useDepartmentName(id, fallback, i18n.language);
  return <>{name ?? id ?? ''}</>;
}

/** "由<部门>提供" / "Obtained from <department>": the provenance of a shared material. */
export function ProvidedBy({ id, fallback }: { id: string | null | undefined; fallback?: string | null | undefined }) {
  const { i18n } = useTranslation();
  const department = useDepartmentName(id, fallback, i18n.language) ?? id ?? '';
  return <Trans i18nKey="cases.portal.providedBy" values={{ department }} components={{ strong: <strong /> }} />;
}
