// The catalogue feature's public surface for pages and shells.
export { catalogueKeys, useCatalogueSearch, useItemGuide } from './catalogue.api.ts';
export { CatalogueAdminList } from './catalogue-admin-list.tsx';
export { CatalogueItemAdmin } from './catalogue-item-admin.tsx';
export { CatalogueItemCreate } from './catalogue-item-create.tsx';
export { HomeCatalogue } from './home-catalogue.tsx';
export { loc } from './labels.ts';
export { ServiceGuide } from './service-guide.tsx';
export { ServiceSearchResults } from './service-search-results.tsx';
