#!/usr/bin/env node
// Node 21+ warns (DEP0040) when a dependency loads the built-in `punycode`; Prism's URL libraries
// do. Nothing a user of the mock can act on, so that one warning is not printed; others are.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code === 'DEP0040') return;
  emitWarning.call(process, warning, ...rest);
};

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
