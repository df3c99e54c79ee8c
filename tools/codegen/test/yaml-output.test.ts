import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { load as jsYamlLoad } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { listApis } from '../src/specs.js';
import { needsQuotes, stringifyYaml } from '../src/yaml-output.js';

/** The readers a downloaded bundle meets: YAML 1.1 (PyYAML's rules), 1.2 core, js-yaml's default. */
const readers: Record<string, (text: string) => unknown> = {
  'yaml 1.1': (text) => YAML.parse(text, { version: '1.1' }),
  'yaml 1.2 core': (text) => YAML.parse(text),
  'js-yaml default schema': (text) => jsYamlLoad(text),
};

/**
 * Strings the `yaml` package writes plain by itself, which some reader resolves to another type:
 * sexagesimal numbers, timestamps, 1.1 booleans, binary and underscored numbers, merge and value keys.
 */
const TRAPS = [
  '16:9',
  '4:3',
  '190:20:30',
  '1:30.5',
  '-1:30',
  '2024-01-02',
  '2024-01-02 10:11:12',
  '2019-06-30T23:59:59Z',
  '2016-01-29T00:22:00.590250Z',
  '2001-12-14t21:59:43.10-05:00',
  '2024-1-2',
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'N',
  '0b101',
  '1_000',
  '1_000.5',
  '<<',
];

/** Strings the `yaml` package already quotes (they are non-strings in YAML 1.2 too): keep them so. */
const QUOTED_ALREADY = [
  'true',
  'False',
  'null',
  '~',
  '',
  '0755',
  '0o17',
  '0x1F',
  '+12',
  '1e3',
  '.inf',
  '-.Inf',
  '.NaN',
];

/** A map holding the string both as a value and as a key, as the bundle can (enum values, paths). */
function holding(value: string) {
  return { value, list: [value], [value]: 'as a key' };
}

/** Whether the reader reads the text as the expected data (a reader that throws does not). */
function readsAs(read: (text: string) => unknown, text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(read(text), expected);
  } catch {
    return false;
  }
}

describe('stringifyYaml', () => {
  it('has traps that the plain YAML 1.2 writer leaves ambiguous', () => {
    // The cases below must be able to fail: each one is misread after `YAML.stringify`.
    for (const value of TRAPS) {
      const text = YAML.stringify(holding(value), { lineWidth: 0 });
      const misread = Object.values(readers).some((read) => !readsAs(read, text, holding(value)));
      expect(misread, `${JSON.stringify(value)} is a trap for some reader`).toBe(true);
    }
  });

  for (const [name, read] of Object.entries(readers)) {
    it(`writes strings that ${name} reads back as the same strings, as values and keys`, () => {
      for (const value of [...TRAPS, ...QUOTED_ALREADY]) {
        expect(read(stringifyYaml(holding(value))), JSON.stringify(value)).toEqual(holding(value));
      }
    });
  }

  it('double-quotes the ambiguous strings and leaves the rest as they were', () => {
    expect(stringifyYaml({ aspect_ratio: '16:9', created_at: '2024-01-02 10:11:12', flag: 'off' })).toBe(
      'aspect_ratio: "16:9"\ncreated_at: "2024-01-02 10:11:12"\nflag: "off"\n',
    );
    const ordinary = {
      openapi: '3.1.0',
      summary: 'List enrollments of a course (active first)',
      type: 'application/json',
      time: '10:11 (local)',
      description: 'Line one.\nLine two.\n',
    };
    expect(stringifyYaml(ordinary)).toBe(YAML.stringify(ordinary, { lineWidth: 0 }));
    expect(stringifyYaml(ordinary)).toContain('summary: List enrollments of a course (active first)\n');
    expect(stringifyYaml(ordinary)).toContain('description: |\n  Line one.\n  Line two.\n');
    expect(needsQuotes('3.1.0')).toBe(false);
    expect(needsQuotes('16:9')).toBe(true);
  });
});

describe('bundled dist/openapi.yaml', () => {
  // The bundles are build outputs: the test run follows `turbo run build`, which bundles every spec.
  for (const api of listApis()) {
    it(`${api.api}: every YAML reader reads the same document as dist/openapi.json`, async () => {
      expect(existsSync(api.bundleYaml), `${api.bundleYaml} is built (pnpm build)`).toBe(true);
      const json = JSON.parse(await readFile(api.bundleJson, 'utf8'));
      const text = await readFile(api.bundleYaml, 'utf8');
      for (const [name, read] of Object.entries(readers)) {
        expect(read(text), `${api.api} bundle read by ${name}`).toEqual(json);
      }
    });
  }
});
