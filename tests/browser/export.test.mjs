// Files out in a real browser: the tracker as Excel and CSV (of the current filter), a backup,
// and restoring it after a confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, countText, storedCounts } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the tracker downloads as Excel and CSV, the filter applied, and the Excel imports back', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhiem-vu?ngay=21-11-2026');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  const xlsx = await download(page, 'Xuất Excel');
  assert.equal(xlsx.name, 'Theo-doi-nhiem-vu_2026-11-21.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  assert.match(await page.textContent('.notices'), /Đã tạo file Theo-doi-nhiem-vu_2026-11-21\.xlsx/);

  await page.getByRole('combobox', { name: 'Đơn vị' }).selectOption({ label: 'Thanh tra thành phố' });
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.includes('/ 152'));
  const shown = await page.locator('table.tasks tbody tr').count();
  const csv = await download(page, 'Xuất CSV');
  assert.equal(csv.name, 'Theo-doi-nhiem-vu_2026-11-21.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const lines = csv.bytes.toString('utf8').slice(1).trim().split(/\r?\n(?=NV-|Mã)/);
  assert.equal(lines[0].split(';')[0], 'Mã nhiệm vụ');
  assert.equal(lines.length - 1, shown, 'the CSV holds what the filter shows');

  // The Excel file, imported into an empty browser, gives back the same tasks.
  const fresh = await openApp(browser, server.url + '#/nhap-file');
  await fresh.page.setInputFiles('#import-file', { name: xlsx.name, mimeType: 'application/octet-stream', buffer: xlsx.bytes });
  await fresh.page.waitForSelector('[data-testid=import-summary]');
  assert.equal(await fresh.page.textContent('.summary-line'), 'Thêm mới 152, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  await fresh.ctx.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a backup restores the workspace after a confirmation that says what is replaced', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  const backup = await download(page, 'Sao lưu');
  assert.match(backup.name, /^Sao-luu-Don-Doc_\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(backup.bytes.toString('utf8'));
  assert.equal(data.tasks.length, 152);
  assert.equal(data.units.length, 25);

  // Change the workspace, then restore.
  await page.locator('a.task-link').first().click();
  await page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '151 nhiệm vụ');
  await page.setInputFiles('#restore-file', { name: backup.name, mimeType: 'application/json', buffer: backup.bytes });
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.textContent(), /Toàn bộ 151 nhiệm vụ .* sẽ được thay bằng 152 nhiệm vụ và 25 đơn vị/);
  await dialog.getByRole('button', { name: 'Khôi phục' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent === '152 nhiệm vụ');
  await page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'));
  assert.deepEqual(await storedCounts(page), { tasks: 152, units: 25, version: 4 });

  // Not a backup: refused, nothing changes.
  await page.setInputFiles('#restore-file', { name: 'khac.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await page.locator('.notice-error', { hasText: 'không phải bản sao lưu của Đôn Đốc' }).waitFor();
  assert.equal(await countText(page), '152 nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the monthly report is shown on screen and downloads as the annex', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhiem-vu?ngay=21-11-2026');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.waitForSelector('[data-testid=report]');
  // By default, the month's report counts what was due in it and what is still overdue from
  // before, and says so; November as of 21/11 has overdue tasks from October.
  await page.waitForSelector('tr[data-row="Tổng cộng"]');
  assert.match(await page.textContent('[data-testid=report]'), /tính các nhiệm vụ có thời hạn trong kỳ và các nhiệm vụ quá hạn từ trước chưa hoàn thành/);
  const novemberOverdue = Number(await page.locator('tr[data-row="Tổng cộng"] td[data-col=overdue]').textContent());
  assert.ok(novemberOverdue > 0, 'overdue tasks from before are counted');
  assert.equal(await page.locator('table.overdue tbody tr').count(), novemberOverdue);
  assert.match(await page.textContent('[data-testid=left-out]'), /nhiệm vụ không có thời hạn nên không được tính/);
  // Counted by the date of the assigning document instead (the choice is remembered).
  await page.getByRole('combobox', { name: 'Tính các nhiệm vụ' }).selectOption('assigned');
  await page.getByRole('combobox', { name: 'Tháng' }).selectOption('9');
  await page.waitForFunction(() => document.querySelector('[data-testid=report] h2').textContent.includes('tháng 09/2026'));
  // Seed 002's tasks were assigned by the meeting of 27/09/2026; seed 000's dispatch has no date.
  const total = (col) => page.locator(`tr[data-row="Tổng cộng"] td[data-col=${col}]`).textContent();
  await page.waitForFunction(() => document.querySelector('tr[data-row="Tổng cộng"] td[data-col=total]')?.textContent === '90');
  assert.match(await page.textContent('[data-testid=left-out]'), /62 nhiệm vụ không có ngày văn bản giao nên không được tính/);
  assert.match(await page.textContent('[data-testid=report]'), /Số liệu tính đến ngày 21\/11\/2026/);
  const overdueCount = Number(await total('overdue'));
  assert.equal(await page.locator('table.overdue tbody tr').count(), overdueCount);
  const rate = await total('rate');
  assert.match(rate, /^\d{1,3},\d%$/, 'one decimal and a comma');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Phụ lục (Excel)' }).click()]);
  assert.equal(file.suggestedFilename(), 'Bao-cao-thang-09-2026.xlsx');
  assert.equal((await readFile(await file.path())).subarray(0, 2).toString('latin1'), 'PK');
  await page.reload();
  await page.waitForSelector('[data-testid=report]');
  assert.equal(await page.getByRole('combobox', { name: 'Tính các nhiệm vụ' }).inputValue(), 'assigned');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a unit's own list and every unit's lists download", async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhiem-vu?ngay=21-11-2026');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  const all = await download(page, 'Xuất danh sách gửi từng đơn vị (.zip)');
  assert.equal(all.name, 'Nhiem-vu-cac-don-vi_2026-11-21.zip');
  assert.equal(all.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.ok(all.bytes.includes(Buffer.from('Nhiem-vu_Phong-Kinh-te_2026-11-21.xlsx')));
  await page.locator('table.units a', { hasText: 'Phòng Kinh tế' }).click();
  await page.waitForSelector('.unit-manage');
  const one = await download(page, 'Xuất danh sách gửi đơn vị');
  assert.equal(one.name, 'Nhiem-vu_Phong-Kinh-te_2026-11-21.xlsx');
  // Sent back as it is, it matches its tasks: nothing new, nothing duplicated.
  await page.goto(server.url + '#/nhap-file');
  await page.setInputFiles('#import-file', { name: one.name, mimeType: 'application/octet-stream', buffer: one.bytes });
  await page.waitForSelector('[data-testid=import-summary]');
  assert.equal(await page.textContent('.summary-line'), 'Thêm mới 0, cập nhật 0, không thay đổi 11, bỏ qua 0 dòng.');
  assert.deepEqual(errors, []);
  await ctx.close();
});
