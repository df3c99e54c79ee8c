// Every API's Postman collection, as the portal offers it, run with newman against the stateful
// mock: every request must get one of its operation's documented success statuses (the test each
// request carries), with credentials the mock checks as the API would.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestsOf, toPostmanCollection } from '@lms-apis/codegen/postman';
import { listApis } from '@lms-apis/codegen/specs';
import { type RunningMockServer, signJwt, startMockServer } from '@lms-apis/mock-server';
import newman, { type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLoopbackWebhookTargets } from './webhook-targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');

// Credentials the mock is started to accept, and only those (an unknown key or JWT gets 401).
const SKILLJAR_KEY = 'newman-skilljar-key';
const SAMSARA_TOKEN = 'newman-samsara-token';
const SNWORKS_KEYS = { publicKey: 'newman-public-key', privateKey: 'newman-private-key' };

/** An HS256 JWT as SNworks wants it: the public key as `pk`, valid for an hour. */
function snworksJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ pk: SNWORKS_KEYS.publicKey, iat: now, exp: now + 3600 }, SNWORKS_KEYS.privateKey);
}

/** Per API, the values of the collection's credential variables (see its `variable` list). */
const CREDENTIALS: Record<string, () => Record<string, string>> = {
  // The mock checks only that Basic credentials are present for Thrive (any tenant and secret).
  thrive: () => ({ basicAuthUsername: 'newman-tenant', basicAuthPassword: 'newman-secret' }),
  samsara: () => ({ bearerToken: SAMSARA_TOKEN }),
  skilljar: () => ({ basicAuthUsername: SKILLJAR_KEY, basicAuthPassword: '' }),
  snworks: () => ({ bearerToken: snworksJwt() }),
};

type Collection = { variable?: Array<{ key: string; value?: unknown }>; item: unknown[] };

async function collectionOf(api: string): Promise<Collection> {
  return JSON.parse(
    withLoopbackWebhookTargets(await readFile(path.join(dist, `specs/${api}.postman.json`), 'utf8')),
  );
}

/**
 * Each request runs in its own `X-Mock-Session`, so against the seed, as it was written: the
 * spec's examples name seed records, and a collection runs its requests in folder order, so
 * without this a DELETE would take away what a later request of another folder reads (deleting
 * a promo code pool deletes its promo codes; deleting an assignment leaves nothing to lock). The
 * usage-samples test resets the mock before each sample for the same reason. This is the test's
 * harness, not part of the collection the portal offers; every run gets fresh sessions. (A header, not a pre-request script:
 * each script run in newman's sandbox costs ~30 ms, which doubles Skilljar's run.)
 */
function sessionPerRequest(collection: Collection, api: string): Collection {
  const copy: Collection = structuredClone(collection);
  const run = randomUUID();
  requestsOf(copy.item).forEach((item: { request: { header?: unknown[] } }, index: number) => {
    item.request.header = [
      ...(item.request.header ?? []),
      { key: 'X-Mock-Session', value: `newman-${api}-${run}-${index}` },
    ];
  });
  return copy;
}

function run(collection: Collection, values: Record<string, string>): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        // An object, never a URL or a Postman UID: newman then fetches nothing from Postman's API.
        collection: collection as never,
        environment: { values: Object.entries(values).map(([key, value]) => ({ key, value })) } as never,
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

/** What went wrong, one line per failed assertion or error, to read in a failing test. */
function failuresOf(summary: NewmanRunSummary): string[] {
  return summary.run.failures.map(
    (failure) =>
      `${failure.source?.name ?? '?'}: ${failure.error.message}${failure.error.test ? ` [${failure.error.test}]` : ''}`,
  );
}

let mock: RunningMockServer;

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    apiKeys: { skilljar: [SKILLJAR_KEY], samsara: [SAMSARA_TOKEN] },
    jwtKeys: { snworks: SNWORKS_KEYS },
  });
});

afterAll(async () => {
  await mock?.close();
});

