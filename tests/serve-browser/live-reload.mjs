// Live reload in a real browser: Debian's headless Chromium opens a page
// served by `alumni serve` and, with no action from this script beyond
// editing the site's files, must show each change: a Markdown edit (page
// reloads), a stylesheet edit (styles swap without a reload), a broken file
// (error overlay over the last good page) and its fix, and a server restart
// (the page reconnects and reloads).
//
// Driven by tests/serve.rs, which starts the server and passes:
//   ALUMNI_URL   the page to open (http://127.0.0.1:PORT/about/)
//   ALUMNI_SITE  the site folder being served
//   ALUMNI_OUT   where to put screenshots
// For the restart it prints "restart" and waits for a line on stdin once the
// server is back.

import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { chromium } from "playwright-core";

const url = process.env.ALUMNI_URL;
const site = process.env.ALUMNI_SITE;
const out = process.env.ALUMNI_OUT;
const about = join(site, "content/pages/about.md");
const css = join(site, "static/site.css");
const PATIENCE = 20000;

// Never hang the Rust test: give up after two minutes.
setTimeout(() => {
  console.error("live-reload.mjs: timed out");
  process.exit(2);
}, 120000).unref();

const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once("line", resolve));
const page = (body) => `+++\ntitle = "About the network"\n+++\n${body}\n`;

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok - ${what}`);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let status = 0;
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Console errors outside the restart (where the browser itself reports the
  // refused connections while the server is down) fail the test.
  const problems = [];
  let restarting = false;
  tab.on("console", (m) => {
    if (m.type() === "error" && !restarting) problems.push(`console: ${m.text()} at ${JSON.stringify(m.location())}`);
  });
  tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const text = () => tab.locator("main").innerText();
  const waitText = (s) => tab.waitForFunction((s) => document.body.innerText.includes(s), s, { timeout: PATIENCE });
  const mark = () => tab.evaluate(() => { window.__notReloaded = true; });
  const marked = () => tab.evaluate(() => window.__notReloaded === true);

  await tab.goto(url);
  check((await text()).includes("About text: original."), "the page is served");
  await tab.waitForFunction(() => window.__alumniLiveReload === true, null, { timeout: PATIENCE });

  await mark();
  await writeFile(about, page("About text: edited in the browser test."));
  await waitText("About text: edited in the browser test.");
  check(!(await marked()), "a Markdown edit reloads the page by itself");

  await mark();
  const color = () => tab.evaluate(() => getComputedStyle(document.body).color);
  check((await color()) === "rgb(0, 0, 0)", "the stylesheet applies");
  await writeFile(css, "body { color: rgb(200, 0, 0); }\n");
  await tab.waitForFunction(() => getComputedStyle(document.body).color === "rgb(200, 0, 0)", null, { timeout: PATIENCE });
  check(await marked(), "a stylesheet edit swaps styles without a reload");
  check((await tab.locator('link[rel="stylesheet"]').count()) === 1, "the old stylesheet link is gone");

  await writeFile(about, '+++\ntitle = "About"\nsummary = <b>oops</b>\n+++\nAbout text: broken.\n');
  const overlay = tab.locator("#alumni-overlay");
  await overlay.waitFor({ state: "visible", timeout: PATIENCE });
  const shown = await overlay.innerText();
  check(shown.includes("content/pages/about.md:3:11"), "a broken file shows the error overlay with its place");
  check(shown.includes("summary = <b>oops</b>"), "the overlay quotes the source as text");
  check((await text()).includes("About text: edited in the browser test."), "the last good page stays under it");
  if (out) {
    await mkdir(out, { recursive: true });
    await tab.screenshot({ path: join(out, "overlay.png") });
  }
  await writeFile(about, page("About text: fixed."));
  await waitText("About text: fixed.");
  check((await overlay.count()) === 0, "fixing it clears the overlay");

  await mark();
  restarting = true;
  console.log("restart");
  await nextLine();
  await waitText("About text: while the server was stopped.");
  restarting = false;
  check(!(await marked()), "after a server restart the page reconnects and reloads");
  if (out) await tab.screenshot({ path: join(out, "after-restart.png") });

  check(problems.length === 0, `no console errors (${problems.join("; ")})`);
} catch (e) {
  console.error(`not ok - ${e.message}`);
  status = 1;
} finally {
  await browser.close();
  lines.close();
}
process.exit(status);
