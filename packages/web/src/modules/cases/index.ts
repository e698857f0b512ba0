// The cases feature's public surface for pages: apply online, the receipt, my cases and a case's page.
export { ApplyOnline } from './apply/apply-online.tsx';
export { CaseView } from './case-view/case-view.tsx';
export { casesKeys, useMyCases } from './cases.api.ts';
export { MyCases } from './my-cases.tsx';
export { CaseReceipt } from './receipt.tsx';
// Staff side (workbench): the department inbox, a case for staff, window intake, the supervisor's view.
export { WorkbenchCaseView } from './workbench-case-view.tsx';
export { WorkbenchInbox } from './workbench-inbox.tsx';
export { WorkbenchIntake } from './workbench-intake.tsx';
export { WorkbenchOverdue } from './workbench-overdue.tsx';
