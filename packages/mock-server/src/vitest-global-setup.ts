// The ready-made vitest global setup: the mock as `defineMockSetup` starts it with no options
// (stateful, on a free port) plus a static mock beside it, for the run.
//
//   // vitest.config.ts
//   export default defineConfig({ test: { globalSetup: ['@lms-apis/mock-server/vitest-global-setup'] } });
//
// Tests read `inject('mockUrl')` and `inject('mockApis')` (the stateful mock: each test file
// should use its own `X-Mock-Session`, a client factory's `headers` option, so files running in
// parallel never see each other's writes) and `inject('staticMockUrl')`, `inject('staticMockApis')`
// (every answer the spec's example). To choose the options, write a setup file of your own with
// `defineMockSetup` from `@lms-apis/mock-server/vitest`.
import { defineMockSetup, type MockSetupContext } from './vitest.js';

const start = defineMockSetup({ staticMock: true });
let stop: (() => Promise<void>) | undefined;

export async function setup(project: MockSetupContext): Promise<void> {
  stop = await start(project);
}

export async function teardown(): Promise<void> {
  await stop?.();
  stop = undefined;
}
