// Copies every spec bundle into dist/specs so the published mock carries its own APIs.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis } from '@lms-apis/codegen/specs';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/specs');
await mkdir(target, { recursive: true });
const index = [];
for (const api of listApis()) {
  const file = `${api.api}.json`;
  await copyFile(api.bundleJson, path.join(target, file)).catch((error) => {
    throw new Error(
      `Missing bundle for ${api.api} (${api.bundleJson}); run its bundle task first. ${error.message}`,
    );
  });
  index.push({ name: api.api, title: api.title, file });
}
await writeFile(path.join(target, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(
  `copied ${index.length} spec bundles to dist/specs: ${index.map((entry) => entry.name).join(', ')}`,
);
