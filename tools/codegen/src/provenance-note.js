// @ts-check
// Operations only observed in public integrations (not on any vendor page) must say so where a
// reader looks: a callout at the top of the description and a badge next to the heading.

export const OBSERVED_SOURCE = 'public-integrations';
export const OBSERVED_BADGE = { name: 'Observed', color: '#f6dfae', position: 'after' };

const OBSERVED_TEXT = 'Observed in public integrations, not on a vendor reference page.';

/**
 * The callout for an operation's `x-provenance`, or undefined when it came from a vendor page:
 * one quoted paragraph, the note itself, said to be observed in public integrations if the note
 * doesn't say so already (the specs' notes usually do).
 * @param {any} provenance the operation's `x-provenance`
 * @returns {string | undefined} Markdown
 */
export function provenanceNote(provenance) {
  if (provenance?.source !== OBSERVED_SOURCE) return undefined;
  const note = typeof provenance.note === 'string' ? provenance.note.trim() : '';
  const text = /public integrations/i.test(note) ? note : `${OBSERVED_TEXT} ${note}`.trim();
  return `> **Provenance:** ${text.replace(/\n/g, '\n> ')}`;
}

/**
 * Prepends the provenance callout to the operation's description and adds the badge (in place,
 * once: marking a marked operation changes nothing).
 * @param {any} operation
 */
export function markProvenance(operation) {
  const note = provenanceNote(operation['x-provenance']);
  if (!note) return;
  const description = operation.description ?? '';
  if (!description.startsWith(note))
    operation.description = description ? `${note}\n\n${description}` : `${note}\n`;
  const badges = operation['x-badges'] ?? [];
  if (!badges.some((/** @type {{ name?: string }} */ badge) => badge.name === OBSERVED_BADGE.name)) {
    operation['x-badges'] = [...badges, { ...OBSERVED_BADGE }];
  }
}
