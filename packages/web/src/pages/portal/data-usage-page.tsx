import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { useMyCases } from '../../modules/cases/index.ts';
import { DataUsageList } from '../../modules/datahub/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

/** Links a case in the usage log to the person's case page, by its tracking number when it is one of theirs. */
function CaseLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const cases = useMyCases(1, 100);
  const known = cases.data?.items.find((c) => c.id === caseId);
  return (
    <Link to={`/my/cases/${caseId}`} data-testid="usage-case-link">
      {known ? known.trackingNumber : t('datahub.citizen.viewCase')}
    </Link>
  );
}

/** `/my/data-usage`: who used my (or my enterprises') data, with an objection per entry. */
export default function DataUsagePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('datahub.citizen.title'));
  return (
    <RequireAccount kind="user">
      {(me) => (
        <AntApp component={false}>
          <DataUsageList enterprises={me.enterprises} renderCase={(caseId) => <CaseLink caseId={caseId} />} />
        </AntApp>
      )}
    </RequireAccount>
  );
}
