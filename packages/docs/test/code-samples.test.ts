// The usage samples in the bundles (x-codeSamples) are generated, so they can't be typo'd, but
// they can drift from the clients: this type-checks every TypeScript sample against the real
// client packages, and proves the check fails on a broken sample.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis } from '@lms-apis/codegen/specs';
import { beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Gitignored; inside the package so `@lms-apis/*-client` resolve as the docs' devDependencies. */
const workDir = path.resolve(here, '../.sample-check/types');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

interface Sample {
  api: string;
  operationId: string;
  method: string;
  path: string;
  typescript: string | undefined;
  curl: string | undefined;
  count: number;
}

async function loadSamples(): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const api of listApis()) {
    const document = JSON.parse(await readFile(api.bundleJson, 'utf8'));
    for (const [pathTemplate, item] of Object.entries<Record<string, unknown>>(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as { operationId: string; 'x-codeSamples'?: CodeSample[] } | undefined;
        if (!operation) continue;
        const codeSamples = operation['x-codeSamples'] ?? [];
        samples.push({
          api: api.api,
          operationId: operation.operationId,
          method,
          path: pathTemplate,
          typescript: codeSamples.find((sample) => sample.lang === 'typescript')?.source,
          curl: codeSamples.find((sample) => sample.label === 'curl')?.source,
          count: codeSamples.length,
        });
      }
    }
  }
  return samples;
}

/** Deliberately wrong calls, made from real samples so they follow the generator's output. */
function brokenSamples(samples: Sample[]): Record<string, string> {
  const source = (operationId: string) => {
    const found = samples.find((sample) => sample.api === 'skilljar' && sample.operationId === operationId);
    if (!found?.typescript) throw new Error(`no TypeScript sample for skilljar ${operationId}`);
    return found.typescript;
  };
  const mutate = (text: string, from: string | RegExp, to: string) => {
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`the mutation ${String(from)} changed nothing`);
    return changed;
  };
  return {
    'unknown-path': mutate(source('listCourses'), "client.GET('/v1/courses'", "client.GET('/v1/coursez'"),
    'misnamed-path-parameter': mutate(source('updateCourse'), 'course_id:', 'courseId:'),
    'wrong-body-type': mutate(source('createCourse'), /title: '[^']*'/, 'title: 42'),
  };
}

interface Diagnostic {
  file: string;
  line: number;
  message: string;
}

/** Runs tsc once over the folder; the exit code is ignored, the diagnostics are the result. */
function typeCheck(project: string): Promise<{ diagnostics: Diagnostic[]; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '--project', project, '--pretty', 'false'],
      { cwd: path.dirname(project), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        const output = stdout + stderr;
        const diagnostics = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].map(
          (match) => ({
            file: path.resolve(path.dirname(project), match[1] as string),
            line: Number(match[2]),
            message: match[3] as string,
          }),
        );
        resolve({ diagnostics, output });
      },
    );
  });
}

let samples: Sample[] = [];

beforeAll(async () => {
  samples = await loadSamples();
});

describe('usage samples (x-codeSamples)', () => {
  it('every operation of every API has one TypeScript and one curl sample', () => {
    expect(samples.length).toBeGreaterThan(0);
    const missing = samples.filter((sample) => !sample.typescript || !sample.curl || sample.count !== 2);
    expect(missing.map((sample) => `${sample.api} ${sample.operationId}`)).toEqual([]);
  });

  it('TypeScript samples call their operation through the API client package', () => {
    for (const api of listApis()) {
      for (const sample of samples.filter((candidate) => candidate.api === api.api)) {
        expect(sample.typescript).toContain(`import { ${api.clientFactory} } from '${api.clientPackage}';`);
        expect(sample.typescript).toContain(`await client.${sample.method.toUpperCase()}('${sample.path}'`);
      }
    }
  });

  it('curl samples call the mock server', () => {
    for (const sample of samples) {
      expect(sample.curl).toMatch(
        new RegExp(`^curl (-X ${sample.method.toUpperCase()} )?'http://127\\.0\\.0\\.1:4010/${sample.api}/`),
      );
    }
  });

  it('every TypeScript sample type-checks against the client packages (strict, NodeNext), and a broken one does not', async () => {
    await rm(workDir, { recursive: true, force: true });
    // file -> which operation it is, for messages
    const files = new Map<string, string>();
    for (const sample of samples) {
      const file = path.join(workDir, sample.api, `${sample.operationId}.mts`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, sample.typescript ?? '');
      files.set(file, `${sample.api} ${sample.operationId}`);
    }
    const broken = brokenSamples(samples);
    for (const [name, source] of Object.entries(broken)) {
      await mkdir(path.join(workDir, 'broken'), { recursive: true });
      await writeFile(path.join(workDir, 'broken', `${name}.mts`), source);
    }
    const project = path.join(workDir, 'tsconfig.json');
    await writeFile(
      project,
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'DOM'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noUncheckedIndexedAccess: true,
            noEmit: true,
            skipLibCheck: true,
            types: ['node'],
          },
          include: ['**/*.mts'],
        },
        null,
        2,
      )}\n`,
    );

    const { diagnostics, output } = await typeCheck(project);

    const inSamples = diagnostics.filter((diagnostic) => files.has(diagnostic.file));
    expect(
      inSamples.map((d) => `${files.get(d.file)} line ${d.line}: ${d.message}`),
      'diagnostics in generated samples',
    ).toEqual([]);
    for (const name of Object.keys(broken)) {
      const file = path.join(workDir, 'broken', `${name}.mts`);
      expect(
        diagnostics.some((diagnostic) => diagnostic.file === file),
        `tsc reports the broken sample "${name}"\n${output}`,
      ).toBe(true);
    }
    // Nothing else may fail (e.g. a client package that doesn't resolve, or a bad tsconfig).
    expect(output.match(/^error TS\d+:.*$/gm) ?? []).toEqual([]);
    const elsewhere = diagnostics.filter(
      (diagnostic) =>
        !files.has(diagnostic.file) && !diagnostic.file.startsWith(path.join(workDir, 'broken')),
    );
    expect(elsewhere).toEqual([]);
    expect(files.size).toBe(samples.length);
  }, 180_000);
});
