// What a token endpoint answers, as RFC 6749 states it (§5.1 the access token response, §5.2 the
// error response), written as a one-operation OpenAPI document so the pipeline's output check
// holds the mock's token answers to it the same way it holds every API answer to its spec.
import type { DriftSpec } from '@lms-apis/client-core/drift';

export const TOKEN_PATH = '/oauth2/token';

const tokenError = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'string',
            enum: [
              'invalid_request',
              'invalid_client',
              'invalid_grant',
              'unauthorized_client',
              'unsupported_grant_type',
              'invalid_scope',
            ],
          },
          error_description: { type: 'string' },
          error_uri: { type: 'string' },
        },
      },
    },
  },
};

export const TOKEN_SPEC: DriftSpec = {
  paths: {
    [TOKEN_PATH]: {
      post: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['access_token', 'token_type'],
                  properties: {
                    access_token: { type: 'string' },
                    token_type: { type: 'string' },
                    expires_in: { type: 'integer', minimum: 1 },
                    scope: { type: 'string' },
                    refresh_token: { type: 'string' },
                  },
                },
              },
            },
          },
          '400': tokenError,
          '401': tokenError,
          '405': tokenError,
        },
      },
    },
  },
};
