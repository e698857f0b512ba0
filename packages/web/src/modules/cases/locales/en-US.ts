import { casesPortalEnUS } from './portal.en-US.ts';
import { casesWorkbenchEnUS } from './workbench.en-US.ts';

/** Cases pages (apply, my cases, workbench), English (merged into the app resources under `cases`). */
export const casesEnUS = {
  title: 'Cases',
  /** Citizen pages: apply online, receipt, my cases, a case (portal.en-US.ts). */
  portal: casesPortalEnUS,
  /** Staff pages: department inbox, a case, window intake, overdue cases (workbench.*.ts). */
  workbench: casesWorkbenchEnUS,
};
