// Which stored items a list shows: the declared and inferred filters, then the declared order.

import { isPlainObject, readPath } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import type { StateContext } from './context.js';
import type { FilterDeclaration, SortDeclaration } from './declarations.js';
import { parseTimestamp } from './formats.js';

/** Does an item pass one list filter? Query values compare as the API's strings do. */
export function matchesFilter(item: Item, filter: FilterDeclaration, raw: string): boolean {
  if (filter.op === 'search') return containsText(item, raw.toLowerCase());
  const value = readPath(item, filter.field.split('.'));
  switch (filter.op) {
    case 'eq':
      return sameValue(value, raw);
    case 'in': {
      const wanted = raw.split(',').filter((part) => part !== '');
      return wanted.some((candidate) => sameValue(value, candidate));
    }
    default: {
      const time = parseTimestamp(value);
      const bound = parseTimestamp(raw);
      if (time === undefined || bound === undefined) return false;
      if (filter.op === 'since') return time >= bound;
      if (filter.op === 'after') return time > bound;
      if (filter.op === 'until') return time <= bound;
      return time < bound;
    }
  }
}

/** DRF's SearchFilter, approximately: the term appears in one of the item's text fields. */
function containsText(value: unknown, term: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(term);
  if (Array.isArray(value)) return value.some((entry) => containsText(entry, term));
  if (isPlainObject(value)) return Object.values(value).some((entry) => containsText(entry, term));
  return false;
}

function sameValue(value: unknown, raw: string): boolean {
  if (typeof value === 'boolean') return String(value) === raw.toLowerCase();
  if (Array.isArray(value)) return value.some((entry) => sameValue(entry, raw));
  if (isPlainObject(value)) return String(value.id ?? '') === raw;
  return value !== undefined && value !== null && String(value) === raw;
}

/** Filters a list by the request's query, then sorts it as the API declares. */
export function selectItems(context: StateContext, items: Iterable<Item>): Item[] {
  const { operation, query } = context;
  let selected = [...items];
  for (const filter of operation.filters) {
    const raw = query.getAll(filter.param).join(',');
    if (raw === '') continue;
    selected = selected.filter((item) => matchesFilter(item, filter, raw));
  }
  if (operation.sort) selected = sortItems(selected, operation.sort, query);
  return selected;
}

function sortItems(items: Item[], sort: SortDeclaration, query: URLSearchParams): Item[] {
  const field = (sort.fieldParam && query.get(sort.fieldParam)) || sort.defaultField;
  const direction = (sort.directionParam && query.get(sort.directionParam)) || sort.defaultDirection;
  const sign = direction === 'desc' ? -1 : 1;
  return items.sort((a, b) => {
    const left = a[field];
    const right = b[field];
    if (left === right) return 0;
    if (left === undefined || left === null) return 1;
    if (right === undefined || right === null) return -1;
    const numeric = typeof left === 'number' && typeof right === 'number';
    return sign * (numeric ? (left as number) - (right as number) : String(left) < String(right) ? -1 : 1);
  });
}
