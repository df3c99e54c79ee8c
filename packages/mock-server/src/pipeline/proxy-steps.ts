// Proxy mode's steps: route and check the request (reported, never refused), forward it
// unchanged, validate the upstream's answer against the spec into the drift report, and pass the
// answer back byte for byte. Credentials travel in the forwarded headers only.
import type { DriftReport } from '../answerers/proxy/drift-report.js';
import { type UpstreamProxy, UpstreamTimeout } from '../answerers/proxy/upstream.js';
import type { MockResponse } from '../core/answer.js';
import { mockProblem, problemAnswer } from '../core/problem.js';
import type { PrismAdapter } from './prism/adapter.js';
import { inspectAnswer, inspectRequest } from './proxy-checks.js';
import type { MockRequest } from './request.js';

export interface ProxyParts {
  api: string;
  title: string;
  upstream: UpstreamProxy;
  drift: DriftReport;
}

export class ProxySteps {
  constructor(
    private readonly prism: PrismAdapter,
    private readonly parts: ProxyParts,
  ) {}

  async forward(request: MockRequest): Promise<MockResponse> {
    const { api, upstream, drift } = this.parts;
    const { method, rawQuery } = request;
    const insideBase = request.insideBase !== false;
    const inner = insideBase ? request.path : (request.originPath ?? request.path);
    // Paths outside the base path (an OAuth token endpoint) go to the upstream's origin.
    const { operation, findings } = insideBase
      ? inspectRequest(this.prism, request)
      : { operation: undefined, findings: [] };
    const forwardPath = `${inner}${rawQuery === '' ? '' : `?${rawQuery}`}`;
    const rawHeaders = request.rawHeaders ?? [];
    const name = operation ? `${operation.method} ${operation.path}` : `${method} ${inner}`;
    const operationId = operation?.id;
    try {
      const answer = await (insideBase
        ? upstream.forward(method, forwardPath, rawHeaders, request.body)
        : upstream.forwardToOrigin(method, forwardPath, rawHeaders, request.body));
      const answerFindings = operation
        ? inspectAnswer(this.prism, operation, {
            status: answer.status,
            contentType: answer.contentType,
            body: answer.text(),
          })
        : [];
      drift.record(api, name, operationId ?? null, answer.status, [...findings, ...answerFindings]);
      return {
        status: answer.status,
        headers: {},
        body: undefined,
        operationId,
        violations: [],
        passThrough: { rawHeaders: answer.rawHeaders, body: answer.body },
        proxied: { findings: findings.length },
      };
    } catch (error) {
      drift.record(api, name, operationId ?? null, undefined, findings);
      const timedOut = error instanceof UpstreamTimeout;
      const details = mockProblem(
        timedOut ? 504 : 502,
        timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNREACHABLE',
        timedOut ? 'Upstream timed out' : 'Upstream unreachable',
        `${this.parts.title} is proxied to ${upstream.base.origin}: ${(error as Error).message}`,
      );
      return { ...problemAnswer(details, operationId), proxied: { findings: findings.length } };
    }
  }
}
