/** Data hub pages (who used my data, data officers), English (merged into the app resources under `datahub`). */
export const datahubEnUS = {
  title: 'Data sharing',
};
