// `@lms-apis/mock-server/vitest` and the ready-made global setup, called as vitest calls them:
// with a project whose `provide` receives the URLs the tests will `inject`.
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { type RunningMockServer, startMockServer } from '../dist/server.js';
import { defineMockSetup, type MockSetupContext } from '../dist/vitest.js';
import * as readyMade from '../dist/vitest-global-setup.js';
import { SPECS_DIR } from './requests.js';

function recordingProject(): MockSetupContext & { provided: Record<string, unknown> } {
  const provided: Record<string, unknown> = {};
  return {
    provided,
    provide(key, value) {
      provided[key] = value;
    },
  };
}

const AUTH = { authorization: `Basic ${Buffer.from('key:').toString('base64')}` };

/** Creates a course and reports whether the list shows it: true on a stateful mock only. */
async function keepsWrites(skilljarUrl: string): Promise<boolean> {
  const title = `Setup test ${Math.random()}`;
  const created = await fetch(`${skilljarUrl}/v1/courses`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ title, short_description: 's', enforce_sequential_navigation: false }),
  });
  expect(created.status).toBe(201);
  const list = (await (await fetch(`${skilljarUrl}/v1/courses`, { headers: AUTH })).json()) as {
    results: Array<{ title: string }>;
  };
  return list.results.some((course) => course.title === title);
}

// The real startMockServer, watched: a test can reach every server the setup started.
vi.mock(import('../dist/server.js'), async (original) => {
  const server = await original();
  return { ...server, startMockServer: vi.fn(server.startMockServer) };
});

describe('defineMockSetup', () => {
  it('starts the stateful mock on a free port and provides its URLs, no static mock unless asked', async () => {
    const project = recordingProject();
    const teardown = await defineMockSetup({ specsDir: SPECS_DIR })(project);
    try {
      expect(Object.keys(project.provided).sort()).toEqual(['mockApis', 'mockUrl']);
      const apis = project.provided.mockApis as Record<string, string>;
      expect(Object.keys(apis).sort()).toEqual(['samsara', 'skilljar', 'snworks', 'thrive']);
      expect(project.provided.mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(project.provided.mockUrl).not.toBe('http://127.0.0.1:4010');
      expect(await keepsWrites(apis.skilljar as string)).toBe(true);
    } finally {
      await teardown();
    }
    await expect(fetch(`${project.provided.mockUrl}/_health`)).rejects.toThrow();
  });

  it('passes the server options on, and starts a static mock beside it when asked', async () => {
    const project = recordingProject();
    const teardown = await defineMockSetup({ specsDir: SPECS_DIR, apis: ['skilljar'], staticMock: true })(
      project,
    );
    try {
      const apis = project.provided.mockApis as Record<string, string>;
      const staticApis = project.provided.staticMockApis as Record<string, string>;
      expect(Object.keys(apis)).toEqual(['skilljar']);
      expect(Object.keys(staticApis)).toEqual(['skilljar']);
      expect(project.provided.staticMockUrl).not.toBe(project.provided.mockUrl);
      expect(await keepsWrites(apis.skilljar as string)).toBe(true);
      expect(await keepsWrites(staticApis.skilljar as string)).toBe(false);
    } finally {
      await teardown();
    }
  });

  it('rejects when a server cannot start, leaving none listening', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    vi.mocked(startMockServer).mockClear();
    try {
      const setup = defineMockSetup({ specsDir: SPECS_DIR, port, staticMock: true });
      await expect(setup(recordingProject())).rejects.toThrow(`Port in use: 127.0.0.1:${port}`);
      const [main, staticMock] = vi.mocked(startMockServer).mock.results;
      await expect(main?.value).rejects.toThrow();
      // The static mock did start: it must be closed again.
      const started: RunningMockServer = await staticMock?.value;
      await expect(fetch(`${started.url}/_health`)).rejects.toThrow();
    } finally {
      taken.close();
    }
  });
});

describe('the ready-made vitest-global-setup', () => {
  it('provides the stateful mock and a static one, and closes both', async () => {
    const project = recordingProject();
    await readyMade.setup(project);
    try {
      expect(Object.keys(project.provided).sort()).toEqual([
        'mockApis',
        'mockUrl',
        'staticMockApis',
        'staticMockUrl',
      ]);
      const apis = project.provided.mockApis as Record<string, string>;
      const staticApis = project.provided.staticMockApis as Record<string, string>;
      expect(await keepsWrites(apis.skilljar as string)).toBe(true);
      expect(await keepsWrites(staticApis.skilljar as string)).toBe(false);
    } finally {
      await readyMade.teardown();
    }
    for (const url of [project.provided.mockUrl, project.provided.staticMockUrl])
      await expect(fetch(`${url}/_health`)).rejects.toThrow();
  });
});
