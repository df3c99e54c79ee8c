import type { DriftFinding } from '@lms-apis/client-core/drift';

/** One kind of departure at one place, with how often it was seen and the first sample. */
export interface DriftEntry extends DriftFinding {
  count: number;
}

export interface OperationDrift {
  /** `METHOD /path/template` (or the path as requested, for paths the spec lacks). */
  operation: string;
  operationId: string | null;
  /** Requests proxied for this operation. */
  requests: number;
  /** How many answers of each status the upstream gave. */
  statuses: Record<string, number>;
  /** What the upstream did that the spec does not describe. */
  response: DriftEntry[];
  /** What the client sent that the spec forbids. */
  request: DriftEntry[];
}

export interface ApiDrift {
  api: string;
  /** The upstream base URL (never credentials: the proxy refuses URLs with userinfo). */
  upstream: string;
  requests: number;
  /** Requests the upstream did not answer (unreachable, timed out). */
  unanswered: number;
  operations: OperationDrift[];
}

export interface DriftReportJson {
  generatedAt: string;
  since: string;
  apis: ApiDrift[];
}

interface OperationState {
  operationId: string | null;
  requests: number;
  statuses: Map<number, number>;
  findings: Map<string, DriftEntry>;
}

/** Most distinct findings kept per operation, so a misbehaving upstream cannot grow memory without bound. */
const MAX_FINDINGS_PER_OPERATION = 200;
const MAX_OPERATIONS_PER_API = 1000;

/**
 * Everything the proxied upstreams did that their specs do not describe, counted per operation:
 * what `GET /_drift` answers and `--drift-report` writes. Findings are grouped by side, kind,
 * status and place, so a thousand answers with the same extra property are one line with a count.
 */
export class DriftReport {
  private since = new Date();
  private readonly apis = new Map<
    string,
    { upstream: string; requests: number; unanswered: number; operations: Map<string, OperationState> }
  >();

  /** Registers a proxied API (it is listed even before its first request). */
  addApi(api: string, upstream: string): void {
    this.apis.set(api, { upstream, requests: 0, unanswered: 0, operations: new Map() });
  }

  get proxiedApis(): string[] {
    return [...this.apis.keys()];
  }

  record(
    api: string,
    operation: string,
    operationId: string | null,
    status: number | undefined,
    findings: DriftFinding[],
  ): void {
    const entry = this.apis.get(api);
    if (!entry) return;
    entry.requests += 1;
    if (status === undefined) entry.unanswered += 1;
    let state = entry.operations.get(operation);
    if (!state) {
      if (entry.operations.size >= MAX_OPERATIONS_PER_API) return;
      state = { operationId, requests: 0, statuses: new Map(), findings: new Map() };
      entry.operations.set(operation, state);
    }
    state.requests += 1;
    if (status !== undefined) state.statuses.set(status, (state.statuses.get(status) ?? 0) + 1);
    for (const found of findings) {
      const key = `${found.side}\u0000${found.kind}\u0000${found.status ?? ''}\u0000${found.location}\u0000${
        found.kind === 'undocumented-status' || found.kind === 'undocumented-content-type' ? found.actual : ''
      }`;
      const existing = state.findings.get(key);
      if (existing) existing.count += 1;
      else if (state.findings.size < MAX_FINDINGS_PER_OPERATION)
        state.findings.set(key, { ...found, count: 1 });
    }
  }

  clear(): void {
    this.since = new Date();
    for (const entry of this.apis.values()) {
      entry.requests = 0;
      entry.unanswered = 0;
      entry.operations.clear();
    }
  }

  toJSON(): DriftReportJson {
    return {
      generatedAt: new Date().toISOString(),
      since: this.since.toISOString(),
      apis: [...this.apis].map(([api, entry]) => ({
        api,
        upstream: entry.upstream,
        requests: entry.requests,
        unanswered: entry.unanswered,
        operations: [...entry.operations]
          .map(([operation, state]) => {
            const all = [...state.findings.values()].sort(byKindThenPlace);
            return {
              operation,
              operationId: state.operationId,
              requests: state.requests,
              statuses: Object.fromEntries(
                [...state.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]),
              ),
              response: all.filter((found) => found.side === 'response'),
              request: all.filter((found) => found.side === 'request'),
            };
          })
          .sort((a, b) => a.operation.localeCompare(b.operation)),
      })),
    };
  }

  /** The report for people: per API, the operations with drift, each finding with its count and sample. */
  toMarkdown(): string {
    return driftMarkdown(this.toJSON());
  }
}

const KIND_ORDER = [
  'undocumented-status',
  'undocumented-content-type',
  'undocumented-operation',
  'missing-required',
  'null',
  'type',
  'format',
  'enum',
  'undocumented-property',
  'parameter',
];

function byKindThenPlace(a: DriftEntry, b: DriftEntry): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.location.localeCompare(b.location);
}

const cell = (text: unknown) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function driftMarkdown(report: DriftReportJson): string {
  const lines = [
    '# Spec drift report',
    '',
    `Traffic from ${report.since} to ${report.generatedAt}, proxied by \`lms-mock --proxy\`. Each line is one way the`,
    'upstream departed from the spec (or the client from the request schema), with how often it was seen and one',
    'redacted sample: strings keep their shape only (letters `x`, digits `9`), credential fields are `[redacted]`.',
    '',
  ];
  if (report.apis.length === 0)
    lines.push('No API is proxied (start the mock with `--proxy <api>=<url>`).', '');
  for (const api of report.apis) {
    const drifting = api.operations.filter((op) => op.response.length + op.request.length > 0);
    lines.push(
      `## ${api.api}`,
      '',
      `Upstream ${api.upstream}: ${api.requests} request${api.requests === 1 ? '' : 's'} over ${api.operations.length} operation${api.operations.length === 1 ? '' : 's'}, ${drifting.length} with drift${api.unanswered ? `, ${api.unanswered} unanswered` : ''}.`,
      '',
    );
    const section = (title: string, pick: (op: OperationDrift) => DriftEntry[]) => {
      const rows = api.operations.flatMap((op) => pick(op).map((found) => ({ op, found })));
      if (rows.length === 0) return;
      lines.push(
        `### ${title}`,
        '',
        '| operation | status | finding | count | sample |',
        '|---|---:|---|---:|---|',
      );
      for (const { op, found } of rows)
        lines.push(
          `| \`${cell(op.operation)}\` | ${found.status ?? ''} | ${cell(found.message)} | ${found.count} | ${
            found.sample === undefined ? '' : `\`${cell(JSON.stringify(found.sample))}\``
          } |`,
        );
      lines.push('');
    };
    section('What the API did that the spec does not describe', (op) => op.response);
    section('What the client sent that the spec forbids', (op) => op.request);
    if (drifting.length === 0) lines.push('No drift seen.', '');
  }
  return `${lines.join('\n')}\n`;
}
