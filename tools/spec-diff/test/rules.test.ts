// One fixture per rule (test/fixtures/rules/*.yaml): a base document, a head that breaks it and a
// head that changes the same place without breaking it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffDocuments } from '../src/diff.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rules');

interface Fixture {
  rule: string;
  expect: string;
  nonBreakingRule?: string;
  base: object;
  breaking: object;
  nonBreaking: object;
}

const wrap = (fragment: object) => ({
  openapi: '3.1.0',
  info: { title: 'fixture', version: '1' },
  ...fragment,
});

const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => ({
    name: file.replace(/\.yaml$/, ''),
    ...(parse(readFileSync(path.join(dir, file), 'utf8')) as Fixture),
  }));

describe('breaking-change rules, one fixture pair each', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(30));

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      it(`reports the breaking head as ${fixture.rule}`, () => {
        const changes = diffDocuments(wrap(fixture.base), wrap(fixture.breaking));
        const breaking = changes.filter((change) => change.kind === 'breaking');
        expect(breaking.map((change) => change.rule)).toContain(fixture.rule);
        const messages = breaking.map((change) => change.message);
        expect(
          messages.some((message) => message.includes(fixture.expect)),
          messages.join('\n'),
        ).toBe(true);
      });

      it('finds no breaking change in the non-breaking head', () => {
        const changes = diffDocuments(wrap(fixture.base), wrap(fixture.nonBreaking));
        expect(changes.filter((change) => change.kind === 'breaking')).toEqual([]);
        if (fixture.nonBreakingRule) {
          expect(changes.map((change) => change.rule)).toContain(fixture.nonBreakingRule);
        }
      });

      it('finds nothing when nothing changed', () => {
        expect(diffDocuments(wrap(fixture.base), wrap(fixture.base))).toEqual([]);
      });
    });
  }
});

describe('report order', () => {
  it('lists breaking changes before non-breaking ones', () => {
    const base = fixtures.find((fixture) => fixture.name === 'response-property-removed') as Fixture;
    const head = structuredClone(base.breaking) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    head.paths['/added'] = {
      get: { operationId: 'getAdded', responses: { '200': { description: 'ok' } } } as never,
    };
    const kinds = diffDocuments(wrap(base.base), wrap(head)).map((change) => change.kind);
    expect(kinds).toEqual(['breaking', 'non-breaking']);
  });
});
