// The gate on the real Skilljar bundle's webhooks: what a receiver depends on (the webhook, its
// body, its headers, its credential) may not go away unnoticed.
import { readFile } from 'node:fs/promises';
import { listApis } from '@lms-apis/codegen/specs';
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../src/diff.js';

// The bundle is a build output: the test run follows `turbo run build`, which bundles every spec.
const skilljar = listApis().find((api) => api.api === 'skilljar');

// biome-ignore lint/suspicious/noExplicitAny: a bundled OpenAPI document, edited by the tests
async function bundle(): Promise<any> {
  return JSON.parse(await readFile(skilljar?.bundleJson as string, 'utf8'));
}

const breaking = (changes: ReturnType<typeof diffDocuments>) =>
  changes
    .filter((change) => change.kind === 'breaking')
    .map((change) => `${change.operation}: ${change.message}`);

describe('Skilljar webhooks in the breaking-change gate', () => {
  it('finds nothing between the bundle and itself', async () => {
    expect(diffDocuments(await bundle(), await bundle())).toEqual([]);
  });

  it('reports a removed webhook as breaking and a new one as an addition', async () => {
    const base = await bundle();
    const head = await bundle();
    head.webhooks.NEW_EVENT = head.webhooks.COURSE_ENROLLMENT;
    delete head.webhooks.COURSE_ENROLLMENT;
    const changes = diffDocuments(base, head);
    expect(breaking(changes)).toEqual([
      'webhook COURSE_ENROLLMENT (POST): webhook COURSE_ENROLLMENT (POST) was removed; receivers stop getting it',
    ]);
    expect(changes.filter((change) => change.kind === 'non-breaking').map((change) => change.rule)).toEqual([
      'webhook-added',
    ]);
  });

  it('reports a field removed from a shared body object in every webhook that sends it', async () => {
    const base = await bundle();
    const head = await bundle();
    delete head.components.schemas.WebhookDomain.properties.name;
    const found = breaking(diffDocuments(base, head));
    // Every event body that carries a domain (all ten) loses `domain.name`.
    expect(found).toHaveLength(10);
    expect(found).toContain('webhook COURSE_ENROLLMENT (POST): body property `domain.name` was removed');
  });

  it('reports a narrowed promise on a body (required dropped, a new enum value) and the User-Agent header', async () => {
    const base = await bundle();
    const head = await bundle();
    const enrollment = head.components.schemas.CourseEnrollmentEvent;
    enrollment.required = enrollment.required.filter((name: string) => name !== 'user');
    head.components.schemas.WebhookPurchase.properties.payment_processor.enum = ['NONE', 'STRIPE'];
    head.webhooks.COURSE_ENROLLMENT.post.parameters = [];
    head.webhooks.COURSE_ENROLLMENT.post.security = [{}];
    const found = breaking(diffDocuments(base, head));
    expect(found).toContain(
      'webhook COURSE_ENROLLMENT (POST): body property `user` is no longer always present',
    );
    expect(found).toContain('webhook COURSE_ENROLLMENT (POST): header `User-Agent` is no longer sent');
    expect(found).toContain(
      'webhook COURSE_ENROLLMENT (POST): the `webhookBasicAuth` credential is no longer sent',
    );
    // An enum on an output string that was free text is a narrowing: receivers are unaffected.
    expect(found.filter((line) => line.includes('payment_processor'))).toEqual([]);
  });
});
