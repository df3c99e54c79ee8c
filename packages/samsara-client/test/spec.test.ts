import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Checks on the bundled spec the client is generated from: properties the issue-13 review found
// missing, kept true for every operation rather than the ones fixed then.
interface Schema {
  type?: string | string[];
  minItems?: number;
  minLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  $ref?: string;
}
interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
}
interface Example {
  value: unknown;
}
interface Response {
  $ref?: string;
  content?: Record<string, { schema?: Schema; examples?: Record<string, Example> }>;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
  };
}

const bundle = createRequire(import.meta.url).resolve('@lms-apis/spec-samsara/openapi.json');
const spec = JSON.parse(readFileSync(bundle, 'utf8')) as Spec;
const operations = Object.values(spec.paths).flatMap((item) => Object.values(item));

const resolve = <T extends { $ref?: string }>(node: T): T => {
  if (!node.$ref) return node;
  const [, , section, name] = node.$ref.split('/');
  const target = (spec.components as unknown as Record<string, Record<string, T>>)[section as string]?.[
    name as string
  ];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return resolve(target);
};

const parametersOf = (operation: Operation) => (operation.parameters ?? []).map(resolve);

describe('Samsara spec', () => {
  it('refuses empty values of every required parameter', () => {
    const required = operations.flatMap((operation) =>
      parametersOf(operation).filter((parameter) => parameter.required),
    );
    expect(required.length).toBeGreaterThan(0);
    for (const { name, schema } of required) {
      if (schema.type === 'array') {
        expect(schema.minItems, `${name} minItems`).toBeGreaterThanOrEqual(1);
        expect(schema.items?.minLength, `${name} items minLength`).toBeGreaterThanOrEqual(1);
      } else if (schema.type === 'string') {
        expect(schema.minLength, `${name} minLength`).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('names in each error example only parameters its operation has', () => {
    for (const operation of operations) {
      const names = new Set(parametersOf(operation).map((parameter) => parameter.name));
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!(status === 'default' || status.startsWith('4'))) continue;
        const examples = resolve(response).content?.['application/json']?.examples ?? {};
        for (const example of Object.values(examples)) {
          const { message } = example.value as { message: string };
          for (const [, named] of message.matchAll(/parameter (\w+)/g)) {
            expect(names, `${operation.operationId} ${status}: ${message}`).toContain(named);
          }
        }
      }
    }
  });

  it('shows every TrainingAssignment field in every assignment example', () => {
    const fields = Object.keys(spec.components.schemas.TrainingAssignment?.properties ?? {});
    expect(fields).toContain('durationMinutes');
    const assignmentLists = [
      'TrainingAssignmentStreamResponse',
      'TrainingAssignmentsResponse',
      'CreateTrainingAssignmentsResponse',
    ];
    let checked = 0;
    for (const operation of operations) {
      const content = operation.responses['200']?.content?.['application/json'];
      const ref = content?.schema?.$ref?.split('/').pop();
      if (!ref || !assignmentLists.includes(ref)) continue;
      for (const [name, example] of Object.entries(content?.examples ?? {})) {
        for (const item of (example.value as { data: Record<string, unknown>[] }).data) {
          checked += 1;
          expect(Object.keys(item), `${operation.operationId} ${name} ${String(item.id)}`).toEqual(
            expect.arrayContaining(fields),
          );
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('keeps learner.type an open string', () => {
    const type = spec.components.schemas.TrainingLearner?.properties?.type as Schema & { enum?: unknown };
    expect(type.type).toBe('string');
    expect(type.enum).toBeUndefined();
  });
});
