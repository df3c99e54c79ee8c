import type { Middleware } from 'openapi-fetch';
import { type Clock, systemClock } from '../clock.js';
import { ApiError, apiErrorFromResponse } from '../errors.js';
import { base64Utf8 } from './base64.js';
import { tokenAuth } from './token.js';

export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for (RFC 6749 §3.3). */
  scope?: string;
  /** Renew this long before the token expires (default 60 s). */
  expirySkewMs?: number;
  /** How the client authenticates to the token endpoint (default: HTTP Basic, RFC 6749 §2.3.1). */
  clientAuthentication?: 'basic' | 'body';
  /** fetch used for the token endpoint (defaults to globalThis.fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Give up on the token endpoint after this long (default 30 s): every waiting call depends on it. */
  timeoutMs?: number;
  /** Where token expiry is read (default: the system clock); see `manualClock()`. */
  clock?: Clock;
}

/**
 * OAuth 2.0 client credentials: one token request however many calls are waiting, the token
 * cached until shortly before `expires_in` runs out, and one retry with a fresh token on 401.
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): Middleware {
  for (const key of ['tokenUrl', 'clientId', 'clientSecret'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new TypeError(`oauth2ClientCredentials: ${key} must be a non-empty string.`);
    }
  }
  const tokenUrl = new URL(options.tokenUrl).toString();
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const clientAuthentication = options.clientAuthentication ?? 'basic';
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(
      `oauth2ClientCredentials: timeoutMs must be a positive number, got ${String(timeoutMs)}.`,
    );
  }
  const { clientId, clientSecret, scope } = options;

  return tokenAuth({
    label: 'oauth2ClientCredentials',
    renewOn: [401],
    expirySkewMs: options.expirySkewMs ?? 60_000,
    ...(options.clock ? { clock: options.clock } : {}),
    async issue() {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (scope) form.set('scope', scope);
      const headers = new Headers({
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      });
      if (clientAuthentication === 'basic') {
        headers.set('Authorization', `Basic ${base64Utf8(`${clientId}:${clientSecret}`)}`);
      } else {
        form.set('client_id', clientId);
        form.set('client_secret', clientSecret);
      }
      const requestedAt = (options.clock ?? systemClock).now();
      const context = { operation: 'POST oauth2 token', method: 'POST', url: tokenUrl };
      let response: Response;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        response = await send(new Request(tokenUrl, { method: 'POST', headers, body: form, signal }));
      } catch (cause) {
        throw new ApiError({ kind: signal.aborted ? 'timeout' : 'network', ...context, attempts: 1, cause });
      }
      if (!response.ok) throw await apiErrorFromResponse(response, context);
      const body = (await response.json().catch(() => undefined)) as
        | { access_token?: unknown; expires_in?: unknown }
        | undefined;
      if (typeof body?.access_token !== 'string' || body.access_token === '') {
        throw new ApiError({
          kind: 'http',
          status: response.status,
          ...context,
          attempts: 1,
          body: 'no access_token in the token response',
        });
      }
      const expiresIn = Number(body.expires_in);
      return {
        token: body.access_token,
        ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: requestedAt + expiresIn * 1000 } : {}),
      };
    },
  });
}
