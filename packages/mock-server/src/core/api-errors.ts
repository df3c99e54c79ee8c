// Errors in each API's own shape (stateful mode): a client's error handling must work against the
// mock as it does against the API. The shape is declared once per API (apis/<api>.ts); the
// wording of DRF's own messages is kept where Skilljar's Django REST framework would send them.

export type ErrorKind =
  | 'malformedJson'
  | 'unsupportedMediaType'
  | 'tooLarge'
  | 'methodNotAllowed'
  | 'unknownPath';

export interface ApiErrorDeclaration {
  /** The API's error body for a status and a message. */
  body: (status: number, message: string) => Record<string, unknown>;
  /** Status per kind where the API differs from 400/415/413/405/404. */
  statuses?: Partial<Record<ErrorKind, number>>;
  /** Messages in the API's own words, where known (DRF's). */
  messages?: Partial<Record<ErrorKind, (detail: string) => string>>;
  /** Skilljar (DRF): invalid input answers 400 `{field: [messages]}` built from the violations. */
  fieldMap?: boolean;
  /** A body per kind where the API's documented answer for it has another shape than `body`'s. */
  bodies?: Partial<Record<ErrorKind, (status: number, message: string) => Record<string, unknown>>>;
}

const DEFAULT_STATUSES: Record<ErrorKind, number> = {
  malformedJson: 400,
  unsupportedMediaType: 415,
  tooLarge: 413,
  methodNotAllowed: 405,
  unknownPath: 404,
};

const DEFAULT_MESSAGES: Record<ErrorKind, (detail: string) => string> = {
  malformedJson: (detail) => `The request body is not valid JSON: ${detail}`,
  unsupportedMediaType: (detail) => `Unsupported content type ${detail}.`,
  tooLarge: (detail) => `The request body is too large: ${detail}`,
  methodNotAllowed: (detail) => `Method ${detail} is not allowed on this path.`,
  unknownPath: (detail) => `No operation of this API has the path ${detail}.`,
};

export function apiError(
  declaration: ApiErrorDeclaration | undefined,
  kind: ErrorKind,
  detail: string,
): { status: number; body: Record<string, unknown> } | undefined {
  if (!declaration) return undefined;
  const status = declaration.statuses?.[kind] ?? DEFAULT_STATUSES[kind];
  const message = (declaration.messages?.[kind] ?? DEFAULT_MESSAGES[kind])(detail);
  return { status, body: (declaration.bodies?.[kind] ?? declaration.body)(status, message) };
}

export interface InputViolation {
  path?: string[];
  code: string | number;
  message: string;
  severity: number;
}

/**
 * DRF's validation answer: each field that failed, with DRF's messages; nested fields nest.
 * A body that is not an object at all is DRF's `non_field_errors`.
 */
export function fieldMap(violations: InputViolation[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const violation of violations) {
    if (violation.severity !== 0) continue;
    const [where, ...rest] = violation.path ?? [];
    const missing = /required property '([^']+)'/.exec(violation.message)?.[1];
    const path = missing ? [...rest, missing] : rest;
    if (where === 'body' && path.length === 0) {
      add(map, ['non_field_errors'], drfMessage(violation));
      continue;
    }
    // A header or a path parameter has no DRF field; DRF reports it as a field of that name.
    add(map, path.length > 0 ? path : [where ?? 'non_field_errors'], drfMessage(violation));
  }
  return map;
}

function add(map: Record<string, unknown>, path: string[], message: string): void {
  let current = map;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  const list = Array.isArray(current[last]) ? (current[last] as string[]) : [];
  if (!list.includes(message)) list.push(message);
  current[last] = list;
}

/** Django REST framework's own wording for the common failures; Prism's text otherwise. */
function drfMessage(violation: InputViolation): string {
  const text = violation.message;
  switch (violation.code) {
    case 'required':
      return 'This field is required.';
    case 'type': {
      const type = /must be (\w+)/.exec(text)?.[1];
      if (type === 'integer') return 'A valid integer is required.';
      if (type === 'number') return 'A valid number is required.';
      if (type === 'boolean') return 'Must be a valid boolean.';
      if (type === 'string') return 'Not a valid string.';
      if (type === 'array') return 'Expected a list of items.';
      if (type === 'object') return 'Invalid data. Expected a dictionary.';
      return text;
    }
    case 'enum':
      return `Not a valid choice (${text.replace(/^.*allowed values:\s*/, 'choices: ')}).`;
    case 'maxLength':
      return `Ensure this field has no more than ${numberIn(text)} characters.`;
    case 'minLength':
      return numberIn(text) === '1'
        ? 'This field may not be blank.'
        : `Ensure this field has at least ${numberIn(text)} characters.`;
    case 'maximum':
      return `Ensure this value is less than or equal to ${numberIn(text)}.`;
    case 'minimum':
      return `Ensure this value is greater than or equal to ${numberIn(text)}.`;
    case 'format':
      return /date-time/.test(text) ? 'Datetime has wrong format.' : `Enter a valid value (${text}).`;
    case 'empty':
      return 'This field may not be blank.';
    default:
      return text;
  }
}

function numberIn(text: string): string {
  return /(-?\d+(\.\d+)?)/.exec(text)?.[1] ?? '?';
}

/** One line naming every failed check, for an API whose error body has a single message. */
export function violationSummary(violations: InputViolation[]): string {
  const lines = violations
    .filter((violation) => violation.severity === 0)
    .map((violation) => {
      const where = (violation.path ?? []).join('.');
      return where ? `${where}: ${violation.message}` : violation.message;
    });
  return lines.join('; ');
}
