// @ts-check
// Post-bundle decoration: what the docs portal shows that the hand-written spec doesn't spell out.
// Kept in the bundle, so docs, downloads and mocks read one document.
//  - x-codeSamples: a TypeScript sample using the API's client package and a curl sample against
//    the mock server, for every operation, built from the spec's examples.
//  - a provenance line and badge on every operation, saying where it was modelled from; webhooks
//    (requests the API sends, not calls a client makes) get these and no usage samples.

import { eachOperation, eachWebhook, exampleRequest, mockBaseUrl } from './example-request.js';
import { markProvenance } from './provenance-note.js';
import { curlSample } from './sample-curl.js';
import { typescriptSample } from './sample-typescript.js';

/** The labels our samples carry; a hand-written x-codeSamples entry with another label is kept. */
export const SAMPLE_LABELS = { typescript: 'TypeScript', curl: 'curl' };

/**
 * @param {any} document the bundled OpenAPI document (changed in place and returned)
 * @param {import('./specs.js').ApiInfo} info
 */
export function decorateBundle(document, info) {
  const mockUrl = mockBaseUrl(document, info.api);
  for (const entry of eachOperation(document)) {
    const { operation, path, method } = entry;
    const request = exampleRequest(document, entry);
    const security = operation.security ?? document.security ?? [];
    const needsAuth = security.some(
      (/** @type {object} */ requirement) => Object.keys(requirement).length > 0,
    );
    const handWritten = (operation['x-codeSamples'] ?? []).filter(
      (/** @type {{ label?: string }} */ sample) =>
        !Object.values(SAMPLE_LABELS).includes(sample.label ?? ''),
    );
    operation['x-codeSamples'] = [
      {
        lang: 'typescript',
        label: SAMPLE_LABELS.typescript,
        source: typescriptSample({
          clientPackage: info.clientPackage,
          clientFactory: info.clientFactory,
          clientOptions: info.sampleSetup.clientOptions,
          mockUrl,
          path,
          method,
          request,
        }),
      },
      {
        lang: 'shell',
        label: SAMPLE_LABELS.curl,
        source: curlSample({
          baseUrl: mockUrl,
          path,
          method,
          request,
          auth: needsAuth ? info.sampleSetup.curlAuth : undefined,
        }),
      },
      ...handWritten,
    ];
    markProvenance(operation);
  }
  for (const { operation } of eachWebhook(document)) markProvenance(operation);
  return document;
}
