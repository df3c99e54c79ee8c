// What the admin routes see of the server.
import type { IncomingHttpHeaders } from 'node:http';
import type { DriftReport } from '../answerers/proxy/drift-report.js';
import type { StateStore } from '../answerers/state/index.js';
import type { SessionSettings } from '../store/session-settings.js';
import type { ServedApi } from './api-router.js';
import type { RequestJournal } from './journal.js';

export interface AdminContext {
  mode: 'stateful' | 'static';
  root: string | undefined;
  served: ReadonlyMap<string, ServedApi>;
  journal: RequestJournal;
  store: StateStore;
  drift: DriftReport;
  isReady(): boolean;
  /** A session's settings with the server's options filling in what it did not set. */
  effectiveSettings(session: string): Required<SessionSettings>;
}

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
}
