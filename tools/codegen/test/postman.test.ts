import { describe, expect, it } from 'vitest';
import {
  COLLECTION_SCHEMA,
  GENERATED_NOTE,
  requestsOf,
  successStatuses,
  toPostmanCollection,
} from '../src/postman.js';

/** A small API: two tags, a path parameter, a body example, per-operation Basic auth. */
function fixture() {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    servers: [{ url: 'https://api.example.com/v2' }],
    tags: [{ name: 'Courses' }, { name: 'Users' }],
    components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
    paths: {
      '/courses/{course_id}': {
        parameters: [
          { name: 'course_id', in: 'path', required: true, schema: { type: 'string' }, example: 'c-1' },
        ],
        get: {
          operationId: 'getCourse',
          summary: 'Get a course',
          tags: ['Courses'],
          security: [{ basicAuth: [] }],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { example: { id: 'c-1' } } } },
            '404': { description: 'missing' },
          },
        },
        delete: {
          operationId: 'deleteCourse',
          summary: 'Delete a course',
          tags: ['Courses'],
          security: [{ basicAuth: [] }],
          responses: {
            '204': { description: 'gone' },
            '2XX': { description: 'range' },
            default: { description: 'x' },
          },
        },
      },
      '/users': {
        post: {
          operationId: 'createUser',
          summary: 'Create a user',
          tags: ['Users'],
          security: [{ basicAuth: [] }],
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { email: { type: 'string' } } },
                examples: { first: { value: { email: 'ada@example.com' } } },
              },
            },
          },
          responses: { '200': { description: 'existing' }, '201': { description: 'created' } },
        },
      },
    },
  };
}

type Item = {
  name: string;
  item?: Item[];
  request: { method: string; url: { path: string[] }; body?: { raw?: string }; auth?: unknown };
  event?: Array<{ listen: string; script: { exec: string[] } }>;
};

describe('toPostmanCollection', () => {
  it('makes a v2.1 collection: a folder per tag, a request per operation from the examples', async () => {
    const collection = await toPostmanCollection(fixture());
    expect(collection.info.schema).toBe(COLLECTION_SCHEMA);
    expect(collection.info.name).toBe('Fixture');
    expect(collection.info.description.content.startsWith(GENERATED_NOTE)).toBe(true);
    expect(collection.item.map((folder: Item) => folder.name)).toEqual(['Courses', 'Users']);
    const requests: Item[] = requestsOf(collection.item);
    expect(requests.map((item) => `${item.request.method} ${item.request.url.path.join('/')}`)).toEqual([
      'GET courses/:course_id',
      'DELETE courses/:course_id',
      'POST users',
    ]);
    expect(JSON.parse(requests[2]?.request.body?.raw ?? '')).toEqual({ email: 'ada@example.com' });
    expect(collection.variable).toEqual(
      expect.arrayContaining([
        { key: 'baseUrl', value: 'https://api.example.com/v2' },
        expect.objectContaining({ key: 'basicAuthUsername', value: '' }),
        expect.objectContaining({ key: 'basicAuthPassword', value: '' }),
      ]),
    );
  });

  it("gives each request a test for its operation's documented success statuses", async () => {
    const requests: Item[] = requestsOf((await toPostmanCollection(fixture())).item);
    const tests = requests.map((item) =>
      item.event?.find((event) => event.listen === 'test')?.script.exec.join('\n'),
    );
    expect(tests[0]).toContain('pm.expect(pm.response.code).to.be.oneOf([200]);');
    expect(tests[1]).toContain('pm.expect(pm.response.code).to.be.oneOf([204]);');
    expect(tests[2]).toContain('pm.expect(pm.response.code).to.be.oneOf([200,201]);');
    expect(tests[2]).toContain('createUser: status is a documented success (200, 201)');
  });

  it('writes the same collection for the same spec (no random ids)', async () => {
    expect(await toPostmanCollection(fixture())).toEqual(await toPostmanCollection(fixture()));
  });

  it('refuses an operation that documents no success status', async () => {
    const spec = fixture();
    spec.paths['/courses/{course_id}'].delete.responses = { '2XX': { description: 'range' } } as never;
    await expect(toPostmanCollection(spec)).rejects.toThrow(/deleteCourse: documents no 2xx status/);
  });
});

describe('successStatuses', () => {
  it('counts explicit 2xx codes only, not ranges or default', () => {
    expect(
      successStatuses({ responses: { '200': {}, '201': {}, '2XX': {}, '404': {}, default: {} } }),
    ).toEqual([200, 201]);
    expect(successStatuses({})).toEqual([]);
  });
});
