// Shared by the browser tests: serve dist/ as a plain static host and launch Debian's Chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = process.env.DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** A static file server with no rewrites, like any static host: of dist/, or of `dir`. */
export async function serveDist(dir = root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

const chromiumOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

/** `extraArgs`: more Chromium switches (the benchmarks expose the garbage collector). */
export async function launch(extraArgs = []) {
  return chromium.launch({ ...chromiumOptions, args: [...chromiumOptions.args, ...extraArgs] });
}

/** A browser with a profile on disk (`dir`), as a person's is: what only such a profile allows
 *  (installing the app) can be checked there. */
export async function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, { ...chromiumOptions, viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
}

/** The day the tests live on: the sample is made relative to "today" and the tests name its
 *  dates (a November report, 21/11/2026), so every context's clock reads this day whatever the
 *  machine's date. A test that needs time to pass sets its own. */
export const TEST_DAY = new Date('2026-11-21T08:00:00');

/** A fresh browser context (its own empty storage) whose clock reads [`TEST_DAY`]. */
export async function newContext(browser, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', ...options });
  // The day is set but time flows on: steps are stamped in order, as on a real machine.
  await ctx.clock.setSystemTime(TEST_DAY);
  return ctx;
}

/** A page of a fresh browser context (its own empty storage), at an office laptop's size,
 *  collecting console errors and page crashes so a test can assert there were none. */
export async function openApp(browser, url, { viewport = { width: 1366, height: 768 }, context } = {}) {
  const ctx = context ?? await newContext(browser, { viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { ctx, page, errors };
}

/** Press "Dùng dữ liệu mẫu" and wait for the whole list. */
export async function loadSample(page) {
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await wholeList(page);
}

/** The rows the task list draws once it has stayed unchanged for a moment: every task it counts,
 *  up to 200 (its first 25 come in the frame that shows it, the rest once it has stayed unchanged a moment). */
export const LIST_FILLS_TO = 200;

/** Wait until the task list has drawn every row it will without scrolling. */
export async function wholeList(page) {
  await page.waitForFunction((most) => {
    const count = document.querySelector('[data-testid=task-count]')?.textContent.match(/[\d.]+/)?.[0];
    const rows = document.querySelectorAll('table.tasks tbody tr').length;
    return count !== undefined && rows > 0 && rows === Math.min(Number(count.replace(/\./g, '')), most);
  }, LIST_FILLS_TO);
}

/** A fresh browser context with the sample loaded. */
export async function withSample(browser, url) {
  const app = await openApp(browser, url);
  await loadSample(app.page);
  return app;
}

/** Wait until every change on the page is stored (the footer says so). */
export const saved = (page) => page.waitForFunction(() => /Dữ liệu được lưu trên trình duyệt/.test(document.querySelector('.statusbar')?.textContent ?? ''));

/** Try to close the page as a person would; returns "beforeunload" when the browser asked first
 *  (the test answers "stay", so the page stays open), or says it closed without asking. */
export async function closeAsks(page) {
  const asked = Promise.race([
    new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); })),
    page.waitForEvent('close', { timeout: 0 }).then(() => 'closed without asking'),
  ]);
  await page.close({ runBeforeUnload: true });
  return asked;
}

export const countText = (page) => page.textContent('[data-testid=task-count]');

/** The stored records, read straight from IndexedDB as another program would see them. */
export function storedCounts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('dondoc');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['tasks', 'units', 'meta'], 'readonly');
      // Task records hold one task per line (a bucket of tasks).
      const tasks = tx.objectStore('tasks').getAll();
      const units = tx.objectStore('units').count();
      const version = tx.objectStore('meta').get('schema_version');
      tx.oncomplete = () => {
        db.close();
        const lines = tasks.result.flatMap((r) => r.split('\n')).filter((l) => l.trim() !== '');
        resolve({ tasks: lines.length, units: units.result, version: version.result });
      };
    };
  }));
}

/** Every stored record of an IndexedDB store ('tasks', 'units'), parsed; a task record holds one
 *  task per line. */
export function storedRecords(page, store) {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const open = indexedDB.open('dondoc');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => {
        open.result.close();
        resolve(req.result.flatMap((r) => r.split('\n')).filter((l) => l.trim() !== '').map((l) => JSON.parse(l)));
      };
    };
  }), store);
}

