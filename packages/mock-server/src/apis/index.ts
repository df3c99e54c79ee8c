// Each API's behaviours, declared once per API; the state engine reads them by the API's name.
import { samsara } from './samsara.js';
import { skilljar } from './skilljar.js';
import { snworks } from './snworks.js';
import { thrive } from './thrive.js';
import type { ApiBehaviour } from './types.js';

export type { ApiBehaviour } from './types.js';

const BEHAVIOURS: Record<string, ApiBehaviour> = { samsara, skilljar, snworks, thrive };

/** An API without a declaration (a fifth spec) gets bare-array pages and merges on PUT. */
const FALLBACK: ApiBehaviour = {
  errorMessageField: 'message',
  paging: {
    style: 'bare-array-page',
    pageParam: 'page',
    sizeParam: 'per_page',
    defaultPageSize: 100,
    maxPageSize: 1000,
    defaultSource: '100 (no behaviour declared for this API)',
  },
  putReplaces: false,
  putSource: 'no behaviour declared for this API',
};

export function behaviourFor(api: string): ApiBehaviour {
  return BEHAVIOURS[api] ?? FALLBACK;
}
