// @ts-check
// The pages are built saying the mock runs at its default origin (the usage samples, the index's
// mock URLs); the portal's server knows the mock it was started with (`/portal-env.json`). Where
// that is another, every place the page shows the default origin shows the real one, including
// what Redoc renders later (samples appear as a reader opens operations). Served by any other
// server (no `/portal-env.json`), the page is left as built.
const DEFAULT_MOCK = 'http://127.0.0.1:4010';

const env = await fetch(new URL('./portal-env.json', location.href))
  .then((response) => (response.ok ? response.json() : undefined))
  .catch(() => undefined);
const mock = typeof env?.mockUrl === 'string' ? env.mockUrl : undefined;

if (mock && mock !== DEFAULT_MOCK) {
  swap(document.body);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') swap(record.target);
      for (const node of record.addedNodes) swap(node);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Replace the default mock origin in every text node under `root`. */
function swap(/** @type {Node} */ root) {
  if (root.nodeType === Node.TEXT_NODE) {
    if (root.nodeValue?.includes(DEFAULT_MOCK))
      root.nodeValue = root.nodeValue.replaceAll(DEFAULT_MOCK, `${mock}`);
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.includes(DEFAULT_MOCK))
      node.nodeValue = node.nodeValue.replaceAll(DEFAULT_MOCK, `${mock}`);
  }
}
