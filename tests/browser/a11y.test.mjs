// Accessibility: axe-core (WCAG 2 A and AA rules) on every page a clerk uses, with the sample
// loaded, at an office laptop's size. Any violation fails, named with the element it is on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serveDist, launch, openApp, readDirective } from './harness.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function violations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

test('every page passes axe-core with the sample loaded, and the dialogs and bulk bar too', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  assert.deepEqual(await violations(page), [], 'welcome');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await page.waitForSelector('table.tasks tbody tr');
  await page.locator('table.tasks tbody tr').first().getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').waitFor();
  assert.deepEqual(await violations(page), [], 'list with the bulk bar');
  const pages = [
    ['#/bang', '.kcard'], ['#/don-vi', 'table.units'], ['#/bao-cao', 'table'], ['#/nhap-file', 'input[type=file]'],
    ['#/doc-van-ban', 'textarea'], ['#/tong-quan', '.kpi'], ['#/thung-rac', '[data-testid=bin-count]'], ['#/gioi-thieu', 'main'], ['#/du-lieu', '[data-testid=data-counts]'],
  ];
  for (const [hash, ready] of pages) {
    await page.goto(server.url + hash);
    await page.waitForSelector(ready);
    assert.deepEqual(await violations(page), [], hash);
  }
  await page.goto(server.url + '#/nhiem-vu');
  await page.locator('a.task-link').first().click();
  await page.waitForSelector('.task-form');
  assert.deepEqual(await violations(page), [], 'task page');
  await page.getByRole('button', { name: 'Gia hạn…' }).click();
  await page.getByRole('dialog').waitFor();
  assert.deepEqual(await violations(page), [], 'the extension dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
  await page.getByRole('dialog').waitFor();
  assert.deepEqual(await violations(page), [], 'confirm dialog');
  await page.goto(server.url + '#/don-vi');
  await page.getByRole('button', { name: 'Công văn đôn đốc các đơn vị chậm (.zip)' }).click();
  await page.getByRole('dialog').waitFor();
  assert.deepEqual(await violations(page), [], 'the Word document dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // Lists sent: the answer column and tally, and a unit page with its record of exchanges.
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất danh sách gửi từng đơn vị (.zip)' }).click()]);
  await page.getByTestId('answer-tally').waitFor();
  assert.deepEqual(await violations(page), [], 'the unit table with lists sent');
  await page.locator('table.units tbody tr[data-unit] a').first().click();
  await page.getByTestId('exchanges').locator('table').waitFor();
  assert.deepEqual(await violations(page), [], 'a unit page with its exchanges');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the import preview passes axe-core: hidden rows and sheets, a header to point at, columns in doubt', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/nhap-file');
  await page.waitForSelector('input[type=file]');
  await page.setInputFiles('#import-file', new URL('../fixtures/trackers/08-an-dong-an-trang.xlsx', import.meta.url).pathname);
  await page.waitForSelector('ul.hidden-rows');
  assert.deepEqual(await violations(page), [], 'hidden rows and sheets');
  await page.setInputFiles('#import-file', { name: 'viec.csv', mimeType: 'text/csv', buffer: Buffer.from('Việc;Ai làm;Khi nào\nRà soát hồ sơ;Nguyễn Văn A;31/03/2025\nBáo cáo;Trần Thị B;30/06/2025\n') });
  await page.waitForSelector('.header-picker');
  assert.deepEqual(await violations(page), [], 'a header to point at');
  await page.setInputFiles('#import-file', { name: 'hai.csv', mimeType: 'text/csv', buffer: Buffer.from('Nội dung;Đơn vị;Đơn vị\nRà soát hồ sơ;Nguyễn Văn A;Phòng Kinh tế\nBáo cáo;Trần Thị B;Phòng Tư pháp\n') });
  await page.waitForSelector('.mapping .doubt');
  assert.deepEqual(await violations(page), [], 'columns in doubt');
  // Two ways of writing one unit in the same file: the second is asked about.
  await page.setInputFiles('#import-file', { name: 'ca.csv', mimeType: 'text/csv', buffer: Buffer.from('Nội dung;Đơn vị chủ trì\nTuần tra;Công an thành phố\nXử lý xe;Công an thị xã\n') });
  await page.waitForSelector('[data-testid=unit-links] [role=radiogroup]');
  assert.match(await page.textContent('[data-testid=unit-links] tbody'), /Công an thị xãCông an thành phố mới1/);
  assert.deepEqual(await violations(page), [], 'names to confirm');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the directive review passes axe-core: the proposals table, its toolbar and a source sentence open', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url + '#/doc-van-ban');
  await readDirective(page, await readFile(new URL('../fixtures/directives/seed-004.txt', import.meta.url), 'utf8'));
  await page.waitForSelector('tr.proposal');
  await page.locator('tr.proposal details.source summary').first().click();
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});
