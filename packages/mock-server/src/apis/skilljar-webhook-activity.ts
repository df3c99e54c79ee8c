// Skilljar's events from learning activity and commerce: lesson and quiz completion, purchase
// fulfilment, VILT registration (all inferred bodies; see the spec's `*Event` schemas).

import type { StateContext } from '../answerers/state/context.js';
import type { EventDeclaration } from '../answerers/state/webhook-types.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, collectionsAt, storedUser } from './skilljar-store.js';
import {
  assemble,
  decimal,
  domainPublishing,
  missing,
  pick,
  webhookCourse,
  webhookDomain,
  webhookUser,
} from './skilljar-webhook-bodies.js';
import {
  COURSE_ENROLLMENTS,
  completes,
  head,
  LESSON_PROGRESS,
  progressOf,
  userIdOf,
} from './skilljar-webhook-parts.js';

/** A lesson holding a quiz (`content_quiz_id`) makes `QUIZ_COMPLETION`, any other `LESSON_COMPLETION` (inferred). */
export function lessonCompletion(type: 'LESSON_COMPLETION' | 'QUIZ_COMPLETION'): EventDeclaration {
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

export const purchaseFulfillment: EventDeclaration = {
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

/** The course enrollment a VILT registration names (`enrollment_id`), with its domain and course. */
function namedCourseEnrollment(context: StateContext, id: string) {
  for (const { params, collection } of collectionsAt(context, COURSE_ENROLLMENTS)) {
    const enrollment = collection.items.get(id);
    if (enrollment) return { params, enrollment };
  }
  return undefined;
}

export const viltRegistration: EventDeclaration = {
  type: 'VILT_EVENT_REGISTRATION',
  reason: 'a VILT session registration created (`POST /v1/vilt-session-registrations`; inferred body)',
  on: [
    {
      collection: '/v1/vilt-session-registrations',
      when: 'created',
      ids: (_params, item) => ({ vilt_session_registration_id: String(item.id) }),
    },
  ],
  ids: ['vilt_session_registration_id'],
  build: (context, { vilt_session_registration_id: id = '' }) => {
    const registration = collectionAt(context, '/v1/vilt-session-registrations', {}).items.get(id);
    if (!registration)
      return missing('vilt_session_registration_id', `No VILT registration has the id ${id}.`);
    const session = isPlainObject(registration.vilt_session) ? registration.vilt_session : {};
    // Seed: "An enrollment for this user must exist": the course enrollment names the user and course.
    const found = namedCourseEnrollment(context, String(registration.enrollment_id));
    const userId = found ? userIdOf(found.enrollment) : undefined;
    const { domain_name: domain, published_course_id: course } = found?.params ?? {};
    return assemble({
      ...head(context, 'VILT_EVENT_REGISTRATION'),
      user: userId === undefined ? undefined : webhookUser(context, userId),
      vilt_session: session.id === undefined ? undefined : { id: session.id },
      course: domain && course ? webhookCourse(context, domain, course) : undefined,
      domain: domain ? webhookDomain(context, domain) : undefined,
    });
  },
};
