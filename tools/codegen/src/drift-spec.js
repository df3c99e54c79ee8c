// @ts-check
// The spec a client checks answers against with `validateResponses` (client-core's drift checks):
// the bundle cut down to what those checks read (responses and request bodies, their media types
// and schemas' structural keywords) so it stays small and is loaded only when the option is on.
// `webhookSpecOf` cuts the same way for a client's webhook receiver: the webhooks' bodies and only
// the schemas they reach.

const SCHEMA_KEYWORDS = new Set([
  '$ref',
  'type',
  'format',
  'enum',
  'const',
  'required',
  'nullable',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
]);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** @param {unknown} schema @returns {unknown} */
export function pruneSchema(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!SCHEMA_KEYWORDS.has(key)) continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(/** @type {Record<string, unknown>} */ (value)).map(([name, sub]) => [
          name,
          pruneSchema(sub),
        ]),
      );
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      out[key] = /** @type {unknown[]} */ (value).map(pruneSchema);
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = pruneSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** @param {any} holder a response or request body object (or a $ref to one) */
function pruneContentHolder(holder) {
  if (!holder || typeof holder !== 'object') return holder;
  if (typeof holder.$ref === 'string') return { $ref: holder.$ref };
  if (!holder.content) return {};
  return {
    content: Object.fromEntries(
      Object.entries(holder.content).map(([mediaType, media]) => [
        mediaType,
        /** @type {any} */ (media).schema === undefined
          ? {}
          : { schema: pruneSchema(/** @type {any} */ (media).schema) },
      ]),
    ),
  };
}

/**
 * @param {any} document a bundled OpenAPI document
 * @returns {{ paths: Record<string, Record<string, unknown>>, components: Record<string, unknown> }}
 */
export function driftSpecOf(document) {
  /** @type {Record<string, Record<string, unknown>>} */
  const paths = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    /** @type {Record<string, unknown>} */
    const operations = {};
    for (const [method, operation] of Object.entries(/** @type {Record<string, any>} */ (item))) {
      if (!METHODS.has(method)) continue;
      operations[method] = {
        responses: Object.fromEntries(
          Object.entries(operation.responses ?? {}).map(([status, response]) => [
            status,
            pruneContentHolder(response),
          ]),
        ),
        ...(operation.requestBody ? { requestBody: pruneContentHolder(operation.requestBody) } : {}),
      };
    }
    paths[path] = operations;
  }
  const components = document.components ?? {};
  /** @param {Record<string, unknown> | undefined} group @param {(value: unknown) => unknown} prune */
  const map = (group, prune) =>
    Object.fromEntries(Object.entries(group ?? {}).map(([name, value]) => [name, prune(value)]));
  return {
    paths,
    components: {
      schemas: map(components.schemas, pruneSchema),
      responses: map(components.responses, pruneContentHolder),
      requestBodies: map(components.requestBodies, pruneContentHolder),
    },
  };
}

/**
 * The spec a client's webhook receiver checks bodies against: each webhook's request body, pruned,
 * and the component schemas those bodies reach (a few, not the API's hundreds).
 * @param {any} document a bundled OpenAPI document
 * @returns {{ webhooks: Record<string, Record<string, unknown>>, components: { schemas: Record<string, unknown> } } | undefined}
 *   undefined when the document has no webhooks
 */
export function webhookSpecOf(document) {
  const entries = Object.entries(document.webhooks ?? {});
  if (entries.length === 0) return undefined;
  /** @type {Record<string, Record<string, unknown>>} */
  const webhooks = {};
  for (const [name, item] of entries) {
    /** @type {Record<string, unknown>} */
    const operations = {};
    for (const [method, operation] of Object.entries(/** @type {Record<string, any>} */ (item))) {
      if (!METHODS.has(method)) continue;
      operations[method] = operation.requestBody
        ? { requestBody: pruneContentHolder(operation.requestBody) }
        : {};
    }
    webhooks[name] = operations;
  }
  const all = document.components?.schemas ?? {};
  /** @type {Record<string, unknown>} */
  const schemas = {};
  const pending = refsIn(webhooks);
  while (pending.length > 0) {
    const name = /** @type {string} */ (pending.pop());
    if (name in schemas || !(name in all)) continue;
    schemas[name] = pruneSchema(all[name]);
    pending.push(...refsIn(schemas[name]));
  }
  return { webhooks, components: { schemas } };
}

/** The component schema names a pruned node refers to. @param {unknown} node @returns {string[]} */
function refsIn(node) {
  /** @type {string[]} */
  const found = [];
  const visit = (/** @type {unknown} */ value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/'))
          found.push(child.slice('#/components/schemas/'.length));
        else visit(child);
      }
    }
  };
  visit(node);
  return found;
}
