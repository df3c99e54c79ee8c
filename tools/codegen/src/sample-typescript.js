// @ts-check
// The TypeScript usage sample of an operation: create the API's client package's client, make the
// one typed call with the spec's example values, and handle its `{ data, error }` answer.
import { TsCode, tsLiteral, tsString } from './ts-literal.js';

/**
 * @typedef {object} TypeScriptSampleInput
 * @property {string} clientPackage  e.g. `@lms-apis/skilljar-client`
 * @property {string} clientFactory  e.g. `createSkilljarClient`
 * @property {import('./specs.js').ClientOptionsSource} clientOptions the factory's options as source
 * @property {string} mockUrl        where the mock serves this API, named in a comment
 * @property {string} path           the path template
 * @property {string} method         lower case
 * @property {import('./example-request.js').ExampleRequest} request
 */

/** @param {TypeScriptSampleInput} input @returns {string} */
export function typescriptSample({
  clientPackage,
  clientFactory,
  clientOptions,
  mockUrl,
  path,
  method,
  request,
}) {
  const lines = [`import { ${clientFactory} } from ${tsString(clientPackage)};`, ''];
  const baseUrlEnv = /process\.env\.(\w+)/.exec(
    typeof clientOptions.baseUrl === 'string' ? clientOptions.baseUrl : '',
  )?.[1];
  if (baseUrlEnv) {
    lines.push('// Calls production; to call the mock server instead, set', `// ${baseUrlEnv}=${mockUrl}`);
  }
  const create = `const client = ${clientFactory}(`;
  lines.push(`${create}${tsLiteral(asCode(clientOptions), { column: create.length })});`, '');

  const init = callInit(request);
  const call = `await client.${method.toUpperCase()}(${tsString(path)}`;
  const target = request.noContent ? 'const { error, response }' : 'const { data, error, response }';
  const head = `${target} = ${call}`;
  lines.push(init ? `${head}, ${tsLiteral(init, { column: head.length + 2 })});` : `${head});`);
  lines.push(HANDLE_ERROR);
  lines.push(request.noContent ? 'console.log(response.status);' : 'console.log(data);');
  return `${lines.join('\n')}\n`;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: the sample's own template literal, printed as is.
const HANDLE_ERROR = 'if (error) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);';

const LOCATIONS = ['path', 'query', 'header', 'cookie'];

/**
 * openapi-fetch's init: `{ params: { path, query, header, cookie }, body }`, only what is needed.
 * @param {import('./example-request.js').ExampleRequest} request
 */
function callInit(request) {
  /** @type {Record<string, Record<string, unknown>>} */
  const params = {};
  const byLocation = [...request.parameters].sort(
    (a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in),
  );
  for (const parameter of byLocation) {
    params[parameter.in] ??= {};
    /** @type {Record<string, unknown>} */ (params[parameter.in])[parameter.name] = parameter.value;
  }
  /** @type {Record<string, unknown>} */
  const init = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (request.body) init.body = request.body.value;
  return Object.keys(init).length > 0 ? init : undefined;
}

/** @param {import('./specs.js').ClientOptionsSource} options @returns {Record<string, unknown>} */
function asCode(options) {
  return Object.fromEntries(
    Object.entries(options).map(([key, value]) => [
      key,
      typeof value === 'string' ? new TsCode(value) : asCode(value),
    ]),
  );
}
