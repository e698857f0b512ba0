// The audit console's public surface for pages.

export { AuditConsole } from './audit-console.tsx';
