// The package's layers, top to bottom. A module may import its own layer and the layers below it,
// never one above (type-only imports included), and nothing may form a cycle. `pnpm lint` runs it.
//
//   entry points   cli.ts, server.ts, index.ts, vitest*.ts   (compose everything)
//   http/          the Node server: sockets, bodies, CORS, sessions, the /_ admin routes
//   pipeline/      the ordered steps of one request; the Prism adapter
//   apis/          each API's declaration (plugs into the engines below)
//   answerers/     static (Prism's mocker), state (store-backed), proxy, token
//   policies/      auth, rate limits, faults and latency
//   store/         the one mutable state: sessions, issued tokens, rate windows
//   core/          bundles, problem+json, error shapes, small pure helpers
const LAYERS = ['http', 'pipeline', 'apis', 'answerers|policies', 'store', 'core'];

const layerPath = (layer) => `^src/(${layer})/`;
const above = (index) => LAYERS.slice(0, index).map(layerPath);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide which module owns a concern.',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(1).map((layer, offset) => ({
      name: `${layer.replace('|', '-')}-points-down`,
      severity: 'error',
      comment: `src/${layer}/ may import only its own layer and the layers below it.`,
      from: { path: layerPath(layer) },
      to: { path: above(offset + 1) },
    })),
    {
      name: 'answerers-policies-apart',
      severity: 'error',
      comment: 'Answerers and policies are siblings: what they share lives in store/ or core/.',
      from: { path: '^src/answerers/' },
      to: { path: '^src/policies/' },
    },
    {
      name: 'policies-answerers-apart',
      severity: 'error',
      comment: 'Answerers and policies are siblings: what they share lives in store/ or core/.',
      from: { path: '^src/policies/' },
      to: { path: '^src/answerers/' },
    },
    {
      name: 'layers-not-entry-points',
      severity: 'error',
      comment: 'Only the entry points compose the layers; no layer imports them.',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    exclude: { path: '(^|/)(dist|test)/' },
  },
};
