// The reference engine: Prism's own request pipeline (router, security check, request
// validation, negotiation, mocking, response validation), called in-process exactly as
// @stoplight/prism-http-server's handler calls it. Everything here mirrors that handler so the
// mock answers what `prism mock` answers.
import {
  checkRequestBody,
  checkResponse,
  type DriftFinding,
  type DriftSpec,
  finding as driftFinding,
} from '@lms-apis/client-core/drift';
import * as E from 'fp-ts/lib/Either.js';
import typeIs from 'type-is';
import {
  CapacityError,
  DEFAULT_SESSION,
  type OperationModel,
  type StateAnswerer,
} from '../answerers/state/index.js';
import type { ApiBehaviour } from '../apis/types.js';
import type { MockResponse, Violation } from '../core/answer.js';
import { apiError, type ErrorKind, fieldMap, violationSummary } from '../core/api-errors.js';
import { BoundedCache } from '../core/bounded-cache.js';
import { parseForm } from '../core/form.js';
import { mockProblem } from '../core/problem.js';
import type { OpenApiDocument } from '../core/specs.js';
import type { AuthGuard } from '../policies/auth.js';
import { type FaultInjector, type MockPreferences, takeMockPreferences } from '../policies/faults.js';
import type { RateLimiter } from '../policies/rate-limit.js';
import {
  preloadFaker,
  prismCore,
  prismHttpConfig,
  prismMocker,
  prismOperations,
  prismRouter,
  prismServerSerialize,
  prismTypes,
  prismValidator as prismValidatorModule,
} from './prism/modules.js';

const createLogger = prismCore.createLogger as (name: string, options: Record<string, unknown>) => Logger;
const { ProblemJsonError } = prismTypes as {
  ProblemJsonError: { toProblemJson(error: ProblemJsonErrorLike): Record<string, unknown> };
};
const serialize = prismServerSerialize.serialize as (
  payload: unknown,
  contentType: string | undefined,
) => string | undefined;
const defaultRoute = prismRouter.default as RouteFn;
const defaultMock = prismMocker.default as MockFn;
const prismValidator = prismValidatorModule as {
  validateOutput: ValidateOutputFn;
  validateInput: ValidateFn;
  validateSecurity: ValidateFn;
};
const defaultValidateOutput = prismValidator.validateOutput;

interface Logger {
  child(bindings: Record<string, unknown>): unknown;
}

export type { MockResponse, Violation } from '../core/answer.js';

export interface MockRequest {
  method: string;
  /** Path inside the API, after the mock prefix and the server's base path (`/assignment`). */
  path: string;
  query: URLSearchParams;
  /** The query string as received (part of the validation memo key). */
  rawQuery: string;
  /** Lower-cased header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
  /** The state session (`X-Mock-Session`), for the state answerer. */
  session?: string;
  /** The request's absolute URL as the client sent it, for links in list answers. */
  requestUrl?: string;
}

/** The operation a proxied request was routed to. */
export interface DriftOperation {
  id: string;
  /** Upper-case. */
  method: string;
  /** The spec's path template. */
  path: string;
}

export interface EngineOptions {
  dynamic: boolean;
  seed?: string;
  /** Answers valid requests of stateful operations from the store instead of from examples. */
  state?: StateAnswerer;
  /** The API's declaration (error shape, message field), stateful mode. */
  behaviour?: ApiBehaviour;
  /** Stateful mode's steps around the answer: the API's auth and rate limits, injected faults. */
  policies?: RequestPolicies;
}

export interface RequestPolicies {
  auth?: AuthGuard;
  rateLimiter?: RateLimiter;
  faults?: FaultInjector;
}

export interface PrismInput {
  /** The request as received, method, path, query and body: what the validation memo keys on. */
  memoKey?: string;
  method: string;
  url: { path: string; baseUrl?: string; query: Record<string, string | string[]> };
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface ProblemJsonErrorLike extends Error {
  status?: number;
  detail?: string;
  additional?: { headers?: Record<string, string> } & Record<string, unknown>;
}

export interface PrismOperation {
  id: string;
  iid?: string;
  method: string;
  path: string;
  [key: string]: unknown;
}

type RouteFn = (args: { resources: PrismOperation[]; input: PrismInput }) => E.Either<Error, PrismOperation>;

interface PrismOutput {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type MockFn = (args: {
  resource: PrismOperation;
  input: { data: PrismInput; validations: PrismValidation[] };
  config: Record<string, unknown>;
}) => (logger: unknown) => E.Either<Error, PrismOutput>;

type ValidateFn = (args: {
  resource: PrismOperation;
  element: PrismInput;
}) => E.Either<PrismValidation[], PrismInput>;

type ValidateOutputFn = (args: {
  resource: PrismOperation;
  element: PrismOutput;
}) => E.Either<PrismValidation[], PrismOutput>;

interface PrismValidation {
  path?: string[];
  severity: number;
  code: string | number;
  message: string;
}

interface PrismResult {
  output: { statusCode: number; headers?: Record<string, string>; body?: unknown };
  validations: { input: PrismValidation[]; output: PrismValidation[] };
}

const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];
const MAX_SAFE_HEADER_LENGTH = 8 * 1024 - 100;

export class PrismEngine {
  private constructor(
    private readonly document: OpenApiDocument,
    readonly operations: PrismOperation[],
    private readonly components: Components,
    private readonly config: PrismConfig,
    private readonly state: StateAnswerer | undefined,
    private readonly policies: RequestPolicies,
    private readonly behaviour: ApiBehaviour | undefined,
  ) {}

