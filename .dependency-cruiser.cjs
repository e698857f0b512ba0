/**
 * Module boundaries, machine-checked (run by `npm test` through `npm run lint`).
 * See ARCHITECTURE.md for why each rule exists.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'packages/domain is shared with the browser: it imports nothing of ours and no I/O.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { path: '^(packages/(server|web)|seed)/|^node:|^(fs|path|child_process|net|http|crypto)$' },
    },
    {
      name: 'platform-never-imports-modules',
      comment: 'platform/* holds mechanisms (db, http, auth, audit, jobs, signing), no business rules.',
      severity: 'error',
      from: { path: '^packages/server/src/platform/' },
      to: { path: '^packages/server/src/modules/' },
    },
    {
      name: 'modules-only-through-index',
      comment: 'A module reaches another module only through its index.ts (its public surface).',
      severity: 'error',
      from: { path: '^packages/server/src/modules/([^/]+)/' },
      to: {
        path: '^packages/server/src/modules/([^/]+)/',
        pathNot: ['^packages/server/src/modules/$1/', '^packages/server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'web-ui-never-imports-modules',
      comment: 'packages/web/src/ui holds primitives used by every feature; features depend on it, never the reverse.',
      severity: 'error',
      from: { path: '^packages/web/src/ui/' },
      to: { path: '^packages/web/src/(modules|pages|app)/' },
    },
    {
      name: 'web-modules-only-through-index',
      comment: 'Web feature modules use each other only through their index.ts.',
      severity: 'error',
      from: { path: '^packages/web/src/modules/([^/]+)/' },
      to: {
        path: '^packages/web/src/modules/([^/]+)/',
        pathNot: ['^packages/web/src/modules/$1/', '^packages/web/src/modules/[^/]+/index\\.tsx?$'],
      },
    },
    {
      name: 'no-server-in-web',
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
