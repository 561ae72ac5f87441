// Who has answered, in a real browser: lists sent to units wait for their reply-by date, a unit's
// list imported back is noted as its answer, a reminder is noted with its number, and once the
// date has passed the units that have not answered show as late, after a reload too. Units that
// only coordinate get their own list, which an import refuses to read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, withSample, unzip, saved } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const unitRow = (page, name) => page.locator('table.units tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
const answerOf = (page, name) => unitRow(page, name).locator('td[data-col=answer]').textContent();

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('lists sent wait for their date, a list sent back is its answer, reminders are noted, and late units show', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu');
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.waitForSelector('table.units tbody tr[data-unit]');
  assert.equal(await answerOf(page, 'Phòng Kinh tế'), 'Chưa gửi danh sách');
  assert.equal(await page.getByTestId('answer-tally').count(), 0, 'no tally before anything is sent');

  // Every unit's list goes out on Saturday 21/11/2026: back within five working days, by Friday 27/11.
  const zip = await download(page, () => page.getByRole('button', { name: 'Xuất danh sách gửi từng đơn vị (.zip)' }).click());
  const files = unzip(zip.bytes);
  await page.waitForFunction(() => document.querySelector('[data-testid=answer-tally]'));
  assert.equal(await answerOf(page, 'Phòng Kinh tế'), 'Chờ, hạn 27/11/2026');
  const leading = await page.locator('table.units tbody tr[data-unit]').evaluateAll((rows) => rows.filter((r) => Number(r.querySelector('[data-col=total]').textContent) > 0).length);
  assert.match(await page.getByTestId('answer-tally').textContent(), new RegExp(`0 đơn vị đã gửi lại, ${leading} đang chờ, 0 quá hạn chưa gửi lại`));
  assert.ok(files.size >= leading, `${files.size} files for ${leading} units that lead tasks`);

  // Phòng Tài nguyên và Môi trường sends its list back as it was: still its answer.
  const back = files.get('Nhiem-vu_Phong-Tai-nguyen-va-Moi-truong_2026-11-21.xlsx');
  assert.ok(back, [...files.keys()].join(', '));
  await page.goto(server.url + '#/nhap-file');
  await page.setInputFiles('#import-file', { name: 'TNMT-gui-lai.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: back });
  await page.getByTestId('returned-by').waitFor();
  assert.match(await page.getByTestId('returned-by').textContent(), /danh sách của Phòng Tài nguyên và Môi trường gửi lại: khi nhập, ghi nhận đơn vị đã gửi lại ngày 21\/11\/2026/);
  await page.getByRole('button', { name: 'Ghi nhận đơn vị đã gửi lại (không có gì thay đổi)' }).first().click();
  await page.waitForSelector('table.units tbody tr[data-unit]');
  assert.equal(await answerOf(page, 'Phòng Tài nguyên và Môi trường'), 'Đã gửi lại 21/11/2026');
  assert.match(await page.getByTestId('answer-tally').textContent(), new RegExp(`1 đơn vị đã gửi lại, ${leading - 1} đang chờ`));

  // Phòng Kinh tế is sent a reminder with its number.
  await unitRow(page, 'Phòng Kinh tế').getByRole('link').click();
  await page.getByRole('button', { name: 'Công văn đôn đốc (Word)' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên cơ quan ban hành', { exact: false }).fill('THỊ XÃ HOÀNG MAI');
  await dialog.getByLabel('Tên cơ quan trong câu văn', { exact: false }).fill('UBND thị xã Hoàng Mai');
  await dialog.getByLabel('Số văn bản (nếu đã lấy số; để trống cho văn thư ghi)', { exact: true }).fill('125');
  await dialog.getByLabel('Hạn đơn vị báo cáo lại', { exact: false }).fill('30/11/2026');
  await download(page, () => dialog.getByRole('button', { name: 'Tạo file Word' }).click());
  const log = page.getByTestId('exchanges');
  await log.locator('tr[data-kind=ReminderSent]').waitFor();
  assert.match(await log.locator('tr[data-kind=ReminderSent]').textContent(), /21\/11\/2026.*Gửi công văn đôn đốc.*30\/11\/2026.*125\/UBND-VP/);
  assert.match(await log.locator('tr[data-kind=ListSent]').textContent(), /21\/11\/2026.*Gửi danh sách nhiệm vụ.*27\/11\/2026.*Nhiem-vu_Phong-Kinh-te_2026-11-21\.xlsx/);
  assert.match(await log.textContent(), /Chờ, hạn 27\/11\/2026 · đã nhắc 1 lần/);
  await saved(page);

  // Tuesday 01/12: the units that have not answered are late from the 27th; the one that did is not.
  await ctx.clock.setSystemTime(new Date('2026-12-01T08:00:00'));
  await page.goto(server.url + '#/don-vi');
  await page.reload();
  await page.waitForSelector('table.units tbody tr[data-unit]');
  assert.equal(await answerOf(page, 'Phòng Tài nguyên và Môi trường'), 'Đã gửi lại 21/11/2026');
  assert.equal(await answerOf(page, 'Phòng Kinh tế'), 'Chưa gửi lại, quá hạn 4 ngày · đã nhắc 1 lần');
  assert.match(await page.getByTestId('answer-tally').textContent(), new RegExp(`1 đơn vị đã gửi lại, 0 đang chờ, ${leading - 1} quá hạn chưa gửi lại`));
  assert.equal(await unitRow(page, 'Phòng Kinh tế').locator('td[data-col=answer]').evaluate((e) => getComputedStyle(e).color), 'rgb(180, 35, 24)', 'late in red');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a unit that only coordinates gets a list of what it coordinates, which an import will not read back', async () => {
  const { ctx, page, errors } = await withSample(browser, server.url + '#/nhiem-vu');
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.waitForSelector('table.units tbody tr[data-unit]');
  const zip = await download(page, () => page.getByRole('button', { name: 'Xuất danh sách gửi từng đơn vị (.zip)' }).click());
  const files = unzip(zip.bytes);
  // The workbooks whose only sheet is "Phối hợp": units that lead nothing but help others.
  const onlyCoordinating = [...files].filter(([, bytes]) => {
    const book = unzip(bytes).get('xl/workbook.xml').toString('utf8');
    return /name="Phối hợp"/.test(book) && !/name="Nhiệm vụ"/.test(book);
  });
  assert.ok(onlyCoordinating.length > 0, 'the sample has units that only coordinate');
  const [name, bytes] = onlyCoordinating[0];
  const sheet = unzip(bytes).get('xl/sharedStrings.xml').toString('utf8');
  assert.match(sheet, /PHỐI HỢP THỰC HIỆN/);
  assert.match(sheet, /Đơn vị chủ trì/);
  // Sent back, it is refused with the reason, and nothing can be imported from it.
  await page.goto(server.url + '#/nhap-file');
  await page.setInputFiles('#import-file', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  await page.locator('.import-error').waitFor();
  assert.match(await page.locator('.import-error').textContent(), /Đây là danh sách nhiệm vụ phối hợp, gửi để đơn vị nắm: không nhập lại/);
  assert.equal(await page.locator('button', { hasText: /^Nhập \d+ nhiệm vụ$/ }).count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});
