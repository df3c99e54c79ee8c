// @ts-check
// The rule engine: every operation of a base bundle against the head bundle, listing breaking
// and non-breaking changes in a client user's words. Operations match on method + path with
// path parameter names ignored (a renamed path parameter is reported as a parameter change).

import { compareContent } from './content.js';
import { resolve } from './refs.js';
import { compareSchema } from './schema.js';
import { diffWebhooks } from './webhooks.js';

/** @typedef {import('./schema.js').Change & { operation?: string }} OperationChange */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @param {any} base the base bundle
 * @param {any} head the head bundle
 * @returns {OperationChange[]} breaking changes first, then non-breaking, each in document order
 */
export function diffDocuments(base, head) {
  /** @type {OperationChange[]} */
  const changes = [];
  const baseOps = operations(base);
  const headOps = operations(head);
  for (const [key, before] of baseOps) {
    const after = headOps.get(key);
    const label = `${before.method.toUpperCase()} ${before.path}`;
    if (!after) {
      changes.push({
        kind: 'breaking',
        rule: 'operation-removed',
        operation: label,
        message: `${label} was removed`,
      });
      continue;
    }
    const headLabel = `${after.method.toUpperCase()} ${after.path}`;
    const ctx = {
      base,
      head,
      /** @type {(kind: OperationChange['kind'], rule: string, message: string) => void} */
      report: (kind, rule, message) => {
        changes.push({ kind, rule, operation: headLabel, message });
      },
    };
    compareOperation(ctx, before.operation, after.operation, before.item, after.item);
  }
  for (const [key, after] of headOps) {
    if (baseOps.has(key)) continue;
    const label = `${after.method.toUpperCase()} ${after.path}`;
    changes.push({
      kind: 'non-breaking',
      rule: 'operation-added',
      operation: label,
      message: `${label} was added`,
    });
  }
  diffWebhooks(base, head, changes);
  compareSecuritySchemes(base, head, changes);
  return [
    ...changes.filter((change) => change.kind === 'breaking'),
    ...changes.filter((change) => change.kind !== 'breaking'),
  ];
}

/** @param {any} document */
function operations(document) {
  /** @type {Map<string, { method: string, path: string, operation: any, item: any }>} */
  const found = new Map();
  for (const [pathTemplate, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolve(document, rawItem).node;
    for (const method of METHODS) {
      if (!item?.[method]) continue;
      found.set(`${method} ${pathTemplate.replace(/\{[^}]*\}/g, '{}')}`, {
        method,
        path: pathTemplate,
        operation: item[method],
        item,
      });
    }
  }
  return found;
}

/**
 * @param {import('./schema.js').Context} ctx
 * @param {any} base @param {any} head the operations
 * @param {any} baseItem @param {any} headItem their path items (shared parameters)
 */
function compareOperation(ctx, base, head, baseItem, headItem) {
  if (base.operationId && base.operationId !== head.operationId) {
    // operationIds name client methods and doc anchors (house style): renaming one is API surface.
    ctx.report(
      'breaking',
      'operation-id-changed',
      `operationId changed from ${base.operationId} to ${head.operationId ?? '(none)'}`,
    );
  }
  if (!base.deprecated && head.deprecated)
    ctx.report('non-breaking', 'operation-deprecated', 'is now deprecated');
  compareParameters(ctx, parameters(ctx.base, baseItem, base), parameters(ctx.head, headItem, head));
  compareRequestBody(ctx, base.requestBody, head.requestBody);
  compareResponses(ctx, base.responses ?? {}, head.responses ?? {});
  compareSecurity(ctx, base.security ?? ctx.base.security ?? [], head.security ?? ctx.head.security ?? []);
}

/** Path-item and operation parameters, resolved; the operation's win. @returns {Map<string, any>} */
function parameters(/** @type {any} */ document, /** @type {any} */ item, /** @type {any} */ operation) {
  const found = new Map();
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolve(document, raw).node;
    const name = parameter.in === 'header' ? String(parameter.name).toLowerCase() : parameter.name;
    found.set(`${parameter.in}:${name}`, parameter);
  }
  return found;
}

/** @param {import('./schema.js').Context} ctx @param {Map<string, any>} base @param {Map<string, any>} head */
function compareParameters(ctx, base, head) {
  const label = (/** @type {any} */ p) => `${p.in} parameter \`${p.name}\``;
  for (const [key, before] of base) {
    const after = head.get(key);
    if (!after) {
      ctx.report(
        'breaking',
        'parameter-removed',
        `${label(before)} was removed; clients that send it are out of contract (typed clients no longer compile)`,
      );
      continue;
    }
    if (!before.required && after.required)
      ctx.report('breaking', 'parameter-required', `${label(after)} is now required`);
    else if (before.required && !after.required)
      ctx.report('non-breaking', 'parameter-optional', `${label(after)} is now optional`);
    compareSchema(ctx, before.schema, after.schema, 'input', label(after));
  }
  for (const [key, after] of head) {
    if (base.has(key)) continue;
    if (after.required) ctx.report('breaking', 'parameter-required', `${label(after)} was added as required`);
    else ctx.report('non-breaking', 'parameter-added', `${label(after)} was added (optional)`);
  }
}

/** @param {import('./schema.js').Context} ctx @param {any} rawBase @param {any} rawHead */
function compareRequestBody(ctx, rawBase, rawHead) {
  const base = rawBase && resolve(ctx.base, rawBase).node;
  const head = rawHead && resolve(ctx.head, rawHead).node;
  if (!base && !head) return;
  if (!base) {
    if (head.required) ctx.report('breaking', 'request-body-required', 'a request body is now required');
    else ctx.report('non-breaking', 'request-body-added', 'accepts an optional request body');
    return;
  }
  if (!head) {
    ctx.report('breaking', 'request-body-removed', 'the request body was removed');
    return;
  }
  if (!base.required && head.required)
    ctx.report('breaking', 'request-body-required', 'the request body is now required');
  compareContent(ctx, base.content ?? {}, head.content ?? {}, 'input', 'request body');
}

