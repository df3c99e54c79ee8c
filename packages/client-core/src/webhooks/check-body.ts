// The body check of `receiveWebhook`, loaded on the first delivery so clients that never receive
// webhooks do not load the schema walker.
import { type DriftFinding, finding } from '../drift/findings.js';
import { jsonType, type RefRoot, ROOT, walkSchema } from '../drift/schema-walk.js';
import { WebhookError } from './errors.js';
import type { WebhookSpec } from './spec.js';

/**
 * Throws a `WebhookError` unless `body` names a webhook of `spec` by its discriminator and matches
 * that webhook's JSON body schema. Properties the schema does not describe are accepted unless
 * `strict`: APIs add fields, and a receiver should keep working when they do.
 */
export function checkWebhookBody(spec: WebhookSpec, discriminator: string, body: unknown, strict: boolean) {
  const names = Object.keys(spec.webhooks);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw refused('invalid-body', undefined, [
      { kind: 'type', location: ROOT, expected: 'object', actual: jsonType(body) },
    ]);
  }
  const name = (body as Record<string, unknown>)[discriminator];
  if (name === undefined) {
    throw refused('invalid-body', undefined, [
      { kind: 'missing-required', location: discriminator, expected: 'present', actual: 'absent' },
    ]);
  }
  const schema = typeof name === 'string' ? bodySchema(spec, name) : undefined;
  if (schema === undefined) {
    throw refused('unknown-event', undefined, [
      {
        kind: 'enum',
        location: discriminator,
        expected: names.map((known) => JSON.stringify(known)).join(' | '),
        actual: JSON.stringify(name),
        sample: name,
      },
    ]);
  }
  const found: DriftFinding[] = [];
  walkSchema(spec as unknown as RefRoot, schema, body, ROOT, (init) => {
    if (strict || init.kind !== 'undocumented-property') found.push(webhookFinding(name as string, init));
  });
  if (found.length > 0)
    throw new WebhookError({
      kind: 'invalid-body',
      webhook: name as string,
      findings: found,
      detail: describe(found),
    });
}

/** The JSON body schema of the webhook called `name` (any method; webhooks here are POSTs). */
function bodySchema(spec: WebhookSpec, name: string) {
  if (!Object.hasOwn(spec.webhooks, name)) return undefined;
  for (const operation of Object.values(spec.webhooks[name] ?? {})) {
    const content = operation.requestBody?.content ?? {};
    const json = Object.keys(content).find((type) => type === 'application/json' || type.endsWith('+json'));
    if (json !== undefined) return content[json]?.schema ?? true;
  }
  return true; // a webhook without a documented body: any JSON is its body
}

type Init = Parameters<typeof finding>[0];

/** The API wrote the body, as it writes an answer: the finding's side is `response`. */
function webhookFinding(name: string, init: Omit<Init, 'side' | 'operation'>): DriftFinding {
  return finding({ side: 'response', operation: `webhook ${name}`, ...init });
}

function refused(
  kind: 'invalid-body' | 'unknown-event',
  name: string | undefined,
  inits: Omit<Init, 'side' | 'operation'>[],
) {
  const findings = inits.map((init) => webhookFinding(name ?? '(unknown)', init));
  return new WebhookError({ kind, webhook: name, findings, detail: describe(findings) });
}

function describe(findings: readonly DriftFinding[]): string {
  return `the body departs from the spec: ${findings.map((found) => found.message).join('; ')}.`;
}
