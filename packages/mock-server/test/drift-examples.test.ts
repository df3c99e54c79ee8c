// The drift checks against the specs' own examples: every response example must pass (a check
// that cries wolf on the spec's own data is useless to someone reading a real report), and the
// same example with one property added must be named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkResponse, type DriftSpec } from '@lms-apis/client-core/drift';
import { describe, expect, it } from 'vitest';
import { APIS, SPECS_DIR } from './requests.js';

interface ExampleCase {
  method: string;
  path: string;
  status: number;
  mediaType: string;
  value: unknown;
}

type Json = Record<string, unknown>;
interface Media {
  example?: unknown;
  examples?: Record<string, Json>;
}

function responseExamples(document: Json): ExampleCase[] {
  const deref = (node: unknown): Json => {
    let current = node as Json | undefined;
    while (typeof current?.$ref === 'string')
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<Json | undefined>((parent, key) => parent?.[key] as Json | undefined, document);
    return current ?? {};
  };
  const cases: ExampleCase[] = [];
  for (const [route, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const responses = (operation as { responses?: Json }).responses ?? {};
      for (const [code, response] of Object.entries(responses)) {
        // `default` and ranges stand for statuses the operation does not list: 599 and 4XX → 400.
        const status = code === 'default' ? 599 : Number(code.replace(/XX$/, '00'));
        const content = (deref(response).content ?? {}) as Record<string, Media>;
        for (const [mediaType, media] of Object.entries(content)) {
          const examples =
            media.example !== undefined
              ? [media.example]
              : Object.values(media.examples ?? {}).map((example) => deref(example).value);
          for (const value of examples) cases.push({ method, path: route, status, mediaType, value });
        }
      }
    }
  }
  return cases;
}

describe.each(APIS)('drift checks on the %s spec', (api) => {
  const document = JSON.parse(readFileSync(path.join(SPECS_DIR, `${api}.json`), 'utf8'));
  const cases = responseExamples(document);
  const check = (example: ExampleCase, value: unknown) =>
    checkResponse(document as DriftSpec, {
      method: example.method,
      path: example.path,
      status: example.status,
      contentType: example.mediaType,
      body: typeof value === 'string' ? value : JSON.stringify(value),
    });

  it('finds nothing in any response example', () => {
    expect(cases.length).toBeGreaterThan(10);
    const noisy = cases
      .map((example) => ({ example, found: check(example, example.value) }))
      .filter(({ found }) => found.length > 0)
      .map(
        ({ example, found }) => `${example.method} ${example.path} ${example.status}: ${found[0]?.message}`,
      );
    expect(noisy).toEqual([]);
  });

  it('names a property added to any example object', () => {
    const objects = cases.filter(
      (example) =>
        example.value !== null && typeof example.value === 'object' && !Array.isArray(example.value),
    );
    const unnamed = objects
      .filter(
        (example) =>
          !check(example, { ...(example.value as object), zz_not_in_spec: 1 }).some(
            // Named as undocumented, or (in a map whose values must be lists) as the wrong type.
            (found) => found.location === 'zz_not_in_spec',
          ),
      )
      .map((example) => `${example.method} ${example.path} ${example.status}`);
    expect(unnamed).toEqual([]);
  });
});
