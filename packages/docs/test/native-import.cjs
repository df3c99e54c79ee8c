// Node's own import(), for a test that must load a module as Node does rather than through
// vitest's module runner. Loaded with require(), so vitest never rewrites this import().
/** @param {string} url */
module.exports = (url) => import(url);
