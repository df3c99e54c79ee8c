// Skilljar enrollments (published course, published path, plan): the enrolled user is a stored
// `/v1/users` record, embedded as that record shows it; enrolling in a published course starts the
// user's progress in it (`/v1/users/{user_id}/published-courses`).

import type { CustomHandler, StateContext } from '../answerers/state/context.js';
import { formatTimestamp, parseTimestamp } from '../answerers/state/formats.js';
import { collectionModel, collectionOf, createItem } from '../answerers/state/resources.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, invalid, noSuchObject, shown, storedUser } from './skilljar-store.js';
import { embeddedUser } from './skilljar-users.js';

export const ENROLLMENT_RULE =
  'create: the published course, path or plan must exist (404), and `user.id` name a stored user (400, DRF field map: "Invalid pk ... - object does not exist."); the enrollment embeds the stored user, carries `purchase` only when one is sent, `expires_at` null when none is sent, `enrolled_at` the server\'s clock when none is sent; idempotent on `user.id` + `enrolled_at` (seed: "POSTing multiple times ... will NOT create a new enrollment for an existing user.id & enrolled_at combination"): the existing enrollment comes back, with the only success status the spec documents (201), and nothing is added';

export const COURSE_ENROLLMENT_RULE = `${ENROLLMENT_RULE}; a course enrollment starts the user's progress in the published course (\`/v1/users/{user_id}/published-courses\`, \`course_progress.completed_at\` null) unless it exists`;

const COURSE_ENROLLMENTS = '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments';
const PROGRESS = '/v1/users/{user_id}/published-courses';

/** The request's `user.id`: `{user: {id}}` in JSON, `user` or `user.id` in a form body. */
function sentUserId(body: Record<string, unknown>): string | undefined {
  const user = body.user;
  const id = isPlainObject(user) ? user.id : (user ?? body['user.id']);
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export const createEnrollment: CustomHandler = (context) => {
  const model = collectionModel(context, context.operation.template);
  const body = isPlainObject(context.body) ? context.body : {};
  const userId = sentUserId(body);
  const user = userId === undefined ? undefined : storedUser(context, userId);
  if (!user) return invalid('user', userId === undefined ? 'This field is required.' : noSuchObject(userId));
  const enrollments = collectionOf(context, model);
  const enrolledAt = parseTimestamp(body.enrolled_at);
  // The key is the pair the client sends; without `enrolled_at` the server picks the time, so a
  // repeated POST cannot name the same enrollment.
  if (enrolledAt !== undefined)
    for (const enrollment of enrollments.items.values())
      if (idOf(enrollment, 'user.id') === userId && parseTimestamp(enrollment.enrolled_at) === enrolledAt)
        return { status: context.operation.successStatus, body: shown(context, model.template, enrollment) };
  const { 'user.id': _formKey, ...fields } = body;
  const created = createItem(context, model, { ...fields, user: embeddedUser(user) });
  // In the order the seed's examples show the fields.
  const enrollment: Item = {
    id: created.id,
    user: embeddedUser(user),
    enrolled_at: created.enrolled_at ?? formatTimestamp(context.now, 'iso'),
    expires_at: created.expires_at ?? null,
    ...created,
  };
  context.session.put(enrollments, idOf(enrollment, model.idField) as string, enrollment);
  if (context.operation.template === COURSE_ENROLLMENTS) startProgress(context, String(user.id));
  return { status: context.operation.successStatus, body: enrollment };
};

/**
 * The user's progress in the published course of the path, made from the stored published course
 * (its object plus `course_progress`, as `UserPublishedCourse` models it); one per user and course.
 */
function startProgress(context: StateContext, userId: string): void {
  const publishedCourseId = context.pathParams.published_course_id as string;
  const progress = collectionAt(context, PROGRESS, { user_id: userId });
  if (progress.items.has(publishedCourseId)) return;
  const publishedCourse = collectionAt(context, '/v1/domains/{domain_name}/published-courses').items.get(
    publishedCourseId,
  );
  if (!publishedCourse) return;
  context.session.put(progress, publishedCourseId, {
    ...structuredClone(publishedCourse),
    // Not completed: null, as `CourseProgress` documents it; no outcome yet.
    course_progress: { completed_at: null, success_status: null },
  });
}
