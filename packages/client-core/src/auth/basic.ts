import type { Middleware } from 'openapi-fetch';
import { base64Utf8 } from './base64.js';
import { redacted } from './redact.js';
import { withStaticHeaders } from './static-headers.js';

export interface BasicCredentials {
  username: string;
  /** Empty for APIs that take a key as the username (Skilljar). */
  password?: string;
}

/** HTTP Basic (RFC 7617) as openapi-fetch middleware. */
export function basicAuth({ username, password = '' }: BasicCredentials): Middleware {
  if (typeof username !== 'string' || username === '') {
    throw new TypeError('basicAuth: username must be a non-empty string.');
  }
  if (username.includes(':')) {
    throw new TypeError('basicAuth: username must not contain ":" (RFC 7617).');
  }
  if (typeof password !== 'string') throw new TypeError('basicAuth: password must be a string.');
  const header = `Basic ${base64Utf8(`${username}:${password}`)}`;
  const middleware = redacted<Middleware>(
    {
      onRequest({ request }) {
        request.headers.set('Authorization', header);
      },
    },
    'basicAuth',
  );
  return withStaticHeaders(middleware, { Authorization: header });
}
