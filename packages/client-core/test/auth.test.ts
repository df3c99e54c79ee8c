import { inspect } from 'node:util';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  basicAuth,
  bearerAuth,
  createApiClient,
  manualClock,
  oauth2ClientCredentials,
  shortPageStrategy,
  snworksJwt,
} from '../src/index.js';
import { fakeFetch, hangingFetch, json, type TestPaths } from './fake-fetch.js';

const baseUrl = 'https://api.example.test';
const SECRET = 'sk_live_VERY_SECRET_value_42';

function client(
  fetch: (request: Request) => Promise<Response>,
  auth: Parameters<typeof createApiClient>[0]['auth'],
  extra = {},
) {
  return createApiClient<TestPaths, 'array'>({
    baseUrl,
    fetch,
    auth,
    retry: false,
    pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    ...extra,
  });
}

/** A token endpoint that counts its calls and issues numbered tokens. */
function tokenServer(expiresIn = 3600) {
  let issued = 0;
  const fetch = fakeFetch(async (request) => {
    issued += 1;
    await new Promise((resolve) => setTimeout(resolve, 20)); // slow enough for requests to pile up
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    return json({ access_token: `token-${issued}`, token_type: 'Bearer', expires_in: expiresIn });
  });
  return { fetch, count: () => issued };
}

describe('basicAuth', () => {
  it('sends RFC 7617 credentials, UTF-8 safe, empty password allowed', async () => {
    const fetch = fakeFetch(json([]));
    await client(fetch, basicAuth({ username: 'api-key-é' })).GET('/things');
    const header = fetch.requests[0]?.headers.get('authorization') ?? '';
    expect(header.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe('api-key-é:');
  });

  it('rejects a username with a colon', () => {
    expect(() => basicAuth({ username: 'a:b', password: 'c' })).toThrow('must not contain ":"');
    expect(() => basicAuth({ username: '' })).toThrow('non-empty');
  });
});

describe('bearerAuth', () => {
  it('sends a fixed token or the current one from a function', async () => {
    const fetch = fakeFetch(json([]));
    await client(fetch, bearerAuth('static-token')).GET('/things');
    let n = 0;
    const rotating = bearerAuth(async () => `rotating-${++n}`);
    await client(fetch, rotating).GET('/things');
    await client(fetch, rotating).GET('/things');
    expect(fetch.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer static-token',
      'Bearer rotating-1',
      'Bearer rotating-2',
    ]);
  });
});

