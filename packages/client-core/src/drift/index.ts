// `@lms-apis/client-core/drift`: checks an answer (or a request body) against the spec and says
// where they differ. Loaded by a client only when `validateResponses` is on; the mock's proxy
// report uses the same checks and words.
export { checkRequestBody, checkResponse, type DriftSpec, type ResponseToCheck } from './check.js';
export { type DriftFinding, type DriftKind, describeFinding, finding, redactSample } from './findings.js';
export { type Schema, walkSchema } from './schema-walk.js';
