// The chairman's overview (Tổng quan) in a real browser: every figure is a link, and the list it
// opens has exactly as many tasks as the figure says; the unit figures match the unit table; the
// charts are drawn; the page prints without the navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, withSample } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const AS_OF = '?ngay=25-11-2026';
const rows = (page) => page.locator('table.tasks tbody tr');

/** Follow a figure's link and check the list it opens has that many tasks, all of `bucket`. */
async function opensItsList(page, figure, bucket, count) {
  const n = count ?? Number((await figure.locator('.kpi-n').textContent()).replace(/\./g, ''));
  await figure.click();
  await page.waitForSelector('[data-testid=task-count]');
  await page.waitForFunction((n) => document.querySelectorAll('table.tasks tbody tr').length === n
    || (n === 0 && document.querySelector('[data-testid=task-count]')?.textContent.startsWith('0 /')), n);
  if (bucket) for (const b of await rows(page).evaluateAll((trs) => trs.map((t) => t.dataset.bucket))) assert.equal(b, bucket);
  await page.goBack();
  await page.waitForSelector('[data-testid=dashboard] .kpi');
  return n;
}

test("the overview's figures open lists of exactly that many tasks, and its unit figures match the unit table", async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu' + AS_OF);
  await page.getByRole('link', { name: 'Tổng quan' }).click();
  await page.waitForSelector('[data-testid=dashboard] .kpi');
  assert.match(await page.textContent('[data-testid=dashboard] h2'), /tình hình đến ngày 25\/11\/2026/);
  const kpi = (name) => page.locator(`[data-kpi=${name}]`);
  assert.equal(await opensItsList(page, kpi('total')), 152);
  const overdue = await opensItsList(page, kpi('overdue'), 'Overdue');
  assert.ok(overdue > 0, 'the sample has overdue tasks on 25/11');
  // The age groups split the overdue tasks, each opening its own part.
  let aged = 0;
  for (const i of [0, 1, 2]) aged += await opensItsList(page, page.locator(`[data-age="${i}"]`), 'Overdue');
  assert.equal(aged, overdue);
  // Due this week (Wednesday 25 to Sunday 29/11): not done, in time.
  const week = await opensItsList(page, kpi('week'), 'InProgressInTime');
  assert.equal(await page.locator('.due-week li').count(), Math.min(week, 15));
  assert.ok((await opensItsList(page, kpi('undated'), 'DoneUndated')) > 0);
  // The rate is the on-time tasks over those judged, as the figure's note says.
  const [, onTime, judged] = (await kpi('rate').locator('.kpi-note').textContent()).match(/(\d+)\/(\d+)/);
  // As the report rounds: half up ("81,25" → "81,3").
  const rate = (Math.round(1000 * Number(onTime) / Number(judged)) / 10).toFixed(1).replace('.', ',');
  assert.equal(await kpi('rate').locator('.kpi-n').textContent(), `${rate}%`);
  // The rate opens the tasks done on time.
  await opensItsList(page, kpi('rate'), 'DoneOnTime', Number(onTime));

  // Units worst first; each unit's overdue count is the unit table's.
  const dash = await page.$$eval('table.dash-units tbody tr', (trs) => trs.map((tr) => ({
    unit: tr.dataset.unit, overdue: Number(tr.querySelector('[data-col=overdue]').textContent), total: Number(tr.querySelector('[data-col=total]').textContent),
  })));
  assert.ok(dash.length > 3);
  for (let i = 1; i < dash.length; i++) assert.ok(dash[i - 1].overdue >= dash[i].overdue, 'most overdue first');
  // Both charts are drawn (plotters SVG), with the units and the months in them.
  const charts = page.locator('.chart svg');
  assert.equal(await charts.count(), 2);
  assert.match(await charts.nth(1).textContent(), /T11\/2026/);
  await page.screenshot({ path: new URL('./screenshots/', import.meta.url).pathname + 'dashboard.png', fullPage: true });
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.waitForSelector('table.units');
  for (const d of dash) {
    const row = page.locator(`table.units tr[data-unit="${d.unit}"]`);
    assert.equal(Number(await row.locator('td[data-col="Overdue"]').textContent()), d.overdue, d.unit);
    assert.equal(Number(await row.locator('td[data-col="total"]').textContent()), d.total, d.unit);
  }
  // Printed: no navigation, the figures kept.
  await page.goto(server.url + '#/tong-quan' + AS_OF);
  await page.waitForSelector('[data-testid=dashboard] .kpi');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.topbar').isVisible(), false);
  assert.equal(await kpi('overdue').isVisible(), true);
  assert.deepEqual(errors, []);
  await ctx.close();
});
