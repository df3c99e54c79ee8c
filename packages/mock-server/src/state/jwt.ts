// Reading who calls from a bearer JWT. Decoding only: whether the signature and expiry are
// valid is the security step's question, which runs before any state answer; rules that depend
// on the caller (SNworks' exclusive locks) only need to tell callers apart.

/** The claims of `Authorization: Bearer <JWT>`, or `undefined` when the header carries no JWT. */
export function jwtClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const token = bearerToken(authorization);
  const payload = token?.split('.')[1];
  if (payload === undefined || token?.split('.').length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The token of `Authorization: Bearer <token>` (the scheme is case-insensitive). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
