// The list filters and answer flags Skilljar's seed names that a field match cannot apply: a
// value that means "none", case-insensitive ids, and filters or extra fields that read another
// collection (a domain user's signup field values, a pool's offers, a session's lesson).

import type { ListFilter, OperationRule, StateContext } from '../answerers/state/context.js';
import { isPlainObject, readPath } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt } from './skilljar-store.js';

/** The params these rules apply, so the name-matched filters leave them alone. */
export function ruleParams(rules: Record<string, OperationRule>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => rule.filters)
      .map(([operationId, rule]) => [operationId, (rule.filters ?? []).map((filter) => filter.param)]),
  );
}

/** Seed: "If set to True" / "If set to true" (DRF reads booleans case-insensitively). */
function flag(context: StateContext, name: string): boolean {
  return ['true', '1'].includes((context.query.get(name) ?? '').toLowerCase());
}

function sameText(value: unknown, wanted: string, caseSensitive: boolean): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  return caseSensitive ? String(value) === wanted : String(value).toLowerCase() === wanted.toLowerCase();
}

function fieldFilter(param: string, path: string, caseSensitive: boolean, source: string): ListFilter {
  return {
    param,
    describe: `\`${path}\`${caseSensitive ? '' : ', case-insensitive'} (${source})`,
    match: (_context, item, value) => sameText(readPath(item, path.split('.')), value, caseSensitive),
  };
}

/** The user's values of the domain's signup fields (`.../users/{user_id}/signup-fields`). */
function signupValues(context: StateContext, item: Item): Item[] {
  const userId = readPath(item, ['user', 'id']);
  if (typeof userId !== 'string') return [];
  const values = collectionAt(context, '/v1/domains/{domain_name}/users/{user_id}/signup-fields', {
    ...context.pathParams,
    user_id: userId,
  });
  return [...values.items.values()];
}

function signupFilter(param: string, path: string[], caseSensitive: boolean): ListFilter {
  return {
    param,
    describe: `a stored signup field value of the user with this \`${path.join('.')}\`${caseSensitive ? ', case-sensitive' : ''} (seed)`,
    match: (context, item, value) =>
      signupValues(context, item).some((entry) => sameText(readPath(entry, path), value, caseSensitive)),
  };
}

export const domainUserList: OperationRule = {
  reason:
    '`include_signup_field_data=true` adds each user\'s stored signup field values as `signup_fields` (seed: "the response also includes the following data for each user")',
  filters: [
    {
      param: 'access_code',
      describe: '`null`: the users without an access code (seed: "Use a value of \\"null\\" ...")',
      match: (_context, item, value) =>
        value === 'null' && (item.access_code === null || item.access_code === undefined),
    },
    fieldFilter('access_code__id', 'access_code.id', false, 'seed: "not case sensitive"'),
    fieldFilter('access_code__pool__id', 'access_code.pool.id', false, 'seed: "not case sensitive"'),
    signupFilter('signup_field_id', ['signup_field', 'id'], false),
    signupFilter('signup_field_label', ['signup_field', 'label'], true),
    signupFilter('signup_field_value', ['value'], true),
  ],
  view: (context, item) =>
    flag(context, 'include_signup_field_data')
      ? { ...item, signup_fields: signupValues(context, item) }
      : item,
};

export const promoCodePoolList: OperationRule = {
  reason: 'lists the pools by their attached offers',
  filters: [
    {
      param: 'offer_id',
      describe:
        'an offer attached through `/v1/promo-code-pools/{id}/offers` (seed: "Filter results by the id of a Offer")',
      match: (context, item, value) =>
        collectionAt(context, '/v1/promo-code-pools/{promo_code_pool_id}/offers', {
          promo_code_pool_id: String(item.id),
        }).items.has(value),
    },
  ],
};

/** A session's lesson: its own `lesson`, else its multi-session event's (seed: one of the two is set). */
function lessonOf(context: StateContext, session: Item): Item | undefined {
  const event =
    typeof session.multi_session_event === 'string'
      ? collectionAt(context, '/v1/ilt-multi-session-events', {}).items.get(session.multi_session_event)
      : undefined;
  const id = session.lesson ?? event?.lesson;
  if (typeof id !== 'string') return undefined;
  return collectionAt(context, '/v1/lessons', {}).items.get(id) ?? { id };
}

export const viltSessionEventList: OperationRule = {
  reason: "filters by the session's lesson, its own or its multi-session event's",
  filters: [
    {
      param: 'session__lesson__id',
      describe: "the session's lesson (`lesson`, else its multi-session event's) (seed)",
      match: (context, item, value) => lessonOf(context, item)?.id === value,
    },
    {
      param: 'session__lesson__course__id',
      describe: "the stored lesson's `course_id` (seed)",
      match: (context, item, value) => lessonOf(context, item)?.course_id === value,
    },
  ],
};

/** Seed: "If set to True, the response also includes the following fields ...". */
function searchable(build: (context: StateContext, item: Item) => Item): OperationRule {
  return {
    reason:
      '`include_searchable_content=True` adds the searchable fields the store holds (seed: "the response also includes the following fields"); `tags` and `search_keywords` have no stored source and stay absent',
    view: (context, item) =>
      flag(context, 'include_searchable_content') ? { ...item, ...build(context, item) } : item,
  };
}

const publishedCourseContent = searchable((context, item) => {
  const courseId = readPath(item, ['course', 'id']);
  const course =
    typeof courseId === 'string' ? collectionAt(context, '/v1/courses', {}).items.get(courseId) : undefined;
  const lessons = [...collectionAt(context, '/v1/lessons', {}).items.values()].filter(
    (lesson) => lesson.course_id === courseId,
  );
  const described = Object.fromEntries(
    ['short_description', 'long_description_html']
      .filter((field) => course && typeof course[field] === 'string')
      .map((field) => [field, course?.[field]]),
  );
  return { lesson_list: lessons, ...described };
});

const publishedPathContent = searchable((context, item) => {
  const pathId = readPath(item, ['path', 'id']);
  if (typeof pathId !== 'string') return {};
  const path = isPlainObject(item.path) ? item.path : {};
  const items = collectionAt(context, '/v1/paths/{path_id}/path-items', { path_id: pathId });
  return {
    path_item_list: [...items.items.values()],
    ...(typeof path.title === 'string' ? { title: path.title } : {}),
  };
});

export const listRules: Record<string, OperationRule> = {
  listDomainUsers: domainUserList,
  listPromoCodePools: promoCodePoolList,
  listViltSessionEvents: viltSessionEventList,
  listDomainPublishedCourses: publishedCourseContent,
  getDomainPublishedCourse: publishedCourseContent,
  listDomainPublishedPaths: publishedPathContent,
  getDomainPublishedPath: publishedPathContent,
};
