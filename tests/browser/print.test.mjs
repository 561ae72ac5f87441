// Printing from the browser: the list, a unit's page and the report go on A4 with no navigation
// or buttons, each table's header row on every sheet, and the page's as-of date at the top (and in
// the title the browser prints and names the PDF by).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, withSample } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

/** What a printed page shows, read in print media: the heading, whether controls show, and how
 *  its tables break over sheets. */
async function printed(page) {
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => {
    const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    return {
      head: shown(document.querySelector('.print-head')) ? document.querySelector('.print-head').textContent : null,
      nav: shown(document.querySelector('.topbar')),
      controls: [...document.querySelectorAll('button.btn, .btn, select, input, textarea')].filter(shown).map((e) => e.outerHTML.slice(0, 60)),
      theads: [...document.querySelectorAll('main table thead')].map((h) => getComputedStyle(h).display),
      rows: [...document.querySelectorAll('main table tbody tr')].slice(0, 3).map((r) => getComputedStyle(r).breakInside),
    };
  });
  return seen;
}

/** The page as a PDF on A4: its number of sheets and their size in points. */
async function pdf(page) {
  const bytes = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const text = bytes.toString('latin1');
  const sheets = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  return { sheets, size: box && [Math.round(+box[1]), Math.round(+box[2])] };
}

test('the task list prints on A4 sheets with its header on each, the as-of date on top, and no controls', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu');
  const seen = await printed(page);
  assert.equal(seen.head, 'Đôn Đốc — Nhiệm vụ — tính đến ngày 21/11/2026');
  assert.equal(seen.nav, false);
  assert.deepEqual(seen.controls, []);
  assert.deepEqual(seen.theads, ['table-header-group']);
  assert.deepEqual(seen.rows, ['avoid', 'avoid', 'avoid']);
  assert.ok(await page.locator('table.tasks tbody tr td.c-progress').first().isVisible(), 'progress is printed (the narrow layout hides it on screen)');
  const { sheets, size } = await pdf(page);
  assert.deepEqual(size, [595, 842], 'A4');
  assert.ok(sheets > 10, `every one of the 152 tasks is printed, over many sheets (${sheets})`);
  // The title the browser prints at the top of each sheet, while printing.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.title(), 'Đôn Đốc — Nhiệm vụ — tính đến ngày 21/11/2026');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.title(), 'Đôn Đốc — Theo dõi, đôn đốc nhiệm vụ');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a unit\'s page and the report print the same way, at the as-of date chosen', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url);
  await page.goto(server.url + '#/don-vi');
  await page.waitForSelector('table.units tbody a');
  await page.locator('table.units tbody a').first().click();
  await page.waitForSelector('main table.tasks tbody tr');
  let seen = await printed(page);
  assert.match(seen.head, /^Đôn Đốc — Đơn vị — tính đến ngày 21\/11\/2026$/);
  assert.equal(seen.nav, false);
  assert.deepEqual(seen.controls, []);
  assert.ok(seen.theads.every((d) => d === 'table-header-group'));
  await page.emulateMedia({ media: 'screen' });

  await page.goto(server.url + '#/bao-cao?ngay=30-11-2026');
  await page.waitForSelector('table.report tbody tr');
  seen = await printed(page);
  assert.equal(seen.head, 'Đôn Đốc — Báo cáo — tính đến ngày 30/11/2026');
  assert.equal(seen.nav, false);
  assert.deepEqual(seen.controls, []);
  assert.ok(seen.theads.length >= 1 && seen.theads.every((d) => d === 'table-header-group'));
  assert.equal(await page.locator('.report-controls').isVisible(), false, 'the period chooser is not printed; the heading says the period');
  await page.screenshot({ path: SHOTS + 'print-report.png', fullPage: true });
  const { size } = await pdf(page);
  assert.deepEqual(size, [595, 842]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
