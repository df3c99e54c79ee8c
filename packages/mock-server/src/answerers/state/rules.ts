// An API's rules around the generic answer (OperationRule, context.ts): the parent check and the
// rule's refusals first, then the
// generic answer, then the effects that keep the entity's other views in step. A list whose rule
// filters or shapes items reads other collections, so it is computed per request instead of
// from the list cache (which a write to those other collections would not invalidate).

import { idOf } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import { answerFromStore } from './answerer.js';
import type { ListFilter, OperationRule, StateContext, StateResult } from './context.js';
import { page } from './paging.js';
import { missingParent } from './relations.js';
import { collectionOf, selectItems } from './resources.js';
import { withEmbeds } from './views.js';

export function answerWithRules(request: StateContext): StateResult {
  const rule = request.behaviour.rules?.[request.operation.operationId];
  if (!rule) return answerFromStore(request);
  // A path under an item that is not stored answers 404 before any rule looks at the body.
  const orphan = missingParent(request);
  if (orphan) return orphan;
  const early = rule.before?.(request);
  if (early) return early;
  const context = rule.body ? { ...request, body: rule.body(request) } : request;
  const filters = (rule.filters ?? []).filter((filter) => queryValue(context, filter) !== '');
  const computed = context.operation.kind === 'list' && (filters.length > 0 || rule.view !== undefined);
  let result = computed ? listWithRule(context, rule, filters) : answerFromStore(context);
  if (!('status' in result) || result.status >= 300) return result;
  const { view } = rule;
  if (view && context.operation.kind === 'read' && !context.operation.itemWrapper && result.body)
    result = { ...result, body: view(context, result.body as Item) };
  return rule.after ? rule.after(context, result) : result;
}

function queryValue(context: StateContext, filter: ListFilter): string {
  return context.query.getAll(filter.param).join(',');
}

function listWithRule(context: StateContext, rule: OperationRule, filters: ListFilter[]): StateResult {
  const { operation } = context;
  const model = operation.collection;
  if (!model) return answerFromStore(context);
  const shown = [...collectionOf(context, model).items.values()].map((item) =>
    withEmbeds(context, model, item),
  );
  let items = selectItems(context, shown);
  for (const filter of filters) {
    const value = queryValue(context, filter);
    items = items.filter((item) => filter.match(context, item, value));
  }
  const { view } = rule;
  if (view) items = items.map((item) => view(context, item));
  return listAnswer(context, items, {
    listKey: operation.listKey ?? null,
    pageSize: operation.pageSize,
    idField: model.idField,
  });
}

/** A page of items in the API's list envelope (also for lists an API computes in a handler). */
export function listAnswer(
  context: StateContext,
  items: Item[],
  options: { listKey: string | null; pageSize: number | undefined; idField: string },
): StateResult {
  const paging = context.operation.paging ?? context.behaviour.paging;
  const result = page({
    items,
    query: context.query,
    requestUrl: context.requestUrl,
    listKey: options.listKey,
    paging,
    pageSize: options.pageSize ?? paging.defaultPageSize,
    sizeDocumented: context.operation.queryParams.some(({ name }) => name === paging.sizeParam),
    cursorOf: (item) =>
      `${String(item[context.operation.sort?.defaultField ?? ''] ?? '')}|${idOf(item, options.idField) ?? ''}`,
  });
  if ('invalidPage' in result)
    return { specStatus: 404, detail: result.invalidPage, message: result.invalidPage };
  return { status: context.operation.successStatus, body: result.body };
}
