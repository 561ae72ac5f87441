// The Word documents in a real browser: the report of a period and the reminder dispatch (công văn
// đôn đốc) to one unit or to every late unit, written in the file worker and downloaded; read back
// here and checked against what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, withSample, docxText, unzip } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function fill(dialog, label, value) {
  await dialog.getByLabel(label, { exact: false }).fill(value);
}

/** The office that issues the documents, as a clerk fills it in. */
async function fillOffice(dialog) {
  await fill(dialog, 'Tên cơ quan ban hành', 'THỊ XÃ HOÀNG MAI');
  await fill(dialog, 'Tên cơ quan trong câu văn', 'UBND thị xã Hoàng Mai');
}

async function make(page) {
  const dialog = page.getByRole('dialog');
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tạo file Word' }).click()]);
  await dialog.waitFor({ state: 'detached' });
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the report downloads as a Word document with the figures on screen, once the issuer is given', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu?ngay=21-11-2026');
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.waitForSelector('[data-testid=report]');
  // November as of 21/11: what was due in it and what is still overdue from before.
  await page.waitForFunction(() => document.querySelector('[data-testid=report] h2').textContent.includes('tháng 11/2026'));
  await page.waitForSelector('tr[data-row="Tổng cộng"]');
  const total = (col) => page.locator(`tr[data-row="Tổng cộng"] td[data-col=${col}]`).textContent();
  const [count, overdue] = [await total('total'), await total('overdue')];
  await page.getByRole('button', { name: 'Tải Báo cáo (Word)' }).click();
  const dialog = page.getByRole('dialog');
  // Without the issuer's name nothing is written and the person is told why.
  await dialog.getByRole('button', { name: 'Tạo file Word' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Hãy điền tên cơ quan ban hành.' }).waitFor();
  await fillOffice(dialog);
  await fill(dialog, 'Địa danh', 'Hoàng Mai');
  await fill(dialog, 'Họ tên người ký', 'Nguyễn Văn An');
  const file = await make(page);
  assert.equal(file.name, 'Bao-cao-thang-11-2026.docx');
  const text = docxText(file.bytes);
  assert.match(text, /THỊ XÃ HOÀNG MAI/);
  assert.match(text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(text, /Hoàng Mai, ngày 21 tháng 11 năm 2026/);
  assert.ok(Number(count) > 0 && text.includes(`Tổng số ${count} nhiệm vụ`), `the total on screen (${count}) is the report's`);
  assert.match(text, /quá hạn từ trước chưa hoàn thành/);
  assert.match(text, /Nguyễn Văn An/);
  // Every overdue task of the period is in the overdue list: as many rows as the page shows.
  assert.equal(await page.locator('table.overdue tbody tr').count(), Number(overdue));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a unit's reminder and every late unit's reminders download, the office remembered", async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu?ngay=21-11-2026');
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.locator('table.units a', { hasText: 'Phòng Kinh tế' }).click();
  await page.waitForSelector('.unit-manage');
  await page.getByRole('button', { name: 'Công văn đôn đốc (Word)' }).click();
  const dialog = page.getByRole('dialog');
  const summary = await dialog.getByTestId('word-summary').textContent();
  const chased = Number(summary.match(/1 đơn vị, (\d+) nhiệm vụ/)[1]);
  assert.ok(chased > 0, summary);
  await fillOffice(dialog);
  await fill(dialog, 'Hạn đơn vị báo cáo lại', '30/11/2026');
  const one = await make(page);
  assert.equal(one.name, 'Don-doc_Phong-Kinh-te_2026-11-21.docx');
  const text = docxText(one.bytes);
  assert.match(text, /V\/v đôn đốc thực hiện nhiệm vụ/);
  assert.match(text, /Kính gửi: Phòng Kinh tế/);
  assert.match(text, /về UBND thị xã Hoàng Mai trước ngày 30\/11\/2026/);
  // One table row per chased task, after the header row.
  const rows = (unzip(one.bytes).get('word/document.xml').toString('utf8').match(/<w:tr[ >]/g) ?? []).length;
  assert.ok(rows >= chased + 1, `${rows} rows for ${chased} tasks`);

  // Every late unit: the office's details come back filled in.
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.getByRole('button', { name: 'Công văn đôn đốc các đơn vị chậm (.zip)' }).click();
  assert.equal(await dialog.getByLabel('Tên cơ quan ban hành', { exact: false }).inputValue(), 'THỊ XÃ HOÀNG MAI');
  const units = Number((await dialog.getByTestId('word-summary').textContent()).match(/(\d+) đơn vị/)[1]);
  const all = await make(page);
  assert.equal(all.name, 'Don-doc-cac-don-vi_2026-11-21.zip');
  const files = [...unzip(all.bytes).keys()];
  assert.equal(files.length, units);
  assert.ok(files.includes('Don-doc_Phong-Kinh-te_2026-11-21.docx'), files.join(', '));
  assert.match(docxText(unzip(all.bytes).get('Don-doc_Phong-Kinh-te_2026-11-21.docx')), /Kính gửi: Phòng Kinh tế/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
