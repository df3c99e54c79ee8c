import { describe, expect, it } from 'vitest';
import { webhookSpecOf } from '../src/drift-spec.js';

describe('webhookSpecOf', () => {
  it('keeps each webhook body, pruned, and only the schemas those bodies reach', () => {
    const document = {
      paths: {
        '/things': { get: { responses: { '200': { $ref: '#/components/responses/Things' } } } },
      },
      webhooks: {
        THING_CREATED: {
          post: {
            summary: 'dropped',
            parameters: [{ name: 'User-Agent', in: 'header' }],
            requestBody: {
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/ThingCreated' },
                  examples: { one: { value: {} } },
                },
              },
            },
          },
        },
        PING: { post: { responses: { '200': { description: 'ok' } } } },
      },
      components: {
        schemas: {
          ThingCreated: {
            title: 'ThingCreated',
            type: 'object',
            properties: { user: { $ref: '#/components/schemas/User', description: 'who' } },
          },
          User: {
            type: 'object',
            properties: {
              id: { type: 'string', examples: ['u1'] },
              self: { $ref: '#/components/schemas/User' },
            },
          },
          Thing: { type: 'object' },
        },
      },
    };
    expect(webhookSpecOf(document)).toEqual({
      webhooks: {
        THING_CREATED: {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingCreated' } } },
            },
          },
        },
        PING: { post: {} },
      },
      components: {
        schemas: {
          ThingCreated: {
            type: 'object',
            properties: { user: { $ref: '#/components/schemas/User' } },
          },
          User: {
            type: 'object',
            properties: { id: { type: 'string' }, self: { $ref: '#/components/schemas/User' } },
          },
        },
      },
    });
  });

  it('is undefined for a document without webhooks, so no receiver spec is generated', () => {
    expect(webhookSpecOf({ paths: {} })).toBeUndefined();
    expect(webhookSpecOf({ paths: {}, webhooks: {} })).toBeUndefined();
  });
});
