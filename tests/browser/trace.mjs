// Where a frame's time goes (not a test): Chrome's trace of the page's main thread during an
// interaction, task by task, with what the browser did in each (script, style, layout, paint), and
// with PROF=1 the app's functions in each, from the sampling profiler (on a build that keeps its
// function names: scripts/profile-build, then DIST=target/profdist). Complements profile.mjs, which
// sees busy stretches, not the tasks they are made of.
//
//   node tests/browser/trace.mjs move        four cards moved with the keyboard, 10,000 tasks
//   node tests/browser/trace.mjs search      a search typed key by key (DELAY=ms between keys, 250)
//   node tests/browser/trace.mjs import50k   the 50,000-row tracker imported and stored: every task
//                                            over 50 ms (run `cargo bench --bench import` first)
//   node tests/browser/trace.mjs reimport50k the same 50,000-row tracker chosen again once its
//                                            tasks are stored: every task over 50 ms of the preview
//                                            (the plan against 50,000 tasks); NOIDS=1: a 1,000-row
//                                            CSV without ids instead (matched by content)
//   node tests/browser/trace.mjs undo50k     the 50,000-row import taken back with Hoàn tác once
//                                            stored: every task over 50 ms (OVER=ms) until that is stored
//   node tests/browser/trace.mjs reload50k   the page reloaded with the 50,000 tasks stored: every task
//                                            over 50 ms (OVER=ms) until the list shows them
//   node tests/browser/trace.mjs preview10k  the 10,000-row tracker chosen (the reader warmed up by
//                                            choosing it once): the page's and the file worker's
//                                            tasks over 2 ms from the file input's change to the
//                                            summary, and each thread's busy time
//   node tests/browser/trace.mjs board       the board opened for the first time after importing
//                                            10,000 tasks: every task over 4 ms until it is shown
//                                            (WAIT=ms between the import stored and the board)
// RAPID=1 moves the cards with no pause between them (the previous move's work still running).
// With PROF=1: INCL=1 counts each function with what it called (else only the innermost app
// function on the stack); TOP=n lines per task (6).
import { serveDist, launch, openApp, importGenerated } from './harness.mjs';

const mode = process.argv[2] ?? 'move';
const prof = Boolean(process.env.PROF);
const inclusive = Boolean(process.env.INCL);
const top = Number(process.env.TOP ?? 6);
const server = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, server.url + '#/nhap-file');
const stored = () => page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'), null, { timeout: 300000 });

const big = new URL('../../target/bench/theo-doi-50000.xlsx', import.meta.url).pathname;
if (mode === 'reimport50k' || mode === 'undo50k' || mode === 'reload50k') {
  await page.setInputFiles('#import-file', big);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 300000 });
  await stored();
  if (mode === 'reimport50k') {
    await page.goto(server.url + '#/nhap-file');
    await page.waitForSelector('#import-file');
  }
} else if (mode === 'preview10k') {
  await page.setInputFiles('#import-file', new URL('../../target/bench/theo-doi-10000.xlsx', import.meta.url).pathname);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.getByRole('button', { name: 'Hủy' }).first().click();
} else if (mode !== 'import50k') {
  // The 10,000 tasks of bench-board.mjs.
  await importGenerated(page, Number(process.env.ROWS ?? 10000));
  if (mode !== 'board') {
    await page.goto(server.url + (mode === 'move' ? '#/bang' : '#/nhiem-vu'));
    await page.waitForSelector(mode === 'move' ? '.kcard' : 'table.tasks tbody tr');
  }
}
await page.waitForTimeout(mode === 'board' ? Number(process.env.WAIT ?? 0) : 3000);

