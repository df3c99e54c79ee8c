// The pipeline's steps (pipeline.ts says in which order they run). Each is the one place its
// concern is decided; the answerers and policies they call know nothing of each other.
import * as E from 'fp-ts/lib/Either.js';
import { CapacityError, DEFAULT_SESSION, type StateAnswerer } from '../answerers/state/index.js';
import { StateOutputs } from '../answerers/state/outputs.js';
import type { TokenEndpoint } from '../answerers/token/token-endpoint.js';
import type { ApiBehaviour } from '../apis/types.js';
import type { AnswerOutput, MockResponse } from '../core/answer.js';
import type { Clock } from '../core/clock.js';
import type { AuthGuard } from '../policies/auth.js';
import { type FaultInjector, type MockPreferences, takeMockPreferences } from '../policies/faults.js';
import type { RateLimiter } from '../policies/rate-limit.js';
import type { SessionSettings, SettingsTable } from '../store/session-settings.js';
import { ApiShape } from './api-shape.js';
import type { PrismAdapter } from './prism/adapter.js';
import type {
  PrismConfig,
  PrismInput,
  PrismOperation,
  PrismValidation,
  ProblemJsonErrorLike,
} from './prism/types.js';
import { type ProxyParts, ProxySteps } from './proxy-steps.js';
import {
  documentedStatuses,
  emptyQueryViolations,
  findHeader,
  headerText,
  type MockRequest,
  NO_PREFERENCES,
  parseBody,
  requestPreferences,
  toPrismInput,
  withPrefer,
} from './request.js';
import { problemResponse, toViolation, violationHeader } from './response.js';
import { issueToken } from './token-step.js';

export interface RequestPolicies {
  auth?: AuthGuard;
  rateLimiter?: RateLimiter;
  faults?: FaultInjector;
}

export interface PipelineParts {
  prism: PrismAdapter;
  /** Stateful mode: the API's declaration, its store-backed answerer and its policies. */
  stateful?: {
    behaviour: ApiBehaviour;
    state: StateAnswerer;
    policies: RequestPolicies;
    /** Sessions' own settings, and the server's defaults they override. */
    settings: SettingsTable;
    rateLimitsByDefault: boolean;
    clock: Clock;
  };
  tokenEndpoints: TokenEndpoint[];
  /** Proxy mode: requests go upstream; the drift report hears what departs from the spec. */
  proxy?: ProxyParts;
}

/** A decoded request: Prism's input and the mock config it asked for. */
export interface Decoded {
  request: MockRequest;
  input: PrismInput;
  config: PrismConfig;
  /** True when the store may answer (stateful mode, no Prefer/`__code` override). */
  stateful: boolean;
  /** The mock's own Prefer keys (stateful mode). */
  own: MockPreferences | undefined;
}

type Refused = { refused: MockResponse };
type Result = E.Either<ProblemJsonErrorLike, AnswerOutput>;

export class Steps {
  readonly apiShape: ApiShape;
  private readonly policies: RequestPolicies;
  private readonly outputs: StateOutputs | undefined;
  private readonly proxySteps: ProxySteps | undefined;

  constructor(private readonly parts: PipelineParts) {
    this.apiShape = new ApiShape(parts.stateful?.behaviour, parts.prism);
    this.policies = parts.stateful?.policies ?? {};
    this.outputs = parts.stateful && new StateOutputs(parts.stateful.behaviour.errorMessageField);
    this.proxySteps = parts.proxy && new ProxySteps(parts.prism, parts.proxy);
  }

  get proxied(): boolean {
    return this.proxySteps !== undefined;
  }

  /** Route, first part: the mock's own token endpoint (proxy mode forwards token requests too). */
  tokenEndpoint(request: MockRequest): TokenEndpoint | undefined {
    if (this.proxySteps) return undefined;
    const path = request.originPath ?? request.path;
    return this.parts.tokenEndpoints.find((endpoint) => endpoint.matches(path));
  }

  issueToken(endpoint: TokenEndpoint, request: MockRequest): MockResponse {
    return issueToken(endpoint, request);
  }

  forward(request: MockRequest): Promise<MockResponse> {
    return (this.proxySteps as ProxySteps).forward(request);
  }