  /** Outputs made from state answers, by answer body (see answerFromState). */
  private readonly stateOutputs = new WeakMap<object, PrismOutput>();

  /**
   * @param precomputed Prism's operations for the document, as `getHttpOperationsFromSpec` made
   *   them at build time (dist/specs/<api>.operations.json); computed here when absent.
   */
  static async create(
    document: OpenApiDocument,
    options: EngineOptions,
    precomputed?: unknown[],
  ): Promise<PrismEngine> {
    const operations = (precomputed ?? (await parseOperations(document))) as PrismOperation[];
    if (options.dynamic) preloadFaker();
    if (operations.length === 0) throw new Error('No operations found in the document.');
    const components: Components = {
      route: memoizedRoute(operations),
      validateSecurity: memoizedValidation(prismValidator.validateSecurity),
      validateInput: memoizedValidation(prismValidator.validateInput),
      mock: memoizedMock(),
      validateOutput: memoizedValidateOutput(),
      // prism-core hands the mocker a NEGOTIATOR child logger; the mock's logs are silent, so one
      // child serves every request.
      negotiatorLogger: (createLogger('MOCK', { level: 'silent' }) as Logger).child({ name: 'NEGOTIATOR' }),
    };
    // The same configuration `prism mock` builds (prism-cli createServer.js).
    const config: PrismConfig = {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      mock: {
        dynamic: options.dynamic,
        ignoreExamples: false,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      },
    };
    // The policies are stateful mode's: `--static` stays Prism's pipeline exactly.
    return new PrismEngine(
      document,
      operations,
      components,
      config,
      options.state,
      options.state ? (options.policies ?? {}) : {},
      options.state ? options.behaviour : undefined,
    );
  }

  handle(received: MockRequest): MockResponse {
    // Stateful mode: the mock's own Prefer keys (`fail=`, `latency=`) are taken out before Prism
    // decodes the rest, so `code=`/`example=`/`dynamic=` keep working beside them and a Prefer
    // header with only the mock's keys still lets the store answer.
    const own = this.policies.faults ? takeMockPreferences(headerText(received.headers.prefer)) : undefined;
    if (own instanceof Error)
      return problemResponse({
        status: 400,
        title: 'Invalid Prefer header',
        detail: own.message,
        name: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      });
    const request = own ? withPrefer(received, own.rest) : received;
    const body = parseBody(request);
    if (body instanceof Error) {
      const shaped = this.errorAnswer(
        'malformedJson',
        request.method,
        request.path,
        body.message.replace(/^The body is not valid JSON: /, ''),
      );
      if (shaped) return shaped;
      return problemResponse({
        status: 400,
        title: 'Invalid JSON',
        detail: body.message,
        name: 'https://stoplight.io/prism/errors#INVALID_JSON',
      });
    }
    const input = toPrismInput(request, body, { serverParam: true });
    const preferences = requestPreferences(input);
    if (E.isLeft(preferences)) return problemResponse(preferences.left);
    // A fresh mock config per request: Prism's mocker writes the Accept media types into it.
    const config = { ...this.config, mock: { ...this.config.mock, ...preferences.right } };
    const stated = preferences === NO_PREFERENCES ? request : undefined;
    const { result, operationId, delayMs } = this.request(input, config, stated, own);
    const delay = delayMs > 0 ? { delayMs } : {};
    if (E.isLeft(result)) return { ...problemResponse(result.left), operationId, ...delay };

    const { output, validations } = result.right;
    const violations = [
      ...validations.input.map(toViolation('request')),
      ...validations.output.map(toViolation('response')),
    ];
    const headers: Record<string, string> = {};
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name] = String(value);
    let payload: string | undefined;
    try {
      payload = serializeOnce(output, findHeader(headers, 'content-type'));
    } catch (error) {
      return { ...problemResponse(error as ProblemJsonErrorLike), operationId, violations, ...delay };
    }
    return { status: output.statusCode, headers, body: payload, operationId, violations, ...delay };
  }

