// From a directive to tasks in a real browser: seed 002 pasted, read, reviewed and added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { serveDist, launch, openApp, countText, storedCounts, readDirective, newContext, wholeList } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const seeds = new URL('../fixtures/seeds/', import.meta.url).pathname;
const seedText = async (prefix) => readFile(seeds + (await readdir(seeds)).find((f) => f.startsWith(prefix)), 'utf8');

test('the chairman\'s conclusions (seed 002) pasted, reviewed and added to the workspace', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await readDirective(page, await seedText('002'));
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
  await wholeList(page);
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
  assert.deepEqual(await storedCounts(page), { tasks: 0, units: 0, version: 4 });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('sixty-four proposals stay quick to review: one table, the add button in reach, select all, Alt+arrows, every step undone', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await readDirective(page, await seedText('000'));
  await page.waitForSelector('tr.proposal');
  assert.equal(await page.locator('tr.proposal').count(), 64);
  const add = page.getByRole('button', { name: /^Thêm \d+ nhiệm vụ vào danh sách$/ });
  assert.equal(await add.textContent(), 'Thêm 64 nhiệm vụ vào danh sách');
  // Compact: 64 proposals in a few screens (the cards took 19), and the add button stays on screen
  // at the bottom of the list.
  const screens = await page.evaluate(() => document.querySelector('table.proposals').getBoundingClientRect().height / innerHeight);
  assert.ok(screens < 12, `${screens.toFixed(1)} screens`);
  await page.locator('tr.proposal').last().scrollIntoViewIfNeeded();
  const box = await add.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 768, `add button at ${JSON.stringify(box)}`);
  await page.screenshot({ path: new URL('./screenshots/directive-review.png', import.meta.url).pathname });

  // Select none, then all.
  await page.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
  assert.equal(await add.textContent(), 'Thêm 0 nhiệm vụ vào danh sách');
  assert.ok(await add.isDisabled());
  await page.getByRole('button', { name: 'Chọn tất cả', exact: true }).click();
  assert.equal(await add.textContent(), 'Thêm 64 nhiệm vụ vào danh sách');

  // Each step is undone: a tick, a merge, an edit.
  await page.getByRole('checkbox', { name: 'Giữ nhiệm vụ 3', exact: true }).uncheck();
  assert.equal(await add.textContent(), 'Thêm 63 nhiệm vụ vào danh sách');
  await page.getByRole('button', { name: 'Gộp nhiệm vụ 5 vào nhiệm vụ trên', exact: true }).click();
  assert.equal(await page.locator('tr.proposal').count(), 63);
  const first = page.locator('tr.proposal').first().getByRole('textbox', { name: 'Nội dung nhiệm vụ' });
  const before = await first.inputValue();
  await first.fill('Nội dung sửa tay');
  await first.blur();
  const undo = page.getByRole('button', { name: /^Hoàn tác bước duyệt/ });
  await undo.click();
  assert.equal(await page.locator('tr.proposal').first().getByRole('textbox', { name: 'Nội dung nhiệm vụ' }).inputValue(), before);
  await undo.click();
  assert.equal(await page.locator('tr.proposal').count(), 64);
  await undo.click();
  assert.equal(await add.textContent(), 'Thêm 64 nhiệm vụ vào danh sách');

  // Alt+↓ goes to the same field of the next proposal.
  await page.locator('tr.proposal[data-index="0"] [data-col=deadline]').focus();
  await page.keyboard.press('Alt+ArrowDown');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.dataset.col, document.activeElement.closest('tr').dataset.index]), ['deadline', '1']);
  await page.keyboard.press('Alt+ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').dataset.index), '0');

  // The sentence a task came from, with its words marked.
  const source = page.locator('tr.proposal').nth(10).locator('details.source');
  await source.locator('summary').click();
  assert.ok((await source.locator('mark').textContent()).length > 10);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a quarter without its year (seed 004) is added dated from the document, with its words kept', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await readDirective(page, await seedText('004'));
  await page.waitForSelector('tr.proposal');
  const hints = await page.locator('td.c-deadline .field-hint').allTextContents();
  assert.ok(hints.length > 0 && hints.every((h) => !h.includes('⚠')), hints.join(' | '));
  assert.ok(hints.some((h) => /→ 31\/12\/2022 · theo «quý IV/.test(h)), hints.join(' | '));
  const n = await page.locator('tr.proposal').count();
  await page.getByRole('button', { name: `Thêm ${n} nhiệm vụ vào danh sách` }).click();
  await page.waitForSelector('table.tasks tbody tr');
  const deadlines = await page.locator('table.tasks tbody td.c-deadline').allTextContents();
  assert.ok(deadlines.some((d) => d.includes('31/12/2022')), deadlines.join(' | '));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a news item from another province is titled by its headline, with the number and date it cites', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await readDirective(page, await readFile(new URL('../fixtures/directives/025.txt', import.meta.url), 'utf8'));
  await page.waitForSelector('tr.proposal');
  const doc = page.getByTestId('directive-doc');
  assert.equal(await doc.getByLabel('Số/ký hiệu').inputValue(), '1543/CĐ-CTUBND');
  assert.notEqual(await doc.getByLabel('Trích yếu').inputValue(), 'Văn bản');
  assert.ok((await page.locator('.proposal-group').allTextContents()).includes('UBND huyện Quang Bình, UBND huyện Bắc Quang'));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the directive reader and the sample run in the file worker: when it cannot start, each says so, nothing changes, and they work once it can', async () => {
  // page.route does not see what a service worker answers: none here.
  const { ctx, page, errors } = await openApp(browser, server.url, { context: await newContext(browser, { serviceWorkers: 'block' }) });
  await page.waitForSelector('.welcome');
  // The worker's WebAssembly arrives broken: the worker dies while starting.
  await page.route('**/reader_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('.welcome [role=alert]');
  assert.match(await page.textContent('.welcome [role=alert]'), /Không tạo được dữ liệu mẫu/);
  const stored = await storedCounts(page);
  assert.deepEqual([stored.tasks, stored.units], [0, 0]);
  await page.goto(server.url + '#/doc-van-ban');
  await page.fill('#directive-text', await seedText('002'));
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
  await page.waitForSelector('.import [role=alert]');
  assert.match(await page.textContent('.import [role=alert]'), /Trình đọc văn bản gặp lỗi và đã dừng.*dữ liệu không bị ảnh hưởng/);
  assert.equal(await page.locator('.proposal').count(), 0);
  // Back: the same text reads, and the sample loads.
  await page.unroute('**/reader_bg.wasm');
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
  await page.waitForSelector('.proposal');
  assert.equal(await page.locator('.proposal').count(), 74);
  await page.goto(server.url + '#/nhiem-vu');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '152 nhiệm vụ');
  assert.deepEqual(errors.filter((e) => !/WebAssembly|wasm|reader/i.test(e)), []);
  await ctx.close();
});