const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
if (prof) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}
await cdp.send('Tracing.start', { categories: process.env.CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
if (mode === 'reload50k') {
  await page.reload();
  await page.waitForFunction(() => /50\.000/.test(document.querySelector('.chip-all, .list-count, h1')?.textContent ?? '') || document.querySelectorAll('table.tasks tbody tr').length > 0, null, { timeout: 300000 });
  console.log(`list shown ${Math.round(await page.evaluate(() => performance.now()))} ms after the reload began; ${await page.evaluate(() => document.querySelector('.statusbar')?.textContent)}`);
  await page.waitForTimeout(1000);
} else if (mode === 'undo50k') {
  await page.getByTestId('undo').click();
  await page.waitForSelector('.welcome', { timeout: 300000 });
  await stored();
  await page.waitForTimeout(1000);
} else if (mode === 'reimport50k' && process.env.NOIDS) {
  let csv = 'Nội dung;Đơn vị chủ trì;Thời hạn\n';
  for (let i = 0; i < 1000; i++) csv += `Nhiệm vụ số ${i}: rà soát, tổng hợp, báo cáo kết quả;Phòng Kinh tế;31/12/2025\n`;
  await page.setInputFiles('#import-file', { name: 'khong-ma.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.waitForTimeout(1000);
} else if (mode === 'reimport50k') {
  await page.setInputFiles('#import-file', big);
  await page.waitForFunction(() => /không thay đổi 50\.000/.test(document.querySelector('[data-testid=import-summary]')?.textContent ?? ''), null, { timeout: 300000 });
  await page.waitForTimeout(1000);
} else if (mode === 'preview10k') {
  await page.evaluate(() => {
    new MutationObserver((_, seen) => {
      if (document.querySelector('[data-testid=import-summary]')) { console.timeStamp('summary'); seen.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.setInputFiles('#import-file', new URL('../../target/bench/theo-doi-10000.xlsx', import.meta.url).pathname);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.waitForTimeout(500);
} else if (mode === 'import50k') {
  await page.setInputFiles('#import-file', big);
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 300000 });
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 300000 });
  await stored();
  await page.waitForTimeout(1000);
} else if (mode === 'board') {
  // The moment the first card is in the page, marked in the trace.
  await page.evaluate(() => {
    new MutationObserver((_, seen) => {
      if (document.querySelector('.kcard')) { console.timeStamp('first-card'); seen.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true });
    location.hash = '#/bang';
  });
  await page.waitForSelector('.kcard');
  await page.waitForTimeout(500);
} else if (mode === 'move') {
  for (let i = 0; i < 4; i++) {
    const id = await page.locator('.kcol[data-column="NotStarted"] .kcard').first().getAttribute('data-card');
    await page.locator(`[data-card="${id}"]`).focus();
    if (!process.env.RAPID) await page.waitForTimeout(300);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`.kcol[data-column="InProgress"] [data-card="${id}"]`);
    if (!process.env.RAPID) await page.waitForTimeout(600);
  }
} else {
  await page.locator('input[type=search]').focus();
  for (const key of 'nhiem vu so 4999') {
    await page.keyboard.type(key);
    await page.waitForTimeout(Number(process.env.DELAY ?? 250));
  }
}
const { profile } = prof ? await cdp.send('Profiler.stop') : { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0 } };
await cdp.send('Tracing.end');
await traced;
await browser.close();
server.close();

const ms = (us) => (us / 1000).toFixed(1);
if (process.env.ALL) {
  // Every thread's work in the 60 ms after the first key press (raster, GPU, compositor).
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const key = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === (mode === 'search' ? 'input' : 'keydown'))[Number(process.env.KEY ?? 0)];
  for (const e of events.filter((e) => (e.ph === 'X' || e.ph === 'b' || e.ph === 'I' || e.ph === 'n') && e.ts >= key.ts && e.ts < key.ts + 60000 && (e.dur ?? 0) >= Number(process.env.ALL) * 1000).sort((a, b) => a.ts - b.ts))
    console.log(`${ms(e.ts - key.ts).padStart(6)} ${ms(e.dur ?? 0).padStart(5)} ${(names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`).padEnd(24)} ${e.name}`);
}
// The page's main thread: its complete events, in order.
const renderers = events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
// The page's renderer: the one that ran the most (a reload may leave others in the trace).
const busyOf = (t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask').reduce((n, e) => n + (e.dur ?? 0), 0);
const thread = renderers.reduce((a, b) => (busyOf(b) > busyOf(a) ? b : a));
const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
const within = (t) => main.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur);

// What the browser did in a task: time per kind of work, largest first.
function browserWork(task) {
  const by = new Map();
  for (const e of within(task).filter((e) => e.name !== 'RunTask')) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0));
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([n, d]) => `${n} ${ms(d)}`).join(', ');
}

// With PROF: sampled time in a task by the innermost app function on the stack (else the library's).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let at = profile.startTime;
const samples = profile.samples.map((id, i) => [(at += profile.timeDeltas[i]), id]);
function appWork(task) {
  const inside = samples.filter(([t]) => t >= task.ts && t <= task.ts + task.dur);
  const by = new Map();
  for (const [k, [t, id]] of inside.entries()) {
    const chain = [];
    for (let n = id; n !== undefined; n = parent.get(n)) chain.push(byId.get(n).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, ''));
    const d = (inside[k + 1]?.[0] ?? t + 100) - t;
    if (inclusive) {
      // Every app function on the stack once (time spent in it and what it called).
      for (const f of new Set(chain.filter((x) => x.includes('dondoc') || x.includes('tachys') || x.includes('reactive_graph')))) by.set(f, (by.get(f) ?? 0) + d);
    } else {
      const f = chain.find((x) => x.includes('dondoc')) ?? `(lib) ${chain.slice(0, 2).join(' < ')}`;
      by.set(f, (by.get(f) ?? 0) + d);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, d]) => `${ms(d)} ${f.slice(0, 110)}`);
}

function show(task, from) {
  console.log(`  ${from === undefined ? '' : `+${ms(task.ts - from)} ms: `}task ${ms(task.dur)} ms: ${browserWork(task)}`);
  if (prof) for (const line of appWork(task)) console.log(`      ${line}`);
}

if (mode === 'board') {
  const open = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'hashchange')?.ts ?? main[0].ts;
  console.log(`from the address change, tasks over ${process.env.OVER ?? 4} ms:`);
  for (const t of main.filter((e) => e.name === 'RunTask' && e.ts + e.dur >= open - 200000 && e.dur > Number(process.env.OVER ?? 4) * 1000)) show(t, open);
  // The person sees the board once the frame after its first card is in the page is painted.
  const card = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'first-card');
  const painted = card && main.find((e) => e.name === 'Paint' && e.ts > card.ts);
  if (painted) console.log(`board painted ${ms(painted.ts + painted.dur - open)} ms after the address change`);
} else if (mode === 'preview10k') {
  const change = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change')?.ts ?? main[0].ts;
  const summary = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'summary')?.ts ?? Infinity;
  console.log(`summary in the page ${ms(summary - change)} ms after the file input's change`);
  const workers = events.filter((e) => e.name === 'thread_name' && e.args.name === 'DedicatedWorker thread');
  for (const [name, pid, tid] of [['page', thread.pid, thread.tid], ...workers.map((w) => ['worker', w.pid, w.tid])]) {
    const tasks = events
      .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= change && e.ts <= summary)
      .sort((a, b) => a.ts - b.ts);
    if (tasks.length === 0) continue;
    const busy = tasks.reduce((n, t) => n + t.dur, 0);
    console.log(`${name}: busy ${ms(busy)} ms in ${tasks.length} tasks`);
    for (const t of tasks.filter((t) => t.dur > 2000)) {
      console.log(`  +${ms(t.ts - change)} ms: task ${ms(t.dur)} ms: ${browserWork(t)}`);
      if (prof && name === 'page') for (const line of appWork(t)) console.log(`      ${line}`);
    }
  }
} else if (mode === 'import50k' || mode === 'reimport50k' || mode === 'undo50k' || mode === 'reload50k') {
  const over = Number(process.env.OVER ?? 50);
  console.log(`tasks over ${over} ms:`);
  const from = main.find((e) => e.name === 'RunTask' && e.dur > over * 1000)?.ts;
  for (const t of main.filter((e) => e.name === 'RunTask' && e.dur > over * 1000)) show(t, from);
  if (process.env.ANY) {
    // Any top-level event on the main thread over the threshold, whatever the browser calls it.
    const top = main.filter((e) => e.dur > over * 1000 && !main.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    for (const t of top) console.log(`  +${ms(t.ts - from)} ms: ${t.name} ${ms(t.dur)} ms`);
  }
} else {
  // Each key press: the tasks from it until the next one (the first twelve over 0.5 ms).
  const type = mode === 'move' ? 'keydown' : 'input';
  const presses = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === type).map((e) => e.ts);
  for (const [k, from] of presses.entries()) {
    console.log(`${type} ${k + 1}:`);
    const until = presses[k + 1] ?? Infinity;
    for (const t of main.filter((e) => e.name === 'RunTask' && e.ts + e.dur >= from && e.ts < until && e.dur > 500).slice(0, 12)) show(t, from);
  }
}
