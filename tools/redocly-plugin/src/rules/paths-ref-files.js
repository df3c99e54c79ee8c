// Root `paths` entries must be `$ref`s to files (DigitalOcean's endpoint-ref-must-be-file):
// keeping the root file a map means each path item lives, and diffs, in its own file.
export function pathsRefFiles() {
  return {
    Paths: {
      enter(paths, { report, location }) {
        for (const [pathKey, item] of Object.entries(paths)) {
          const ref = item && typeof item === 'object' ? item.$ref : undefined;
          if (typeof ref !== 'string') {
            report({
              message: `Path "${pathKey}" is defined inline; move it to its own file under paths/ and $ref it.`,
              location: location.child([pathKey]).key(),
            });
          } else if (ref.startsWith('#')) {
            report({
              message: `Path "${pathKey}" refers to "${ref}" inside the same document; refer to a file under paths/ instead.`,
              location: location.child([pathKey, '$ref']),
            });
          }
        }
      },
    },
  };
}
