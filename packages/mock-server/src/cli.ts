import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadApis } from './core/specs.js';
import type { Fixture } from './http/fixtures.js';
import type { JwtKeys } from './policies/auth.js';
import { parseLatency } from './policies/faults.js';
import type { MockServerOptions, RequestLog, RunningMockServer, startMockServer } from './server.js';

const USAGE = `Usage: lms-mock [options]

Serves every bundled API on one port, each under a prefix that stands for its production origin:
  https://api.skilljar.com/v1/ping  ->  http://127.0.0.1:4010/skilljar/v1/ping

Stateful by default: what a client creates, updates or deletes, it reads back (per X-Mock-Session).

Options:
  --port <n>            port to listen on (default 4010; 0 picks a free port)
  --host <addr>         interface to bind (default 127.0.0.1)
  --api <name>          serve only this API, at the root (no prefix)
  --static              answer every request with the spec's examples, as \`prism mock\` does
  --dynamic             generate static answers from schemas instead of examples
  --seed <value>        seed for generated ids (and --dynamic data), for repeatable runs
                        (and for --fail-rate and --latency)
  --log-format <fmt>    request log: pretty (default) or json
  --specs-dir <dir>     serve the bundles in this directory instead of the built-in ones
  --fixtures <file>     JSON { "<api>": { "<collection path>": [items] } } every session starts
                        with, on top of the examples; each item stored as its create would
                        be (repeatable; stateful mode)
  --quiet               no request log
  -h, --help            show this help

Auth, rate limits and faults (stateful mode):
  --token-ttl <s>       lifetime of tokens the OAuth2 token endpoints issue (default 3600)
  --api-key <api>=<key> accept only these keys for an API (repeatable; default: any key)
  --jwt-keys <api>=<public>:<private>
                        check the API's JWT signatures and \`pk\` against this key pair
                        (default: any signature)
  --no-rate-limit       do not enforce the rate limits the specs document (x-rate-limit)
  --fail-rate <0..1>    answer this share of requests with a retryable error (429, 500,
                        502, 503, 504) in the API's shape; per request: Prefer: fail=503
  --latency <ms>[-<ms>] delay every answer (a fixed or a random time in the range);
                        per request: Prefer: latency=200

Webhooks (stateful mode; Skilljar's \`POST /v1/webhooks\`):
  --webhook-allow <host>
                        also deliver webhooks to this host (repeatable). By default only
                        loopback targets (127.0.0.0/8, ::1, localhost) may be registered
                        (others get the API's 400) and delivered to: the mock is no open relay

Proxy mode (check a spec against the real API):
  --proxy <api>=<url>   forward this API's requests to <url> (its base URL, as a client's baseUrl;
                        \`production\` = the spec's first server) and pass the answers back
                        unchanged, recording where either departs from the spec (repeatable;
                        other APIs stay mocked). Credentials are forwarded, never logged.
  --drift-report <file> on exit, write the drift report to <file> (JSON) and a Markdown summary
                        beside it (<file> with .md)

Mock routes:
  GET /_health          200 once every API is ready
  GET /_requests        recent requests (?api=&operationId=&method=&status=&session=&since=&limit=)
  DELETE /_requests     clear the journal
  GET /_state           stored items of a session (?api=&session=, or the X-Mock-Session header)
  POST /_state/reset    back to the seed: one session (?session= or the header), else all
  GET /_drift           proxy mode's drift report (?format=markdown for the summary); DELETE clears it
  GET /_webhooks        a session's webhook deliveries (?session=), attempts and statuses; DELETE clears
  POST /_webhooks/trigger
                        fire an event from stored entities (?session=; body {"event_type": ..., ids})
`;

type CliValues = ReturnType<typeof parse>;
type Parsed = { options: MockServerOptions; format: 'pretty' | 'json'; proxy: MockServerOptions['proxy'] };

/**
 * @param signalled the first SIGINT or SIGTERM (bin/lms-mock.js starts listening before it loads
 *   this module, so a Ctrl-C during start-up is caught too)
 */
