// Benchmark (not a test): import the 10,000-row tracker written by `cargo bench --bench import`
// in Chromium, and report how long each step takes and the longest frame the page missed while
// the worker read the file, and the export of the 10,000 tasks. Run: cargo bench --bench import && node tests/browser/bench-import.mjs
import { serveDist, launch, openApp, countText } from './harness.mjs';

const file = new URL('../../target/bench/theo-doi-10000.xlsx', import.meta.url).pathname;
const server = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, server.url + '#/nhap-file');
await page.waitForSelector('#import-file');

// Time inside the page, from the file input's change to the summary on screen (what a person
// waits for; Playwright's own hand-over of the file is left out).
async function timeToPreview(file) {
  await page.evaluate(() => {
    window.__t0 = window.__t1 = undefined;
    document.querySelector('#import-file').addEventListener('change', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
    const seen = new MutationObserver(() => {
      if (document.querySelector('[data-testid=import-summary]')) { window.__t1 = performance.now(); seen.disconnect(); }
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });
  return page.evaluate(() => Math.round(window.__t1 - window.__t0));
}

// Record the gaps between animation frames: a long gap is a page that did not respond.
await page.evaluate(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
// Cold: the file is chosen the instant the page opens, before the reader has started.
console.log(`cold reader: choose file → preview shown: ${await timeToPreview(file)} ms`);

// Warm: as a person does it, the import page has been open a moment before the file is chosen.
await page.getByRole('button', { name: 'Hủy' }).first().click();
await page.waitForTimeout(1500);
await page.evaluate(() => { window.__gaps = []; });
const preview = await timeToPreview(file);
const readGap = await page.evaluate(() => Math.max(...window.__gaps));
console.log(`warm reader: choose file → preview shown: ${preview} ms; longest frame gap meanwhile: ${readGap.toFixed(0)} ms`);

await page.evaluate(() => { window.__gaps = []; });
let t = Date.now();
await page.getByRole('button', { name: /^Nhập/ }).first().click();
await page.waitForSelector('table.tasks tbody tr');
console.log(`confirm → list shown: ${Date.now() - t} ms (${await countText(page)})`);
await page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'));
console.log(`confirm → stored: ${Date.now() - t} ms; longest frame gap meanwhile: ${(await page.evaluate(() => Math.max(...window.__gaps))).toFixed(0)} ms`);

t = Date.now();
await page.reload();
await page.waitForSelector('table.tasks tbody tr');
console.log(`reload → 10,000 tasks listed: ${Date.now() - t} ms`);

// Export the 10,000 tasks to .xlsx (written in the file worker): how long, and whether the page
// stayed responsive meanwhile.
await page.evaluate(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
await page.waitForTimeout(500);
await page.evaluate(() => { window.__gaps = []; });
t = Date.now();
const [exported] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
const exportMs = Date.now() - t;
console.log(`export 10,000 tasks to .xlsx → download: ${exportMs} ms (${exported.suggestedFilename()}); longest frame gap meanwhile: ${(await page.evaluate(() => Math.max(...window.__gaps))).toFixed(0)} ms`);

await page.goto(server.url + '#/nhap-file');
await page.waitForTimeout(1500);
const again = await timeToPreview(file);
console.log(`re-import over 10,000 tasks (warm reader) → preview: ${again} ms; ${await page.textContent('.summary-line')}`);
await browser.close();
server.close();
