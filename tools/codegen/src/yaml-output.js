// @ts-check
// The bundle's YAML must mean the same to every YAML reader. The `yaml` package writes for YAML
// 1.2's core schema, so it leaves plain what 1.2 reads as a string but YAML 1.1 readers (PyYAML,
// js-yaml's default schema, tools built on them) resolve to something else: `16:9` is the
// sexagesimal 969, `2024-01-02 10:11:12` a timestamp, `yes`/`off` booleans, `0b101` and `1_000`
// numbers. Such strings are written double-quoted; every other string stays as readable as before.
import YAML from 'yaml';

/**
 * Plain scalars with a 1.1 meaning only in some positions or only to some readers, which a
 * document-level parse cannot show: `<<` is a merge key, and `=` is the 1.1 `value` type, which
 * PyYAML resolves and then cannot construct.
 */
const SPECIAL_PLAIN = new Set(['<<', '=']);

/** Each reads one plain scalar as a YAML document: the 1.1 schema, and the 1.2 core schema. */
const READERS = [
  (/** @type {string} */ text) => YAML.parse(text, { version: '1.1', logLevel: 'silent' }),
  (/** @type {string} */ text) => YAML.parse(text, { version: '1.2', logLevel: 'silent' }),
];

/** @type {Map<string, boolean>} a bundle repeats its strings (enums, formats, examples) */
const verdicts = new Map();

/**
 * Whether the string would be written as a plain scalar that a YAML 1.1 or 1.2 reader could read
 * as anything but itself.
 * @param {string} value
 */
export function needsQuotes(value) {
  let verdict = verdicts.get(value);
  if (verdict === undefined) {
    verdict =
      writtenPlain(value) && (SPECIAL_PLAIN.has(value) || READERS.some((read) => !readsBack(read, value)));
    verdicts.set(value, verdict);
  }
  return verdict;
}

/**
 * Whether the `yaml` package would write the string as a plain scalar. Strings it already quotes
 * (or writes as block scalars, as it does multi-line ones) keep its choice of style: quoted and
 * block scalars always resolve to strings.
 * @param {string} value
 */
function writtenPlain(value) {
  return YAML.stringify(value, { lineWidth: 0 }) === `${value}\n`;
}

/**
 * @param {(text: string) => unknown} read
 * @param {string} value
 */
function readsBack(read, value) {
  try {
    return read(value) === value;
  } catch {
    return false;
  }
}

/**
 * The document as YAML, keys and values alike: strings that some reader would resolve to another
 * type are double-quoted, the rest written as the `yaml` package would.
 * @param {unknown} document plain JSON data
 * @returns {string}
 */
export function stringifyYaml(document) {
  const doc = new YAML.Document(document);
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // lineWidth 0: no folding, so descriptions and samples keep their lines as written.
  return doc.toString({ lineWidth: 0 });
}
