#!/usr/bin/env bash
# Opens DIR/index.html of a small run, with the sections of compare, goal and
# sensitivity added, in headless Chromium (Debian's package) and fails on any
# console error, failed request, image that did not load, or table wider than
# a desktop window; then lays it out for print (A4 landscape) and fails on a
# chart that does not start its own page or is taller than one, or a table
# wider than the paper. Drives Chromium with puppeteer-core, installed into a
# temporary folder: no browser is downloaded, only /usr/bin/chromium is used.
# Leaves a screenshot and the print preview (PDF) in .ci/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
    echo "== installing chromium"
    apt-get update && apt-get install -y chromium
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== ktpsim run scenarios/ --replications 50 (release)"
cargo run --release --quiet -- run scenarios/ --replications 50 --quiet --out "$tmp/out" >/dev/null
k=target/release/ktpsim
echo "== compare, goal and sensitivity into the same folder"
"$k" compare scenarios/bojonegoro-2017.toml scenarios/second-printer.toml --replications 50 --out "$tmp/out" >/dev/null
"$k" goal scenarios/bojonegoro-2017.toml --vary printing.printers --from 1 --to 3 --target 'p90 <= 150' \
    --replications 20 --max-replications 80 --out "$tmp/out" >/dev/null
"$k" sensitivity scenarios/second-printer.toml --replications 10 --quiet --out "$tmp/out" >/dev/null

echo "== npm install puppeteer-core"
(cd "$tmp" && npm init -y >/dev/null && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund puppeteer-core@23 >/dev/null)

cat >"$tmp/check.js" <<'JS'
const puppeteer = require('puppeteer-core');
const [page_path, shot, pdf, profile] = process.argv.slice(2);
(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const page = await browser.newPage();
  page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', r => problems.push(`failed request: ${r.url()} (${r.failure().errorText})`));
  page.on('request', r => { if (!r.url().startsWith('file://')) problems.push(`network request: ${r.url()}`); });
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto('file://' + page_path, { waitUntil: 'load' });
  const images = await page.evaluate(() => [...document.images].map(i => ({
    src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })));
  for (const i of images) if (!i.ok) problems.push(`image did not load: ${i.src}`);
  // On screen: tables fit a desktop window (a narrow one may scroll them).
  const wide = await page.evaluate(() => [...document.querySelectorAll('.wide')]
    .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.closest('section').id));
  for (const id of wide) problems.push(`a table is wider than the window in section ${id}`);
  const sections = await page.evaluate(() => [...document.querySelectorAll('section')].map(s => s.id));
  for (const id of ['brief', 'compare', 'goal', 'sensitivity-second-printer'])
    if (!sections.includes(id)) problems.push(`no section ${id}`);
  await page.screenshot({ path: shot, fullPage: false });
  // On paper: A4 landscape less 12 mm margins is 273 x 186 mm, 1032 x 703 CSS pixels.
  await page.emulateMediaType('print');
  await page.setViewport({ width: 1032, height: 703 });
  const paper = await page.evaluate(() => ({
    figures: [...document.querySelectorAll('figure')].map(f => ({
      src: f.querySelector('img').getAttribute('src'),
      breaks: getComputedStyle(f).breakBefore === 'page',
      height: f.getBoundingClientRect().height })),
    tables: [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().width > 1033).length,
  }));
  for (const f of paper.figures) {
    if (!f.breaks) problems.push(`print: ${f.src} does not start a page`);
    if (f.height > 703) problems.push(`print: ${f.src} is ${Math.round(f.height)} px high, more than a page`);
  }
  if (paper.tables) problems.push(`print: ${paper.tables} tables wider than the paper`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await browser.close();
  console.log(`${images.length} images, all loaded: ${images.every(i => i.ok)}`);
  console.log(`print: ${paper.figures.length} charts, each on a page of its own and within it`);
  if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
  if (images.length === 0) { console.error('no images on the page'); process.exit(1); }
  console.log('no console errors, no failed requests');
})().catch(e => { console.error(e); process.exit(1); });
JS

echo "== headless chromium: $tmp/out/index.html"
node "$tmp/check.js" "$tmp/out/index.html" "$PWD/.ci/screenshot.png" "$PWD/.ci/print-preview.pdf" "$tmp/profile"
echo "screenshot: .ci/screenshot.png; print preview: .ci/print-preview.pdf"
