// Reads the bundled Skilljar spec and turns every operation into a request the spec accepts
// (path parameters, required query parameters and body from the spec's examples) plus the answer
// the mock should give (the documented 2xx status and the first example of its JSON body).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'];

export interface SpecOperation {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/v1/courses/{course_id}`. */
  path: string;
  operationId: string;
  /** `operationId (METHOD path)`, for test names. */
  label: string;
  pathParams: Record<string, string>;
  /** Required query parameters only, set to their examples. */
  query: Record<string, unknown>;
  /** The first example of the JSON request body, when the operation takes one. */
  body: unknown;
  hasBody: boolean;
  /** Top-level properties the request body schema requires. */
  requiredBodyFields: string[];
  /** The lowest documented 2xx status. */
  successStatus: number;
  /** Whether the success response documents a JSON body. */
  hasJsonResponse: boolean;
  /** The first example of that JSON body. */
  responseExample: unknown;
}

interface JsonObject {
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);

/** The bundle written by `pnpm build` (spec/skilljar/dist/openapi.json). */
export function loadSkilljarSpec(): JsonObject {
  const file = require.resolve('@lms-apis/spec-skilljar/openapi.json');
  return asObject(JSON.parse(readFileSync(file, 'utf8')), file);
}

export function listOperations(document: JsonObject): SpecOperation[] {
  const spec = new Spec(document);
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(asObject(document.paths, 'paths'))) {
    const item = spec.resolve(rawItem);
    for (const method of METHODS) {
      const rawOperation = item[method.toLowerCase()];
      if (rawOperation === undefined) continue;
      operations.push(spec.describe(method, path, item, asObject(rawOperation, `${method} ${path}`)));
    }
  }
  return operations;
}

class Spec {
  constructor(private readonly document: JsonObject) {}

  /** Follows local `$ref`s (the bundle has only those) until a plain object remains. */
  resolve(value: unknown, seen: string[] = []): JsonObject {
    const object = asObject(value, seen.at(-1) ?? 'value');
    const ref = object.$ref;
    if (typeof ref !== 'string') return object;
    if (!ref.startsWith('#/') || seen.includes(ref)) throw new Error(`Cannot resolve $ref ${ref}.`);
    const target = ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => asObject(node, ref)[key], this.document);
    return this.resolve(target, [...seen, ref]);
  }

  describe(method: HttpMethod, path: string, item: JsonObject, operation: JsonObject): SpecOperation {
    const operationId = String(operation.operationId);
    const where = `${method} ${path}`;
    const parameters = [...asArray(item.parameters), ...asArray(operation.parameters)].map((parameter) =>
      this.resolve(parameter),
    );
    const pathParams: Record<string, string> = {};
    const query: Record<string, unknown> = {};
    for (const parameter of parameters) {
      const name = String(parameter.name);
      if (parameter.in === 'path') pathParams[name] = String(this.parameterExample(parameter, where));
      else if (parameter.in === 'query' && parameter.required === true)
        query[name] = this.parameterExample(parameter, where);
    }

    const requestBody = operation.requestBody === undefined ? undefined : this.resolve(operation.requestBody);
    const requestMedia = requestBody ? this.jsonMedia(requestBody, `${where} request body`) : undefined;
    if (requestBody && !requestMedia) throw new Error(`${where}: the request body has no JSON media type.`);

    const responses = asObject(operation.responses, `${where} responses`);
    const successStatus = Math.min(
      ...Object.keys(responses)
        .filter((status) => /^2\d\d$/.test(status))
        .map(Number),
    );
    if (!Number.isFinite(successStatus)) throw new Error(`${where}: no 2xx response documented.`);
    const success = this.resolve(responses[String(successStatus)]);
    const responseMedia = this.jsonMedia(success, `${where} ${successStatus} response`);

    return {
      method,
      path,
      operationId,
      label: `${operationId} (${where})`,
      pathParams,
      query,
      body: requestMedia ? this.firstExample(requestMedia, `${where} request body`) : undefined,
      hasBody: requestMedia !== undefined,
      requiredBodyFields: requestMedia ? this.requiredProperties(requestMedia.schema) : [],
      successStatus,
      hasJsonResponse: responseMedia !== undefined,
      responseExample: responseMedia
        ? this.firstExample(responseMedia, `${where} ${successStatus} response`)
        : undefined,
    };
  }

  private parameterExample(parameter: JsonObject, where: string): unknown {
    if (parameter.example !== undefined) return parameter.example;
    if (parameter.examples !== undefined) return this.firstExample(parameter, where);
    const schema = parameter.schema === undefined ? undefined : this.resolve(parameter.schema);
    const schemaExamples = asArray(schema?.examples);
    if (schemaExamples.length > 0) return schemaExamples[0];
    throw new Error(`${where}: parameter ${String(parameter.name)} has no example.`);
  }

  private jsonMedia(holder: JsonObject, where: string): JsonObject | undefined {
    if (holder.content === undefined) return undefined;
    const content = asObject(holder.content, where);
    const type = Object.keys(content).find((name) => /^application\/(.+\+)?json\b/.test(name));
    return type === undefined ? undefined : asObject(content[type], where);
  }

  /** `example`, else the value of the first entry of `examples` (what Prism serves by default). */
  private firstExample(media: JsonObject, where: string): unknown {
    if (media.example !== undefined) return media.example;
    const [first] = Object.values(asObject(media.examples ?? {}, where));
    if (first === undefined) throw new Error(`${where}: no example.`);
    return this.resolve(first).value;
  }

  /** Required properties of an object schema, through `allOf` and a single object branch of `oneOf`/`anyOf`. */
  private requiredProperties(rawSchema: unknown): string[] {
    if (rawSchema === undefined) return [];
    const schema = this.resolve(rawSchema);
    const required = asArray(schema.required).map(String);
    for (const part of asArray(schema.allOf)) required.push(...this.requiredProperties(part));
    for (const key of ['oneOf', 'anyOf']) {
      const objects = asArray(schema[key])
        .map((branch) => this.resolve(branch))
        .filter((branch) => branch.type === 'object');
      if (objects.length === 1) required.push(...this.requiredProperties(objects[0]));
    }
    return [...new Set(required)];
  }
}

function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asObject(value: unknown, where: string): JsonObject {
  if (!isJsonObject(value)) throw new Error(`${where}: expected an object.`);
  return value;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
