/** Cases pages (apply, my cases, workbench), Simplified Chinese (merged into the app resources under `cases`). */
export const casesZhCN = {
  title: '办件',
};
