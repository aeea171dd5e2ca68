/**
 * DESIGN.md's dependency rule, enforced (`npm run lint:deps`, part of `npm test`):
 * http/ and workers/ → domain/ → (db/, the engine port); only src/engine/zeebe imports
 * @camunda8/*; only src/engine/embedded knows the interpreter; the web app imports no server
 * code. The composition root (src/main.ts, src/bootstrap.ts, src/services.ts) wires everything
 * and may import anything. Each exception below says why it exists and what removes it.
 */
const ROOT = '^src/(main|bootstrap|services)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'web-imports-no-server-code',
      comment: 'The web app talks to the API only (it may share the generated contract once there is one, issue 13).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|workers)/' },
    },
    {
      name: 'only-zeebe-adapter-imports-camunda',
      severity: 'error',
      from: { pathNot: '^src/engine/zeebe/' },
      to: { path: '@camunda8/' },
    },
    {
      name: 'http-goes-through-domain',
      comment: "Routes call domain services; the problem mapper may name the port's error classes (src/engine/port.ts).",
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^(src/(db|engine/(embedded|zeebe|feel|lint)|engine/(model|resources))|workers)/?' },
    },
    {
      name: 'workers-go-through-domain',
      comment:
        'Workers call domain functions. They hand those the database handle, a type they never call themselves (type-only imports of src/db are allowed until the repositories of issue 13 point 3).',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(src/(http|engine/(embedded|zeebe|feel|lint))|src/db)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-below-http-and-workers',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/http|workers)/' },
    },
    {
      name: 'domain-uses-the-engine-port-only',
      comment: 'The domain knows engines through src/engine/port.ts (and the model for the process map), never an engine.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/engine/(embedded|zeebe)/' },
    },
    {
      name: 'db-and-engine-know-no-domain',
      severity: 'error',
      from: { path: '^src/(db|engine)/' },
      to: { path: '^(src/(domain|http)|workers)/' },
    },
    {
      name: 'only-embedded-knows-the-interpreter',
      comment:
        'Exceptions: the Zeebe adapter reads its projection with the embedded read side (queries.ts) until the engine read model of issue 13 point 3; lint evaluates FEEL and timer values exactly as the embedded engine does (feel.ts, time.ts, cron.ts).',
      severity: 'error',
      from: { pathNot: `^src/engine/embedded/|${ROOT}` },
      to: { path: '^src/engine/embedded/', pathNot: '^src/engine/embedded/(queries|feel|time|cron)\\.ts$' },
    },
    {
      name: 'embedded-internals-stay-inside',
      comment: 'Of the exceptions above, queries.ts only for the Zeebe adapter, feel.ts, time.ts and cron.ts only for lint.',
      severity: 'error',
      from: { pathNot: `^src/engine/(embedded|zeebe|lint)/|${ROOT}` },
      to: { path: '^src/engine/embedded/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
