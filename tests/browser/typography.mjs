// Japanese typography of a built site, measured in headless Chromium.
// Driven by tests/browser.rs:
//
//   node typography.mjs JOB.json RESULT.json
//
// JOB.json: { chromium, outDir (or null: no screenshots), root, basePath,
//   pages: [{ name, path }], whole: ["9-9-9", ...], wholeIn: "CSS selector" }
// For each page at phone and desktop width, RESULT.json gets:
// - ems: every `em`, with its language, computed font-style and
//   text-emphasis;
// - cells: every table cell of at most four characters (頻度, 月1回), with
//   the number of lines it takes;
// - whole: every occurrence of a `whole` string inside `wholeIn`, with the
//   most lines it took while its block was narrowed from its width down to
//   120px in 3px steps (so a break inside it is found wherever lines end).
// Judging is the Rust test's job.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from './lib/server.mjs';

const VIEWPORTS = [
  { width: 390, options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  { width: 1280, options: { viewport: { width: 1280, height: 800 } } },
];

/** Runs in the page: the measurements described above. */
function measure({ whole, wholeIn }) {
  // Lines a range's boxes take: a box starting below the previous line's
  // bottom starts a new line.
  const lines = (range) => {
    const rects = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
    let count = 0;
    let bottom = -Infinity;
    for (const r of rects) {
      if (r.top >= bottom - 1) {
        count += 1;
        bottom = r.bottom;
      } else {
        bottom = Math.max(bottom, r.bottom);
      }
    }
    return count;
  };
  const lang = (el) => el.closest('[lang]')?.getAttribute('lang') ?? '';

  const ems = [...document.querySelectorAll('main em')].map((em) => {
    const cs = getComputedStyle(em);
    const emphasis = cs.textEmphasisStyle || cs.webkitTextEmphasisStyle;
    return { text: em.textContent, lang: lang(em), fontStyle: cs.fontStyle, emphasis };
  });

  const cells = [...document.querySelectorAll('main td, main th')]
    .filter((c) => [...c.textContent.trim()].length <= 4 && c.textContent.trim() !== '')
    .map((c) => {
      const r = document.createRange();
      r.selectNodeContents(c);
      return { text: c.textContent.trim(), lines: lines(r) };
    });

  const found = [];
  for (const scope of document.querySelectorAll(wholeIn)) {
    // The scope's text, and where each of its text nodes starts in it.
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: text.length });
      text += n.data;
    }
    const at = (offset) => {
      let i = nodes.length - 1;
      while (i > 0 && nodes[i].start > offset) i -= 1;
      return [nodes[i].node, offset - nodes[i].start];
    };
    for (const w of whole) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        const range = document.createRange();
        range.setStart(...at(i));
        const [endNode, endOffset] = at(i + w.length - 1);
        range.setEnd(endNode, endOffset + 1);
        // The nearest block around it, narrowed step by step.
        let block = range.commonAncestorContainer;
        if (block.nodeType !== Node.ELEMENT_NODE) block = block.parentElement;
        while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
        const before = block.getAttribute('style');
        let most = lines(range);
        let brokeAt = most > 1 ? Math.round(block.getBoundingClientRect().width) : null;
        for (let width = Math.floor(block.getBoundingClientRect().width); width >= 120; width -= 3) {
          block.style.width = `${width}px`;
          block.style.maxWidth = `${width}px`;
          const n = lines(range);
          if (n > most) {
            most = n;
            brokeAt = width;
          }
        }
        if (before === null) block.removeAttribute('style');
        else block.setAttribute('style', before);
        found.push({ text: w, context: text.slice(Math.max(0, i - 12), i + w.length + 12), lines: most, brokeAt });
      }
    }
  }
  return { ems, cells, whole: found };
}

const [jobPath, resultPath] = process.argv.slice(2);
if (!jobPath || !resultPath) {
  console.error('usage: node typography.mjs JOB.json RESULT.json');
  process.exit(2);
}
const job = JSON.parse(await readFile(jobPath, 'utf8'));
const browser = await chromium.launch({
  executablePath: job.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const result = { browser: browser.version(), pages: [] };
const server = await serve(job.root, decodeURI(job.basePath));
try {
  if (job.outDir) await mkdir(job.outDir, { recursive: true });
  for (const { width, options } of VIEWPORTS) {
    const context = await browser.newContext({ ...options, deviceScaleFactor: 1, serviceWorkers: 'block' });
    const page = await context.newPage();
    for (const p of job.pages) {
      await page.goto(`${server.origin}${encodeURI(decodeURI(p.path))}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      if (job.outDir) {
        await page.screenshot({ path: join(job.outDir, `${p.name}-${width}.png`), fullPage: true });
      }
      const found = await page.evaluate(measure, { whole: job.whole, wholeIn: job.wholeIn });
      result.pages.push({ name: p.name, path: p.path, width, ...found });
    }
    await context.close();
  }
} finally {
  await server.close();
  await browser.close();
}
await writeFile(resultPath, JSON.stringify(result, null, 1));
