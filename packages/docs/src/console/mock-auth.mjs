// @ts-check
// One line per API, shown in the request console's Authorize dialog and above it: which
// credentials (and scopes) the local mock accepts. Source: the auth rules of
// packages/mock-server/README.md ("Auth" per API, which credit the facts file); an API not
// listed here gets the generic line, so a fifth API needs no edit to have a working console.

/** @type {Record<string, string>} */
const NOTES = {
  thrive:
    'The mock accepts HTTP Basic with any tenant id and secret (prefilled), or an OAuth2 Bearer token issued by its own token endpoint (client credentials, any client id and secret) with scope `api/read` or `api/all` for reads, `api/write` or `api/all` for writes.',
  samsara:
    'The mock accepts any Bearer API token (prefilled) unless it was started with `--api-key samsara=<token>`.',
  skilljar:
    'The mock accepts any API key as the HTTP Basic username with an empty password (prefilled) unless it was started with `--api-key skilljar=<key>`.',
  snworks:
    'The mock accepts any JWT Bearer carrying a `pk` claim and an `exp` in the future (prefilled; an expired one gets 403), with any signature unless it was started with `--jwt-keys`.',
};

/** @param {string} api */
export function mockAuthNote(api) {
  return NOTES[api] ?? 'The mock accepts the prefilled test credentials.';
}
