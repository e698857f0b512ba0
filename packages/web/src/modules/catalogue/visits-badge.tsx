import { useTranslation } from 'react-i18next';

/** 零跑动 / 最多跑一次 / n 次: how often the applicant must go in person. */
export function VisitsBadge({ visits }: { visits: number }) {
  const { t } = useTranslation();
  const label =
    visits === 0 ? t('catalogue.visits.zero') : visits === 1 ? t('catalogue.visits.one') : t('catalogue.visits.many', { count: visits });
  return <span className={`tb-visits tb-visits-${Math.min(visits, 2)}`}>{label}</span>;
}
