import {
  type ApiClient,
  type ApiError,
  type CommonClientOptions,
  createApiClient,
  pageNumberStrategy,
  snworksJwt,
} from '@lms-apis/client-core';
import type { components, paths } from './generated/schema.js';

// One install is enough: the error class and helpers come with the client.
export {
  ApiError,
  type ApiErrorKind,
  isApiError,
  type PaginateOptions,
  type RetryOptions,
} from '@lms-apis/client-core';
export type { components, operations, paths } from './generated/schema.js';

/** A CEO assignment as the API returns it. */
export type Assignment = components['schemas']['Assignment'];
/** The body of create and update. */
export type AssignmentInput = components['schemas']['AssignmentInput'];
/** The error body CEO answers with. */
export type SnworksErrorBody = components['schemas']['Error'];
/** What an SNworks call throws (with `throwOnError`, while paginating, or when no answer came). */
export type SnworksApiError = ApiError<SnworksErrorBody>;

export type SnworksClient = ApiClient<paths, 'items'>;

export interface SnworksClientOptions extends CommonClientOptions {
  /** The publication's subdomain, e.g. `dpn` for https://dpn.ceo.getsnworks.com/v3. */
  paper?: string;
  /** Overrides `paper`: any base URL ending in `/v3`, such as the mock server's. */
  baseUrl?: string;
  /** The account's public key (sent as the JWT's `pk` claim). */
  publicKey: string;
  /** The account's private key (the HS256 secret; never sent). */
  privateKey: string;
  /** JWT lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
}

const PAPER = /^[a-z0-9-]+$/i;

/** The production base URL of a publication. */
export function snworksBaseUrl(paper: string): string {
  if (!PAPER.test(paper))
    throw new TypeError(`paper must be a subdomain such as "dpn", got ${JSON.stringify(paper)}.`);
  return `https://${paper}.ceo.getsnworks.com/v3`;
}

/**
 * A client for one CEO publication. Requests carry an HS256 JWT signed with your key pair; an
 * expired token (403) is re-signed and the call re-sent once. List calls page by `page`/`total_pages`.
 *
 * @example
 * const ceo = createSnworksClient({ paper: 'dpn', publicKey, privateKey });
 * for await (const assignment of ceo.paginate('/assignment')) console.log(assignment.title);
 */
export function createSnworksClient(options: SnworksClientOptions): SnworksClient {
  const { paper, baseUrl, publicKey, privateKey, tokenTtlSeconds, ...rest } = options;
  if (!baseUrl && !paper) throw new TypeError('createSnworksClient: pass `paper` (e.g. "dpn") or `baseUrl`.');
  return createApiClient<paths, 'items'>({
    ...rest,
    baseUrl: baseUrl ?? snworksBaseUrl(paper as string),
    auth: snworksJwt({
      publicKey,
      privateKey,
      ...(tokenTtlSeconds ? { ttlSeconds: tokenTtlSeconds } : {}),
      // Token expiry follows the client's clock, so a test moves both at once.
      ...(rest.clock ? { clock: rest.clock } : {}),
    }),
    pagination: pageNumberStrategy(),
    responseSpec: loadResponseSpec,
  });
}

/** The spec `validateResponses` checks against: a separate chunk, loaded only when the option is on. */
const loadResponseSpec = () => import('./generated/drift-spec.js').then((module) => module.default);
