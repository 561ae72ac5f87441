// Long lists are drawn a window at a time (src/ui/window.rs): the task list draws its first rows,
// then the rest of its first 200 once it stays unchanged, more as its end is scrolled into view,
// starts again at the top for another filter, and draws every row (up to 1,000) for paper; a
// board column draws its first 8 cards, 12 more once they are shown (its end is near), and more as
// its end comes into view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, wholeList, LIST_FILLS_TO } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

/** A tracker of `n` tasks, as a CSV a clerk could have saved from Excel. */
function tracker(n) {
  let csv = 'STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn;Tiến độ\n';
  for (let i = 0; i < n; i++) {
    csv += `${i + 1};Nhiệm vụ thứ ${i + 1}: báo cáo kết quả;Phòng ${['Kinh tế', 'Nội vụ', 'Tư pháp'][i % 3]};${String(1 + (i % 28)).padStart(2, '0')}/06/2026;${['Chưa thực hiện', 'Đang thực hiện'][i % 2]}\n`;
  }
  return Buffer.from(csv);
}

async function withTasks(n) {
  const app = await openApp(browser, server.url + '#/nhap-file');
  await app.page.setInputFiles('#import-file', { name: `theo-doi-${n}.csv`, mimeType: 'text/csv', buffer: tracker(n) });
  await app.page.waitForSelector('[data-testid=import-summary]');
  await app.page.getByRole('button', { name: /^Nhập/ }).first().click();
  await app.page.waitForSelector('table.tasks tbody tr');
  return app;
}

const rowCount = (page) => page.locator('table.tasks tbody tr').count();

test('a long list draws its first rows, more as its end is scrolled to, and starts again for another filter', async () => {
  const { ctx, page, errors } = await withTasks(600);
  await wholeList(page);
  assert.equal(await rowCount(page), LIST_FILLS_TO, 'the first 200 of 600 are drawn without scrolling');
  await page.getByRole('button', { name: 'Xem thêm (400 nhiệm vụ nữa)' }).waitFor();
  // Scrolled to 1,000 pixels before the list's end: more rows come before the end is reached.
  await page.evaluate(() => { const box = document.querySelector('.table-wrap'); box.scrollTop = box.scrollHeight - box.clientHeight - 1000; });
  await page.waitForFunction((n) => document.querySelectorAll('table.tasks tbody tr').length > n, LIST_FILLS_TO);
  // Another filter starts from the top again (fewer rows drawn than the 300 scrolled to): its
  // first 25 rows, then 25 more a frame at a time once typing rests, never a hundred at once
  // (its end, near the screen, does not draw more until the first 200 are there).
  await page.evaluate(() => {
    window.__counts = [];
    new MutationObserver(() => window.__counts.push(document.querySelectorAll('table.tasks tbody tr').length))
      .observe(document.querySelector('table.tasks tbody'), { childList: true });
  });
  await page.getByRole('searchbox').fill('bao cao');
  await page.waitForFunction(() => /bao(%20|\+| )cao/.test(decodeURIComponent(location.hash)));
  await wholeList(page);
  assert.equal(await rowCount(page), LIST_FILLS_TO);
  const counts = await page.evaluate(() => window.__counts.filter((n, i, all) => n !== all[i - 1]));
  const from = counts.indexOf(25);
  assert.ok(from >= 0, `the search drew 25 rows first: ${counts}`);
  const growth = counts.slice(from).map((n, i, all) => (i ? n - all[i - 1] : 0));
  assert.ok(growth.every((g) => g <= 25), `then grew 25 at a time: ${counts}`);
  // "Xem thêm" draws the next hundred at once.
  await page.getByRole('button', { name: 'Xem thêm (400 nhiệm vụ nữa)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.tasks tbody tr').length === 300);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('printing a long list draws every row, and says so when it prints only the first thousand', async () => {
  const { ctx, page, errors } = await withTasks(1100);
  await wholeList(page);
  assert.equal(await rowCount(page), LIST_FILLS_TO);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ format: 'A4' });
  assert.equal(await rowCount(page), 1000, 'the first thousand rows go to paper');
  const note = page.locator('.print-only');
  assert.equal(await note.textContent(), 'Bản in có 1.000 nhiệm vụ đầu trong 1.100; lọc danh sách để in các nhiệm vụ còn lại.');
  assert.ok(await note.isVisible(), 'the note shows on paper');
  await page.emulateMedia({ media: 'screen' });
  assert.ok(!(await note.isVisible()), 'and not on screen');
  // A list that fits is printed whole, with no note.
  await page.getByRole('combobox', { name: 'Đơn vị' }).selectOption({ label: 'Phòng Kinh tế' });
  await page.waitForFunction(() => document.querySelector('[data-testid=task-count]').textContent.startsWith('367 /'));
  await page.pdf({ format: 'A4' });
  assert.equal(await rowCount(page), 367);
  assert.equal(await note.count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a unit's page draws its tasks a window at a time too, and prints them whole", async () => {
  const { ctx, page, errors } = await withTasks(1100);
  await page.getByRole('navigation').getByRole('link', { name: 'Đơn vị' }).click();
  await page.locator('table.units').getByRole('link', { name: 'Phòng Kinh tế', exact: true }).click();
  const lead = page.locator('table.tasks').first().locator('tbody tr');
  // 367 tasks led by Phòng Kinh tế: the first 200 drawn without scrolling, the rest on demand.
  await page.waitForFunction(() => document.querySelector('table.tasks tbody')?.rows.length === 200);
  await page.getByRole('button', { name: 'Xem thêm (167 nhiệm vụ nữa)' }).click();
  await page.waitForFunction(() => document.querySelector('table.tasks tbody')?.rows.length === 300);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ format: 'A4' });
  assert.equal(await lead.count(), 367, 'on paper, every task the unit leads');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a board column draws its first cards, and more as its end comes into view', async () => {
  const { ctx, page, errors } = await withTasks(600);
  await page.goto(server.url + '#/bang');
  const column = page.locator('.kcol[data-column="NotStarted"]');
  await column.locator('.kcard').first().waitFor();
  // Without scrolling: the first 8 and, their end being near, 12 more, reaching below the screen.
  await page.waitForFunction(() => document.querySelectorAll('.kcol[data-column="NotStarted"] .kcard').length === 20);
  assert.ok(await column.locator('.kcard').last().evaluate((c) => c.getBoundingClientRect().top > innerHeight), 'the drawn cards reach below the screen');
  assert.match(await column.locator('.kcol-count').textContent(), /^300$/);
  // Scrolled to the end of the board: the column grows to its 60 cards, the rest are a link. The
  // footer (Hoàn tác) stays at the foot of the window meanwhile, not pushed down under the pointer.
  const foot = () => page.locator('.statusbar').evaluate((f) => Math.round(f.getBoundingClientRect().bottom));
  for (let drawn = 20; drawn < 60;) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction((n) => document.querySelectorAll('.kcol[data-column="NotStarted"] .kcard').length > n, drawn);
    assert.equal(await foot(), 768, 'the footer is where it was when the column grew');
    drawn = await column.locator('.kcard').count();
  }
  assert.equal(await column.locator('.kcard').count(), 60);
  await column.getByRole('link', { name: /240/ }).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});
