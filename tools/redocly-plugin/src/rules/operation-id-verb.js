// An operationId is camelCase verb + resource, and the verb must fit the HTTP method
// (DigitalOcean's operation-id naming check): operationIds become client method names and doc
// anchors, so `getFoo` on a DELETE would mislead every reader. A webhook (OpenAPI 3.1 `webhooks`) is
// a request the API sends and the reader's receiver handles, so its verb says that instead:
// `receive` + the event (`receiveCourseEnrollment`), whatever the method.
const DEFAULT_VERBS = {
  get: ['get', 'list'],
  head: ['head', 'check'],
  post: ['create', 'add'],
  put: ['update', 'replace'],
  patch: ['update', 'patch'],
  delete: ['delete', 'remove'],
  options: ['options'],
  trace: ['trace'],
};

const DEFAULT_WEBHOOK_VERBS = ['receive'];

const CAMEL_CASE = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/;

export function operationIdVerb(options = {}) {
  const verbs = { ...DEFAULT_VERBS };
  for (const [method, extra] of Object.entries(options.verbs ?? {})) {
    verbs[method] = [...(verbs[method] ?? []), ...extra];
  }
  const webhookVerbs = options.webhookVerbs ?? DEFAULT_WEBHOOK_VERBS;
  /** @param {string[]} allowed @param {string} what */
  const check =
    (allowed, what) =>
    (operation, { report, location }) => {
      const id = operation.operationId;
      if (typeof id !== 'string') return; // operation-operationId reports the missing id.
      if (!CAMEL_CASE.test(id)) {
        report({
          message: `operationId "${id}" is not camelCase verb + resource.`,
          location: location.child(['operationId']),
        });
        return;
      }
      const verb = id.match(/^[a-z0-9]+/)[0];
      if (!allowed.includes(verb)) {
        report({
          message: `operationId "${id}" starts with "${verb}", which does not fit ${what}; use one of: ${allowed.join(', ')}.`,
          location: location.child(['operationId']),
        });
      }
    };
  return {
    Paths: {
      PathItem: {
        Operation(operation, context) {
          const method = String(context.key).toLowerCase();
          check(verbs[method] ?? [], method.toUpperCase())(operation, context);
        },
      },
    },
    WebhooksMap: {
      PathItem: {
        Operation: check(webhookVerbs, 'a webhook (a request your receiver handles)'),
      },
    },
  };
}
