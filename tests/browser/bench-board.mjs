// Benchmark (not a test): the board and the list with many tasks. Imports `rows` generated tasks
// (`importGenerated`, the office trace.mjs measures too), then times what a person waits for:
// a card moved with the keyboard until it is painted in its new column, typing a search,
// and changing a filter. Run: node tests/browser/bench-board.mjs [rows=5000] (MOVES=n WAIT=ms: below)
import { serveDist, launch, openApp, importGenerated } from './harness.mjs';

const rows = Number(process.argv[2] ?? 5000);
const server = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, server.url + '#/nhap-file');
await importGenerated(page, rows);

/** ms from running `act` in the page until the frame after the one in which `done()` first holds
 * begins (an upper bound: it also counts whatever runs before that next frame). */
async function timeIt(act, done) {
  return page.evaluate(async ([act, done]) => {
    const t0 = performance.now();
    (new Function(act))();
    const check = new Function(`return (${done})`);
    while (!check()) {
      if (performance.now() - t0 > 10000) return 'timeout';
      await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => requestAnimationFrame(r));
    return Math.round(performance.now() - t0);
  }, [act, done]);
}

// Opened straight after the import is stored, as a person going to see what came in.
const board = await timeIt(`location.hash = '#/bang'`, `document.querySelector('.kcard')`);
console.log(`${rows} tasks — open the board: ${board} ms`);

const moves = [];
for (let i = 0; i < 5; i++) {
  const id = await page.locator('.kcol[data-column="NotStarted"] .kcard').first().getAttribute('data-card');
  await page.locator(`[data-card="${id}"]`).focus();
  moves.push(await timeIt(
    `document.querySelector('[data-card="${id}"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))`,
    `document.querySelector('.kcol[data-column="InProgress"] [data-card="${id}"]')`,
  ));
}
console.log(`card moved with the keyboard → painted in its new column: ${moves.join(', ')} ms`);

await page.goto(server.url + '#/nhiem-vu');
await page.waitForSelector('table.tasks tbody tr');
const search = await timeIt(
  `const s = document.querySelector('input[type=search]'); s.value = 'nhiem vu so 4999'; s.dispatchEvent(new Event('input', { bubbles: true }))`,
  `document.querySelectorAll('table.tasks tbody tr').length === 1`,
);
console.log(`list: search typed → one row shown: ${search} ms`);
// The next keystrokes: the search texts are folded already; only the filter runs again.
const keys = [];
for (const [query, want] of [['nhiem vu so 499', '> 1'], ['nhiem vu so 4998', '=== 1'], ['nhiem vu so 499', '> 1']]) {
  keys.push(await timeIt(
    `const s = document.querySelector('input[type=search]'); s.value = '${query}'; s.dispatchEvent(new Event('input', { bubbles: true }))`,
    `document.querySelectorAll('table.tasks tbody tr').length ${want} && document.querySelector('input[type=search]').value === '${query}'`,
  ));
}
console.log(`list: next keystrokes → rows shown: ${keys.join(', ')} ms`);
const unit = await timeIt(
  `const s = document.querySelector('input[type=search]'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));
   const u = document.querySelector('select[aria-label="Đơn vị"]'); u.value = u.options[2].value; u.dispatchEvent(new Event('change', { bubbles: true }))`,
  `location.hash.includes('don-vi=') && document.querySelectorAll('table.tasks tbody tr').length > 0`,
);
console.log(`list: unit filter chosen → rows shown: ${unit} ms`);
// The same interactions with real key presses, timed by the browser's Event Timing (what
// Chrome reports as Interaction to Next Paint): from the key press to the frame that shows its
// effect, each interaction's longest event, rounded by the browser to 8 ms.
async function interactions(run) {
  await page.evaluate(() => {
    window.__events = [];
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => window.__events.push(...list.getEntries().filter((e) => e.interactionId).map((e) => [e.interactionId, e.duration])));
    window.__observer.observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
  await run();
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const by = new Map();
    for (const [id, d] of window.__events) by.set(id, Math.max(by.get(id) ?? 0, d));
    return [...by.values()];
  });
}
await page.goto(server.url + '#/bang');
await page.waitForSelector('.kcard');
// MOVES=n cards (5), with WAIT=ms between one shown and the next key (none: a quick clerk).
const keyMoves = await interactions(async () => {
  for (let i = 0; i < Number(process.env.MOVES ?? 5); i++) {
    const id = await page.locator('.kcol[data-column="NotStarted"] .kcard').first().getAttribute('data-card');
    await page.locator(`[data-card="${id}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`.kcol[data-column="InProgress"] [data-card="${id}"]`);
    await page.waitForTimeout(Number(process.env.WAIT ?? 0));
  }
});
console.log(`card moved by a key press, input → next paint (Event Timing; only those over 16 ms are reported): ${keyMoves.map(Math.round).join(', ') || 'none'} ms${keyMoves.length ? `; median ${[...keyMoves].sort((a, b) => a - b)[Math.floor((keyMoves.length - 1) / 2)]} ms` : ''}`);
await page.goto(server.url + '#/nhiem-vu');
await page.waitForSelector('table.tasks tbody tr');
await page.locator('input[type=search]').focus();
const typed = await interactions(async () => {
  await page.keyboard.type('nhiem vu so 4999', { delay: 60 });
  await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 1);
});
console.log(`search typed key by key (16 keys), input → next paint over 16 ms: ${typed.length} keys${typed.length ? `: ${typed.map(Math.round).join(', ')} ms` : ''}`);

const units = await timeIt(`location.hash = '#/don-vi'`, `document.querySelector('table.units tbody tr[data-unit]')`);
console.log(`unit table: ${units} ms`);
await browser.close();
server.close();
