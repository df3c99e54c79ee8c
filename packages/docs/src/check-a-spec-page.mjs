// @ts-check
// "Check a spec against your account": the guide for users with real credentials (proxy mode's
// drift report and the clients' `validateResponses`), rendered into the portal as one page.
import { escapeHtml, pageStart } from './index-page.mjs';

const ISSUES_URL = 'https://github.com/lms-apis/lms-apis/issues/new';

/** @param {string} code */
const block = (code) => `<pre><code>${escapeHtml(code.trim())}</code></pre>`;

/** @param {{ name: string, title: string, servers: { url: string }[], clientPackage: string, clientFactory: string }[]} apis */
export function renderCheckSpecPage(apis) {
  const rows = apis
    .map((api) => {
      const server = api.servers[0]?.url ?? '';
      // A templated server ({paper}) is one per customer: the proxy needs the reader's own URL.
      const templated = server.includes('{');
      const target = templated ? server.replace(/\{([^}]+)\}/g, '<your-$1>') : 'production';
      return `<tr><td>${escapeHtml(api.title)}</td><td><code>--proxy ${escapeHtml(api.name)}=${escapeHtml(target)}</code></td><td>${templated ? `no single server (<code>${escapeHtml(server)}</code>): give your instance's URL` : `<code>${escapeHtml(server)}</code>`}</td></tr>`;
    })
    .join('\n');
  return `${pageStart({ title: 'Check a spec against your account · lms-apis', bodyClass: 'guide-page' })}
  <header>
    <p><a href="./index.html">← All APIs</a></p>
    <h1 id="check-a-spec">Check a spec against your account</h1>
    <p>Parts of these specs are inferred: response shapes the vendors' pages never show, required properties, status codes (each operation's provenance note says which). This project cannot call the real APIs; you can. With your own credentials, two commands show in minutes where a spec and the real API disagree, in a report precise enough to fix the spec from.</p>
  </header>
  <main class="guide">
    <section id="proxy">
      <h2>1. Put the mock in front of the real API</h2>
      <p>Proxy mode forwards every request of one API to the real server unchanged (your credentials included) and passes each answer back unchanged, while checking both against the spec. The other APIs stay mocked in the same process.</p>
      ${block('pnpm mock --proxy skilljar=production --drift-report drift.json')}
      <p>Then point your application, script or client at the mock instead of the vendor, for example <code>http://127.0.0.1:4010/skilljar</code> instead of <code>https://api.skilljar.com</code>, and use it as you normally would. <code>production</code> is the spec's first server; any base URL works (a staging server, your SNworks paper's own host):</p>
      <table>
        <thead><tr><th>API</th><th>flag</th><th><code>production</code> means</th></tr></thead>
        <tbody>
${rows}
        </tbody>
      </table>
      <p>While it runs, <code>http://127.0.0.1:4010/_drift?format=markdown</code> shows the report so far (<code>/_drift</code> as JSON; <code>DELETE /_drift</code> starts over). Ctrl-C writes <code>drift.json</code> and a readable <code>drift.md</code> beside it.</p>
      <p><strong>Writes are real.</strong> The proxy forwards POST, PUT, PATCH and DELETE to the real API: prefer read-only calls, or a test account.</p>
    </section>
    <section id="client">
      <h2>2. Or let the client check every answer</h2>
      <p>Every client takes <code>validateResponses</code>: <code>'warn'</code> reports each departure through the client's <code>logger.warn</code> (else <code>console.warn</code>), in the same words as the report; <code>'throw'</code> makes the call fail with an <code>ApiError</code> of kind <code>drift</code>, handy in an integration test suite. The default, <code>'off'</code>, loads none of it.</p>
      ${block(`import { createSkilljarClient } from '@lms-apis/skilljar-client';

const skilljar = createSkilljarClient({
  apiKey: process.env.SKILLJAR_API_KEY!,
  validateResponses: 'warn',
  logger: { debug() {}, warn: (line) => console.warn(line) },
});
await skilljar.GET('/v1/courses');
// GET /v1/courses: results[].labels: is string, the spec says array`)}
    </section>
    <section id="report">
      <h2>What the report lists</h2>
      <p>Per operation, with a count and one sample value each: properties the API returned that the schema lacks; properties of another type or format; required properties it left out; null where the spec says never null; values outside an enum; status codes and content types the operation does not document. What your own requests sent that the spec forbids (wrong parameters, unknown body fields, paths the spec lacks) is listed apart: that is either a bug in your code or another gap in the spec.</p>
      <p>Nothing secret goes in: credentials are forwarded but never logged, journalled or reported; credential-named query parameters and fields show as <code>[redacted]</code>; sample strings keep only their shape (<code>Jane Doe</code> becomes <code>Xxxx Xxx</code>, a date <code>9999-99-99</code>), except enum values, which are the finding. Read <code>drift.md</code> before you share it: it names your upstream's host.</p>
    </section>
    <section id="send">
      <h2>Send it back</h2>
      <p>Open an issue at <a href="${ISSUES_URL}">${ISSUES_URL}</a> titled “Drift: &lt;API&gt;”, paste <code>drift.md</code> (or attach <code>drift.json</code>), and say which account type or plan you used and when. A maintainer turns each finding into a spec change; findings the vendor's pages never stated are marked as observed in the operation's provenance.</p>
    </section>
  </main>
  <footer><p>Proxy mode and <code>validateResponses</code> use the same checks: <code>@lms-apis/client-core/drift</code>.</p></footer>
</body>
</html>
`;
}
