// The stateful answerer: one of the pipeline's answer steps (the static one is Prism's mocker).
// It runs only after Prism has routed the request, checked its security and validated it; what
// it still checks is what only the store knows (parents, references) and what the request's
// schema allows but the stored resource cannot hold (refused in the API's shape).

import { idOf } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import type { StateContext, StateResult } from './context.js';
import { FieldRefusal } from './fields.js';
import { page } from './paging.js';
import { checkReferences, missingParent, refusal, removeChildren } from './relations.js';
import { collectionOf, createItem, selectItems, updateItem } from './resources.js';
import { embedVersions, withEmbeds } from './views.js';

export function answerFromStore(context: StateContext): StateResult {
  const orphan = missingParent(context);
  if (orphan) return orphan;
  try {
    return dispatch(context);
  } catch (error) {
    if (error instanceof FieldRefusal) return refusal(context, error);
    throw error;
  }
}

function dispatch(context: StateContext): StateResult {
  const { operation } = context;
  const model = operation.collection;
  switch (operation.kind) {
    case 'custom': {
      const custom = context.behaviour.custom?.[operation.operationId];
      if (!custom) throw new Error(`No custom handler for ${operation.operationId}.`);
      return custom.handler(context);
    }
    case 'list':
      if (model) return list(context);
      break;
    case 'create': {
      if (!model) break;
      checkReferences(context, model, context.body);
      const item = createItem(context, model, context.body);
      return { status: operation.successStatus, body: wrap(context, withEmbeds(context, model, item)) };
    }
    case 'read':
    case 'update':
    case 'replace':
    case 'delete':
      if (model?.itemParam) return itemOperation(context);
      break;
    default:
      break;
  }
  throw new Error(`${operation.operationId} is not a stateful operation (${operation.reason}).`);
}

function list(context: StateContext): StateResult {
  const { operation } = context;
  const model = operation.collection;
  const paging = operation.paging;
  if (!model || !paging) throw new Error(`${operation.operationId} lists no collection.`);
  const collection = collectionOf(context, model);
  // An answer embedding other collections' entities is stale once one of those changes too.
  const key = `${context.requestUrl.href} ${embedVersions(context, model)}`;
  const computed = collection.cachedAnswer(key, () => {
    const shown = [...collection.items.values()].map((item) => withEmbeds(context, model, item));
    const items = selectItems(context, shown);
    return page({
      items,
      query: context.query,
      requestUrl: context.requestUrl,
      listKey: operation.listKey ?? null,
      paging,
      pageSize: operation.pageSize ?? paging.defaultPageSize,
      sizeDocumented: operation.queryParams.some(({ name }) => name === paging.sizeParam),
      cursorOf: (item) =>
        `${String(item[operation.sort?.defaultField ?? ''] ?? '')}|${idOf(item, model.idField) ?? ''}`,
    });
  });
  const result = computed as ReturnType<typeof page>;
  if ('invalidPage' in result)
    return { specStatus: 404, detail: result.invalidPage, message: result.invalidPage };
  return { status: operation.successStatus, body: result.body };
}

function itemOperation(context: StateContext): StateResult {
  const { operation } = context;
  const model = operation.collection as NonNullable<typeof operation.collection>;
  const id = context.pathParams[model.itemParam as string] as string;
  const collection = collectionOf(context, model);
  const current = collection.items.get(id);
  if (!current) return { specStatus: 404, detail: `No ${model.template} item has the id ${id}.` };
  if (operation.kind === 'read')
    return { status: operation.successStatus, body: wrap(context, withEmbeds(context, model, current)) };
  if (operation.kind === 'delete') {
    context.session.remove(collection, id);
    // What lives under the item's path goes with it (a Thrive assignment's enrolments).
    removeChildren(context, model, id);
    return operation.successStatus === 204 ? { status: 204 } : { specExample: true };
  }
  checkReferences(context, model, context.body);
  const updated = updateItem(context, model, current, context.body, operation.kind === 'replace');
  return { status: operation.successStatus, body: wrap(context, withEmbeds(context, model, updated)) };
}

function wrap(context: StateContext, item: Item): unknown {
  const wrapper = context.operation.itemWrapper;
  return wrapper ? { [wrapper]: item } : item;
}
