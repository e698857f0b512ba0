// The data hub feature's public surface for pages and other features.

export { DataUsageList } from './data-usage-list.tsx';
export {
  type FetchPreview,
  type PrefillResponse,
  type Supply,
  supplyOfMaterial,
  useCaseSupplies,
  useFetchPreview,
  useGiveConsent,
  usePrefill,
} from './datahub.api.ts';
export { fieldLabel } from './field-labels.ts';
export { DataOfficerConsole } from './officer-console.tsx';
export { type PrefillOrigin, prefillOrigins } from './prefill-sources.ts';
