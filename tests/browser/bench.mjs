// Benchmark (not a test): the figures of issue 13 in one table. First load (what the home page
// fetches, gzipped, and the time until it can be used, also at 4× CPU throttle); importing the
// 10,000-row tracker and exporting 10,000 tasks, each against SheetJS 0.18.5 doing the same in the
// same page (medians of 3, interleaved); storing and reloading; and with `--big`, the same import
// at 50,000 rows. Interactions with 10,000 tasks are in bench-board.mjs.
//
// Run: scripts/build --single-file && cargo bench --bench import && node tests/browser/bench.mjs [--big]
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { serveDist, launch, newContext } from './harness.mjs';

const require = createRequire(import.meta.url);
const sheetjs = require.resolve('xlsx/dist/xlsx.full.min.js');
const bench = (name) => new URL(`../../target/bench/${name}`, import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const big = process.argv.includes('--big');
const quick = process.argv.includes('--no-first-load');

const server = await serveDist();
// `gc()` in the page: SheetJS's garbage (three reads of the file) is collected before our turn
// is timed, not in the middle of it (a 200 ms collection was counted as our longest task).
const browser = await launch(['--js-flags=--expose-gc']);
const rows = [];
const row = (measure, value, compare = '') => { rows.push([measure, value, compare]); console.error(`${measure}: ${value} ${compare}`); };

// ---- First load: a fresh browser, an empty workspace, until "Dùng dữ liệu mẫu" can be pressed.
// What was fetched by then is the first load; the other pages' code is fetched a moment later
// (src/ui/lazy.rs), counted apart.
async function firstLoad(throttle, url = server.url) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const bodies = [];
  let ready = false;
  const reading = [];
  page.on('response', (r) => {
    const early = !ready;
    reading.push(r.body().then((b) => bodies.push([r.url(), b, early]), () => { /* redirects have none */ }));
  });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(() => {
    new MutationObserver((_, seen) => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Dùng dữ liệu mẫu');
      if (b && !window.__ready) { window.__ready = performance.now(); seen.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  const lastChunk = url.startsWith('file:') ? null : page.waitForResponse((r) => /split_care-/.test(r.url()), { timeout: 120000 });
  await page.goto(url);
  await page.waitForFunction(() => window.__ready, null, { timeout: 120000 });
  ready = true;
  const ms = await page.evaluate(() => window.__ready);
  await lastChunk;
  await page.waitForLoadState('networkidle');
  // Every response's body read before counting (a big chunk's body can come after network idle).
  await Promise.all(reading);
  const gzOf = (list) => list.reduce((n, [, b]) => n + gzipSync(b, { level: 9 }).length, 0);
  const first = bodies.filter(([, , early]) => early);
  const later = bodies.filter(([, , early]) => !early);
  await ctx.close();
  return {
    ms, gz: gzOf(first), wasm: gzOf(first.filter(([u]) => u.endsWith('.wasm'))), files: first.length,
    laterGz: gzOf(later), laterFiles: later.length,
  };
}
const loads = [];
for (let i = 0; i < (quick ? 0 : 3); i++) loads.push(await firstLoad(1));
const slow = [];
for (let i = 0; i < (quick ? 0 : 3); i++) slow.push(await firstLoad(4));
if (!quick) row('first load: fetched (gzipped)', `${Math.round(loads[0].gz / 1024)} KB in ${loads[0].files} files, of which wasm ${Math.round(loads[0].wasm / 1024)} KB`,
  `then the other pages' code, ahead of need: ${Math.round(loads[0].laterGz / 1024)} KB in ${loads[0].laterFiles} files`);
if (!quick) row('first load: usable', `${Math.round(median(loads.map((l) => l.ms)))} ms`, `at 4× CPU throttle ${Math.round(median(slow.map((l) => l.ms)))} ms`);

// ---- The single file (scripts/build --single-file), opened from disk: its size and cold open.
const singleFile = new URL('../../dist-file/DonDoc.html', import.meta.url);
if (!quick && existsSync(singleFile)) {
  const opens = [];
  for (let i = 0; i < 3; i++) opens.push(await firstLoad(1, singleFile.href));
  const slowOpens = [];
  for (let i = 0; i < 3; i++) slowOpens.push(await firstLoad(4, singleFile.href));
  const bytes = (await readFile(singleFile)).length;
  row('single file: size, cold open → usable', `${(bytes / 1_000_000).toFixed(1)} MB (${(gzipSync(await readFile(singleFile), { level: 9 }).length / 1_000_000).toFixed(1)} MB zipped); ${Math.round(median(opens.map((l) => l.ms)))} ms`,
    `at 4× CPU throttle ${Math.round(median(slowOpens.map((l) => l.ms)))} ms`);
}

// ---- Import and export against SheetJS, in one page.
async function importBench(file, n, runs) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(server.url + '#/nhap-file');
  await page.waitForSelector('#import-file');
  await page.addScriptTag({ path: sheetjs });
  const bytes = await readFile(file);
  await page.evaluate((b64) => { window.__file = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)); }, bytes.toString('base64'));
  // The gaps between animation frames: a long gap is a page that did not answer.
  // And the browser's long tasks (over 50 ms): the "no task over 100 ms" is the longest.
  await page.evaluate(() => {
    window.__gaps = [];
    window.__long = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
  });
  const gap = () => page.evaluate(() => Math.round(Math.max(0, ...window.__gaps)));
  const longest = () => page.evaluate(() => Math.round(Math.max(0, ...window.__long)));
  // Two frames first, so a freeze just before (SheetJS's turn) is not counted as ours.
  const resetGaps = () => page.evaluate(() => {
    window.__rows = undefined;
    window.gc?.();
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => { window.__gaps = []; window.__long = []; done(); })));
  });
  const ours = async () => {
    await page.evaluate(() => {
      window.__t0 = window.__t1 = undefined;
      document.querySelector('#import-file').addEventListener('change', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
      new MutationObserver((_, seen) => {
        if (document.querySelector('[data-testid=import-summary]')) { window.__t1 = performance.now(); seen.disconnect(); }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await resetGaps();
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
    const ms = await page.evaluate(() => window.__t1 - window.__t0);
    return { ms, gap: await gap(), long: await longest() };
  };
  const theirs = () => page.evaluate(() => {
    // The same for SheetJS: its last read's garbage collected before it is timed.
    window.__rows = undefined;
    window.gc?.();
    const t = performance.now();
    const wb = XLSX.read(window.__file, { type: 'array', cellDates: true });
    window.__rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    return performance.now() - t;
  });
  // The reader warms up once, as the page does while a person picks a file.
  await page.waitForTimeout(1500);
  const o = [], s = [], gaps = [], longs = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0) { await page.getByRole('button', { name: 'Hủy' }).first().click(); await page.waitForSelector('#import-file'); }
    const r = await ours();
    o.push(r.ms); gaps.push(r.gap); longs.push(r.long);
    s.push(await theirs());
  }
  const [mo, ms] = [median(o), median(s)];
  row(`import ${n}: file chosen → summary`, `${Math.round(mo)} ms (longest frame gap ${Math.max(...gaps)} ms, longest task ${Math.max(...longs)} ms)`, `SheetJS read + sheet_to_json ${Math.round(ms)} ms; SheetJS/ours ${(ms / mo).toFixed(2)}`);

  // Store it, then reload.
  await resetGaps();
  let t = Date.now();
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 300000 });
  await page.waitForFunction(() => document.querySelector('.statusbar')?.textContent.includes('Dữ liệu được lưu'), null, { timeout: 300000 });
  row(`import ${n}: confirmed → stored`, `${Date.now() - t} ms`, `longest frame gap ${await gap()} ms, longest task ${await longest()} ms`);
  t = Date.now();
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 300000 });
  row(`reload with ${n} tasks → list`, `${Date.now() - t} ms`);
  return { ctx, page, gap, resetGaps };
}

