/**
 * The mock delivers webhooks only to loopback targets and refuses any other `target_url` at
 * registration with Skilljar's 400 (it is not an open relay), so the vendor's own example target
 * (example.com) is refused. These runs check that every documented call works, so they register
 * the example webhook at a loopback address instead (a port nothing listens on: no delivery
 * reaches anything). What the portal shows and offers keeps the vendor's example.
 */
export function withLoopbackWebhookTargets(text: string): string {
  return text.replaceAll(
    'http://example.com/skilljar-hook-processor',
    'http://127.0.0.1:9/skilljar-hook-processor',
  );
}
