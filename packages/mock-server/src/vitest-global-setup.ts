// A ready-made vitest globalSetup: starts the mock on a free port for the test run and stops it
// after. Tests read the URL with `inject('mockUrl')` (and each API's base URL with
// `inject('mockApis')`).
//
//   // vitest.config.ts
//   export default defineConfig({ test: { globalSetup: ['@lms-apis/mock-server/vitest-global-setup'] } });
import { type RunningMockServer, startMockServer } from './server.js';

interface ProvideContext {
  provide(key: string, value: unknown): void;
}

let server: RunningMockServer | undefined;

export async function setup(context: ProvideContext): Promise<void> {
  server = await startMockServer({ port: 0 });
  context.provide('mockUrl', server.url);
  context.provide('mockApis', server.apis);
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = undefined;
}
