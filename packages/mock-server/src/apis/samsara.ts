import { randomUUID } from 'node:crypto';
import type { StateContext, StateResult } from '../answerers/state/context.js';
import { formatTimestamp, newId, parseTimestamp } from '../answerers/state/formats.js';
import { page } from '../answerers/state/paging.js';
import { collectionModel, collectionOf, matchesFilter } from '../answerers/state/resources.js';
import type { Item } from '../store/store.js';
import type { ApiBehaviour, FilterDeclaration } from './types.js';

/** Training assignments live in the stream's collection: the stream is how the API lists them. */
const STREAM = '/training-assignments/stream';
const COURSES = '/training-courses';

const STREAM_FILTERS: FilterDeclaration[] = [
  { param: 'learnerIds', field: 'learner.id', op: 'in' },
  { param: 'courseIds', field: 'course.id', op: 'in' },
  { param: 'status', field: 'status', op: 'in' },
  { param: 'isOverdue', field: 'isOverdue', op: 'eq' },
];

/** Samsara training API (seed 002 and the facts file). */
export const samsara: ApiBehaviour = {
  errorMessageField: 'message',
  // `{ message, requestId }`; every answer gets a fresh request id, as the API's do.
  errors: { body: (_status, message) => ({ message, requestId: randomUUID() }) },
  // Facts file: `Authorization: Bearer <API token>`. The stream's 5 requests/second come from
  // the spec's `x-rate-limit`, per token (rate-limit.ts).
  auth: {
    bearer: 'api-key',
    source:
      'Bearer: any API token, or only those given with `--api-key samsara=<token>` (401 otherwise) (facts file); rate limits per token from `x-rate-limit` (seed 002)',
  },
  paging: {
    style: 'samsara-cursor',
    pageParam: 'after',
    sizeParam: 'limit',
    // The page size is not documented: 100 is inferred.
    defaultPageSize: 100,
    maxPageSize: 512,
    defaultSource: '100 (inferred; the sources state no page size)',
  },
  putReplaces: false,
  putSource: 'Samsara has no PUT',
  filters: {
    listTrainingCourses: [
      { param: 'courseIds', field: 'id', op: 'in' },
      { param: 'categoryIds', field: 'category.id', op: 'in' },
      { param: 'status', field: 'status', op: 'in' },
    ],
  },
  custom: {
    createTrainingAssignments: {
      reason:
        'create, query-addressed: one assignment per learner of `learnerIds`; an existing one for the same course and learner comes back with `isExistingAssignment: true`',
      handler: createAssignments,
    },
    updateTrainingAssignments: {
      reason: 'update, query-addressed: sets `dueAtTime` of the `ids` (404 if one is unknown)',
      handler: (context) => changeAssignments(context, 'due'),
    },
    deleteTrainingAssignments: {
      reason:
        'delete, query-addressed: sets `deletedAtTime` of the `ids`; the stream then shows them as deleted',
      handler: (context) => changeAssignments(context, 'delete'),
    },
    getTrainingAssignmentsStream: {
      reason:
        'list: what was created or modified in [`startTime`, `endTime`), sorted by `updatedAtTime`, opaque cursor; without `endTime`, `hasNextPage` stays true (seed 002); `learnerIds`, `courseIds`, `status`, `isOverdue` applied; `categoryIds` keeps the assignments whose course (in `/training-courses`) is in one of the categories, so an unknown category keeps none (seed 002); an undocumented `limit` is ignored',
      handler: stream,
    },
  },
};

function ids(context: StateContext, name: string): string[] {
  return context.query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter((value) => value !== '');
}

/** `isOverdue` follows `dueAtTime` (and is false once completed). */
function withOverdue(item: Item, now: number): Item {
  const due = parseTimestamp(item.dueAtTime);
  const isOverdue = due !== undefined && due < now && item.status !== 'completed';
  return item.isOverdue === isOverdue ? item : { ...item, isOverdue };
}

function createAssignments(context: StateContext): StateResult {
  const model = collectionModel(context, STREAM);
  const collection = collectionOf(context, model);
  const courseId = context.query.get('courseId') as string;
  const dueAtTime = context.query.get('dueAtTime');
  const stampShape = 'iso-ms' as const;
  const data: Item[] = [];
  for (const learnerId of ids(context, 'learnerIds')) {
    const existing = [...collection.items.values()].find(
      (item) =>
        (item.course as Item | undefined)?.id === courseId &&
        (item.learner as Item | undefined)?.id === learnerId &&
        item.deletedAtTime === undefined,
    );
    if (existing) {
      data.push({ ...withOverdue(existing, context.now), isExistingAssignment: true });
      continue;
    }
    const now = formatTimestamp(context.now, stampShape);
    // The learner's type is the prefix its id carries (`driver-281474`, the spec's example);
    // who created the assignment is not known to the mock, so `createdById` stays absent.
    const learnerType = /^([a-z]+)-/.exec(learnerId)?.[1];
    const item: Item = {
      id: newId({ kind: 'uuid', upper: false }, context.random, 0),
      course: { id: courseId },
      learner: learnerType ? { id: learnerId, type: learnerType } : { id: learnerId },
      status: 'notStarted',
      createdAtTime: now,
      updatedAtTime: now,
      ...(dueAtTime ? { dueAtTime } : {}),
      isOverdue: false,
    };
    const stored = withOverdue(item, context.now);
    context.session.put(collection, stored.id as string, stored);
    data.push({ ...stored, isExistingAssignment: false });
  }
  return { status: 200, body: { data } };
}

