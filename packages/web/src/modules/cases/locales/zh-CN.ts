import { casesPortalZhCN } from './portal.zh-CN.ts';
import { casesWorkbenchZhCN } from './workbench.zh-CN.ts';

/** Cases pages (apply, my cases, workbench), Simplified Chinese (merged into the app resources under `cases`). */
export const casesZhCN = {
  title: '办件',
  /** Citizen pages: apply online, receipt, my cases, a case (portal.zh-CN.ts). */
  portal: casesPortalZhCN,
  /** Staff pages: department inbox, a case, window intake, overdue cases (workbench.*.ts). */
  workbench: casesWorkbenchZhCN,
};
