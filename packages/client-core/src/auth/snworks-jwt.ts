import type { Middleware } from 'openapi-fetch';
import { type Clock, systemClock } from '../clock.js';
import { tokenAuth } from './token.js';

export interface SnworksJwtOptions {
  /** The account's public key; sent inside the token as claim `pk`. */
  publicKey: string;
  /** The account's private key; the HS256 signing secret. Never leaves this process. */
  privateKey: string;
  /** Token lifetime (default 3600 s). */
  ttlSeconds?: number;
  /** Sign a new token this long before expiry (default 30 s). */
  expirySkewMs?: number;
  /** Where `iat`/`exp` and expiry are read (default: the system clock); see `manualClock()`. */
  clock?: Clock;
}

/**
 * SNworks CEO auth: an HS256 JWT carrying `pk`, `iat` and `exp`, signed with the private key by
 * `jose`, sent as Bearer. CEO answers an expired token 403, so a 403 re-signs and re-sends once.
 */
export function snworksJwt(options: SnworksJwtOptions): Middleware {
  if (typeof options.publicKey !== 'string' || options.publicKey === '') {
    throw new TypeError('snworksJwt: publicKey must be a non-empty string.');
  }
  if (typeof options.privateKey !== 'string' || options.privateKey === '') {
    throw new TypeError('snworksJwt: privateKey must be a non-empty string.');
  }
  const ttlSeconds = options.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new TypeError(`snworksJwt: ttlSeconds must be a positive integer, got ${ttlSeconds}.`);
  }
  const secret = new TextEncoder().encode(options.privateKey);
  const { publicKey } = options;
  const clock = options.clock ?? systemClock;

  return tokenAuth({
    label: 'snworksJwt',
    renewOn: [403],
    expirySkewMs: options.expirySkewMs ?? 30_000,
    clock,
    async issue() {
      // Loaded on first use: jose's signer is most of an SNworks client's weight, and bundlers
      // split a dynamic import into its own chunk.
      const { signHs256 } = await import('./jwt-sign.js');
      const issuedAt = Math.floor(clock.now() / 1000);
      const token = await signHs256({ pk: publicKey }, secret, issuedAt, issuedAt + ttlSeconds);
      return { token, expiresAt: (issuedAt + ttlSeconds) * 1000 };
    },
  });
}
