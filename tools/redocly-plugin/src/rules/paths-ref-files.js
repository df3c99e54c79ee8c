// Root `paths` entries must be `$ref`s to files (DigitalOcean's endpoint-ref-must-be-file):
// keeping the root file a map means each path item lives, and diffs, in its own file. The same
// holds for OpenAPI 3.1 `webhooks`, whose entries are path items too (`webhooks/<NAME>.yaml`).
export function pathsRefFiles() {
  return {
    Paths: { enter: mapOfFileRefs('Path', 'paths/') },
    WebhooksMap: { enter: mapOfFileRefs('Webhook', 'webhooks/') },
  };
}

/** @param {string} what @param {string} folder */
function mapOfFileRefs(what, folder) {
  return (map, { report, location }) => {
    for (const [key, item] of Object.entries(map)) {
      const ref = item && typeof item === 'object' ? item.$ref : undefined;
      if (typeof ref !== 'string') {
        report({
          message: `${what} "${key}" is defined inline; move it to its own file under ${folder} and $ref it.`,
          location: location.child([key]).key(),
        });
      } else if (ref.startsWith('#')) {
        report({
          message: `${what} "${key}" refers to "${ref}" inside the same document; refer to a file under ${folder} instead.`,
          location: location.child([key, '$ref']),
        });
      }
    }
  };
}
