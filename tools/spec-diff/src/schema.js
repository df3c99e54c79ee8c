// @ts-check
// Compares two JSON Schemas (OpenAPI 3.1) in a direction. What breaks a client depends on who
// writes the data: on input (parameters, request bodies) the client writes and the server must
// keep accepting everything it accepted; on output (responses) the server writes and must keep
// within what it promised. So the same edit (an enum value added, `required` dropped) is safe one
// way and breaking the other. The rules and their reasons are in this package's README.
import { refName, resolve } from './refs.js';

/** @typedef {'input' | 'output'} Direction */
/**
 * @typedef {object} Change
 * @property {'breaking' | 'non-breaking'} kind
 * @property {string} rule a stable id, one per rule in the README
 * @property {string} message in a client user's words
 */
/**
 * @typedef {object} Context
 * @property {any} base the base document (its `$ref`s resolve against it)
 * @property {any} head the head document
 * @property {(kind: Change['kind'], rule: string, message: string) => void} report
 * @property {Set<string>} [visiting] ref pairs on the current path, to stop on recursive schemas
 */

/** Lower bounds: raising one (or adding it) accepts less. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
/** Upper bounds: lowering one (or adding it) accepts less. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

/**
 * @param {Context} ctx
 * @param {any} baseNode a schema or `{ $ref }` in the base document
 * @param {any} headNode the same place in the head document
 * @param {Direction} direction
 * @param {string} label where this schema sits, e.g. `response 200 body`, `query parameter \`page\``
 * @param {string} [at] the property path inside it, e.g. `results[].title`
 */
export function compareSchema(ctx, baseNode, headNode, direction, label, at = '') {
  if (baseNode === undefined || headNode === undefined) return;
  const baseResolved = resolve(ctx.base, baseNode);
  const headResolved = resolve(ctx.head, headNode);
  const visiting = ctx.visiting ?? new Set();
  ctx.visiting = visiting;
  const key = `${direction}|${baseResolved.ref ?? ''}|${headResolved.ref ?? ''}`;
  // A recursive schema (a category's children are categories) is compared once per path.
  if ((baseResolved.ref || headResolved.ref) && visiting.has(key)) return;
  visiting.add(key);
  try {
    const base = flatten(ctx.base, baseResolved.node);
    const head = flatten(ctx.head, headResolved.node);
    const where = at ? `${label} property \`${at}\`` : label;
    compareTypes(ctx, base, head, direction, where);
    compareEnums(ctx, base, head, direction, where);
    compareFormats(ctx, base, head, direction, where);
    compareBounds(ctx, base, head, direction, where);
    compareObjects(ctx, base, head, direction, label, at);
    compareAlternatives(ctx, base, head, direction, label, at, where);
    if (base.items !== undefined && head.items !== undefined) {
      compareSchema(ctx, base.items, head.items, direction, label, `${at}[]`);
    }
  } finally {
    visiting.delete(key);
  }
}

/**
 * `allOf` members merged into one object schema: properties and `required` are what the
 * composition means for a client, whichever member declares them.
 * @param {any} document @param {any} schema
 * @returns {any}
 */
function flatten(document, schema) {
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema.allOf)) return schema ?? {};
  const { allOf, ...rest } = schema;
  const merged = {
    ...rest,
    properties: { ...(rest.properties ?? {}) },
    required: [...(rest.required ?? [])],
  };
  for (const member of allOf) {
    const part = flatten(document, resolve(document, member).node);
    Object.assign(merged.properties, part.properties ?? {});
    merged.required.push(...(part.required ?? []));
    for (const [keyword, value] of Object.entries(part)) {
      if (!['properties', 'required', 'description', 'title', 'example', 'examples'].includes(keyword)) {
        merged[keyword] ??= value;
      }
    }
  }
  if (Object.keys(merged.properties).length === 0) delete merged.properties;
  return merged;
}

