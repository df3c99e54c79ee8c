// @ts-check
// The schemas of a media-type map (a request body's, a response's, a webhook body's) compared
// type by type, in the direction of whoever writes them.
import { compareSchema } from './schema.js';

/** What a media type does in each place: its rule-id prefix and the verb a message uses. */
const ROLES = {
  request: { prefix: 'request', verb: 'accepted' },
  response: { prefix: 'response', verb: 'returned' },
  webhook: { prefix: 'webhook', verb: 'sent' },
};

/**
 * @param {import('./schema.js').Context} ctx @param {Record<string, any>} base @param {Record<string, any>} head
 * @param {import('./schema.js').Direction} direction @param {string} label
 * @param {keyof typeof ROLES} [role] what the content is (default: request on input, response on output)
 */
export function compareContent(ctx, base, head, direction, label, role) {
  const { prefix, verb } = ROLES[role ?? (direction === 'input' ? 'request' : 'response')];
  const several = Object.keys(base).length > 1;
  for (const [type, before] of Object.entries(base)) {
    const after = head[type];
    const where = several ? `${label} (${type})` : label;
    if (!after) {
      ctx.report('breaking', `${prefix}-media-type-removed`, `${where}: ${type} is no longer ${verb}`);
      continue;
    }
    compareSchema(ctx, before.schema, after.schema, direction, where);
  }
  for (const type of Object.keys(head)) {
    if (!(type in base))
      // Output in a new media type breaks whoever parses the old one; new input is only an option.
      ctx.report(
        direction === 'output' && Object.keys(base).length > 0 ? 'breaking' : 'non-breaking',
        `${prefix}-media-type-added`,
        `${label}: ${type} is now ${verb}`,
      );
  }
}
