// @ts-check
// Every operation tells docs readers how sure we are of it, where they look: a badge next to the
// heading and a provenance line at the top of the description, built from its `x-provenance`.
// Operations only observed in public integrations are the least certain: their line is a callout
// (a blockquote, which the portal's theme styles as one); vendor-sourced operations get an italic
// paragraph, so the callout keeps standing out.

/**
 * @typedef {object} SourcePresentation
 * @property {{ name: string, color: string, position: 'after' }} badge Redoc's `x-badges` entry
 * @property {string} text what the source means, for a reader who doesn't know our sources
 * @property {RegExp} said matches a note that already says as much, so the line doesn't repeat it
 * @property {boolean} callout whether the line is a callout
 */

/**
 * One entry per `x-provenance.source` the lint rule `lms/operation-provenance` accepts.
 * @type {Record<string, SourcePresentation>}
 */
export const SOURCE_PRESENTATION = {
  'vendor-reference': {
    badge: { name: 'Vendor ref', color: '#d3ecd9', position: 'after' },
    text: "Transcribed from the vendor's API reference page.",
    said: /\bvendor(?:'s)?\b[^.;]*\breference\b/i,
    callout: false,
  },
  'vendor-documentation': {
    badge: { name: 'Vendor docs', color: '#d3e3ef', position: 'after' },
    text: "Modelled from the vendor's wider documentation, not from an API reference page.",
    said: /\bvendor(?:'s)?\b[^.;]*\bdocumentation\b/i,
    callout: false,
  },
  'public-integrations': {
    badge: { name: 'Observed', color: '#f6dfae', position: 'after' },
    text: 'Observed in public integrations, not on a vendor reference page.',
    said: /\bpublic integrations\b/i,
    callout: true,
  },
};

/**
 * @param {any} provenance an `x-provenance`
 * @returns {SourcePresentation | undefined} own entries only: a `source` of `toString` is unknown
 */
function presentationOf(provenance) {
  const source = provenance?.source;
  return typeof source === 'string' && Object.hasOwn(SOURCE_PRESENTATION, source)
    ? SOURCE_PRESENTATION[source]
    : undefined;
}

/**
 * The provenance line for an operation's `x-provenance`, or undefined for a source we don't know
 * (the lint rule rejects those before bundling): what the source means, unless the note says it
 * already (the specs' notes usually do), then the note.
 * @param {any} provenance the operation's `x-provenance`
 * @returns {string | undefined} Markdown
 */
export function provenanceNote(provenance) {
  const presentation = presentationOf(provenance);
  if (!presentation) return undefined;
  const note = typeof provenance.note === 'string' ? provenance.note.trim() : '';
  const text = presentation.said.test(note) ? note : `${presentation.text} ${note}`.trim();
  if (presentation.callout) return `> **Provenance:** ${text.replace(/\n/g, '\n> ')}`;
  // Italic, so the line reads as a byline apart from the description it opens; on one line, so
  // the emphasis spans all of it. `_` rather than `*`: CommonMark ignores `_` inside words, and
  // notes have snake_case names in them.
  return `_**Provenance:** ${text.replace(/\s*\n\s*/g, ' ')}_`;
}

/**
 * Prepends the provenance line to the operation's description and adds its source's badge (in
 * place, once: marking a marked operation changes nothing).
 * @param {any} operation
 */
export function markProvenance(operation) {
  const provenance = operation['x-provenance'];
  const presentation = presentationOf(provenance);
  const note = provenanceNote(provenance);
  if (!presentation || !note) return;
  const description = operation.description ?? '';
  if (!description.startsWith(note))
    operation.description = description ? `${note}\n\n${description}` : `${note}\n`;
  const { badge } = presentation;
  const badges = operation['x-badges'] ?? [];
  if (!badges.some((/** @type {{ name?: string }} */ other) => other.name === badge.name)) {
    operation['x-badges'] = [...badges, { ...badge }];
  }
}
