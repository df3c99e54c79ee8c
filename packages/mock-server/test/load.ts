// Load on the mock for the memory tests: every request a different path (a new user and course),
// so the route and validation memos fill and evict and the state store sees paths nobody wrote
// (answered with the API's 404: the user and course the path names are not stored).
import autocannon from 'autocannon';

const auth = `Basic ${Buffer.from('key:').toString('base64')}`;
let sent = 0;

export function hammerDistinctPaths(url: string, amount: number, connections: number) {
  return autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            path: `/skilljar/v1/users/user-${sent}/published-courses/course-${sent % 7919}/lessons`,
            headers: { authorization: auth },
          };
        },
      },
    ],
  });
}

/**
 * The same path with a different `Accept` header and query string each time: what a memo keyed
 * by raw request text would grow on (the answer memo keys by the negotiated media type instead).
 */
export function hammerDistinctHeaders(url: string, amount: number, connections: number) {
  return autocannon({
    url,
    connections,
    amount,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            path: `/skilljar/v1/ping?probe=${sent}`,
            headers: {
              authorization: auth,
              accept: `application/json, text/x-probe-${sent};q=0.${sent % 9}`,
            },
          };
        },
      },
    ],
  });
}
