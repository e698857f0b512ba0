/** Data hub pages (who used my data, data officers), Simplified Chinese (merged into the app resources under `datahub`). */
export const datahubZhCN = {
  title: '数据共享',
};
