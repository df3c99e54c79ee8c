// The Samsara client against the stateful mock: assignments created per learner appear in the
// stream, which paginate() walks page by page.
import { describe, expect, inject, it } from 'vitest';
import { createSamsaraClient } from '../src/index.js';

const baseUrl = inject('mockApis').samsara as string;
const courseId = 'a4db8702-79d5-4396-a717-e301d52ecc11';

function client(session: string) {
  return createSamsaraClient({
    baseUrl,
    token: 'token',
    retry: false,
    headers: { 'X-Mock-Session': session },
  });
}

describe('Samsara client, stateful mock', () => {
  it('creates assignments for two learners; the stream from an hour ago returns both', async () => {
    const samsara = client('samsara-create');
    const startTime = new Date(Date.now() - 3600_000).toISOString();
    const created = await samsara.POST('/training-assignments', {
      params: { query: { courseId, learnerIds: ['driver-1', 'driver-2'] } },
    });
    const ids = (created.data?.data ?? []).map((item) => item.id);
    expect(ids).toHaveLength(2);
    const stream = await samsara.GET('/training-assignments/stream', { params: { query: { startTime } } });
    expect(stream.data?.data.map((item) => item.id).sort()).toEqual([...ids].sort());
    expect(stream.data?.data.map((item) => item.learner?.id).sort()).toEqual(['driver-1', 'driver-2']);
  });

  it('paginate() walks a bounded stream of more than one page', async () => {
    const samsara = client('samsara-pages');
    const startTime = new Date(Date.now() - 60_000).toISOString();
    const learners = (from: number) => Array.from({ length: 75 }, (_, i) => `driver-${from + i}`);
    await samsara.POST('/training-assignments', { params: { query: { courseId, learnerIds: learners(0) } } });
    await samsara.POST('/training-assignments', {
      params: { query: { courseId, learnerIds: learners(75) } },
    });
    const endTime = new Date(Date.now() + 60_000).toISOString();
    const seen = new Set<string>();
    for await (const item of samsara.paginate('/training-assignments/stream', {
      params: { query: { startTime, endTime } },
    }))
      seen.add(item.id);
    expect(seen.size).toBe(150);
  });
});
