// Proxy mode's checks: the upstream answers, the drift report says where the request or the
// answer departs from the spec. Nothing is refused or changed here.
import {
  checkRequestBody,
  checkResponse,
  type DriftFinding,
  type DriftSpec,
  finding as driftFinding,
} from '@lms-apis/client-core/drift';
import * as E from 'fp-ts/lib/Either.js';
import typeIs from 'type-is';
import { parseForm } from '../core/form.js';
import type { PrismAdapter } from './prism/adapter.js';
import { headerText, type MockRequest, parseBody, toPrismInput } from './request.js';

/** The operation a proxied request was routed to. */
export interface DriftOperation {
  id: string;
  /** Upper-case. */
  method: string;
  /** The spec's path template. */
  path: string;
}

/**
 * Proxy mode's request half: which operation this is, and what in its parameters and body the
 * spec forbids. Nothing is refused or answered here: the upstream decides, the report says.
 */
export function inspectRequest(
  prism: PrismAdapter,
  request: MockRequest,
): { operation: DriftOperation | undefined; findings: DriftFinding[] } {
  const method = request.method.toUpperCase();
  const body = parseBody(request);
  // Only routed and checked: Prism's `__server` override means nothing to the upstream.
  const input = toPrismInput(request, body instanceof Error ? null : body, { serverParam: false });
  const routed = prism.route(input);
  if (E.isLeft(routed)) {
    const finding = driftFinding({
      side: 'request',
      kind: 'undocumented-operation',
      operation: `${method} ${request.path}`,
      location: '(operation)',
      actual: `${method} ${request.path}`,
    });
    return { operation: undefined, findings: [finding] };
  }
  const resource = routed.right;
  const operation = { id: resource.iid ?? resource.id, method, path: resource.path };
  const name = `${method} ${resource.path}`;
  const findings: DriftFinding[] = [];
  const checked = prism.validateInput(resource, input);
  // Parameters as Prism's validator words them; the body by the drift checks below (which also
  // see properties an open schema does not list).
  for (const violation of checked) {
    const [where, ...rest] = violation.path ?? [];
    if (where !== 'query' && where !== 'path' && where !== 'header') continue;
    findings.push(
      driftFinding({
        side: 'request',
        kind: 'parameter',
        operation: name,
        location: [where, ...rest].join('.'),
        actual: violation.message,
      }),
    );
  }
  const contentType = headerText(request.headers['content-type']);
  if (body instanceof Error) {
    findings.push(
      driftFinding({
        side: 'request',
        kind: 'type',
        operation: name,
        location: '(body)',
        expected: 'JSON',
        actual: 'text that is not JSON',
      }),
    );
  } else if (body !== null && body !== '') {
    const parsed =
      typeof body === 'string' && contentType && typeIs.is(contentType, ['application/x-www-form-urlencoded'])
        ? parseForm(body)
        : body;
    if (typeof parsed === 'object')
      findings.push(
        ...checkRequestBody(prism.document as unknown as DriftSpec, {
          method,
          path: resource.path,
          contentType,
          body: parsed,
        }),
      );
  }
  return { operation, findings };
}

/** Proxy mode's answer half: what the upstream's answer does that the operation does not describe. */
export function inspectAnswer(
  prism: PrismAdapter,
  operation: DriftOperation,
  answer: { status: number; contentType: string | undefined; body: string | undefined },
): DriftFinding[] {
  return checkResponse(prism.document as unknown as DriftSpec, {
    method: operation.method,
    path: operation.path,
    status: answer.status,
    contentType: answer.contentType,
    body: answer.body,
  });
}
