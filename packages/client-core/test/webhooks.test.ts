import { describe, expect, it } from 'vitest';
import {
  isWebhookError,
  type ReceiveWebhookOptions,
  receiveWebhook,
  type WebhookError,
  type WebhookRequest,
  type WebhookSpec,
} from '../src/index.js';

const spec: WebhookSpec = {
  webhooks: {
    THING_CREATED: {
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingCreated' } } },
        },
      },
    },
    THING_DELETED: {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['kind'],
                properties: { kind: { const: 'THING_DELETED' } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ThingCreated: {
        type: 'object',
        required: ['kind', 'at', 'user'],
        properties: {
          kind: { type: 'string', const: 'THING_CREATED' },
          at: { type: 'string', format: 'date-time' },
          user: { $ref: '#/components/schemas/User' },
        },
      },
      User: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' } } },
    },
  },
};

const config = { loadSpec: async () => spec, discriminator: 'kind' };
const receive = (request: WebhookRequest, options?: ReceiveWebhookOptions) =>
  receiveWebhook(config, request, options);

const valid = {
  kind: 'THING_CREATED',
  at: '2015-02-13T18:57:55.066475+00:00',
  user: { id: 'u1', email: 'jane@doe.com' },
};
const json = { 'content-type': 'application/json', 'user-agent': 'skilljar' };
const basic = (credential: string) => `Basic ${btoa(credential)}`;

/** The error a receive rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isWebhookError(error)) throw new Error(`expected a WebhookError, got ${String(error)}`);
  return error;
}

describe('receiveWebhook: the forms a delivery comes in', () => {
  it('reads { headers, body } with the body as text, bytes or already parsed', async () => {
    const text = JSON.stringify(valid);
    expect(await receive({ headers: json, body: text })).toEqual(valid);
    expect(await receive({ headers: json, body: new TextEncoder().encode(text) })).toEqual(valid);
    expect(await receive({ headers: json, body: valid })).toEqual(valid);
  });

  it('reads a Fetch Request', async () => {
    const request = new Request('http://127.0.0.1/hook', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(valid),
    });
    expect(await receive(request)).toEqual(valid);
  });

  it('reads a Node request from its stream, split anywhere (even inside a UTF-8 character)', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ ...valid, user: { id: 'u1', email: 'zoë@x.io' } }),
    );
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of ë
    const stream = {
      headers: json,
      async *[Symbol.asyncIterator]() {
        yield bytes.slice(0, cut);
        yield bytes.slice(cut);
      },
    };
    expect(await receive(stream)).toMatchObject({ user: { email: 'zoë@x.io' } });
  });
});

describe('receiveWebhook: the Basic credential', () => {
  const options = { basicAuth: { username: 'hook-user', password: 's3cret' } };

  it('accepts the configured credential, whatever the header name case', async () => {
    const body = JSON.stringify(valid);
    const request = { headers: { ...json, Authorization: basic('hook-user:s3cret') }, body };
    expect(await receive(request, options)).toEqual(valid);
    const headers = new Headers({ ...json, authorization: basic('hook-user:s3cret') });
    expect(await receive({ headers, body }, options)).toEqual(valid);
  });

  it('refuses a delivery without it, with another scheme, or with another credential (401)', async () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'no Authorization header'],
      ['Bearer abc', 'uses the Bearer scheme'],
      [basic('hook-user:wrong'), 'is not the one this receiver is configured with'],
      [basic('other:s3cret'), 'is not the one this receiver is configured with'],
      ['Basic %%%', 'is not the one this receiver is configured with'],
    ];
    for (const [authorization, words] of cases) {
      const headers = authorization === undefined ? json : { ...json, authorization };
      const error = await refusal(receive({ headers, body: valid }, options));
      expect([error.kind, error.status]).toEqual(['unauthorized', 401]);
      expect(error.message).toContain(words);
      expect(error.message).not.toContain('s3cret');
    }
  });

  it('checks no credential when none is configured', async () => {
    expect(await receive({ headers: { ...json, authorization: 'Bearer x' }, body: valid })).toEqual(valid);
  });
});

describe('receiveWebhook: the body', () => {
  it('refuses a body that is not JSON, by its content type (415) or its text (400)', async () => {
    const media = await refusal(receive({ headers: { 'content-type': 'text/plain' }, body: 'hi' }));
    expect([media.kind, media.status]).toEqual(['unsupported-media-type', 415]);
    const text = await refusal(receive({ headers: json, body: '{"kind": ' }));
    expect([text.kind, text.status]).toEqual(['invalid-body', 400]);
    expect(text.message).toMatch(/^Webhook delivery refused: the body is not JSON \(/);
  });

  it('names the field and what the spec expects when the body departs from its schema', async () => {
    const body = { ...valid, at: 'yesterday', user: { id: 'u1', email: 42 } };
    const error = await refusal(receive({ headers: json, body }));
    expect([error.kind, error.status, error.webhook]).toEqual(['invalid-body', 400, 'THING_CREATED']);
    expect(error.findings.map((found) => [found.kind, found.location])).toEqual([
      ['format', 'at'],
      ['type', 'user.email'],
    ]);
    expect(error.message).toBe(
      'Webhook delivery refused (THING_CREATED): the body departs from the spec: at: is not a valid date-time; user.email: is integer, the spec says string.',
    );
  });

  it('refuses a body without the discriminator, or naming no webhook of the spec', async () => {
    const missing = await refusal(receive({ headers: json, body: { at: valid.at } }));
    expect(missing.message).toContain('kind: required by the spec, but left out');
    const unknown = await refusal(receive({ headers: json, body: { ...valid, kind: 'THING_EATEN' } }));
    expect([unknown.kind, unknown.status]).toEqual(['unknown-event', 400]);
    expect(unknown.message).toContain(
      'kind: "THING_EATEN" is not one of the spec\'s values ("THING_CREATED" | "THING_DELETED")',
    );
    const inherited = await refusal(receive({ headers: json, body: { kind: 'toString' } }));
    expect(inherited.kind).toBe('unknown-event');
    const array = await refusal(receive({ headers: json, body: [valid] }));
    expect(array.message).toContain('(body): is array, the spec says object');
  });

  it('accepts properties the spec does not describe, unless strict', async () => {
    const body = { ...valid, user: { ...valid.user, locale: 'fr' }, extra: 1 };
    expect(await receive({ headers: json, body })).toEqual(body);
    const error = await refusal(receive({ headers: json, body }, { strict: true }));
    expect(error.findings.map((found) => [found.kind, found.location])).toEqual([
      ['undocumented-property', 'user.locale'],
      ['undocumented-property', 'extra'],
    ]);
  });

  it('checks each webhook against its own schema', async () => {
    expect(await receive({ headers: json, body: { kind: 'THING_DELETED' } })).toEqual({
      kind: 'THING_DELETED',
    });
    const error = await refusal(receive({ headers: json, body: { kind: 'THING_CREATED' } }));
    expect(error.findings.map((found) => found.location)).toEqual(['at', 'user']);
  });
});
