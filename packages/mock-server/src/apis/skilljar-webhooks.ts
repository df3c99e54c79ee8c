// Skilljar's webhooks in stateful mode (issue 26): which writes make which event, and each event's
// body from the stored entities (skilljar-webhook-bodies.ts); lesson, quiz, purchase and VILT events
// in skilljar-webhook-activity.ts. Registration, matching, delivery and
// retries are the engine's (answerers/state/webhook-events.ts, answerers/webhooks/).

import type { EventDeclaration, WebhookDeclaration } from '../answerers/state/webhook-types.js';
import { isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, invalid } from './skilljar-store.js';
import { lessonCompletion, purchaseFulfillment, viltRegistration } from './skilljar-webhook-activity.js';
import {
  assemble,
  domainPublishing,
  isMissing,
  missing,
  publishedCourse,
  webhookCourse,
  webhookDomain,
  webhookPath,
  webhookPurchase,
  webhookUser,
} from './skilljar-webhook-bodies.js';
import {
  COURSE_ENROLLMENTS,
  completes,
  enrollmentOf,
  head,
  PATH_ENROLLMENTS,
  PROGRESS,
  progressOf,
  userIdOf,
} from './skilljar-webhook-parts.js';

/** An enrollment's event ids: its path's, the enrolled user's and its own. */
const enrollmentIds = (params: Record<string, string>, item: Item) => ({
  ...params,
  user_id: userIdOf(item) ?? '',
  enrollment_id: String(item.id),
});

const courseEnrollment: EventDeclaration = {
  type: 'COURSE_ENROLLMENT',
  reason: 'an enrollment created in a published course (facts file: "a user enrolls in a course")',
  on: [
    {
      collection: COURSE_ENROLLMENTS,
      when: 'created',
      ids: enrollmentIds,
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
      ids: enrollmentIds,
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
    viltRegistration,
  ],
};
