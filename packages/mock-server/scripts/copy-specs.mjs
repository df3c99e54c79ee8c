// Copies every spec bundle into dist/specs so the published mock carries its own APIs, with
// Prism's parsed operations next to each (start-up then reads them instead of parsing the spec).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis } from '@lms-apis/codegen/specs';
import { parseOperations } from '../dist/pipeline/prism/adapter.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/specs');
await mkdir(target, { recursive: true });
const index = [];
for (const api of listApis()) {
  const file = `${api.api}.json`;
  const operationsFile = `${api.api}.operations.json`;
  await copyFile(api.bundleJson, path.join(target, file)).catch((error) => {
    throw new Error(
      `Missing bundle for ${api.api} (${api.bundleJson}); run its bundle task first. ${error.message}`,
    );
  });
  const operations = await parseOperations(JSON.parse(await readFile(api.bundleJson, 'utf8')));
  await writeFile(path.join(target, operationsFile), JSON.stringify(operations));
  index.push({ name: api.api, title: api.title, file, operationsFile });
}
await writeFile(path.join(target, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(
  `copied ${index.length} spec bundles to dist/specs: ${index.map((entry) => entry.name).join(', ')}`,
);