/** The schema's types as a set; `nullable` (3.0) reads as `null`. Undefined = any type. */
function typesOf(/** @type {any} */ schema) {
  let types;
  if (Array.isArray(schema.type)) types = [...schema.type];
  else if (typeof schema.type === 'string') types = [schema.type];
  else if ('const' in schema) types = [jsonType(schema.const)];
  else return undefined;
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types;
}

/** @param {unknown} value */
function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** Does a value of type `inner` always satisfy `outer`? (an integer is a number) */
function covers(/** @type {string} */ outer, /** @type {string} */ inner) {
  return outer === inner || (outer === 'number' && inner === 'integer');
}

/** @param {string[] | undefined} types */
function typeText(types) {
  return types ? types.join(' or ') : 'any type';
}

/** @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction @param {string} where */
function compareTypes(ctx, base, head, direction, where) {
  const baseTypes = typesOf(base);
  const headTypes = typesOf(head);
  if (typeText(baseTypes) === typeText(headTypes)) return;
  // `from` must stay within `to`: on input every base type still accepted, on output every head
  // type already promised.
  const [from, to] = direction === 'input' ? [baseTypes, headTypes] : [headTypes, baseTypes];
  const within = !to || from?.every((type) => to.some((outer) => covers(outer, type))) === true;
  const change = `type changed from ${typeText(baseTypes)} to ${typeText(headTypes)}`;
  if (within) ctx.report('non-breaking', 'type-changed', `${where}: ${change}`);
  else if (direction === 'input') {
    ctx.report('breaking', 'type-narrowed', `${where}: ${change}; values clients send today are rejected`);
  } else {
    ctx.report(
      'breaking',
      'type-widened',
      `${where}: ${change}; clients may receive values they do not expect`,
    );
  }
}

/** @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction @param {string} where */
function compareEnums(ctx, base, head, direction, where) {
  const baseEnum = enumOf(base);
  const headEnum = enumOf(head);
  if (!baseEnum && !headEnum) return;
  const list = (/** @type {unknown[]} */ values) => values.map((value) => JSON.stringify(value)).join(', ');
  if (!baseEnum && headEnum) {
    if (direction === 'input')
      ctx.report('breaking', 'enum-narrowed', `${where}: now only accepts ${list(headEnum)}`);
    else ctx.report('non-breaking', 'enum-changed', `${where}: now documented as one of ${list(headEnum)}`);
    return;
  }
  if (baseEnum && !headEnum) {
    if (direction === 'output')
      ctx.report('breaking', 'enum-widened', `${where}: no longer limited to ${list(baseEnum)}`);
    else ctx.report('non-breaking', 'enum-changed', `${where}: no longer limited to ${list(baseEnum)}`);
    return;
  }
  const headKeys = new Set((headEnum ?? []).map((value) => JSON.stringify(value)));
  const baseKeys = new Set((baseEnum ?? []).map((value) => JSON.stringify(value)));
  const removed = (baseEnum ?? []).filter((value) => !headKeys.has(JSON.stringify(value)));
  const added = (headEnum ?? []).filter((value) => !baseKeys.has(JSON.stringify(value)));
  if (removed.length > 0) {
    if (direction === 'input')
      ctx.report('breaking', 'enum-narrowed', `${where}: no longer accepts ${list(removed)}`);
    else ctx.report('non-breaking', 'enum-changed', `${where}: no longer returns ${list(removed)}`);
  }
  if (added.length > 0) {
    // A client with an exhaustive switch (or a TypeScript union it narrows) cannot handle a value
    // it has never seen: a new value in a response is breaking.
    if (direction === 'output')
      ctx.report('breaking', 'enum-widened', `${where}: may now return ${list(added)}`);
    else ctx.report('non-breaking', 'enum-changed', `${where}: now also accepts ${list(added)}`);
  }
}

