// The usage samples must work, not just compile: run every TypeScript sample and every curl sample
// against the real mock server and expect a 2xx answer.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ApiInfo, listApis } from '@lms-apis/codegen/specs';
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withLoopbackWebhookTargets } from './webhook-targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const runDir = path.resolve(here, '../.sample-check/run');
const SAMPLE_MOCK_ORIGIN = 'http://127.0.0.1:4010';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const CURL = ['/usr/bin/curl', '/bin/curl'].find((candidate) => existsSync(candidate));

interface Sample {
  api: ApiInfo;
  operationId: string;
  typescript: string;
  curl: string;
}

async function loadSamples(): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const api of listApis()) {
    const document = JSON.parse(await readFile(api.bundleJson, 'utf8'));
    for (const item of Object.values<Record<string, unknown>>(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as
          | { operationId: string; 'x-codeSamples': Array<{ lang: string; label: string; source: string }> }
          | undefined;
        if (!operation) continue;
        const find = (match: (sample: { lang: string; label: string }) => boolean) =>
          operation['x-codeSamples'].find(match)?.source ?? '';
        samples.push({
          api,
          operationId: operation.operationId,
          typescript: withLoopbackWebhookTargets(find((sample) => sample.lang === 'typescript')),
          curl: withLoopbackWebhookTargets(find((sample) => sample.label === 'curl')),
        });
      }
    }
  }
  return samples;
}

/** The environment variable a sample reads its base URL from (see lms.sampleSetup). */
function baseUrlVariable(api: ApiInfo): string {
  const expression = api.sampleSetup.clientOptions.baseUrl;
  const name = typeof expression === 'string' ? /process\.env\.(\w+)/.exec(expression)?.[1] : undefined;
  if (!name)
    throw new Error(`${api.api}: lms.sampleSetup.clientOptions.baseUrl reads no environment variable`);
  return name;
}

/**
 * Runs curl samples, each in its own mock session (so against the seed, as it was written), one
 * after the other in one bash: what each printed (its status, or curl's error), by sample. One
 * shell rather than one per sample: spawning a process from this busy worker, 154 times, took the
 * test from 1 s alone to 36 s beside the other test kinds.
 */
function runCurls(commands: Array<{ source: string; session: string }>): Promise<string[]> {
  const script = commands
    .map(
      ({ source, session }, index) =>
        `echo '@@ ${index}'\n${source.trimEnd()} -H 'X-Mock-Session: ${session}' -sS -o /dev/null -w '%{http_code}' 2>&1\necho`,
    )
    .join('\n');
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const printed = new Array<string>(commands.length).fill('(did not run)');
      for (const section of stdout.split(/^@@ /m).slice(1)) {
        const [index = '', ...output] = section.split('\n');
        printed[Number(index)] = output.join('\n').trim();
      }
      resolve(printed);
    });
  });
}

/**
 * Node's own `import()`, not vitest's: a sample is a plain ES module, as a reader runs it, and not
 * one of the 154 files needs vitest's transform pipeline (2.9 -> 2.1 s for them all, alone).
 */
const importNatively: (url: string) => Promise<unknown> = createRequire(import.meta.url)(
  './native-import.cjs',
);

let mock: RunningMockServer;
let samples: Sample[] = [];

beforeAll(async () => {
  samples = await loadSamples();
  mock = await startMockServer({ port: 0 });
});

afterAll(async () => {
  await mock?.close();
});

describe('usage samples against the mock server', () => {
  it('every TypeScript sample runs and gets a 2xx answer', async () => {
    await rm(runDir, { recursive: true, force: true });
    const saved = { ...process.env };
    // Samples read their base URL from the environment; point every API at the mock, and make
    // sure nothing else is called.
    for (const api of listApis()) process.env[baseUrlVariable(api)] = mock.apis[api.api];
    const realFetch = globalThis.fetch;
    let calls = 0;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      calls += 1;
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== mock.url) return Promise.reject(new Error(`a sample called ${url.origin}`));
      return realFetch(input, init);
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const failures: string[] = [];
    try {
      for (const sample of samples) {
        // Each sample is written for a fresh `pnpm start`: run it against the seed, not against
        // what the samples before it created or deleted.
        mock.reset();
        const { outputText } = ts.transpileModule(sample.typescript, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        });
        const file = path.join(runDir, sample.api.api, `${sample.operationId}.mjs`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, outputText);
        // A sample throws when the call answers with an error.
        await importNatively(pathToFileURL(file).href).catch((error: Error) => {
          failures.push(`${sample.api.api} ${sample.operationId}: ${error.message}`);
        });
      }
    } finally {
      log.mockRestore();
      fetchSpy.mockRestore();
      process.env = saved;
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(samples.length);
  }, 120_000);

  it.skipIf(!CURL)(
    'every curl sample gets a 2xx answer',
    async () => {
      const printed = await runCurls(
        samples.map((sample) => ({
          source: sample.curl.replaceAll(SAMPLE_MOCK_ORIGIN, mock.url),
          session: `curl-${sample.api.api}-${sample.operationId}`,
        })),
      );
      const failures = samples
        .map((sample, index) => `${sample.api.api} ${sample.operationId}: ${printed[index]}`)
        .filter((line) => !/: 2\d\d$/.test(line));
      expect(failures.sort()).toEqual([]);
    },
    120_000,
  );
});
