// What a clerk met trying the app as a new user: the board's selection, the done dialog by
// keyboard, a unit added by hand in an empty workspace, search across punctuation, chips that
// keep their breakdown, and a past as-of date said in the title with progress as it stood.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, countText, storedTasks, withSample as harnessWithSample, saved, wholeList } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const withSample = () => harnessWithSample(browser, server.url);

const column = (page, code) => page.locator(`.kcol[data-column="${code}"]`);
const columnCount = async (page, code) => Number(await column(page, code).locator('.kcol-count').textContent());

test('cards ticked on the board move together in one step', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/bang');
  await page.waitForSelector('.kcard');
  const before = { todo: await columnCount(page, 'NotStarted'), doing: await columnCount(page, 'InProgress') };
  const cards = column(page, 'NotStarted').locator('.kcard');
  const ids = [await cards.nth(0).getAttribute('data-card'), await cards.nth(1).getAttribute('data-card')];
  await cards.nth(0).getByRole('checkbox').check();
  await cards.nth(1).getByRole('checkbox').check();
  const bar = page.getByTestId('bulk-bar');
  assert.equal(await page.getByTestId('selected-count').textContent(), 'Đã chọn 2');
  await bar.getByRole('combobox', { name: 'Giá trị mới' }).selectOption({ label: 'Đang thực hiện' });
  await bar.getByRole('button', { name: 'Áp dụng cho 2 nhiệm vụ' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.kcol[data-column="InProgress"] .kcol-count').textContent) === n, before.doing + 2);
  assert.equal(await columnCount(page, 'NotStarted'), before.todo - 2);
  await saved(page);
  const stored = await storedTasks(page);
  for (const id of ids) assert.equal(stored.find((t) => t.id === id).progress, 'in_progress');
  // One step undoes both.
  assert.match(await page.getByTestId('undo').textContent(), /chuyển 2 nhiệm vụ sang Đang thực hiện/);
  await page.getByTestId('undo').click();
  await page.waitForFunction((n) => Number(document.querySelector('.kcol[data-column="NotStarted"] .kcol-count').textContent) === n, before.todo);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the done dialog works by keyboard: focus stays inside, Escape closes, focus returns to the card', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/bang');
  await page.waitForSelector('.kcard');
  const card = column(page, 'InProgress').locator('.kcard').first();
  const id = await card.getAttribute('data-card');
  await card.focus();
  await page.keyboard.press('ArrowRight');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'done-date');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement.closest('[role=dialog]')), `Tab ${i + 1} stays in the dialog`);
  }
  await page.keyboard.press('Shift+Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('[role=dialog]')));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-card') === id, id);
  assert.equal(await column(page, 'InProgress').locator(`[data-card="${id}"]`).count(), 1, 'nothing moved');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an empty workspace gets a unit by hand, and a task for it', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await page.waitForSelector('.welcome');
  await page.goto(server.url + '#/don-vi');
  await page.getByRole('textbox', { name: 'Thêm đơn vị' }).fill('UBND phường Mai Hùng');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await page.locator('table.units', { hasText: 'UBND phường Mai Hùng' }).waitFor();
  assert.match(await page.textContent('table.units'), /Xã, phường \(1\)/, 'its kind is read from its name');
  // The same name again is refused with a message, nothing added.
  await page.getByRole('textbox', { name: 'Thêm đơn vị' }).fill('ubnd phuong mai hung');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  assert.match(await page.locator('.add-unit [role=alert]').textContent(), /đã là của đơn vị/);
  await page.goto(server.url + '#/them-nhiem-vu');
  await page.waitForSelector('.task-form');
  await page.locator('label:has-text("Nội dung nhiệm vụ") textarea').fill('Ra quân dọn vệ sinh môi trường');
  await page.getByLabel('Đơn vị chủ trì').selectOption({ label: 'UBND phường Mai Hùng' });
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await page.goto(server.url + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await page.textContent('table.tasks tbody td.c-unit'), 'UBND phường Mai Hùng');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('search ignores punctuation but not word order; chips keep their breakdown while one filters', async () => {
  const { ctx, page, errors } = await withSample();
  const search = page.getByRole('searchbox', { name: 'Tìm kiếm' });
  // A task text with a comma between two words the clerk types without it.
  const texts = await page.locator('table.tasks tbody a.task-link').allTextContents();
  const withComma = texts.find((s) => /\p{L}+, \p{L}+/u.test(s));
  assert.ok(withComma, 'the sample has a task with a comma between words');
  const [, a, b] = withComma.match(/(\p{L}+), (\p{L}+)/u);
  await search.fill(`${a} ${b}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.includes('/'));
  const found = await page.locator('table.tasks tbody a.task-link').allTextContents();
  assert.ok(found.includes(withComma), `"${a} ${b}" finds "${withComma.slice(0, 60)}"`);
  await search.fill('');
  await page.waitForFunction(() => !document.querySelector('[data-testid=task-count]').textContent.includes('/'));
  const chips = async () => Object.fromEntries(await page.locator('.summary li').evaluateAll((lis) => lis.map((li) => [li.dataset.bucket, li.querySelector('.summary-n').textContent])));
  const all = await chips();
  await page.locator('.summary [data-bucket=Overdue] button').click();
  await page.waitForFunction(() => location.hash.includes('tinh-trang='));
  // The address changes first; the list follows it.
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.includes('/'));
  assert.equal(await countText(page), `${all.Overdue} / 152 nhiệm vụ`);
  assert.deepEqual(await chips(), all, 'every chip keeps its count');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a past as-of date is said in the title, and progress is shown as it stood that day', async () => {
  const { ctx, page, errors } = await withSample();
  await page.goto(server.url + '#/nhiem-vu?ngay=01-01-2020');
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('tình hình đến ngày 01/01/2020'));
  await wholeList(page);
  // Nothing was done yet on that day (but tasks marked done without a date, which cannot be placed in time).
  assert.equal(await page.locator('table.tasks tbody tr:not([data-bucket=DoneUndated]) td.c-progress', { hasText: 'Hoàn thành' }).count(), 0);
  await page.getByRole('button', { name: 'Hôm nay' }).click();
  await page.waitForFunction(() => !document.querySelector('h1').textContent.includes('tình hình đến ngày'));
  await wholeList(page);
  assert.ok(await page.locator('table.tasks tbody td.c-progress', { hasText: 'Hoàn thành' }).count() > 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('going through the unit list by keyboard filters by the unit it stops on, not every unit passed', async () => {
  const { ctx, page, errors } = await withSample();
  const select = page.getByRole('combobox', { name: 'Đơn vị', exact: true });
  await select.evaluate((s) => { window.__changes = []; s.addEventListener('change', () => { window.__changes.push(performance.now()); }); });
  const before = await page.evaluate(() => history.length);
  await select.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  // Settled: the address names the unit the select rests on.
  await select.evaluate((s) => new Promise((resolve) => {
    const check = () => (location.hash.includes(`don-vi=${s.value}`) ? resolve() : setTimeout(check, 50));
    check();
  }));
  const times = await page.evaluate(() => window.__changes);
  const changes = times.length;
  const steps = (await page.evaluate(() => history.length)) - before;
  assert.ok(changes > 2, `the keys passed several options (${changes} changes)`);
  // A change after a pause applies at once; quick ones after it wait for the select to rest. On a
  // machine so slow that the keys arrive apart, each is its own choice.
  const bursts = 1 + times.slice(1).filter((t, i) => t - times[i] >= 350).length;
  assert.ok(steps >= 1 && steps <= 2 * bursts, `the filter followed ${steps} of ${changes} changes (${bursts} bursts)`);
  if (bursts === 1) assert.ok(steps < changes, 'not every option passed');
  assert.match(await page.textContent('[data-testid=task-count]'), /\/ 152 nhiệm vụ/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a task made by hand can go to several units, one task each', async () => {
  const { ctx, page, errors } = await withSample();
  const units = [...new Set(await page.locator('table.tasks tbody td.c-unit').allTextContents())].slice(0, 3);
  assert.equal(units.length, 3);
  await page.goto(server.url + '#/them-nhiem-vu');
  await page.waitForSelector('.task-form');
  await page.locator('label:has-text("Nội dung nhiệm vụ") textarea').fill('Tổng vệ sinh môi trường chào mừng ngày lễ');
  await page.getByLabel('Đơn vị chủ trì').selectOption({ label: units[0] });
  await page.getByRole('textbox', { name: 'Đơn vị phối hợp' }).fill(`${units[1]}; ${units[2]}`);
  await page.getByRole('checkbox', { name: /mỗi đơn vị một nhiệm vụ/ }).check();
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await page.goto(server.url + '#/nhiem-vu?q=' + encodeURIComponent('tong ve sinh moi truong chao mung'));
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]')?.textContent === '3 / 155 nhiệm vụ');
  assert.deepEqual((await page.locator('table.tasks tbody td.c-unit').allTextContents()).sort(), [...units].sort());
  assert.equal(await page.locator('table.tasks tbody .meta-coord').count(), 0, 'no coordinators: each leads its own');
  assert.match(await page.getByTestId('undo').textContent(), /thêm 3 nhiệm vụ/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('after Hoàn tác the task page shows the values put back, and saving does not write the undone ones again', async () => {
  const { ctx, page, errors } = await withSample();
  await page.locator('a.task-link').first().click();
  await page.waitForSelector('.task-form');
  const id = decodeURIComponent(page.url().split('#/nhiem-vu/')[1].split('?')[0]);
  const result = page.locator('label:has-text("Kết quả thực hiện") textarea');
  const before = await result.inputValue();
  await result.fill('Giá trị sẽ được hoàn tác');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(page);
  await page.locator('.notice', { hasText: 'Đã sửa nhiệm vụ' }).getByRole('button', { name: 'Hoàn tác' }).click();
  await page.waitForFunction((v) => [...document.querySelectorAll('label')].some((l) => l.textContent.includes('Kết quả thực hiện') && l.querySelector('textarea')?.value === v), before);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => /Không có gì thay đổi/.test(document.querySelector('.notices').textContent));
  await saved(page);
  assert.equal((await storedTasks(page)).find((t) => t.id === id).result, before);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a mistyped as-of date is forgotten once Hôm nay sets the date', async () => {
  const { ctx, page, errors } = await withSample();
  await page.fill('#as-of', '31/02/2026');
  await page.press('#as-of', 'Enter');
  await page.getByRole('alert').filter({ hasText: 'Ngày không hợp lệ' }).waitFor();
  await page.getByRole('button', { name: 'Hôm nay' }).click();
  await page.getByRole('alert').filter({ hasText: 'Ngày không hợp lệ' }).waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await ctx.close();
});
