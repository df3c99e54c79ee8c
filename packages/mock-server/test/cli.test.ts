import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Run, runCli, waitForOutput } from './cli.js';
import { APIS, SPECS_DIR } from './requests.js';
import { startFakeSkilljar } from './upstream.js';

const running: Run[] = [];

afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await run.exited;
  }
});

function start(args: string[]): Run {
  const run = runCli(args);
  running.push(run);
  return run;
}

describe('lms-mock CLI', () => {
  it('prints usage with --help', async () => {
    const run = start(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Usage: lms-mock [options]');
    for (const flag of ['--port', '--host', '--api', '--dynamic', '--seed', '--log-format'])
      expect(run.output()).toContain(flag);
    for (const flag of [
      '--token-ttl',
      '--api-key',
      '--jwt-keys',
      '--no-rate-limit',
      '--fail-rate',
      '--latency',
      '--webhook-allow',
      'GET /_webhooks',
      'POST /_webhooks/trigger',
    ])
      expect(run.output()).toContain(flag);
  });

  it('rejects bad auth, rate-limit and fault flags, and those flags with --static', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fail-rate', '1.5'], /--fail-rate must be a number from 0 to 1, got "1.5"/],
      [['--latency', '300-100'], /--latency: expected <ms> or <min>-<max>/],
      [['--token-ttl', '0'], /--token-ttl must be a positive integer/],
      [['--api-key', 'nokey'], /--api-key must be <api>=<key>/],
      [['--jwt-keys', 'snworks=onlypublic'], /--jwt-keys must be <api>=<public>:<private>/],
      [['--static', '--fail-rate', '0.1'], /--fail-rate needs stateful mode/],
      [['--webhook-allow', 'https://hooks.example.net/x'], /--webhook-allow takes a host name or address/],
      [['--static', '--webhook-allow', 'hooks.example.net'], /--webhook-allow needs stateful mode/],
    ];
    for (const [args, message] of cases) {
      const run = start(args);
      expect(await run.exited).toBe(2);
      expect(run.errors()).toMatch(message);
    }
  });

  it('rejects unknown options and bad values with one clear line and exit 2', async () => {
    const unknown = start(['--prot', '4010']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.errors()).toMatch(/^lms-mock: Unknown option '--prot'/);
    const port = start(['--port', 'abc']);
    expect(await port.exited).toBe(2);
    expect(port.errors().trim()).toBe('lms-mock: --port must be an integer from 0 to 65535, got "abc".');
    const format = start(['--log-format', 'xml']);
    expect(await format.exited).toBe(2);
    expect(format.errors().trim()).toBe('lms-mock: --log-format must be pretty or json, got "xml".');
  });

  it('says so, in one line, when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = start(['--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.errors().trim()).toBe(
        `lms-mock: Port in use: 127.0.0.1:${port} is already taken (pick another with --port).`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says so when a spec fails to load', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lms-mock-specs-'));
    try {
      cpSync(SPECS_DIR, dir, { recursive: true });
      writeFileSync(path.join(dir, 'thrive.json'), '{ not json');
      const run = start(['--port', '0', '--specs-dir', dir]);
      expect(await run.exited).toBe(1);
      expect(run.errors()).toMatch(/^lms-mock: Cannot load the thrive spec from .*thrive\.json: .*JSON/);
      expect(run.errors().trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so for an unknown --api', async () => {
    const run = start(['--port', '0', '--api', 'moodle']);
    expect(await run.exited).toBe(1);
    expect(run.errors().trim()).toBe(`lms-mock: Unknown API: moodle. Available: ${APIS.join(', ')}.`);
  });

  it('serves one API at the root with --api, logs JSON lines, and shuts down on SIGTERM', async () => {
    const run = start(['--port', '0', '--api', 'skilljar', '--log-format', 'json']);
    const [line] = await waitForOutput(run, /\{"event":"listening".*\}\n/);
    const { url, apis } = JSON.parse(line) as { url: string; apis: Record<string, string> };
    expect(apis).toEqual({ skilljar: url });
    const response = await fetch(`${url}/v1/ping`, {
      headers: { authorization: `Basic ${Buffer.from('k:').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect((await fetch(`${url}/skilljar/v1/ping`)).status).toBe(404);
    const [request] = await waitForOutput(run, /\{"event":"request".*\}\n/);
    expect(JSON.parse(request)).toMatchObject({
      method: 'GET',
      path: '/v1/ping',
      status: 200,
      api: 'skilljar',
      operationId: 'ping',
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('shuts down on SIGINT with exit 0', async () => {
    const run = start(['--port', '0']);
    const [, url] = await waitForOutput(run, /listening on (\S+)/);
    expect((await fetch(`${url}/_health`)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('SIGINT, shutting down');
  });

  it('--proxy: forwards to the upstream, logs without credentials, writes --drift-report on exit', async () => {
    const upstream = await startFakeSkilljar();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lms-cli-drift-'));
    try {
      const run = start([
        '--port',
        '0',
        '--proxy',
        `skilljar=${upstream.url}`,
        '--drift-report',
        path.join(dir, 'drift.json'),
      ]);
      await waitForOutput(run, /drift report: /);
      const [, url] = await waitForOutput(run, /listening on (\S+)/);
      expect(run.output()).toContain(`-> proxied to ${upstream.url}`);
      const secret = Buffer.from('cli-secret-key:').toString('base64');
      const answer = await fetch(`${url}/skilljar/v1/ping?token=abc123`, {
        headers: { authorization: `Basic ${secret}` },
      });
      expect(answer.status).toBe(418);
      expect(upstream.received[0]?.headers.authorization).toBe(`Basic ${secret}`);
      await waitForOutput(run, /GET \/skilljar\/v1\/ping\?token=\[redacted\] -> 418 ping/);
      expect(run.output()).not.toContain('abc123');
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      const report = JSON.parse(readFileSync(path.join(dir, 'drift.json'), 'utf8'));
      expect(report.apis[0].operations[0]).toMatchObject({
        operation: 'GET /v1/ping',
        response: [expect.objectContaining({ kind: 'undocumented-status', actual: '418' })],
      });
      expect(readFileSync(path.join(dir, 'drift.md'), 'utf8')).toContain('answered 418');
      expect(run.output()).toContain('drift report written to');
    } finally {
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad --proxy and --drift-report flags', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--proxy', 'skilljar'], /--proxy must be <api>=<url>/],
      [['--proxy', 'moodle=http://127.0.0.1:9'], /moodle is not a served API/],
      [['--proxy', 'skilljar=ftp://example.com'], /must be http or https/],
      [['--drift-report', 'x.json'], /--drift-report needs --proxy/],
    ];
    for (const [args, message] of cases) {
      const run = start(['--port', '0', ...args]);
      expect(await run.exited).not.toBe(0);
      expect(run.errors()).toMatch(message);
    }
  });
});
