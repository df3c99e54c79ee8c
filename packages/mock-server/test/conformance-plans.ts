// The property test's plans: per API, one flow per collection the client can create in
// (create → read → update → list → delete → read), and a one-step flow for every other stateful
// operation, each step's query and body generated from the operation's own schemas.
import fc from 'fast-check';
import { buildApiModel, type OperationModel } from '../src/answerers/state/index.js';
import { behaviourFor } from '../src/apis/index.js';
import { idOf, isPlainObject, SchemaReader } from '../src/core/schema.js';
import { loadApis } from '../src/core/specs.js';
import { SPECS_DIR, specOperations } from './requests.js';
import { arbitraryFor } from './schema-arbitrary.js';

export interface Step {
  api: string;
  operation: OperationModel;
  /** The example request's concrete path (parents that exist in the seed). */
  examplePath: string;
  headers: Record<string, string>;
  /** The item parameter the created item's id fills, for steps after a create. */
  itemParam: string | undefined;
  idField: string | undefined;
  inputs: fc.Arbitrary<StepInput>;
}

export interface StepInput {
  /** Now and then, other values for the parents the path names (most likely none stored). */
  parents: Record<string, string> | null;
  query: Array<[string, string]>;
  body: { contentType: string; text: string } | undefined;
}

export type Flow = Step[];

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  explode?: boolean;
  schema?: unknown;
}

export function flowsOf(): Flow[] {
  const flows: Flow[] = [];
  for (const { name: api, document } of loadApis(SPECS_DIR)) {
    const reader = new SchemaReader(document);
    const model = buildApiModel(document, behaviourFor(api));
    const examples = new Map(specOperations(api).map((op) => [op.operation.operationId, op]));
    type RawOperation = { parameters?: unknown[]; requestBody?: unknown };
    const paths = document.paths as Record<string, Record<string, RawOperation> & { parameters?: unknown[] }>;
    const stepOf = (operation: OperationModel): Step => {
      const example = examples.get(operation.operationId);
      const item = paths[operation.template] ?? {};
      const raw: RawOperation = item[operation.method.toLowerCase()] ?? {};
      const all = [...(item.parameters ?? []), ...(raw.parameters ?? [])]
        .map((node) => reader.resolve<RawParameter>(node))
        .filter((parameter): parameter is RawParameter => parameter !== undefined);
      const parameters = all.filter((parameter) => parameter.in === 'query');
      const parentParams = new Set(operation.parents.map(({ param }) => param));
      const parents = all.filter((parameter) => parameter.in === 'path' && parentParams.has(parameter.name));
      const collection = operation.collection;
      return {
        api,
        operation,
        examplePath: example?.path ?? operation.template,
        headers: { authorization: example?.headers.authorization ?? '' },
        itemParam: collection?.itemParam,
        idField: collection?.idField,
        inputs: fc.record({
          parents: parentsArbitrary(reader, parents),
          query: queryArbitrary(reader, parameters),
          body: bodyArbitrary(reader, raw.requestBody),
        }),
      };
    };
    const stateful = [...model.operations.values()].filter((operation) => operation.kind !== 'static');
    const covered = new Set<string>();
    for (const create of stateful.filter((operation) => operation.kind === 'create')) {
      const collection = create.collection;
      if (!collection) continue;
      const order = ['read', 'update', 'replace', 'list', 'delete', 'read'];
      const rest = order.flatMap((kind) =>
        stateful.filter((operation) => operation.collection === collection && operation.kind === kind),
      );
      for (const operation of [create, ...rest]) covered.add(operation.operationId);
      flows.push([create, ...rest].map(stepOf));
    }
    for (const operation of stateful)
      if (!covered.has(operation.operationId)) flows.push([stepOf(operation)]);
  }
  return flows;
}

function parentsArbitrary(
  reader: SchemaReader,
  parameters: RawParameter[],
): fc.Arbitrary<Record<string, string> | null> {
  if (parameters.length === 0) return fc.constant(null);
  const values = fc.record(
    Object.fromEntries(
      parameters.map((parameter) => [parameter.name, arbitraryFor(reader, parameter.schema).map(String)]),
    ),
  );
  return fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: values });
}

function queryArbitrary(
  reader: SchemaReader,
  parameters: RawParameter[],
): fc.Arbitrary<Array<[string, string]>> {
  const parts = parameters.map((parameter) => {
    // Joined lists (`explode: false`) cannot carry a comma inside an entry.
    const joined = parameter.explode === false;
    const value = arbitraryFor(reader, parameter.schema)
      .filter(
        (generated) =>
          !joined || !Array.isArray(generated) || generated.every((entry) => !String(entry).includes(',')),
      )
      .map((generated) => serialize(parameter, generated));
    return parameter.required ? value : fc.option(value, { freq: 3 }).map((pairs) => pairs ?? []);
  });
  return fc.tuple(...parts).map((pairs) => pairs.flat());
}

/** A query value as OpenAPI's default `form` style sends it (arrays repeated, or joined when `explode: false`). */
function serialize(parameter: RawParameter, value: unknown): Array<[string, string]> {
  if (!Array.isArray(value)) return [[parameter.name, String(value)]];
  // An empty list has no form serialization (`ids=` is one empty value): the parameter is left out.
  if (value.length === 0) return [];
  if (parameter.explode === false) return [[parameter.name, value.map(String).join(',')]];
  return value.map((entry) => [parameter.name, String(entry)] as [string, string]);
}

function bodyArbitrary(reader: SchemaReader, node: unknown): fc.Arbitrary<StepInput['body']> {
  const body = reader.resolve<{ content?: Record<string, { schema?: unknown }> }>(node);
  const content = body?.content ?? {};
  const json = content['application/json'];
  const form = content['application/x-www-form-urlencoded'];
  const media = json ?? form;
  if (!media) return fc.constant(undefined);
  // A form body where the operation takes one and the value has a form (flat, no nulls, not
  // empty): form bodies are where numbers and booleans arrive as strings.
  return fc
    .tuple(arbitraryFor(reader, media.schema), fc.boolean())
    .map(([value, asForm]) =>
      form && (asForm || !json) && formEncodable(value)
        ? { contentType: 'application/x-www-form-urlencoded', text: formEncode(value) }
        : { contentType: 'application/json', text: JSON.stringify(value) },
    );
}

function formEncodable(value: unknown): boolean {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return false;
  return Object.values(value).every((field) =>
    (Array.isArray(field) ? field : [field]).every((entry) => entry !== null && typeof entry !== 'object'),
  );
}

function formEncode(value: unknown): string {
  const form = new URLSearchParams();
  for (const [name, field] of Object.entries(isPlainObject(value) ? value : {}))
    for (const entry of Array.isArray(field) ? field : [field])
      form.append(name, isPlainObject(entry) ? JSON.stringify(entry) : String(entry));
  return form.toString();
}

/** The created item's id in a create's answer (wrapped in `data` or not). */
export function createdId(
  body: unknown,
  idField: string | undefined,
  wrapper: string | undefined,
): string | undefined {
  if (!isPlainObject(body) || !idField) return undefined;
  const item = wrapper && isPlainObject(body[wrapper]) ? body[wrapper] : body;
  return idOf(item as Record<string, unknown>, idField);
}
