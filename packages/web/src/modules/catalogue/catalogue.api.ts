import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BundleView,
  CatalogueListItem,
  CatalogueSearchResult,
  ItemGuide,
  ServiceItemContent,
  VersionDetail,
  VersionSummary,
} from '@tongban/domain';
import { api } from '../../api/client.ts';

/** Only `import type` from the domain package here: this file is part of the portal's first load. */

export type LabelledCount = { id: string; label: { zh: string; en: string }; count: number };
export type DepartmentCount = { id: string; name: { zh: string; en: string }; count: number };
export type SearchFilters = {
  q?: string;
  department?: string;
  type?: string;
  applicantType?: string;
  theme?: string;
  event?: string;
  zeroVisits?: boolean;
  bundle?: boolean;
  page?: number;
  pageSize?: number;
};
export type VersionList = { code: string; publishedVersion: number | null; items: VersionSummary[] };
export type ContentChange = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };
export type VersionCompare = { code: string; a: VersionDetail; b: VersionDetail; changes: ContentChange[] };
export type DraftList = { items: VersionSummary[]; total: number; page: number; pageSize: number };
export type { BundleView, CatalogueListItem, CatalogueSearchResult, ItemGuide, ServiceItemContent, VersionDetail, VersionSummary };

type Items<T> = { items: T[] };

export const catalogueKeys = {
  all: ['catalogue'] as const,
  search: (f: SearchFilters) => ['catalogue', 'search', f] as const,
  guide: (code: string) => ['catalogue', 'guide', code] as const,
  themes: ['catalogue', 'themes'] as const,
  events: ['catalogue', 'events'] as const,
  popular: ['catalogue', 'popular'] as const,
  departments: ['catalogue', 'departments'] as const,
  drafts: ['catalogue', 'drafts'] as const,
  versions: (code: string) => ['catalogue', 'versions', code] as const,
  version: (code: string, v: number) => ['catalogue', 'version', code, v] as const,
  compare: (code: string, a: number, b: number) => ['catalogue', 'compare', code, a, b] as const,
};

const long = 5 * 60_000;

/**
 * Public catalogue answers may be cached by the browser for 30 s (`cache-control`). Once staff in
 * this tab changed the catalogue, its public reads revalidate so the portal shows the new version.
 */
let changedHere = false;
const httpCache = (): RequestCache => (changedHere ? 'no-cache' : 'default');

export function useCatalogueSearch(filters: SearchFilters) {
  return useQuery({
    queryKey: catalogueKeys.search(filters),
    queryFn: ({ signal }) => api.get<CatalogueSearchResult>('/catalogue/search', { query: filters, signal, cache: httpCache() }),
    placeholderData: keepPreviousData,
  });
}

export function useItemGuide(code: string) {
  return useQuery({
    queryKey: catalogueKeys.guide(code),
    queryFn: () => api.get<ItemGuide>(`/catalogue/items/${encodeURIComponent(code)}`, { cache: httpCache() }),
    retry: false,
  });
}

export function useThemes() {
  return useQuery({ queryKey: catalogueKeys.themes, queryFn: () => api.get<Items<LabelledCount>>('/catalogue/themes'), staleTime: long });
}
export function useEvents() {
  return useQuery({ queryKey: catalogueKeys.events, queryFn: () => api.get<Items<LabelledCount>>('/catalogue/events'), staleTime: long });
}
export function usePopular() {
  return useQuery({
    queryKey: catalogueKeys.popular,
    queryFn: () => api.get<Items<CatalogueListItem>>('/catalogue/popular', { query: { limit: 8 } }),
    staleTime: long,
  });
}
export function useCatalogueDepartments() {
  return useQuery({
    queryKey: catalogueKeys.departments,
    queryFn: () => api.get<Items<DepartmentCount>>('/catalogue/departments'),
    staleTime: long,
  });
}

// --- staff ---------------------------------------------------------------------------------

export function useDrafts() {
  return useQuery({ queryKey: catalogueKeys.drafts, queryFn: () => api.get<DraftList>('/catalogue/drafts', { query: { pageSize: 100 } }) });
}

export function useVersions(code: string) {
  return useQuery({ queryKey: catalogueKeys.versions(code), queryFn: () => api.get<VersionList>(`/catalogue/items/${code}/versions`) });
}

export function useVersion(code: string, version: number | undefined) {
  return useQuery({
    queryKey: catalogueKeys.version(code, version ?? 0),
    queryFn: () => api.get<VersionDetail>(`/catalogue/items/${code}/versions/${version}`),
    enabled: version !== undefined,
  });
}

export function useCompare(code: string, a: number | undefined, b: number | undefined) {
  return useQuery({
    queryKey: catalogueKeys.compare(code, a ?? 0, b ?? 0),
    queryFn: () => api.get<VersionCompare>(`/catalogue/items/${code}/versions/${a}/compare/${b}`),
    enabled: a !== undefined && b !== undefined && a !== b,
  });
}

export type WorkflowAction = 'submit' | 'publish' | 'withdraw' | 'reject';

/** Saves the draft (a published item gets a new draft version) and runs workflow actions; both refresh everything of the catalogue. */
export function useCatalogueMutations(code: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    changedHere = true;
    return queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
  };
  const save = useMutation({
    mutationFn: (content: ServiceItemContent) => api.put<VersionDetail & { created: boolean }>(`/catalogue/items/${code}/draft`, content),
    onSuccess: refresh,
  });
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: WorkflowAction; reason?: string }) =>
      api.post<VersionSummary>(`/catalogue/items/${code}/actions/${action}`, reason === undefined ? {} : { reason }),
    onSuccess: refresh,
  });
  return { save, act };
}
