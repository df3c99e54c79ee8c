// JWTs (RFC 7519), read in one place: the auth step verifies them (signature, expiry), rules that
// depend on the caller (SNworks' exclusive locks) only tell callers apart by their claims.

export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: string;
}

/** A compact JWT's parts, decoded; `undefined` when the token is not one. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
