// Icons under forced colours (a Windows contrast theme, emulated by Chromium):
// every `.icon` must be painted in the colour its parent's text is forced to
// (text or link colour), and never in the page's Canvas colour, which would
// hide it. `pages` are { name, path, url }, as audit.mjs builds them once
// for every pass. Returns, per page, how many icons were seen and the wrong
// ones.

export async function forcedColourIcons(browser, pages) {
  const context = await browser.newContext({
    forcedColors: 'active',
    colorScheme: 'dark',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const found = [];
  try {
    for (const p of pages) {
      await page.goto(p.url, { waitUntil: 'load' });
      const r = await page.evaluate(() => {
        const forced = matchMedia('(forced-colors: active)').matches;
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = 'Canvas';
        const canvas = getComputedStyle(probe).color;
        probe.remove();
        const icons = [...document.querySelectorAll('.icon')];
        const wrong = icons
          .map((el) => ({
            el,
            paint: getComputedStyle(el).backgroundColor,
            text: getComputedStyle(el.parentElement).color,
          }))
          .filter(({ paint, text }) => paint !== text || paint === canvas)
          .map(({ el, paint, text }) => `${el.className}: painted ${paint}, its text is ${text} (canvas ${canvas})`);
        return { forced, icons: icons.length, wrong };
      });
      found.push({ name: p.name, path: p.path, ...r });
    }
  } finally {
    await context.close();
  }
  return found;
}
