// Seeing and moving the work in a real browser: the board (mouse and keyboard), the task page
// (edit, history, delete and undo), the one filter (by unit, by unaccented text, in the address),
// and the unit page's counts checked against counts the test makes itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, countText, storedCounts, withSample as harnessWithSample } from './harness.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const withSample = () => harnessWithSample(browser, server.url);

const column = (page, code) => page.locator(`.kcol[data-column="${code}"]`);
const columnCount = async (page, code) => Number(await column(page, code).locator('.kcol-count').textContent());
const cardIn = (page, code, id) => column(page, code).locator(`[data-card="${id}"]`);

/** Fold as the app does: no accents, đ → d, lower case. */
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

test('a card dragged with the mouse changes progress, saved at once', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/bang');
  await page.waitForSelector('.kcard');
  const before = { todo: await columnCount(page, 'NotStarted'), doing: await columnCount(page, 'InProgress') };
  const card = column(page, 'NotStarted').locator('.kcard').first();
  const id = await card.getAttribute('data-card');
  // Dropped near the top of the column, where a person sees it (its middle may be off screen).
  const top = { targetPosition: { x: 60, y: 16 } };
  await card.dragTo(column(page, 'InProgress'), top);
  await cardIn(page, 'InProgress', id).waitFor();
  assert.equal(await columnCount(page, 'NotStarted'), before.todo - 1);
  assert.equal(await columnCount(page, 'InProgress'), before.doing + 1);
  assert.match(await page.textContent('.notices'), /Đã chuyển .* sang Đang thực hiện/);

  // To "Hoàn thành": the completion date (today by default) and the evidence are asked for.
  await cardIn(page, 'InProgress', id).dragTo(column(page, 'Done'), top);
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.locator('#done-date').inputValue(), /^\d\d\/\d\d\/\d{4}$/);
  await dialog.locator('#done-date').fill('19/11/2026');
  await dialog.locator('#done-evidence').fill('Báo cáo số 99/BC-UBND ngày 19/11/2026');
  await dialog.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
  await cardIn(page, 'Done', id).waitFor();
  await page.screenshot({ path: SHOTS + 'board.png' });

  await page.reload();
  await cardIn(page, 'Done', id).waitFor();
  await page.goto(server.url + `#/nhiem-vu/${id}`);
  await page.waitForSelector('.task-form');
  assert.equal(await page.inputValue('label:has-text("Ngày hoàn thành") input'), '19/11/2026');
  assert.equal(await page.inputValue('label:has-text("Minh chứng") input'), 'Báo cáo số 99/BC-UBND ngày 19/11/2026');
  assert.match(await page.textContent('.history'), /Tiến độ.*Chưa thực hiện.*Đang thực hiện/s);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the keyboard moves a card too, and keeps it focused', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/bang');
  const card = column(page, 'NotStarted').locator('.kcard').first();
  const id = await card.getAttribute('data-card');
  await card.focus();
  await page.keyboard.press('ArrowRight');
  await cardIn(page, 'InProgress', id).waitFor();
  await page.waitForFunction((id) => document.activeElement?.dataset?.card === id, id);
  await page.keyboard.press('ArrowLeft');
  await cardIn(page, 'NotStarted', id).waitFor();
  // The touch-friendly menu on the card does the same.
  await cardIn(page, 'NotStarted', id).locator('select').selectOption({ label: 'Tạm dừng' });
  await column(page, 'Paused').locator(`[data-card="${id}"]`).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a task is edited on its page, kept after a reload, with its history', async () => {
  const { ctx, page, errors } = await withSample();
  await page.locator('a.task-link').first().click();
  await page.waitForSelector('.task-form');
  const id = decodeURIComponent(page.url().split('#/nhiem-vu/')[1].split('?')[0]);
  await page.fill('label:has-text("Kết quả thực hiện") textarea', 'Đã rà soát 8/12 công trình, còn 4 chờ hồ sơ.');
  await page.fill('#f-deadline', 'quý I/2027');
  assert.equal(await page.textContent('[data-testid=deadline-reading]'), '→ 31/03/2027');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => document.querySelector('.notices').textContent.includes('Đã sửa nhiệm vụ'));
  // Reloaded once the footer says it is stored (before that, closing the page asks first).
  await page.waitForFunction(() => !document.querySelector('.statusbar').textContent.includes('Đang lưu'));
  await page.reload();
  await page.waitForSelector('.task-form');
  assert.equal(await page.inputValue('label:has-text("Kết quả thực hiện") textarea'), 'Đã rà soát 8/12 công trình, còn 4 chờ hồ sơ.');
  assert.equal(await page.inputValue('#f-deadline'), 'quý I/2027');
  const history = await page.textContent('.history');
  assert.match(history, /Kết quả thực hiện/);
  assert.match(history, /31\/03\/2027 \(quý I\/2027\)/);
  assert.ok(page.url().includes(id));
  // A wrong date is explained and nothing is saved.
  await page.fill('label:has-text("Ngày hoàn thành") input', '31/02/2026');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  assert.match(await page.getByRole('alert').first().textContent(), /không hợp lệ/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a task marked done without its completion date counts apart until the date is given', async () => {
  const { ctx, page, errors } = await withSample();
  await page.locator('.summary [data-bucket="DoneUndated"] button').click();
  await page.waitForURL(/tinh-trang=xong-chua-ro-ngay/);
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('table.tasks tbody tr')];
    return rows.length > 0 && rows.every((tr) => tr.dataset.bucket === 'DoneUndated');
  });
  const before = await page.locator('table.tasks tbody tr').count();
  const first = page.locator('table.tasks tbody tr').first();
  assert.match(await first.locator('.c-status').textContent(), /Hoàn thành, chưa rõ ngày.*Thiếu ngày hoàn thành/s);
  const id = await first.getAttribute('data-id');
  // Its unit's on-time rate does not count it either way.
  await first.locator('a.task-link').click();
  await page.waitForSelector('.task-form');
  await page.fill('label:has-text("Ngày hoàn thành") input', '01/01/2020');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => document.querySelector('.notices').textContent.includes('Đã sửa nhiệm vụ'));
  await page.goBack();
  await page.waitForFunction((n) => document.querySelectorAll('table.tasks tbody tr').length === n - 1, before);
  assert.equal(await page.locator(`table.tasks tbody tr[data-id="${id}"]`).count(), 0, 'dated, it leaves the bucket');
  await page.locator('.summary [data-bucket="DoneOnTime"] button').click();
  await page.waitForURL(/tinh-trang=xong-dung-han/);
  await page.locator(`table.tasks tbody tr[data-id="${id}"]`).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a deleted task comes back with Hoàn tác', async () => {
  const { ctx, page, errors } = await withSample();
  await page.locator('a.task-link').first().click();
  await page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await page.waitForSelector('table.tasks');
  assert.equal(await countText(page), '151 nhiệm vụ');
  await page.waitForFunction(() => !document.querySelector('.statusbar').textContent.includes('Đang lưu'));
  assert.equal((await storedCounts(page)).tasks, 151, 'the deletion was stored');
  await page.locator('.notice', { hasText: 'Đã xóa nhiệm vụ' }).getByRole('button', { name: 'Hoàn tác' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent === '152 nhiệm vụ');
  await page.waitForFunction(() => !document.querySelector('.statusbar').textContent.includes('Đang lưu'));
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '152 nhiệm vụ');
  assert.equal((await storedCounts(page)).tasks, 152);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a leader typed on a task is offered by the filter and finds that task', async () => {
  const { ctx, page, errors } = await withSample();
  const leaders = page.getByRole('combobox', { name: 'Lãnh đạo chỉ đạo' });
  // The lists are worked out once the sample is painted.
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Lãnh đạo chỉ đạo"] option').length > 1, null, { timeout: 30000 });
  assert.equal(await leaders.locator('option', { hasText: 'Đ/c Trần Thị Thử' }).count(), 0);
  await page.locator('a.task-link').first().click();
  await page.waitForSelector('.task-form');
  await page.locator('.task-form label:has-text("Lãnh đạo chỉ đạo") input').fill('Đ/c Trần Thị Thử');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => document.querySelector('.notices').textContent.includes('Đã sửa nhiệm vụ'));
  await page.goto(page.url().split('#')[0] + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  // The lists are worked out after the frame that shows a change: selectOption waits for it.
  await page.getByRole('combobox', { name: 'Lãnh đạo chỉ đạo' }).selectOption({ label: 'Đ/c Trần Thị Thử' });
  await page.waitForURL(/lanh-dao=/);
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.startsWith('1 / 152'));
  assert.equal(await page.locator('table.tasks tbody tr').count(), 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('one filter: by unit, by "phong kinh te", in the address, Back undoes it', async () => {
  const { ctx, page, errors } = await withSample();
  // What the test sees before filtering: every row's unit and text.
  const rows = await page.$$eval('table.tasks tbody tr', (trs) => trs.map((tr) => ({
    unit: tr.querySelector('.c-unit').textContent, text: tr.querySelector('.c-content').textContent,
  })));
  assert.equal(rows.length, 152);
  await page.getByRole('combobox', { name: 'Đơn vị' }).selectOption({ label: 'Phòng Kinh tế' });
  await page.waitForURL(/don-vi=u-phong-kinh-te/);
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.includes('/ 152'));
  const asLead = rows.filter((r) => r.unit === 'Phòng Kinh tế').length;
  const shown = await page.locator('table.tasks tbody tr').count();
  assert.ok(shown >= asLead && asLead === 11, `${shown} rows, ${asLead} led by Phòng Kinh tế`);
  assert.equal(await countText(page), `${shown} / 152 nhiệm vụ`);

  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 152);

  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('phong kinh te');
  await page.waitForURL(/q=phong\+kinh\+te/);
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.includes('/ 152'));
  const expected = rows.filter((r) => fold(r.unit).includes('phong kinh te') || fold(r.text).includes('phong kinh te')).length;
  const found = await page.locator('table.tasks tbody tr').count();
  assert.ok(found >= expected && expected >= 11, `${found} found, ${expected} expected at least`);
  // Every row found mentions Phòng Kinh tế: as its unit, a coordinator, or in its text.
  for (const text of await page.$$eval('table.tasks tbody tr', (trs) => trs.map((tr) => tr.textContent))) {
    assert.ok(fold(text).includes('phong kinh te') || fold(text).includes('kinh te'), text.slice(0, 80));
  }
  // The filtered view survives a reload: it is in the address.
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await page.locator('table.tasks tbody tr').count(), found);
  assert.equal(await page.getByRole('searchbox', { name: 'Tìm kiếm' }).inputValue(), 'phong kinh te');
  // Status chips filter too, and counts follow.
  await page.locator('.summary [data-bucket="Overdue"] button').click();
  await page.waitForURL(/tinh-trang=qua-han/);
  await page.waitForFunction(() => [...document.querySelectorAll('table.tasks tbody tr')].every((tr) => tr.dataset.bucket === 'Overdue'));
  assert.ok(await page.locator('table.tasks tbody tr').count() > 0);
  for (const b of await page.$$eval('table.tasks tbody tr', (trs) => trs.map((t) => t.dataset.bucket))) assert.equal(b, 'Overdue');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the unit page counts match counts made from the tasks themselves', async () => {
  const { ctx, page, errors } = await withSample();
  const rows = await page.$$eval('table.tasks tbody tr', (trs) => trs.map((tr) => ({
    unit: tr.querySelector('.c-unit').textContent, bucket: tr.dataset.bucket,
  })));
  const mine = rows.filter((r) => r.unit === 'Phòng Tài nguyên và Môi trường');
  const count = (b) => mine.filter((r) => r.bucket === b).length;
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  const row = page.locator('table.units tr', { hasText: 'Phòng Tài nguyên và Môi trường' });
  await row.waitFor();
  const cell = async (col) => Number(await row.locator(`td[data-col="${col}"]`).textContent());
  assert.equal(await cell('total'), mine.length);
  for (const b of ['DoneOnTime', 'DoneLate', 'DoneUndated', 'DoneNoDeadline', 'InProgressInTime', 'Overdue', 'InProgressNoDeadline']) {
    assert.equal(await cell(b), count(b), b);
  }
  const judged = count('DoneOnTime') + count('DoneLate') + count('Overdue');
  const rate = (100 * count('DoneOnTime') / judged).toFixed(1).replace('.', ',');
  assert.equal(await row.locator('td[data-col="rate"]').textContent(), `${rate}% (${count('DoneOnTime')}/${judged})`);
  // Worst first: the first department has at least as many overdue as the second.
  const overdue = await page.$$eval('table.units tbody:first-of-type td[data-col="Overdue"]', (c) => c.map((x) => Number(x.textContent)));
  assert.ok(overdue[0] >= overdue[1]);
  await page.screenshot({ path: SHOTS + 'units.png' });

  // The unit's own page: its tasks as lead, then as coordinator.
  await row.getByRole('link').click();
  await page.waitForSelector('.unit-manage');
  const leadRows = page.locator('h2:has-text("Nhiệm vụ chủ trì") + .table-wrap tbody tr');
  assert.equal(await leadRows.count(), mine.length);
  // Renamed, the unit keeps its old name as an alias; undo puts it back.
  await page.fill('#unit-name', 'Phòng Nông nghiệp và Môi trường');
  await page.locator('label:has-text("Tên đầy đủ") button').click();
  await page.waitForFunction(() => document.querySelector('.list-title h1').textContent === 'Phòng Nông nghiệp và Môi trường');
  assert.match(await page.textContent('.unit-manage'), /Phòng Tài nguyên và Môi trường/);
  await page.locator('.notice').getByRole('button', { name: 'Hoàn tác' }).click();
  await page.waitForFunction(() => document.querySelector('.list-title h1').textContent === 'Phòng Tài nguyên và Môi trường');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a task added by hand is listed under its unit, with its deadline read', async () => {
  const { ctx, page, errors } = await withSample();
  await page.getByRole('link', { name: 'Thêm nhiệm vụ' }).click();
  await page.waitForSelector('.task-form');
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  assert.match(await page.getByRole('alert').first().textContent(), /Hãy nhập nội dung nhiệm vụ/);
  await page.fill('label:has-text("Nội dung nhiệm vụ") textarea', 'Kiểm tra công tác phòng cháy chữa cháy tại chợ Hoàng Mai');
  await page.selectOption('#f-lead', { label: 'Công an thành phố' });
  await page.fill('label:has-text("Đơn vị phối hợp") input', 'Phòng Kinh tế; Phường Quỳnh Thiện');
  await page.fill('#f-deadline', 'trước ngày 15/12/2026');
  assert.equal(await page.textContent('[data-testid=deadline-reading]'), '→ 15/12/2026');
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await page.waitForURL(/#\/nhiem-vu\/NV-/);
  await page.getByRole('button', { name: /Quay lại/ }).click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), '153 nhiệm vụ');
  const row = page.locator('tr', { hasText: 'Kiểm tra công tác phòng cháy chữa cháy' });
  assert.equal(await row.locator('.c-unit').textContent(), 'Công an thành phố');
  assert.equal(await row.locator('.c-deadline .date').textContent(), '15/12/2026');
  assert.match(await row.locator('.meta-coord').textContent(), /Kinh tế, Phường Quỳnh Thiện/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the board splits by unit and can group its columns by status', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/bang');
  await page.getByLabel('Chia theo đơn vị').check();
  await page.waitForURL(/lan=don-vi/);
  await page.waitForSelector('.lane-head');
  assert.ok(await page.locator('.lane-head', { hasText: 'Phòng Kinh tế' }).count() === 1);
  await page.getByRole('button', { name: 'Tình trạng', exact: true }).click();
  await page.waitForURL(/cot=tinh-trang/);
  const overdue = page.locator('.lane').first().locator('.kcol[data-column="Overdue"] .kcard');
  for (const b of await overdue.evaluateAll((cs) => cs.map((c) => c.dataset.bucket))) assert.equal(b, 'Overdue');
  await page.screenshot({ path: SHOTS + 'board-lanes.png' });
  assert.deepEqual(errors, []);
  await ctx.close();
});
