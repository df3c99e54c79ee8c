// @ts-check
// The credentials the request console prefills: the mock's test values, read from the curl samples'
// `lms.sampleSetup.curlAuth` (the one place each API declares how a sample authenticates against the
// mock, and which the samples' own tests run against it), matched to the spec's security scheme.

/**
 * @typedef {{ scheme: string, kind: 'basic', username: string, password: string }
 *   | { scheme: string, kind: 'bearer', token: string }} MockCredentials
 */

const BASIC = /^-u\s+'([^':]*):([^']*)'$|^-u\s+([^\s':]*):(\S*)$/;
const BEARER = /^-H\s+'Authorization:\s*Bearer\s+([^']+)'$/i;

/**
 * @param {string} curlAuth e.g. `-u 'your-api-key:'` or `-H 'Authorization: Bearer <token>'`
 * @param {any} document the bundled OpenAPI document, whose security scheme the values are for
 * @param {string} api for the error message
 * @returns {MockCredentials}
 */
export function mockCredentials(curlAuth, document, api) {
  const trimmed = curlAuth.trim();
  const basic = BASIC.exec(trimmed);
  const bearer = BEARER.exec(trimmed);
  const kind = basic ? 'basic' : bearer ? 'bearer' : undefined;
  if (!kind)
    throw new Error(
      `${api}: lms.sampleSetup.curlAuth "${curlAuth}" is neither -u 'user:password' nor -H 'Authorization: Bearer <token>'; the request console cannot prefill it.`,
    );
  const schemes = Object.entries(document.components?.securitySchemes ?? {});
  const found = schemes.find(
    ([, scheme]) => scheme.type === 'http' && String(scheme.scheme).toLowerCase() === kind,
  );
  if (!found) throw new Error(`${api}: curlAuth is HTTP ${kind}, but the spec has no http ${kind} scheme.`);
  const [scheme] = found;
  if (basic)
    return {
      scheme,
      kind: 'basic',
      username: basic[1] ?? basic[3] ?? '',
      password: basic[2] ?? basic[4] ?? '',
    };
  return { scheme, kind: 'bearer', token: bearer?.[1] ?? '' };
}
