// What an API declares about its credentials (apis/<api>.ts), read by the auth step.

/**
 * What a credential must be for the API to accept it. Prism already checks that one the spec
 * asks for is present (401 otherwise); these say what the API checks on top.
 */
export interface AuthDeclaration {
  /**
   * A Bearer token is
   * - `issued-token`: one this API's mock token endpoint issued, unexpired, granting a scope the
   *   operation's `security` lists for its oauth2 scheme (401, else 403);
   * - `jwt`: a JWT (see `jwt`);
   * - `api-key`: any value, or one of the keys given with `--api-key <api>=<key>` (401).
   */
  bearer?: 'issued-token' | 'jwt' | 'api-key';
  /** HTTP Basic: `api-key` = the username is the API key (any, or one of `--api-key`). */
  basic?: 'api-key';
  jwt?: JwtDeclaration;
  /** Where each rule comes from, for the README. */
  source: string;
}

export interface JwtDeclaration {
  /** A claim every token must carry (SNworks `pk`, the public key); absent = malformed (401). */
  keyClaim: string;
  /** The status for a token whose `exp` has passed. */
  expiredStatus: number;
  /** An operation that answers a renewed token for a valid one, and its body's field. */
  refresh?: { operationId: string; field: string };
}
