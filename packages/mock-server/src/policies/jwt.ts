// JWTs (RFC 7519), in one place for the mock and its tests: the auth step verifies them
// (signature, expiry) and signs renewed ones, rules that depend on the caller (SNworks' exclusive
// locks) tell callers apart by their claims, and the tests sign the tokens they send with the
// same signJwt. Parsing is jose's (as client-core's). HS256 signing and verification use
// node:crypto directly, because jose's are asynchronous (WebCrypto) and the pipeline answers
// synchronously; both are the RFC 7515 HMAC over `header.payload`.
import { createHmac, timingSafeEqual } from 'node:crypto';
// The two decoders by their own entry points: jose's main entry loads all of it (~50 ms at start-up).
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { decodeJwt } from 'jose/jwt/decode';

export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload` as sent: what the signature signs. */
  signingInput: string;
  signature: string;
}

/** A compact JWT's parts, decoded; `undefined` when the token is not one. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = decodeProtectedHeader(token) as Record<string, unknown>;
    const payload = decodeJwt(token) as Record<string, unknown>;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] as string };
  } catch {
    return undefined;
  }
}

/** The claims of `Authorization: Bearer <JWT>`, or `undefined` when the header carries no JWT. */
export function jwtClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const token = bearerToken(authorization);
  return token === undefined ? undefined : parseJwt(token)?.payload;
}

/** The token of `Authorization: Bearer <token>` (the scheme is case-insensitive). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** An HS256 JWT (RFC 7519) of these claims, signed with `secret`. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${signingInput}.${hs256(signingInput, secret).toString('base64url')}`;
}

/** True when the token is HS256 and its signature verifies with `secret`. */
export function verifiesHs256(jwt: ParsedJwt, secret: string): boolean {
  if (jwt.header.alg !== 'HS256') return false;
  const expected = hs256(jwt.signingInput, secret);
  const actual = Buffer.from(jwt.signature, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hs256(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}
