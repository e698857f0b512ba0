/** Cases pages (apply, my cases, workbench), English (merged into the app resources under `cases`). */
export const casesEnUS = {
  title: 'Cases',
};