function changeAssignments(context: StateContext, change: 'due' | 'delete'): StateResult {
  const model = collectionModel(context, STREAM);
  const collection = collectionOf(context, model);
  const wanted = ids(context, 'ids');
  const unknown = wanted.filter((id) => !collection.items.has(id));
  if (unknown.length > 0)
    return { specStatus: 404, detail: `Unknown training assignment ids: ${unknown.join(', ')}.` };
  const now = formatTimestamp(context.now, 'iso-ms');
  const data: Item[] = [];
  for (const id of wanted) {
    const current = collection.items.get(id) as Item;
    const next: Item =
      change === 'due'
        ? { ...current, dueAtTime: context.query.get('dueAtTime'), updatedAtTime: now }
        : { ...current, deletedAtTime: now, updatedAtTime: now };
    const stored = withOverdue(next, context.now);
    context.session.put(collection, id, stored);
    data.push(stored);
  }
  return change === 'delete' ? { status: 204 } : { status: 200, body: { data } };
}

function stream(context: StateContext): StateResult {
  const model = collectionModel(context, STREAM);
  const start = parseTimestamp(context.query.get('startTime')) ?? 0;
  const end = parseTimestamp(context.query.get('endTime'));
  const items: Item[] = [];
  const inCategories = coursesInCategories(context);
  for (const stored of collectionOf(context, model).items.values()) {
    const updated = parseTimestamp(stored.updatedAtTime);
    if (updated === undefined || updated < start || (end !== undefined && updated >= end)) continue;
    const item = withOverdue(stored, context.now);
    const courseId = (item.course as Item | undefined)?.id;
    if (inCategories && !inCategories.has(String(courseId))) continue;
    if (STREAM_FILTERS.every((filter) => passes(context, item, filter))) items.push(item);
  }
  const sortKey = (item: Item) =>
    `${String(parseTimestamp(item.updatedAtTime)).padStart(15, '0')}|${String(item.id)}`;
  items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const paging = context.behaviour.paging;
  const result = page({
    items,
    query: context.query,
    requestUrl: context.requestUrl,
    listKey: 'data',
    paging,
    pageSize: paging.defaultPageSize,
    // The stream documents no `limit` (nor any page size): one sent is ignored.
    sizeDocumented: context.operation.queryParams.some(({ name }) => name === paging.sizeParam),
    cursorOf: sortKey,
  });
  if ('invalidPage' in result) return { specStatus: 400, detail: result.invalidPage };
  const body = result.body as { data: Item[]; pagination: { endCursor: string; hasNextPage: boolean } };
  if (end === undefined) {
    // Seed: without an endTime the stream is polled forever; `hasNextPage` is true and the cursor
    // is never empty (it stays on the last item seen, or where the caller already was).
    const last = body.data[body.data.length - 1];
    const after = context.query.get('after');
    body.pagination.endCursor =
      body.pagination.endCursor ||
      (last
        ? Buffer.from(sortKey(last)).toString('base64url')
        : after || Buffer.from(`${String(start).padStart(15, '0')}|`).toString('base64url'));
    body.pagination.hasNextPage = true;
  }
  return { status: 200, body };
}

/**
 * The ids of the stored courses in the `categoryIds` (seed 002: "training assignments for the
 * specified category ID(s) will be returned"); an assignment shows no category of its own, so its
 * course's is looked up. `undefined` when the request names no category; an unknown one matches
 * no course, so no assignment.
 */
function coursesInCategories(context: StateContext): Set<string> | undefined {
  const wanted = ids(context, 'categoryIds');
  if (wanted.length === 0) return undefined;
  const courses = collectionOf(context, collectionModel(context, COURSES)).items.values();
  const matching = new Set<string>();
  for (const course of courses) {
    const category = (course.category as Item | null | undefined)?.id;
    if (category !== undefined && wanted.includes(String(category))) matching.add(String(course.id));
  }
  return matching;
}

function passes(context: StateContext, item: Item, filter: FilterDeclaration): boolean {
  const raw = context.query.getAll(filter.param).join(',');
  return raw === '' || matchesFilter(item, filter, raw);
}
