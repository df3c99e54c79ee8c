// Contract tests against the static mock (every answer is the spec's example), so each call can be
// compared with the example it should return. The stateful flows are in stateful.test.ts.
import { ApiError } from '@lms-apis/client-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createThriveClient, type ThriveClientOptions, tokenUrlFor } from '../src/index.js';

// Contract tests: the real client against the real mock server (started by the global setup).
const baseUrl = inject('staticMockApis').thrive as string;
const mockUrl = inject('staticMockUrl');
const tenantId = 'eu-west-2_AbcdEfghI';
const id = '63f8c5361b9c80d3274be7ca';
const basic: ThriveClientOptions['auth'] = { type: 'basic', tenantId, apiSecret: 'api-secret' };
const oauth2: ThriveClientOptions['auth'] = {
  type: 'oauth2',
  tenantId,
  clientId: 'client-id',
  clientSecret: 'client-secret',
  scope: 'api/all',
};

const thrive = (auth: ThriveClientOptions['auth'] = basic) => createThriveClient({ baseUrl, auth });

async function tokenRequests(): Promise<number> {
  const response = await fetch(`${mockUrl}/_requests?api=thrive&operationId=oauth2Token`);
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}

beforeEach(async () => {
  await fetch(`${mockUrl}/_requests`, { method: 'DELETE' });
});

describe('Thrive client against the mock, every operation', () => {
  it('createAssignment', async () => {
    const { data, response } = await thrive().POST('/assignments', {
      body: {
        audienceId: '63f8c546a05716c51210ac81',
        contentId: '63f8c54a8cb9790c99de077a',
        alternativeContentIds: ['63f8c54f6f68ab3a2d60e5de'],
        hideAlternativeContent: false,
        completionPeriod: 30,
        recurrence: 365,
      },
    });
    expect(response.status).toBe(201);
    expect(data?.primaryContentId).toBe('63f8c54a8cb9790c99de077a');
  });

  it('listAssignments answers a bare array', async () => {
    const { data } = await thrive().GET('/assignments', {
      params: { query: { audienceId: '63f8c546a05716c51210ac81', page: 1, perPage: 100 } },
    });
    expect(Array.isArray(data)).toBe(true);
    expect(data?.[0]?.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('getAssignment, updateAssignment, deleteAssignment', async () => {
    const client = thrive();
    expect((await client.GET('/assignments/{id}', { params: { path: { id } } })).response.status).toBe(200);
    const patched = await client.PATCH('/assignments/{id}', {
      params: { path: { id } },
      body: { completionPeriod: 60 },
    });
    expect(patched.response.status).toBe(200);
    const deleted = await client.DELETE('/assignments/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
  });

  it('listAssignmentEnrolments and getAssignmentEnrolment', async () => {
    const client = thrive();
    const list = await client.GET('/assignments/{id}/enrolments', {
      params: { path: { id }, query: { status: 'overdue', perPage: 1000 } },
    });
    expect(list.response.status).toBe(200);
    expect(Array.isArray(list.data)).toBe(true);
    const one = await client.GET('/assignments/{id}/enrolments/{enrolmentId}', {
      params: { path: { id, enrolmentId: '63f8c5361b9c80d3274be7cb' } },
    });
    expect(one.response.status).toBe(200);
  });

  it('createCompletion answers 200 (already exists) or 201 (created) with the statement id', async () => {
    const body = {
      userId: '63f8c546a05716c51210ac81',
      contentId: '63f8c54a8cb9790c99de077a',
      completedAt: '2021-01-01T09:00:00Z',
    };
    const existing = await thrive().POST('/learning/completions', { body });
    expect(existing.response.status).toBe(200);
    expect(typeof existing.data?.statementId).toBe('string');
    const created = await thrive().POST('/learning/completions', { body, headers: { Prefer: 'code=201' } });
    expect(created.response.status).toBe(201);
    expect(typeof created.data?.statementId).toBe('string');
  });

  it('listCompletions and getCompletion', async () => {
    const client = thrive();
    const list = await client.GET('/learning/completions', {
      params: { query: { userId: '63f8c546a05716c51210ac81', isRPL: false, page: 1, perPage: 50 } },
    });
    expect(Array.isArray(list.data)).toBe(true);
    expect(
      (await client.GET('/learning/completions/{id}', { params: { path: { id } } })).response.status,
    ).toBe(200);
  });

  it('paginates assignments end to end', async () => {
    const ids: string[] = [];
    for await (const assignment of thrive().paginate('/assignments', {
      params: { query: { perPage: 100 } },
    })) {
      ids.push(assignment.id as string);
    }
    expect(ids.length).toBeGreaterThan(0);
  });
});

describe('validation by the mock', () => {
  it('answers 422 for an id that is not 24 hex characters', async () => {
    const { response, error } = await thrive().GET('/assignments/{id}', {
      params: { path: { id: 'not-a-hex-id' } },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ status: 422, error: 'Unprocessable Content' });
    expect(response.headers.get('sl-violations')).toContain('must match pattern');
  });

  it('answers 422 for completionPeriod 0 (minimum 1)', async () => {
    const { response } = await thrive().POST('/assignments', {
      body: {
        audienceId: '63f8c546a05716c51210ac81',
        contentId: '63f8c54a8cb9790c99de077a',
        completionPeriod: 0,
      },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain('completionPeriod must be >= 1');
  });

  it('answers 401 without credentials', async () => {
    expect((await fetch(`${baseUrl}/assignments`)).status).toBe(401);
  });
});

describe('auth', () => {
  it('accepts HTTP Basic and OAuth2 bearer tokens', async () => {
    expect((await thrive(basic).GET('/assignments')).response.status).toBe(200);
    expect((await thrive(oauth2).GET('/assignments')).response.status).toBe(200);
  });

  it('fetches the OAuth2 token from the environment token URL and shares it across 50 concurrent calls', async () => {
    const client = thrive(oauth2);
    const results = await Promise.all(Array.from({ length: 50 }, () => client.GET('/assignments')));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(await tokenRequests()).toBe(1);
    await client.GET('/assignments');
    expect(await tokenRequests()).toBe(1);
  });

  it('derives the token URL from the environment or base URL', () => {
    expect(tokenUrlFor('https://public.api.mea.learn.tech/rest/v1', tenantId)).toBe(
      `https://public.api.mea.learn.tech/oauth2/token/${tenantId}`,
    );
    expect(tokenUrlFor(baseUrl, tenantId)).toBe(`${mockUrl}/thrive/oauth2/token/${tenantId}`);
    expect(() => tokenUrlFor('https://example.test/api', tenantId)).toThrow('pass auth.tokenUrl');
  });

  it('reports a token endpoint refusal as an ApiError', async () => {
    const client = createThriveClient({
      baseUrl,
      auth: { ...oauth2, type: 'oauth2', scope: 'api/everything' },
    });
    const failure = await client.GET('/assignments').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('rejects unknown environments clearly', () => {
    // @ts-expect-error not a Thrive environment
    expect(() => createThriveClient({ environment: 'moon', auth: basic })).toThrow(
      'Unknown Thrive environment "moon"',
    );
  });
});
