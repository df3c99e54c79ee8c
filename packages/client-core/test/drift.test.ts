import { describe, expect, it } from 'vitest';
import { checkResponse, type DriftSpec, redactSample } from '../src/drift/index.js';

const spec: DriftSpec = {
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '4XX': { $ref: '#/components/responses/Error' },
          '204': { description: 'none' },
        },
      },
    },
  },
  components: {
    schemas: {
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      Thing: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          {
            type: 'object',
            properties: {
              when: { type: ['string', 'null'], format: 'date-time' },
              size: { type: 'integer', format: 'int32' },
              kind: { enum: ['a', 'b'] },
              tags: { type: 'array', items: { type: 'string' } },
              meta: { type: 'object', additionalProperties: { type: 'number' } },
              free: { type: 'object' },
              pet: {
                oneOf: [
                  { type: 'object', properties: { bark: { type: 'boolean' } }, required: ['bark'] },
                  { type: 'object', properties: { meow: { type: 'boolean' } }, required: ['meow'] },
                ],
              },
              secret_token: { type: 'string' },
            },
          },
        ],
      },
    },
    responses: {
      Error: {
        content: {
          'application/json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } },
        },
      },
    },
  },
};

const check = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8') =>
  checkResponse(spec, {
    method: 'GET',
    path: '/things/{id}',
    status,
    contentType,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).map((found) => `${found.kind} ${found.location}`);

const good = {
  id: '123e4567-e89b-12d3-a456-426614174000',
  when: null,
  size: 3,
  kind: 'a',
  tags: ['x'],
  meta: { a: 1.5 },
  free: { anything: [1] },
  pet: { meow: true },
};

describe('drift checks', () => {
  it('finds nothing in an answer that follows the schema (allOf, oneOf, refs, open maps)', () => {
    expect(check(good)).toEqual([]);
    expect(check({ detail: 'nope' }, 404)).toEqual([]);
    expect(check('', 204, '')).toEqual([]);
  });

  it('names each kind of departure, once per place however many items show it', () => {
    const found = check({
      when: 'tuesday',
      size: 2 ** 40,
      kind: 'c',
      tags: ['x', 5, 6],
      meta: { a: 'high' },
      pet: { purr: true },
      extra: { nested: true },
    });
    expect(found.sort()).toEqual(
      [
        'format when',
        'format size',
        'enum kind',
        'type tags[]',
        'type meta.a',
        // oneOf: the closest alternative (the first, on a tie) is reported on.
        'missing-required pet.bark',
        'undocumented-property pet.purr',
        'undocumented-property extra',
        'missing-required id',
      ].sort(),
    );
    expect(check({ ...good, size: null })).toEqual(['null size']);
    expect(check({ ...good, tags: [1, 2, 3] })).toEqual(['type tags[]']);
  });

  it('names undocumented statuses, content types and bodies that are not JSON', () => {
    expect(check(good, 500)).toEqual(['undocumented-status (status)']);
    expect(check('<html>', 200, 'text/html')).toEqual(['undocumented-content-type (content type)']);
    expect(check('{not json', 200)).toEqual(['type (body)']);
    expect(check('{"a":1}', 204, 'application/json')).toEqual(['undocumented-content-type (content type)']);
  });

  it('redacts samples: shapes of strings, credential fields, summaries of objects', () => {
    expect(redactSample('Jane Doe <jane@doe.com>')).toBe('Xxxx Xxx <xxxx@xxx.xxx>');
    expect(redactSample('2024-01-05T10:00:00Z')).toBe('9999-99-99X99:99:99X');
    expect(redactSample('abc', 'api_key')).toBe('[redacted]');
    expect(redactSample({ a: 1, b: 2 })).toBe('{object with a, b}');
    expect(redactSample([1, 2, 3])).toBe('[array of 3]');
    expect(redactSample(42)).toBe(42);
    const findings = checkResponse(spec, {
      method: 'GET',
      path: '/things/{id}',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ...good, password: 'hunter2', secret_token: 7 }),
    });
    expect(findings.map((found) => found.sample)).toEqual(['[redacted]', '[redacted]']);
  });
});
