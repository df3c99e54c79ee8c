export { type ApiDefinition, loadApis } from './core/specs.js';
export { type JournalEntry, type JournalFilter, RequestJournal } from './http/journal.js';
export type { Violation } from './pipeline/engine.js';
export {
  type MockServerOptions,
  type RequestLog,
  type RunningMockServer,
  startMockServer,
} from './server.js';
