// One API's request pipeline: every request to the API, mocked, proxied or to its token endpoint,
// takes these steps in this order (prism-http's own order, plus the mock's policies):
//
//   1. decode     the mock's own Prefer keys, the body (malformed JSON answers here)
//   2. route      the token endpoint, else Prism's router (404, or 405 with `Allow`)
//   3. fault      an injected failure or delay (stateful mode); with a session's `after-write`
//                 timing an unsafe request takes steps 4-6 first and the fault replaces its answer
//   4. check      Prism's security and input validation (proxy mode: reported, not refused)
//   5. admit      the API's own credential check and rate limit (stateful mode)
//   6. answer     one answerer: static (Prism's mocker), state (the store), proxy, token
//   7. shape      a refusal in the API's own error shape (stateful mode)
//   8. validate   the answer against the spec (proxy mode: into the drift report)
//   9. respond    serialized, with `sl-violations` when the answer or the request broke the spec
//
// The steps themselves live in steps.ts; this file only says which runs when.
import * as E from 'fp-ts/lib/Either.js';
import type { MockResponse } from '../core/answer.js';
import type { MockRequest } from './request.js';
import { type PipelineParts, Steps } from './steps.js';

export type { PipelineParts } from './steps.js';

export class ApiPipeline {
  private readonly steps: Steps;

  constructor(parts: PipelineParts) {
    this.steps = new Steps(parts);
  }

  /** The API's answer to a request: synchronous, except when a proxied upstream answers. */
  handle(request: MockRequest): MockResponse | Promise<MockResponse> {
    const { steps } = this;
    const token = steps.tokenEndpoint(request);
    if (token) return steps.issueToken(token, request);
    if (steps.proxied) return steps.forward(request);
    const decoded = steps.decode(request);
    if ('refused' in decoded) return decoded.refused;
    const routed = steps.route(decoded);
    if ('refused' in routed) return routed.refused;
    const { resource } = routed;
    const fault = steps.fault(resource, decoded);
    if (fault.answer && !fault.afterWrite) return steps.respond(resource, fault.answer, [], fault.delayMs);
    const validations = steps.check(resource, decoded);
    const refusal = steps.admit(resource, decoded, validations);
    if (refusal) return steps.respond(resource, fault.answer ?? E.right(refusal), validations, fault.delayMs);
    const answered = steps.answer(resource, decoded, validations);
    // An `after-write` fault: the store has done its part; the client sees the fault.
    const shaped = fault.answer ?? steps.shape(resource, decoded, answered, validations);
    return steps.respond(resource, shaped, validations, fault.delayMs);
  }

  /**
   * A fixture item (`POST /_state/load`): the create it stands for, through the same steps as a
   * client's create (routing, validation, the store's rules, output validation) but without
   * credentials, faults or rate limits, which an admin route has no use for. Undefined when the
   * path has no create operation answered by the store.
   */
  load(request: MockRequest): MockResponse | undefined {
    const { steps } = this;
    const decoded = steps.decode(request);
    if ('refused' in decoded) return decoded.refused;
    const routed = steps.route(decoded);
    if ('refused' in routed || !steps.createsInStore(routed.resource)) return undefined;
    const { resource } = routed;
    const unchecked = { ...decoded, config: { ...decoded.config, checkSecurity: false } };
    const validations = steps.check(resource, unchecked);
    const answered = steps.answer(resource, unchecked, validations);
    return steps.respond(resource, steps.shape(resource, unchecked, answered, validations), validations, 0);
  }

  /**
   * An error answered in the API's own shape outside a request's steps (an oversized body, which
   * the HTTP layer refuses before reading it); undefined where the API words none.
   */
  errorAnswer(kind: 'tooLarge', method: string, path: string, detail: string): MockResponse | undefined {
    return this.steps.apiShape.answer(kind, method, path, detail);
  }
}
