// What every layer hands back for a request: the answer the HTTP layer writes as it is.

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** The matched operation, when routing succeeded. */
  operationId: string | undefined;
  /** Request (and response) validation findings, as Prism reports them in `sl-violations`. */
  violations: Violation[];
  /** Send the answer this much later (injected latency). */
  delayMs?: number;
  /**
   * A proxied answer, passed on byte for byte: the upstream's raw header list and body (`headers`
   * and `body` above are then only what the journal and the log see).
   */
  passThrough?: { rawHeaders: string[]; body: Buffer };
  /** Set for a proxied request: how many drift findings it had (the request log counts them). */
  proxied?: { findings: number };
}

/**
 * What an answerer makes (the shape of Prism's own outputs): a status, headers and a body that is
 * not serialized yet. The pipeline validates it, then serializes it into a MockResponse.
 */
export interface AnswerOutput {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}
