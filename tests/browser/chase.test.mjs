// Chasing in a real browser: an extension granted on the task page (reason required, the first
// deadline kept, the status from the new one, a strict report counting against the first), and
// many tasks extended at once from the list; a recurring duty's next periods made as days pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, withSample, storedTaskWhen, openApp, loadSample, saved, countText, storedCounts, newContext } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const AS_OF = '?ngay=21-11-2026';

test('an extension on the task page moves the deadline, keeps the first, and a strict report still counts it late', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu' + AS_OF);
  // The November report before: how many are overdue.
  await page.goto(server.url + '#/bao-cao' + AS_OF);
  await page.waitForSelector('tr[data-row="Tổng cộng"]');
  const overdueCell = () => page.locator('tr[data-row="Tổng cộng"] td[data-col=overdue]').textContent().then(Number);
  const overdueBefore = await overdueCell();
  assert.ok(overdueBefore > 0);

  await page.goto(server.url + '#/nhiem-vu' + AS_OF);
  const row = page.locator('table.tasks tbody tr[data-bucket="Overdue"]').first();
  const id = await row.getAttribute('data-id');
  await row.locator('a.task-link').click();
  await page.waitForSelector('.task-form');
  const firstDeadline = await page.locator('#f-deadline').inputValue();
  await page.getByRole('button', { name: 'Gia hạn…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Thời hạn mới', { exact: false }).fill('trước ngày 31/12/2026');
  await dialog.getByRole('button', { name: 'Gia hạn nhiệm vụ' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Hãy ghi lý do gia hạn.' }).waitFor();
  await dialog.getByLabel('Lý do gia hạn').fill('Chờ ý kiến thẩm định của Sở Tài chính');
  await dialog.getByLabel('Văn bản cho gia hạn', { exact: false }).fill('Công văn số 25/UBND-VP ngày 20/11/2026');
  await dialog.getByRole('button', { name: 'Gia hạn nhiệm vụ' }).click();
  await dialog.waitFor({ state: 'detached' });
  const shown = page.getByTestId('extensions');
  await shown.getByText('Đã gia hạn (1 lần)').waitFor();
  assert.match(await shown.textContent(), /→ 31\/12\/2026 · Chờ ý kiến thẩm định của Sở Tài chính · Công văn số 25\/UBND-VP ngày 20\/11\/2026/);
  assert.equal(await page.locator('#f-deadline').inputValue(), 'trước ngày 31/12/2026', 'the form shows the new deadline');
  const stored = await storedTaskWhen(page, id, '(t) => (t.extensions ?? []).length === 1');
  assert.equal(stored.extensions[0].reason, 'Chờ ý kiến thẩm định của Sở Tài chính');
  assert.equal(stored.extensions[0].from.text, firstDeadline, 'the first deadline is kept as it was written');
  assert.equal(stored.deadline.date, '2026-12-31');
  assert.ok(stored.history.some((c) => c.field === 'deadline' && c.reason.startsWith('Gia hạn theo Công văn số 25/UBND-VP')));

  // In the list: no longer overdue, marked extended.
  await page.goto(server.url + '#/nhiem-vu' + AS_OF);
  const same = page.locator(`table.tasks tbody tr[data-id="${id}"]`);
  assert.notEqual(await same.getAttribute('data-bucket'), 'Overdue');
  assert.match(await same.textContent(), /Đã gia hạn \(1 lần\)/);

  // The report: one fewer overdue against current deadlines; against the first, as before.
  await page.goto(server.url + '#/bao-cao' + AS_OF);
  await page.waitForSelector('tr[data-row="Tổng cộng"]');
  assert.equal(await overdueCell(), overdueBefore - 1);
  await page.getByRole('checkbox', { name: 'Tính theo thời hạn ban đầu' }).check();
  await page.waitForFunction((n) => Number(document.querySelector('tr[data-row="Tổng cộng"] td[data-col=overdue]').textContent) === n, overdueBefore);
  assert.match(await page.getByTestId('extended').textContent(), /1 nhiệm vụ trong báo cáo đã được gia hạn; kết quả tính theo thời hạn ban đầu/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('many tasks are extended at once from the list, in one step that undoes', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu' + AS_OF);
  const rows = page.locator('table.tasks tbody tr[data-bucket="Overdue"]');
  const ids = [await rows.nth(0).getAttribute('data-id'), await rows.nth(1).getAttribute('data-id')];
  for (const id of ids) await page.locator(`tr[data-id="${id}"]`).getByRole('checkbox').check();
  const bar = page.getByTestId('bulk-bar');
  await bar.getByRole('combobox', { name: 'Đổi' }).selectOption({ label: 'Gia hạn (thời hạn mới)' });
  await bar.getByLabel('Thời hạn mới', { exact: false }).fill('31/12/2026');
  await bar.getByLabel('Lý do gia hạn').fill('Dồn việc cuối năm');
  await bar.getByRole('button', { name: 'Áp dụng cho 2 nhiệm vụ' }).click();
  for (const id of ids) {
    await page.waitForFunction((i) => /Đã gia hạn \(1 lần\)/.test(document.querySelector(`tr[data-id="${i}"]`)?.textContent ?? ''), id);
  }
  await page.waitForFunction(() => /gia hạn 2 nhiệm vụ/.test(document.querySelector('[data-testid=undo]')?.textContent ?? ''));
  await page.getByTestId('undo').click();
  for (const id of ids) {
    await page.waitForFunction((i) => document.querySelector(`tr[data-id="${i}"]`)?.getAttribute('data-bucket') === 'Overdue', id);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a task marked done while the list is shown leaves the top at once, and is first again when undone', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu' + AS_OF);
  const rows = page.locator('table.tasks tbody tr');
  const [first, second] = [await rows.nth(0).getAttribute('data-id'), await rows.nth(1).getAttribute('data-id')];
  const overdue = () => page.evaluate(() => Number(document.querySelector('.summary [data-bucket=Overdue] .summary-n').textContent.replace(/\./g, '')));
  const before = await overdue();
  const firstRow = () => page.evaluate(() => document.querySelector('table.tasks tbody tr')?.getAttribute('data-id'));
  await page.locator(`tr[data-id="${first}"]`).getByRole('checkbox').check();
  const bar = page.getByTestId('bulk-bar');
  await bar.getByRole('combobox', { name: 'Giá trị mới' }).selectOption({ label: 'Hoàn thành' });
  await bar.getByRole('button', { name: 'Áp dụng cho 1 nhiệm vụ' }).click();
  // The longest overdue is done: the next one heads the list, the done task goes to the end.
  await page.waitForFunction((id) => document.querySelector('table.tasks tbody tr')?.getAttribute('data-id') === id, second);
  assert.equal(await overdue(), before - 1);
  const position = await page.evaluate((id) => [...document.querySelectorAll('table.tasks tbody tr')].findIndex((r) => r.dataset.id === id), first);
  assert.ok(position === -1 || position > 20, `the done task is not among the first rows (${position})`);
  await page.getByTestId('undo').click();
  await page.waitForFunction((id) => document.querySelector('table.tasks tbody tr')?.getAttribute('data-id') === id, first);
  assert.equal(await firstRow(), first);
  assert.equal(await overdue(), before);
  assert.equal(await rows.nth(1).getAttribute('data-id'), second);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a recurring duty gets each new period when it begins, once, with its own deadline and status', async () => {
  const ctx = await newContext(browser);
  // The sample opened on Saturday 21/11/2026: weekly reports up to the week of 16–22/11.
  await ctx.clock.setSystemTime(new Date('2026-11-21T08:00:00'));
  const { page, errors } = await openApp(browser, server.url, { context: ctx });
  await loadSample(page);
  assert.equal(await countText(page), '152 nhiệm vụ');
  await saved(page);
  // Opened again on Tuesday 08/12: three weeks and one month have begun since.
  await ctx.clock.setSystemTime(new Date('2026-12-08T08:00:00'));
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  await page.locator('.notice', { hasText: 'Đã thêm 5 kỳ mới của các nhiệm vụ định kỳ' }).waitFor();
  assert.equal(await countText(page), '157 nhiệm vụ');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 157, 'the new periods are stored');
  // The newest week is due on its Friday, not started, in time.
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('den bu GPMB');
  const newest = page.locator('table.tasks tbody tr', { hasText: '11/12/2026' });
  await newest.waitFor();
  assert.match(await newest.locator('.c-status').textContent(), /Chưa hoàn thành, còn hạn/);
  await newest.locator('a.task-link').click();
  const periods = page.getByTestId('periods');
  await periods.waitFor();
  assert.match(await periods.textContent(), /Nhiệm vụ định kỳ \(Hàng tuần\): 7 kỳ/);
  assert.match(await periods.locator('li.current').textContent(), /Kỳ tuần 07\/12\/2026 – 13\/12\/2026 · 11\/12\/2026/);
  // The week of 23–29/11 went by without a report: overdue on its own.
  assert.match(await periods.locator('li', { hasText: 'Kỳ tuần 23/11/2026' }).textContent(), /Quá hạn chưa hoàn thành/);
  // Saved from its page (its deadline field reads "Hàng tuần"), the period keeps its own date.
  assert.match(await page.getByTestId('deadline-reading').textContent(), /Định kỳ: mỗi kỳ là một nhiệm vụ/);
  await page.fill('label:has-text("Kết quả thực hiện") textarea', 'Đã gửi báo cáo tuần.');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => document.querySelector('.notices').textContent.includes('Đã sửa nhiệm vụ'));
  assert.match(await periods.locator('li.current').textContent(), /11\/12\/2026 Chưa hoàn thành, còn hạn/);
  // Opened again the same day: nothing more is made.
  await saved(page);
  await page.reload();
  await page.waitForSelector('.task-form');
  await page.goto(server.url + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '157 nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a duty typed as "trước ngày 25 hàng tháng" comes with its periods since its document, in one step that undoes', async () => {
  const ctx = await newContext(browser);
  await ctx.clock.setSystemTime(new Date('2026-12-08T08:00:00'));
  const { page, errors } = await openApp(browser, server.url, { context: ctx });
  await loadSample(page);
  await saved(page);
  const before = await countText(page);
  await page.goto(server.url + '#/them-nhiem-vu');
  await page.waitForSelector('.task-form');
  await page.locator('label:has-text("Nội dung nhiệm vụ") textarea').fill('Báo cáo định kỳ tình hình thu phí chợ đầu mối');
  await page.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Phòng Tài chính - Kế hoạch' });
  await page.locator('label:has-text("Ngày văn bản") input').fill('15/10/2026');
  await page.fill('#f-deadline', 'trước ngày 25 hàng tháng');
  assert.match(await page.getByTestId('deadline-reading').textContent(), /Định kỳ/);
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await page.goto(server.url + '#/nhiem-vu');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('thu phi cho dau moi');
  // October, November and December (begun by 08/12), each due on the 25th.
  await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 3);
  const dues = await page.$$eval('table.tasks tbody tr .c-deadline', (tds) => tds.map((td) => td.textContent.match(/\d\d\/\d\d\/\d{4}/)?.[0]).sort());
  assert.deepEqual(dues, ['25/10/2026', '25/11/2026', '25/12/2026']);
  // One step: undone, the duty and its periods go together.
  assert.match(await page.getByTestId('undo').textContent(), /Hoàn tác: thêm/);
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 0);
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('');
  await page.waitForFunction((n) => document.querySelector('[data-testid=task-count]').textContent === n, before);
  assert.deepEqual(errors, []);
  await ctx.close();
});
