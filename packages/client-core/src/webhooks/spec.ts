import type { Schema } from '../drift/schema-walk.js';

interface WebhookOperation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/**
 * The parts of an OpenAPI 3.1 document a webhook receiver reads: each webhook's request body and
 * the component schemas those bodies refer to. Clients carry a pruned copy generated at build
 * time (`src/generated/webhook-spec.ts`); the full bundle qualifies too.
 */
export interface WebhookSpec {
  webhooks: Record<string, Record<string, WebhookOperation>>;
  components?: Record<string, unknown>;
}
