// The client's receiving half against the stateful mock's deliveries (issue 26): a node:http
// receiver on 127.0.0.1 hands each request to `parseWebhook` (strict, with the webhook's Basic
// credential) and keeps the typed events; the client registers the webhooks and drives the flow.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSkilljarClient,
  isWebhookError,
  parseWebhook,
  type SkilljarWebhookEvent,
} from '../src/index.js';

const credential = { username: 'hook-user', password: 'hook-pass' };
const received: Array<{ path: string; event: SkilljarWebhookEvent }> = [];
const refused: string[] = [];
const authorized: string[] = [];
let mock: RunningMockServer;
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    apis: ['skilljar'],
    seed: 'skilljar-webhook-delivery',
    webhookRetryDelaysMs: [10, 10],
  });
  receiver = createServer(async (req, res) => {
    const path = req.url ?? '/';
    try {
      // The shared URL gets the credential of the webhook registered for the event type, when it
      // has one: a delivery carrying a credential must carry exactly that one.
      const withCredential = req.headers.authorization !== undefined;
      const event = await parseWebhook(req, {
        strict: true,
        ...(withCredential ? { basicAuth: credential } : {}),
      });
      if (withCredential) authorized.push(event.event_type);
      received.push({ path, event });
      res.statusCode = 204;
    } catch (error) {
      refused.push(`${path}: ${(error as Error).message}`);
      res.statusCode = isWebhookError(error) ? error.status : 500;
    }
    res.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await mock?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function deliveries(session: string, count: number): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const answer = (await (await fetch(`${mock.url}/_webhooks?session=${session}`)).json()) as {
      deliveries: Array<{ state: string }>;
    };
    if (answer.deliveries.length >= count && answer.deliveries.every((d) => d.state !== 'pending')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting for deliveries');
}

describe("parseWebhook on the mock's deliveries", () => {
  it('gets one typed COURSE_ENROLLMENT on the shared URL, with the credential, none on the others', async () => {
    const session = mock.session('client-webhooks');
    const skilljar = createSkilljarClient({
      baseUrl: mock.apis.skilljar,
      apiKey: 'key',
      headers: session.headers,
    });
    const register = async (body: Record<string, unknown>) => {
      // `basic_auth_password` is past where the vendor page is cut off: the create body is left open for it.
      const { response } = await skilljar.POST('/v1/webhooks', { body: body as { target_url: string } });
      expect(response.status).toBe(201);
    };
    await register({
      target_url: `${receiverUrl}/one`,
      event_type: 'COURSE_ENROLLMENT',
      basic_auth_username: credential.username,
      basic_auth_password: credential.password,
    });
    await register({ target_url: `${receiverUrl}/one` });
    await register({ target_url: `${receiverUrl}/two`, event_type: 'COURSE_COMPLETION' });
    await register({ target_url: `${receiverUrl}/three`, active: false });
    const member = await skilljar.POST('/v1/domains/{domain_name}/users', {
      params: { path: { domain_name: 'example.com' } },
      body: { user: { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' } },
    });
    const userId = member.data?.user?.id as string;
    const enrolled = await skilljar.POST(
      '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments',
      {
        params: { path: { domain_name: 'example.com', published_course_id: 'abcdefg123456' } },
        body: { user: { id: userId } },
      },
    );
    expect(enrolled.response.status).toBe(201);
    await deliveries(session.name, 2);

    expect(refused).toEqual([]);
    const enrollments = received.filter(({ event }) => event.event_type === 'COURSE_ENROLLMENT');
    expect(enrollments.map(({ path }) => path)).toEqual(['/one']);
    const event = enrollments[0]?.event;
    if (event?.event_type !== 'COURSE_ENROLLMENT') throw new Error('no COURSE_ENROLLMENT');
    expect(event.user).toMatchObject({ id: userId, email: 'ada@example.com' });
    expect(event.course.published_course_id).toBe('abcdefg123456');
    expect(event.domain.name).toBe('example.com');
    expect(event.timestamp).toMatch(/\.\d{6}\+00:00$/);
    expect(authorized).toEqual(['COURSE_ENROLLMENT']);
    expect(received.filter(({ path }) => path !== '/one')).toEqual([]);
  }, 20_000);
});
