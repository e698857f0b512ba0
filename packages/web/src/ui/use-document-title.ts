import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `<title>` to "page · 通办" in the current language. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.documentTitle');
    // `t` changes identity when the language changes, so the title follows the language.
  }, [title, t]);
}
