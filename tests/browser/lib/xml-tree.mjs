// Feeds and sitemaps parsed by the browser's own XML parser (DOMParser), an
// implementation independent of the code that wrote them. The tree comes back
// as plain data so the Rust test can assert which elements exist where.

import { readFile } from 'node:fs/promises';

/** Runs inside the page: the element tree of `text`, or the parser's error. */
function parseXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) return { error: err.textContent.slice(0, 500) };
  const walk = (el) => {
    const kids = [...el.children];
    const attrs = {};
    for (const a of el.attributes) attrs[a.name] = a.value;
    return {
      name: el.tagName,
      ns: el.namespaceURI,
      attrs,
      text: kids.length === 0 ? el.textContent : null,
      children: kids.map(walk),
    };
  };
  return { tree: walk(doc.documentElement) };
}

/** Parse each XML file (absolute paths) in `page`; keyed by `names[i]`. */
export async function xmlTrees(page, files, names) {
  const out = {};
  for (let i = 0; i < files.length; i++) {
    const text = await readFile(files[i], 'utf8');
    out[names[i]] = await page.evaluate(parseXml, text);
  }
  return out;
}
