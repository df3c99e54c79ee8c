import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listApis } from '../src/specs.js';
import { percent, specStats } from '../src/stats.js';

describe('spec stats and budgets', () => {
  it.each(listApis().map((api) => [api.api, api.bundleJson]))(
    '%s meets the 100% budget on every metric',
    (api, file) => {
      const stats = specStats(JSON.parse(readFileSync(file, 'utf8')), api);
      expect(stats.operations).toBeGreaterThan(0);
      expect(stats.gaps).toEqual([]);
      for (const metric of ['withExamples', 'withDescriptions', 'with4xx', 'withSamples'] as const) {
        expect(percent(stats[metric], stats.operations)).toBe(100);
      }
    },
  );

  it('names the operations that miss something', () => {
    const stats = specStats(
      {
        paths: {
          '/a': {
            get: {
              description: 'ok',
              responses: {
                '200': { content: { 'application/json': { examples: { one: { value: 1 } } } } },
                '404': {},
              },
              'x-codeSamples': [{ lang: 'typescript' }, { lang: 'shell' }],
            },
            post: {
              requestBody: { content: { 'application/json': { schema: {} } } },
              responses: { '201': { content: { 'application/json': { example: {} } } } },
            },
          },
        },
        components: { schemas: { A: {}, B: {} } },
      },
      'demo',
    );
    expect(stats).toMatchObject({
      operations: 2,
      schemas: 2,
      withExamples: 1,
      withDescriptions: 1,
      with4xx: 1,
      withSamples: 1,
    });
    expect(stats.gaps).toEqual([
      'examples: POST /a',
      'descriptions: POST /a',
      '4xx responses: POST /a',
      'usage samples: POST /a',
    ]);
  });
});
