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
}