export async function main(
  argv: string[],
  signalled: Promise<NodeJS.Signals> = nextSignal(),
): Promise<number> {
  let values: CliValues;
  try {
    values = parse(argv);
  } catch (error) {
    process.stderr.write(`lms-mock: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = serverOptions(values);
  if (parsed instanceof Error) {
    process.stderr.write(`lms-mock: ${parsed.message}\n`);
    return 2;
  }
  const started = performance.now();
  let server: RunningMockServer;
  try {
    // Loaded only now: --help and a wrong flag answer without loading Prism and the specs.
    const { startMockServer } = await import('./server.js');
    server = await startMockServer(parsed.options);
  } catch (error) {
    process.stderr.write(`lms-mock: ${(error as Error).message}\n`);
    return 1;
  }
  printBanner(server, parsed, Math.round(performance.now() - started));
  await shutDownOn(await signalled, server, parsed.format, values['drift-report']);
  return 0;
}

/**
 * The first SIGINT or SIGTERM. The listeners stay for good: pnpm passes the terminal's Ctrl-C on
 * to its child, so a second SIGINT arrives while the first is being handled, and must not kill
 * the process (exit 130, pnpm's ELIFECYCLE) after a clean shutdown.
 */
export function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
}

/** The CLI's flags as startMockServer options, or what is wrong with them. */
function serverOptions(values: CliValues): Parsed | Error {
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return new Error(`--port must be an integer from 0 to 65535, got "${values.port}".`);
  const format = values['log-format'] ?? 'pretty';
  if (format !== 'pretty' && format !== 'json')
    return new Error(`--log-format must be pretty or json, got "${format}".`);
  if (values.static && values.seed !== undefined && !values.dynamic)
    return new Error('--seed needs stateful mode or --dynamic (with --static it has nothing to seed).');
  const policies = policyOptions(values);
  if (policies instanceof Error) return policies;
  const proxy = proxyOptions(values);
  if (proxy instanceof Error) return proxy;
  const fixtures = readFixtures(values.fixtures ?? [], Boolean(values.static));
  if (fixtures instanceof Error) return fixtures;
  const log = values.quiet ? undefined : format === 'json' ? logJson : logPretty;
  const options: MockServerOptions = {
    ...(fixtures.length > 0 ? { fixtures } : {}),
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.api ? { root: values.api } : {}),
    mode: values.static ? 'static' : 'stateful',
    dynamic: values.dynamic ?? false,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(log ? { onRequest: log } : {}),
    ...(values['specs-dir'] ? { specsDir: values['specs-dir'] } : {}),
    ...policies,
    ...proxy,
  };
  return { options, format, proxy: proxy.proxy };
}

function readFixtures(files: string[], isStatic: boolean): Fixture[] | Error {
  if (files.length > 0 && isStatic)
    return new Error('--fixtures needs stateful mode (with --static nothing is stored).');
  const fixtures: Fixture[] = [];
  for (const file of files) {
    try {
      fixtures.push(JSON.parse(readFileSync(file, 'utf8')) as Fixture);
    } catch (error) {
      return new Error(`--fixtures ${file}: ${(error as Error).message}`);
    }
  }
  return fixtures;
}

function printBanner(server: RunningMockServer, { format, proxy }: Parsed, startupMs: number): void {
  if (format === 'json') {
    const event = { event: 'listening', url: server.url, mode: server.mode, apis: server.apis, startupMs };
    process.stdout.write(`${JSON.stringify(event)}\n`);
    return;
  }
  process.stdout.write(`lms-mock listening on ${server.url} (${server.mode}, ready in ${startupMs} ms)\n`);
  for (const [name, url] of Object.entries(server.apis)) {
    const upstream = proxy?.[name];
    process.stdout.write(`  ${name.padEnd(9)} ${url}${upstream ? `  -> proxied to ${upstream}` : ''}\n`);
  }
  if (proxy) process.stdout.write(`  drift report: ${server.url}/_drift (?format=markdown)\n`);
}

/** Closes the server (writing the drift report, if asked), waiting at most 5 s for clients. */
async function shutDownOn(
  signal: NodeJS.Signals,
  server: RunningMockServer,
  format: string,
  driftReport: string | undefined,
): Promise<void> {
  if (format === 'pretty') process.stdout.write(`lms-mock: ${signal}, shutting down\n`);
  // Do not wait forever for keep-alive clients (the drift report is written once they are gone).
  const patience = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  const closed = server.close().then(
    () => {
      if (driftReport && format === 'pretty')
        process.stdout.write(`lms-mock: drift report written to ${driftReport} (and .md)\n`);
    },
    () => undefined,
  );
  await Promise.race([closed, patience]);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      api: { type: 'string' },
      static: { type: 'boolean' },
      dynamic: { type: 'boolean' },
      seed: { type: 'string' },
      'log-format': { type: 'string' },
      'specs-dir': { type: 'string' },
      fixtures: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'token-ttl': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'jwt-keys': { type: 'string', multiple: true },
      'no-rate-limit': { type: 'boolean' },
      'fail-rate': { type: 'string' },
      latency: { type: 'string' },
      proxy: { type: 'string', multiple: true },
      'drift-report': { type: 'string' },
      'webhook-allow': { type: 'string', multiple: true },
    },
  }).values;
}

type PolicyOptions = Pick<
  Parameters<typeof startMockServer>[0] & object,
  'tokenTtlSeconds' | 'apiKeys' | 'jwtKeys' | 'rateLimits' | 'failRate' | 'latency' | 'webhookAllow'
>;

/** The auth, rate-limit and fault flags as server options; an Error names a bad flag. */
function policyOptions(values: ReturnType<typeof parse>): PolicyOptions | Error {
  const options: PolicyOptions = {};
  const stateful = [
    'token-ttl',
    'api-key',
    'jwt-keys',
    'no-rate-limit',
    'fail-rate',
    'latency',
    'webhook-allow',
  ] as const;
  const given = stateful.filter((name) => values[name] !== undefined);
  if (values.static && given.length > 0)
    return new Error(`--${given[0]} needs stateful mode (--static answers as \`prism mock\` does).`);
  if (values['token-ttl'] !== undefined) {
    const ttl = Number(values['token-ttl']);
    if (!Number.isInteger(ttl) || ttl < 1)
      return new Error(`--token-ttl must be a positive integer (seconds), got "${values['token-ttl']}".`);
    options.tokenTtlSeconds = ttl;
  }
  for (const entry of values['api-key'] ?? []) {
    const match = /^([a-z0-9-]+)=(.+)$/.exec(entry);
    if (!match) return new Error(`--api-key must be <api>=<key>, got "${entry}".`);
    const [, api, key] = match as unknown as [string, string, string];
    options.apiKeys = { ...options.apiKeys, [api]: [...(options.apiKeys?.[api] ?? []), key] };
  }
  for (const entry of values['jwt-keys'] ?? []) {
    const match = /^([a-z0-9-]+)=([^:]+):(.+)$/.exec(entry);
    if (!match) return new Error(`--jwt-keys must be <api>=<public>:<private>, got "${entry}".`);
    const [, api, publicKey, privateKey] = match as unknown as [string, string, string, string];
    options.jwtKeys = { ...options.jwtKeys, [api]: { publicKey, privateKey } satisfies JwtKeys };
  }
  for (const host of values['webhook-allow'] ?? [])
    if (!/^[A-Za-z0-9.:-]+$/.test(host))
      return new Error(
        `--webhook-allow takes a host name or address (no scheme, port or path), got "${host}".`,
      );
  if (values['webhook-allow']) options.webhookAllow = values['webhook-allow'];
  if (values['no-rate-limit']) options.rateLimits = false;
  if (values['fail-rate'] !== undefined) {
    const rate = Number(values['fail-rate']);
    if (values['fail-rate'].trim() === '' || !(rate >= 0 && rate <= 1))
      return new Error(`--fail-rate must be a number from 0 to 1, got "${values['fail-rate']}".`);
    options.failRate = rate;
  }
  if (values.latency !== undefined) {
    const range = parseLatency(values.latency);
    if (range instanceof Error) return new Error(`--latency: ${range.message}`);
    options.latency = range;
  }
  return options;
}

/** `--proxy api=url` (repeatable) and `--drift-report` as server options. */
function proxyOptions(
  values: ReturnType<typeof parse>,
): Pick<Parameters<typeof startMockServer>[0] & object, 'proxy' | 'driftReportFile'> | Error {
  const proxy: Record<string, string> = {};
  for (const entry of values.proxy ?? []) {
    const match = /^([a-z0-9-]+)=(.+)$/.exec(entry);
    if (!match) return new Error(`--proxy must be <api>=<url> (or <api>=production), got "${entry}".`);
    const [, api, url] = match as unknown as [string, string, string];
    if (proxy[api]) return new Error(`--proxy ${api} is given twice.`);
    proxy[api] = url;
  }
  if (values['drift-report'] !== undefined && Object.keys(proxy).length === 0)
    return new Error('--drift-report needs --proxy (only proxied traffic is checked for drift).');
  return {
    ...(Object.keys(proxy).length > 0 ? { proxy } : {}),
    ...(values['drift-report'] ? { driftReportFile: values['drift-report'] } : {}),
  };
}

function logPretty(entry: RequestLog): void {
  const where = entry.operationId ? ` ${entry.operationId}` : '';
  const violations = entry.violations
    ? ` (${entry.violations} violation${entry.violations === 1 ? '' : 's'})`
    : '';
  process.stdout.write(
    `${entry.method} ${entry.path} -> ${entry.status}${where}${violations} ${entry.durationMs.toFixed(1)}ms\n`,
  );
}

function logJson(entry: RequestLog): void {
  process.stdout.write(
    `${JSON.stringify({ event: 'request', ...entry, durationMs: Number(entry.durationMs.toFixed(3)) })}\n`,
  );
}

export { loadApis };
