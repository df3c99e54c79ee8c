// Contract tests against the static mock (every answer is the spec's example), so each call can be
// compared with the example it should return. The stateful flows are in stateful.test.ts.
import { ApiError, isApiError } from '@lms-apis/client-core';
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import { type components, createSkilljarClient, type SkilljarErrorBody } from '../src/index.js';
import { listOperations, loadSkilljarSpec, type SpecOperation } from './spec-operations.js';
import { untypedMethod } from './untyped-call.js';

// Contract tests: the real client against the real mock server (started by the global setup).
// The table-driven part reads the bundled spec, so every operation is called, whatever is added.
const baseUrl = inject('staticMockApis').skilljar;
if (!baseUrl) throw new Error('The mock server global setup provided no Skilljar base URL.');
const apiKey = 'sk-test-api-key';
const operations = listOperations(loadSkilljarSpec());

type Course = components['schemas']['Course'];
type Enrollment = components['schemas']['Enrollment'];

function client(options: { throwOnError?: boolean; fetch?: (request: Request) => Promise<Response> } = {}) {
  return createSkilljarClient({ baseUrl, apiKey, retry: false, ...options });
}

function call(operation: SpecOperation, body: unknown) {
  return untypedMethod(client(), operation.method)(operation.path, {
    params: { path: operation.pathParams, query: operation.query },
    ...(operation.hasBody ? { body } : {}),
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `validation` list of Prism's problem+json answer to an invalid request. */
function validationOf(problem: unknown): unknown[] {
  if (isPlainObject(problem) && Array.isArray(problem.validation)) return problem.validation;
  throw new Error(`Not a problem+json body with a validation list: ${JSON.stringify(problem)}`);
}

/** One case per required property of every POST body: the example without that property. */
const missingFieldCases = operations
  .filter((candidate) => candidate.method === 'POST' && candidate.requiredBodyFields.length > 0)
  .flatMap((candidate) =>
    candidate.requiredBodyFields.map(
      (field) => [`${candidate.label} without ${field}`, candidate, field] as const,
    ),
  );

describe('every Skilljar operation against the mock', () => {
  it('reads all 130 operations from the bundle, each with a unique operationId', () => {
    expect(operations).toHaveLength(130);
    expect(new Set(operations.map((candidate) => candidate.operationId)).size).toBe(130);
  });

  it.each(operations.map((candidate) => [candidate.label, candidate] as const))(
    '%s answers its documented status and first example',
    async (_label, candidate) => {
      const { data, response } = await call(candidate, candidate.body);
      // No violation of the request (or of the served example against its schema).
      expect(response.headers.get('sl-violations')).toBeNull();
      expect(response.status).toBe(candidate.successStatus);
      if (candidate.hasJsonResponse) expect(data).toEqual(candidate.responseExample);
      else expect(data).toBeUndefined();
    },
  );
});

describe('invalid requests', () => {
  it('covers every POST except those whose body has no required property', () => {
    const covered = new Set(missingFieldCases.map(([, candidate]) => candidate.operationId));
    const uncovered = operations
      .filter((candidate) => candidate.method === 'POST' && !covered.has(candidate.operationId))
      .map((candidate) => candidate.operationId)
      .sort();
    // Anonymize takes no body; the other four bodies mark no property as required.
    expect(uncovered).toEqual([
      'anonymizeUser',
      'createAccessCode',
      'createAsset',
      'createDomainUserInvite',
      'createViltSessionRegistration',
    ]);
    expect(covered.size).toBe(25);
  });

  it.each(missingFieldCases)('%s is answered 422 naming the field', async (_label, candidate, field) => {
    const example = candidate.body;
    if (!isPlainObject(example)) throw new Error(`${candidate.label}: the body example is not an object.`);
    expect(example).toHaveProperty(field);
    const { [field]: _removed, ...body } = example;

    const { error, response } = await call(candidate, body);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({ status: 422, title: 'Invalid request' });
    const validation = validationOf(error);
    expect(validation).toContainEqual({
      location: ['body'],
      severity: 'Error',
      code: 'required',
      message: `Request body must have required property '${field}'`,
    });
    // Nothing else is missing: only the one removed property is reported as required.
    expect(
      validation.filter((violation) => isPlainObject(violation) && violation.code === 'required'),
    ).toHaveLength(1);
  });

  it('is answered 401 without credentials', async () => {
    const response = await fetch(`${baseUrl}/v1/courses`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="api"');
    expect(await response.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('is answered 401 with a bearer token instead of Basic credentials', async () => {
    const response = await fetch(`${baseUrl}/v1/courses`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(401);
  });
});

describe('typed calls', () => {
  it('sends the API key as the Basic username with an empty password', async () => {
    let authorization = '';
    const skilljar = client({
      fetch: (request) => {
        authorization = request.headers.get('authorization') ?? '';
        return fetch(request);
      },
    });
    const { response } = await skilljar.GET('/v1/ping');
    expect(response.status).toBe(200);
    expect(authorization).toBe(`Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`);
  });

  it('lists courses', async () => {
    const { data, error, response } = await client().GET('/v1/courses', {
      params: { query: { page: 1, page_size: 100 } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectTypeOf(data?.count).toEqualTypeOf<number | undefined>();
    expect(data?.count).toBe(2079);
    expect(data?.next).toBeNull();
    const first = data?.results?.[0];
    expectTypeOf(first).toEqualTypeOf<Course | undefined>();
    expect(first?.title).toBe('Cat Stuff');
    expect(first?.labels).toEqual(['Cat', 'Bird']);
  });

  it('creates an enrollment in a published course', async () => {
    const { data, error, response } = await client().POST(
      '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments',
      {
        params: { path: { domain_name: 'example.com', published_course_id: 'abcdefg123456' } },
        body: {
          user: { id: 'abcde12345' },
          enrolled_at: '2018-03-12T10:12:45Z',
          expires_at: '2018-05-12T10:12:45Z',
          active: true,
        },
      },
    );
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expectTypeOf(data).toEqualTypeOf<Enrollment | undefined>();
    expect(data?.user.email).toBe('jane@doe.com');
    expect(data?.active).toBe(true);
  });

  it('rejects an enrollment without a user, at compile time and at the mock', async () => {
    const { error, response } = await client().POST(
      '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments',
      {
        params: { path: { domain_name: 'example.com', published_course_id: 'abcdefg123456' } },
        // @ts-expect-error `user` is required
        body: { active: true },
      },
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(error)).toContain("must have required property 'user'");
  });

  it('paginates through the course list', async () => {
    const titles: string[] = [];
    for await (const course of client().paginate('/v1/courses', { params: { query: { page_size: 100 } } })) {
      expectTypeOf(course).toEqualTypeOf<Course>();
      titles.push(course.title);
    }
    expect(titles).toEqual(['Cat Stuff']);
  });

  it('returns the typed error body of a 404', async () => {
    const { data, error, response } = await client().GET('/v1/domains/{domain_name}', {
      params: { path: { domain_name: 'example.com' } },
      headers: { Prefer: 'code=404' },
    });
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expectTypeOf(error).toEqualTypeOf<components['schemas']['ErrorDetail'] | undefined>();
    expect(error?.detail).toBe('Not found.');
  });

  it('throws ApiError when throwOnError is set', async () => {
    const failure = await client({ throwOnError: true })
      .GET('/v1/domains/{domain_name}', {
        params: { path: { domain_name: 'example.com' } },
        headers: { Prefer: 'code=404' },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    if (!isApiError<SkilljarErrorBody>(failure)) throw failure;
    expectTypeOf(failure.body).toEqualTypeOf<SkilljarErrorBody | undefined>();
    expect(failure).toMatchObject({
      kind: 'http',
      status: 404,
      operation: 'GET /v1/domains/{domain_name}',
      body: { detail: 'Not found.' },
    });
    expect(failure.message).toContain('answered 404: Not found.');
    expect(failure.url).not.toContain(apiKey);
  });

  it('rejects an unknown path at compile time; the mock answers it 404', async () => {
    // @ts-expect-error no such path (the course list is /v1/courses)
    const { response } = await client().GET('/v1/course');
    expect(response.status).toBe(404);
  });

  it('paginates only list operations: a single object is refused at compile time and at run time', async () => {
    const walk = async () => {
      // @ts-expect-error a domain read answers one domain, not a page
      for await (const item of client().paginate('/v1/domains/{domain_name}', {
        params: { path: { domain_name: 'example.com' } },
      }))
        void item;
    };
    await expect(walk()).rejects.toThrow('Expected a page with an array in "results".');
  });
});
