// Nothing is lost: two tabs editing one task, a newer version writing under an open tab, the
// browser deleting the site's data under an open page, bulk changes with one undo step, the
// recycle bin across a reload, and input that used to crash the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, countText, storedCounts, storedTasks, stampSchemaVersion, loadSample, saved, newContext } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const SAMPLE_TASKS = 152;



const storedTask = async (page, id) => (await storedTasks(page)).find((t) => t.id === id) ?? null;

const result = (page) => page.locator('label:has-text("Kết quả thực hiện") textarea');
const note = (page) => page.locator('label:has-text("Ghi chú") textarea');

test('a task page open in another tab keeps the result this tab saved, and asks when both changed it', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  const id = await a.page.locator('table.tasks tbody tr').first().getAttribute('data-id');
  const b = await openApp(browser, server.url + `#/nhiem-vu/${encodeURIComponent(id)}`, { context: ctx });
  await b.page.waitForSelector('.task-form');
  // B starts typing a note; meanwhile A saves a result.
  await note(b.page).fill('Chờ số liệu của phường');
  await a.page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await a.page.waitForSelector('.task-form');
  await result(a.page).fill('Đã rà soát 8/12 công trình');
  await a.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(a.page);
  // B saves its note: A's result stays.
  await b.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(b.page);
  let stored = await storedTask(a.page, id);
  assert.equal(stored.result, 'Đã rà soát 8/12 công trình', "the other tab's result is kept");
  assert.equal(stored.note, 'Chờ số liệu của phường');

  // Both change the result: B is shown both values and chooses; nothing is saved before that.
  await result(b.page).fill('Đã xong 10/12');
  await result(a.page).fill('Đã rà soát 9/12 công trình');
  await a.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(a.page);
  await b.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  const conflict = b.page.locator('.conflict');
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /Đã rà soát 9\/12 công trình/);
  assert.match(await conflict.textContent(), /Đã xong 10\/12/);
  assert.equal((await storedTask(a.page, id)).result, 'Đã rà soát 9/12 công trình', 'nothing written before the choice');
  await conflict.getByRole('button', { name: 'Giữ giá trị tôi nhập' }).click();
  await saved(b.page);
  stored = await storedTask(a.page, id);
  assert.equal(stored.result, 'Đã xong 10/12');
  // A follows B's change.
  await a.page.waitForFunction(() => document.querySelector('label textarea') && [...document.querySelectorAll('label')].some((l) => l.textContent.includes('Kết quả thực hiện') && l.querySelector('textarea')?.value === 'Đã xong 10/12'));
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test('a tab that missed other changes does not write its stale copy back', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  await saved(a.page);
  // B never hears from other tabs (as a tab that missed a message would).
  const b = { page: await ctx.newPage(), errors: [] };
  b.page.on('pageerror', (e) => b.errors.push(String(e)));
  await b.page.addInitScript(() => Object.defineProperty(BroadcastChannel.prototype, 'onmessage', { set() {}, get() { return null; } }));
  await b.page.goto(server.url + '#/bang');
  await b.page.waitForSelector('.kcard');
  const card = b.page.locator('.kcol[data-column="NotStarted"] .kcard').first();
  const id = await card.getAttribute('data-card');
  // A deletes nothing but writes a result on that task.
  await a.page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await a.page.waitForSelector('.task-form');
  await result(a.page).fill('Kết quả do thẻ A ghi');
  await a.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(a.page);
  // B, stale, moves the card with the keyboard.
  await card.focus();
  await b.page.keyboard.press('ArrowRight');
  await b.page.locator(`.kcol[data-column="InProgress"] [data-card="${id}"]`).waitFor();
  await saved(b.page);
  const stored = await storedTask(a.page, id);
  assert.equal(stored.progress, 'in_progress', "B's move is stored");
  assert.equal(stored.result, 'Kết quả do thẻ A ghi', "A's result survives B's stale copy");
  assert.deepEqual(b.errors, []);
  await ctx.close();
});