  /**
   * Proxy mode's request half: which operation this is, and what in its parameters and body the
   * spec forbids. Nothing is refused or answered here: the upstream decides, the report says.
   */
  inspect(request: MockRequest): { operation: DriftOperation | undefined; findings: DriftFinding[] } {
    const method = request.method.toUpperCase();
    const body = parseBody(request);
    // Only routed and checked: Prism's `__server` override means nothing to the upstream.
    const input = toPrismInput(request, body instanceof Error ? null : body, { serverParam: false });
    const routed = this.components.route({ resources: this.operations, input });
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
    const checked = this.components.validateInput({ resource, element: input });
    // Parameters as Prism's validator words them; the body by the drift checks below (which also
    // see properties an open schema does not list).
    for (const violation of E.isLeft(checked) ? checked.left : []) {
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
        typeof body === 'string' &&
        contentType &&
        typeIs.is(contentType, ['application/x-www-form-urlencoded'])
          ? parseForm(body)
          : body;
      if (typeof parsed === 'object')
        findings.push(
          ...checkRequestBody(this.document as unknown as DriftSpec, {
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
  inspectAnswer(
    operation: DriftOperation,
    answer: { status: number; contentType: string | undefined; body: string | undefined },
  ): DriftFinding[] {
    return checkResponse(this.document as unknown as DriftSpec, {
      method: operation.method,
      path: operation.path,
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body,
    });
  }

  /**
   * prism-core's `factory().request` for the mock (non-proxy) case, step for step, without the
   * TaskEither plumbing: route, check security and validate the request, mock, validate the
   * response. Components are Prism's own (some memoized, see below).
   */
  private request(
    input: PrismInput,
    config: PrismConfig,
    /** The request, when the store may answer it (no Prefer override). */
    stateful: MockRequest | undefined,
    /** The mock's own preferences (stateful mode). */
    own?: MockPreferences,
  ): {
    result: E.Either<ProblemJsonErrorLike, PrismResult>;
    operationId: string | undefined;
    delayMs: number;
  } {
    const { components } = this;
    const routed = components.route({ resources: this.operations, input });
    if (E.isLeft(routed)) {
      const error = routed.left as ProblemJsonErrorLike;
      if (error.status !== 405) return { result: routed, operationId: undefined, delayMs: 0 };
      // RFC 9110: a 405 names the methods the path has (Prism's answer lacks `Allow`).
      const allow = this.allowedMethods(input.url.path);
      const shaped = stateful
        ? this.shapedError('methodNotAllowed', `"${input.method.toUpperCase()}"`)
        : undefined;
      if (shaped) {
        const output = { ...shaped, headers: { ...shaped.headers, Allow: allow } };
        return {
          result: E.right({ output, validations: { input: [], output: [] } }),
          operationId: undefined,
          delayMs: 0,
        };
      }
      const withAllow = Object.assign(Object.create(Object.getPrototypeOf(error)), error, {
        additional: { ...error.additional, headers: { ...error.additional?.headers, Allow: allow } },
      });
      return { result: E.left(withAllow), operationId: undefined, delayMs: 0 };
    }
    const resource = routed.right;
    // Fault injection (stateful mode) comes first: a faulted request never reaches state.
    const plan = own ? this.policies.faults?.plan(own, documentedStatuses(resource)) : undefined;
    const delayMs = plan?.delayMs ?? 0;
    if (plan?.status !== undefined) {
      const retryAfter =
        plan.retryAfterSeconds !== undefined ? { 'Retry-After': String(plan.retryAfterSeconds) } : undefined;
      const output = this.apiErrorOutput(plan.status, `Injected fault: ${plan.status}.`, retryAfter);
      return { ...this.validated(resource, output, [], config), delayMs };
    }
    const checks = [
      config.checkSecurity ? components.validateSecurity({ resource, element: input }) : undefined,
      config.validateRequest ? components.validateInput({ resource, element: input }) : undefined,
    ];
    // eitherSequence with the NonEmptyArray semigroup: every failure, in order.
    const inputValidations = checks.flatMap((check) => (check && E.isLeft(check) ? check.left : []));
    // OpenAPI's `allowEmptyValue` is false by default: `?dir=` is a value to validate, not an
    // absent parameter (Prism lets it pass). Checked in stateful mode; static stays Prism's.
    if (stateful && this.state)
      inputValidations.push(
        ...emptyQueryViolations(this.state.model.operations.get(resource.iid ?? ''), input),
      );
    // The API's own credential checks, then its rate limits, for a credential Prism found present.
    const admitted = inputValidations.some((validation) => String(validation.code) === '401')
      ? undefined
      : this.admit(resource, input);
    if (admitted) return { ...this.validated(resource, admitted, inputValidations, config), delayMs };
    // The answer step: the store for a valid request to a stateful operation, else Prism's mocker.
    // Only a request Prism accepted (security and input) can reach the store.
    const stateOperation =
      stateful && !inputValidations.some((validation) => validation.severity === 0)
        ? this.state?.stateful(resource.iid)
        : undefined;
    let mocked = stateOperation
      ? this.answerFromState(stateOperation, resource, input, config, stateful as MockRequest)
      : components.mock({
          resource,
          input: { data: input, validations: inputValidations },
          config: config.mock,
        })(components.negotiatorLogger);
    if (stateful && this.state) mocked = this.inApiShape(mocked, resource, input, inputValidations);
    if (E.isLeft(mocked)) return { result: mocked, operationId: resource.iid, delayMs };
    return { ...this.validated(resource, mocked.right, inputValidations, config), delayMs };
  }

  /** Every answer, whoever made it, leaves through the same output validation. */
  private validated(
    resource: PrismOperation,
    output: PrismOutput,
    inputValidations: PrismValidation[],
    config: PrismConfig,
  ): { result: E.Either<ProblemJsonErrorLike, PrismResult>; operationId: string | undefined } {
    const checked = config.validateResponse
      ? this.components.validateOutput({ resource, element: output })
      : E.right(output);
    const outputValidations = E.isLeft(checked) ? checked.left : [];
    return {
      result: E.right({ output, validations: { input: inputValidations, output: outputValidations } }),
      operationId: resource.iid,
    };
  }

  /**
   * The API's credential check and rate limit for a request Prism's security step let through:
   * a refusal (or the API's own answer, a renewed token) as output, undefined to go on.
   */
  private admit(resource: PrismOperation, input: PrismInput): PrismOutput | undefined {
    const { auth, rateLimiter } = this.policies;
    if (!auth && !rateLimiter) return undefined;
    const now = Date.now();
    const authorization = headerText(input.headers.authorization);
    const outcome = auth
      ? auth.check(resource.iid, authorization, now)
      : { ok: true as const, credential: authorization };
    if (!outcome.ok) return this.apiErrorOutput(outcome.status, outcome.message);
    const waitSeconds = rateLimiter?.take(resource.iid, outcome.credential, now);
    if (waitSeconds !== undefined)
      return this.apiErrorOutput(429, 'Rate limit exceeded. Retry after the time in Retry-After.', {
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

  /** An error in the API's own shape (`errors.body` of its behaviour). */
  private apiErrorOutput(status: number, message: string, headers?: Record<string, string>): PrismOutput {
    const body = this.behaviour?.errors?.body(status, message) ?? { message };
    return { statusCode: status, headers: { 'Content-type': 'application/json', ...headers }, body };
  }

  /**
   * An error the engine answers before routing (malformed JSON) or the server before the engine
   * (an oversized body), in the API's own shape: stateful mode only (undefined otherwise, and the
   * caller answers Prism's problem+json). Validated against the operation's responses when the
   * path and method name one.
   */
  errorAnswer(kind: ErrorKind, method: string, path: string, detail: string): MockResponse | undefined {
    if (!this.state) return undefined;
    const output = this.shapedError(kind, detail);
    if (!output) return undefined;
    const routed = this.components.route({
      resources: this.operations,
      input: { method: method.toLowerCase(), url: { path, query: {} }, headers: {}, body: null },
    });
    const resource = E.isRight(routed) ? routed.right : undefined;
    const checked = resource
      ? this.components.validateOutput({ resource, element: output })
      : E.right(output);
    const violations = E.isLeft(checked) ? checked.left.map(toViolation('response')) : [];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
    return {
      status: output.statusCode,
      headers,
      body: JSON.stringify(output.body),
      operationId: resource?.iid,
      violations,
    };
  }

  private shapedError(kind: ErrorKind, detail: string): PrismOutput | undefined {
    const shaped = this.state ? apiError(this.behaviour?.errors, kind, detail) : undefined;
    if (!shaped) return undefined;
    return { statusCode: shaped.status, headers: { 'Content-type': 'application/json' }, body: shaped.body };
  }

  /** The API's 415, naming the content type the request sent. */
  private unsupportedMediaType(input: PrismInput): PrismOutput | undefined {
    const type = findHeader(input.headers as Record<string, string>, 'content-type') ?? '';
    return this.shapedError('unsupportedMediaType', `"${type}"`);
  }

  /** The methods an operation path has, for `Allow`. */
  private allowedMethods(path: string): string {
    const segments = path.split('/');
    const methods = new Set<string>();
    for (const operation of this.operations) {
      const template = operation.path.split('/');
      if (
        template.length === segments.length &&
        template.every(
          (part, index) => /^\{[^}]+\}$/.test(part) || part === decodeFragment(segments[index] ?? ''),
        )
      )
        methods.add(operation.method.toUpperCase());
    }
    return [...methods].sort().join(', ');
  }

  /**
   * Stateful mode: a refused request answers in the API's own shape. Skilljar (DRF) gets 400 with
   * the field map built from the violations, where its spec documents that 400; other APIs keep
   * the spec's error answer with its message naming the actual violations; an unsupported content
   * type (Prism's 415 problem) becomes the API's 415.
   */
  private inApiShape(
    mocked: E.Either<Error, PrismOutput>,
    resource: PrismOperation,
    input: PrismInput,
    validations: PrismValidation[],
  ): E.Either<Error, PrismOutput> {
    const state = this.state as StateAnswerer;
    if (E.isLeft(mocked)) {
      const error = mocked.left as ProblemJsonErrorLike;
      if (error.status !== 415) return mocked;
      return E.fromNullable(mocked.left)(this.unsupportedMediaType(input));
    }
    const errors = validations.filter((validation) => validation.severity === 0);
    // Security failures keep Prism's answer (the spec's 401 example, already in the API's shape).
    if (errors.length === 0 || errors.some((validation) => String(validation.code) === '401')) return mocked;
    // Prism answers an unsupported content type with the documented 4xx; the API answers 415.
    if (errors.some((validation) => String(validation.code) === '415')) {
      const shaped = this.unsupportedMediaType(input);
      if (shaped) return E.right(shaped);
    }
    const documented = (resource.responses as Array<{ code: string }> | undefined)?.some(
      ({ code }) => code === '400',
    );
    if (this.behaviour?.errors?.fieldMap && documented) {
      return E.right({
        statusCode: 400,
        headers: { 'Content-type': 'application/json' },
        body: fieldMap(errors),
      });
    }
    const output = mocked.right;
    const field = state.behaviour.errorMessageField;
    const body = output.body;
    if (output.statusCode < 400 || !body || typeof body !== 'object' || !(field in body)) return mocked;
    return E.right({ ...output, body: { ...(body as object), [field]: violationSummary(errors) } });
  }

  /**
   * The store's answer as a Prism output. Status line and headers come from the spec's response
   * for that status (as Prism's mocker builds them), the body from the store; a status the store
   * leaves to the spec (a 404, a delete's confirmation) is the spec's own example answer.
   */
  private answerFromState(
    operation: OperationModel,
    resource: PrismOperation,
    input: PrismInput,
    config: PrismConfig,
    request: MockRequest,
  ): E.Either<Error, PrismOutput> {
    const state = this.state as StateAnswerer;
    const specAnswer = (code: number) =>
      this.components.mock({
        resource,
        input: { data: input, validations: [] },
        config: { ...config.mock, dynamic: false, code: String(code) },
      })(this.components.negotiatorLogger);
    let result: ReturnType<StateAnswerer['answer']>;
    try {
      result = state.answer(operation, {
        operationId: operation.operationId,
        path: request.path,
        query: request.query,
        body: input.body,
        contentType: findHeader(request.headers as Record<string, string>, 'content-type'),
        session: request.session ?? DEFAULT_SESSION,
        requestUrl: new URL(request.requestUrl ?? `http://localhost${request.path}`),
        authorization: findHeader(request.headers as Record<string, string>, 'authorization'),
      });
    } catch (error) {
      if (!(error instanceof CapacityError)) throw error;
      const problem = mockProblem(
        507,
        'STATE_FULL',
        'Mock state is full',
        `${error.message} Reset it with POST /_state/reset or use another X-Mock-Session.`,
      );
      return E.right({
        statusCode: 507,
        headers: { 'content-type': 'application/problem+json' },
        body: problem,
      });
    }
    if ('specExample' in result) return specAnswer(operation.successStatus);
    if ('specStatus' in result) {
      const documented = specAnswer(result.specStatus);
      if (E.isRight(documented) && documented.right.statusCode === result.specStatus) {
        const field = state.behaviour.errorMessageField;
        const body = documented.right.body;
        if (result.message === undefined || !body || typeof body !== 'object' || !(field in body))
          return documented;
        return E.right({ ...documented.right, body: { ...(body as object), [field]: result.message } });
      }
      const title = result.specStatus === 404 ? 'Not found' : 'Bad request';
      return E.right({
        statusCode: result.specStatus,
        headers: { 'content-type': 'application/problem+json' },
        body: mockProblem(
          result.specStatus,
          result.specStatus === 404 ? 'NOT_FOUND' : 'BAD_REQUEST',
          title,
          result.detail,
        ),
      });
    }
    // The same stored answer (an unchanged list, an unchanged item) reuses its output, and with
    // it the validation and serialization already done for it.
    const reusable = result.body !== null && typeof result.body === 'object' && !result.headers;
    const seen = reusable ? this.stateOutputs.get(result.body as object) : undefined;
    if (seen && seen.statusCode === result.status) return E.right(seen);
    const template = specAnswer(result.status);
    const headers: Record<string, string> = {};
    if (E.isRight(template) && template.right.statusCode === result.status)
      for (const [name, value] of Object.entries(template.right.headers ?? {})) {
        if (result.body === undefined && name.toLowerCase() === 'content-type') continue;
        headers[name] = String(value);
      }
    if (result.body !== undefined && findHeader(headers, 'content-type') === undefined)
      headers['Content-type'] = 'application/json';
    const output = {
      statusCode: result.status,
      headers: { ...headers, ...result.headers },
      body: result.body,
    };
    if (reusable) this.stateOutputs.set(result.body as object, output);
    return E.right(output);
  }
}

export interface PrismConfig {
  validateRequest: boolean;
  validateResponse: boolean;
  checkSecurity: boolean;
  errors: boolean;
  mock: Record<string, unknown>;
}

interface Components {
  route: RouteFn;
  validateSecurity: ValidateFn;
  validateInput: ValidateFn;
  mock: MockFn;
  validateOutput: ValidateOutputFn;
  negotiatorLogger: unknown;
}

const NO_PREFERENCES = E.right({});

/**
 * The mock preferences of a request (Prefer header or __code/__example/__dynamic/__seed), decoded
 * by prism-http-server's own getHttpConfigFromRequest. Requests with neither skip the decoder.
 */
function requestPreferences(input: PrismInput): E.Either<ProblemJsonErrorLike, Record<string, unknown>> {
  const { query } = input.url;
  if (
    !input.headers.prefer &&
    !('__code' in query || '__dynamic' in query || '__seed' in query || '__example' in query)
  ) {
    return NO_PREFERENCES;
  }
  const decoded = (
    prismHttpConfig().getHttpConfigFromRequest as (input: PrismInput) => ReturnType<typeof requestPreferences>
  )(input);
  return E.isLeft(decoded) ? decoded : E.right(stripUndefined(decoded.right));
}

/** Prism's own parsing of a document into operations (what `prism mock` does at start-up). */
export function parseOperations(document: OpenApiDocument): Promise<unknown[]> {
  // json-schema-ref-parser dereferences in place: give it a copy.
  return prismOperations().getHttpOperationsFromSpec(structuredClone(document));
}

function parseBody(request: MockRequest): unknown {
  const length = request.headers['content-length'];
  if (length === '0' || (request.headers['transfer-encoding'] === undefined && length === undefined))
    return null;
  const text = (request.body ?? Buffer.alloc(0)).toString('utf8');
  const contentType = request.headers['content-type'];
  if (typeof contentType === 'string' && typeIs.is(contentType, ['application/json', 'application/*+json'])) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return new Error(`The body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text;
}

/**
 * The request as Prism's router and validators take it. `serverParam`: honour Prism's `__server`
 * query parameter (the mock does; proxy mode's inspection does not).
 */
function toPrismInput(
  request: MockRequest,
  body: unknown,
  { serverParam }: { serverParam: boolean },
): PrismInput {
  const server = serverParam ? request.query.get('__server') : null;
  return {
    memoKey: `${request.method} ${request.path}?${request.rawQuery}\n${request.body?.toString('utf8') ?? ''}`,
    method: request.method.toLowerCase(),
    url: {
      path: request.path,
      ...(server ? { baseUrl: server } : {}),
      query: searchParamsToNameValues(request.query),
    },
    headers: request.headers,
    body,
  };
}

/** A declared query parameter sent with an empty value, unless the spec allows empty values. */
function emptyQueryViolations(operation: OperationModel | undefined, input: PrismInput): PrismValidation[] {
  if (!operation || operation.queryParams.length === 0) return [];
  const violations: PrismValidation[] = [];
  for (const parameter of operation.queryParams) {
    if (parameter.allowEmptyValue) continue;
    const value = input.url.query[parameter.name];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.some((entry) => entry === ''))
      violations.push({
        path: ['query', parameter.name],
        severity: 0,
        code: 'empty',
        message: `Request query parameter ${parameter.name} must not be empty`,
      });
  }
  return violations;
}

function searchParamsToNameValues(searchParams: URLSearchParams): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (searchParams.size === 0) return params;
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    params[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return params;
}

/** A header's value as one string (repeated headers joined as HTTP joins them). */
function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request with its Prefer header replaced (removed when `prefer` is undefined). */
function withPrefer(request: MockRequest, prefer: string | undefined): MockRequest {
  if (headerText(request.headers.prefer) === prefer) return request;
  const { prefer: _removed, ...headers } = request.headers;
  return { ...request, headers: prefer === undefined ? headers : { ...headers, prefer } };
}

/** The statuses an operation documents (not `default`). */
function documentedStatuses(resource: PrismOperation): number[] {
  const responses = (resource.responses ?? []) as Array<{ code: string }>;
  return responses.map(({ code }) => Number(code)).filter((code) => Number.isInteger(code));
}

function stripUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const toViolation =
  (prefix: 'request' | 'response') =>
  (detail: PrismValidation): Violation => ({
    location: [prefix, ...(detail.path ?? [])],
    severity: SEVERITY[detail.severity] ?? String(detail.severity),
    code: detail.code,
    message: detail.message,
  });

function violationHeader(violations: Violation[]): string {
  const value = JSON.stringify(violations);
  return value.length > MAX_SAFE_HEADER_LENGTH
    ? `Too many violations! ${value.substring(0, MAX_SAFE_HEADER_LENGTH)}`
    : value;
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Prism's error answer: problem+json built by ProblemJsonError.toProblemJson. */
export function problemResponse(
  error: ProblemJsonErrorLike | { status: number; title: string; detail: string; name: string },
): MockResponse {
  const problem =
    error instanceof Error
      ? ProblemJsonError.toProblemJson(error as never)
      : { type: error.name, title: error.title, status: error.status, detail: error.detail };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  const extra = error instanceof Error ? error.additional?.headers : undefined;
  for (const [name, value] of Object.entries(extra ?? {})) headers[name] = String(value);
  return {
    status: (error as { status?: number }).status || 500,
    headers,
    body: JSON.stringify(problem),
    operationId: undefined,
    violations: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Speed without divergence. Prism does per request what is the same for every request of an
// operation; the wrappers below do it once and reuse the result. Each calls Prism's own function
// and only skips work whose inputs are identical, so the answers are Prism's answers (the
// differential test against `prism mock` holds them to that).

/** Memo sizes: request lines per API, validation answers per operation. Bounded, so memory is too. */
const ROUTE_MEMO_SIZE = 4096;
const VALIDATION_MEMO_SIZE = 512;

/**
 * Prism's router scores and sorts every operation of the document, then matches each path. Two
 * savings, both exact:
 * - An operation can only match a request with as many path segments whose literal segments are
 *   equal (matchPath answers NOMATCH otherwise, which never affects the result), so only those
 *   candidates are handed to the router, in document order (the sort is stable).
 * - When every template segment is a whole `{name}`, which candidates match, how they score and
 *   which one wins depend on the candidate set and the method only, not on the values in the
 *   path: a successful answer is remembered per (method, candidate set). Paths with `%` or `{`,
 *   where raw and decoded segments can differ, and errors (whose text names the path) always go
 *   to Prism's router.
 */
function memoizedRoute(operations: PrismOperation[]): RouteFn {
  const shapes = operations.map((operation, index) => {
    const fragments = operation.path.split('/').slice(1).map(decodeFragment);
    const literals = fragments.flatMap((fragment, at) => (/{(.+)}/.test(fragment) ? [] : [{ at, fragment }]));
    return { operation, index, count: fragments.length, literals };
  });
  // Operations grouped by segment count: only a group of the request's length can match.
  const byCount = new Map<number, typeof shapes>();
  for (const shape of shapes) byCount.set(shape.count, [...(byCount.get(shape.count) ?? []), shape]);
  const wholeTemplates = operations.every((operation) =>
    operation.path.split('/').every((fragment) => !/{(.+)}/.test(fragment) || /^{[^{}]+}$/.test(fragment)),
  );
  const memo = new Map<string, E.Either<Error, PrismOperation>>();
  // The same request line again: its answer, without looking at the candidates.
  const byRequestLine = new BoundedCache<string, E.Either<Error, PrismOperation>>(ROUTE_MEMO_SIZE);
  return (args) => {
    const { input } = args;
    const { path } = input.url;
    // A server override changes how routing treats servers: leave that to Prism untouched.
    if (input.url.baseUrl || !path.startsWith('/')) return defaultRoute(args);
    const line = `${input.method} ${path}`;
    const seen = byRequestLine.get(line);
    if (seen) return seen;
    const fragments = path.split('/').slice(1).map(decodeFragment);
    const candidates = (byCount.get(fragments.length) ?? []).filter(({ literals }) =>
      literals.every(({ at, fragment }) => fragments[at] === fragment),
    );
    // None can match: any one operation makes Prism answer its own "no path matched" error.
    if (candidates.length === 0) return defaultRoute({ ...args, resources: operations.slice(0, 1) });
    const resources = candidates.map(({ operation }) => operation);
    if (!wholeTemplates || path.includes('%') || path.includes('{'))
      return defaultRoute({ ...args, resources });
    const key = `${input.method} ${candidates.map(({ index }) => index).join(',')}`;
    let result = memo.get(key);
    if (!result) {
      result = defaultRoute({ ...args, resources });
      if (E.isLeft(result)) return result;
      memo.set(key, result);
    }
    byRequestLine.set(line, result);
    return result;
  };
}

/**
 * Prism's request validators (security and input) are pure functions of the operation and of the
 * parts of the request they read: path, query, body, and a few headers (Authorization, cookies,
 * the operation's declared header parameters and API-key headers, and the body's content headers).
 * Their answer is remembered per operation under exactly those parts.
 */
function memoizedValidation(validate: ValidateFn): ValidateFn {
  const memos = new WeakMap<
    PrismOperation,
    { headers: string[]; memo: BoundedCache<string, E.Either<PrismValidation[], PrismInput>> }
  >();
  return (args) => {
    const { resource, element } = args;
    let entry = memos.get(resource);
    if (!entry) {
      entry = { headers: headersRead(resource), memo: new BoundedCache(VALIDATION_MEMO_SIZE) };
      memos.set(resource, entry);
    }
    const key =
      element.memoKey !== undefined
        ? `${element.memoKey}\n${entry.headers.map((name) => element.headers[name] ?? '').join('\n')}`
        : JSON.stringify([element.method, element.url, element.headers, element.body]);
    const cached = entry.memo.get(key);
    // The validators answer Right(element): hand back this request's element, not the first one's.
    if (cached) return E.isRight(cached) ? E.right(element) : cached;
    const result = validate(args);
    entry.memo.set(key, result);
    return result;
  };
}

const BODY_HEADERS = ['content-type', 'content-length', 'transfer-encoding'];

/** The (lower-case) request headers Prism's validators look at for this operation. */
function headersRead(resource: PrismOperation): string[] {
  const names = new Set(['authorization', 'cookie', ...BODY_HEADERS]);
  const request = resource.request as { headers?: Array<{ name: string }> } | undefined;
  for (const header of request?.headers ?? []) names.add(header.name.toLowerCase());
  const security = (resource.security ?? []) as Array<Array<{ type?: string; in?: string; name?: string }>>;
  for (const scheme of security.flat()) {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name)
      names.add(scheme.name.toLowerCase());
  }
  return [...names].sort();
}

/** prism-http router's decodePathFragment. */
function decodeFragment(fragment: string): string {
  try {
    return fragment && decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * For a valid request in static mode, Prism's mocker picks the response from the operation and
 * the mock config (status code, example, Accept) alone: the request's values do not enter into it.
 * The output is computed once per such key and reused. Dynamic mode, callbacks and invalid
 * requests always go through Prism.
 */
function memoizedMock(): MockFn {
  const cache = new WeakMap<PrismOperation, Map<string, E.Either<Error, PrismOutput>>>();
  return (args) => {
    const { resource, input, config } = args;
    const cacheable =
      !config.dynamic &&
      !config.ignoreExamples &&
      !resource.callbacks &&
      !input.validations.some((validation) => validation.severity === 0);
    if (!cacheable) return defaultMock(args);
    const accept = findHeader(input.data.headers as Record<string, string>, 'accept') ?? '';
    const key = JSON.stringify([
      input.data.method,
      config.code,
      config.exampleKey,
      config.mediaTypes,
      accept,
    ]);
    return (logger) => {
      let perOperation = cache.get(resource);
      if (!perOperation) {
        perOperation = new Map();
        cache.set(resource, perOperation);
      }
      let result = perOperation.get(key);
      if (!result) {
        result = defaultMock(args)(logger);
        if (E.isRight(result)) perOperation.set(key, result);
      }
      return result;
    };
  };
}

/** Response validation of an output already validated (a reused mock output) is reused. */
function memoizedValidateOutput(): ValidateOutputFn {
  const cache = new WeakMap<PrismOutput, E.Either<PrismValidation[], PrismOutput>>();
  return (args) => {
    let result = cache.get(args.element);
    if (!result) {
      result = defaultValidateOutput(args);
      cache.set(args.element, result);
    }
    return result;
  };
}

const serialized = new WeakMap<
  PrismOutput,
  { contentType: string | undefined; payload: string | undefined }
>();

/** prism-http-server's serialize, once per reused output. */
function serializeOnce(output: PrismOutput, contentType: string | undefined): string | undefined {
  const cached = serialized.get(output);
  if (cached && cached.contentType === contentType) return cached.payload;
  const payload = serialize(output.body, contentType);
  serialized.set(output, { contentType, payload });
  return payload;
}
