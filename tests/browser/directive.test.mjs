// From a directive to tasks in a real browser: seed 002 pasted, read, reviewed and added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { serveDist, launch, openApp, countText, storedCounts } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const seeds = new URL('../fixtures/seeds/', import.meta.url).pathname;
const seedText = async (prefix) => readFile(seeds + (await readdir(seeds)).find((f) => f.startsWith(prefix)), 'utf8');

test('the chairman\'s conclusions (seed 002) pasted, reviewed and added to the workspace', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await page.waitForSelector('#directive-text');
  await page.fill('#directive-text', await seedText('002'));
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
  await page.waitForSelector('[data-testid=directive-doc]');
  assert.equal(await page.locator('.proposal').count(), 74, 'as many as the clerk\'s label (tests/fixtures/directives/seed-002.json)');
  // Grouped by unit, in the order the document names them; the list that names no unit is for the
  // units the closing addresses ("thông báo để các phòng, … triển khai thực hiện").
  const groups = await page.$$eval('.proposal-group', (h) => h.map((x) => x.textContent));
  assert.deepEqual(groups.slice(0, 4), ['Nhóm: các phòng, cơ quan chuyên môn, UBND các xã phường và các đơn vị liên quan', 'Phòng Kinh tế', 'Phòng Quản lý đô thị', 'Phòng TNMT, HĐGPMB']);
  assert.ok(groups.includes('Nhóm: Các xã, phường') && groups.includes('Phường Mai Hùng'));
  assert.match(await page.textContent('[data-testid=directive-doc]'), /Thời hạn chung của văn bản: 31\/01\/2024/);
  // Each proposal shows its unit and its own deadline as read.
  const proposal = async (text) => page.locator(`.proposal[data-index="${await page.evaluate((t) =>
    [...document.querySelectorAll('.proposal')].find((p) => p.querySelector('textarea').value.includes(t)).dataset.index, text)}"]`);
  const weekly = await proposal('Chủ trì đôn đốc xử lý vụ việc');
  assert.equal(await weekly.getByRole('combobox', { name: 'Đơn vị' }).inputValue(), 'Thanh tra');
  assert.equal(await weekly.getByRole('textbox', { name: 'Thời hạn' }).inputValue(), 'Hàng tuần');
  const report = await proposal('trước ngày 20/01/2024');
  assert.match(await report.locator('.field-hint').last().textContent(), /→ 20\/01\/2024/);
  // The person fixes one unit and drops one task.
  const first = page.locator('.proposal').first();
  await first.getByRole('checkbox').uncheck();
  await page.getByRole('button', { name: 'Thêm 73 nhiệm vụ vào danh sách' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '73 nhiệm vụ');
  // A unit keeps the name the directive writes ("Phòng TNMT" is not expanded by guess).
  assert.ok(await page.locator('td.c-unit', { hasText: 'Phòng TNMT' }).count() > 0);
  // Linked to the document.
  assert.match(await page.locator('.meta-source').first().textContent(), /^Thông báo Kết luận của đồng chí Nguyễn Hữu An/);
  await page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'));
  assert.equal((await storedCounts(page)).tasks, 73);
  assert.ok((await storedCounts(page)).units > 0, 'the units the directive names are stored');
  // One Hoàn tác takes back the tasks and the units they brought: nothing is left behind.
  await page.getByTestId('undo').click();
  await page.waitForSelector('.welcome');
  await page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'));
  assert.deepEqual(await storedCounts(page), { tasks: 0, units: 0, version: 2 });
  assert.deepEqual(errors, []);
  await ctx.close();
});
