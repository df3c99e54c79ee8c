/**
 * Drift: what an API did that its spec does not describe. One vocabulary for the mock's proxy
 * report (`GET /_drift`) and the clients' `validateResponses` option, so a finding reads the same
 * wherever it shows up.
 */
export type DriftKind =
  /** The body has a property the schema does not list. */
  | 'undocumented-property'
  /** A value of another JSON type than the schema's (or a body that is not JSON at all). */
  | 'type'
  /** A string that does not match the schema's `format` (date-time, uri, ...). */
  | 'format'
  /** A property the schema requires is absent. */
  | 'missing-required'
  /** `null` where the schema does not allow null. */
  | 'null'
  /** A value outside the schema's `enum` (or `const`). */
  | 'enum'
  /** A status code the operation does not document. */
  | 'undocumented-status'
  /** A content type the operation does not document for that status. */
  | 'undocumented-content-type'
  /** A request parameter (path, query, header) the spec forbids, as the request validator words it. */
  | 'parameter'
  /** A method and path the spec has no operation for. */
  | 'undocumented-operation';

export interface DriftFinding {
  /** `response`: the API did it; `request`: the caller sent it. */
  side: 'response' | 'request';
  kind: DriftKind;
  /** `METHOD /path/template`, e.g. `GET /v1/courses/{course_id}`. */
  operation: string;
  /** The answer's status (response side). */
  status?: number;
  /** Where in the body: `results[].title`; `(body)` for the body itself, `(status)`, `(content type)`. */
  location: string;
  /** What the spec says, in short: `number`, `date-time`, `active | inactive`, `200, 404`. */
  expected?: string;
  /** What arrived, in short: `string`, `418`, `text/html`. */
  actual?: string;
  /** One value that showed it, redacted (see `redactSample`). */
  sample?: unknown;
  /** The finding in words, the same in the report and in client warnings. */
  message: string;
}

export type FindingInit = Omit<DriftFinding, 'message'>;

/** Builds a finding with its words. */
export function finding(init: FindingInit): DriftFinding {
  return { ...init, message: describeFinding(init) };
}

export function describeFinding(f: FindingInit): string {
  const where = f.side === 'request' ? `request ${f.location}` : f.location;
  switch (f.kind) {
    case 'undocumented-property':
      return `${where}: ${f.side === 'request' ? 'sent' : 'returned'}, but the schema does not describe it`;
    case 'type':
      return `${where}: is ${f.actual}, the spec says ${f.expected}`;
    case 'format':
      return `${where}: is not a valid ${f.expected}`;
    case 'missing-required':
      return `${where}: required by the spec, but left out`;
    case 'null':
      return `${where}: is null, the spec says it is never null (${f.expected})`;
    case 'enum':
      return `${where}: ${f.actual} is not one of the spec's values (${f.expected})`;
    case 'undocumented-status':
      return `answered ${f.actual}, which the operation does not document (documented: ${f.expected})`;
    case 'undocumented-content-type':
      return `answered ${f.actual} for ${f.status}, which the operation does not document (documented: ${f.expected})`;
    case 'parameter':
      return `request ${f.location}: ${f.actual}`;
    case 'undocumented-operation':
      return `${f.actual} is not an operation of the spec`;
  }
}

const CREDENTIAL_KEY =
  /pass(word)?|secret|token|api[_-]?key|authori[sz]ation|credential|signature|cookie|session/i;
const SAMPLE_LENGTH = 40;

/**
 * A sample value safe to log and to send to maintainers: credential-named fields become
 * `[redacted]`; strings keep their shape only (letters `x`/`X`, digits `9`, punctuation kept:
 * `2024-01-05T10:00:00Z` → `9999-99-99X99:99:99X`), so a format problem stays visible and a name
 * or an e-mail address does not. Enum findings keep the value itself: it is the finding.
 * Numbers, booleans and null are kept; objects and arrays are summarised.
 */
export function redactSample(value: unknown, key?: string, keepString = false): unknown {
  if (key !== undefined && CREDENTIAL_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') {
    const text = keepString ? value : value.replace(/[a-z]/g, 'x').replace(/[A-Z]/g, 'X').replace(/\d/g, '9');
    return text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH)}…` : text;
  }
  if (Array.isArray(value)) return `[array of ${value.length}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return `{object with ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}}`;
  }
  return value;
}
