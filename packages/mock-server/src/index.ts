export type { Violation } from './core/answer.js';
export { type ApiDefinition, loadApis } from './core/specs.js';
export { type JournalEntry, type JournalFilter, RequestJournal } from './http/journal.js';
export {
  type MockServerOptions,
  type RequestLog,
  type RunningMockServer,
  startMockServer,
} from './server.js';
