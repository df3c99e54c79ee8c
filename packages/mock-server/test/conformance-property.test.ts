// Property-based conformance: seeded, generated valid requests for every stateful operation of
// every API, in create → read → update → list → delete sequences against the in-process mock.
// Every answer must carry no output violation (`sl-violations`) and no 5xx; the run reports its
// request and violation counts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { createdId, type Flow, flowsOf, type Step, type StepInput } from './conformance-plans.js';
import { SPECS_DIR } from './requests.js';

const SEED = 22_2026;
const MIN_REQUESTS = 5_000;
const CONCURRENCY = 8;

let mock: RunningMockServer;

beforeAll(async () => {
  // Rate limits are their own test's concern; here they would only turn answers into 429s.
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, seed: 'property', rateLimits: false });
});

afterAll(async () => {
  await mock?.close();
});

interface Failure {
  operationId: string;
  status: number;
  violations: string | null;
  request: string;
}

interface Tally {
  requests: number;
  failures: Failure[];
  operations: Set<string>;
  /** Answers per API and status, to show the generated requests are mostly valid ones. */
  statuses: Map<string, number>;
}

function pathFor(step: Step, id: string | undefined, parents: Record<string, string> | null): string {
  const names = step.operation.template.split('/');
  const values = step.examplePath.split('/');
  const last = names.length - 1;
  if (id !== undefined && step.itemParam && names[last] === `{${step.itemParam}}`)
    values[last] = encodeURIComponent(id);
  for (const [index, name] of names.entries()) {
    const override = parents?.[name.slice(1, -1)];
    if (override !== undefined && /^\{.+\}$/.test(name)) values[index] = encodeURIComponent(override);
  }
  return values.join('/');
}

async function runFlow(flow: Flow, inputs: StepInput[], session: string, tally: Tally): Promise<void> {
  let id: string | undefined;
  for (const [index, step] of flow.entries()) {
    const input = inputs[index] as StepInput;
    const query = new URLSearchParams(input.query);
    const path = pathFor(step, id, input.parents);
    const url = `${mock.apis[step.api]}${path}${query.size > 0 ? `?${query}` : ''}`;
    const response = await fetch(url, {
      method: step.operation.method,
      headers: {
        ...step.headers,
        'x-mock-session': session,
        ...(input.body ? { 'content-type': input.body.contentType } : {}),
      },
      ...(input.body ? { body: input.body.text } : {}),
    });
    const text = await response.text();
    tally.requests += 1;
    const key = `${step.operation.operationId} ${response.status}`;
    tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
    tally.operations.add(step.operation.operationId);
    const violations = response.headers.get('sl-violations');
    if (violations !== null || response.status >= 500)
      tally.failures.push({
        operationId: step.operation.operationId,
        status: response.status,
        violations,
        request: `${step.operation.method} ${path}?${query} ${input.body?.text ?? ''} → ${text.slice(0, 300)}`,
      });
    if (index === 0 && step.operation.kind === 'create' && response.ok) {
      const body = text ? JSON.parse(text) : undefined;
      id = createdId(body, step.idField, step.operation.itemWrapper);
    }
  }
}

describe('property-based conformance of the stateful mock', () => {
  it(`answers ≥ ${MIN_REQUESTS} generated valid requests with no output violation and no 5xx`, async () => {
    const flows = flowsOf();
    const plan = fc
      .constantFrom(...flows)
      .chain((flow) => fc.tuple(...flow.map((step) => step.inputs)).map((inputs) => ({ flow, inputs })));
    const tally: Tally = { requests: 0, failures: [], operations: new Set(), statuses: new Map() };
    const started = Date.now();
    // Every flow once (so every stateful operation is exercised), then seeded random ones.
    const planned = flows.map((flow, index) => ({
      flow,
      inputs: fc.sample(fc.tuple(...flow.map((step) => step.inputs)), {
        seed: SEED + index,
        numRuns: 1,
      })[0] as StepInput[],
    }));
    const meanLength = flows.reduce((sum, flow) => sum + flow.length, 0) / flows.length;
    const more = Math.ceil((MIN_REQUESTS - planned.length * meanLength) / meanLength) + 50;
    planned.push(...fc.sample(plan, { seed: SEED, numRuns: Math.max(more, 0) }));
    const generated = (Date.now() - started) / 1000;
    let next = 0;
    const worker = async () => {
      while (next < planned.length || tally.requests < MIN_REQUESTS) {
        const index = next;
        next += 1;
        const { flow, inputs } =
          planned[index] ??
          (fc.sample(plan, { seed: SEED + index, numRuns: 1 })[0] as (typeof planned)[number]);
        await runFlow(flow, inputs, `property-${index}`, tally);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const stateful = new Set(flows.flat().map((step) => step.operation.operationId));
    console.log(
      `property conformance: ${tally.requests} requests, ${tally.failures.length} violations or 5xx, ${stateful.size} stateful operations, ${seconds.toFixed(1)} s (generation ${generated.toFixed(1)} s; seed ${SEED})`,
    );
    console.log(
      [...tally.statuses]
        .sort()
        .map(([key, count]) => `${key}: ${count}`)
        .join(', '),
    );
    const distinct = new Map<string, Failure>();
    for (const failure of tally.failures)
      distinct.set(`${failure.operationId} ${failure.status} ${failure.violations?.slice(0, 120)}`, failure);
    expect([...distinct.values()]).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect([...stateful].filter((operationId) => !tally.operations.has(operationId))).toEqual([]);
  }, 120_000);
});
