// Which API a path names: its prefix (`/skilljar`), or the one API served at the root; then
// whether the rest lies inside the API's base path (or is its token endpoint, outside it).

import type { TriggerOutcome } from '../answerers/state/index.js';
import { mockProblem, type Problem } from '../core/problem.js';
import type { ApiDefinition } from '../core/specs.js';
import type { ApiPipeline } from '../pipeline/pipeline.js';
import type { QueryNormalizer } from '../pipeline/query.js';

export interface ServedApi {
  definition: ApiDefinition;
  pipeline: ApiPipeline;
  normalizeQuery: QueryNormalizer;
  /** A path outside the base path the API still answers (its OAuth token endpoint; proxy mode: any). */
  answersOutsideBase(path: string): boolean;
  /** `POST /_webhooks/trigger` (stateful mode, an API that declares webhooks). */
  webhookTrigger?: (session: string, input: Record<string, unknown>) => TriggerOutcome | undefined;
}

export interface ResolvedPath {
  api: ServedApi;
  /** The path from the API's origin (base path included). */
  originPath: string;
  /** The path inside the API (after the base path), what its spec's paths name. */
  innerPath: string;
  insideBase: boolean;
}

export function resolveApi(
  served: ReadonlyMap<string, ServedApi>,
  root: string | undefined,
  rawPath: string,
): ResolvedPath | { problem: Problem } {
  const slash = rawPath.indexOf('/', 1);
  const prefix = root ?? (slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
  const api = served.get(prefix);
  if (!api) {
    const known = [...served.keys()].map((name) => `/${name}`).join(', ');
    return {
      problem: mockProblem(
        404,
        'UNKNOWN_API',
        'Unknown API',
        `No API is served at /${prefix}. Served: ${known}.`,
      ),
    };
  }
  const originPath = root ? rawPath : slash === -1 ? '' : rawPath.slice(slash);
  const { basePath, origin, title } = api.definition;
  const insideBase = !basePath || originPath === basePath || originPath.startsWith(`${basePath}/`);
  if (insideBase) return { api, originPath, innerPath: originPath.slice(basePath.length) || '/', insideBase };
  if (api.answersOutsideBase(originPath)) return { api, originPath, innerPath: originPath, insideBase };
  return {
    problem: mockProblem(
      404,
      'OUTSIDE_BASE_PATH',
      'Path outside the API',
      `${title} paths start with ${basePath} (as on ${origin}${basePath}); got ${originPath || '/'}.`,
    ),
  };
}
