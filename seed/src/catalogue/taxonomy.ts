/**
 * Themes (服务主题) and life / business events (人生事件、企业事件) the seeded items are filed under.
 * One list, owned by the domain package (the portal labels them from it); the seed names them by
 * their Chinese label.
 */
export { type CatalogueEvent, type CatalogueTheme, catalogueEvents, catalogueThemes } from '@tongban/domain';