/** @param {any} schema @returns {unknown[] | undefined} */
function enumOf(schema) {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

/** @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction @param {string} where */
function compareFormats(ctx, base, head, direction, where) {
  if (base.format === head.format) return;
  const change =
    base.format === undefined
      ? `now has format ${head.format}`
      : head.format === undefined
        ? `no longer has format ${base.format}`
        : `format changed from ${base.format} to ${head.format}`;
  // Input: a new or different format rejects values that passed. Output: values no longer
  // guaranteed to have the format clients parse them as.
  const breaking = direction === 'input' ? head.format !== undefined : base.format !== undefined;
  ctx.report(
    breaking ? 'breaking' : 'non-breaking',
    breaking ? 'format-narrowed' : 'format-changed',
    `${where}: ${change}`,
  );
}

/** @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction @param {string} where */
function compareBounds(ctx, base, head, direction, where) {
  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const before = typeof base[keyword] === 'number' ? base[keyword] : undefined;
    const after = typeof head[keyword] === 'number' ? head[keyword] : undefined;
    if (before === after) continue;
    const lower = LOWER_BOUNDS.includes(keyword);
    const tightened =
      after !== undefined && (before === undefined || (lower ? after > before : after < before));
    const change =
      before === undefined
        ? `${keyword} ${after} added`
        : after === undefined
          ? `${keyword} ${before} removed`
          : `${keyword} changed from ${before} to ${after}`;
    report(ctx, direction, tightened, 'constraint', `${where}: ${change}`);
  }
  for (const keyword of ['pattern', 'multipleOf']) {
    if (base[keyword] === head[keyword]) continue;
    const change =
      base[keyword] === undefined
        ? `${keyword} ${head[keyword]} added`
        : head[keyword] === undefined
          ? `${keyword} ${base[keyword]} removed`
          : `${keyword} changed from ${base[keyword]} to ${head[keyword]}`;
    // A different pattern may reject what the old one accepted: only its removal is safe.
    report(ctx, direction, head[keyword] !== undefined, 'constraint', `${where}: ${change}`);
  }
  if (!base.uniqueItems !== !head.uniqueItems) {
    report(
      ctx,
      direction,
      head.uniqueItems === true,
      'constraint',
      `${where}: uniqueItems ${head.uniqueItems ? 'added' : 'removed'}`,
    );
  }
}

/**
 * Tightened constraints break input and are harmless on output; loosened ones on output are
 * listed but not breaking (clients rarely rely on a length bound; they do on types and fields).
 * @param {Context} ctx @param {Direction} direction @param {boolean} tightened @param {string} rule @param {string} message
 */
function report(ctx, direction, tightened, rule, message) {
  if (direction === 'input' && tightened) ctx.report('breaking', `${rule}-tightened`, message);
  else ctx.report('non-breaking', `${rule}-changed`, message);
}

/**
 * @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction
 * @param {string} label @param {string} at
 */
