import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Checks on the bundled spec the client is generated from: the create and update examples answer
// what their request examples set.
interface MediaType {
  examples?: Record<string, { value: Record<string, unknown> }>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
const bundle = createRequire(import.meta.url).resolve('@lms-apis/spec-snworks/openapi.json');
const spec = JSON.parse(readFileSync(bundle, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { examples: Record<string, { value: Record<string, unknown> }> };
};

const exampleValues = (media: MediaType | undefined) =>
  Object.values(media?.examples ?? {}).map((example) => {
    const ref = (example as { $ref?: string }).$ref;
    return ref ? spec.components.examples[ref.split('/').pop() as string]?.value : example.value;
  });

describe('SNworks spec examples', () => {
  it('answer a create or update with the values its request set', () => {
    const writes = Object.values(spec.paths)
      .flatMap((item) => [item.post, item.put])
      .filter((operation): operation is Operation => Boolean(operation?.operationId.endsWith('Assignment')));
    expect(writes.map((operation) => operation.operationId).sort()).toEqual([
      'createAssignment',
      'updateAssignment',
    ]);
    for (const operation of writes) {
      const [request] = exampleValues(operation.requestBody?.content['application/json']);
      const [answer] = exampleValues(operation.responses['200']?.content?.['application/json']);
      // Missing examples are a failure, not a pass with nothing compared.
      expect(request, `${operation.operationId} request example`).toBeTypeOf('object');
      expect(answer, `${operation.operationId} 200 example`).toBeTypeOf('object');
      expect(Object.keys(request ?? {}).length, `${operation.operationId} request fields`).toBeGreaterThan(0);
      for (const [field, value] of Object.entries(request ?? {})) {
        if (field === 'children' || field === 'users') {
          // Sent as uuids; answered as (elided) objects carrying those uuids.
          const items = (answer?.[field] ?? []) as Array<{ uuid: string }>;
          const uuids = items.map((item) => item.uuid);
          expect(uuids, `${operation.operationId} ${field}`).toEqual(value);
        } else {
          expect(answer?.[field], `${operation.operationId} ${field}`).toEqual(value);
        }
      }
    }
  });
});
