// `pnpm --filter @lms-apis/docs serve [--port N]`: serve the built portal.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/static-server.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4011' }, host: { type: 'string', default: '127.0.0.1' } },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const server = await serveStatic({ root, port: Number(values.port), host: values.host });
console.log(`docs portal on ${server.url}/`);
