import type { ModuleDefinition } from '../../platform/module.ts';
import { registerCatalogueRoutes } from './catalogue.routes.ts';

export { invalidateCatalogueCache } from './catalogue.cache.ts';
export { type ImportItem, type ImportOptions, importCatalogue } from './use-cases/import.ts';
/**
 * The catalogue's public surface for other modules.
 *
 * - The guard: `getPublishedItem` / `assertPublished` (the pinned published version, or
 *   CATALOGUE_ITEM_NOT_PUBLISHED) and `getItemVersion` (a pinned version by id, any status).
 * - `listPublishedItems`: every published item (whole-catalogue reports).
 * - `importCatalogue`: load items straight into published state (demo seed, migrations).
 */
export {
  assertPublished,
  findPublishedItem,
  getItemVersion,
  getPublishedItem,
  listPublishedItems,
  type PublishedItem,
} from './use-cases/published.ts';

export const catalogueModule: ModuleDefinition = {
  name: 'catalogue',
  registerRoutes: registerCatalogueRoutes,
};
