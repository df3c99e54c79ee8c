// Where the mock may POST a webhook delivery. A mock that calls any URL a client registers is an
// open relay (any caller could make it send requests into the network it runs in), so by default
// only this machine's loopback is a target; other hosts must be allowed by name when starting it
// (`--webhook-allow <host>`). Hosts are compared as written: a name that merely resolves to
// loopback (`127.0.0.1.nip.io`) is not loopback here, since what it resolves to can change.

import { isIP } from 'node:net';

/** Why a target URL is refused, or undefined when the mock may deliver to it. */
export function targetRefusal(targetUrl: unknown, allowedHosts: readonly string[]): string | undefined {
  if (typeof targetUrl !== 'string') return 'Enter a valid URL.';
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    // Django's URLValidator message, as DRF answers an invalid URL field.
    return 'Enter a valid URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Enter a valid URL.';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopback(host) || allowedHosts.some((allowed) => allowed.toLowerCase() === host)) return undefined;
  return `The mock delivers webhooks only to loopback hosts (127.0.0.0/8, ::1, localhost) and hosts allowed with --webhook-allow; ${host} is neither.`;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}
