import { SignJWT } from 'jose';

/** HS256-signs a JWT with `jose`. Its own module so the SNworks auth can load it on first use. */
export function signHs256(
  claims: Record<string, unknown>,
  secret: Uint8Array,
  issuedAt: number,
  expiresAt: number,
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secret);
}
