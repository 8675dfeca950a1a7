// What is checked on one page at one viewport: console errors, failed and
// off-site requests, dialogs, horizontal scrolling, JSON-LD that parses,
// markup that hostile input must never create, axe-core's WCAG 2.x A/AA
// rules; and a screenshot for a person to look at.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// The axe-core that @axe-core/playwright depends on (one copy in the lock file).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_IN_PAGE = '/* axe-core is loaded by the context init script */';

/** Facts read inside the page after it loaded. */
function pageFacts() {
  const scroller = document.scrollingElement;
  const overflowing = [];
  if (scroller.scrollWidth > window.innerWidth) {
    // The deepest elements sticking out to the right: what to fix.
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && r.width > 0) {
        const inner = [...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5);
        if (!inner) {
          const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          overflowing.push(`${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(r.right)}px)`);
        }
      }
      if (overflowing.length >= 5) break;
    }
  }
  const jsonld = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
    try {
      return { ok: true, value: JSON.parse(s.textContent) };
    } catch (e) {
      return { ok: false, error: String(e), text: s.textContent.slice(0, 300) };
    }
  });
  // Markup that only an injection could have produced.
  const injected = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) {
        injected.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const type = (s.getAttribute('type') ?? '').toLowerCase();
    if (type !== 'application/ld+json' && !s.src) {
      injected.push(`inline <script>: ${s.textContent.slice(0, 80)}`);
    }
  }
  for (const img of document.querySelectorAll('img[src="x"], img[src$="/x"]')) {
    injected.push(`<img src="${img.getAttribute('src')}">`);
  }
  for (const st of document.querySelectorAll('style')) {
    if (st.textContent.includes('display:none}')) injected.push(`<style>${st.textContent.slice(0, 60)}</style>`);
  }
  if (document.querySelectorAll('title').length !== 1) {
    injected.push(`${document.querySelectorAll('title').length} <title> elements`);
  }
  return {
    scrollWidth: scroller.scrollWidth,
    innerWidth: window.innerWidth,
    overflowing,
    jsonld,
    injected,
    title: document.title,
    lang: document.documentElement.lang,
  };
}

/**
 * Audits pages one after the other in a single tab of `context` (a new tab
 * per page costs more than the audit). `origin` is the only host pages may
 * contact: every other request is aborted and reported.
 */
export class Auditor {
  static async open(context, origin) {
    const a = new Auditor(origin);
    // axe-core goes into every document as it loads, where V8 compiles it
    // once for the whole run; AxeBuilder would evaluate its 600 kB source twice
    // per analysis (about 0.3 s a page), so it is told the page has axe already.
    await context.addInitScript({ content: AXE_SOURCE });
    a.page = await context.newPage();
    await a.page.route('**/*', (route) => {
      const u = route.request().url();
      if (u === origin || u.startsWith(`${origin}/`)) return route.continue();
      a.found.foreignRequests.push(u);
      return route.abort('blockedbyclient');
    });
    a.page.on('dialog', async (d) => {
      a.found.dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss().catch(() => {});
    });
    a.page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const loc = m.location()?.url ?? '';
      // Chromium logs the document's own 404 status; on the 404 page that status is expected.
      if (a.expectStatus === 404 && loc === a.url && /status of 404/.test(m.text())) return;
      a.found.consoleErrors.push(`${m.text()}${loc ? ` (${loc})` : ''}`);
    });
    a.page.on('pageerror', (e) => a.found.consoleErrors.push(`uncaught: ${e.message}`));
    a.page.on('requestfailed', (r) => {
      if (!r.url().startsWith(origin)) return; // reported as foreign
      a.found.failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
    });
    a.page.on('response', (r) => {
      const isDocument = r.request().isNavigationRequest() && r.request().frame() === a.page.mainFrame();
      if (isDocument && r.url() === a.url) return;
      if (r.status() >= 400) a.found.failedRequests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
    });
    return a;
  }

  constructor(origin) {
    this.origin = origin;
    this.found = null;
    this.url = null;
    this.expectStatus = 200;
  }

  /** Audit `url`, whose document should answer `expectStatus`; screenshot to `screenshot`. */
  async audit({ url, expectStatus, screenshot }) {
    const found = { status: null, consoleErrors: [], failedRequests: [], foreignRequests: [], dialogs: [] };
    this.found = found;
    this.url = url;
    this.expectStatus = expectStatus;
    const page = this.page;
    const response = await page.goto(url, { waitUntil: 'load' });
    found.status = response?.status() ?? null;
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    Object.assign(found, await page.evaluate(pageFacts));

    // Legacy mode runs axe in the page itself: our pages have no frames, and
    // the default mode opens an extra blank page per analysis (about 1 s each).
    const axe = await new AxeBuilder({ page, axeSource: AXE_IN_PAGE })
      .withTags(WCAG_TAGS)
      .setLegacyMode(true)
      .analyze();
    found.axe = axe.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 10).map((n) => ({
        target: n.target.join(' '),
        html: n.html.slice(0, 300),
        summary: n.failureSummary ?? '',
      })),
    }));

    await page.screenshot({ path: screenshot, fullPage: true });
    found.screenshot = screenshot;
    return found;
  }

  async close() {
    await this.page.close();
  }
}
