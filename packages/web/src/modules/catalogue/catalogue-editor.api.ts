import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataResource, Department, LicenceType, ServiceItemInput, VersionDetail } from '@tongban/domain';
import { api } from '../../api/client.ts';
import { catalogueKeys } from './catalogue.api.ts';

/** What the item editor picks from: departments, data-hub resources, licence types. Read-only, cached for a while. */

type Items<T> = { items: T[] };
const long = 5 * 60_000;

export const editorKeys = {
  departments: ['catalogue-editor', 'departments'] as const,
  resources: ['catalogue-editor', 'resources'] as const,
  licenceTypes: ['catalogue-editor', 'licence-types'] as const,
};

export function useEditorDepartments() {
  return useQuery({
    queryKey: editorKeys.departments,
    queryFn: async () => (await api.get<Items<Department>>('/departments')).items,
    staleTime: long,
  });
}

/** The data-hub catalogue with each resource's fields; the editor falls back to free text when it cannot be read. */
export function useDataResources() {
  return useQuery({
    queryKey: editorKeys.resources,
    queryFn: async () => (await api.get<Items<DataResource>>('/datahub/resources')).items,
    staleTime: long,
    retry: false,
  });
}

export function useLicenceTypes() {
  return useQuery({
    queryKey: editorKeys.licenceTypes,
    queryFn: async () => (await api.get<Items<LicenceType>>('/licences/types')).items,
    staleTime: long,
    retry: false,
  });
}

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ServiceItemInput) => api.post<VersionDetail>('/catalogue/items', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueKeys.drafts }),
  });
}
