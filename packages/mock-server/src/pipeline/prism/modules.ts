// Loads the parts of Prism the engine uses, by deep import, so the rest of prism-http (proxy
// forwarding, spec parsing, instance factory) stays unloaded.
//
// One more saving: prism-http's schema-based response generator requires Faker with all of its
// ~60 locales (about 0.8 s on this project's CI machine) when the module loads, although only
// dynamic responses (`--dynamic`, `Prefer: dynamic=true`) ever use it. Faker is handed to Prism as
// a stand-in that loads the real module the first time it is touched, so a static mock starts
// without it and a dynamic one loads it on its first use.
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FAKER = '@faker-js/faker';

type Loader = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;

/** An object that behaves as `resolve()` does, without calling it until first used. */
function deferred<T extends object>(resolve: () => T): T {
  let target: T | undefined;
  const real = () => {
    target ??= resolve();
    return target;
  };
  return new Proxy({} as T, {
    get: (_stub, property) => {
      const value = Reflect.get(real(), property);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
    has: (_stub, property) => Reflect.has(real(), property),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_stub, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), property);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}

let loadFaker: (() => Record<string | symbol, object>) | undefined;

moduleWithLoad._load = function load(request, parent, isMain) {
  if (request === FAKER && parent?.filename?.includes('prism-http')) {
    const fakerModule = () =>
      originalLoad.call(this, request, parent, isMain) as Record<string | symbol, object>;
    loadFaker = fakerModule;
    // Prism hands `faker.default` to json-schema-faker at load time: defer the instance too.
    const instances: Record<string | symbol, object> = {
      default: deferred(() => fakerModule().default as object),
      faker: deferred(() => fakerModule().faker as object),
    };
    return new Proxy(
      {},
      { get: (_stub, property) => instances[property] ?? Reflect.get(fakerModule(), property) },
    );
  }
  return originalLoad.call(this, request, parent, isMain);
};

export const prismRouter = require('@stoplight/prism-http/dist/router/index.js');
export const prismValidator = require('@stoplight/prism-http/dist/validator/index.js');
export const prismMocker = require('@stoplight/prism-http/dist/mocker/index.js');
export const prismTypes = require('@stoplight/prism-http/dist/types.js');
export const prismCore = require('@stoplight/prism-core/dist/logger.js');
export const prismServerSerialize = require('@stoplight/prism-http-server/dist/serialize.js');

moduleWithLoad._load = originalLoad;

// prism-http's validator compiles a uri-template-lite Template (a RegExp and a Function) for the
// operation's path on every request to read its path parameters. Templates are immutable once
// built, so the constructor is given a cache: `new Template(t)` returns the one built for `t`.
const requireFromPrism = createRequire(require.resolve('@stoplight/prism-http/dist/validator/index.js'));
const uriTemplateLite = requireFromPrism('uri-template-lite') as {
  URI: { Template: new (template: string) => object };
};
const BuildTemplate = uriTemplateLite.URI.Template;
const templates = new Map<string, object>();
uriTemplateLite.URI.Template = function CachedTemplate(template: string) {
  let built = templates.get(template);
  if (!built) {
    built = new BuildTemplate(template);
    templates.set(template, built);
  }
  return built;
} as unknown as typeof BuildTemplate;

/** Loads Faker now, so the first dynamic response does not pay for it. */
export function preloadFaker(): void {
  loadFaker?.();
}

/** prism-http-server's Prefer/`__code` decoder; it pulls in prism-http's index, so it loads on first use. */
export function prismHttpConfig(): { getHttpConfigFromRequest: (input: unknown) => unknown } {
  return require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js');
}

/** Prism's own spec parser; only needed when no operations were precomputed at build time. */
export function prismOperations(): { getHttpOperationsFromSpec: (document: unknown) => Promise<unknown[]> } {
  return require('@stoplight/prism-http/dist/utils/operations.js');
}
