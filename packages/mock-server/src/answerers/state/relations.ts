// Parents and references resolve against the store: a path under an item that is not stored
// answers the API's 404; deleting an item removes what lives under its path; a field naming
// another entity must name a stored one; a refused field answers in the API's own shape.

import { isPlainObject, readPath } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import type { StateContext, StateResult } from './context.js';
import { FieldRefusal } from './fields.js';
import type { CollectionModel, OperationModel } from './model-types.js';
import { concretePath } from './seeds.js';

/** The API's 404 when an item the path names above the addressed one is not stored. */
export function missingParent(context: StateContext): StateResult | undefined {
  for (const { collection, param } of context.operation.parents) {
    const id = context.pathParams[param] as string;
    const path = concretePath(collection.template, context.pathParams);
    if (!context.session.collection(context.api, path, collection.idField).items.has(id))
      return { specStatus: 404, detail: `No ${collection.template} item has the id ${id}.` };
  }
  return undefined;
}

/** Removes every item stored under an item's path (`/assignments/7/enrolments` of `/assignments/7`). */
export function removeChildren(context: StateContext, model: CollectionModel, id: string): void {
  const prefix = `${concretePath(model.template, context.pathParams)}/${id}/`;
  for (const path of context.session.paths(context.api)) {
    if (!path.startsWith(prefix)) continue;
    const child = context.model.collections.find((candidate) => matchesTemplate(candidate.template, path));
    const children = context.session.collection(context.api, path, child?.idField ?? 'id');
    for (const key of [...children.items.keys()]) context.session.remove(children, key);
  }
}

/** Does a concrete collection path belong to a collection template (`/v1/x/{id}/y`)? */
export function matchesTemplate(template: string, path: string): boolean {
  const names = template.split('/');
  const values = path.split('/');
  return (
    names.length === values.length &&
    names.every((name, index) => /^\{[^}]+\}$/.test(name) || name === values[index])
  );
}

/** Throws the API's refusal when a declared reference names no stored entity. */
export function checkReferences(context: StateContext, model: CollectionModel, fields: unknown): void {
  if (!isPlainObject(fields)) return;
  for (const reference of context.behaviour.references?.[model.template] ?? []) {
    const path = reference.field.split('.');
    // A field the operation's request does not list is ignored, so it names nothing to check.
    if (context.operation.writable && !context.operation.writable.has(path[0] as string)) continue;
    const value = readPath(fields, path) ?? fields[reference.field];
    if (value === undefined || value === null) continue;
    const target = context.model.collections.find((candidate) => candidate.template === reference.collection);
    if (!target) throw new Error(`The spec has no collection at ${reference.collection}.`);
    const stored = context.session.collection(
      context.api,
      concretePath(target.template, context.pathParams),
      target.idField,
    ).items;
    for (const entry of Array.isArray(value) ? value : [value]) {
      const id = isPlainObject(entry) ? readPath(entry, target.idField.split('.')) : entry;
      if (!stored.has(String(id)))
        throw new FieldRefusal(
          path[0] as string,
          `Invalid pk "${String(id)}" - object does not exist.`,
          reference.status,
        );
    }
  }
}

/**
 * Throws the API's refusal when the item about to be stored repeats a declared unique field set
 * of another stored item (`self`: the key of the item being updated, which may keep its values).
 */
export function checkUnique(context: StateContext, model: CollectionModel, item: Item, self?: string): void {
  const stored = context.session.collection(
    context.api,
    concretePath(model.template, context.pathParams),
    model.idField,
  ).items;
  for (const rule of context.behaviour.unique?.[model.template] ?? []) {
    const key = (candidate: Item) =>
      JSON.stringify(rule.fields.map((field) => readPath(candidate, field.split('.'))));
    if (rule.fields.every((field) => readPath(item, field.split('.')) === undefined)) continue;
    const wanted = key(item);
    for (const [id, other] of stored)
      if (id !== self && key(other) === wanted)
        throw new FieldRefusal(rule.fields[0] as string, rule.message);
  }
}

/** A refused field as the API answers it: DRF's field map, else its error example's message. */
export function refusal(context: StateContext, refused: FieldRefusal): StateResult {
  const status = refused.status ?? refusalStatus(context.operation);
  if (context.behaviour.fieldErrorMap) return { status, body: { [refused.field]: [refused.message] } };
  const message = `${refused.field}: ${refused.message}`;
  return { specStatus: status, detail: message, message };
}

function refusalStatus(operation: OperationModel): number {
  return (
    ['400', '422', '404'].map(Number).find((code) => operation.documentedStatuses.has(String(code))) ?? 400
  );
}
