/**
 * The catalogue's use cases, one file per group: drafting (`use-cases/drafts.ts`), the publication
 * workflow (`use-cases/workflow.ts`), reading versions (`use-cases/versions.ts`), bulk import
 * (`use-cases/import.ts`), and the public reads (guide, search, lists, open data).
 */

export { createDraft, editDraft, editVersion } from './use-cases/drafts.ts';
export { getGuide } from './use-cases/guide.ts';
export { type ImportItem, type ImportOptions, importCatalogue } from './use-cases/import.ts';
export { checkMaterials } from './use-cases/materials.ts';
export { searchCatalogue } from './use-cases/search.ts';
export { compareVersions, getVersionDetail, listDrafts, listVersions } from './use-cases/versions.ts';
export { publishVersion, rejectVersion, submitVersion, withdrawItem } from './use-cases/workflow.ts';