function compareObjects(ctx, base, head, direction, label, at) {
  const baseProps = base.properties ?? {};
  const headProps = head.properties ?? {};
  const baseRequired = new Set(base.required ?? []);
  const headRequired = new Set(head.required ?? []);
  const name = (/** @type {string} */ prop) => (at ? `${at}.${prop}` : prop);
  const here = (/** @type {string} */ prop) => `${label} property \`${name(prop)}\``;
  // Clients never send readOnly properties, and never receive writeOnly ones.
  const ignored = (/** @type {any} */ schema, /** @type {any} */ document) => {
    const node = resolve(document, schema).node ?? {};
    return direction === 'input' ? node.readOnly === true : node.writeOnly === true;
  };

  for (const prop of Object.keys(baseProps)) {
    if (ignored(baseProps[prop], ctx.base)) continue;
    if (!(prop in headProps)) {
      if (direction === 'output') ctx.report('breaking', 'property-removed', `${here(prop)} was removed`);
      else
        ctx.report(
          'breaking',
          'property-removed',
          `${here(prop)} was removed; clients that send it are out of contract (typed clients no longer compile)`,
        );
      continue;
    }
    if (ignored(headProps[prop], ctx.head)) {
      ctx.report(
        'breaking',
        'property-removed',
        `${here(prop)} is now ${direction === 'input' ? 'read-only' : 'write-only'}`,
      );
      continue;
    }
    const wasRequired = baseRequired.has(prop);
    const isRequired = headRequired.has(prop);
    if (!wasRequired && isRequired) {
      if (direction === 'input') ctx.report('breaking', 'required-added', `${here(prop)} is now required`);
      else ctx.report('non-breaking', 'required-changed', `${here(prop)} is now always present`);
    } else if (wasRequired && !isRequired) {
      if (direction === 'output')
        ctx.report('breaking', 'required-removed', `${here(prop)} is no longer always present`);
      else ctx.report('non-breaking', 'required-changed', `${here(prop)} is now optional`);
    }
    compareSchema(ctx, baseProps[prop], headProps[prop], direction, label, name(prop));
  }
  for (const prop of Object.keys(headProps)) {
    if (prop in baseProps || ignored(headProps[prop], ctx.head)) continue;
    if (direction === 'input' && headRequired.has(prop))
      ctx.report('breaking', 'required-added', `${here(prop)} was added as required`);
    else
      ctx.report(
        'non-breaking',
        'property-added',
        `${here(prop)} was added${direction === 'input' ? ' (optional)' : ''}`,
      );
  }

  const baseExtra = base.additionalProperties;
  const headExtra = head.additionalProperties;
  const where = at ? `${label} property \`${at}\`` : label;
  if (baseExtra !== false && headExtra === false && direction === 'input') {
    ctx.report(
      'breaking',
      'additional-properties-forbidden',
      `${where}: properties not listed are now rejected`,
    );
  } else if (
    baseExtra === false &&
    headExtra !== false &&
    headExtra !== undefined &&
    direction === 'output'
  ) {
    ctx.report(
      'non-breaking',
      'additional-properties-changed',
      `${where}: may now carry properties not listed`,
    );
  }
  if (isSchema(baseExtra) && isSchema(headExtra)) {
    compareSchema(ctx, baseExtra, headExtra, direction, label, `${at}{*}`);
  }
}

/** @param {unknown} value */
function isSchema(value) {
  return typeof value === 'object' && value !== null;
}

/**
 * `oneOf`/`anyOf` alternatives, matched by their component name, else by position. Input: each
 * base alternative must still be accepted; output: each head alternative must have been promised.
 * @param {Context} ctx @param {any} base @param {any} head @param {Direction} direction
 * @param {string} label @param {string} at @param {string} where
 */
function compareAlternatives(ctx, base, head, direction, label, at, where) {
  for (const keyword of ['oneOf', 'anyOf']) {
    const before = Array.isArray(base[keyword]) ? base[keyword] : undefined;
    const after = Array.isArray(head[keyword]) ? head[keyword] : undefined;
    if (!before && !after) continue;
    const beforeList = before ?? [];
    const afterList = after ?? [];
    const keyOf = (/** @type {any} */ node, /** @type {number} */ index) =>
      refName(node?.$ref) ?? `#${index + 1}`;
    const afterKeys = afterList.map(keyOf);
    const beforeKeys = beforeList.map(keyOf);
    beforeList.forEach((/** @type {any} */ node, /** @type {number} */ index) => {
      const match = afterKeys.indexOf(keyOf(node, index));
      if (match === -1) {
        const kind = direction === 'input' ? 'breaking' : 'non-breaking';
        ctx.report(
          kind,
          direction === 'input' ? 'alternative-removed' : 'alternative-changed',
          `${where}: alternative ${keyOf(node, index)} of ${keyword} was removed`,
        );
      } else compareSchema(ctx, node, afterList[match], direction, label, at);
    });
    afterList.forEach((/** @type {any} */ node, /** @type {number} */ index) => {
      if (beforeKeys.includes(keyOf(node, index))) return;
      const kind = direction === 'output' ? 'breaking' : 'non-breaking';
      ctx.report(
        kind,
        direction === 'output' ? 'alternative-added' : 'alternative-changed',
        `${where}: alternative ${keyOf(node, index)} was added to ${keyword}`,
      );
    });
  }
}
