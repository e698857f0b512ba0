import { useQueries } from '@tanstack/react-query';
import type { CaseDetail } from '@tongban/domain';
import { api } from '../../api/client.ts';
import { useCaseSupplies } from '../datahub/index.ts';
import { casesKeys } from './cases.api.ts';

const fromHub = (c: CaseDetail) => c.materials.some((m) => m.provenance === 'datahub');

/**
 * The data-hub supplies behind a case's shared materials. The hub knows only the cases it fetched
 * for (others answer 404, which the browser reports as an error), so it is asked about exactly
 * those: the case itself, or — for a one-go service — the members that had a hub material.
 */
export function useSuppliesOf(detail: CaseDetail | undefined) {
  const memberIds = detail?.isBundle ? detail.members.map((m) => m.caseId) : [];
  const members = useQueries({
    queries: memberIds.map((id) => ({ queryKey: casesKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/cases/${id}`) })),
  });
  const ids = !detail
    ? []
    : detail.isBundle
      ? members.flatMap((q) => (q.data && fromHub(q.data) ? [q.data.id] : []))
      : fromHub(detail)
        ? [detail.id]
        : [];
  return useCaseSupplies(ids);
}
