// Audit built alumni sites in headless Chromium (Debian's /usr/bin/chromium,
// one browser for everything). Driven by tests/browser.rs:
//
//   node audit.mjs JOB.json RESULT.json
//
// JOB.json: { chromium, outDir, sites: [{ name, root, basePath,
//   pages: [{ name, path, status }], xml: ["atom.xml", ...] }] }
// RESULT.json gets, per site, every page audited at every width, and the
// parsed tree of every XML file. Judging the findings is the Rust test's job;
// this script only fails when it cannot run at all.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { forcedColourIcons } from './lib/forced-colours.mjs';
import { Auditor } from './lib/page-audit.mjs';
import { serve } from './lib/server.mjs';
import { xmlTrees } from './lib/xml-tree.mjs';

const VIEWPORTS = [
  { name: '390', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  { name: '1280', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

const [jobPath, resultPath] = process.argv.slice(2);
if (!jobPath || !resultPath) {
  console.error('usage: node audit.mjs JOB.json RESULT.json');
  process.exit(2);
}
const job = JSON.parse(await readFile(jobPath, 'utf8'));

// playwright-core gives a non-persistent launch a fresh, empty user-data dir
// of its own (and removes it afterwards); it refuses --user-data-dir in args.
const browser = await chromium.launch({
  executablePath: job.chromium,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const result = { browser: browser.version(), sites: [] };
try {
  for (const site of job.sites) {
    // URL paths come percent-encoded or not; the server and the audit work on decoded ones.
    const server = await serve(site.root, decodeURI(site.basePath));
    const outDir = join(job.outDir, site.name);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const siteResult = { name: site.name, origin: server.origin, pages: [], xml: {} };
    const pages = site.pages.map((p) => ({ ...p, url: `${server.origin}${encodeURI(decodeURI(p.path))}` }));
    try {
      // Phone and desktop side by side: the two tabs render on the two cores.
      await Promise.all(
        VIEWPORTS.map(async ({ name: width, ...options }) => {
          const context = await browser.newContext({ ...options, serviceWorkers: 'block' });
          const auditor = await Auditor.open(context, server.origin);
          for (const { url, ...p } of pages) {
            const screenshot = join(outDir, `${p.name}-${width}.png`);
            const found = await auditor.audit({ url, expectStatus: p.status, screenshot });
            siteResult.pages.push({ name: p.name, path: p.path, width: Number(width), expectStatus: p.status, ...found });
            process.stderr.write('.');
          }
          await auditor.close();
          await context.close();
        }),
      );
      // Every page again under forced colours, for the icons.
      siteResult.forcedColours = await forcedColourIcons(browser, pages);
      const context = await browser.newContext();
      const page = await context.newPage();
      siteResult.xml = await xmlTrees(
        page,
        site.xml.map((rel) => join(site.root, rel)),
        site.xml,
      );
      await context.close();
    } finally {
      await server.close();
    }
    result.sites.push(siteResult);
    process.stderr.write(` ${site.name}\n`);
  }
} finally {
  await browser.close();
}
await writeFile(resultPath, JSON.stringify(result, null, 1));
