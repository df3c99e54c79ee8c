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

/**
 * Whether a body has the shape of Django REST framework's 400 answer: every key maps to a list of
 * messages (or, for a list of nested objects, of error maps) or to a nested error map. Prism's
 * problem+json (`{ type, title, status, detail, validation }`) does not.
 */
function isValidationErrorBody(body: unknown): body is Record<string, unknown> {
  if (!isPlainObject(body) || Object.keys(body).length === 0) return false;
  return Object.values(body).every(
    (value) =>
      (Array.isArray(value) &&
        value.every((message) => typeof message === 'string' || isValidationErrorBody(message))) ||
      isValidationErrorBody(value),
  );
}

/** The violations the mock reports for a request in the `sl-violations` header. */
function violationsOf(response: Response): unknown[] {
  const header = response.headers.get('sl-violations');
  if (header === null) throw new Error('The mock reported no violations (no sl-violations header).');
  const violations: unknown = JSON.parse(header);
  if (!Array.isArray(violations)) throw new Error(`sl-violations is not a list: ${header}`);
  return violations;
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
  it('reads all 131 operations from the bundle, each with a unique operationId', () => {
    expect(operations).toHaveLength(131);
    expect(new Set(operations.map((candidate) => candidate.operationId)).size).toBe(131);
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
    expect(covered.size).toBe(26);
  });

  // Skilljar is a Django REST framework API: invalid input is answered 400 with a map of field
  // names to messages, which every operation with a body documents, so the mock answers that
  // (not Prism's own 422 problem+json) and reports the actual violation in `sl-violations`.
  it.each(missingFieldCases)(
    '%s is answered 400 (the documented error map), naming the field',
    async (_label, candidate, field) => {
      const example = candidate.body;
      if (!isPlainObject(example)) throw new Error(`${candidate.label}: the body example is not an object.`);
      expect(example).toHaveProperty(field);
      const { [field]: _removed, ...body } = example;

      const { error, response } = await call(candidate, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(isValidationErrorBody(error)).toBe(true);
      const violations = violationsOf(response);
      expect(violations).toContainEqual({
        location: ['request', 'body'],
        severity: 'Error',
        code: 'required',
        message: `Request body must have required property '${field}'`,
      });
      // Nothing else is missing: only the one removed property is reported as required.
      expect(
        violations.filter((violation) => isPlainObject(violation) && violation.code === 'required'),
      ).toHaveLength(1);
    },
  );

  it('documents the 400 error map on every operation that takes a body or query parameters', () => {
    const spec = loadSkilljarSpec();
    const withoutInput = operations
      .filter((candidate) => {
        const operation = operationObject(spec, candidate);
        const responses = isPlainObject(operation.responses) ? operation.responses : {};
        return !('400' in responses);
      })
      .map((candidate) => candidate.operationId)
      .sort();
    // Only operations with neither a body nor a query parameter go without a 400.
    expect(withoutInput).toEqual([
      'anonymizeUser',
      'deletePromoCodePool',
      'getAccessCode',
      'getAsset',
      'getDomain',
      'getDomainAccessCodePool',
      'getPlanEnrollment',
      'getPublishedCourseEnrollment',
      'getPublishedPathEnrollment',
      'getPurchase',
      'getWebPackage',
      'ping',
    ]);
  });

  it('answers a list with a bad query parameter with the documented 400 map', async () => {
    const { error, response } = await untypedMethod(client(), 'GET')('/v1/courses', {
      params: { query: { page: 'first' } },
    });
    expect(response.status).toBe(400);
    expect(isValidationErrorBody(error)).toBe(true);
    expect(JSON.stringify(violationsOf(response))).toContain('page');
  });

  it('accepts a partial PUT, as Skilljar documents PUT ("PUT and PATCH are identical")', async () => {
    // The old spec required the PUT table's `title`, `short_description` and
    // `enforce_sequential_navigation`, so the mock refused this body that the real API accepts.
    const { data, error, response } = await client().PUT('/v1/courses/{course_id}', {
      params: { path: { course_id: 'i8rjpc87e5vp' } },
      body: { title: 'Only the title' },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.headers.get('sl-violations')).toBeNull();
    expectTypeOf(data).toEqualTypeOf<Course | undefined>();
  });

  it.each([
    ['/v1/groups/{group_id}', { group_id: '17stq4h0ssozk' }, { discount_percent: 15 }],
    ['/v1/promo-codes/{promo_code_id}', { promo_code_id: 'abc123' }, { active: false }],
    ['/v1/promo-code-pools/{promo_code_pool_id}', { promo_code_pool_id: 'abc123' }, { active: false }],
    [
      '/v1/vilt-session-registrations/{vilt_session_registration_id}',
      { vilt_session_registration_id: 'r1' },
      {},
    ],
    [
      '/v1/users/{user_id}/published-courses/{published_course_id}',
      { user_id: 'u1', published_course_id: 'p1' },
      { published_course_id: 'p1' },
    ],
    [
      '/v1/users/{user_id}/published-courses/{published_course_id}/lessons/{lesson_id}',
      { user_id: 'u1', published_course_id: 'p1', lesson_id: 'l1' },
      {},
    ],
    ['/v1/ilt-sessions/{ilt_session_id}', { ilt_session_id: 's1' }, { seats_total: 20 }],
    [
      '/v1/ilt-multi-session-events/{multi_session_event_id}',
      { multi_session_event_id: 'm1' },
      { seats_total: 12 },
    ],
  ] as const)('accepts a partial PUT %s', async (path, pathParams, body) => {
    const { response } = await untypedMethod(client(), 'PUT')(path, { params: { path: pathParams }, body });
    expect(response.headers.get('sl-violations')).toBeNull();
    expect(response.status).toBe(200);
  });

  it('accepts a form-encoded create where the page mentions form-encoded parameters', async () => {
    const response = await fetch(`${baseUrl}/v1/question-banks`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ name: 'Question Bank 1' }).toString(),
    });
    expect(response.headers.get('sl-violations')).toBeNull();
    expect(response.status).toBe(201);
  });

  it('refuses a form-encoded body on a create that does not mention form encoding', async () => {
    const response = await fetch(`${baseUrl}/v1/courses`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        title: 'A',
        short_description: 'B',
        enforce_sequential_navigation: 'false',
      }).toString(),
    });
    // Prism treats an undocumented request media type as an invalid request: the documented 400.
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).not.toBeNull();
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
    expect(data?.user?.email).toBe('jane@doe.com');
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
    expect(response.status).toBe(400);
    expect(isValidationErrorBody(error)).toBe(true);
    expect(response.headers.get('sl-violations')).toContain("must have required property 'user'");
  });

  it('calls the web package lessons action (the seed operation the facts table left out)', async () => {
    const { data, error, response } = await client().POST('/v1/web-packages/{web_package_id}/lessons', {
      params: { path: { web_package_id: '13k7y5yndi8er' } },
      body: { web_package_id: 'asdf1234jk' },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectTypeOf(data).toEqualTypeOf<components['schemas']['Lesson'][] | undefined>();
    expect(data?.[0]?.content_web_package_id).toBe('asdf1234jk');
    const missing = await client().POST('/v1/web-packages/{web_package_id}/lessons', {
      params: { path: { web_package_id: '13k7y5yndi8er' } },
      // @ts-expect-error `web_package_id` is required
      body: {},
    });
    expect(missing.response.status).toBe(400);
  });

  it("types a user's plan enrollments as the plan enrollment, not the course enrollment", async () => {
    const { data, response } = await client().GET('/v1/users/{user_id}/plan-enrollments', {
      params: { path: { user_id: 'bcdefga123456' } },
    });
    expect(response.status).toBe(200);
    type Item = NonNullable<NonNullable<typeof data>['results']>[number];
    expectTypeOf<Item>().toEqualTypeOf<components['schemas']['PlanEnrollment']>();
    expect(data?.results?.[0]?.purchase?.purchased_at).toBe('2020-08-19T14:12:25.736506Z');
    // The same model as the domain's plan enrollment list, which the seed shows.
    const spec = loadSkilljarSpec();
    expect(schemaRefOfListItems(spec, '/v1/users/{user_id}/plan-enrollments')).toBe(
      '#/components/schemas/PlanEnrollment',
    );
    expect(schemaRefOfListItems(spec, '/v1/domains/{domain_name}/plan/{plan_id}/plan-enrollments')).toBe(
      '#/components/schemas/PlanEnrollment',
    );
  });

  it("answers a user's published courses with their course progress", async () => {
    const { data, response } = await client().GET('/v1/users/{user_id}/published-courses', {
      params: { path: { user_id: 'bcdefga123456' } },
    });
    expect(response.status).toBe(200);
    const first = data?.results?.[0];
    expectTypeOf(first?.course_progress).toEqualTypeOf<components['schemas']['CourseProgress'] | undefined>();
    expect(first?.course_progress?.completed_at).toBe('2015-06-03T01:02:03.012345Z');
    expect(first?.course?.title).toBe('Example Title');
  });

  it('answers an update with what it asked for', async () => {
    const { data } = await client().PATCH('/v1/promo-codes/{promo_code_id}', {
      params: { path: { promo_code_id: 'abc123' } },
      body: { active: false },
      headers: { Prefer: 'example=deactivate' },
    });
    expect(data?.active).toBe(false);
  });

  it('paginates through the course list', async () => {
    const titles: string[] = [];
    for await (const course of client().paginate('/v1/courses', { params: { query: { page_size: 100 } } })) {
      expectTypeOf(course).toEqualTypeOf<Course>();
      // A course's title is not stated to be always present, so it is optional in the types.
      if (course.title !== undefined) titles.push(course.title);
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

/** The operation object of a bundled spec for one operation. */
function operationObject(spec: Record<string, unknown>, candidate: SpecOperation): Record<string, unknown> {
  const paths = spec.paths;
  if (!isPlainObject(paths)) throw new Error('The bundle has no paths.');
  const item = paths[candidate.path];
  if (!isPlainObject(item)) throw new Error(`No path item ${candidate.path}.`);
  const operation = item[candidate.method.toLowerCase()];
  if (!isPlainObject(operation)) throw new Error(`No operation ${candidate.label}.`);
  return operation;
}

/** The `$ref` of the `results` items of a list operation's 200 JSON schema (through `allOf`). */
function schemaRefOfListItems(spec: Record<string, unknown>, path: string): string | undefined {
  const resolve = (value: unknown): Record<string, unknown> => {
    if (!isPlainObject(value)) throw new Error(`Expected an object, got ${JSON.stringify(value)}.`);
    if (typeof value.$ref !== 'string') return value;
    const target = value.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), spec);
    return resolve(target);
  };
  const paths = resolve(spec.paths);
  const operation = resolve(resolve(paths[path]).get);
  const ok = resolve(resolve(operation.responses)['200']);
  const media = resolve(resolve(ok.content)['application/json']);
  const schema = resolve(media.schema);
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const results = resolve(part).properties;
    if (!isPlainObject(results) || !isPlainObject(results.results)) continue;
    const items = results.results.items;
    if (isPlainObject(items) && typeof items.$ref === 'string') return items.$ref;
  }
  return undefined;
}
