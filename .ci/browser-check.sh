#!/usr/bin/env bash
# Opens DIR/index.html of a small run in headless Chromium (Debian's package)
# and fails on any console error, failed request, or image that did not load.
# Drives Chromium with puppeteer-core, installed into a temporary folder: no
# browser is downloaded, only /usr/bin/chromium is used.
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

echo "== npm install puppeteer-core"
(cd "$tmp" && npm init -y >/dev/null && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund puppeteer-core@23 >/dev/null)

cat >"$tmp/check.js" <<'JS'
const puppeteer = require('puppeteer-core');
const [page_path, shot, profile] = process.argv.slice(2);
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
  await page.screenshot({ path: shot, fullPage: false });
  await browser.close();
  console.log(`${images.length} images, all loaded: ${images.every(i => i.ok)}`);
  if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
  if (images.length === 0) { console.error('no images on the page'); process.exit(1); }
  console.log('no console errors, no failed requests');
})().catch(e => { console.error(e); process.exit(1); });
JS

echo "== headless chromium: $tmp/out/index.html"
node "$tmp/check.js" "$tmp/out/index.html" "$PWD/.ci/screenshot.png" "$tmp/profile"
echo "screenshot: .ci/screenshot.png"
