// The state session a request belongs to: `X-Mock-Session`, else the default one.
import { DEFAULT_SESSION } from '../answerers/state/index.js';

/** The request header that selects a state session. */
export const SESSION_HEADER = 'x-mock-session';
const SESSION_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

export function isSessionName(name: string): boolean {
  return SESSION_NAME.test(name);
}

/** The request's state session: the `X-Mock-Session` header, else the default one. */
export function sessionOf(headers: Record<string, string | string[] | undefined>): string | Error {
  const value = headers[SESSION_HEADER];
  if (value === undefined) return DEFAULT_SESSION;
  if (typeof value !== 'string' || !SESSION_NAME.test(value))
    return new Error(
      `X-Mock-Session must be 1-64 characters of A-Z a-z 0-9 . _ : -, got ${JSON.stringify(value)}.`,
    );
  return value;
}
