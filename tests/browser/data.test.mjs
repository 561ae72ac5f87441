// Dữ liệu: the browser is asked to keep the data once the first data comes in (a refusal is
// explained), the page says where the data is and what it holds, and a backup is suggested when
// one is due (a week, or 500 changes) until one is made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, newContext, loadSample, saved, storedCounts, TEST_DAY } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const SAMPLE_TASKS = 152;

/** A context whose browser answers navigator.storage.persist() with `grant`, counting the asks. */
async function storageAnswering(grant) {
  const ctx = await newContext(browser);
  await ctx.addInitScript((grant) => {
    let kept = false;
    window.__persistAsked = 0;
    navigator.storage.persist = () => { window.__persistAsked += 1; kept = grant; return Promise.resolve(grant); };
    navigator.storage.persisted = () => Promise.resolve(kept);
  }, grant);
  return ctx;
}

test('the first data in asks the browser to keep it, a refusal is explained, and Dữ liệu says where the data is and what it holds', async () => {
  const ctx = await storageAnswering(false);
  const { page, errors } = await openApp(browser, server.url, { context: ctx });
  await page.waitForSelector('.welcome');
  assert.equal(await page.evaluate(() => window.__persistAsked), 0, 'not asked before there is anything to keep');
  await loadSample(page);
  await page.waitForFunction(() => window.__persistAsked === 1);
  const refusal = page.locator('.notice', { hasText: 'Trình duyệt chưa đồng ý giữ dữ liệu lâu dài' });
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /cài đặt như ứng dụng.*sao lưu thường xuyên/);
  await saved(page);
  // Asked once: later changes, and later visits, do not ask again.
  await page.goto(server.url + '#/du-lieu');
  await page.reload();
  await page.waitForSelector('[data-testid=data-counts]');
  assert.equal(await page.textContent('[data-testid=data-counts]'), `${SAMPLE_TASKS} nhiệm vụ, 25 đơn vị, 0 nhiệm vụ trong Thùng rác.`);
  assert.match(await page.textContent('.data-page'), /nằm trong trình duyệt này, trên máy này/);
  await page.waitForFunction(() => /Đang dùng [\d.]+,\d MB/.test(document.querySelector('[data-testid=data-used]').textContent));
  assert.match(await page.textContent('[data-testid=data-persisted]'), /^Chưa: /);
  assert.equal(await page.textContent('[data-testid=data-last-backup]'), 'Chưa sao lưu lần nào từ trình duyệt này.');
  assert.equal(await page.evaluate(() => window.__persistAsked), 0);
  // Asked again from the page, by the person: the refusal is explained there.
  await page.getByRole('button', { name: 'Yêu cầu giữ dữ liệu lâu dài' }).click();
  await page.locator('.data-page .notice-warning', { hasText: 'chưa đồng ý' }).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a browser that agrees to keep the data is said to on Dữ liệu', async () => {
  const ctx = await storageAnswering(true);
  const { page, errors } = await openApp(browser, server.url, { context: ctx });
  await loadSample(page);
  await page.waitForFunction(() => window.__persistAsked === 1);
  await page.goto(server.url + '#/du-lieu');
  await page.waitForFunction(() => /^Có: /.test(document.querySelector('[data-testid=data-persisted]')?.textContent ?? ''));
  assert.equal(await page.getByRole('button', { name: 'Yêu cầu giữ dữ liệu lâu dài' }).count(), 0);
  assert.equal(await page.locator('.notice', { hasText: 'chưa đồng ý' }).count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a backup is suggested a week after the data came in and after 500 changes, and Sao lưu ngay makes one', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  // Six days on: nothing yet.
  await ctx.clock.setSystemTime(new Date(TEST_DAY.getTime() + 6 * 86_400_000));
  await page.reload();
  await page.waitForSelector('.kpi');
  assert.equal(await page.locator('.notice', { hasText: 'sao lưu' }).count(), 0);
  // A week on: the reminder, with its button.
  await ctx.clock.setSystemTime(new Date(TEST_DAY.getTime() + 8 * 86_400_000));
  await page.reload();
  const reminder = page.locator('.notice', { hasText: 'chưa sao lưu lần nào' });
  await reminder.waitFor();
  assert.match(await reminder.textContent(), /Dữ liệu đã nhập 8 ngày mà chưa sao lưu lần nào/);
  const [file] = await Promise.all([page.waitForEvent('download'), reminder.getByRole('button', { name: 'Sao lưu ngay' }).click()]);
  assert.match(file.suggestedFilename(), /^Sao-luu.*\.json$/);
  const backup = JSON.parse(await readFile(await file.path(), 'utf8'));
  // Everything stored (a recurring duty has made its next period meanwhile).
  assert.equal(backup.tasks.length, (await storedCounts(page)).tasks);
  assert.ok(backup.tasks.length >= SAMPLE_TASKS);
  await reminder.waitFor({ state: 'detached' });
  await page.goto(server.url + '#/du-lieu');
  await page.reload();
  await page.waitForSelector('[data-testid=data-last-backup]');
  assert.match(await page.textContent('[data-testid=data-last-backup]'), /^Lần sao lưu gần nhất: \d\d:\d\d ngày 29\/11\/2026; từ đó đến nay có 0 thay đổi\.$/);
  assert.equal(await page.locator('.notice', { hasText: 'sao lưu' }).count(), 0, 'no reminder after a backup');
  // 499 changes made since (in any tab), then one more here: the reminder is due.
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('dondoc.safety'));
    localStorage.setItem('dondoc.safety', JSON.stringify({ ...s, changes_since: 499 }));
  });
  await page.goto(server.url + '#/nhiem-vu');
  const id = await page.locator('table.tasks tbody tr').first().getAttribute('data-id');
  await page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await page.locator('label:has-text("Ghi chú") textarea').fill('Thay đổi thứ 500');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(page);
  await page.goto(server.url + '#/du-lieu');
  await page.reload();
  await page.locator('.data-reminder', { hasText: 'Đã có 500 thay đổi kể từ lần sao lưu gần nhất' }).waitFor();
  assert.equal(await page.locator('.notices .notice', { hasText: 'Đã có 500 thay đổi' }).count(), 1, 'and on opening');
  assert.deepEqual(errors, []);
  await ctx.close();
});
