export type { Violation } from './core/answer.js';
export { type Clock, ManualClock, systemClock } from './core/clock.js';
export { type ApiDefinition, loadApis } from './core/specs.js';
export { type Fixture, FixtureError, type LoadedFixture } from './http/fixtures.js';
export { type JournalEntry, type JournalFilter, RequestJournal } from './http/journal.js';
export type { MockSession } from './options.js';
/** Signs an HS256 JWT the way the mock verifies one (SNworks tokens in tests). */
export { parseJwt, signJwt } from './policies/jwt.js';
export {
  type MockServerOptions,
  type RequestLog,
  type RunningMockServer,
  startMockServer,
} from './server.js';
export type { SessionSettings } from './store/session-settings.js';