describe('oauth2ClientCredentials', () => {
  const options = (fetch: (request: Request) => Promise<Response>) => ({
    tokenUrl: 'https://auth.example.test/oauth2/token/tenant',
    clientId: 'eu-west-2_AbcdEfghI',
    clientSecret: SECRET,
    scope: 'api/read',
    fetch,
  });

  it('lets 50 concurrent calls share one token request', async () => {
    const tokens = tokenServer();
    const api = fakeFetch(json([]));
    const sj = client(api, oauth2ClientCredentials(options(tokens.fetch)));
    await Promise.all(Array.from({ length: 50 }, () => sj.GET('/things')));
    expect(tokens.count()).toBe(1);
    expect(new Set(api.requests.map((r) => r.headers.get('authorization')))).toEqual(
      new Set(['Bearer token-1']),
    );
    // Client authentication: HTTP Basic with id and secret, scope and grant in the form.
    const tokenRequest = tokens.fetch.requests[0] as Request;
    expect(tokenRequest.headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`eu-west-2_AbcdEfghI:${SECRET}`).toString('base64')}`,
    );
    expect(new URLSearchParams(tokens.fetch.bodies[0])).toEqual(
      new URLSearchParams('grant_type=client_credentials&scope=api%2Fread'),
    );
  });

  it('caches the token until shortly before it expires', async () => {
    const tokens = tokenServer(1); // expires in 1 s, renewed 0.9 s in with a 100 ms skew
    const api = fakeFetch(json([]));
    const clock = manualClock();
    const sj = client(api, oauth2ClientCredentials({ ...options(tokens.fetch), expirySkewMs: 100, clock }));
    await sj.GET('/things');
    await sj.GET('/things');
    await clock.advance(850);
    await sj.GET('/things');
    expect(tokens.count()).toBe(1);
    await clock.advance(100);
    await sj.GET('/things');
    expect(tokens.count()).toBe(2);
    expect(api.requests.at(-1)?.headers.get('authorization')).toBe('Bearer token-2');
  });

  it('uses a token shorter-lived than twice the skew for half its life, not once per request', async () => {
    const tokens = tokenServer(1); // 1 s, with the default 60 s skew
    const api = fakeFetch(json([]));
    const clock = manualClock();
    const sj = client(api, oauth2ClientCredentials({ ...options(tokens.fetch), clock }));
    for (let i = 0; i < 5; i += 1) await sj.GET('/things');
    await clock.advance(450);
    await sj.GET('/things');
    expect(tokens.count()).toBe(1);
    await clock.advance(100);
    await sj.GET('/things');
    expect(tokens.count()).toBe(2);
  });

  it('renews the token and retries once on 401', async () => {
    const tokens = tokenServer();
    const api = fakeFetch((request) =>
      request.headers.get('authorization') === 'Bearer token-1'
        ? json({ message: 'expired' }, { status: 401 })
        : json([{ id: 'ok' }]),
    );
    const { data } = await client(api, oauth2ClientCredentials(options(tokens.fetch))).GET('/things');
    expect(data).toEqual([{ id: 'ok' }]);
    expect(tokens.count()).toBe(2);
    expect(api.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it("lets the caller's signal cancel the re-send of a call with a body", async () => {
    const tokens = tokenServer();
    const hanging = hangingFetch();
    const api = fakeFetch((request) =>
      request.headers.get('authorization') === 'Bearer token-1'
        ? json({ message: 'expired' }, { status: 401 })
        : hanging(request),
    );
    const controller = new AbortController();
    const pending = client(api, oauth2ClientCredentials(options(tokens.fetch)))
      .POST('/things', { body: { name: 'n' }, signal: controller.signal })
      .catch((error: unknown) => error);
    await vi.waitFor(() => expect(hanging.requests).toHaveLength(1));
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'aborted' });
    expect(api.bodies).toEqual(['{"name":"n"}', '{"name":"n"}']);
  });

  it('gives up after one renewal', async () => {
    const tokens = tokenServer();
    const api = fakeFetch(json({ message: 'no' }, { status: 401 }));
    const { response } = await client(api, oauth2ClientCredentials(options(tokens.fetch))).GET('/things');
    expect(response.status).toBe(401);
    expect(api.requests).toHaveLength(2);
  });

  it('reports a failing token endpoint without leaking the secret', async () => {
    const tokens = fakeFetch(json({ error: 'invalid_client' }, { status: 401 }));
    const failure = await client(fakeFetch(json([])), oauth2ClientCredentials(options(tokens)))
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      kind: 'http',
      status: 401,
      operation: 'POST oauth2 token',
      body: { error: 'invalid_client' },
    });
    expect(String(failure)).not.toContain(SECRET);
    expect(inspect(failure, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(failure)).not.toContain(SECRET);
  });
});

describe('snworksJwt', () => {
  const keys = { publicKey: 'pub-123', privateKey: SECRET };

  it('signs HS256 with the private key and carries pk, iat and exp', async () => {
    const fetch = fakeFetch(json([]));
    await client(fetch, snworksJwt({ ...keys, ttlSeconds: 600 })).GET('/things');
    const token = (fetch.requests[0]?.headers.get('authorization') ?? '').replace('Bearer ', '');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET));
    expect(payload.pk).toBe('pub-123');
    expect((payload.exp as number) - (payload.iat as number)).toBe(600);
  });

  it('re-signs and re-sends once when the API answers 403', async () => {
    let calls = 0;
    const fetch = fakeFetch(() =>
      ++calls === 1 ? json({ message: 'expired' }, { status: 403 }) : json([{ id: 'x' }]),
    );
    const { data } = await client(fetch, snworksJwt(keys)).POST('/things', { body: { name: 'n' } });
    expect(data).toEqual([{ id: 'x' }]);
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.bodies).toEqual(['{"name":"n"}', '{"name":"n"}']);
    const [first, second] = fetch.requests.map((r) =>
      decodeJwt((r.headers.get('authorization') ?? '').slice(7)),
    );
    expect(first).not.toBe(second);
  });
});

describe('secrets stay secret', () => {
  it('never shows credentials when auth middleware is printed', () => {
    for (const auth of [
      basicAuth({ username: SECRET }),
      bearerAuth(SECRET),
      oauth2ClientCredentials({ tokenUrl: 'https://a.test/t', clientId: 'id', clientSecret: SECRET }),
      snworksJwt({ publicKey: 'p', privateKey: SECRET }),
    ]) {
      expect(String(auth)).not.toContain(SECRET);
      expect(JSON.stringify(auth)).not.toContain(SECRET);
      expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain(SECRET);
    }
  });

  it('never logs or throws credentials', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (message: string, details: object) => lines.push(message + JSON.stringify(details)),
    };
    const sj = client(
      fakeFetch(json({ message: 'down' }, { status: 503 })),
      basicAuth({ username: SECRET }),
      {
        logger,
        throwOnError: true,
      },
    );
    const failure = await sj.GET('/things').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    const basic = Buffer.from(`${SECRET}:`).toString('base64');
    for (const text of [
      ...lines,
      String(failure),
      inspect(failure, { depth: 10, showHidden: true }),
      JSON.stringify(failure),
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(basic);
    }
    expect(lines).toHaveLength(1);
  });

  it('refuses credentials in the base URL without echoing them', () => {
    const attempt = () =>
      createApiClient<TestPaths, 'array'>({
        baseUrl: `https://user:${SECRET}@api.example.test`,
        pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
      });
    expect(attempt).toThrow('baseUrl must not contain credentials (api.example.test)');
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
    }
  });
});

describe('oauth2ClientCredentials token endpoint timeout', () => {
  it('gives up on a token endpoint that does not answer', async () => {
    const hanging = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    const sj = client(
      fakeFetch(json([])),
      oauth2ClientCredentials({
        tokenUrl: 'https://auth.example.test/token',
        clientId: 'id',
        clientSecret: SECRET,
        fetch: hanging,
        timeoutMs: 100,
      }),
    );
    const failure = await sj.GET('/things').catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'timeout', operation: 'POST oauth2 token' });
  });
});

describe('oauth2ClientCredentials option validation', () => {
  it('rejects a timeout that could never let the token request finish', () => {
    const options = { tokenUrl: 'https://auth.example.test/token', clientId: 'id', clientSecret: SECRET };
    expect(() => oauth2ClientCredentials({ ...options, timeoutMs: 0 })).toThrow(
      'timeoutMs must be a positive number, got 0',
    );
    expect(() => oauth2ClientCredentials({ ...options, timeoutMs: Number.NaN })).toThrow('got NaN');
  });
});
