// @ts-check
// Prints JSON-like values as TypeScript source in the repo's style (single quotes, bare keys,
// trailing commas), inline when they fit the line and one entry per line when they don't.

/** Source text printed as is, e.g. `process.env.SKILLJAR_API_KEY ?? 'your-api-key'`. */
export class TsCode {
  /** @param {string} source */
  constructor(source) {
    this.source = source;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** @param {string} text */
export function tsString(text) {
  const escaped = text.replace(/[\\'\n\r\t\u2028\u2029]/g, (c) => {
    const named = /** @type {Record<string, string>} */ ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c];
    return named ?? (c === '\\' || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16)}`);
  });
  return `'${escaped}'`;
}

/** @param {string} key */
export function tsKey(key) {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/**
 * @param {unknown} value a JSON value, possibly holding TsCode
 * @param {{ indent?: number, column?: number, width?: number }} [layout] `indent` is the current
 *   indentation, `column` where the value starts on its line, `width` the line length to keep to
 * @returns {string}
 */
export function tsLiteral(value, { indent = 0, column = indent, width = 80 } = {}) {
  const inline = inlineLiteral(value);
  if (inline !== undefined && column + inline.length <= width) return inline;
  if (Array.isArray(value)) {
    const pad = ' '.repeat(indent + 2);
    const items = value.map(
      (item) => `${pad}${tsLiteral(item, { indent: indent + 2, column: indent + 2, width })},`,
    );
    return `[\n${items.join('\n')}\n${' '.repeat(indent)}]`;
  }
  if (isRecord(value)) {
    const pad = ' '.repeat(indent + 2);
    const entries = Object.entries(value).map(([key, item]) => {
      const head = `${pad}${tsKey(key)}: `;
      return `${head}${tsLiteral(item, { indent: indent + 2, column: head.length, width })},`;
    });
    return `{\n${entries.join('\n')}\n${' '.repeat(indent)}}`;
  }
  return inline ?? scalar(value);
}

/**
 * The one-line form, or undefined when the value can't be printed on one line.
 * @param {unknown} value
 * @returns {string | undefined}
 */
function inlineLiteral(value) {
  if (value instanceof TsCode) return value.source.includes('\n') ? undefined : value.source;
  if (Array.isArray(value)) {
    const items = value.map(inlineLiteral);
    return items.every((item) => item !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, item]) => {
      const printed = inlineLiteral(item);
      return printed === undefined ? undefined : `${tsKey(key)}: ${printed}`;
    });
    if (entries.length === 0) return '{}';
    return entries.every((entry) => entry !== undefined) ? `{ ${entries.join(', ')} }` : undefined;
  }
  return scalar(value);
}

/** @param {unknown} value */
function scalar(value) {
  if (typeof value === 'string') return tsString(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`Cannot print ${typeof value} as a TypeScript literal.`);
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TsCode);
}
