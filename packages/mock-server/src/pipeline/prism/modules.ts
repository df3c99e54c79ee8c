// Loads the parts of Prism the pipeline uses, by deep import, so the rest of prism-http (proxy
// forwarding, spec parsing, instance factory) stays unloaded. Nothing in Prism is changed at run
// time: what this project changes in it (Faker loaded on first use, path templates compiled once)
// is a pnpm patch (patches/@stoplight__prism-http@5.12.0.patch), which fails the install loudly
// when Prism's version moves.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const prismRouter = require('@stoplight/prism-http/dist/router/index.js');
export const prismValidator = require('@stoplight/prism-http/dist/validator/index.js');
export const prismMocker = require('@stoplight/prism-http/dist/mocker/index.js');
export const prismTypes = require('@stoplight/prism-http/dist/types.js');
export const prismCore = require('@stoplight/prism-core/dist/logger.js');
export const prismServerSerialize = require('@stoplight/prism-http-server/dist/serialize.js');

const generator = require('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js') as {
  loadFaker?: () => void;
};

/**
 * Loads Faker now, so the first dynamic response does not pay for it. Without the patch (Prism
 * installed without this workspace's patches) Faker is already loaded and this does nothing.
 */
export function preloadFaker(): void {
  generator.loadFaker?.();
}

/** prism-http-server's Prefer/`__code` decoder; it pulls in prism-http's index, so it loads on first use. */
export function prismHttpConfig(): { getHttpConfigFromRequest: (input: unknown) => unknown } {
  return require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js');
}

/** Prism's own spec parser; only needed when no operations were precomputed at build time. */
export function prismOperations(): { getHttpOperationsFromSpec: (document: unknown) => Promise<unknown[]> } {
  return require('@stoplight/prism-http/dist/utils/operations.js');
}
