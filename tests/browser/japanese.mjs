// The Japanese welcome message of a built site in headless Chromium, at
// phone and desktop width: a screenshot of each, and what the reader sees of
// every place where the Markdown source broke a line between two Japanese
// characters. Driven by tests/browser.rs:
//
//   node japanese.mjs JOB.json RESULT.json
//
// JOB.json: { chromium, outDir, root, basePath, path, joins: [[before, after], ...] }
// RESULT.json: per width, for each join, whether the text shows
// `before + after` with nothing between, and every text node of the
// article that holds a white space between two Japanese characters.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from './lib/server.mjs';

const [jobPath, resultPath] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobPath, 'utf8'));
const browser = await chromium.launch({
  executablePath: job.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const server = await serve(job.root, decodeURI(job.basePath));
const result = { widths: [] };
try {
  await mkdir(job.outDir, { recursive: true });
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${server.origin}${encodeURI(job.path)}`, { waitUntil: 'load' });
    await page.screenshot({ path: join(job.outDir, `welcome-${width}.png`), fullPage: true });
    const seen = await page.evaluate((joins) => {
      const article = document.querySelector('.prose');
      const text = article.innerText;
      const wide = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/u;
      const spaced = [];
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n.nodeValue;
        for (let i = 1; i + 1 < t.length; i++) {
          if (/\s/.test(t[i]) && wide.test(t[i - 1]) && wide.test(t[i + 1])) spaced.push(t);
        }
      }
      return {
        joins: joins.map(([a, b]) => ({ pair: `${a}|${b}`, joined: text.includes(a + b) })),
        spaced,
        strong: [...article.querySelectorAll('strong')].map((s) => s.textContent),
      };
    }, job.joins);
    result.widths.push({ width, ...seen });
    await context.close();
  }
} finally {
  await server.close();
  await browser.close();
}
await writeFile(resultPath, JSON.stringify(result, null, 2));
