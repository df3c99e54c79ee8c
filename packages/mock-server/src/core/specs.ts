import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One API the mock serves, as copied into dist/specs at build time. */
export interface ApiDefinition {
  /** Short name: the URL prefix (`/skilljar`) and `--api` value. */
  name: string;
  title: string;
  /** The first server's origin, which the prefix stands in for (e.g. https://api.skilljar.com). */
  origin: string;
  /** The first server's path (e.g. `/v3` for SNworks, `/rest/v1` for Thrive, `` for Skilljar). */
  basePath: string;
  /** The bundled OpenAPI document. */
  document: OpenApiDocument;
  /** Prism's operations for the document, precomputed at build time (if present). */
  operations?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * The bundles copied at build time (scripts/copy-specs.mjs). This module sits two levels below the
 * package root both as source (src/core) and built (dist/core), so tests can run the source.
 */
export const SPECS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/specs');

interface SpecIndexEntry {
  name: string;
  title: string;
  file: string;
  /** Prism's parsed operations, written at build time so start-up need not parse the spec. */
  operationsFile?: string;
}

/** Every API bundled with this package, sorted by name. */
export function loadApis(specsDir: string = SPECS_DIR): ApiDefinition[] {
  let index: SpecIndexEntry[];
  try {
    index = JSON.parse(readFileSync(path.join(specsDir, 'index.json'), 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the bundled specs in ${specsDir} (${(error as Error).message}). Run \`pnpm build\` first.`,
    );
  }
  return index.map((entry) => {
    const file = path.join(specsDir, entry.file);
    let document: OpenApiDocument;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot load the ${entry.name} spec from ${file}: ${(error as Error).message}`);
    }
    const operations = entry.operationsFile
      ? (JSON.parse(readFileSync(path.join(specsDir, entry.operationsFile), 'utf8')) as unknown[])
      : undefined;
    return {
      name: entry.name,
      title: entry.title,
      document,
      ...(operations ? { operations } : {}),
      ...serverParts(entry.name, document),
    };
  });
}

/** Splits the first server URL into the origin the prefix replaces and the base path kept after it. */
export function serverParts(name: string, document: OpenApiDocument): { origin: string; basePath: string } {
  const server = document.servers?.[0];
  if (!server)
    throw new Error(`The ${name} spec has no servers; the mock maps the first server to /${name}.`);
  const url = server.url.replace(/\{([^}]+)\}/g, (_, variable: string) => {
    const value = server.variables?.[variable]?.default;
    if (value === undefined) throw new Error(`The ${name} server variable {${variable}} has no default.`);
    return value;
  });
  const parsed = new URL(url);
  return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/$/, '') };
}
