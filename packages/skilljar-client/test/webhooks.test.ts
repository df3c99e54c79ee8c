// Receiving Skilljar's webhooks: the event types generated from the spec's `webhooks`, and
// `parseWebhook` on the spec's own example bodies, on bodies that depart from it, and behind the
// README's node:http receiver.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type components,
  isWebhookError,
  parseWebhook,
  type SkilljarWebhookEvent,
  type SkilljarWebhookEventOf,
  type SkilljarWebhookEventType,
  WebhookError,
} from '../src/index.js';
import { loadSkilljarSpec } from './spec-operations.js';

type Example = { value: Record<string, unknown> };
const bundle = loadSkilljarSpec() as {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { examples: Record<string, Example> }> } } }
  >;
  components: { examples: Record<string, Example> };
};

/** Each webhook's first example body, as the bundle has it (its $ref resolved). */
function exampleBody(name: string): Record<string, unknown> {
  const examples = bundle.webhooks[name]?.post.requestBody.content['application/json']?.examples ?? {};
  const first = Object.values(examples)[0] as Example | { $ref: string };
  const example = '$ref' in first ? bundle.components.examples[first.$ref.split('/').pop() as string] : first;
  return structuredClone(example?.value ?? {});
}

const SKILLJAR_HEADERS = { 'content-type': 'application/json', 'user-agent': 'skilljar' };
const credential = { username: 'hook-user', password: 'hook-pass' };
const basic = `Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`;

describe('the event types', () => {
  it('are one per event_type the webhook registration accepts, discriminated on event_type', () => {
    expectTypeOf<SkilljarWebhookEventType>().toEqualTypeOf<
      NonNullable<components['schemas']['WebhookEventType']>
    >();
    expectTypeOf<SkilljarWebhookEventOf<'COURSE_ENROLLMENT'>>().toEqualTypeOf<
      components['schemas']['CourseEnrollmentEvent']
    >();
    const narrow = (event: SkilljarWebhookEvent) => {
      if (event.event_type === 'COURSE_ENROLLMENT') {
        expectTypeOf(event.course).toEqualTypeOf<components['schemas']['WebhookCourse']>();
        return event.domain.name;
      }
      if (event.event_type === 'DOMAIN_ENROLLMENT') {
        // @ts-expect-error a domain enrollment names no course
        return event.course;
      }
      return event.timestamp;
    };
    expect(narrow).toBeTypeOf('function');
  });

  it('cover every webhook of the bundle, whose names are the event types', () => {
    const names = Object.keys(bundle.webhooks).sort();
    const all: Record<SkilljarWebhookEventType, true> = {
      COURSE_COMPLETION: true,
      COURSE_ENROLLMENT: true,
      DOMAIN_ENROLLMENT: true,
      LESSON_COMPLETION: true,
      PATH_COMPLETION: true,
      PATH_ENROLLMENT: true,
      PURCHASE_FULFILLMENT: true,
      QUIZ_COMPLETION: true,
      VILT_EVENT_REGISTRATION: true,
      DASHBOARD_TASK_CREATED: true,
    };
    expect(names).toEqual(Object.keys(all).sort());
  });
});

describe('parseWebhook', () => {
  it("accepts each webhook's example body from the spec and returns it as that event", async () => {
    for (const name of Object.keys(bundle.webhooks)) {
      const body = exampleBody(name);
      const event = await parseWebhook({ headers: SKILLJAR_HEADERS, body: JSON.stringify(body) });
      expect(event.event_type).toBe(name);
      expect(event).toEqual(body);
    }
  });

  it('names the field and what the spec expects in a COURSE_ENROLLMENT that departs from it', async () => {
    const body = exampleBody('COURSE_ENROLLMENT');
    delete body.course;
    (body.user as Record<string, unknown>).email = 42;
    body.timestamp = '13/02/2015';
    const error = await parseWebhook({ headers: SKILLJAR_HEADERS, body }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).message).toBe(
      'Webhook delivery refused (COURSE_ENROLLMENT): the body departs from the spec: course: required by the spec, but left out; timestamp: is not a valid date-time; user.email: is integer, the spec says string.',
    );
    expect((error as WebhookError).status).toBe(400);
  });

  it('refuses an event_type the spec does not have, listing those it has', async () => {
    const body = { ...exampleBody('COURSE_ENROLLMENT'), event_type: 'COURSE_ENROLMENT' };
    const error = (await parseWebhook({ headers: SKILLJAR_HEADERS, body }).catch(
      (e: unknown) => e,
    )) as WebhookError;
    expect(error.kind).toBe('unknown-event');
    expect(error.message).toContain(
      'event_type: "COURSE_ENROLMENT" is not one of the spec\'s values ("COURSE_COMPLETION" | "COURSE_ENROLLMENT" |',
    );
  });

  it('checks the Basic credential the webhook was registered with', async () => {
    const body = JSON.stringify(exampleBody('COURSE_ENROLLMENT'));
    const event = await parseWebhook(
      { headers: { ...SKILLJAR_HEADERS, authorization: basic }, body },
      { basicAuth: credential },
    );
    expect(event.event_type).toBe('COURSE_ENROLLMENT');
    const refused = await parseWebhook({ headers: SKILLJAR_HEADERS, body }, { basicAuth: credential }).catch(
      (e: unknown) => e,
    );
    expect(isWebhookError(refused) && [refused.kind, refused.status]).toEqual(['unauthorized', 401]);
  });
});

describe("the README's node:http receiver", () => {
  const received: SkilljarWebhookEvent[] = [];
  let server: Server;
  let url: string;

  // As in the README, with `received.push` for its console.log.
  async function receiver(req: IncomingMessage, res: ServerResponse) {
    try {
      const event = await parseWebhook(req, { basicAuth: credential });
      if (event.event_type === 'COURSE_ENROLLMENT') received.push(event);
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(isWebhookError(error) ? error.status : 500).end(String(error));
    }
  }

  beforeAll(async () => {
    server = createServer(receiver);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/skilljar`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const deliver = (body: unknown, authorization?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { ...SKILLJAR_HEADERS, ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  it('acknowledges a delivery as Skilljar sends it, and answers 401 or 400 to the others', async () => {
    const enrollment = exampleBody('COURSE_ENROLLMENT');
    expect((await deliver(enrollment, basic)).status).toBe(204);
    expect(received).toEqual([enrollment]);

    const unauthenticated = await deliver(enrollment);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.text()).toContain('no Authorization header');

    const wrong = await deliver({ ...enrollment, domain: { name: 7 } }, basic);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('domain.name: is integer, the spec says string');
    expect(received).toHaveLength(1);
  });
});
