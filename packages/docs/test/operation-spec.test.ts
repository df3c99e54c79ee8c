// The one-operation spec the request console hands Swagger UI: shared parameters resolved,
// optional ones not prefilled, only the schemas the operation reaches, and the mock's auth line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  inlineRefs,
  mergeParameters,
  operationSpec,
  withoutOptionalPrefill,
} from '../src/console/operation-spec.js';
import { consoleSchemes } from '../src/console/schemes.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const target = { sendBase: 'http://portal/mock/x', title: 'X', securitySchemes: {} };

describe('operationSpec', () => {
  it("resolves Skilljar's shared path parameter of getDomain into a named, prefilled one", async () => {
    const document = JSON.parse(await readFile(path.join(dist, 'specs/skilljar.json'), 'utf8'));
    const spec = operationSpec(document, { path: '/v1/domains/{domain_name}', method: 'get' }, target);
    const operation = spec.paths['/v1/domains/{domain_name}']?.get;
    const domain = operation.parameters.find((parameter: { in: string }) => parameter.in === 'path');
    expect(domain).toMatchObject({ name: 'domain_name', required: true });
    expect(domain.example ?? domain.schema?.example ?? Object.keys(domain.examples ?? {})[0]).toBeTruthy();
    expect(JSON.stringify(spec)).not.toMatch(/#\/components\/(parameters|examples|responses|headers)\//);
    // Only reachable schemas: every schema reference resolves within the cut-down document.
    for (const [, name] of JSON.stringify(spec).matchAll(/"#\/components\/schemas\/([^"/]+)"/g))
      expect(spec.components.schemas, name).toHaveProperty(name as string);
    expect(Object.keys(spec.components.schemas).length).toBeLessThan(
      Object.keys(document.components.schemas).length,
    );
  });

  it('lets an operation parameter override the path item one of the same name and place', () => {
    const merged = mergeParameters(
      [
        { in: 'path', name: 'id', description: 'shared' },
        { in: 'query', name: 'id' },
      ],
      [{ in: 'path', name: 'id', description: 'own' }],
    );
    expect(merged).toEqual([
      { in: 'path', name: 'id', description: 'own' },
      { in: 'query', name: 'id' },
    ]);
  });

  it('does not prefill an optional query parameter, and says its example instead', () => {
    const cursor = withoutOptionalPrefill({
      in: 'query',
      name: 'after',
      example: 'abc',
      schema: { type: 'string', default: 'x' },
    });
    expect(cursor).not.toHaveProperty('example');
    expect(cursor.schema).toEqual({ type: 'string' });
    expect(cursor.description).toContain('Example: `"abc"` (not prefilled)');
    const required = { in: 'query', name: 'q', required: true, example: 'v' };
    expect(withoutOptionalPrefill(required)).toBe(required);
  });

  it('keeps a description beside a $ref and refuses a reference naming nothing', () => {
    const document = {
      components: { parameters: { Id: { in: 'path', name: 'id', description: 'shared' } } },
    };
    expect(inlineRefs({ $ref: '#/components/parameters/Id', description: 'here' }, document)).toEqual({
      in: 'path',
      name: 'id',
      description: 'here',
    });
    expect(() => inlineRefs({ $ref: '#/components/parameters/Nope' }, document)).toThrow(/names nothing/);
  });
});

describe('consoleSchemes', () => {
  it("points Thrive's token URL at the mock with the tenant filled, and says what the mock accepts", async () => {
    const document = JSON.parse(await readFile(path.join(dist, 'specs/thrive.json'), 'utf8'));
    const schemes = consoleSchemes(document.components.securitySchemes, {
      standsFor: 'https://public.api.learn.link',
      mockRoot: 'http://portal/mock/thrive',
      authNote: 'The mock accepts …',
      credentials: { kind: 'basic', username: 'your-tenant-id', password: 's' },
    });
    expect(schemes.oauth2.flows.clientCredentials.tokenUrl).toBe(
      'http://portal/mock/thrive/oauth2/token/your-tenant-id',
    );
    expect(schemes.basicAuth.description).toBe('The mock accepts …');
  });

  it('drops a flow whose URL is on another origin rather than call it', () => {
    const schemes = consoleSchemes(
      {
        o: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: 'https://elsewhere.test/token', scopes: {} } },
        },
      },
      {
        standsFor: 'https://api.test',
        mockRoot: 'http://portal/mock/x',
        authNote: 'n',
        credentials: { kind: 'bearer', token: 't' },
      },
    );
    expect(schemes).toEqual({});
  });
});
