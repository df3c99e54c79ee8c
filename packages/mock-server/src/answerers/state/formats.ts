// Server-owned values in each API's own format. Ids and timestamps are made "in the shape of" a
// value the spec's examples show (24 hex characters, an upper-case UUID, a numeric string,
// `YYYY-MM-DD HH:MM:SS`...), so no API needs a hand-written format unless its examples mislead.

import type { Random } from '../../core/random.js';

const _DIGITS = '0123456789';
const LOWER_HEX = '0123456789abcdef';
const UPPER_HEX = '0123456789ABCDEF';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MIXED_ALNUM = `${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

export type IdShape =
  | { kind: 'numeric' }
  | { kind: 'uuid'; upper: boolean }
  | { kind: 'chars'; alphabet: string; length: number; prefix: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape of an example id; `undefined` when the example is not an id-like string or number. */
export function idShapeOf(example: unknown): IdShape | undefined {
  if (typeof example === 'number' && Number.isInteger(example)) return { kind: 'numeric' };
  if (typeof example !== 'string' || example.length === 0) return undefined;
  if (/^\d+$/.test(example)) return { kind: 'numeric' };
  if (UUID.test(example)) return { kind: 'uuid', upper: example === example.toUpperCase() };
  // A prefix such as `driver-` or `user-` is kept; the rest is regenerated in its own alphabet.
  const match = /^([A-Za-z]+[-_])?([A-Za-z0-9]+)$/.exec(example);
  if (!match) return undefined;
  const body = match[2] as string;
  const alphabet = /^[0-9a-f]+$/.test(body)
    ? LOWER_HEX
    : /^[0-9A-F]+$/.test(body)
      ? UPPER_HEX
      : /^[0-9a-z]+$/.test(body)
        ? LOWER_ALNUM
        : /^[0-9A-Z]+$/.test(body)
          ? UPPER_ALNUM
          : MIXED_ALNUM;
  return { kind: 'chars', alphabet, length: body.length, prefix: match[1] ?? '' };
}

/** A new id of the given shape; `numericAfter` is the largest numeric id in use (for numeric ids). */
export function newId(shape: IdShape, random: Random, numericAfter: number): string {
  if (shape.kind === 'numeric') return String(numericAfter + 1);
  if (shape.kind === 'uuid') {
    let value = '';
    for (let i = 0; i < 36; i += 1) {
      if (i === 8 || i === 13 || i === 18 || i === 23) value += '-';
      else if (i === 14) value += '4';
      else if (i === 19) value += random.pick('89ab');
      else value += random.pick(LOWER_HEX);
    }
    return shape.upper ? value.toUpperCase() : value;
  }
  let value = shape.prefix;
  for (let i = 0; i < shape.length; i += 1) value += random.pick(shape.alphabet);
  return value;
}

export type TimestampShape = 'sql' | 'iso-ms' | 'iso' | 'iso-offset' | 'date';

/** `2016-12-15 21:12:28` (SNworks), ISO 8601 with or without milliseconds, or a bare date. */
export function timestampShapeOf(example: unknown): TimestampShape | undefined {
  if (typeof example !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(example)) return 'sql';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/.test(example)) return 'iso-ms';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(example)) return 'iso';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:?\d{2}$/.test(example)) return 'iso-offset';
  if (/^\d{4}-\d{2}-\d{2}$/.test(example)) return 'date';
  return undefined;
}

export function formatTimestamp(time: number, shape: TimestampShape): string {
  const iso = new Date(time).toISOString();
  switch (shape) {
    case 'sql':
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    case 'iso':
      return `${iso.slice(0, 19)}Z`;
    case 'iso-offset':
      return `${iso.slice(0, 19)}+00:00`;
    case 'date':
      return iso.slice(0, 10);
    default:
      return iso;
  }
}

/** Parses any of the shapes above (and other ISO 8601 forms) to epoch milliseconds. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const time = Date.parse(normalized);
  return Number.isNaN(time) ? undefined : time;
}
