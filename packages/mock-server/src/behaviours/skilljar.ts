import type { ApiBehaviour } from './types.js';

/** Skilljar v1: a Django REST framework API (seed 003 and the facts file). */
export const skilljar: ApiBehaviour = {
  errorMessageField: 'detail',
  // Django REST framework: `{detail}` for request-level errors, in DRF's words; invalid fields as a
  // map of field names to messages (400).
  errors: {
    body: (_status, message) => ({ detail: message }),
    messages: {
      malformedJson: (detail) => `JSON parse error - ${detail}`,
      unsupportedMediaType: (detail) => `Unsupported media type ${detail} in request.`,
      methodNotAllowed: (detail) => `Method ${detail} not allowed.`,
      tooLarge: () => 'Request body too large.',
    },
    fieldMap: true,
  },
  paging: {
    style: 'drf-page-number',
    pageParam: 'page',
    sizeParam: 'page_size',
    // The seed states 100 or 1000 per list (`x-page-size`); where it states none, 100 is assumed.
    defaultPageSize: 100,
    maxPageSize: 1000,
    defaultSource: 'seed page size (`x-page-size`), else 100 (inferred)',
  },
  // Facts file: HTTP Basic, the organization API key as the username, an empty password.
  auth: {
    basic: 'api-key',
    source:
      'Basic: the username is the API key (facts file); any key, or only those given with `--api-key skilljar=<key>` (401 otherwise)',
  },
  // Seed: "PUT and PATCH are identical - both do partial updates".
  putReplaces: false,
  putSource: 'seed: "PUT and PATCH are identical - both do partial updates"',
  // DRF's SearchFilter: `search` matches a term in the items' text fields (which fields the
  // real API searches is not documented; all of them here).
  filters: {
    listDomainPublishedCourses: [{ param: 'search', field: '*', op: 'search' }],
    listDomainPublishedPaths: [{ param: 'search', field: '*', op: 'search' }],
  },
  nonFilters: {
    // Shapes the answer (extra fields), does not select items.
    '*': ['include_searchable_content', 'include_signup_field_data'],
  },
  writeOnly: {
    content_url: 'where Skilljar fetches an upload from; the asset or web package object does not show it',
    asset: 'an uploaded file; the asset object does not show it',
    web_package: 'an uploaded file; the web package object does not show it',
    basic_auth_username: 'a webhook credential; the webhook object does not show it',
    state: "the purchase's new state; the seed's purchase object has no `state` field (only `status_msg`)",
  },
  static: {
    ping: 'static: a health check with nothing to store',
    anonymizeUser: 'static: an action; its effect on the stored user is not modelled yet',
    fulfillPurchase: 'static: an action; its effect on the stored purchase is not modelled yet',
  },
};
