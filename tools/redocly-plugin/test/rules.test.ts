import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRedocly } from '@lms-apis/codegen/redocly';
import { describe, expect, it } from 'vitest';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Problem {
  ruleId: string;
  message: string;
  location: Array<{ pointer: string; source: { ref: string } }>;
}

/** Lints a fixture with only the plugin's rules (fixtures/redocly.yaml) and returns the problems. */
async function lint(fixture: string): Promise<Problem[]> {
  const result = await runRedocly(['lint', path.join(fixtures, fixture), '--format', 'json'], {
    quiet: true,
    config: path.join(fixtures, 'redocly.yaml'),
  });
  return (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
}

function summarize(problems: Problem[]) {
  return problems.map((problem) => ({
    rule: problem.ruleId,
    file: path.basename(problem.location[0]?.source.ref ?? ''),
    pointer: problem.location[0]?.pointer,
  }));
}

describe('lms/paths-ref-files', () => {
  it('reports inline path items and same-document refs', async () => {
    const problems = (await lint('paths-ref-files/failing.yaml')).filter(
      (p) => p.ruleId === 'lms/paths-ref-files',
    );
    expect(summarize(problems)).toEqual([
      { rule: 'lms/paths-ref-files', file: 'failing.yaml', pointer: '#/paths/~1inline' },
      { rule: 'lms/paths-ref-files', file: 'failing.yaml', pointer: '#/paths/~1local/$ref' },
    ]);
    expect(problems[0]?.message).toContain('move it to its own file under paths/');
  });

  it('accepts a paths map of file refs', async () => {
    expect(await lint('paths-ref-files/passing.yaml')).toEqual([]);
  });
});

describe('lms/operation-id-verb', () => {
  it('reports verbs that do not fit the method and ids that are not camelCase', async () => {
    const problems = await lint('operation-id-verb/failing.yaml');
    expect(summarize(problems)).toEqual([
      { rule: 'lms/operation-id-verb', file: 'widgets.yaml', pointer: '#/get/operationId' },
      { rule: 'lms/operation-id-verb', file: 'widgets.yaml', pointer: '#/post/operationId' },
      { rule: 'lms/operation-id-verb', file: 'token.yaml', pointer: '#/put/operationId' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'operationId "deleteWidgets" starts with "delete", which does not fit GET; use one of: get, list, refresh.',
      'operationId "CreateWidget" is not camelCase verb + resource.',
      'operationId "getToken" starts with "get", which does not fit PUT; use one of: update, replace.',
    ]);
  });
});

describe('lms/operation-provenance', () => {
  it('requires a known source and a note on every operation', async () => {
    const problems = await lint('operation-provenance/failing.yaml');
    expect(summarize(problems)).toEqual([
      { rule: 'lms/operation-provenance', file: 'things.yaml', pointer: '#/get' },
      { rule: 'lms/operation-provenance', file: 'things.yaml', pointer: '#/post/x-provenance/source' },
      { rule: 'lms/operation-provenance', file: 'things.yaml', pointer: '#/post/x-provenance' },
    ]);
  });
});

describe('webhooks (OpenAPI 3.1)', () => {
  it('holds webhooks to the house rules: file refs, provenance, a receive verb', async () => {
    const problems = await lint('webhooks/failing.yaml');
    expect(summarize(problems)).toEqual([
      { rule: 'lms/paths-ref-files', file: 'failing.yaml', pointer: '#/webhooks/WIDGET_DELETED' },
      { rule: 'lms/operation-id-verb', file: 'WIDGET_CREATED.yaml', pointer: '#/post/operationId' },
      { rule: 'lms/operation-provenance', file: 'WIDGET_CREATED.yaml', pointer: '#/post' },
    ]);
    expect(problems.map((p) => p.message)).toContain(
      'operationId "createWidgetEvent" starts with "create", which does not fit a webhook (a request your receiver handles); use one of: receive.',
    );
    expect(problems[0]?.message).toContain('move it to its own file under webhooks/');
  });

  it('accepts a webhooks map of file refs to receive operations with provenance', async () => {
    expect(await lint('webhooks/passing.yaml')).toEqual([]);
  });
});
