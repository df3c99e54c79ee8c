#!/usr/bin/env node
// Node 21+ warns (DEP0040) when a dependency loads the built-in `punycode`; Prism's URL libraries
// do. Nothing a user of the mock can act on, so that one warning is not printed; others are.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code === 'DEP0040') return;
  emitWarning.call(process, warning, ...rest);
};

// Ctrl-C may come while the mock is still loading: listen from the first line (see nextSignal).
/** @type {Promise<NodeJS.Signals>} */
const signalled = new Promise((resolve) => {
  process.on('SIGINT', resolve);
  process.on('SIGTERM', resolve);
});
const { main } = await import('../dist/cli.js');
// Exit now rather than when the event loop drains: pnpm passes the terminal's Ctrl-C on to its
// child, and a second SIGINT arriving while Node tears its signal handlers down would end the
// process with 130 (and pnpm with ELIFECYCLE) after a clean shutdown.
process.exit(await main(process.argv.slice(2), signalled));
