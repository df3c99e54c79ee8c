// `@lms-apis/mock-server/vitest`: a vitest global setup that starts the mock for the test run,
// configured like `startMockServer`, and hands its URLs to the tests with `inject`.
//
//   // test/mock-setup.ts (listed in vitest.config.ts: `test: { globalSetup: ['./test/mock-setup.ts'] }`)
//   import { defineMockSetup } from '@lms-apis/mock-server/vitest';
//   export default defineMockSetup({ seed: 'ci', failRate: 0.1 });
//
//   // some.test.ts
//   const skilljar = createSkilljarClient({ apiKey: 'k', baseUrl: inject('mockApis').skilljar });
//
// The `declare module 'vitest'` below ships in this module's .d.ts, so `inject('mockApis')` is
// typed in any project that imports this module (its setup file does), with no local declaration.
import type { ProvidedContext } from 'vitest';
import { type MockServerOptions, type RunningMockServer, startMockServer } from './server.js';

declare module 'vitest' {
  // The property types match the declaration this repo's client tests (and earlier READMEs) had
  // users write in a local `env.d.ts`: both may meet in one program, and TypeScript requires the
  // two declarations of a property to agree.
  export interface ProvidedContext {
    /** The mock's origin, e.g. `http://127.0.0.1:41234` (its `/_requests`, `/_state` routes). */
    mockUrl: string;
    /** Each served API's base URL (`mockApis.skilljar`): pass it as a client's `baseUrl`. */
    mockApis: Record<string, string>;
    /** Provided only with `staticMock: true`: the static mock's origin. */
    staticMockUrl: string;
    /** Provided only with `staticMock: true`: each API's base URL on the static mock. */
    staticMockApis: Record<string, string>;
  }
}

export interface MockSetupOptions extends MockServerOptions {
  /**
   * Also start a second, static mock (every answer the spec's example, as `prism mock` answers)
   * on a free port, provided as `staticMockUrl` and `staticMockApis` (default false). It shares
   * this mock's `host`, `apis`, `root`, `dynamic`, `seed`, `specsDir`, `journalSize`,
   * `maxBodyBytes` and `onRequest`; the rest are stateful mode's.
   */
  staticMock?: boolean;
}

/** What a global setup function receives from vitest (its `TestProject`), as far as used here. */
export interface MockSetupContext {
  provide<T extends keyof ProvidedContext & string>(key: T, value: ProvidedContext[T]): void;
}

/** A vitest global setup: starts the servers, provides their URLs, resolves to their teardown. */
export type MockSetup = (project: MockSetupContext) => Promise<() => Promise<void>>;

/**
 * A vitest global setup starting the mock with these options (`port` defaults to 0 here: a free
 * port, so parallel CI jobs never collide). Export it as the default of a global-setup file.
 */
export function defineMockSetup(options: MockSetupOptions = {}): MockSetup {
  const { staticMock = false, ...serverOptions } = options;
  return async (project) => {
    const started = await Promise.allSettled([
      startMockServer({ ...serverOptions, port: serverOptions.port ?? 0 }),
      ...(staticMock ? [startMockServer(staticOptions(serverOptions))] : []),
    ]);
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const close = async () => {
      await Promise.all(servers.map((server) => server.close()));
    };
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      // One of the two failed: the other must not keep the test run's process alive.
      await close();
      throw failed.reason;
    }
    const [mock, staticServer] = servers as [RunningMockServer, RunningMockServer | undefined];
    project.provide('mockUrl', mock.url);
    project.provide('mockApis', mock.apis);
    if (staticServer) {
      project.provide('staticMockUrl', staticServer.url);
      project.provide('staticMockApis', staticServer.apis);
    }
    return close;
  };
}

/** The static mock's options: what decides which APIs it serves and how, on a free port. */
function staticOptions(options: MockServerOptions): MockServerOptions {
  const { host, apis, root, dynamic, seed, specsDir, journalSize, maxBodyBytes, onRequest } = options;
  const shared = { host, apis, root, dynamic, seed, specsDir, journalSize, maxBodyBytes, onRequest };
  const given = Object.entries(shared).filter(([, value]) => value !== undefined);
  return { ...Object.fromEntries(given), port: 0, mode: 'static' };
}
