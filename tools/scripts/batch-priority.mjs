// @ts-check
// Batch work's CPU priority in `pnpm test`. The load kind (it measures memory, not time) and the
// type-check give way to the kinds that wait on round trips, which set how long the run takes:
// the browser kind (Chromium's frames, Playwright's calls) and the `test` kind (child processes,
// loopback requests). Measured after the build, the three kinds and the type-check side by side
// on two cores: 194-204 s and 365-382 busy CPU-s with every task at one priority, 178-187 s and
// 340-360 CPU-s with these two at nice 10. Nice 10, not 19: beside a busy core the load kind
// still gets about a tenth of one, so its soak's requests never wait out their timeout.
import os from 'node:os';

export const BATCH_NICENESS = 10;

/**
 * Lowers this process's CPU priority by BATCH_NICENESS; processes it starts afterwards (vitest's
 * workers, the soak's CLI, npm, tsc) inherit it. Alone on a machine it runs as fast as before.
 * It only ever lowers the priority (raising it back needs privileges), never past the lowest
 * (19); where the system refuses, the process keeps the one it has.
 */
export function runAsBatchWork() {
  try {
    os.setPriority(Math.min(19, os.getPriority() + BATCH_NICENESS));
  } catch {
    // Not allowed here: run at the priority we have.
  }
}
