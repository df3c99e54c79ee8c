// What Skilljar's event declarations share: the collections whose writes make events, and
// the checks and parts every event body starts from.

import type { StateContext } from '../answerers/state/context.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt } from './skilljar-store.js';
import {
  type Built,
  eventTimestamp,
  missing,
  PUBLISHED_COURSES,
  PUBLISHED_PATHS,
} from './skilljar-webhook-bodies.js';

export const COURSE_ENROLLMENTS = `${PUBLISHED_COURSES}/{published_course_id}/enrollments`;
export const PATH_ENROLLMENTS = `${PUBLISHED_PATHS}/{published_path_id}/published-path-enrollments`;
export const PROGRESS = '/v1/users/{user_id}/published-courses';
export const LESSON_PROGRESS = `${PROGRESS}/{published_course_id}/lessons`;

export const userIdOf = (item: Item) => idOf(item, 'user.id');

/** `completed_at` of a progress object (`course_progress` or `lesson_progress`) went from unset to set. */
export function completes(key: string) {
  const completedAt = (item: Item | undefined) =>
    isPlainObject(item?.[key]) ? (item[key] as Item).completed_at : undefined;
  return (previous: Item | undefined, item: Item) =>
    typeof completedAt(item) === 'string' && typeof completedAt(previous) !== 'string';
}

export function head(context: StateContext, type: string): Item {
  return { event_type: type, timestamp: eventTimestamp(context.now) };
}

/** The stored enrollment the event is about: the one named, else the user's in that collection. */
export function enrollmentOf(
  context: StateContext,
  template: string,
  params: Record<string, string>,
): Item | Built {
  const enrollments = collectionAt(context, template, params);
  const named = params.enrollment_id;
  const enrollment =
    named !== undefined
      ? enrollments.items.get(named)
      : [...enrollments.items.values()].find((item) => userIdOf(item) === params.user_id);
  if (enrollment && userIdOf(enrollment) === params.user_id) return enrollment;
  return named !== undefined
    ? missing('enrollment_id', `No enrollment ${named} of the user ${params.user_id} is stored here.`)
    : missing('user_id', `The user ${params.user_id} is not enrolled here.`);
}

/** The user's progress in the published course (made when the user enrolled). */
export function progressOf(context: StateContext, user: string, course: string): Item | Built {
  return (
    collectionAt(context, PROGRESS, { user_id: user }).items.get(course) ??
    missing('published_course_id', `The user ${user} has no progress in the published course ${course}.`)
  );
}
