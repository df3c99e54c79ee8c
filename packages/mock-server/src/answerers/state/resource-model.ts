// The resource model, derived from a spec rather than written per endpoint: a path and the same
// path plus `/{param}` are a collection and its items; nested collections are scoped to their
// parent's concrete path; the method says list, create, read, replace, update or delete. What a
// name match cannot infer comes from the API's declaration (apis/<api>.ts).

import { type Schema, SchemaReader } from '../../core/schema.js';
import type { OpenApiDocument } from '../../core/specs.js';
import { classify } from './classify.js';
import { deriveCollection } from './collection-model.js';
import type { ModelDeclaration } from './declarations.js';
import type { ApiModel, CollectionModel, OperationModel, Parameter, RawOperation } from './model-types.js';

export type {
  ApiModel,
  CollectionModel,
  OperationKind,
  OperationModel,
  SeedItem,
} from './model-types.js';
export { concretePath, exampleParams } from './seeds.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;

export function buildApiModel(document: OpenApiDocument, behaviour: ModelDeclaration): ApiModel {
  const reader = new SchemaReader(document);
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const templates = Object.keys(paths);
  const collections = new Map<string, CollectionModel>();
  const operations = new Map<string, OperationModel>();

  const collectionFor = (template: string): CollectionModel | undefined => {
    const existing = collections.get(template);
    if (existing) return existing;
    const created = deriveCollection(reader, paths, templates, template, behaviour);
    if (created) collections.set(template, created);
    return created;
  };

  // Every collection the paths describe exists, even where only custom handlers use it.
  for (const template of templates) if (!/\}$/.test(template)) collectionFor(template);
  for (const template of templates) {
    const item = paths[template] as Record<string, unknown>;
    for (const method of METHODS) {
      const operation = item[method] as RawOperation | undefined;
      if (!operation?.operationId) continue;
      const parameters = [...((item.parameters as unknown[]) ?? []), ...(operation.parameters ?? [])]
        .map((node) => reader.resolve<Parameter>(node))
        .filter((parameter): parameter is Parameter => parameter !== undefined);
      const base = baseOperation(reader, template, method, operation, parameters);
      operations.set(
        base.operationId,
        classify(base, operation, parameters, collectionFor, reader, behaviour),
      );
    }
  }
  const collectionsBySchema = new Map<Schema, CollectionModel>();
  // Top-level collections only: an embedded object names an entity by its id, not by its parent.
  for (const collection of collections.values())
    if (collection.itemSchema && !collection.template.includes('{'))
      if (!collectionsBySchema.has(collection.itemSchema))
        collectionsBySchema.set(collection.itemSchema, collection);
  for (const operation of operations.values()) operation.parents = parentsOf(operation.template, collections);
  return { operations, collections: [...collections.values()], reader, collectionsBySchema };
}

function baseOperation(
  reader: SchemaReader,
  template: string,
  method: string,
  operation: RawOperation,
  parameters: Parameter[],
): OperationModel {
  const responses = operation.responses ?? {};
  const successStatus = Number(
    Object.keys(responses)
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0] ?? 200,
  );
  const bodySchema = requestSchema(reader, operation);
  const named = bodySchema ? Object.keys(reader.properties(bodySchema)) : [];
  return {
    operationId: operation.operationId as string,
    method: method.toUpperCase(),
    template,
    kind: 'static',
    reason: '',
    collection: undefined,
    successStatus,
    listKey: undefined,
    itemWrapper: undefined,
    paging: undefined,
    pageSize: undefined,
    filters: [],
    sort: undefined,
    unappliedParams: [],
    documentedStatuses: new Set(Object.keys(responses)),
    queryParams: parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => ({
        name: parameter.name,
        allowEmptyValue: parameter.allowEmptyValue === true || acceptsEmpty(reader, parameter.schema),
      })),
    bodySchema,
    writable: named.length > 0 ? new Set(named) : undefined,
    parents: [],
  };
}

/**
 * Each `{param}` segment before the last that is a collection's item path: the parents a path
 * names (the operation's own item, the last segment, is not its parent).
 */
function parentsOf(template: string, collections: Map<string, CollectionModel>): OperationModel['parents'] {
  const segments = template.split('/');
  const parents: OperationModel['parents'] = [];
  for (let end = 1; end < segments.length - 1; end += 1) {
    const param = /^\{([^}]+)\}$/.exec(segments[end] as string)?.[1];
    const collection = param ? collections.get(segments.slice(0, end).join('/')) : undefined;
    if (param && collection?.itemParam === param) parents.push({ collection, param });
  }
  return parents;
}

/**
 * Does a query parameter's schema accept the empty string (a string without `minLength`,
 * `pattern`, `format` or `enum` excluding it)? Then a blank value is the spec's to allow: it
 * filters nothing, as django-filter ignores blank values.
 */
function acceptsEmpty(reader: SchemaReader, node: unknown): boolean {
  const schema = reader.resolve(node);
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string')) return false;
  if (Number(schema.minLength ?? 0) > 0 || schema.format !== undefined) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes('')) return false;
  return typeof schema.pattern !== 'string' || new RegExp(schema.pattern).test('');
}

/** The request body's schema: its JSON content's, else its first content type's (a form). */
function requestSchema(reader: SchemaReader, operation: RawOperation): Schema | undefined {
  const body = reader.resolve<{ content?: Record<string, { schema?: unknown }> }>(operation.requestBody);
  const content = body?.content ?? {};
  const media = content['application/json'] ?? Object.values(content)[0];
  return reader.resolve(media?.schema);
}
