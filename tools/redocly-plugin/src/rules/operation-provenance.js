// Every operation says where it comes from, so docs readers know how sure we are:
// a vendor reference page, the vendor's wider documentation, or public integrations only.
export const PROVENANCE_SOURCES = ['vendor-reference', 'vendor-documentation', 'public-integrations'];

export function operationProvenance() {
  return {
    Operation: {
      enter(operation, { report, location }) {
        const provenance = operation['x-provenance'];
        if (!provenance || typeof provenance !== 'object') {
          report({
            message: `Operation has no x-provenance; add { source: ${PROVENANCE_SOURCES.join(' | ')}, note }.`,
            location: location.key(),
          });
          return;
        }
        if (!PROVENANCE_SOURCES.includes(provenance.source)) {
          report({
            message: `x-provenance.source must be one of ${PROVENANCE_SOURCES.join(', ')}.`,
            location: location.child(['x-provenance', 'source']),
          });
        }
        if (typeof provenance.note !== 'string' || provenance.note.trim() === '') {
          report({
            message: 'x-provenance.note must say what the operation was modelled from.',
            location: location.child(['x-provenance']),
          });
        }
      },
    },
  };
}