/** The mock's base URL of an API (its prefix and the first server's path), as `baseUrl`. */
function baseUrl(api: string): string {
  const url = mock.apis[api];
  if (!url) throw new Error(`The mock serves no API "${api}".`);
  return url.replace(/\/$/, '');
}

/**
 * An API without an entry (a fifth spec) gets plain values: the mock only checks that they are
 * there unless its behaviours declare more, and then this test fails until it has an entry.
 */
const ANY_CREDENTIALS = {
  basicAuthUsername: 'newman-user',
  basicAuthPassword: 'newman-secret',
  bearerToken: 'newman-token',
};

function credentials(api: string): Record<string, string> {
  return CREDENTIALS[api]?.() ?? ANY_CREDENTIALS;
}

describe('Postman collections, run with newman against the stateful mock', () => {
  for (const api of listApis().map((info) => info.api)) {
    it(`${api}: every request gets a documented success status`, async () => {
      const collection = await collectionOf(api);
      const requests = requestsOf(collection.item).length;
      const document = JSON.parse(await readFile(path.join(dist, `specs/${api}.json`), 'utf8'));
      const operations = Object.values<Record<string, unknown>>(document.paths).flatMap((item) =>
        ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].filter(
          (method) => item[method],
        ),
      ).length;
      expect(requests).toBe(operations);
      // Every variable the collection leaves empty (its credentials) gets a value.
      const values = { baseUrl: baseUrl(api), ...credentials(api) };
      for (const variable of collection.variable ?? []) {
        if (variable.value === '')
          expect(Object.keys(values), `${api}: a value for {{${variable.key}}}`).toContain(variable.key);
      }

      const summary = await run(sessionPerRequest(collection, api), values);
      expect(failuresOf(summary)).toEqual([]);
      expect(summary.run.executions).toHaveLength(requests);
      // Each request's status test ran (one assertion per request) and passed.
      expect(summary.run.stats.assertions).toMatchObject({ total: requests, failed: 0 });
      for (const execution of summary.run.executions) {
        expect(new URL(execution.request.url.toString()).origin).toBe(mock.url);
        expect(execution.response?.code, execution.item.name).toBeGreaterThanOrEqual(200);
        expect(execution.response?.code, execution.item.name).toBeLessThan(300);
      }
    });
  }

  it('fails every request pointed at a base URL the mock does not serve', async () => {
    const summary = await run(sessionPerRequest(await collectionOf('thrive'), 'thrive'), {
      baseUrl: `${mock.url}/not-an-api`,
      ...credentials('thrive'),
    });
    const requests = requestsOf((await collectionOf('thrive')).item).length;
    expect(summary.run.stats.assertions).toMatchObject({ total: requests, failed: requests });
    expect(failuresOf(summary)[0]).toMatch(/status is a documented success/);
  });

  it('fails every request with a credential the mock does not accept', async () => {
    const collection = await collectionOf('samsara');
    const summary = await run(sessionPerRequest(collection, 'samsara'), {
      baseUrl: baseUrl('samsara'),
      bearerToken: 'not-a-known-token',
    });
    expect(summary.run.executions.map((execution) => execution.response?.code)).toEqual(
      requestsOf(collection.item).map(() => 401),
    );
    expect(summary.run.stats.assertions.failed).toBe(requestsOf(collection.item).length);
  });

  it('tests against the statuses the spec documents: a changed spec fails its request', async () => {
    // Thrive's listAssignments documents 200; say it answers 202 instead, and convert again.
    const document = JSON.parse(await readFile(path.join(dist, 'specs/thrive.json'), 'utf8'));
    const operation = document.paths['/assignments'].get;
    expect(operation.operationId).toBe('listAssignments');
    operation.responses = { '202': operation.responses['200'], ...operation.responses };
    delete operation.responses['200'];
    const summary = await run(sessionPerRequest(await toPostmanCollection(document), 'thrive'), {
      baseUrl: baseUrl('thrive'),
      ...credentials('thrive'),
    });
    expect(failuresOf(summary)).toEqual([
      expect.stringMatching(/listAssignments: status is a documented success \(202\)/),
    ]);
  });
});