const isSuccess = (/** @type {string} */ status) => /^2/.test(status);

/** @param {import('./schema.js').Context} ctx @param {Record<string, any>} base @param {Record<string, any>} head */
function compareResponses(ctx, base, head) {
  const baseSuccess = Object.keys(base).filter(isSuccess);
  const headSuccess = Object.keys(head).filter(isSuccess);
  const lostSuccess = baseSuccess.filter((status) => !(status in head));
  const newSuccess = headSuccess.filter((status) => !(status in base));
  if (lostSuccess.length > 0 && newSuccess.length > 0) {
    ctx.report(
      'breaking',
      'success-status-changed',
      `success status changed from ${lostSuccess.join(', ')} to ${newSuccess.join(', ')}`,
    );
  } else if (newSuccess.length > 0 && baseSuccess.length > 0) {
    ctx.report(
      'breaking',
      'success-status-changed',
      `may now succeed with ${newSuccess.join(', ')} as well as ${baseSuccess.join(', ')}`,
    );
  }
  for (const [status, rawBefore] of Object.entries(base)) {
    const rawAfter = head[status];
    if (!rawAfter) {
      if (!(isSuccess(status) && newSuccess.length > 0)) {
        ctx.report('breaking', 'response-status-removed', `response ${status} was removed`);
      }
      continue;
    }
    const before = resolve(ctx.base, rawBefore).node;
    const after = resolve(ctx.head, rawAfter).node;
    compareContent(ctx, before.content ?? {}, after.content ?? {}, 'output', `response ${status} body`);
    compareHeaders(ctx, before.headers ?? {}, after.headers ?? {}, status);
  }
  for (const status of Object.keys(head)) {
    if (!(status in base) && !isSuccess(status))
      ctx.report('non-breaking', 'response-status-added', `response ${status} was added`);
  }
}

/** @param {import('./schema.js').Context} ctx @param {Record<string, any>} base @param {Record<string, any>} head @param {string} status */
function compareHeaders(ctx, base, head, status) {
  for (const [name, rawBefore] of Object.entries(base)) {
    const before = resolve(ctx.base, rawBefore).node;
    const after = head[name] && resolve(ctx.head, head[name]).node;
    const label = `response ${status} header \`${name}\``;
    if (!after) ctx.report('breaking', 'response-header-removed', `${label} was removed`);
    else {
      if (before.required && !after.required)
        ctx.report('breaking', 'response-header-optional', `${label} is no longer always sent`);
      compareSchema(ctx, before.schema, after.schema, 'output', label);
    }
  }
  for (const name of Object.keys(head)) {
    if (!(name in base))
      ctx.report('non-breaking', 'response-header-added', `response ${status} header \`${name}\` was added`);
  }
}

/**
 * Security requirements are alternatives (OR) of scheme sets (AND). A client that satisfies a base
 * alternative still gets in if some head alternative asks for no more schemes and no more scopes.
 * @param {import('./schema.js').Context} ctx @param {any[]} base @param {any[]} head
 */
function compareSecurity(ctx, base, head) {
  const text = (/** @type {any} */ req) =>
    Object.entries(req)
      .map(([scheme, scopes]) => (scopes.length ? `${scheme} (${scopes.join(', ')})` : scheme))
      .join(' + ') || 'no authentication';
  const satisfiedBy = (/** @type {any} */ have, /** @type {any} */ need) =>
    Object.entries(need).every(
      ([scheme, scopes]) =>
        scheme in have && scopes.every((/** @type {string} */ s) => have[scheme].includes(s)),
    );
  // No requirement at all means anyone may call: the alternative "no authentication" (`{}`).
  const baseAlternatives = base.length === 0 ? [{}] : base;
  const headAlternatives = head.length === 0 ? [{}] : head;
  for (const alternative of baseAlternatives) {
    if (!headAlternatives.some((req) => satisfiedBy(alternative, req))) {
      ctx.report(
        'breaking',
        'security-tightened',
        `security tightened: ${text(alternative)} is no longer enough (now: ${headAlternatives.map(text).join(' or ')})`,
      );
    }
  }
  for (const alternative of headAlternatives) {
    if (!baseAlternatives.some((req) => satisfiedBy(alternative, req) && satisfiedBy(req, alternative))) {
      ctx.report('non-breaking', 'security-changed', `now accepts ${text(alternative)}`);
    }
  }
}

/**
 * A security scheme whose kind changed (Basic to Bearer, a different header name) breaks every
 * client that authenticates with it; reported once, not per operation.
 * @param {any} base @param {any} head @param {OperationChange[]} changes
 */
function compareSecuritySchemes(base, head, changes) {
  const baseSchemes = base.components?.securitySchemes ?? {};
  const headSchemes = head.components?.securitySchemes ?? {};
  for (const [name, rawBefore] of Object.entries(baseSchemes)) {
    if (!headSchemes[name]) continue; // operations using it report the tightened security
    const before = resolve(base, rawBefore).node;
    const after = resolve(head, headSchemes[name]).node;
    const shape = (/** @type {any} */ s) =>
      [s.type, s.scheme?.toLowerCase(), s.in, s.name].filter(Boolean).join(' ');
    if (shape(before) !== shape(after)) {
      changes.push({
        kind: 'breaking',
        rule: 'security-scheme-changed',
        message: `security scheme \`${name}\` changed from ${shape(before)} to ${shape(after)}`,
      });
    }
  }
}
