// The single file in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core),
// opened from disk: the app starts, makes the sample in the worker it carries, keeps the data over
// a reload, reads a tracker, and downloads an Excel file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { fixture } from './harness.mjs';

const file = new URL('../../dist-file/DonDoc.html', import.meta.url).href;
let browser, profile, downloads;
before(async () => {
  execFileSync('node', [new URL('../../scripts/single-file.mjs', import.meta.url).pathname], { stdio: 'ignore' });
  profile = await mkdtemp(join(tmpdir(), 'dondoc-firefox-'));
  downloads = await mkdtemp(join(tmpdir(), 'dondoc-downloads-'));
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true, userDataDir: profile,
    extraPrefsFirefox: { 'browser.download.dir': downloads, 'browser.download.folderList': 2, 'browser.download.useDownloadDir': true },
  });
});
after(async () => {
  await browser?.close();
  await rm(profile, { recursive: true, force: true });
  await rm(downloads, { recursive: true, force: true });
});

const text = (page, selector) => page.$eval(selector, (e) => e.textContent);
const saved = (page) => page.waitForFunction(() => /Dữ liệu được lưu trên trình duyệt/.test(document.querySelector('.statusbar')?.textContent ?? ''), { timeout: 120_000 });

test('the single file works in Firefox from disk: sample, reload, import, Excel download', async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(file);
  await (await page.waitForSelector('::-p-text(Dùng dữ liệu mẫu)', { timeout: 120_000 })).click();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 120_000 });
  assert.equal(await text(page, '[data-testid=task-count]'), '152 nhiệm vụ');
  await saved(page);
  await page.goto(file + '#/nhiem-vu');
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr', { timeout: 120_000 });
  assert.equal(await text(page, '[data-testid=task-count]'), '152 nhiệm vụ', 'kept over a reload');
  await page.goto(file + '#/nhap-file');
  await (await page.waitForSelector('#import-file')).uploadFile(fixture('theo-doi-openpyxl.xlsx'));
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 120_000 });
  assert.match(await text(page, '[data-testid=import-summary]'), /Thêm mới 5, cập nhật 0/);
  await page.goto(file + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  await (await page.waitForSelector('::-p-text(Xuất Excel)')).click();
  let names = [];
  for (let waited = 0; waited < 120_000 && !names.some((n) => n.endsWith('.xlsx')); waited += 200) {
    await new Promise((r) => setTimeout(r, 200));
    names = await readdir(downloads);
  }
  const xlsx = names.find((n) => n.endsWith('.xlsx'));
  assert.ok(xlsx, `downloaded: ${names}`);
  assert.equal((await readFile(join(downloads, xlsx))).subarray(0, 2).toString(), 'PK');
  assert.deepEqual(errors, []);
  await page.close();
});
