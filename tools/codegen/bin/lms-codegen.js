#!/usr/bin/env node
// @ts-check
import process from 'node:process';

const USAGE = `Usage: lms-codegen <command>

Commands (run inside a workspace package):
  bundle    bundle this spec package into dist/openapi.{yaml,json}
  lint      lint this spec package with the root redocly.yaml
  types     generate src/generated/schema.ts for this client package from its spec bundle
`;

const [command] = process.argv.slice(2);
const cwd = process.cwd();

try {
  switch (command) {
    case 'bundle': {
      const { bundleSpec } = await import('../src/bundle.js');
      await bundleSpec(cwd);
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
    case undefined:
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
