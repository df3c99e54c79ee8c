// Credentials as each API checks them (stateful mode). Prism's security step only checks that a
// credential the spec asks for is present; this step checks what the API would: that an OAuth2
// token was issued and still runs, grants the operation's scopes; that a JWT parses, carries its
// key claim, has not expired (and, given the key pair, is signed with it); that an API key is one
// of the configured ones. What each API checks is declared in behaviours/<api>.ts; nothing here
// knows which API it serves.
import { isPlainObject as isObject } from '../core/schema.js';
import type { OpenApiDocument } from '../core/specs.js';
import type { IssuedTokens } from '../store/credentials.js';
import type { AuthDeclaration } from './auth-declaration.js';
import { parseJwt, signJwt, verifiesHs256 } from './jwt.js';

export interface JwtKeys {
  publicKey: string;
  privateKey: string;
}

export interface AuthOptions {
  /** Tokens the API's mock token endpoint issued. */
  tokens: IssuedTokens;
  /** The only API keys accepted; any key when absent. */
  apiKeys?: readonly string[];
  /** Check JWT signatures (and `pk`) against this key pair; any signature when absent. */
  jwtKeys?: JwtKeys;
}

export type AuthOutcome =
  | {
      ok: true;
      /** What identifies the caller, e.g. for rate limits (the token or the key). */
      credential: string | undefined;
      /** An answer this step makes itself (a renewed token). */
      answer?: { status: number; body: Record<string, unknown> };
    }
  | { ok: false; status: number; message: string };

/** Renewed tokens are signed with the configured private key, else with this (any key works then). */
const UNKEYED_SECRET = 'lms-mock';
const DEFAULT_JWT_LIFETIME_S = 3600;

export class AuthGuard {
  private constructor(
    private readonly api: string,
    private readonly declaration: AuthDeclaration,
    private readonly options: AuthOptions,
    /** Per operationId: the scope sets of its oauth2 requirements (any one suffices). */
    private readonly scopeSets: Map<string, string[][]>,
  ) {}

  static create(
    api: string,
    document: OpenApiDocument,
    declaration: AuthDeclaration | undefined,
    options: AuthOptions,
  ): AuthGuard | undefined {
    if (!declaration) return undefined;
    return new AuthGuard(api, declaration, options, oauth2ScopeSets(document));
  }

  /** `session`: the caller's state session (the tokens `POST /_tokens/expire` ends are its own). */
  check(
    operationId: string | undefined,
    authorization: string | undefined,
    now: number,
    session: string,
  ): AuthOutcome {
    const match = /^(\w+)\s+(.*)$/.exec(authorization?.trim() ?? '');
    const scheme = match?.[1]?.toLowerCase();
    const value = match?.[2]?.trim() ?? '';
    const { declaration } = this;
    if (scheme === 'bearer' && declaration.bearer === 'issued-token')
      return this.issued(operationId, value, now);
    if (scheme === 'bearer' && declaration.bearer === 'jwt') {
      this.options.tokens.notePresented(this.api, value, session);
      return this.jwt(operationId, value, now);
    }
    if (scheme === 'bearer' && declaration.bearer === 'api-key') return this.apiKey(value);
    if (scheme === 'basic' && declaration.basic === 'api-key') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      return this.apiKey(separator === -1 ? decoded : decoded.slice(0, separator));
    }
    // Another scheme the spec allows (Thrive's Basic): Prism's presence check is all there is.
    return { ok: true, credential: value || undefined };
  }

  private apiKey(key: string): AuthOutcome {
    const keys = this.options.apiKeys;
    if (keys && !keys.includes(key)) return refuse(401, 'Invalid API key.');
    return { ok: true, credential: key };
  }

  private issued(operationId: string | undefined, token: string, now: number): AuthOutcome {
    const issued = this.options.tokens.find(this.api, token);
    if (!issued) return refuse(401, 'Invalid access token: it was not issued by the token endpoint.');
    if (now >= issued.expiresAt || this.options.tokens.isEnded(this.api, token))
      return refuse(401, 'The access token has expired.');
    const sets = operationId === undefined ? undefined : this.scopeSets.get(operationId);
    if (sets && sets.length > 0 && !sets.some((set) => set.every((scope) => issued.scopes.includes(scope))))
      return refuse(
        403,
        `The access token's scopes (${issued.scopes.join(' ') || 'none'}) do not allow this operation; it needs ${sets.map((set) => set.join(' ')).join(' or ')}.`,
      );
    return { ok: true, credential: token };
  }

  private jwt(operationId: string | undefined, token: string, now: number): AuthOutcome {
    const { jwt } = this.declaration;
    const parsed = parseJwt(token);
    const key = parsed?.payload[jwt?.keyClaim ?? ''];
    if (!parsed || !jwt || typeof key !== 'string' || key === '')
      return refuse(401, `The token is not a JWT carrying the claim "${jwt?.keyClaim}".`);
    const keys = this.options.jwtKeys;
    if (keys) {
      if (key !== keys.publicKey)
        return refuse(401, `The token's "${jwt.keyClaim}" is not a known public key.`);
      if (!verifiesHs256(parsed, keys.privateKey))
        return refuse(401, 'The token signature does not verify with the account key.');
    }
    const { exp, iat } = parsed.payload;
    const nowSeconds = Math.floor(now / 1000);
    if ((typeof exp === 'number' && exp <= nowSeconds) || this.options.tokens.isEnded(this.api, token))
      return refuse(jwt.expiredStatus, 'The token has expired.');
    if (jwt.refresh && operationId === jwt.refresh.operationId) {
      const lifetime =
        typeof exp === 'number' && typeof iat === 'number' && exp > iat ? exp - iat : DEFAULT_JWT_LIFETIME_S;
      const renewed = signJwt(
        { ...parsed.payload, iat: nowSeconds, exp: nowSeconds + lifetime },
        keys?.privateKey ?? UNKEYED_SECRET,
      );
      return { ok: true, credential: token, answer: { status: 200, body: { [jwt.refresh.field]: renewed } } };
    }
    return { ok: true, credential: token };
  }
}

function refuse(status: number, message: string): AuthOutcome {
  return { ok: false, status, message };
}

type SecurityRequirement = Record<string, string[]>;

/**
 * The spec's scope requirements per operation: each `security` alternative that uses only oauth2
 * schemes is a set of scopes that suffices (Thrive: reads `api/read` or `api/all`, writes
 * `api/write` or `api/all`). Operations without oauth2 alternatives need no scope.
 */
function oauth2ScopeSets(document: OpenApiDocument): Map<string, string[][]> {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, { type?: string }>;
  const root = (document as { security?: SecurityRequirement[] }).security ?? [];
  const sets = new Map<string, string[][]>();
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
      const requirements = (operation.security as SecurityRequirement[] | undefined) ?? root;
      const oauth2 = requirements.filter((requirement) => {
        const names = Object.keys(requirement);
        return names.length > 0 && names.every((name) => schemes[name]?.type === 'oauth2');
      });
      sets.set(
        operation.operationId,
        oauth2.map((requirement) => Object.values(requirement).flat()),
      );
    }
  }
  return sets;
}
