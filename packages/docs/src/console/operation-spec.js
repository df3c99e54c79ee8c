// @ts-check
// The spec the request console hands Swagger UI for one operation (runs in the browser, and is
// unit-tested in Node). Swagger UI given a one-operation document whose parameters are shared
// `$ref`s shows them as a nameless "any ()" field and sends the literal `{id}` (85 of 154
// operations did), so every non-schema reference is inlined here, path-level parameters are
// merged into the operation, and only then is the document cut down.

/** References inlined before the cut; schemas stay references (the ones the operation reaches go along). */
const INLINED = /^#\/components\/(parameters|examples|responses|headers|requestBodies|links)\//;
const MAX_DEPTH = 32;

/**
 * The value a local JSON pointer (`#/a/b~1c`) names in the document.
 * @param {any} document
 * @param {string} ref
 */
export function resolvePointer(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, not ${ref}`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node))
      throw new Error(`The reference ${ref} names nothing in the spec.`);
    node = node[key];
  }
  return node;
}

/**
 * A copy of `node` with every parameter, example, response, header and request-body reference
 * replaced by what it names (OpenAPI 3.1 lets `summary`/`description` beside a `$ref` win).
 * @param {any} node
 * @param {any} document
 * @returns {any}
 */
export function inlineRefs(node, document, depth = 0) {
  if (depth > MAX_DEPTH) throw new Error('The spec nests references deeper than the console follows.');
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, document, depth + 1));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && INLINED.test(node.$ref)) {
    const { $ref, ...beside } = node;
    return inlineRefs({ ...resolvePointer(document, $ref), ...beside }, document, depth + 1);
  }
  /** @type {Record<string, any>} */
  const copy = {};
  for (const [key, value] of Object.entries(node)) copy[key] = inlineRefs(value, document, depth + 1);
  return copy;
}

/**
 * The path item's parameters and the operation's, one per `in` + `name`, the operation's winning
 * (OpenAPI 3.1 §4.8.9.1).
 * @param {any[]} shared
 * @param {any[]} own
 */
export function mergeParameters(shared, own) {
  const byKey = new Map();
  for (const parameter of [...shared, ...own]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}

/**
 * An optional query, header or cookie parameter starts empty (an empty one is not sent): a
 * prefilled example cursor or filter would make the first call answer nothing (Samsara's did).
 * Its example stays visible in the description. Required ones keep their examples.
 * @param {any} parameter
 */
export function withoutOptionalPrefill(parameter) {
  if (parameter.required || parameter.in === 'path') return parameter;
  const { example, examples, ...rest } = parameter;
  const values = [
    ...(example !== undefined ? [example] : []),
    ...Object.values(examples ?? {}).map((/** @type {any} */ entry) => entry?.value),
  ].filter((value) => value !== undefined);
  const schema = rest.schema ? { ...rest.schema } : undefined;
  if (schema) {
    delete schema.example;
    delete schema.examples;
    delete schema.default;
  }
  const hint = values.length > 0 ? `\n\nExample: \`${JSON.stringify(values[0])}\` (not prefilled).` : '';
  return { ...rest, ...(schema ? { schema } : {}), description: `${rest.description ?? ''}${hint}` };
}

/**
 * Only the schemas the operation reaches (transitively): Swagger UI resolves every schema it is
 * given on each switch, and Skilljar's 130 operations share hundreds.
 * @param {any} node the inlined operation
 * @param {any} document
 */
export function reachableSchemas(node, document) {
  /** @type {Record<string, any>} */
  const schemas = {};
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (typeof current.$ref === 'string' && current.$ref.startsWith('#/components/schemas/')) {
      const name = decodeURIComponent(current.$ref.slice('#/components/schemas/'.length)).split('/')[0] ?? '';
      if (name in schemas) continue;
      schemas[name] = document.components.schemas[name];
      pending.push(schemas[name]);
      continue;
    }
    pending.push(...Object.values(current));
  }
  return schemas;
}

/**
 * The bundled spec cut down to one operation, sending to `sendBase` (the portal's forwarder),
 * its references inlined and its security schemes as the console presents them.
 * @param {any} document the bundled spec
 * @param {{ path: string, method: string }} entry
 * @param {{ sendBase: string, title: string, securitySchemes: Record<string, any> }} target
 */
export function operationSpec(document, entry, target) {
  const item = document.paths[entry.path];
  const {
    'x-codeSamples': _samples,
    description: _description,
    servers: _servers,
    ...operation
  } = inlineRefs(item[entry.method], document);
  const parameters = mergeParameters(inlineRefs(item.parameters ?? [], document), operation.parameters ?? []);
  const schemas = reachableSchemas([operation, parameters], document);
  return {
    // Swagger UI parses a 3.1 document with ApiDOM, which took 1.5-3 s of script per Execute on
    // Skilljar's page; as 3.0 it takes its older resolver (0.2-0.5 s). Nothing the console sends
    // differs: parameters, their serialization and the body examples mean the same in both, and
    // the references are already inlined (3.0 has no siblings beside a $ref).
    openapi: '3.0.3',
    info: { title: document.info.title, version: document.info.version },
    servers: [
      { url: target.sendBase, description: `The ${target.title} mock on this machine, via this portal` },
    ],
    ...(document.security ? { security: document.security } : {}),
    components: { schemas, securitySchemes: target.securitySchemes },
    paths: {
      [entry.path]: {
        [entry.method]: { ...operation, parameters: parameters.map(withoutOptionalPrefill) },
      },
    },
  };
}
