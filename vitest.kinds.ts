// The three kinds of tests, told apart by file name so one glob decides where a file runs:
// `*.browser.test.ts` open Chromium (`pnpm test:browser`), `*.load.test.ts` measure time or memory
// under load (`pnpm test:load`); every other `*.test.ts` is the `test` kind (plain `vitest run`).
import { configDefaults } from 'vitest/config';

export const BROWSER_TESTS = '**/*.browser.test.ts';
export const LOAD_TESTS = '**/*.load.test.ts';

/** The `exclude` of a package's default project: the other kinds' files. */
export const otherKinds = [...configDefaults.exclude, BROWSER_TESTS, LOAD_TESTS];
