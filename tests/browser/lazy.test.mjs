// Pages other than the task list are fetched when first needed (src/ui/lazy.rs, cut at build time by
// scripts/wasm-split.sh): the first page fetches none of their code; it comes a moment later, ahead
// of need, so a page opens with no network at all; and a page whose code cannot be fetched says so
// in Vietnamese, with the data untouched, and opens once the network is back (Đang tải trang… while
// its code comes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newContext, openApp, storedCounts, saved } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

// No service worker: it would keep every file and answer for the network.
const noServiceWorker = () => newContext(browser, { serviceWorkers: 'block' });
const isChunk = (url) => /\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/.test(url);

test('the first page fetches no other page\'s code; it comes ahead of need, and the board then opens offline', async () => {
  const { ctx, page, errors } = await openApp(browser, 'about:blank', { context: await noServiceWorker() });
  const fetched = [];
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('request', (r) => fetched.push(r.url()));
  // When the welcome page became usable, by the page's own clock.
  await page.addInitScript(() => {
    new MutationObserver((_, seen) => {
      if ([...document.querySelectorAll('button')].some((b) => b.textContent === 'Dùng dữ liệu mẫu')) { window.__usable = performance.now(); seen.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url);
  const sample = page.getByRole('button', { name: 'Dùng dữ liệu mẫu' });
  await sample.waitFor();

  const ahead = page.waitForResponse((r) => /split_care-/.test(r.url()), { timeout: 60_000 });
  await sample.click();
  await page.waitForSelector('table.tasks tbody tr');
  // A moment later every page's code is fetched ahead…
  await ahead;
  await page.waitForLoadState('networkidle');
  assert.ok(fetched.filter(isChunk).length >= 4, fetched.filter(isChunk).join('\n'));
  // …each asked for only after the welcome page was usable: none is part of the first load.
  const early = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => /\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/.test(r.name) && r.startTime < window.__usable).map((r) => r.name));
  assert.deepEqual(early, [], 'chunks fetched before the welcome page was usable');
  // …so with the network gone the board, the report and a unit's page still open.
  await ctx.setOffline(true);
  for (const [hash, ready] of [['#/bang', '.kcard'], ['#/bao-cao', 'table'], ['#/don-vi', 'table.units tbody tr[data-unit]']]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForSelector(ready);
  }
  assert.equal(await page.getByTestId('page-not-loaded').count(), 0);
  // Offline, only the browser's own fetch of the tab's icon fails; no code was missing.
  assert.deepEqual(failed.filter((u) => !/\/favicon-[0-9a-f]+\.svg$/.test(u)), []);
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  assert.equal(errors.length, failed.length);
  await ctx.close();
});

test('a page whose code cannot be fetched says so, changes nothing, and opens with Thử lại once the network is back', async () => {
  const { ctx, page } = await openApp(browser, server.url, { context: await noServiceWorker() });
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  await saved(page);
  const before = await storedCounts(page);

  // A second tab on a host whose chunks cannot be reached.
  const tab = await ctx.newPage();
  await tab.route(/\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  await tab.goto(server.url + '#/bang');
  const notLoaded = tab.getByTestId('page-not-loaded');
  await notLoaded.waitFor();
  assert.match(await notLoaded.textContent(), /Không tải được trang này.*Dữ liệu vẫn an toàn/);
  // The list (in the first load) still works, and nothing stored has changed.
  await tab.evaluate(() => { location.hash = '#/nhiem-vu'; });
  await tab.waitForSelector('table.tasks tbody tr');
  assert.deepEqual(await storedCounts(tab), before);

  // The network is back, slowly: Thử lại says Đang tải trang… until the board's code is here.
  await tab.evaluate(() => { location.hash = '#/bang'; });
  await notLoaded.waitFor();
  await tab.unroute(/\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/);
  let release;
  const slow = new Promise((resolve) => { release = resolve; });
  await tab.route(/\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/, async (route) => { await slow; await route.continue(); });
  await tab.getByRole('button', { name: 'Thử lại' }).click();
  await tab.getByRole('status').filter({ hasText: 'Đang tải trang…' }).waitFor();
  release();
  await tab.waitForSelector('.kcard');
  assert.equal(await notLoaded.count(), 0);
  await ctx.close();
});
