// A ready-made vitest globalSetup: starts the mock on a free port for the test run and stops it
// after. Tests read the URL with `inject('mockUrl')` (and each API's base URL with
// `inject('mockApis')`): the stateful mock, where each test file should use its own
// `X-Mock-Session` (a client factory's `headers` option) so files running in parallel never see
// each other's writes. A second, static mock (every answer the spec's example, as `prism mock`)
// is at `inject('staticMockUrl')` and `inject('staticMockApis')`.
//
//   // vitest.config.ts
//   export default defineConfig({ test: { globalSetup: ['@lms-apis/mock-server/vitest-global-setup'] } });
import { type RunningMockServer, startMockServer } from './server.js';

interface ProvideContext {
  provide(key: string, value: unknown): void;
}

let servers: RunningMockServer[] = [];

export async function setup(context: ProvideContext): Promise<void> {
  const [stateful, fixed] = await Promise.all([
    startMockServer({ port: 0 }),
    startMockServer({ port: 0, mode: 'static' }),
  ]);
  servers = [stateful, fixed];
  context.provide('mockUrl', stateful.url);
  context.provide('mockApis', stateful.apis);
  context.provide('staticMockUrl', fixed.url);
  context.provide('staticMockApis', fixed.apis);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
}
