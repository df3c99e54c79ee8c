// Skilljar's webhook bodies, built from the stored entities (issue 26): the user is the
// `/v1/users` record, the course the published course on the domain with its `/v1/courses`
// record, the domain the `/v1/domains` record. Shapes: the spec's `*Event` schemas
// (`COURSE_ENROLLMENT` from the facts file, "Skilljar webhooks"; the others inferred from it).

import type { StateContext } from '../answerers/state/context.js';
import { isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, collectionsAt, storedUser } from './skilljar-store.js';
import { embeddedUser } from './skilljar-users.js';

export type Built = Item | { missing: string; message: string };

export const PUBLISHED_COURSES = '/v1/domains/{domain_name}/published-courses';
export const PUBLISHED_PATHS = '/v1/domains/{domain_name}/published-paths';

/** Facts file: ISO 8601 with microseconds and an offset; the mock's clock counts milliseconds. */
export function eventTimestamp(now: number): string {
  return `${new Date(now).toISOString().slice(0, 23)}000+00:00`;
}

export function missing(id: string, message: string): Built {
  return { missing: id, message };
}

export function isMissing(value: unknown): value is { missing: string; message: string } {
  return isPlainObject(value) && typeof value.missing === 'string';
}

export function webhookUser(context: StateContext, userId: string): Built {
  const user = storedUser(context, userId);
  return user ? embeddedUser(user) : missing('user_id', `No user has the id ${userId}.`);
}

/** `{id, name}`: the stored domain whose `name` is the path's `domain_name`. */
export function webhookDomain(context: StateContext, name: string): Built {
  for (const domain of collectionAt(context, '/v1/domains', {}).items.values())
    if (domain.name === name) return pick({ id: domain.id, name: domain.name });
  return missing('domain_name', `No domain is named ${name}.`);
}

export function publishedCourse(context: StateContext, domainName: string, id: string): Item | undefined {
  return collectionAt(context, PUBLISHED_COURSES, { domain_name: domainName }).items.get(id);
}

/** The domain that publishes the course (for events whose path names no domain). */
export function domainPublishing(context: StateContext, publishedCourseId: string): string | undefined {
  return collectionsAt(context, PUBLISHED_COURSES).find(({ collection }) =>
    collection.items.has(publishedCourseId),
  )?.params.domain_name;
}

/** `WebhookCourse`: both ids, the title of the stored course, the course's page on the domain. */
export function webhookCourse(context: StateContext, domainName: string, publishedCourseId: string): Built {
  const published = publishedCourse(context, domainName, publishedCourseId);
  if (!published)
    return missing(
      'published_course_id',
      `No published course ${publishedCourseId} on the domain ${domainName}.`,
    );
  const summary = isPlainObject(published.course) ? published.course : {};
  const course = collectionAt(context, '/v1/courses', {}).items.get(String(summary.id));
  return pick({
    id: summary.id,
    published_course_id: published.id,
    title: course?.title ?? summary.title,
    url: published.course_url,
  });
}

/** `WebhookPath`, modelled on the course (inferred): the path's ids, its title, its page. */
export function webhookPath(context: StateContext, domainName: string, publishedPathId: string): Built {
  const published = collectionAt(context, PUBLISHED_PATHS, { domain_name: domainName }).items.get(
    publishedPathId,
  );
  if (!published)
    return missing('published_path_id', `No published path ${publishedPathId} on the domain ${domainName}.`);
  const path = isPlainObject(published.path) ? published.path : {};
  return pick({
    id: path.id,
    published_path_id: published.id,
    title: published.title ?? path.title,
    url: published.path_url,
  });
}

/**
 * `WebhookPurchase` from an enrollment's purchase summary (`EnrollmentPurchase`: prices as
 * `{amount, currency_code}`); an enrollment without one is free: `payment_processor` `NONE` and
 * prices `0.00` (facts file), in the currency of the offer it was free from, when it has one.
 */
export function webhookPurchase(purchase: unknown, offer: unknown): Item {
  if (isPlainObject(purchase)) {
    const offered = isPlainObject(purchase.offer_price) ? purchase.offer_price : {};
    const paid = isPlainObject(purchase.purchase_price) ? purchase.purchase_price : {};
    return pick({
      order_id: purchase.order_id,
      original_price: offered.amount,
      purchase_price: paid.amount,
      currency_code: paid.currency_code ?? offered.currency_code,
      payment_processor: purchase.payment_processor,
    });
  }
  const price = isPlainObject(offer) && isPlainObject(offer.price) ? offer.price : {};
  return pick({
    original_price: '0.00',
    purchase_price: '0.00',
    currency_code: price.currency_code,
    payment_processor: 'NONE',
  });
}

/** A stored purchase's cents as the decimal string a webhook shows. */
export function decimal(cents: unknown): string | undefined {
  return typeof cents === 'number' ? (cents / 100).toFixed(2) : undefined;
}

/** The object without its undefined values (a field the store does not have is left out). */
export function pick(fields: Record<string, unknown>): Item {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== null),
  );
}

/** The first missing entity among the body's parts and the other entities it needs, or the body. */
export function assemble(parts: Record<string, unknown>, needs: unknown[] = []): Built {
  for (const part of [...needs, ...Object.values(parts)]) if (isMissing(part)) return part;
  return pick(parts);
}
