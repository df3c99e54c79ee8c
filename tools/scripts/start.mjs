// `pnpm start`: the main job. After `turbo run build`, serve every API from the mock and the docs
// portal next to it, and print both URLs. Ctrl-C stops both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { startMockServer } = await import(path.join(root, 'packages/mock-server/dist/index.js'));
const { serveStatic } = await import(path.join(root, 'packages/docs/src/static-server.mjs'));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'docs-port': { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    static: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});

let mock;
let docs;
try {
  mock = await startMockServer({
    port: Number(values.port),
    host: values.host,
    mode: values.static ? 'static' : 'stateful',
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
  });
  docs = await serveStatic({
    root: path.join(root, 'packages/docs/dist'),
    port: Number(values['docs-port']),
    host: values.host,
    // The reference pages' request console reaches the mock through the portal (same origin).
    mock: loopbackOrigin(mock.url),
  });
} catch (error) {
  console.error(`start: ${error.message}`);
  await mock?.close();
  process.exit(1);
}

console.log(
  `Mock server   ${mock.url}   ${mock.mode} (health: ${mock.url}/_health, journal: ${mock.url}/_requests, state: ${mock.url}/_state)`,
);
for (const [name, url] of Object.entries(mock.apis)) console.log(`  ${name.padEnd(9)} ${url}`);
console.log(`Docs portal   ${docs.url}/   (its request consoles send to the mock through ${docs.url}/mock/)`);
console.log('Ctrl-C to stop.');

const stop = async () => {
  await Promise.allSettled([mock.close(), docs.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * The mock as the portal reaches it on this machine: a mock listening on every interface is
 * reached over loopback (the portal forwards to loopback only).
 * @param {string} url
 */
function loopbackOrigin(url) {
  const parsed = new URL(url);
  if (['0.0.0.0', '[::]'].includes(parsed.hostname)) parsed.hostname = '127.0.0.1';
  return parsed.origin;
}