const { ctx, page, gap, resetGaps } = await importBench(bench('theo-doi-10000.xlsx'), '10,000', 3);
await page.addScriptTag({ path: sheetjs });
await page.evaluate(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
// SheetJS writes the same table the tracker export has: one row per task with its columns.
const theirExport = () => page.evaluate(() => {
  const cells = [...document.querySelectorAll('table.tasks thead th')].map((th) => th.textContent);
  const data = Array.from({ length: 10000 }, (_, i) => Object.fromEntries(cells.map((c, k) => [c || `c${k}`, k === 0 ? i + 1 : `Nhiệm vụ số ${i}: rà soát, tổng hợp, báo cáo kết quả ${k}`])));
  const t = performance.now();
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.json_to_sheet(data), 'Theo dõi');
  XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true });
  return performance.now() - t;
});
const eo = [], es = [], eg = [];
for (let i = 0; i < 3; i++) {
  await resetGaps();
  const t = Date.now();
  await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  eo.push(Date.now() - t); eg.push(await gap());
  es.push(await theirExport());
}
row('export 10,000 to .xlsx: click → download', `${median(eo)} ms (longest frame gap ${Math.max(...eg)} ms)`, `SheetJS json_to_sheet + write ${Math.round(median(es))} ms (frozen throughout); SheetJS/ours ${(median(es) / median(eo)).toFixed(2)}`);
await ctx.close();

if (big) {
  const b = await importBench(bench('theo-doi-50000.xlsx'), '50,000', 1);
  await b.ctx.close();
}

console.log('| measure | Đôn Đốc | comparison |\n|---|---|---|');
for (const [m, v, c] of rows) console.log(`| ${m} | ${v} | ${c} |`);
await browser.close();
server.close();
