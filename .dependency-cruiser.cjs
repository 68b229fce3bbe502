// The house rules for imports (docs/architecture.md, "Guards"): `npm run lint:deps` fails on any violation
// that is not in .dependency-cruiser-known-violations.json; regenerate that file only when a count goes down.
const SERVICES = '^worker/(services|views)/';
const ROUTES = '^worker/routes/';
const APP = '^worker/(app|index)\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included: move the shared piece to the lower module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-pure',
      comment:
        'domain/ holds the pure rules: it imports only domain/ and i18n/ (no worker/, site/, cloudflare:*, node:*).',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: '^(domain|i18n)/' },
    },
    {
      name: 'site-through-services',
      comment: 'Pages reach the Worker only through worker/services and worker/contract (plus domain/ and i18n/).',
      severity: 'error',
      from: { path: '^site/' },
      to: { path: '^(worker|schema|scripts|test|bench)/', pathNot: '^worker/(services|contract)/' },
    },
    {
      name: 'sql-only-in-db',
      comment: 'Queries live in worker/db: drizzle-orm is imported there (and by the table definitions in schema/).',
      severity: 'error',
      from: { path: '^(worker|site|domain)/', pathNot: '^worker/db/' },
      to: { path: '^node_modules/drizzle-orm/' },
    },
    {
      name: 'routes-not-db',
      comment: 'Routes parse, authorise, call a service and respond: they never query worker/db themselves.',
      severity: 'error',
      from: { path: ROUTES },
      to: { path: '^worker/db/' },
    },
    {
      name: 'tier-db',
      comment: 'Tiers: domain < worker/db < worker/services < worker/routes < worker/app. db imports no upper tier.',
      severity: 'error',
      from: { path: '^worker/db/' },
      to: { path: [SERVICES, ROUTES, APP] },
    },
    {
      name: 'tier-services',
      comment: 'A service never imports a route or the app.',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: [ROUTES, APP] },
    },
    {
      name: 'tier-routes',
      comment: 'A route never imports the app that mounts it.',
      severity: 'error',
      from: { path: ROUTES },
      to: { path: APP },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|\\.astro|\\.wrangler)/' },
    builtInModules: { add: ['cloudflare:workers', 'cloudflare:test', 'cloudflare:sockets'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    cache: false,
  },
};
