// Prism as the pipeline uses it: its router, security and input validators, mocker and output
// validator, called in-process as @stoplight/prism-http-server's handler calls them, several of
// them memoized (route-memo, validation-memo, answer-memo). One adapter per API document.
import * as E from 'fp-ts/lib/Either.js';
import type { OpenApiDocument } from '../../core/specs.js';
import { findHeader } from '../request.js';
import { memoizedMock, memoizedValidateOutput, serializeOnce } from './answer-memo.js';
import {
  preloadFaker,
  prismCore,
  prismOperations,
  prismValidator as prismValidatorModule,
} from './modules.js';
import { decodeFragment, memoizedRoute } from './route-memo.js';
import type {
  Components,
  Logger,
  PrismConfig,
  PrismInput,
  PrismOperation,
  PrismOutput,
  PrismValidation,
  ValidateFn,
} from './types.js';
import { memoizedValidation } from './validation-memo.js';

const createLogger = prismCore.createLogger as (name: string, options: Record<string, unknown>) => Logger;
const prismValidator = prismValidatorModule as { validateInput: ValidateFn; validateSecurity: ValidateFn };

/** Prism's own parsing of a document into operations (what `prism mock` does at start-up). */
export function parseOperations(document: OpenApiDocument): Promise<unknown[]> {
  // json-schema-ref-parser dereferences in place: give it a copy.
  return prismOperations().getHttpOperationsFromSpec(structuredClone(document));
}

export class PrismAdapter {
  private constructor(
    readonly document: OpenApiDocument,
    readonly operations: PrismOperation[],
    private readonly components: Components,
    /** The configuration `prism mock` builds (prism-cli createServer.js). */
    readonly config: PrismConfig,
  ) {}

  /**
   * @param precomputed Prism's operations for the document, as `getHttpOperationsFromSpec` made
   *   them at build time (dist/specs/<api>.operations.json); computed here when absent.
   */
  static async create(
    document: OpenApiDocument,
    options: { dynamic: boolean; seed?: string },
    precomputed?: unknown[],
  ): Promise<PrismAdapter> {
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
    return new PrismAdapter(document, operations, components, config);
  }

  route(input: PrismInput): E.Either<Error, PrismOperation> {
    return this.components.route({ resources: this.operations, input });
  }

  /** Prism's security check, then its input validation: every failure, in order. */
  checkInput(resource: PrismOperation, input: PrismInput, config: PrismConfig): PrismValidation[] {
    const { components } = this;
    const checks = [
      config.checkSecurity ? components.validateSecurity({ resource, element: input }) : undefined,
      config.validateRequest ? components.validateInput({ resource, element: input }) : undefined,
    ];
    return checks.flatMap((check) => (check && E.isLeft(check) ? check.left : []));
  }

  /** Input validation alone (proxy mode reports what it finds instead of refusing). */
  validateInput(resource: PrismOperation, input: PrismInput): PrismValidation[] {
    const checked = this.components.validateInput({ resource, element: input });
    return E.isLeft(checked) ? checked.left : [];
  }

  /** Prism's mocker: the spec's answer for the request (or for `code`, when given). */
  mock(
    resource: PrismOperation,
    input: PrismInput,
    validations: PrismValidation[],
    mockConfig: Record<string, unknown>,
  ): E.Either<Error, PrismOutput> {
    return this.components.mock({ resource, input: { data: input, validations }, config: mockConfig })(
      this.components.negotiatorLogger,
    );
  }

  /** The spec's own example answer for one status (static, whatever `--dynamic` says). */
  specAnswer(resource: PrismOperation, input: PrismInput, code: number): E.Either<Error, PrismOutput> {
    return this.mock(resource, input, [], { ...this.config.mock, dynamic: false, code: String(code) });
  }

  validateOutput(resource: PrismOperation, output: PrismOutput): PrismValidation[] {
    const checked = this.components.validateOutput({ resource, element: output });
    return E.isLeft(checked) ? checked.left : [];
  }

  serialize(output: PrismOutput, headers: Record<string, string>): string | undefined {
    return serializeOnce(output, findHeader(headers, 'content-type'));
  }

  /** The methods an operation path has, for `Allow`. */
  allowedMethods(path: string): string {
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
}
