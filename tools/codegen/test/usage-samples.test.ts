import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decorateBundle } from '../src/decorate.js';
import { eachOperation, eachWebhook, exampleRequest, mockBaseUrl } from '../src/example-request.js';
import { markProvenance, provenanceNote, SOURCE_PRESENTATION } from '../src/provenance-note.js';
import { curlSample, shellQuote } from '../src/sample-curl.js';
import { typescriptSample } from '../src/sample-typescript.js';
import { type ApiInfo, listApis } from '../src/specs.js';
import { TsCode, tsLiteral } from '../src/ts-literal.js';

/** A small API with what the generator has to handle: $refs, path-level parameters, arrays. */
function fixture() {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    servers: [{ url: 'https://{tenant}.example.com/api/v2', variables: { tenant: { default: 'acme' } } }],
    security: [{ basicAuth: [] }],
    paths: {
      '/courses/{course_id}/enrollments': {
        parameters: [{ $ref: '#/components/parameters/courseId' }],
        get: {
          operationId: 'listEnrollments',
          summary: 'List enrollments',
          'x-provenance': { source: 'vendor-reference' },
          parameters: [
            { name: 'page', in: 'query', schema: { type: 'integer' }, example: 2 },
            {
              name: 'status',
              in: 'query',
              required: true,
              style: 'form',
              explode: false,
              schema: { type: 'array', items: { type: 'string' } },
              example: ['active', 'done'],
            },
            { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', example: 't-1' } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: {} } } } },
        },
        post: {
          operationId: 'createEnrollment',
          summary: 'Enroll a user',
          'x-provenance': { source: 'public-integrations', note: 'Seen in two integrations.' },
          requestBody: {
            required: true,
            content: {
              'application/json': {
                examples: {
                  first: { $ref: '#/components/examples/Enrollment' },
                  second: { value: { user: 'ignored' } },
                },
              },
            },
          },
          responses: { '201': { $ref: '#/components/responses/Created' } },
        },
      },
      '/ping': {
        delete: {
          operationId: 'deletePing',
          summary: 'Delete the ping',
          security: [],
          'x-codeSamples': [{ lang: 'python', label: 'Python', source: 'print("hand-written")' }],
          responses: { '204': { description: 'gone' } },
        },
      },
    },
    webhooks: {
      COURSE_ENROLLMENT: {
        post: {
          operationId: 'receiveCourseEnrollment',
          summary: 'A user enrolled',
          description: 'Sent on enrollment.',
          'x-provenance': { source: 'vendor-documentation', note: 'Inferred body.' },
          requestBody: {
            content: { 'application/json': { example: { event_type: 'COURSE_ENROLLMENT' } } },
          },
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      parameters: {
        courseId: {
          name: 'course_id',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          example: 'c 1/x',
        },
      },
      examples: { Enrollment: { value: { user: "O'Brien", seats: 3, tags: [] } } },
      responses: { Created: { description: 'created', content: { 'application/json': { schema: {} } } } },
    },
  };
}

const info: ApiInfo = {
  api: 'fixture',
  title: 'Fixture',
  packageName: '@lms-apis/spec-fixture',
  dir: '/nowhere',
  bundleJson: '/nowhere/dist/openapi.json',
  bundleYaml: '/nowhere/dist/openapi.yaml',
  clientPackage: '@lms-apis/fixture-client',
  clientFactory: 'createFixtureClient',
  sampleSetup: {
    clientOptions: {
      auth: { type: "'basic'", user: "process.env.FIXTURE_USER ?? 'your-user'" },
      baseUrl: 'process.env.FIXTURE_BASE_URL',
    },
    curlAuth: "-u 'your-user:'",
  },
};

function entry(document: ReturnType<typeof fixture>, operationId: string) {
  const found = [...eachOperation(document)].find((item) => item.operation.operationId === operationId);
  if (!found) throw new Error(`no ${operationId}`);
  return found;
}

describe('tsLiteral', () => {
  it('prints JSON as TypeScript: bare keys, single quotes, inline when it fits', () => {
    expect(tsLiteral({ a: 1, 'b-c': "it's", d: [true, null] })).toBe(
      "{ a: 1, 'b-c': 'it\\'s', d: [true, null] }",
    );
    expect(tsLiteral({}, {})).toBe('{}');
    expect(tsLiteral('line\nbreak \\')).toBe("'line\\nbreak \\\\'");
  });

  it('breaks what does not fit, one entry per line with trailing commas', () => {
    const printed = tsLiteral({ title: 'x'.repeat(60), nested: { ok: true } }, { width: 40 });
    expect(printed).toBe(`{\n  title: '${'x'.repeat(60)}',\n  nested: { ok: true },\n}`);
  });

  it('prints TsCode as source', () => {
    expect(tsLiteral({ key: new TsCode('process.env.KEY') })).toBe('{ key: process.env.KEY }');
  });
});

describe('exampleRequest', () => {
  it('takes path parameters (path-level and $ref), required query and header parameters from their examples', () => {
    const document = fixture();
    const request = exampleRequest(document, entry(document, 'listEnrollments'));
    expect(request.parameters).toEqual([
      { name: 'course_id', in: 'path', value: 'c 1/x', style: 'simple', explode: false },
      { name: 'status', in: 'query', value: ['active', 'done'], style: 'form', explode: false },
      { name: 'X-Trace', in: 'header', value: 't-1', style: 'simple', explode: false },
    ]);
    expect(request.body).toBeUndefined();
    expect(request.noContent).toBe(false);
  });

  it("takes the body from the request body's first named example, following $refs", () => {
    const document = fixture();
    const request = exampleRequest(document, entry(document, 'createEnrollment'));
    expect(request.body).toEqual({
      mediaType: 'application/json',
      value: { user: "O'Brien", seats: 3, tags: [] },
    });
  });

  it('notices operations without a response body', () => {
    const document = fixture();
    expect(exampleRequest(document, entry(document, 'deletePing')).noContent).toBe(true);
  });

  it('refuses a required parameter without an example', () => {
    const document = fixture();
    delete (document.components.parameters.courseId as { example?: string }).example;
    expect(() => exampleRequest(document, entry(document, 'listEnrollments'))).toThrow(
      /GET \/courses\/\{course_id\}\/enrollments: the required path parameter "course_id" has no example/,
    );
  });

  it("maps the first server to the mock's prefix, keeping its base path", () => {
    expect(mockBaseUrl(fixture(), 'fixture')).toBe('http://127.0.0.1:4010/fixture/api/v2');
  });
});

describe('curlSample', () => {
  it('calls the mock with encoded path values, form-style query, headers and auth', () => {
    const document = fixture();
    const source = curlSample({
      baseUrl: 'http://127.0.0.1:4010/fixture/api/v2',
      path: '/courses/{course_id}/enrollments',
      method: 'get',
      request: exampleRequest(document, entry(document, 'listEnrollments')),
      auth: "-u 'your-user:'",
    });
    expect(source).toBe(
      [
        "curl 'http://127.0.0.1:4010/fixture/api/v2/courses/c%201%2Fx/enrollments?status=active,done' \\",
        "  -u 'your-user:' \\",
        "  -H 'X-Trace: t-1'",
        '',
      ].join('\n'),
    );
  });

  it('sends the JSON body, quoted for the shell', () => {
    const document = fixture();
    const source = curlSample({
      baseUrl: 'http://mock',
      path: '/courses/{course_id}/enrollments',
      method: 'post',
      request: exampleRequest(document, entry(document, 'createEnrollment')),
      auth: undefined,
    });
    expect(source).toContain("curl -X POST 'http://mock/courses/c%201%2Fx/enrollments' \\\n");
    expect(source).toContain("  -H 'Content-Type: application/json' \\\n");
    expect(source).toContain(`"user": "O'\\''Brien"`);
  });

  it('quotes for POSIX shells', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('typescriptSample', () => {
  it('creates the client from the sample setup and makes one typed call', () => {
    const document = fixture();
    const source = typescriptSample({
      clientPackage: info.clientPackage,
      clientFactory: info.clientFactory,
      clientOptions: info.sampleSetup.clientOptions,
      mockUrl: 'http://127.0.0.1:4010/fixture/api/v2',
      path: '/courses/{course_id}/enrollments',
      method: 'get',
      request: exampleRequest(document, entry(document, 'listEnrollments')),
    });
    expect(source).toBe(
      [
        "import { createFixtureClient } from '@lms-apis/fixture-client';",
        '',
        '// Calls production; to call the mock server instead, set',
        '// FIXTURE_BASE_URL=http://127.0.0.1:4010/fixture/api/v2',
        'const client = createFixtureClient({',
        "  auth: { type: 'basic', user: process.env.FIXTURE_USER ?? 'your-user' },",
        '  baseUrl: process.env.FIXTURE_BASE_URL,',
        '});',
        '',
        "const { data, error, response } = await client.GET('/courses/{course_id}/enrollments', {",
        '  params: {',
        "    path: { course_id: 'c 1/x' },",
        "    query: { status: ['active', 'done'] },",
        "    header: { 'X-Trace': 't-1' },",
        '  },',
        '});',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample's template literal.
        'if (error) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);',
        'console.log(data);',
        '',
      ].join('\n'),
    );
  });

  it('logs the status of calls that answer without a body', () => {
    const document = fixture();
    const source = typescriptSample({
      clientPackage: info.clientPackage,
      clientFactory: info.clientFactory,
      clientOptions: info.sampleSetup.clientOptions,
      mockUrl: 'http://mock',
      path: '/ping',
      method: 'delete',
      request: exampleRequest(document, entry(document, 'deletePing')),
    });
    expect(source).toContain("const { error, response } = await client.DELETE('/ping');\n");
    expect(source).toContain('console.log(response.status);\n');
  });
});

describe('provenance note', () => {
  it('marks operations observed in public integrations with a callout and a badge', () => {
    const operation: Record<string, unknown> = {
      description: 'Original.',
      'x-provenance': { source: 'public-integrations', note: 'Line one.\nLine two.' },
    };
    markProvenance(operation);
    expect(operation.description).toBe(
      [
        '> **Provenance:** Observed in public integrations, not on a vendor reference page. Line one.',
        '> Line two.',
        '',
        'Original.',
      ].join('\n'),
    );
    expect(provenanceNote({ source: 'public-integrations', note: 'Seen in public integrations only.' })).toBe(
      '> **Provenance:** Seen in public integrations only.',
    );
    expect(operation['x-badges']).toEqual([
      { name: 'Observed', color: expect.any(String), position: 'after' },
    ]);
  });

  it('gives operations from vendor pages a provenance line and a badge of their own', () => {
    const reference: Record<string, unknown> = {
      description: 'Original.',
      'x-provenance': { source: 'vendor-reference', note: 'The page size\nis not stated.' },
    };
    markProvenance(reference);
    expect(reference.description).toBe(
      "_**Provenance:** Transcribed from the vendor's API reference page. The page size is not stated._\n\nOriginal.",
    );
    expect(reference['x-badges']).toEqual([
      { name: 'Vendor ref', color: expect.any(String), position: 'after' },
    ]);

    const documentation: Record<string, unknown> = {
      'x-provenance': { source: 'vendor-documentation' },
      'x-badges': [{ name: 'Beta', color: '#eee' }],
    };
    markProvenance(documentation);
    expect(documentation.description).toBe(
      "_**Provenance:** Modelled from the vendor's wider documentation, not from an API reference page._\n",
    );
    expect(documentation['x-badges']).toEqual([
      { name: 'Beta', color: '#eee' },
      { name: 'Vendor docs', color: expect.any(String), position: 'after' },
    ]);
  });

  it("keeps a note that already says where the operation comes from as the line's only words", () => {
    expect(
      provenanceNote({
        source: 'vendor-reference',
        note: "Transcribed from the vendor's `GET /x` reference.",
      }),
    ).toBe("_**Provenance:** Transcribed from the vendor's `GET /x` reference._");
    expect(
      provenanceNote({
        source: 'vendor-documentation',
        note: 'Modelled from the vendor documentation facts.',
      }),
    ).toBe('_**Provenance:** Modelled from the vendor documentation facts._');
  });

  it('gives each source its own badge, and only the observed one a callout', () => {
    const sources = Object.keys(SOURCE_PRESENTATION);
    expect(sources.sort()).toEqual(['public-integrations', 'vendor-documentation', 'vendor-reference']);
    const badges = new Set(sources.map((source) => SOURCE_PRESENTATION[source]?.badge.name));
    expect(badges.size).toBe(sources.length);
    const callouts = sources.filter((source) => provenanceNote({ source, note: 'x' })?.startsWith('> '));
    expect(callouts).toEqual(['public-integrations']);
  });

  it('leaves operations without a known source alone, and marks an operation once', () => {
    expect(provenanceNote({ source: 'hearsay', note: 'x' })).toBeUndefined();
    expect(provenanceNote({ source: 'toString', note: 'x' })).toBeUndefined();
    expect(provenanceNote(undefined)).toBeUndefined();
    const unknown = { description: 'Original.', 'x-provenance': { source: 'hearsay' } };
    markProvenance(unknown);
    expect(unknown).toEqual({ description: 'Original.', 'x-provenance': { source: 'hearsay' } });

    const operation = { description: 'Original.', 'x-provenance': { source: 'vendor-reference', note: 'n' } };
    markProvenance(operation);
    const once = structuredClone(operation);
    markProvenance(operation);
    expect(operation).toEqual(once);
  });
});

describe('provenance in the built bundles', () => {
  // The bundles are build outputs: the test run follows `turbo run build`, which bundles every spec.
  for (const api of listApis()) {
    it(`${api.api}: every operation opens with its provenance line and wears its badge`, async () => {
      const document = JSON.parse(await readFile(api.bundleJson, 'utf8'));
      let operations = 0;
      for (const { operation } of [...eachOperation(document), ...eachWebhook(document)]) {
        const provenance = operation['x-provenance'] as { source: string };
        const line = provenanceNote(provenance);
        expect(line, `${operation.operationId} has a known source`).toBeDefined();
        expect(String(operation.description).startsWith(`${line}\n`), operation.operationId).toBe(true);
        const badges = (operation['x-badges'] ?? []) as Array<{ name: string }>;
        expect(badges.map((badge) => badge.name)).toContain(
          SOURCE_PRESENTATION[provenance.source]?.badge.name,
        );
        operations += 1;
      }
      expect(operations).toBeGreaterThan(0);
    });
  }
});

describe('decorateBundle', () => {
  it('gives every operation a TypeScript and a curl sample, keeping hand-written ones', () => {
    const document = decorateBundle(fixture(), info);
    for (const { operation } of eachOperation(document)) {
      const samples = operation['x-codeSamples'] as Array<{ lang: string; label: string; source: string }>;
      expect(samples.slice(0, 2).map((sample) => [sample.lang, sample.label])).toEqual([
        ['typescript', 'TypeScript'],
        ['shell', 'curl'],
      ]);
    }
    const ping = document.paths['/ping'].delete as {
      'x-codeSamples': Array<{ label: string; source: string }>;
    };
    expect(ping['x-codeSamples'].map((sample) => sample.label)).toEqual(['TypeScript', 'curl', 'Python']);
    // `security: []`: no credentials on the curl line.
    expect(ping['x-codeSamples'][1]?.source).toBe(
      "curl -X DELETE 'http://127.0.0.1:4010/fixture/api/v2/ping'\n",
    );
    const create = document.paths['/courses/{course_id}/enrollments'].post as { description: string };
    expect(create.description).toMatch(/^> \*\*Provenance:\*\* Observed in public integrations/);
    // Every operation says where it comes from; the fixture's others have no note of their own.
    const list = document.paths['/courses/{course_id}/enrollments'].get as { description: string };
    expect(list.description).toMatch(
      /^_\*\*Provenance:\*\* Transcribed from the vendor's API reference page\._\n/,
    );
  });

  it('gives webhooks their provenance line and badge, and no usage samples (nothing calls them)', () => {
    const webhook = decorateBundle(fixture(), info).webhooks.COURSE_ENROLLMENT.post as {
      description: string;
      'x-badges': Array<{ name: string }>;
      'x-codeSamples'?: unknown;
    };
    expect(webhook.description).toBe(
      "_**Provenance:** Modelled from the vendor's wider documentation, not from an API reference page. Inferred body._\n\nSent on enrollment.",
    );
    expect(webhook['x-badges'].map((badge) => badge.name)).toEqual(['Vendor docs']);
    expect(webhook['x-codeSamples']).toBeUndefined();
  });

  it('is stable: decorating the same bundle twice gives the same document', () => {
    const once = decorateBundle(fixture(), info);
    const twice = decorateBundle(structuredClone(once), info);
    expect(twice).toEqual(once);
  });
});
