// Where the time goes (not a test): Chrome's sampling profiler over one step, on a build that keeps
// the page's function names (scripts/profile-build). Prints the longest stretch the page was busy
// without a break (what a person feels as a freeze) and the app's functions in it, inclusive.
// Run: scripts/build && cargo bench --bench import && scripts/profile-build &&
//      DIST=target/profdist node tests/browser/profile.mjs [import10k|import50k|reload50k|keys|move|board] [--all|--each]
import { serveDist, launch, openApp } from './harness.mjs';

const step = process.argv[2] ?? 'import10k';
// --all: every busy stretch over 50 ms (up to six), not only the longest; --each: every stretch
// over 5 ms in the order they happened (the interaction itself, then what follows it, like saving).
// EVERY_FN=1 lists the browser's and the libraries' functions too, not only the app's; TOP=n lists n.
const each = process.argv.includes('--each');
const all = each || process.argv.includes('--all');
const bench = (name) => new URL(`../../target/bench/${name}`, import.meta.url).pathname;
const server = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, server.url + '#/nhap-file');
await page.waitForSelector('#import-file');
await page.waitForTimeout(1500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

async function profile(name, run) {
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fn = (id) => byId.get(id).callFrame.functionName;
  // Every run of samples with no idle one between them, longest first.
  const stretches = [];
  let start = 0, busy = 0;
  profile.samples.forEach((s, i) => {
    if (fn(s) === '(idle)') { if (busy > 0) stretches.push([busy, start, i]); busy = 0; start = i + 1; } else busy += dt[i] ?? 0;
  });
  if (busy > 0) stretches.push([busy, start, profile.samples.length]);
  stretches.sort(each ? (a, b) => a[1] - b[1] : (a, b) => b[0] - a[0]);
  const shown = all ? stretches.filter(([us]) => us >= (each ? 5_000 : 50_000)).slice(0, 6) : stretches.slice(0, 1);
  for (const [us, from, to] of shown) {
    const inclusive = new Map();
    for (let i = from; i < to; i++) {
      const seen = new Set();
      for (let x = profile.samples[i]; x; x = parent.get(x)) {
        const f = fn(x);
        if (!seen.has(f)) { seen.add(f); inclusive.set(f, (inclusive.get(f) ?? 0) + (dt[i] ?? 0)); }
      }
    }
    console.log(`${name}: busy stretch of ${(us / 1000).toFixed(0)} ms; the app's functions in it (inclusive):`);
    for (const [f, t] of [...inclusive].filter(([f]) => process.env.EVERY_FN || f.includes('dondoc')).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP) || (all ? 12 : 25))) {
      console.log(`${(t / 1000).toFixed(1).padStart(8)} ms  ${f.slice(0, 140)}`);
    }
  }
}

/** Import a file and wait until it is stored (the step before the one profiled). */
async function importAndStore(file) {
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForFunction(() => document.querySelector('.statusbar')?.textContent.includes('Dữ liệu được lưu'), null, { timeout: 300000 });
}

async function importFile(file) {
  await profile(`${step}: file chosen → summary`, async () => {
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
    await page.waitForTimeout(300);
  });
  await profile(`${step}: confirmed → stored`, async () => {
    await page.getByRole('button', { name: /^Nhập/ }).first().click();
    await page.waitForFunction(() => document.querySelector('.statusbar')?.textContent.includes('Dữ liệu được lưu'), null, { timeout: 300000 });
  });
}

if (step === 'import10k') await importFile(bench('theo-doi-10000.xlsx'));
if (step === 'import50k') await importFile(bench('theo-doi-50000.xlsx'));
if (step === 'reload50k') {
  await importAndStore(bench('theo-doi-50000.xlsx'));
  await page.goto(server.url + '#/nhiem-vu');
  await profile('reload with 50,000 tasks → list', async () => {
    await page.reload();
    await page.waitForSelector('table.tasks tbody tr', { timeout: 300000 });
  });
}
if (step === 'board') {
  await importAndStore(bench('theo-doi-10000.xlsx'));
  await page.waitForTimeout(2000);
  await profile('the board opened, 10,000 tasks', async () => {
    await page.goto(server.url + '#/bang');
    await page.waitForSelector('.kcard');
    await page.waitForTimeout(300);
  });
}
if (step === 'move') {
  await importAndStore(bench('theo-doi-10000.xlsx'));
  await page.goto(server.url + '#/bang');
  await page.waitForSelector('.kcard');
  await page.waitForTimeout(2000);
  const id = await page.locator('.kcol[data-column="NotStarted"] .kcard').first().getAttribute('data-card');
  await page.locator(`[data-card="${id}"]`).focus();
  await profile('a card moved with the keyboard, 10,000 tasks', async () => {
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`.kcol[data-column="InProgress"] [data-card="${id}"]`);
    await page.waitForTimeout(300);
  });
}
if (step === 'keys') {
  await importAndStore(bench('theo-doi-10000.xlsx'));
  await page.waitForTimeout(2000);
  await page.locator('input[type=search]').focus();
  await profile('16 keys typed in the search, 10,000 tasks', async () => {
    await page.keyboard.type('nhiem vu so 4999', { delay: 60 });
    await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 1);
  });
}
await browser.close();
server.close();
