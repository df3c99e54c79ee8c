// @ts-check
// The registry of APIs is the set of spec packages: each `spec/<api>/package.json` carries an
// `lms` block. Adding an API means adding a folder, not editing a list here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * @typedef {object} ApiInfo
 * @property {string} api          short name, also the mock prefix and the redocly.yaml `apis` key
 * @property {string} title        display name
 * @property {string} packageName  the spec workspace package
 * @property {string} dir          absolute path of the spec folder
 * @property {string} bundleJson   absolute path of the bundled JSON
 * @property {string} bundleYaml   absolute path of the bundled YAML
 * @property {string} clientPackage npm name of the client package
 * @property {string} clientFactory name of the client factory export
 * @property {SampleSetup} sampleSetup how the usage samples create a client and authenticate
 */

/**
 * How usage samples authenticate. Credentials are per-API knowledge no spec states, so each spec
 * package declares them next to its client package (`lms.sampleSetup`).
 * @typedef {object} SampleSetup
 * @property {ClientOptionsSource} clientOptions the factory's options as TypeScript expressions,
 *   e.g. `{ "apiKey": "process.env.SKILLJAR_API_KEY ?? 'your-api-key'" }`
 * @property {string} curlAuth the curl arguments that authenticate, e.g. `-u 'your-api-key:'`
 */

/** @typedef {{ [option: string]: string | ClientOptionsSource }} ClientOptionsSource */

/** @returns {ApiInfo[]} every API in the repo, sorted by name */
export function listApis() {
  const specRoot = path.join(repoRoot, 'spec');
  return readdirSync(specRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(specRoot, entry.name, 'package.json')))
    .map((entry) => readApi(path.join(specRoot, entry.name)))
    .sort((a, b) => a.api.localeCompare(b.api));
}

/** @param {string} name @returns {ApiInfo} */
export function getApi(name) {
  const found = listApis().find((info) => info.api === name);
  if (!found) {
    const known = listApis()
      .map((info) => info.api)
      .join(', ');
    throw new Error(`Unknown API "${name}". Known APIs: ${known}.`);
  }
  return found;
}

/** @param {string} dir @returns {ApiInfo} */
export function readApi(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const lms = pkg.lms;
  for (const key of ['api', 'title', 'clientPackage', 'clientFactory']) {
    if (typeof lms?.[key] !== 'string') {
      throw new Error(`${path.join(dir, 'package.json')}: "lms.${key}" must be a string.`);
    }
  }
  return {
    api: lms.api,
    title: lms.title,
    packageName: pkg.name,
    dir,
    bundleJson: path.join(dir, 'dist/openapi.json'),
    bundleYaml: path.join(dir, 'dist/openapi.yaml'),
    clientPackage: lms.clientPackage,
    clientFactory: lms.clientFactory,
    sampleSetup: readSampleSetup(lms.sampleSetup, path.join(dir, 'package.json')),
  };
}

/**
 * @param {unknown} value the `lms.sampleSetup` block
 * @param {string} file for error messages
 * @returns {SampleSetup}
 */
function readSampleSetup(value, file) {
  const setup = /** @type {{ clientOptions?: unknown, curlAuth?: unknown } | undefined} */ (value);
  if (typeof setup?.curlAuth !== 'string' || !isOptionsSource(setup.clientOptions)) {
    throw new Error(
      `${file}: "lms.sampleSetup" must be { clientOptions: { <option>: "<TypeScript expression>" | {...} }, curlAuth: "<curl arguments>" }.`,
    );
  }
  return { clientOptions: setup.clientOptions, curlAuth: setup.curlAuth };
}

/** @param {unknown} value @returns {value is ClientOptionsSource} */
function isOptionsSource(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string' || isOptionsSource(entry))
  );
}
