/**
 * The server's layers, lowest first: a module may import from its own layer and the ones below it, never
 * from above. `npm test` runs this check (`npm run check:layers`); docs/architecture.md explains the order.
 */
const LAYERS = [
  ['clock.ts', 'config.ts', 'outbound'], // leaves: the clock every rule reads, settings, outbound targets
  ['graph'], // Graph mechanics, free of HTTP and storage
  ['store'], // the database
  ['rate-limits'], // Meta's limits and their buckets
  ['core'], // the request context, parameters, access checks, the logger, the webhook queue's contract
  ['messaging', 'auth'], // the platform's rules on conversations; tokens to callers
  ['webhooks'], // subscriptions, events, outbox, delivery
  ['send', 'comments', 'profile', 'handover'], // the Send API; comments and their webhooks; the Messenger Profile API; conversation routing and personas
  ['nodes'], // Graph node types: fields and loaders, no actions
  ['api'], // the registry (node types with the actions attached) and dispatch
  ['http'], // HTTP glue
  ['sandbox'], // the control plane
  [
    'app.ts',
    'main.ts',
    'index.ts',
    'start-options.ts',
    'start-world.ts',
    'start-errors.ts',
    'banner.ts',
    'testing.ts',
    'testing',
    'in-process',
  ], // composition: the app, the start, createParley and the testing helpers
];

const SRC = '^packages/server/src/';
const pathOf = (names) =>
  `${SRC}(${names.map((n) => (n.endsWith('.ts') ? n.replace('.', '\\.') + '$' : `${n}/`)).join('|')})`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('+')}`,
  comment: `${layer.join(', ')} may not import from the layers above it`,
  severity: 'error',
  from: { path: pathOf(layer) },
  to: { path: pathOf(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocol-stands-alone',
      comment: 'The protocol package depends on nothing of the server or the CLI.',
      severity: 'error',
      from: { path: '^packages/protocol/' },
      to: { path: '^packages/(server|cli|sandbox)/' },
    },
    {
      name: 'sandbox-client-stands-apart',
      comment:
        'The sandbox schema and client run in tests, the CLI and browsers: nothing of the server or the CLI.',
      severity: 'error',
      from: { path: '^packages/sandbox/' },
      to: { path: '^packages/(server|cli)/' },
    },
    {
      name: 'source-not-tests',
      comment: "Source never imports tests' support code.",
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/[^/]+/test/' },
    },
    {
      name: 'nodes-read-only',
      comment:
        'Node types only read: the actions of send/, webhooks/, comments/, profile/ and handover/ are attached to them in api/registry.ts.',
      severity: 'error',
      from: { path: `${SRC}nodes/` },
      // The comment rules (what a mention is) are pure and shared; the comment acts are not for nodes.
      to: {
        path: `${SRC}(send|webhooks|comments|profile|handover)/`,
        pathNot: `${SRC}comments/comment-rules\\.ts$`,
      },
    },
    ...layerRules,
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '/dist/'] },
  },
};
