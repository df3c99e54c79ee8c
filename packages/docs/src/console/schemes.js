// @ts-check
// The security schemes as the request console shows them (browser; unit-tested in Node): each
// scheme's description becomes one line saying what the mock accepts, and an OAuth2 URL on the
// API's own origin (Thrive's token URL, with its `:tenantId` placeholder) points at the mock's
// token endpoint through the portal, the placeholder filled with the prefilled tenant id; any
// other such URL is dropped rather than called.

/**
 * @param {Record<string, any>} schemes components.securitySchemes of the bundled spec
 * @param {{ standsFor?: string, mockRoot: string, authNote: string, credentials: any }} options
 *   mockRoot: the forwarder URL of this API's mock prefix, e.g. `http://host/mock/thrive`
 */
export function consoleSchemes(schemes, { standsFor, mockRoot, authNote, credentials }) {
  /** @type {Record<string, any>} */
  const result = {};
  const tenant = credentials.kind === 'basic' ? credentials.username : 'your-tenant-id';
  for (const [name, scheme] of Object.entries(schemes ?? {})) {
    const described = { ...scheme, description: authNote };
    if (scheme.type !== 'oauth2') {
      result[name] = described;
      continue;
    }
    /** @type {Record<string, any>} */
    const flows = {};
    for (const [flowName, flow] of Object.entries(scheme.flows ?? {})) {
      const local = { ...flow };
      let usable = true;
      for (const key of ['tokenUrl', 'authorizationUrl', 'refreshUrl']) {
        if (!local[key]) continue;
        const url = new URL(local[key]);
        if (url.origin !== standsFor) {
          usable = false;
          continue;
        }
        const pathname = decodeURIComponent(url.pathname).replace(/:tenantId|\{tenantId\}/g, tenant);
        local[key] = `${mockRoot}${pathname}`;
      }
      if (usable) flows[flowName] = local;
    }
    if (Object.keys(flows).length > 0) result[name] = { ...described, flows };
  }
  return result;
}
