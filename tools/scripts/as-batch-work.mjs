// @ts-check
// Imported for its effect: the process runs as batch work, at nice 10 or lower in priority, and
// the processes it starts afterwards (vitest's workers, the soak's CLI, npm, tsc) inherit that.
// `pnpm test` runs the load kind (it measures memory, not time) and the type-check this way, so
// the kinds that wait on round trips, which set how long the run takes, get the cores first: the
// browser kind (Chromium's frames, Playwright's calls) and the `test` kind (child processes,
// loopback requests). Measured in fresh clones after the build, two cores: 194 and 204 s (365 and
// 382 busy CPU-s) with every task at one priority; 176 and 182 s (335 and 344) this way.
// Nice 10, not 19: beside a busy core the load kind still gets about a tenth of one, so its
// soak's requests keep moving (three `pnpm test` runs beside a busy core: green).
// Applied where a task is started (the root `typecheck` script, the load kind's config), not in
// the scripts themselves: the `test` kind also runs the type-checker, and keeps its priority.
import os from 'node:os';

const BATCH_NICENESS = 10;

try {
  // At least BATCH_NICENESS, never more priority than the process had: importing it twice, or
  // under a parent that already yields, changes nothing.
  os.setPriority(Math.max(os.getPriority(), BATCH_NICENESS));
} catch {
  // Not allowed here (some containers): run at the priority we have.
}
