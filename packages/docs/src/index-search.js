// @ts-check
// Search across every API from the index: by summary, operationId, method and path, tag or API
// (`createCourse`, `/v1/domains`, `post enrolments`). Every word must match. The index of
// operations (`specs/search.json`) is written by the build; results link to Redoc's deep links.
const form = document.getElementById('search');
const input = /** @type {HTMLInputElement | null} */ (document.getElementById('search-input'));
const results = document.getElementById('search-results');
const count = document.getElementById('search-count');

if (form && input && results && count) {
  /** @type {Array<{ api: string, apiTitle: string, operationId: string, method: string, path: string, summary: string, tag: string, href: string }>} */
  const operations = await fetch(new URL('./specs/search.json', location.href)).then((response) =>
    response.json(),
  );
  const haystacks = operations.map((operation) =>
    [
      operation.summary,
      operation.operationId,
      operation.method,
      operation.path,
      operation.tag,
      operation.apiTitle,
    ]
      .join(' ')
      .toLowerCase(),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  input.addEventListener('input', () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const found =
      words.length === 0
        ? []
        : operations.filter((_, index) => words.every((word) => haystacks[index]?.includes(word)));
    count.textContent =
      words.length === 0 ? '' : `${found.length} operation${found.length === 1 ? '' : 's'} found`;
    results.replaceChildren(...found.slice(0, 50).map(result));
  });
}

/** One result: the operation's summary linking to its deep link, then API, method and path. */
function result(/** @type {any} */ operation) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = operation.href;
  link.textContent = operation.summary;
  const where = document.createElement('span');
  where.className = 'where';
  const code = document.createElement('code');
  code.textContent = `${operation.method.toUpperCase()} ${operation.path}`;
  where.append(` ${operation.apiTitle} · `, code, ` · ${operation.operationId}`);
  item.append(link, where);
  return item;
}
