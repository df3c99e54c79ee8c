// Skilljar's webhooks in stateful mode (issue 26): which writes make which event, and each event's
// body from the stored entities (skilljar-webhook-bodies.ts). Registration, matching, delivery and
// retries are the engine's (answerers/state/webhook-events.ts, answerers/webhooks/).

import type { StateContext } from '../answerers/state/context.js';
import type { EventDeclaration, WebhookDeclaration } from '../answerers/state/webhook-types.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, invalid, storedUser } from './skilljar-store.js';
import {
  assemble,
  type Built,
  decimal,
  domainPublishing,
  eventTimestamp,
  isMissing,
  missing,
  PUBLISHED_COURSES,
  PUBLISHED_PATHS,
  pick,
  publishedCourse,
  webhookCourse,
  webhookDomain,
  webhookPath,
  webhookPurchase,
  webhookUser,
} from './skilljar-webhook-bodies.js';

const COURSE_ENROLLMENTS = `${PUBLISHED_COURSES}/{published_course_id}/enrollments`;
const PATH_ENROLLMENTS = `${PUBLISHED_PATHS}/{published_path_id}/published-path-enrollments`;
const PROGRESS = '/v1/users/{user_id}/published-courses';
const LESSON_PROGRESS = `${PROGRESS}/{published_course_id}/lessons`;

const userIdOf = (item: Item) => idOf(item, 'user.id');

/** `completed_at` of a progress object (`course_progress` or `lesson_progress`) went from unset to set. */
function completes(key: string) {
  const completedAt = (item: Item | undefined) =>
    isPlainObject(item?.[key]) ? (item[key] as Item).completed_at : undefined;
  return (previous: Item | undefined, item: Item) =>
    typeof completedAt(item) === 'string' && typeof completedAt(previous) !== 'string';
}

function head(context: StateContext, type: string): Item {
  return { event_type: type, timestamp: eventTimestamp(context.now) };
}

