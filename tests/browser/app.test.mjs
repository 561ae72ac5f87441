// The app in a real browser: first visit, sample data, reload, clearing, navigation by address,
// and the storage rules (newer data, failed writes, two tabs). Run by scripts/test against the
// release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { serveDist, launch, openApp, countText, storedCounts, putStoredTask, stampSchemaVersion, loadSample, closeAsks, saved, newContext, wholeList } from './harness.mjs';

// The sample holds the 62 tasks of seed 000 and the 90 of seed 002 (see src/sample/tests.rs).
const SAMPLE_TASKS = 152;
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

let server, browser;
before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const rowIds = (page) => page.$$eval('table.tasks tbody tr', (rows) => rows.map((r) => r.dataset.id));


test('a first visit greets the user, in Vietnamese, with no console error', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  assert.equal(await page.title(), 'Đôn Đốc — Theo dõi, đôn đốc nhiệm vụ');
  assert.match(await page.textContent('.welcome h1'), /Chào mừng đến với Đôn Đốc/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await page.screenshot({ path: SHOTS + 'empty.png' });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the sample shows every task with its unit, deadline and derived status, and survives a reload', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  const ids = await rowIds(page);
  assert.equal(ids.length, SAMPLE_TASKS);
  assert.equal(new Set(ids).size, SAMPLE_TASKS);

  // Every official bucket appears in the summary, and the counts add up to the total.
  const summary = await page.$$eval('.summary li', (lis) => lis.map((li) => [li.dataset.bucket, Number(li.querySelector('.summary-n').textContent)]));
  const buckets = summary.filter(([b]) => b !== 'DueSoon');
  assert.equal(buckets.length, 7);
  for (const [bucket, n] of buckets) assert.ok(n > 0, `${bucket} has tasks`);
  assert.equal(buckets.reduce((s, [, n]) => s + n, 0), SAMPLE_TASKS);

  // The first row is the longest overdue; its days overdue follow from its deadline and the as-of date.
  const first = page.locator('table.tasks tbody tr').first();
  assert.equal(await first.getAttribute('data-bucket'), 'Overdue');
  assert.equal(await first.locator('.c-status .st').textContent(), 'Quá hạn chưa hoàn thành');
  const toDate = (s) => { const [d, m, y] = s.trim().split('/').map(Number); return Date.UTC(y, m - 1, d); };
  const deadline = await first.locator('.c-deadline .date').textContent();
  const asOf = await page.inputValue('#as-of');
  assert.match(deadline, /^\d\d\/\d\d\/\d{4}$/, 'dates are shown dd/mm/yyyy');
  const days = (toDate(asOf) - toDate(deadline)) / 86400000;
  assert.equal(await first.locator('.status-detail').textContent(), `Quá hạn ${days} ngày`);
  const colour = await first.locator('.c-status .st').evaluate((e) => getComputedStyle(e).color);
  assert.equal(colour, 'rgb(180, 35, 24)', 'overdue is red');

  // A unit from seed 002 shows under its canonical name.
  assert.ok(await page.locator('td.c-unit', { hasText: 'Phòng Tài nguyên và Môi trường' }).count() > 0);
  await page.screenshot({ path: SHOTS + 'list.png' });

  // Opened again at the bare address with tasks stored, the app starts on the overview.
  await saved(page);
  await page.reload();
  await page.getByTestId('dashboard').waitFor();
  assert.match(page.url(), /#\/tong-quan$/, 'the address names the page shown');
  await page.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ' }).click();
  await wholeList(page);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.deepEqual((await rowIds(page)).sort(), [...ids].sort());
  assert.deepEqual(await storedCounts(page), { tasks: SAMPLE_TASKS, units: 25, version: 4 });
  // Opened at the bare address on a slow machine, the person goes to the list before the stored
  // data is read: the list stays (the overview is only where the bare address starts).
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.goto(server.url, { waitUntil: 'commit' });
  // The app is up and still reading (its menu is there) when the person clicks Nhiệm vụ.
  await page.waitForSelector('.topbar', { timeout: 120_000 });
  await page.evaluate(() => { location.hash = '#/nhiem-vu'; });
  await page.waitForSelector('table.tasks tbody tr', { timeout: 120_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.match(page.url(), /#\/nhiem-vu$/);
  assert.equal(await page.getByTestId('dashboard').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('clearing asks first, empties the workspace, and can be undone even after a reload', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.getByRole('button', { name: 'Xóa toàn bộ dữ liệu' }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.textContent(), /Hoàn tác/);
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);

  await page.getByRole('button', { name: 'Xóa toàn bộ dữ liệu' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xóa toàn bộ' }).click();
  await page.waitForSelector('.welcome');
  // Reloaded once the footer says it is stored (a reload before that asks first: see safety tests).
  await saved(page);
  await page.reload();
  await page.waitForSelector('.welcome');
  assert.equal((await storedCounts(page)).tasks, 0);
  // The undo list survives the reload: the step is named, and undoing it brings everything back.
  const undo = page.getByTestId('undo');
  assert.match(await undo.textContent(), /Hoàn tác: xóa toàn bộ dữ liệu/);
  await undo.click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  await page.waitForFunction(() => !/Đang lưu|chưa lưu/.test(document.querySelector('.statusbar').textContent));
  assert.equal((await storedCounts(page)).tasks, SAMPLE_TASKS);
  assert.match(await page.getByTestId('redo').textContent(), /Làm lại: xóa toàn bộ dữ liệu/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the address holds the page and the as-of date: bookmarks and the back button work', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  // As of 01/01/2020 every deadline is ahead and nothing was done yet.
  await page.goto(server.url + '#/nhiem-vu?ngay=01-01-2020');
  await page.waitForFunction(() => document.querySelector('#as-of')?.value === '01/01/2020');
  assert.equal(await page.inputValue('#as-of'), '01/01/2020');
  assert.equal(await page.textContent('.summary [data-bucket=Overdue] .summary-n'), '0');
  assert.equal(await page.textContent('.summary [data-bucket=DoneOnTime] .summary-n'), '0');

  // Typing a date changes the address; a wrong date is explained and changes nothing.
  await page.fill('#as-of', '31/02/2026');
  await page.press('#as-of', 'Enter');
  assert.match(await page.getByRole('alert').first().textContent(), /Ngày không hợp lệ/);
  assert.match(page.url(), /ngay=01-01-2020/);
  await page.fill('#as-of', '15/03/2027');
  await page.press('#as-of', 'Enter');
  await page.waitForURL(/ngay=15-03-2027/);

  await page.getByRole('link', { name: 'Giới thiệu' }).click();
  await page.waitForSelector('text=chạy hoàn toàn trên trình duyệt');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#as-of')?.value === '15/03/2027');
  await page.goto(server.url + '#/khong-co-trang-nay');
  await page.waitForSelector('text=Không có trang này.');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('data saved by a newer version is shown as such and never written over', async () => {
  const { ctx, page } = await openApp(browser, server.url);
  await loadSample(page);
  await stampSchemaVersion(page, 99);
  await page.reload();
  const alert = page.locator('.notice-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /phiên bản 99 của Đôn Đốc, mới hơn/);
  assert.equal(await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).count(), 0, 'no way to write over it');
  assert.match(await page.textContent('.statusbar'), /Chế độ chỉ xem/);
  assert.deepEqual(await storedCounts(page), { tasks: SAMPLE_TASKS, units: 25, version: 99 });
  await ctx.close();
});

test('a write the browser refuses (storage full) is shown, kept in memory, and saved on retry', async () => {
  const ctx = await newContext(browser);
  // Make every IndexedDB write fail as a full quota does, until the test lifts it.
  await ctx.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__storageFull) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
    window.__storageFull = true;
  });
  const { page } = await openApp(browser, server.url, { context: ctx });
  await loadSample(page);
  const alert = page.locator('.notice-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Bộ nhớ trình duyệt đã đầy/);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`, 'nothing in memory was thrown away');
  assert.match(await page.textContent('.statusbar'), /chưa được lưu/);
  assert.equal((await storedCounts(page)).tasks, 0, 'the failed write left storage as it was');
  await page.screenshot({ path: SHOTS + 'quota.png' });
  // Closing the page now would lose the changes: the browser asks first, and staying keeps them.
  assert.equal(await closeAsks(page), 'beforeunload');
  assert.ok(!page.isClosed(), 'the person chose to stay');

  await page.evaluate(() => { window.__storageFull = false; });
  await alert.getByRole('button', { name: 'Lưu lại' }).click();
  await page.locator('.notice-error').waitFor({ state: 'detached' });
  assert.equal((await storedCounts(page)).tasks, SAMPLE_TASKS);
  assert.match(await page.textContent('.statusbar'), /Dữ liệu được lưu trên trình duyệt/);
  await ctx.close();
});

test('a change in one tab shows in another tab of the same browser', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  const b = await openApp(browser, server.url, { context: ctx });
  await b.page.waitForSelector('.welcome');
  await loadSample(a.page);
  await b.page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(b.page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.match(await b.page.textContent('.notices'), /thẻ Đôn Đốc khác/);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test('deadline text that cannot be read is kept and flagged, never guessed', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  // A task as a tracker might hold it: a quarter without its year.
  await putStoredTask(page, {
    id: 'NV-TEST-0001', content: 'Báo cáo kết quả rà soát quỹ đất công', lead_unit: null, progress: 'in_progress',
    deadline: { kind: { kind: 'none' }, date: null, text: 'quý IV' },
  });
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  const row = page.locator('tr[data-id="NV-TEST-0001"]');
  await row.waitFor();
  assert.equal(await row.locator('.deadline-warn').textContent(), '⚠ Chưa đọc được thời hạn');
  assert.match(await row.locator('.deadline-warn').getAttribute('title'), /Thời hạn thiếu năm/);
  assert.equal(await row.locator('.deadline-text').textContent(), 'quý IV', 'the original text is kept');
  assert.equal(await row.getAttribute('data-bucket'), 'InProgressNoDeadline');
  assert.equal(await countText(page), `${SAMPLE_TASKS + 1} nhiệm vụ`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a browser that refuses storage is told so, and the page still works in memory', async () => {
  const ctx = await newContext(browser);
  await ctx.addInitScript(() => {
    // As in a locked-down or private window: opening IndexedDB is refused.
    IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  });
  const { page, errors } = await openApp(browser, server.url, { context: ctx });
  const warning = page.locator('.notice-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Trình duyệt không cho phép lưu dữ liệu.*thay đổi sẽ mất khi đóng trang/);
  assert.match(await page.textContent('.statusbar'), /dữ liệu chỉ còn trong trang đang mở/);
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  // Everything lives only in this page: closing it asks first.
  assert.equal(await closeAsks(page), 'beforeunload');
  assert.deepEqual(errors, []);
  await page.close();
  await ctx.close();
});
