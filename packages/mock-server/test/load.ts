// Load on the mock for the memory tests: every request a different path (a new user and course),
// so the route and validation memos fill and evict and the state store sees paths nobody wrote
// (answered with the API's 404: the user and course the path names are not stored).
import autocannon from 'autocannon';

const auth = `Basic ${Buffer.from('key:').toString('base64')}`;
let sent = 0;

/** `amount` GET requests over `connections` connections, each made by `next` from a fresh counter. */
function hammer(
  url: string,
  amount: number,
  connections: number,
  next: (count: number) => { path: string; headers?: Record<string, string> },
) {
  return autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          sent += 1;
          const { path, headers } = next(sent);
          return { ...request, path, headers: { authorization: auth, ...headers } };
        },
      },
    ],
  });
}

export function hammerDistinctPaths(url: string, amount: number, connections: number) {
  return hammer(url, amount, connections, (count) => ({
    path: `/skilljar/v1/users/user-${count}/published-courses/course-${count % 7919}/lessons`,
  }));
}

/**
 * The same path with a different `Accept` header and query string each time: what a memo keyed
 * by raw request text would grow on (the answer memo keys by the negotiated media type instead).
 */
export function hammerDistinctHeaders(url: string, amount: number, connections: number) {
  return hammer(url, amount, connections, (count) => ({
    path: `/skilljar/v1/ping?probe=${count}`,
    headers: { accept: `application/json, text/x-probe-${count};q=0.${count % 9}` },
  }));
}