  decode(received: MockRequest): Decoded | Refused {
    // The mock's own Prefer keys (`fail=`, `latency=`) are taken out before Prism decodes the
    // rest, so `code=`/`example=`/`dynamic=` keep working beside them and a Prefer header with
    // only the mock's keys still lets the store answer.
    const own = this.policies.faults ? takeMockPreferences(headerText(received.headers.prefer)) : undefined;
    if (own instanceof Error)
      return refused(
        problemResponse({
          status: 400,
          title: 'Invalid Prefer header',
          detail: own.message,
          name: UNPROCESSABLE,
        }),
      );
    const request = own ? withPrefer(received, own.rest) : received;
    const body = parseBody(request);
    if (body instanceof Error) {
      const detail = body.message.replace(/^The body is not valid JSON: /, '');
      const shaped = this.apiShape.answer('malformedJson', request.method, request.path, detail);
      return refused(
        shaped ??
          problemResponse({ status: 400, title: 'Invalid JSON', detail: body.message, name: INVALID_JSON }),
      );
    }
    const input = toPrismInput(request, body, { serverParam: true });
    const preferences = requestPreferences(input);
    if (E.isLeft(preferences)) return refused(problemResponse(preferences.left));
    // A fresh mock config per request: Prism's mocker writes the Accept media types into it.
    const base = this.parts.prism.config;
    const config = { ...base, mock: { ...base.mock, ...preferences.right } };
    return { request, input, config, stateful: preferences === NO_PREFERENCES, own };
  }

  route({ input, stateful }: Decoded): { resource: PrismOperation } | Refused {
    const { prism } = this.parts;
    const routed = prism.route(input);
    if (E.isRight(routed)) return { resource: routed.right };
    const error = routed.left as ProblemJsonErrorLike;
    // Stateful answers come in the API's own error shape: a path the spec lacks gets the API's 404,
    // a method the path lacks its 405, not Prism's problem+json (apiShape gives none in static
    // mode; a request with Prefer preferences asks for Prism's behaviour).
    if (stateful && error.name.endsWith('#NO_PATH_MATCHED_ERROR')) {
      const shaped = this.apiShape.unknownPath(input.url.path);
      if (shaped) return refused(this.serialize(shaped, [], undefined));
    }
    if (error.status !== 405) return refused(problemResponse(error));
    // RFC 9110: a 405 names the methods the path has (Prism's answer lacks `Allow`).
    const allow = prism.allowedMethods(input.url.path);
    const shaped = stateful ? this.apiShape.methodNotAllowed(input.method) : undefined;
    if (shaped)
      return refused(
        this.serialize({ ...shaped, headers: { ...shaped.headers, Allow: allow } }, [], undefined),
      );
    const withAllow = Object.assign(Object.create(Object.getPrototypeOf(error)), error, {
      additional: { ...error.additional, headers: { ...error.additional?.headers, Allow: allow } },
    });
    return refused(problemResponse(withAllow));
  }

  /**
   * Fault injection: planned first, so a faulted request never reaches the store, unless the
   * session's `faultTiming` is `after-write` and the request is unsafe: then it takes every step
   * and the fault replaces its answer (`afterWrite`).
   */
  fault(
    resource: PrismOperation,
    { own, request }: Decoded,
  ): { delayMs: number; answer?: Result; afterWrite?: boolean } {
    const settings = this.settingsOf(request);
    const session = {
      ...(settings?.failRate !== undefined ? { failRate: settings.failRate } : {}),
      ...latencyOf(settings),
    };
    const plan = own ? this.policies.faults?.plan(own, documentedStatuses(resource), session) : undefined;
    const delayMs = plan?.delayMs ?? 0;
    if (plan?.status === undefined) return { delayMs };
    const retryAfter =
      plan.retryAfterSeconds !== undefined ? { 'Retry-After': String(plan.retryAfterSeconds) } : undefined;
    const answer = E.right(this.apiShape.error(plan.status, `Injected fault: ${plan.status}.`, retryAfter));
    const afterWrite = settings?.faultTiming === 'after-write' && UNSAFE_METHODS.has(request.method);
    return { delayMs, answer, ...(afterWrite ? { afterWrite } : {}) };
  }

  private settingsOf(request: MockRequest): SessionSettings | undefined {
    return this.parts.stateful?.settings.of(request.session ?? DEFAULT_SESSION);
  }

  /** True when the operation is a create the store answers (what a fixture item stands for). */
  createsInStore(resource: PrismOperation): boolean {
    return this.parts.stateful?.state.stateful(resource.iid)?.kind === 'create';
  }

  check(resource: PrismOperation, { input, config, stateful }: Decoded): PrismValidation[] {
    const validations = this.parts.prism.checkInput(resource, input, config);
    // OpenAPI's `allowEmptyValue` is false by default: `?dir=` is a value to validate, not an
    // absent parameter (Prism lets it pass). Checked in stateful mode; static stays Prism's.
    const state = this.parts.stateful?.state;
    if (stateful && state)
      validations.push(...emptyQueryViolations(state.model.operations.get(resource.iid ?? ''), input));
    return validations;
  }