/** The stored enrollment the event is about: the one named, else the user's in that collection. */
function enrollmentOf(context: StateContext, template: string, params: Record<string, string>): Item | Built {
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

const courseEnrollment: EventDeclaration = {
  type: 'COURSE_ENROLLMENT',
  reason: 'an enrollment created in a published course (facts file: "a user enrolls in a course")',
  on: [
    {
      collection: COURSE_ENROLLMENTS,
      when: 'created',
      ids: (params, item) => ({ ...params, user_id: userIdOf(item) ?? '', enrollment_id: String(item.id) }),
    },
  ],
  ids: ['domain_name', 'published_course_id', 'user_id', 'enrollment_id?'],
  build: (context, ids) => {
    const { domain_name: domain = '', published_course_id: course = '', user_id: user = '' } = ids;
    const published = publishedCourse(context, domain, course);
    const enrollment = published ? enrollmentOf(context, COURSE_ENROLLMENTS, ids) : undefined;
    const member = collectionAt(context, '/v1/domains/{domain_name}/users', ids).items.get(user);
    const code = isPlainObject(member?.access_code) ? member.access_code.code : undefined;
    return assemble(
      {
        ...head(context, 'COURSE_ENROLLMENT'),
        user: webhookUser(context, user),
        course: webhookCourse(context, domain, course),
        domain: webhookDomain(context, domain),
        purchase:
          enrollment && !isMissing(enrollment)
            ? webhookPurchase(enrollment.purchase, published?.offer)
            : undefined,
        domain_access_code: typeof code === 'string' ? code : undefined,
      },
      [enrollment],
    );
  },
};

const domainEnrollment: EventDeclaration = {
  type: 'DOMAIN_ENROLLMENT',
  reason: 'a user added to a domain (facts file: "a user joins a private domain"); body inferred past `user`',
  on: [
    {
      collection: '/v1/domains/{domain_name}/users',
      when: 'created',
      ids: (params, item) => ({ ...params, user_id: userIdOf(item) ?? '' }),
    },
  ],
  ids: ['domain_name', 'user_id'],
  build: (context, { domain_name: domain = '', user_id: user = '' }) => {
    const member = collectionAt(context, '/v1/domains/{domain_name}/users', {
      domain_name: domain,
    }).items.get(user);
    const where = webhookDomain(context, domain);
    return assemble(
      { ...head(context, 'DOMAIN_ENROLLMENT'), user: webhookUser(context, user), domain: where },
      [
        where,
        member ? undefined : missing('user_id', `The user ${user} is not a user of the domain ${domain}.`),
      ],
    );
  },
};

/** The user's progress in the published course (made when the user enrolled). */
function progressOf(context: StateContext, user: string, course: string): Item | Built {
  return (
    collectionAt(context, PROGRESS, { user_id: user }).items.get(course) ??
    missing('published_course_id', `The user ${user} has no progress in the published course ${course}.`)
  );
}

const courseCompletion: EventDeclaration = {
  type: 'COURSE_COMPLETION',
  reason: "a user's course progress gets a `completed_at` (inferred body)",
  on: [
    {
      collection: PROGRESS,
      when: completes('course_progress'),
      ids: (params, item) => ({ ...params, published_course_id: String(item.id) }),
    },
  ],
  ids: ['user_id', 'published_course_id', 'domain_name?'],
  build: (context, { user_id: user = '', published_course_id: course = '', domain_name }) => {
    const domain = domain_name ?? domainPublishing(context, course) ?? '';
    return assemble(
      {
        ...head(context, 'COURSE_COMPLETION'),
        user: webhookUser(context, user),
        course: webhookCourse(context, domain, course),
        domain: webhookDomain(context, domain),
      },
      [progressOf(context, user, course)],
    );
  },
};

const pathEnrollment: EventDeclaration = {
  type: 'PATH_ENROLLMENT',
  reason: 'an enrollment created in a published path (inferred body)',
  on: [
    {
      collection: PATH_ENROLLMENTS,
      when: 'created',
      ids: (params, item) => ({ ...params, user_id: userIdOf(item) ?? '', enrollment_id: String(item.id) }),
    },
  ],
  ids: ['domain_name', 'published_path_id', 'user_id', 'enrollment_id?'],
  build: (context, ids) => {
    const { domain_name: domain = '', published_path_id: path = '', user_id: user = '' } = ids;
    const published = webhookPath(context, domain, path);
    return assemble(
      {
        ...head(context, 'PATH_ENROLLMENT'),
        user: webhookUser(context, user),
        path: published,
        domain: webhookDomain(context, domain),
      },
      [isMissing(published) ? undefined : enrollmentOf(context, PATH_ENROLLMENTS, ids)],
    );
  },
};

/** A lesson holding a quiz (`content_quiz_id`) makes `QUIZ_COMPLETION`, any other `LESSON_COMPLETION` (inferred). */
function lessonCompletion(type: 'LESSON_COMPLETION' | 'QUIZ_COMPLETION'): EventDeclaration {
  const isQuiz = (lesson: Item | undefined) => typeof lesson?.content_quiz_id === 'string';
  return {
    type,
    reason: `a user's lesson progress gets a \`completed_at\`, in a lesson ${type === 'QUIZ_COMPLETION' ? 'with' : 'without'} a \`content_quiz_id\` (inferred)`,
    on: [
      {
        collection: LESSON_PROGRESS,
        when: completes('lesson_progress'),
        ids: (params, _item, id) => ({ ...params, lesson_id: id }),
      },
    ],
    ids: ['user_id', 'published_course_id', 'lesson_id', 'domain_name?'],
    build: (
      context,
      { user_id: user = '', published_course_id: course = '', lesson_id: id = '', domain_name },
    ) => {
      const domain = domain_name ?? domainPublishing(context, course) ?? '';
      const lesson = collectionAt(context, '/v1/lessons', {}).items.get(id);
      const kind =
        lesson && isQuiz(lesson) !== (type === 'QUIZ_COMPLETION')
          ? missing('lesson_id', `The lesson ${id} ${isQuiz(lesson) ? 'holds' : 'holds no'} quiz.`)
          : undefined;
      return assemble(
        {
          ...head(context, type),
          user: webhookUser(context, user),
          lesson: lesson
            ? pick({ id: lesson.id, title: lesson.title })
            : missing('lesson_id', `No lesson has the id ${id}.`),
          course: webhookCourse(context, domain, course),
          domain: webhookDomain(context, domain),
        },
        [kind, progressOf(context, user, course)],
      );
    },
  };
}

const purchaseFulfillment: EventDeclaration = {
  type: 'PURCHASE_FULFILLMENT',
  reason:
    'a purchase fulfilled with `state: SUCCESS` (`POST /v1/purchases/{purchase_id}/fulfill`; inferred body)',
  on: [
    {
      operationId: 'fulfillPurchase',
      ids: (context: StateContext) =>
        isPlainObject(context.body) && context.body.state === 'SUCCESS'
          ? { purchase_id: context.pathParams.purchase_id as string }
          : undefined,
    },
  ],
  ids: ['purchase_id'],
  build: (context, { purchase_id: id = '' }) => {
    const purchase = collectionAt(context, '/v1/purchases', {}).items.get(id);
    if (!purchase) return missing('purchase_id', `No purchase has the id ${id}.`);
    const userId = idOf(purchase, 'user.id');
    const user = userId === undefined ? undefined : storedUser(context, userId);
    return assemble({
      ...head(context, 'PURCHASE_FULFILLMENT'),
      user: user ? webhookUser(context, String(user.id)) : undefined,
      // The stored purchase counts cents and names no currency.
      purchase: pick({
        order_id: purchase.order_id,
        original_price: decimal(purchase.offer_price_cents),
        purchase_price: decimal(purchase.price_cents),
        payment_processor: purchase.payment_processor,
      }),
    });
  },
};

/** Skilljar's webhooks: registered at `/v1/webhooks` (seed 003, "webhooks > create"). */
export const skilljarWebhooks: WebhookDeclaration = {
  collection: '/v1/webhooks',
  fields: {
    target: 'target_url',
    eventType: 'event_type',
    active: 'active',
    // Seed: `basic_auth_username` (the page is cut off after it); facts file: "and its password",
    // `basic_auth_password` as issue 26 and the client's `parseWebhook` name it.
    basicUsername: 'basic_auth_username',
    basicPassword: 'basic_auth_password',
  },
  // Facts file: "Content-Type: application/json and User-Agent: skilljar".
  headers: { 'User-Agent': 'skilljar' },
  // DRF's 400: a map of the invalid field to its messages.
  refuse: (field, message) => invalid(field, message),
  events: [
    courseEnrollment,
    domainEnrollment,
    courseCompletion,
    pathEnrollment,
    lessonCompletion('LESSON_COMPLETION'),
    lessonCompletion('QUIZ_COMPLETION'),
    purchaseFulfillment,
  ],
};
