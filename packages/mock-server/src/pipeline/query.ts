import type { OpenApiDocument } from '../core/specs.js';

export type QueryNormalizer = (path: string, query: URLSearchParams) => URLSearchParams;

interface Parameter {
  name: string;
  in: string;
  style?: string;
  explode?: boolean;
  schema?: { type?: string | string[] };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Real clients send comma-separated array parameters (`style: form, explode: false`) both ways:
 * `ids=a,b` and `ids=a&ids=b`. Prism reads only the last repeated key, silently dropping the rest,
 * so repeated keys of such parameters are joined with commas before Prism sees them.
 */
export function normalizeQuery(document: OpenApiDocument): QueryNormalizer {
  const commaSeparated = new Set<string>();
  for (const item of Object.values(document.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as { parameters?: Parameter[] } | undefined;
      if (!operation) continue;
      for (const parameter of [...shared, ...(operation.parameters ?? [])]) {
        if (isCommaSeparatedArray(parameter)) commaSeparated.add(parameter.name);
      }
    }
  }
  if (commaSeparated.size === 0) return (_path, query) => query;
  return (_path, query) => {
    let normalized: URLSearchParams | undefined;
    for (const name of commaSeparated) {
      const values = query.getAll(name);
      if (values.length < 2) continue;
      normalized ??= new URLSearchParams(query);
      normalized.set(name, values.join(','));
    }
    return normalized ?? query;
  };
}

function isCommaSeparatedArray(parameter: Parameter): boolean {
  const type = parameter.schema?.type;
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
  return (
    parameter.in === 'query' &&
    isArray &&
    (parameter.style ?? 'form') === 'form' &&
    parameter.explode === false
  );
}