/** Every stored task record, parsed. */
export const storedTasks = (page) => storedRecords(page, 'tasks');

/** Store a task record as another program (or a later version) might have written it: a line added
 *  to the bucket its id belongs to (FNV-1a of the id's UTF-8 bytes, modulo 512). */
export function putStoredTask(page, task) {
  return page.evaluate((task) => new Promise((resolve) => {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(task.id)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    const bucket = hash % 512;
    const open = indexedDB.open('dondoc');
    open.onsuccess = () => {
      const tx = open.result.transaction('tasks', 'readwrite');
      const store = tx.objectStore('tasks');
      const req = store.get(bucket);
      req.onsuccess = () => store.put((req.result ?? '') + JSON.stringify(task) + '\n', bucket);
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }), task);
}

/** Paste a directive on the page Đọc văn bản and read it (waits for the document to be shown). */
export async function readDirective(page, text) {
  await page.waitForSelector('#directive-text');
  await page.fill('#directive-text', text);
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
  await page.waitForSelector('[data-testid=directive-doc]');
}

/** Write a schema version into storage, as a newer (or older) Đôn Đốc would. */
export function stampSchemaVersion(page, version) {
  return page.evaluate((version) => new Promise((resolve) => {
    const open = indexedDB.open('dondoc');
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite');
      tx.objectStore('meta').put(version, 'schema_version');
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }), version);
}

export const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** The files of a .zip (a .docx is one): name → bytes, read with Node's own inflate. */
export function unzip(bytes) {
  const files = new Map();
  // The end of the central directory: where the list of files starts and how many there are.
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  let at = bytes.readUInt32LE(end + 16);
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra;
  }
  return files;
}

/** The text of a .docx's body, tags removed, paragraphs on their own lines. */
export function docxText(bytes) {
  const xml = unzip(bytes).get('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}

/** Wait until the stored record of a task satisfies `check` (a function of the parsed record, given
 *  as source so it runs in the page), however long the write takes. */
export function storedTaskWhen(page, id, check) {
  return page.waitForFunction(async ([id, check]) => {
    const record = await new Promise((resolve) => {
      const open = indexedDB.open('dondoc');
      open.onerror = () => resolve(undefined);
      open.onsuccess = () => {
        const req = open.result.transaction('tasks').objectStore('tasks').getAll();
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result.flatMap((r) => r.split('\n')).find((l) => l.startsWith(`{"id":${JSON.stringify(id)},`)));
        };
        req.onerror = () => { open.result.close(); resolve(undefined); };
      };
    });
    const task = record && JSON.parse(record);
    return task && new Function('t', `return (${check})(t)`)(task) ? task : false;
  }, [id, check], { polling: 100, timeout: 120_000 }).then((handle) => handle.jsonValue());
}

/** Import `rows` generated tasks on `page` (open at #/nhap-file), as a CSV a clerk could have saved
 *  (seven units, four progress words, deadlines over a year), and wait until they are stored: the
 *  office the benchmarks and traces measure. */
export async function importGenerated(page, rows) {
  const units = ['Phòng Kinh tế', 'Phòng TC-KH', 'Phòng TNMT', 'Thanh tra', 'Công an thị xã', 'Phường Mai Hùng', 'Xã Quỳnh Vinh'];
  const progress = ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', ''];
  let csv = 'Mã nhiệm vụ;STT;Số/ký hiệu;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn;Tiến độ\n';
  for (let i = 0; i < rows; i++) {
    csv += `NV-P${String(i).padStart(6, '0')};${i + 1};${100 + (i % 40)}/TB-UBND;Nhiệm vụ số ${i}: rà soát, tổng hợp, báo cáo kết quả thực hiện kết luận của Chủ tịch UBND;${units[i % units.length]};${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2026;${progress[i % progress.length]}\n`;
  }
  await page.setInputFiles('#import-file', { name: `theo-doi-${rows}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-testid=import-summary]', { timeout: 60000 });
  await page.getByRole('button', { name: /^Nhập/ }).first().click();
  await page.waitForSelector('table.tasks tbody tr');
  await page.waitForFunction(() => document.querySelector('.statusbar').textContent.includes('Dữ liệu được lưu'), null, { timeout: 300000 });
}
