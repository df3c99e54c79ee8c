// Fixtures: a test's data, loaded into one session in one call (`POST /_state/load`,
// `mock.session(name).load(...)`, `--fixtures <file>`). Each item is the create it stands for,
// through the same steps as a client's create (ids and server fields generated, references
// resolved, schema-checked); the first item refused undoes the whole fixture.
import type { StateStore } from '../answerers/state/index.js';
import type { MockResponse, Violation } from '../core/answer.js';
import type { ServedApi } from './api-router.js';

/** `{ "<api>": { "<collection path, as the spec names it>": [items] } }` */
export type Fixture = Record<string, Record<string, unknown[]>>;

export interface LoadedFixture {
  session: string;
  /** Items stored, per API and path. */
  loaded: Record<string, Record<string, number>>;
}

/** Why a fixture was refused: which item, which field, and the API's own answer to it. */
export class FixtureError extends Error {
  constructor(
    message: string,
    readonly where: { api?: string; path?: string; index?: number; field?: string },
    readonly answer?: { status: number; body: unknown },
  ) {
    super(message);
  }
}

export function loadFixture(
  served: ReadonlyMap<string, ServedApi>,
  store: StateStore,
  session: string,
  fixture: unknown,
): LoadedFixture {
  const shape = checkShape(served, fixture);
  const restore = store.session(session).snapshot();
  const loaded: LoadedFixture['loaded'] = {};
  try {
    for (const [api, paths] of Object.entries(shape)) {
      const target = served.get(api) as ServedApi;
      loaded[api] = {};
      for (const [path, items] of Object.entries(paths)) {
        items.forEach((item, index) => {
          storeItem(target, session, { api, path, index }, item);
        });
        (loaded[api] as Record<string, number>)[path] = items.length;
      }
    }
  } catch (error) {
    restore();
    throw error;
  }
  return { session, loaded };
}

function storeItem(
  api: ServedApi,
  session: string,
  where: { api: string; path: string; index: number },
  item: unknown,
): void {
  const body = Buffer.from(JSON.stringify(item));
  const answer = api.pipeline.load({
    method: 'POST',
    path: where.path,
    query: new URLSearchParams(),
    rawQuery: '',
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
    session,
    requestUrl: `http://localhost/${where.api}${api.definition.basePath}${where.path}`,
  });
  const name = `${where.api} ${where.path}[${where.index}]`;
  if (!answer)
    throw new FixtureError(`${name}: ${where.path} has no create operation the mock stores.`, where);
  if (answer.status >= 200 && answer.status < 300) return;
  const parsed = parseAnswer(answer);
  const field = fieldOf(answer.violations, parsed);
  throw new FixtureError(
    `${name}${field ? `, field ${field}` : ''}: refused with ${answer.status}${describe(answer.violations, parsed)}`,
    { ...where, ...(field ? { field } : {}) },
    { status: answer.status, body: parsed },
  );
}

function checkShape(
  served: ReadonlyMap<string, ServedApi>,
  fixture: unknown,
): Record<string, Record<string, unknown[]>> {
  if (!isObject(fixture))
    throw new FixtureError('A fixture is a JSON object: { "<api>": { "<path>": [items] } }.', {});
  for (const [api, paths] of Object.entries(fixture)) {
    if (!served.has(api))
      throw new FixtureError(`${api}: no such API. Served: ${[...served.keys()].join(', ')}.`, { api });
    if (!isObject(paths)) throw new FixtureError(`${api}: give an object of paths to item lists.`, { api });
    for (const [path, items] of Object.entries(paths)) {
      if (!path.startsWith('/'))
        throw new FixtureError(`${api} ${path}: a path as the spec names it, starting with /.`, {
          api,
          path,
        });
      if (!Array.isArray(items))
        throw new FixtureError(`${api} ${path}: give a list of items.`, { api, path });
    }
  }
  return fixture as Record<string, Record<string, unknown[]>>;
}

/** The first field the refusal names: from the request's violations, else the API's field map. */
function fieldOf(violations: Violation[], body: unknown): string | undefined {
  const request = violations.find(
    (violation) => violation.location[0] === 'request' && violation.severity === 'Error',
  );
  const path = request?.location.slice(2);
  if (path && path.length > 0) return path.join('.');
  const missing = request && /required property '([^']+)'/.exec(request.message)?.[1];
  if (missing) return missing;
  if (isObject(body)) {
    const keys = Object.keys(body).filter(
      (key) => !['detail', 'message', 'error', 'errors', 'status'].includes(key),
    );
    if (keys.length > 0 && keys.length === Object.keys(body).length) return keys[0];
  }
  return undefined;
}

function describe(violations: Violation[], body: unknown): string {
  const errors = violations.filter(
    (violation) => violation.severity === 'Error' && violation.location[0] === 'request',
  );
  if (errors.length > 0) return `: ${errors.map((violation) => violation.message).join('; ')}.`;
  return body === undefined ? '.' : `: ${JSON.stringify(body)}`;
}

function parseAnswer(answer: MockResponse): unknown {
  try {
    return answer.body === undefined ? undefined : JSON.parse(answer.body);
  } catch {
    return answer.body;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
