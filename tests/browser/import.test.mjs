// Importing trackers in a real browser: files chosen or dropped as a user would, previewed,
// confirmed; a second import updates; bad files are explained and change nothing; a reader that
// dies is reported with the app unharmed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, openApp, withSample, countText, storedCounts, storedRecords, fixture, newContext, saved } from './harness.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function choose(page, files) {
  await page.goto(page.url().split('#')[0] + '#/nhap-file');
  await page.setInputFiles('#import-file', files);
  await page.waitForSelector('[data-testid=import-summary], .import-error', { timeout: 30000 });
}
const summary = (page) => page.textContent('[data-testid=import-summary] .summary-line');

/** Choose a file written by the test (a CSV typed as a clerk would). */
async function chooseText(page, name, text) {
  const file = join(await mkdtemp(join(tmpdir(), 'dondoc-')), name);
  await writeFile(file, text);
  await choose(page, file);
}

async function confirm(page) {
  await page.getByRole('button', { name: /^Nhập \d+ nhiệm vụ$/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr');
}

test('a tracker from LibreOffice is previewed, then imported all at once and kept', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await page.getByRole('link', { name: 'Nhập file Excel' }).first().click();
  await page.setInputFiles('#import-file', fixture('theo-doi-libreoffice.xls'));
  await page.waitForSelector('[data-testid=import-summary]');
  assert.equal(await summary(page), 'Thêm mới 5, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  assert.match(await page.textContent('.sheets'), /Theo dõi 2024 — 5 dòng nhiệm vụ · tiêu đề ở dòng 4/);
  assert.match(await page.textContent('.new-units'), /Xã Quỳnh Vinh; Xã Quỳnh Trang/);
  // Nothing is stored before the person confirms.
  assert.equal((await storedCounts(page)).tasks, 0);
  await page.screenshot({ path: SHOTS + 'import-preview.png', fullPage: true });

  await confirm(page);
  assert.equal(await countText(page), '5 nhiệm vụ');
  assert.match(await page.textContent('.notices'), /Đã nhập file: thêm mới 5/);
  assert.ok(await page.locator('td.c-unit', { hasText: 'Xã Quỳnh Trang' }).count() === 1);
  // Reloaded once the footer says it is stored (a reload before that asks first, and a person
  // who answers "leave" leaves what was not yet written: see the safety tests).
  await saved(page);
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '5 nhiệm vụ');
  assert.deepEqual(await storedCounts(page), { tasks: 5, units: 4, version: 4 });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the tracker sent back with results and one more row updates, adds one, duplicates nothing', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await choose(page, fixture('theo-doi-openpyxl.xlsx'));
  await confirm(page);
  // The same tracker saved by LibreOffice as .ods: recognised row for row, nothing changes.
  await choose(page, fixture('theo-doi-libreoffice.ods'));
  assert.equal(await summary(page), 'Thêm mới 0, cập nhật 0, không thay đổi 5, bỏ qua 0 dòng.');
  assert.equal(await page.getByRole('button', { name: 'File không có gì mới để nhập.' }).first().isDisabled(), true);

  await choose(page, fixture('theo-doi-lan-2.xlsx'));
  assert.equal(await summary(page), 'Thêm mới 1, cập nhật 2, không thay đổi 3, bỏ qua 0 dòng.');
  // The preview shows, for each updated task, the old and new value of what changes.
  const updated = page.locator('table.preview tr', { hasText: 'Tham mưu xây dựng kế hoạch tổ chức Tết trồng cây' });
  assert.match(await updated.locator('.changes').textContent(), /Tiến độ: .+ → Hoàn thành/);
  await confirm(page);
  assert.equal(await countText(page), '6 nhiệm vụ');
  const row = page.locator('tr', { hasText: 'Tham mưu xây dựng kế hoạch tổ chức Tết trồng cây' });
  assert.equal(await row.locator('.c-progress').textContent(), 'Hoàn thành');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 6);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a workbook with several sheets offers them; a fixed column is remembered for the next file', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await choose(page, fixture('nhieu-trang.xlsx'));
  const sheets = page.locator('.sheets li');
  assert.equal(await sheets.count(), 3);
  assert.match(await sheets.nth(2).textContent(), /Ghi chép — Không có dòng tiêu đề/);
  assert.equal(await sheets.nth(2).locator('input').isDisabled(), true);
  assert.equal(await summary(page), 'Thêm mới 3, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  await sheets.nth(0).locator('input').uncheck();
  await page.waitForFunction(() => document.querySelector('.summary-line').textContent.startsWith('Thêm mới 1,'));

  // "Ý kiến đơn vị" is not recognised; the person maps it to the result.
  const select = page.getByRole('combobox', { name: 'Ý kiến đơn vị' });
  assert.equal(await select.inputValue(), '');
  await select.selectOption({ label: 'Kết quả thực hiện' });
  await page.waitForFunction(() => [...document.querySelectorAll('select')].some((s) => s.getAttribute('aria-label') === 'Ý kiến đơn vị' && s.value === 'Result'));
  await choose(page, fixture('nhieu-trang.xlsx'));
  assert.equal(await page.getByRole('combobox', { name: 'Ý kiến đơn vị' }).inputValue(), 'Result', 'remembered');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a file dropped on the page is read like a chosen one', async () => {
  const { ctx, page } = await openApp(browser, server.url + '#/nhap-file');
  await page.waitForSelector('.dropzone');
  const bytes = [...await readFile(fixture('theo-doi-libreoffice-utf8.csv'))];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'theo-doi.csv', { type: 'text/csv' }));
    document.querySelector('.dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForSelector('[data-testid=import-summary]');
  assert.equal(await summary(page), 'Thêm mới 5, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  await ctx.close();
});

test('bad files get a clear message and change nothing', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  await saved(page);
  const before = await storedCounts(page);
  const good = await readFile(fixture('theo-doi-openpyxl.xlsx'));
  // Over the 50 MB limit (Playwright takes files this big only from disk).
  const huge = join(await mkdtemp(join(tmpdir(), 'dondoc-')), 'rat-lon.csv');
  await writeFile(huge, Buffer.alloc(51 * 1024 * 1024, 'a'));
  const cases = [
    [{ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }, /không phải file bảng tính/],
    [{ name: 'trong.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) }, /File trống/],
    [{ name: 'dang-do.xlsx', mimeType: 'application/octet-stream', buffer: good.subarray(0, good.length / 2) }, /bị hỏng hoặc không đầy đủ/],
    [fixture('co-mat-khau.xlsx'), /đặt mật khẩu/],
    [{ name: 'ghi-chep.csv', mimeType: 'text/csv', buffer: Buffer.from('Ghi chép họp giao ban\nkhông có bảng\n') }, /Không tìm thấy bảng theo dõi nhiệm vụ/],
    [huge, /^rat-lon\.csv: File quá lớn \(51 MB, tối đa 50 MB\)/],
  ];
  for (const [file, message] of cases) {
    await choose(page, file);
    assert.match(await page.textContent('.import-error'), message, JSON.stringify(file.name ?? file));
  }
  await page.screenshot({ path: SHOTS + 'import-error.png' });
  assert.deepEqual(await storedCounts(page), before);
  await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
  assert.equal(await countText(page), '152 nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a reader that dies is reported as a failed import, and the app goes on', async () => {
  // page.route does not see what a service worker answers: none here.
  const { ctx, page } = await openApp(browser, server.url, { context: await newContext(browser, { serviceWorkers: 'block' }) });
  await page.waitForSelector('.welcome');
  // The worker's WebAssembly arrives broken: the reader dies while starting.
  await page.route('**/reader_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await choose(page, fixture('theo-doi-openpyxl.xlsx'));
  assert.match(await page.textContent('.import-error'), /Trình đọc file bị dừng đột ngột.*Dữ liệu của bạn không bị ảnh hưởng/);
  await page.unroute('**/reader_bg.wasm');
  await choose(page, fixture('theo-doi-openpyxl.xlsx'));
  assert.equal(await summary(page), 'Thêm mới 5, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  await ctx.close();
});

// Tracker layouts from tests/fixtures/trackers/, with what a clerk expects (their .expected.json).
async function unitNames(page) {
  await page.goto(server.url + '#/don-vi');
  await page.waitForSelector('table.units');
  return page.locator('table.units tbody a').allTextContents();
}

test('a tracker saved as .ods with unit headings in capitals files each task under its heading, written as offices write it', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await choose(page, fixture('trackers/03-nhom-dong-chu-in-hoa.ods'));
  assert.equal(await summary(page), 'Thêm mới 36, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  await confirm(page);
  const units = await unitNames(page);
  for (const name of ['Phòng Tài chính - Kế hoạch', 'Phòng Lao động - Thương binh và Xã hội', 'Văn phòng HĐND-UBND thị xã', 'Công an thị xã', 'UBND phường Mai Hùng', 'UBND xã Quỳnh Trang']) {
    assert.ok(units.includes(name), `${name} in ${units}`);
  }
  assert.equal(units.length, 12, 'the twelve headings, no unit more');
  assert.ok(!units.some((u) => /PHÒNG|UBND PHƯỜNG/.test(u)), 'no unit named in capitals');
  const row = page.locator('table.units tbody tr', { has: page.getByRole('link', { name: 'Phòng Tài chính - Kế hoạch', exact: true }) });
  assert.match(await row.textContent(), /\b6\b/, 'its six tasks');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a tracker whose leader and officer columns also say 'chủ trì' never makes people into units", async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await choose(page, fixture('trackers/06-lanh-dao-can-bo-chu-tri.xlsx'));
  assert.equal(await summary(page), 'Thêm mới 20, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  assert.equal(await page.getByRole('combobox', { name: 'LĐVP chủ trì' }).inputValue(), 'Leader');
  assert.equal(await page.getByRole('combobox', { name: 'Cán bộ chủ trì theo dõi' }).inputValue(), 'Officer');
  await confirm(page);
  const units = await unitNames(page);
  for (const person of ['Nguyễn Mạnh Hùng', 'Nguyễn Văn A', 'Trần Thị B', 'Lê Văn C', 'Phạm Thị D']) {
    assert.ok(!units.some((u) => u.includes(person)), `${person} is not a unit`);
  }
  assert.equal(units.length, 10, `the ten units of column D: ${units}`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('hidden rows and a hidden sheet are listed unticked, a very hidden template sheet is not read', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await choose(page, fixture('trackers/08-an-dong-an-trang.xlsx'));
  const sheets = await page.locator('ul.sheets:not(.hidden-rows) li').allTextContents();
  assert.equal(sheets.length, 2, `two sheets listed: ${sheets}`);
  assert.ok(sheets.some((s) => s.startsWith('Năm 2023') && /bị ẩn/.test(s)), 'the hidden sheet says so');
  assert.ok(!sheets.some((s) => s.startsWith('Mẫu')), 'the template sheet is not listed');
  assert.equal(await page.getByRole('checkbox', { name: /^Năm 2023/ }).isChecked(), false);
  assert.equal(await summary(page), 'Thêm mới 15, cập nhật 0, không thay đổi 0, bỏ qua 0 dòng.');
  const hidden = page.locator('ul.hidden-rows li');
  assert.equal(await hidden.count(), 3, 'rows 5, 12 and 16');
  // The clerk takes the two finished tasks and leaves the superseded copy.
  await page.getByRole('checkbox', { name: /· Dòng 5 —/ }).check();
  await page.waitForFunction(() => document.querySelector('.summary-line').textContent.startsWith('Thêm mới 16'));
  await page.getByRole('checkbox', { name: /· Dòng 16 —/ }).check();
  await page.waitForFunction(() => document.querySelector('.summary-line').textContent.startsWith('Thêm mới 17'));
  await confirm(page);
  assert.equal(await countText(page), '17 nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a header nobody recognises: the person points at it and maps the columns, and the rows import', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await chooseText(page, 'viec-can-lam.csv', 'DANH SÁCH VIỆC CẦN LÀM;;\n;;\nViệc;Ai làm;Khi nào\nRà soát hồ sơ đất đai;Phòng Tài nguyên và Môi trường;Tháng 3/2025\nBáo cáo tiến độ giải ngân;Phòng Tài chính - Kế hoạch;Quý II/2025\n');
  const picker = page.locator('.header-picker');
  await picker.waitFor();
  assert.match(await picker.textContent(), /chưa nhận ra dòng tiêu đề/);
  await picker.getByRole('button', { name: 'Dòng 3 là tiêu đề' }).click();
  await page.getByRole('combobox', { name: 'Việc', exact: true }).waitFor();
  await page.getByRole('combobox', { name: 'Việc', exact: true }).selectOption('Content');
  await page.getByRole('combobox', { name: 'Ai làm' }).selectOption('LeadUnit');
  await page.getByRole('combobox', { name: 'Khi nào' }).selectOption('Deadline');
  await page.waitForFunction(() => document.querySelector('.summary-line')?.textContent.startsWith('Thêm mới 2,'));
  assert.match(await page.textContent('table.preview'), /Phòng Tài chính - Kế hoạch/);
  assert.match(await page.textContent('table.preview'), /30\/06\/2025/);
  await confirm(page);
  assert.equal(await countText(page), '2 nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('of two columns that could be the unit, the one of people is not taken; both are shown with their first values and one click swaps them', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await chooseText(page, 'hai-cot-don-vi.csv', 'Nội dung;Đơn vị;Đơn vị;Thời hạn\nRà soát hồ sơ đất đai;Nguyễn Văn A;Phòng Tài nguyên và Môi trường;31/03/2025\nBáo cáo giải ngân;Trần Thị B;Phòng Tài chính - Kế hoạch;30/06/2025\n');
  const doubt = page.locator('.mapping .doubt');
  await doubt.waitFor();
  assert.match(await doubt.textContent(), /Nguyễn Văn A/);
  assert.match(await doubt.textContent(), /Phòng Tài nguyên và Môi trường/);
  // The column of people's names is not taken for the units: the other one is.
  assert.match(await page.textContent('table.preview'), /Phòng Tài chính - Kế hoạch/);
  assert.doesNotMatch(await page.textContent('table.preview'), /Trần Thị B/);
  // The person can still say otherwise, in one click.
  await doubt.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('table.preview')?.textContent.includes('Trần Thị B'));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a sheet with no unit anywhere is given one by the person, and its rows stop asking for one', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await chooseText(page, 'Sheet1.csv', 'Nội dung;Thời hạn\nRà soát hồ sơ đất đai;31/03/2025\nBáo cáo giải ngân;30/06/2025\n');
  assert.match(await page.textContent('table.problems'), /Không có đơn vị chủ trì/);
  await page.getByLabel(/Đơn vị chủ trì của cả trang/).fill('Phòng Kinh tế');
  await page.getByLabel(/Đơn vị chủ trì của cả trang/).press('Enter');
  await page.waitForFunction(() => !document.querySelector('table.problems'));
  assert.match(await page.textContent('table.preview'), /Phòng Kinh tế/);
  await confirm(page);
  assert.equal(await page.locator('td.c-unit', { hasText: 'Phòng Kinh tế' }).count(), 2);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a large CSV shows how far it has been read, compared and imported, and is one step to undo', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhap-file');
  await page.waitForSelector('#import-file');
  let text = 'Mã nhiệm vụ;Nội dung;Đơn vị chủ trì;Thời hạn\n';
  for (let i = 0; i < 50000; i++) text += `NV-${i};Việc số ${i} cần làm;Phòng Kinh tế;31/12/2025\n`;
  // The last row repeats the first row's id: found though they are planned in different slices.
  text += 'NV-0;Việc chép lại;Phòng Kinh tế;31/12/2025\n';
  // Every percent and every count of rows compared shown on the page, until the preview appears.
  await page.evaluate(() => {
    window.__seen = [];
    window.__compared = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress.read-progress');
      if (bar) window.__seen.push(Number(bar.value));
      const status = [...document.querySelectorAll('[role=status]')].find((e) => e.textContent.startsWith('Đang đối chiếu'));
      if (status) window.__compared.push(status.textContent);
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value'] });
  });
  await page.setInputFiles('#import-file', { name: 'lon.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.some((p) => p > 0 && p < 100), `a percent between 0 and 100 was shown: ${seen}`);
  const compared = await page.evaluate(() => window.__compared);
  assert.ok(compared.some((t) => /^Đang đối chiếu với các nhiệm vụ đang có… [\d.]+\/50\.001 dòng$/.test(t) && !t.includes('… 0/')), `rows compared were counted: ${compared.slice(0, 3)}`);
  assert.equal(await page.textContent('.summary-line'), 'Thêm mới 50.000, cập nhật 0, không thay đổi 0, bỏ qua 1 dòng.');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Đang đối chiếu' }).count(), 0, 'the comparing line is gone');
  // Pressed, the button says it is importing (and cannot be pressed twice) before the list opens.
  await page.evaluate(() => {
    window.__buttons = [];
    new MutationObserver(() => {
      for (const b of document.querySelectorAll('.import-actions .btn-primary')) window.__buttons.push([b.textContent, b.disabled]);
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Nhập 50.000 nhiệm vụ' }).first().click();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 60000 });
  const pressed = await page.evaluate(() => window.__buttons);
  assert.ok(pressed.some(([text, disabled]) => text === 'Đang nhập…' && disabled), `the button said so: ${JSON.stringify(pressed.slice(0, 4))}`);
  // The tasks went in a part at a time, the button saying how many were in.
  assert.ok(pressed.some(([text, disabled]) => /^Đang nhập… [1-9][\d.]*\/50\.000 nhiệm vụ$/.test(text) && disabled), `it counted: ${JSON.stringify(pressed.filter(([t]) => /\//.test(t)).slice(0, 3))}`);
  assert.match(await page.textContent('[data-testid=task-count]'), /50\.000/);
  // Counts are written as a Vietnamese reader writes numbers (their deadline, 2025, has passed).
  assert.equal(await page.textContent('.summary [data-bucket=Overdue] .summary-n'), '50.000');
  // Stored whole, as one step: one Hoàn tác takes every task back.
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 50000);
  const undo = page.getByTestId('undo');
  assert.match(await undo.textContent(), /Hoàn tác: nhập file: thêm mới 50\.000/);
  // Taken back a part at a time, the status bar counting them (the undo button waits meanwhile).
  const progressWhile = async (done) => {
    await page.evaluate(() => {
      window.__progress = [];
      window.__progressSeen = new MutationObserver(() => {
        const p = document.querySelector('[data-testid=undo-progress]');
        if (p) window.__progress.push([p.textContent, document.querySelector('[data-testid=undo]')?.disabled ?? null]);
      });
      window.__progressSeen.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await done();
    return page.evaluate(() => { window.__progressSeen.disconnect(); return window.__progress; });
  };
  const undone = await progressWhile(async () => {
    await undo.click();
    await page.waitForSelector('.welcome', { timeout: 60000 });
  });
  assert.ok(undone.some(([text, disabled]) => /^Đang hoàn tác… [1-9][\d.]*\/50\.000 nhiệm vụ$/.test(text) && disabled === true), `it counted: ${JSON.stringify(undone.slice(0, 3))}`);
  assert.equal(await page.getByTestId('undo-progress').count(), 0, 'the count is gone once it is done');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 0, 'every imported task is taken back');
  // Làm lại puts them all back, stored, the same way.
  const redone = await progressWhile(async () => {
    await page.getByTestId('redo').click();
    await page.waitForFunction(() => /50\.000/.test(document.querySelector('[data-testid=task-count]')?.textContent ?? ''), null, { timeout: 60000 });
  });
  assert.ok(redone.some(([text]) => /^Đang làm lại… [1-9][\d.]*\/50\.000 nhiệm vụ$/.test(text)), `it counted: ${JSON.stringify(redone.slice(0, 3))}`);
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 50000, 'every task is stored again');
  // Another tab opened now reads the 25 MB of stored records a group a turn: all of them.
  const other = await ctx.newPage();
  await other.goto(page.url());
  await other.waitForFunction(() => /^50\.000 nhiệm vụ/.test(document.querySelector('[data-testid=task-count]')?.textContent ?? ''), null, { timeout: 60000 });
  assert.equal(await other.textContent('.summary [data-bucket=Overdue] .summary-n'), '50.000', 'every task read, none twice');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a unit written differently from one the office has is asked about: same unit keeps the name as an alias, another unit is added', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url);
  const csv = 'Nội dung;Đơn vị chủ trì;Thời hạn\n'
    + 'Kiểm tra trật tự đô thị tuyến phố chính;Công an thị xã;31/03/2025\n'
    + 'Xử lý xe quá tải;Công an thị xã;30/04/2025\n'
    + 'Thanh tra công vụ tại bộ phận một cửa;Thanh tra thị xã;30/06/2025\n';
  await chooseText(page, 'don-vi-cu.csv', csv);
  const links = page.getByTestId('unit-links');
  await links.waitFor();
  const rows = await links.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 2, rows.join(' | '));
  assert.match(rows[0], /^Công an thị xãCông an thành phố2/);
  assert.match(rows[1], /^Thanh tra thị xãThanh tra thành phố1/);
  // Nothing new by default: both are taken as the units they resemble.
  assert.equal(await page.locator('[data-testid=import-summary] .new-units').count(), 0);
  await page.screenshot({ path: SHOTS + 'import-unit-links.png', fullPage: true });

  // The person knows Thanh tra thị xã is another body.
  await page.getByRole('radiogroup', { name: 'Thanh tra thị xã' }).getByLabel('Đơn vị khác').check();
  await page.waitForSelector('[data-testid=import-summary] .new-units');
  assert.match(await page.textContent('.new-units'), /Thanh tra thị xã/);
  assert.match(await page.textContent('table.preview'), /Thanh tra thị xã/);
  await confirm(page);
  await saved(page);

  const units = await storedRecords(page, 'units');
  const police = units.find((u) => u.name === 'Công an thành phố');
  assert.ok(police.aliases.includes('Công an thị xã'), JSON.stringify(police));
  assert.ok(units.some((u) => u.name === 'Thanh tra thị xã'), 'a unit of its own');
  assert.ok(!units.find((u) => u.name === 'Thanh tra thành phố').aliases.includes('Thanh tra thị xã'));
  assert.equal(units.filter((u) => /Công an/.test(u.name)).length, 1, 'no second Công an');

  // The same file again: the names are known as written, nothing is asked, nothing duplicated.
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  await chooseText(page, 'don-vi-cu.csv', csv);
  assert.equal(await page.getByTestId('unit-links').count(), 0);
  assert.equal(await summary(page), 'Thêm mới 0, cập nhật 0, không thay đổi 3, bỏ qua 0 dòng.');
  assert.deepEqual(errors, []);
  await ctx.close();
});
