import { useTranslation } from 'react-i18next';

export function SkipLink({ target = 'main' }: { target?: string }) {
  const { t } = useTranslation();
  return (
    <a className="tb-skip-link" href={`#${target}`}>
      {t('common.skipToContent')}
    </a>
  );
}
