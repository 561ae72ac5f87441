// The single file (dist-file/DonDoc.html, from `scripts/build --single-file`), opened from disk as
// a double-click opens it: the sample (made in the file worker it carries), an import, the data
// kept over a reload, and an Excel export downloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launch, openApp, loadSample, saved, countText, storedCounts, fixture } from './harness.mjs';

const file = new URL('../../dist-file/DonDoc.html', import.meta.url);
let browser;
before(async () => {
  // Made from the build the other tests use, so it is never older than it.
  execFileSync('node', [new URL('../../scripts/single-file.mjs', import.meta.url).pathname], { stdio: 'ignore' });
  browser = await launch();
});
after(async () => { await browser?.close(); });

const SAMPLE_TASKS = 152;

test('the single file opens from disk, makes the sample, imports a tracker, keeps the data over a reload, and downloads an export', async () => {
  assert.ok(existsSync(file));
  const { ctx, page, errors } = await openApp(browser, file.href);
  await page.waitForSelector('.welcome', { timeout: 60_000 });
  await loadSample(page);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  await saved(page);
  // An import, read in the file worker the page carries.
  await page.goto(file.href + '#/nhap-file');
  await page.setInputFiles('#import-file', fixture('theo-doi-openpyxl.xlsx'));
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 60_000 });
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr');
  await saved(page);
  const imported = Number((await countText(page)).replace(/\D/g, ''));
  assert.ok(imported > SAMPLE_TASKS, `${imported} tasks after the import`);
  // Kept over a reload (IndexedDB of the file's origin).
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${imported} nhiệm vụ`);
  assert.equal((await storedCounts(page)).tasks, imported);
  // The tracker, written in the worker, downloaded.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = await (await import('node:fs/promises')).readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an Excel file');
  assert.deepEqual(errors, []);
  await ctx.close();
});
