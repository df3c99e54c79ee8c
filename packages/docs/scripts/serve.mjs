// `pnpm --filter @lms-apis/docs serve [--port N] [--mock http://127.0.0.1:4010]`: serve the built
// portal; with --mock, its request consoles send to that (loopback) mock server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/static-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    mock: { type: 'string' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const server = await serveStatic({
  root,
  port: Number(values.port),
  host: values.host,
  ...(values.mock ? { mock: values.mock } : {}),
});
console.log(`docs portal on ${server.url}/`);