test('an open tab stops writing as soon as a newer version has written the data', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  const id = await page.locator('table.tasks tbody tr').first().getAttribute('data-id');
  const before = await storedTask(page, id);
  // A newer Đôn Đốc, in another tab, writes its version number.
  await stampSchemaVersion(page, 99);
  await page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await page.waitForSelector('.task-form');
  await note(page).fill('Ghi chú của phiên bản cũ');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.waitForFunction(() => /mới hơn phiên bản này/.test(document.querySelector('.notices').textContent));
  await page.waitForFunction(() => /chỉ xem/i.test(document.querySelector('.statusbar').textContent) || /không ghi/i.test(document.querySelector('.statusbar').textContent));
  assert.deepEqual(await storedTask(page, id), before, 'the stored task is untouched');
  assert.equal((await storedCounts(page)).version, 99, 'the version is not stamped back');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a workspace stored by version 3 (one record per task) opens whole and is written back in buckets, its unreadable record kept', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  const tasks = await storedTasks(page);
  // As version 3 left it: each task its own record under its id, plus one record it could not read.
  const unreadable = '{"id":"NV-LẠ","progress":"một giá trị của phiên bản sau"}';
  await page.evaluate(([tasks, unreadable]) => new Promise((resolve) => {
    const open = indexedDB.open('dondoc');
    open.onsuccess = () => {
      const tx = open.result.transaction(['tasks', 'meta'], 'readwrite');
      const store = tx.objectStore('tasks');
      store.clear();
      for (const t of tasks) store.put(JSON.stringify(t), t.id);
      store.put(unreadable, 'NV-LẠ');
      tx.objectStore('meta').put(3, 'schema_version');
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }), [tasks, unreadable]);
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.match(await page.textContent('.notices'), /1 bản ghi/);
  await page.waitForFunction(async () => {
    const version = await new Promise((resolve) => {
      const open = indexedDB.open('dondoc');
      open.onsuccess = () => {
        const req = open.result.transaction('meta').objectStore('meta').get('schema_version');
        req.onsuccess = () => { open.result.close(); resolve(req.result); };
      };
    });
    return version === 4;
  }, null, { polling: 100, timeout: 60_000 });
  const keys = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('dondoc');
    open.onsuccess = () => {
      const req = open.result.transaction('tasks').objectStore('tasks').getAllKeys();
      req.onsuccess = () => { open.result.close(); resolve(req.result); };
    };
  }));
  assert.ok(keys.every((k) => typeof k === 'number' && k >= 0 && k < 512), 'tasks are stored in numbered buckets');
  assert.ok(keys.length < SAMPLE_TASKS, `${keys.length} records for ${SAMPLE_TASKS} tasks`);
  const stored = await storedTasks(page);
  assert.equal(stored.length, SAMPLE_TASKS + 1);
  assert.deepEqual(stored.find((t) => t.id === 'NV-LẠ'), JSON.parse(unreadable), 'the record it cannot read is kept as it was');
  assert.deepEqual(new Set(stored.map((t) => t.id)), new Set([...tasks.map((t) => t.id), 'NV-LẠ']));
  // And it still opens after the write-back, the same.
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('when the browser deletes the stored data under an open page, the page writes it all back and says so', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(server.url).origin, storageTypes: 'indexeddb' });
  await page.waitForFunction(() => /Trình duyệt đã xóa dữ liệu/.test(document.querySelector('.notices').textContent), null, { timeout: 60_000 });
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, SAMPLE_TASKS);
  // And later changes are stored as usual.
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.ok(page.getByRole('button', { name: 'Tải bản sao lưu' }));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('fifty filtered tasks change in one step, one write, one undo, kept after a reload', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  // Not done and shown by the filter: everything in progress in time.
  await page.locator('.summary [data-bucket=InProgressInTime] button').click();
  await page.waitForFunction(() => location.hash.includes('tinh-trang='));
  const shown = Number((await page.textContent('.summary [data-bucket=InProgressInTime] .summary-n')).trim());
  assert.ok(shown >= 20, `enough tasks to change at once (${shown})`);
  await page.getByRole('checkbox', { name: 'Chọn mọi nhiệm vụ đang lọc' }).check();
  const bar = page.getByTestId('bulk-bar');
  await bar.waitFor();
  assert.equal(await page.getByTestId('selected-count').textContent(), `Đã chọn ${shown}`);
  await bar.getByRole('combobox', { name: 'Giá trị mới' }).selectOption({ label: 'Hoàn thành' });
  await bar.getByRole('button', { name: `Áp dụng cho ${shown} nhiệm vụ` }).click();
  await page.waitForFunction((n) => document.querySelector('.notices').textContent.includes(`Đã chuyển ${n} nhiệm vụ sang Hoàn thành`), shown);
  await saved(page);
  const ids = (await storedTasks(page)).filter((t) => t.progress === 'done').length;
  assert.ok(ids >= shown, 'every changed task is stored as done');
  await page.reload();
  await page.waitForSelector('table.tasks');
  const undo = page.getByTestId('undo');
  assert.match(await undo.textContent(), new RegExp(`Hoàn tác: chuyển ${shown} nhiệm vụ sang Hoàn thành`));
  await undo.click();
  await page.waitForFunction((n) => Number(document.querySelector('.summary [data-bucket=InProgressInTime] .summary-n').textContent) === n, shown);
  await saved(page);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an import of 5,000 tasks is undone and redone after a reload: its step, stored in parts, reads back whole', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhap-file');
  let csv = 'STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn;Tiến độ\n';
  for (let i = 0; i < 5000; i++) csv += `${i + 1};Nhiệm vụ thứ ${i + 1}: báo cáo kết quả;Phòng ${['Kinh tế', 'Nội vụ', 'Tư pháp'][i % 3]};${String(1 + (i % 28)).padStart(2, '0')}/06/2026;Đang thực hiện\n`;
  await page.setInputFiles('#import-file', { name: 'theo-doi-5000.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 5000);
  // The step's record says how many parts follow it (2,000 task records each), under [step, 1], [step, 2]…
  const keys = await page.evaluate(() => new Promise((resolve) => {
    indexedDB.open('dondoc').onsuccess = (e) => {
      const req = e.target.result.transaction('steps').objectStore('steps').getAllKeys();
      req.onsuccess = () => resolve(req.result);
    };
  }));
  assert.equal(typeof keys[0], 'number');
  assert.deepEqual(keys.slice(1), [[keys[0], 1], [keys[0], 2], [keys[0], 3]], 'the step and its three parts');

  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  const undo = page.getByTestId('undo');
  assert.match(await undo.textContent(), /Hoàn tác: nhập file: thêm mới 5\.000/);
  await undo.click();
  await page.waitForFunction(() => document.querySelector('.notices').textContent.includes('Đã hoàn tác'));
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 0, 'every imported task is taken back');
  await page.getByTestId('redo').click();
  await page.waitForSelector('table.tasks tbody tr');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 5000, 'and put back');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('deleted tasks wait in the recycle bin and come back after a reload', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  const rows = page.locator('table.tasks tbody tr');
  const first = await rows.nth(0).getAttribute('data-id');
  const third = await rows.nth(2).getAttribute('data-id');
  await rows.nth(0).getByRole('checkbox').check();
  // Shift-click ticks the run between.
  await rows.nth(2).getByRole('checkbox').click({ modifiers: ['Shift'] });
  assert.equal(await page.getByTestId('selected-count').textContent(), 'Đã chọn 3');
  const bar = page.getByTestId('bulk-bar');
  await bar.getByRole('combobox', { name: 'Đổi' }).selectOption({ label: 'Xóa (vào Thùng rác)' });
  await bar.getByRole('button', { name: 'Áp dụng cho 3 nhiệm vụ' }).click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=task-count]').textContent === `${n} nhiệm vụ`, SAMPLE_TASKS - 3);
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, SAMPLE_TASKS - 3);
  await page.reload();
  await page.getByRole('link', { name: /Thùng rác/ }).click();
  await page.waitForSelector('[data-testid=bin-count]');
  assert.equal(await page.textContent('[data-testid=bin-count]'), '3 nhiệm vụ');
  await page.locator(`tr[data-id="${third}"]`).getByRole('button', { name: 'Lấy lại' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=bin-count]').textContent === '2 nhiệm vụ');
  await saved(page);
  await page.reload();
  await page.goto(server.url + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS - 2} nhiệm vụ`);
  assert.equal(await page.locator(`tr[data-id="${third}"]`).count(), 1, 'the task put back is listed');
  assert.equal(await page.locator(`tr[data-id="${first}"]`).count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a year nobody means is refused on the report page, and the page keeps working', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.goto(server.url + '#/bao-cao');
  const year = page.getByRole('spinbutton', { name: 'Năm' });
  await year.waitFor();
  const was = await year.inputValue();
  await year.fill('2026000');
  await year.press('Tab');
  await page.waitForFunction(() => /Năm phải từ 1900 đến 2200/.test(document.querySelector('.notices').textContent));
  assert.equal(await year.inputValue(), was);
  await page.getByRole('link', { name: 'Nhiệm vụ' }).first().click();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('when the app stops on an error, the person is told in Vietnamese and can download what is stored', async () => {
  const { ctx, page } = await openApp(browser, server.url);
  await loadSample(page);
  await saved(page);
  // What the panic hook calls (src/main.rs): plain JavaScript that does not need the app.
  await page.evaluate(() => window.dondocCrashed());
  const rescue = page.getByRole('alertdialog');
  assert.match(await rescue.textContent(), /Đôn Đốc gặp lỗi và phải dừng/);
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'crash-backup'), 'the backup button has the focus');
  const [file] = await Promise.all([page.waitForEvent('download'), rescue.getByRole('button', { name: 'Tải bản sao lưu' }).click()]);
  assert.match(file.suggestedFilename(), /^Sao-luu-Don-Doc_\d{4}-\d{2}-\d{2}\.json$/);
  await rescue.getByText(`Đã tải bản sao lưu gồm ${SAMPLE_TASKS} nhiệm vụ.`).waitFor();
  const bytes = await (await import('node:fs/promises')).readFile(await file.path());
  await ctx.close();

  // The file restores in a fresh browser like any backup.
  const fresh = await openApp(browser, server.url);
  await fresh.page.waitForSelector('.welcome');
  await fresh.page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await fresh.page.waitForSelector('table.tasks tbody tr');
  await fresh.page.locator('a.task-link').first().click();
  await fresh.page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await fresh.page.getByRole('dialog').getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await fresh.page.waitForSelector('table.tasks tbody tr');
  await fresh.page.setInputFiles('#restore-file', { name: 'rescue.json', mimeType: 'application/json', buffer: bytes });
  await fresh.page.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
  await fresh.page.waitForFunction((n) => document.querySelector('[data-testid=task-count]').textContent === `${n} nhiệm vụ`, SAMPLE_TASKS);
  assert.deepEqual(fresh.errors, []);
  await fresh.ctx.close();
});

test('a task deleted in one tab stays deleted when another tab retries a failed write to it', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  await saved(a.page);
  const id = await a.page.locator('table.tasks tbody tr').first().getAttribute('data-id');
  // Tab B's writes fail (its storage quota, say), until the test lifts it.
  const b = { page: await ctx.newPage(), errors: [] };
  b.page.on('pageerror', (e) => b.errors.push(String(e)));
  await b.page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__storageFull) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
    window.__storageFull = true;
  });
  await b.page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await b.page.waitForSelector('.task-form');
  await note(b.page).fill('Ghi chú chưa lưu được');
  await b.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await b.page.locator('.notice-error').waitFor();
  // Tab A deletes the task.
  await a.page.locator(`tr[data-id="${id}"] a.task-link`).click();
  await a.page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await a.page.waitForSelector('table.tasks tbody tr');
  await saved(a.page);
  // B's storage comes back and it retries: the deleted task does not come back.
  await b.page.evaluate(() => { window.__storageFull = false; });
  await b.page.locator('.notice-error').getByRole('button', { name: 'Lưu lại' }).click();
  await b.page.waitForFunction(() => /không còn/.test(document.querySelector('.notices').textContent));
  assert.equal((await storedTasks(a.page)).find((t) => t.id === id), undefined, 'still deleted');
  assert.equal((await storedCounts(a.page)).tasks, SAMPLE_TASKS - 1);
  assert.deepEqual(b.errors, []);
  await ctx.close();
});

test('merging two units is stored: the merged unit does not come back after a reload', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  await page.goto(server.url + '#/don-vi');
  const links = page.locator('table.units tbody a');
  const from = await links.nth(0).textContent();
  const into = await links.nth(1).textContent();
  await links.nth(0).click();
  await page.getByLabel('Gộp vào đơn vị').selectOption({ label: into });
  await page.getByRole('button', { name: 'Gộp', exact: true }).click();
  await page.locator('.confirm-inline').getByRole('button', { name: 'Gộp', exact: true }).click();
  await saved(page);
  assert.equal((await storedCounts(page)).units, 24);
  await page.reload();
  await page.goto(server.url + '#/don-vi');
  await page.waitForSelector('table.units');
  const names = await page.locator('table.units tbody a').allTextContents();
  assert.ok(!names.includes(from), `${from} is gone`);
  assert.ok(names.includes(into));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a backup with repeated task ids says so and restores each id once', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  await loadSample(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Sao lưu', exact: true }).click()]);
  const backup = JSON.parse(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8'));
  backup.tasks = [...backup.tasks.slice(0, 3), { ...backup.tasks[0], content: 'Bản sau cùng' }, { ...backup.tasks[0], content: 'Bản sau cùng' }];
  await page.setInputFiles('#restore-file', { name: 'trung-ma.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.textContent(), /sẽ được thay bằng 3 nhiệm vụ/);
  assert.match(await dialog.textContent(), /2 dòng trùng mã nhiệm vụ/);
  await dialog.getByRole('button', { name: 'Khôi phục' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent === '3 nhiệm vụ');
  await saved(page);
  assert.equal((await storedCounts(page)).tasks, 3, 'what the page says is what is stored');
  assert.ok((await storedTasks(page)).some((t) => t.content === 'Bản sau cùng'), 'the last record of an id wins');
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Split one CSV line (semicolons, double quotes) into its fields, and join fields back. */
const csvFields = (line) => {
  const out = [];
  let field = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
};
const csvLine = (fields) => fields.map((f) => (/[;"\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(';');

test('an import confirmed after another tab changed a task and renamed its unit keeps both changes', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  await saved(a.page);
  // The unit sends back the tracker with a result written on one task.
  const [file] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Xuất CSV', exact: true }).click()]);
  const text = (await (await import('node:fs/promises')).readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n(?=NV-|Mã)/);
  const header = csvFields(lines[0]);
  const row = csvFields(lines[1]);
  const id = row[header.indexOf('Mã nhiệm vụ')];
  row[header.indexOf('Kết quả thực hiện')] = 'Đã hoàn thành 90% theo báo cáo của đơn vị';
  lines[1] = csvLine(row);
  const csv = Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  // Tab A previews it ...
  await a.page.goto(server.url + '#/nhap-file');
  await a.page.setInputFiles('#import-file', { name: 'tra-ve.csv', mimeType: 'text/csv', buffer: csv });
  await a.page.waitForSelector('[data-testid=import-summary]');
  assert.match(await a.page.textContent('[data-testid=import-summary] .summary-line'), /cập nhật 1,/);
  // ... while tab B writes a note on that task and renames its unit.
  const b = await openApp(browser, server.url + `#/nhiem-vu/${encodeURIComponent(id)}`, { context: ctx });
  await b.page.waitForSelector('.task-form');
  await note(b.page).fill('Ghi chú của thẻ B');
  await b.page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(b.page);
  const unitId = (await storedTasks(b.page)).find((t) => t.id === id).lead_unit;
  await b.page.goto(server.url + `#/don-vi/${encodeURIComponent(unitId)}`);
  await b.page.fill('#unit-name', 'Tên mới của đơn vị');
  await b.page.locator('label[for=unit-name]').getByRole('button', { name: 'Lưu' }).click();
  await saved(b.page);
  // A confirms the import it previewed before those changes.
  await a.page.getByRole('button', { name: /^Nhập \d+ nhiệm vụ$/ }).first().click();
  await a.page.waitForSelector('table.tasks tbody tr');
  await saved(a.page);
  const task = (await storedTasks(a.page)).find((t) => t.id === id);
  assert.equal(task.result, 'Đã hoàn thành 90% theo báo cáo của đơn vị', "the file's result");
  assert.equal(task.note, 'Ghi chú của thẻ B', "B's note is kept");
  const units = await a.page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('dondoc');
    open.onsuccess = () => {
      const req = open.result.transaction('units').objectStore('units').getAll();
      req.onsuccess = () => { open.result.close(); resolve(req.result.map((r) => JSON.parse(r).name)); };
    };
  }));
  assert.ok(units.includes('Tên mới của đơn vị'), "B's rename is kept");
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test('a change made while the page re-reads after another tab restored a backup is kept, even before it is stored', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  await saved(a.page);
  const [file] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Sao lưu', exact: true }).click()]);
  const backup = JSON.parse(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8'));
  // A large backup, so that reading it again takes a while.
  const extra = [];
  for (let i = 0; i < 8000; i++) {
    const t = backup.tasks[i % backup.tasks.length];
    extra.push({ ...t, id: `${t.id}-ban-sao-${i}` });
  }
  const id = backup.tasks[0].id;
  backup.tasks = [...backup.tasks, ...extra];
  // Tab A's writes can be made to fail (a full disk), so that its change stays unsaved.
  await a.page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__storageFull) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await a.page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await a.page.waitForSelector('.task-form');
  // Tab A saves a result at the moment it starts reading everything again.
  const typedWhileReading = a.page.evaluate(async () => {
    while (document.querySelector('main')?.getAttribute('aria-busy') !== 'true') await new Promise(requestAnimationFrame);
    window.__storageFull = true;
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('Kết quả thực hiện'));
    const area = label.querySelector('textarea');
    area.value = 'Ghi trong lúc đọc lại';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Lưu thay đổi').click();
    return document.querySelector('main').getAttribute('aria-busy');
  });
  // Tab B restores the large backup.
  const b = await openApp(browser, server.url + '#/nhiem-vu', { context: ctx });
  await b.page.setInputFiles('#restore-file', { name: 'lon.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await b.page.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
  assert.equal(await typedWhileReading, 'true', 'the result was saved while tab A was still reading');
  await a.page.waitForFunction(() => !document.querySelector('main').hasAttribute('aria-busy'), null, { timeout: 60_000 });
  await a.page.locator('.notice-error').waitFor();
  // Not stored yet, but tab A still shows it on top of the restored workspace.
  assert.equal((await storedTasks(a.page)).find((t) => t.id === id).result, backup.tasks[0].result);
  await a.page.goto(server.url + '#/');
  await a.page.waitForFunction(() => document.querySelector('[data-testid=task-count]')?.textContent === '8.152 nhiệm vụ');
  await a.page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  assert.equal(await result(a.page).inputValue(), 'Ghi trong lúc đọc lại', 'the unsaved result is still on the page');
  // The disk has room again: the retry stores it on top of the other tab's restore.
  await a.page.evaluate(() => { window.__storageFull = false; });
  await a.page.locator('.notice-error').getByRole('button', { name: 'Lưu lại' }).click();
  await saved(a.page);
  const stored = await storedTasks(a.page);
  assert.equal(stored.length, 152 + 8000, "the other tab's restore is kept");
  assert.equal(stored.find((t) => t.id === id).result, 'Ghi trong lúc đọc lại', "this tab's result is kept");
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test('the open list redraws the rows another tab changed: a unit renamed there shows its new name here', async () => {
  const ctx = await newContext(browser);
  const a = await openApp(browser, server.url, { context: ctx });
  await loadSample(a.page);
  await saved(a.page);
  await a.page.goto(server.url + '#/nhiem-vu');
  const first = a.page.locator('table.tasks tbody tr').first();
  const id = await first.getAttribute('data-id');
  const unitId = (await storedTasks(a.page)).find((t) => t.id === id).lead_unit;
  const before = await a.page.textContent(`tr[data-id="${id}"] .c-unit`);
  assert.notEqual(before, 'Tên mới của đơn vị');
  const b = await openApp(browser, server.url + `#/don-vi/${encodeURIComponent(unitId)}`, { context: ctx });
  await b.page.fill('#unit-name', 'Tên mới của đơn vị');
  await b.page.locator('label[for=unit-name]').getByRole('button', { name: 'Lưu' }).click();
  await saved(b.page);
  await a.page.waitForFunction((i) => document.querySelector(`tr[data-id="${i}"] .c-unit`)?.textContent === 'Tên mới của đơn vị', id);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});
