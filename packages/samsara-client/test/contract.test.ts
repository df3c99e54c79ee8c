// Contract tests against the static mock (every answer is the spec's example), so each call can be
// compared with the example it should return. The stateful flows are in stateful.test.ts.
import { manualClock } from '@lms-apis/client-core';
import { describe, expect, inject, it, vi } from 'vitest';
import { createSamsaraClient, SAMSARA_REGIONS, type TrainingAssignment } from '../src/index.js';

// Contract tests: the real client against the real mock server (started by the global setup).
const baseUrl = inject('staticMockApis').samsara as string;
const mockUrl = inject('staticMockUrl');
const startTime = '2019-06-13T19:08:25Z';
const samsara = () => createSamsaraClient({ baseUrl, token: 'samsara-api-token', retry: false });

async function lastRequestQuery(): Promise<string> {
  const response = await fetch(`${mockUrl}/_requests?api=samsara&limit=1`);
  const { requests } = (await response.json()) as { requests: Array<{ query: string }> };
  return requests[0]?.query ?? '';
}

describe('Samsara client against the mock, every operation', () => {
  it('getTrainingAssignmentsStream, sending arrays comma-separated', async () => {
    const { data, response } = await samsara().GET('/training-assignments/stream', {
      params: {
        query: {
          startTime,
          endTime: '2019-06-14T19:08:25Z',
          learnerIds: ['driver-281474', 'driver-46282156'],
          status: ['notStarted', 'completed'],
          isOverdue: false,
        },
      },
    });
    expect(response.status).toBe(200);
    expect(data?.pagination.hasNextPage).toBe(false);
    expect(data?.data[0]?.learner?.type).toBe('driver');
    expect(decodeURIComponent(await lastRequestQuery())).toContain(
      'learnerIds=driver-281474,driver-46282156',
    );
  });

  it('createTrainingAssignments (query only, no body)', async () => {
    const { data, response } = await samsara().POST('/training-assignments', {
      params: { query: { courseId: 'a4db8702-79d5-4396-a717-e301d52ecc11', learnerIds: ['driver-281474'] } },
    });
    expect(response.status).toBe(200);
    expect(typeof data?.data[0]?.isExistingAssignment).toBe('boolean');
  });

  it('updateTrainingAssignments', async () => {
    const { response } = await samsara().PATCH('/training-assignments', {
      params: { query: { ids: ['6b0b7d3a-1c5e-4f1a-9b8e-2f3c4d5e6f70'], dueAtTime: '2019-07-01T00:00:00Z' } },
    });
    expect(response.status).toBe(200);
  });

  it('deleteTrainingAssignments answers 204', async () => {
    const { response, data } = await samsara().DELETE('/training-assignments', {
      params: { query: { ids: ['6b0b7d3a-1c5e-4f1a-9b8e-2f3c4d5e6f70'] } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  it('listTrainingCourses', async () => {
    const { data } = await samsara().GET('/training-courses', {
      params: { query: { courseIds: ['a', 'b'] } },
    });
    expect(Array.isArray(data?.data)).toBe(true);
  });

  it('paginates the bounded stream end to end', async () => {
    const ids: string[] = [];
    for await (const assignment of samsara().paginate('/training-assignments/stream', {
      params: { query: { startTime, endTime: '2019-06-14T19:08:25Z' } },
    })) {
      ids.push(assignment.id);
    }
    expect(ids.length).toBeGreaterThan(0);
  });
});

describe('validation by the mock', () => {
  it('answers 422 when startTime is missing', async () => {
    const response = await fetch(`${baseUrl}/training-assignments/stream`, {
      headers: { Authorization: 'Bearer t' },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain("required property 'starttime'");
  });

  it('answers 422 for 101 learnerIds, sent either way', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `driver-${i}`);
    const viaClient = await samsara().GET('/training-assignments/stream', {
      params: { query: { startTime, learnerIds: ids } },
    });
    expect(viaClient.response.status).toBe(422);
    expect(viaClient.response.headers.get('sl-violations')).toContain('must NOT have more than 100 items');
    const repeated = ids.map((id) => `learnerIds=${id}`).join('&');
    const viaRepeatedKeys = await fetch(
      `${baseUrl}/training-assignments/stream?startTime=${startTime}&${repeated}`,
      {
        headers: { Authorization: 'Bearer t' },
      },
    );
    expect(viaRepeatedKeys.status).toBe(422);
    const hundred = await samsara().GET('/training-assignments/stream', {
      params: { query: { startTime, learnerIds: ids.slice(1) } },
    });
    expect(hundred.response.status).toBe(200);
  });

  it('refuses an empty learnerIds or ids with 4xx, however it is sent', async () => {
    const courseId = 'a4db8702-79d5-4396-a717-e301d52ecc11';
    const viaClient = await samsara().POST('/training-assignments', {
      params: { query: { courseId, learnerIds: [] } },
    });
    expect(viaClient.response.status).toBe(422);
    const post = (query: string) =>
      fetch(`${baseUrl}/training-assignments?${query}`, {
        method: 'POST',
        headers: { Authorization: 'Bearer t' },
      });
    expect((await post(`courseId=${courseId}&learnerIds=`)).status).toBe(422);
    // A list of empty ids is no list of learners: before minItems/minLength this got 200.
    const emptyIds = await post(`courseId=${courseId}&learnerIds=,`);
    expect(emptyIds.status).toBe(422);
    expect(emptyIds.headers.get('sl-violations')).toContain('must NOT have fewer than 1 characters');
    expect((await post(`courseId=&learnerIds=driver-281474`)).status).toBe(422);
    const deleted = await fetch(`${baseUrl}/training-assignments?ids=,`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer t' },
    });
    expect(deleted.status).toBe(422);
  });

  it('answers an invalid request with an error example that fits the operation', async () => {
    const client = samsara();
    // Each of these misses a required parameter; the answer is the operation's default response.
    const answers = [
      await client.POST('/training-assignments', {
        // @ts-expect-error learnerIds is required
        params: { query: { courseId: 'a4db8702-79d5-4396-a717-e301d52ecc11' } },
      }),
      // @ts-expect-error dueAtTime is required
      await client.PATCH('/training-assignments', { params: { query: { ids: ['x'] } } }),
      // @ts-expect-error ids is required
      await client.DELETE('/training-assignments', { params: { query: {} } }),
      await client.GET('/training-courses', {
        params: { query: { after: '' } },
        headers: { Prefer: 'code=400' },
      }),
    ];
    for (const { response, error } of answers) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(error).toMatchObject({ message: expect.any(String), requestId: expect.any(String) });
      // The shared example used to name startTime, a parameter only the stream has.
      expect(error?.message).not.toContain('startTime');
    }
    expect(answers[2]?.error?.message).toContain('ids');
  });

  it('accepts arrays as repeated keys and keeps every value', async () => {
    const response = await fetch(
      `${baseUrl}/training-assignments/stream?startTime=${startTime}&status=notStarted&status=bogus`,
      { headers: { Authorization: 'Bearer t' } },
    );
    // Joined to "notStarted,bogus": the second value is validated, not silently dropped.
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain('allowed values');
  });

  it('serves the 429 example with Retry-After through Prefer: code=429', async () => {
    const { response, error } = await samsara().GET('/training-assignments/stream', {
      params: { query: { startTime } },
      headers: { Prefer: 'code=429' },
    });
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ message: 'Too Many Requests' });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 401 without a token', async () => {
    expect((await fetch(`${baseUrl}/training-courses`)).status).toBe(401);
  });
});

describe('response types', () => {
  it('accept learner types other than driver and null for fields that do not apply', () => {
    // learner.type was the closed enum ['driver']: a new learner type did not type-check.
    const assignment: TrainingAssignment = {
      id: '7b1a3d52-4c6e-4f0a-9d2b-8e5c1f3a6b90',
      learner: { id: 'instructor-17', type: 'instructor' },
      completedAtTime: null,
      deletedAtTime: null,
      scorePercent: null,
    };
    expect(assignment.learner?.type).toBe('instructor');
  });
});

describe('client options', () => {
  it('selects regions', () => {
    expect(SAMSARA_REGIONS).toEqual({
      us: 'https://api.samsara.com',
      eu: 'https://api.eu.samsara.com',
      ca: 'https://api.ca.samsara.com',
    });
    // @ts-expect-error not a Samsara region
    expect(() => createSamsaraClient({ token: 't', region: 'mars' })).toThrow(
      'Unknown Samsara region "mars"',
    );
  });

  it('paces the stream at 5 requests per second', async () => {
    const clock = manualClock();
    const client = createSamsaraClient({ baseUrl, token: 'samsara-api-token', retry: false, clock });
    let done = 0;
    const calls = Array.from({ length: 7 }, () =>
      client.GET('/training-assignments/stream', { params: { query: { startTime } } }).then(() => {
        done += 1;
      }),
    );
    // Burst 1: the first goes out at once, each of the others 200 ms after the one before.
    for (let sent = 1; sent < 7; sent += 1) {
      await vi.waitFor(() => expect(done).toBe(sent));
      expect(clock.sleepers).toBe(1);
      await clock.advance(199);
      expect(done).toBe(sent);
      await clock.advance(1);
    }
    await Promise.all(calls);
    expect(done).toBe(7);
  });
});
