export { type ApiDefinition, loadApis } from './apis.js';
export { type JournalEntry, type JournalFilter, RequestJournal } from './journal.js';
export type { Violation } from './prism-engine.js';
export {
  type MockServerOptions,
  type RequestLog,
  type RunningMockServer,
  startMockServer,
} from './server.js';
