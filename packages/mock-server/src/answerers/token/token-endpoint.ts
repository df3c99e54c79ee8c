import { randomBytes } from 'node:crypto';
import type { AnswerOutput } from '../../core/answer.js';
import type { Clock } from '../../core/clock.js';
import type { OpenApiDocument } from '../../core/specs.js';
import type { IssuedTokens } from '../../store/credentials.js';

/**
 * A stand-in for an API's OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4), so the
 * whole flow runs against the mock. Found from the spec: every oauth2 scheme whose
 * clientCredentials tokenUrl lives on the API's own origin gets one.
 */
export interface TokenEndpoint {
  /** Matches a path relative to the API origin, e.g. `/oauth2/token/eu-west-2_AbcdEfghI`. */
  matches(path: string): boolean;
  answer(
    method: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer | undefined,
    /** The state session of the token request: the token belongs to it. */
    session: string,
  ): AnswerOutput;
}

export const TOKEN_OPERATION_ID = 'oauth2Token';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** Where issued tokens are remembered, so the API's auth step can tell them from made-up ones. */
export interface TokenIssuing {
  api: string;
  tokens: IssuedTokens;
  /** Lifetime of a token issued to this session, seconds (a session may set its own). */
  ttlSeconds: (session: string) => number;
  clock: Clock;
}

export function findTokenEndpoints(
  document: OpenApiDocument,
  origin: string,
  issuing: TokenIssuing,
): TokenEndpoint[] {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, SecurityScheme>;
  const endpoints: TokenEndpoint[] = [];
  for (const scheme of Object.values(schemes)) {
    const flow = scheme.type === 'oauth2' ? scheme.flows?.clientCredentials : undefined;
    if (!flow?.tokenUrl) continue;
    const url = new URL(flow.tokenUrl.replace(/\{([^}]+)\}/g, ':$1'));
    if (url.origin !== origin) continue;
    endpoints.push(
      createTokenEndpoint(templateToRegExp(url.pathname), Object.keys(flow.scopes ?? {}), issuing),
    );
  }
  return endpoints;
}

interface SecurityScheme {
  type: string;
  flows?: { clientCredentials?: { tokenUrl?: string; scopes?: Record<string, string> } };
}

/** `/oauth2/token/:tenantId` → a matcher where `:tenantId` is one non-empty path segment. */
function templateToRegExp(pathname: string): RegExp {
  const pattern = pathname
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

function createTokenEndpoint(path: RegExp, knownScopes: string[], issuing: TokenIssuing): TokenEndpoint {
  return {
    matches: (candidate) => path.test(candidate),
    answer(method, headers, body, session) {
      if (method !== 'POST') {
        return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only.', { allow: 'POST' });
      }
      const contentType = String(headers['content-type'] ?? '');
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        return oauthError(
          400,
          'invalid_request',
          'Send the token request as application/x-www-form-urlencoded.',
        );
      }
      const form = new URLSearchParams((body ?? Buffer.alloc(0)).toString('utf8'));
      const grantType = form.get('grant_type');
      if (grantType !== 'client_credentials') {
        return oauthError(
          400,
          'unsupported_grant_type',
          `grant_type must be client_credentials, got ${JSON.stringify(grantType)}.`,
        );
      }
      const client = readClient(headers.authorization, form);
      if (!client) {
        return oauthError(
          401,
          'invalid_client',
          'Authenticate with HTTP Basic (client id and secret) or client_id and client_secret in the body.',
          {
            'www-authenticate': 'Basic realm="token"',
          },
        );
      }
      const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const unknown = requested.filter((scope) => !knownScopes.includes(scope));
      if (unknown.length > 0) {
        return oauthError(
          400,
          'invalid_scope',
          `Unknown scope(s): ${unknown.join(', ')}. Known: ${knownScopes.join(', ')}.`,
        );
      }
      const granted = requested.length > 0 ? requested : knownScopes;
      const accessToken = `mock.${randomBytes(18).toString('base64url')}`;
      const ttlSeconds = issuing.ttlSeconds(session);
      issuing.tokens.remember(issuing.api, accessToken, {
        session,
        expiresAt: issuing.clock.now() + ttlSeconds * 1000,
        scopes: granted,
      });
      return json(200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: ttlSeconds,
        scope: granted.join(' '),
      });
    },
  };
}

function readClient(
  authorization: string | string[] | undefined,
  form: URLSearchParams,
): { id: string } | undefined {
  if (typeof authorization === 'string' && /^basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0 && separator < decoded.length - 1) return { id: decoded.slice(0, separator) };
    return undefined;
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id } : undefined;
}

function oauthError(
  status: number,
  error: string,
  description: string,
  extraHeaders: Record<string, string> = {},
): AnswerOutput {
  const response = json(status, { error, error_description: description });
  Object.assign(response.headers as Record<string, string>, extraHeaders);
  return response;
}

function json(status: number, body: unknown): AnswerOutput {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body,
  };
}
