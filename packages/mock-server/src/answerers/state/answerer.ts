// The stateful answerer: one of the pipeline's answer steps (the static one is Prism's mocker).
// It runs only after Prism has routed the request, checked its security and validated it, so
// nothing here re-checks input, and an invalid request never reaches the store.

import { idOf } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import type { StateContext, StateResult } from './context.js';
import { page } from './paging.js';
import { collectionOf, createItem, selectItems, updateItem } from './resources.js';

export function answerFromStore(context: StateContext): StateResult {
  const { operation } = context;
  const model = operation.collection;
  switch (operation.kind) {
    case 'custom': {
      const custom = context.behaviour.custom?.[operation.operationId];
      if (!custom) throw new Error(`No custom handler for ${operation.operationId}.`);
      return custom.handler(context);
    }
    case 'list': {
      const paging = operation.paging;
      if (!model || !paging) break;
      const collection = collectionOf(context, model);
      const computed = collection.cachedAnswer(context.requestUrl.href, () => {
        const items = selectItems(context, collection.items.values());
        return page({
          items,
          query: context.query,
          requestUrl: context.requestUrl,
          listKey: operation.listKey ?? null,
          paging,
          pageSize: operation.pageSize ?? paging.defaultPageSize,
          cursorOf: (item) =>
            `${String(item[operation.sort?.defaultField ?? ''] ?? '')}|${idOf(item, model.idField) ?? ''}`,
        });
      });
      const result = computed as ReturnType<typeof page>;
      if ('invalidPage' in result)
        return { specStatus: 404, detail: result.invalidPage, message: result.invalidPage };
      return { status: operation.successStatus, body: result.body };
    }
    case 'create': {
      if (!model) break;
      const item = createItem(context, model, context.body);
      return { status: operation.successStatus, body: wrap(context, item) };
    }
    case 'read':
    case 'update':
    case 'replace':
    case 'delete': {
      if (!model?.itemParam) break;
      const id = context.pathParams[model.itemParam] as string;
      const collection = collectionOf(context, model);
      const current = collection.items.get(id);
      if (!current) return { specStatus: 404, detail: `No ${model.template} item has the id ${id}.` };
      if (operation.kind === 'read') return { status: operation.successStatus, body: wrap(context, current) };
      if (operation.kind === 'delete') {
        context.session.remove(collection, id);
        return operation.successStatus === 204 ? { status: 204 } : { specExample: true };
      }
      const updated = updateItem(context, model, current, context.body, operation.kind === 'replace');
      return { status: operation.successStatus, body: wrap(context, updated) };
    }
    default:
      break;
  }
  throw new Error(`${operation.operationId} is not a stateful operation (${operation.reason}).`);
}

function wrap(context: StateContext, item: Item): unknown {
  const wrapper = context.operation.itemWrapper;
  return wrapper ? { [wrapper]: item } : item;
}