  /**
   * The API's credential check and rate limit for a request Prism's security step let through:
   * a refusal (or the API's own answer, a renewed token) as output, undefined to go on.
   */
  admit(
    resource: PrismOperation,
    { input, request }: Decoded,
    validations: PrismValidation[],
  ): AnswerOutput | undefined {
    const { stateful } = this.parts;
    const { auth } = this.policies;
    if (!stateful || validations.some((validation) => String(validation.code) === '401')) return undefined;
    const now = stateful.clock.now();
    const session = request.session ?? DEFAULT_SESSION;
    const authorization = headerText(input.headers.authorization);
    const outcome = auth
      ? auth.check(resource.iid, authorization, now, session)
      : { ok: true as const, credential: authorization };
    if (!outcome.ok) return this.apiShape.error(outcome.status, outcome.message);
    const limited = this.settingsOf(request)?.rateLimit ?? stateful.rateLimitsByDefault;
    const waitSeconds = limited
      ? this.policies.rateLimiter?.take(resource.iid, outcome.credential, now)
      : undefined;
    if (waitSeconds !== undefined)
      return this.apiShape.error(429, 'Rate limit exceeded. Retry after the time in Retry-After.', {
        'Retry-After': String(Math.round(waitSeconds * 1000) / 1000),
      });
    if ('answer' in outcome && outcome.answer)
      return {
        statusCode: outcome.answer.status,
        headers: { 'Content-type': 'application/json' },
        body: outcome.answer.body,
      };
    return undefined;
  }

  /**
   * The answer step: the store for a valid request to a stateful operation, else Prism's mocker.
   * Only a request Prism accepted (security and input) can reach the store.
   */
  answer(
    resource: PrismOperation,
    decoded: Decoded,
    validations: PrismValidation[],
  ): E.Either<Error, AnswerOutput> {
    const { prism } = this.parts;
    const state = this.parts.stateful?.state;
    const valid = !validations.some((validation) => validation.severity === 0);
    const operation = decoded.stateful && valid ? state?.stateful(resource.iid) : undefined;
    if (!state || !operation) return prism.mock(resource, decoded.input, validations, decoded.config.mock);
    const outputs = this.outputs as StateOutputs;
    const { request, input } = decoded;
    const headers = request.headers as Record<string, string>;
    let result: ReturnType<StateAnswerer['answer']>;
    try {
      result = state.answer(operation, {
        operationId: operation.operationId,
        path: request.path,
        query: request.query,
        body: input.body,
        contentType: findHeader(headers, 'content-type'),
        session: request.session ?? DEFAULT_SESSION,
        requestUrl: new URL(request.requestUrl ?? `http://localhost${request.path}`),
        authorization: findHeader(headers, 'authorization'),
      });
    } catch (error) {
      if (!(error instanceof CapacityError)) throw error;
      return outputs.full(error.message);
    }
    return outputs.output(result, operation.successStatus, (code) => prism.specAnswer(resource, input, code));
  }

  /** A refused request in the API's own error shape (stateful mode, no Prefer override). */
  shape(
    resource: PrismOperation,
    decoded: Decoded,
    answered: E.Either<Error, AnswerOutput>,
    validations: PrismValidation[],
  ): Result {
    if (!decoded.stateful || !this.parts.stateful) return answered;
    return this.apiShape.refusal(answered, resource, decoded.input, validations);
  }

  /** Every answer, whoever made it, leaves through the same output validation. */
  respond(
    resource: PrismOperation,
    result: Result,
    inputValidations: PrismValidation[],
    delayMs: number,
  ): MockResponse {
    const delay = delayMs > 0 ? { delayMs } : {};
    if (E.isLeft(result)) return { ...problemResponse(result.left), operationId: resource.iid, ...delay };
    const output = result.right;
    const checked = this.parts.prism.validateOutput(resource, output);
    const violations = [
      ...inputValidations.map(toViolation('request')),
      ...checked.map(toViolation('response')),
    ];
    return { ...this.serialize(output, violations, resource.iid), ...delay };
  }

  private serialize(
    output: AnswerOutput,
    violations: ReturnType<ReturnType<typeof toViolation>>[],
    operationId: string | undefined,
  ): MockResponse {
    const headers: Record<string, string> = {};
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name] = String(value);
    try {
      const body = this.parts.prism.serialize(output, headers);
      return { status: output.statusCode, headers, body, operationId, violations };
    } catch (error) {
      return { ...problemResponse(error as ProblemJsonErrorLike), operationId, violations };
    }
  }
}

const UNPROCESSABLE = 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY';
const INVALID_JSON = 'https://stoplight.io/prism/errors#INVALID_JSON';

/** Methods that may change state: what an `after-write` fault lets through to the store. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A session's latency setting as the fault injector's range. */
function latencyOf(settings: SessionSettings | undefined): { latencyMs?: [number, number] } {
  const latency = settings?.latencyMs;
  if (latency === undefined) return {};
  return { latencyMs: typeof latency === 'number' ? [latency, latency] : latency };
}

function refused(response: MockResponse): Refused {
  return { refused: response };
}
