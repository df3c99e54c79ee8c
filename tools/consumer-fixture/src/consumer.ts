// What a consumer writes: one package per API, typed calls, typed results, typed errors.
import { createSamsaraClient } from '@lms-apis/samsara-client';
import { createSkilljarClient, isApiError, type SkilljarErrorBody } from '@lms-apis/skilljar-client';
import { createSnworksClient } from '@lms-apis/snworks-client';
import { createThriveClient } from '@lms-apis/thrive-client';

const skilljar = createSkilljarClient({ apiKey: 'key' });
const samsara = createSamsaraClient({ token: 'token', region: 'eu' });
const snworks = createSnworksClient({ paper: 'dpn', publicKey: 'pk', privateKey: 'sk' });
const thrive = createThriveClient({
  environment: 'staging',
  auth: { type: 'basic', tenantId: 't', apiSecret: 's' },
});

export async function oneCallEach(): Promise<string[]> {
  const course = await skilljar.POST('/v1/courses', {
    body: { title: 'Cat Stuff', short_description: 'I am not a bird.', enforce_sequential_navigation: false },
  });
  const stream = await samsara.GET('/training-assignments/stream', {
    params: { query: { startTime: '2026-01-01T00:00:00Z', status: ['completed'] } },
  });
  const assignment = await snworks.GET('/assignment/{uuid}', {
    params: { path: { uuid: 'AAAAAAAA-1234-4567-7890-BBBBBBBBBBBB' } },
  });
  const completion = await thrive.POST('/learning/completions', {
    body: {
      userId: '63f8c546a05716c51210ac81',
      contentId: '63f8c54a8cb9790c99de077a',
      completedAt: '2026-01-01T09:00:00Z',
    },
  });
  const ids: string[] = [];
  if (course.data) ids.push(course.data.id ?? '');
  if (stream.data) ids.push(...stream.data.data.map((item) => item.id));
  if (assignment.data) ids.push(assignment.data.uuid);
  if (completion.data) ids.push(completion.data.statementId);
  return ids;
}

export async function listAll(): Promise<number> {
  let count = 0;
  for await (const course of skilljar.paginate('/v1/courses')) {
    const title: string | undefined = course.title;
    if (title) count += 1;
  }
  return count;
}

export function describeError(error: unknown): string {
  if (isApiError<SkilljarErrorBody>(error))
    return `${error.operation} ${error.status}: ${error.body?.detail}`;
  return String(error);
}

// Wrong calls the types must reject (tsc fails if an @ts-expect-error has nothing to expect).
export async function wrongCalls(): Promise<void> {
  // @ts-expect-error no such path
  await skilljar.GET('/v1/coursez');
  await skilljar.POST('/v1/courses', {
    // @ts-expect-error the course create body requires title
    body: { short_description: 'x', enforce_sequential_navigation: true },
  });
  // @ts-expect-error startTime is required
  await samsara.GET('/training-assignments/stream', { params: { query: {} } });
  await samsara.GET('/training-assignments/stream', {
    // @ts-expect-error status values are notStarted | inProgress | completed
    params: { query: { startTime: 'x', status: ['done'] } },
  });
  // @ts-expect-error the uuid path parameter is missing
  await snworks.GET('/assignment/{uuid}', {});
  // @ts-expect-error dir is asc | desc
  await snworks.GET('/assignment', { params: { query: { dir: 'up' } } });
  // @ts-expect-error completionPeriod is a number
  await thrive.POST('/assignments', { body: { audienceId: 'a', contentId: 'c', completionPeriod: '30' } });
  // @ts-expect-error PUT is not an operation of /assignments (Thrive updates with PATCH)
  await thrive.PUT('/assignments/{id}', { params: { path: { id: 'x' } } });
  // @ts-expect-error /v1/ping does not answer a list, so it cannot be paginated
  skilljar.paginate('/v1/ping');
  // @ts-expect-error retry options are checked too
  await skilljar.GET('/v1/ping', { retry: { maxAttempts: 'three' } });
}
