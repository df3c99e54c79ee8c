// @ts-check
// OpenAPI 3.1 `webhooks`: requests the API sends to its users' receivers. The direction flips
// against an operation: the API writes the webhook's body and headers (output, like a response:
// it must stay within what it promised, or receivers that parse it break), and the receiver writes
// the answer (input to the API: every answer it accepted as delivered must stay accepted).
import { compareContent } from './content.js';
import { resolve } from './refs.js';
import { compareSchema } from './schema.js';

/** @typedef {import('./diff.js').OperationChange} OperationChange */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Appends the webhook changes between two bundles to `changes`.
 * @param {any} base @param {any} head the bundles
 * @param {OperationChange[]} changes
 */
export function diffWebhooks(base, head, changes) {
  const baseHooks = webhooks(base);
  const headHooks = webhooks(head);
  for (const [key, before] of baseHooks) {
    const after = headHooks.get(key);
    if (!after) {
      changes.push({
        kind: 'breaking',
        rule: 'webhook-removed',
        operation: before.label,
        message: `${before.label} was removed; receivers stop getting it`,
      });
      continue;
    }
    const ctx = {
      base,
      head,
      /** @type {(kind: OperationChange['kind'], rule: string, message: string) => void} */
      report: (kind, rule, message) => {
        changes.push({ kind, rule, operation: after.label, message });
      },
    };
    compareWebhook(ctx, before.operation, after.operation);
  }
  for (const [key, after] of headHooks) {
    if (baseHooks.has(key)) continue;
    changes.push({
      kind: 'non-breaking',
      rule: 'webhook-added',
      operation: after.label,
      message: `${after.label} was added`,
    });
  }
}

/** @param {any} document */
function webhooks(document) {
  /** @type {Map<string, { label: string, operation: any }>} */
  const found = new Map();
  for (const [name, rawItem] of Object.entries(document.webhooks ?? {})) {
    const item = resolve(document, rawItem).node;
    for (const method of METHODS) {
      if (item?.[method])
        found.set(`${method} ${name}`, {
          label: `webhook ${name} (${method.toUpperCase()})`,
          operation: item[method],
        });
    }
  }
  return found;
}

/** @param {import('./schema.js').Context} ctx @param {any} base @param {any} head the webhook operations */
function compareWebhook(ctx, base, head) {
  if (base.operationId && base.operationId !== head.operationId) {
    // The operationId names the webhook's type in generated clients (openapi-typescript's `operations`).
    ctx.report(
      'breaking',
      'operation-id-changed',
      `operationId changed from ${base.operationId} to ${head.operationId ?? '(none)'}`,
    );
  }
  compareBody(ctx, base.requestBody, head.requestBody);
  compareHeaders(ctx, headerParameters(ctx.base, base), headerParameters(ctx.head, head));
  compareCredentials(ctx, base.security, head.security);
  compareAnswers(ctx, base.responses ?? {}, head.responses ?? {});
}

/** @param {import('./schema.js').Context} ctx @param {any} rawBase @param {any} rawHead */
function compareBody(ctx, rawBase, rawHead) {
  const base = rawBase && resolve(ctx.base, rawBase).node;
  const head = rawHead && resolve(ctx.head, rawHead).node;
  if (!base) return; // a body where there was none: receivers that ignored it still work
  if (!head) {
    ctx.report('breaking', 'webhook-body-removed', 'the body is no longer sent');
    return;
  }
  compareContent(ctx, base.content ?? {}, head.content ?? {}, 'output', 'body', 'webhook');
}

/** The webhook's header parameters by lower-case name. @returns {Map<string, any>} */
function headerParameters(/** @type {any} */ document, /** @type {any} */ operation) {
  const found = new Map();
  for (const raw of operation.parameters ?? []) {
    const parameter = resolve(document, raw).node;
    if (parameter.in === 'header') found.set(String(parameter.name).toLowerCase(), parameter);
  }
  return found;
}

/**
 * Headers the API sends: a receiver may rely on each one it was promised, so a header removed or
 * no longer always sent breaks it, like a response header.
 * @param {import('./schema.js').Context} ctx @param {Map<string, any>} base @param {Map<string, any>} head
 */
function compareHeaders(ctx, base, head) {
  for (const [key, before] of base) {
    const after = head.get(key);
    const label = `header \`${before.name}\``;
    if (!after) ctx.report('breaking', 'webhook-header-removed', `${label} is no longer sent`);
    else {
      if (before.required && !after.required)
        ctx.report('breaking', 'webhook-header-optional', `${label} is no longer always sent`);
      compareSchema(ctx, before.schema, after.schema, 'output', label);
    }
  }
  for (const [key, after] of head) {
    if (!base.has(key))
      ctx.report('non-breaking', 'webhook-header-added', `header \`${after.name}\` was added`);
  }
}

/**
 * The credentials a delivery may carry (its security schemes): a receiver that checks one breaks
 * when the API stops sending it.
 * @param {import('./schema.js').Context} ctx @param {any[] | undefined} base @param {any[] | undefined} head
 */
function compareCredentials(ctx, base, head) {
  const schemes = (/** @type {any[] | undefined} */ requirements) =>
    new Set((requirements ?? []).flatMap((requirement) => Object.keys(requirement)));
  const before = schemes(base);
  const after = schemes(head);
  for (const scheme of before) {
    if (!after.has(scheme))
      ctx.report('breaking', 'webhook-credential-removed', `the \`${scheme}\` credential is no longer sent`);
  }
  for (const scheme of after) {
    if (!before.has(scheme))
      ctx.report('non-breaking', 'webhook-credential-added', `may now carry the \`${scheme}\` credential`);
  }
}

/**
 * The receiver's answers: a status the API counted as delivered must stay counted, and an answer
 * body it accepted must stay accepted (input, from the receiver to the API).
 * @param {import('./schema.js').Context} ctx @param {Record<string, any>} base @param {Record<string, any>} head
 */
function compareAnswers(ctx, base, head) {
  for (const [status, rawBefore] of Object.entries(base)) {
    const rawAfter = head[status];
    if (!rawAfter) {
      ctx.report(
        'breaking',
        'webhook-answer-removed',
        `answer ${status} is no longer documented; receivers that answer it may be treated as failing`,
      );
      continue;
    }
    const before = resolve(ctx.base, rawBefore).node;
    const after = resolve(ctx.head, rawAfter).node;
    compareContent(ctx, before.content ?? {}, after.content ?? {}, 'input', `answer ${status} body`);
  }
  for (const status of Object.keys(head)) {
    if (!(status in base)) ctx.report('non-breaking', 'webhook-answer-added', `answer ${status} was added`);
  }
}
