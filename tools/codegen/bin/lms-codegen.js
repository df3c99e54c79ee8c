#!/usr/bin/env node
// @ts-check
import process from 'node:process';

const USAGE = `Usage: lms-codegen <command>

Commands (run inside a workspace package):
  bundle    bundle this spec package into dist/openapi.{yaml,json}
  postman   convert this spec package's bundle into dist/postman.json, a Postman collection
            (v2.1) whose every request tests for a documented success status
  lint      lint this spec package with the root redocly.yaml
  types     generate src/generated/schema.ts for this client package from its spec bundle

Commands (run anywhere in the repo):
  operations <api> [--check <file>]
            list the operations of spec/<api>'s bundle; with --check, fail unless they are
            exactly the method + path pairs of the markdown table in <file>
  stats [--budget <percent>]
            per API: operations, schemas, and the share of operations with examples,
            descriptions, 4xx responses and usage samples; fails under the budget (default 100)
`;

const [command, ...args] = process.argv.slice(2);
const cwd = process.cwd();

try {
  switch (command) {
    case 'bundle': {
      const { bundleSpec } = await import('../src/bundle.js');
      await bundleSpec(cwd);
      break;
    }
    case 'postman': {
      const { writePostmanCollection } = await import('../src/postman.js');
      await writePostmanCollection(cwd);
      break;
    }
    case 'lint': {
      const { lintSpec } = await import('../src/lint.js');
      process.exitCode = await lintSpec(cwd);
      break;
    }
    case 'types': {
      const { generateTypes } = await import('../src/types.js');
      await generateTypes(cwd);
      break;
    }
    case 'operations': {
      const { operationsCommand } = await import('../src/operations.js');
      process.exitCode = await operationsCommand(args, {
        cwd,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      break;
    }
    case undefined:
    case 'stats': {
      const budgetFlag = process.argv.indexOf('--budget');
      const budget = budgetFlag === -1 ? 100 : Number(process.argv[budgetFlag + 1]);
      if (!Number.isFinite(budget) || budget < 0 || budget > 100) {
        process.stderr.write('lms-codegen stats: --budget must be a percentage from 0 to 100.\n');
        process.exitCode = 2;
        break;
      }
      const { printStats } = await import('../src/stats.js');
      process.exitCode = await printStats({ budget });
      break;
    }
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      break;
    default:
      process.stderr.write(`lms-codegen: unknown command "${command}".\n\n${USAGE}`);
      process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`lms-codegen ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
