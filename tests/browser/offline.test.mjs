// Offline and installable: after one visit the app opens and works with the network off, its
// manifest and service worker pass Chromium's installability check, and a newer build fetched in
// the background is offered and taken only when the person asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, launchProfile, openApp, loadSample, saved, countText, readDirective } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const SAMPLE_TASKS = 152;
const seeds = new URL('../fixtures/seeds/', import.meta.url).pathname;
const seedText = async (prefix) => readFile(seeds + (await readdir(seeds)).find((f) => f.startsWith(prefix)), 'utf8');

/** Wait until the service worker has the page in hand (its files are cached by then). */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });

test('after one visit the app opens and works with the network off, and nothing is fetched from another host', async () => {
  const { ctx, page, errors } = await openApp(browser, server.url);
  const hosts = new Set();
  ctx.on('request', (r) => hosts.add(new URL(r.url()).host));
  await loadSample(page);
  await saved(page);
  await controlled(page);
  await ctx.setOffline(true);
  await page.goto(server.url + '#/nhiem-vu');
  await page.reload();
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  // The board, and the file worker (the directive reader) with its files from the cache.
  await page.goto(server.url + '#/bang');
  await page.waitForSelector('.kcard');
  await page.goto(server.url + '#/doc-van-ban');
  await readDirective(page, await seedText('002'));
  assert.equal(await page.locator('.proposal').count(), 74);
  // A change made offline is stored, and is there after another offline reload.
  await page.goto(server.url + '#/nhiem-vu');
  const id = await page.locator('table.tasks tbody tr').first().getAttribute('data-id');
  await page.goto(server.url + `#/nhiem-vu/${encodeURIComponent(id)}`);
  await page.locator('label:has-text("Ghi chú") textarea').fill('Ghi khi mất mạng');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await saved(page);
  await page.reload();
  await page.waitForSelector('.task-form');
  assert.equal(await page.locator('label:has-text("Ghi chú") textarea').inputValue(), 'Ghi khi mất mạng');
  assert.deepEqual([...hosts], [new URL(server.url).host], 'every request went to the app\'s own host');
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await ctx.close();
});

test('the manifest and the service worker pass Chromium\'s installability check', async () => {
  // Not in a private window, where Chromium never offers to install.
  const profile = await mkdtemp(join(tmpdir(), 'dondoc-profile-'));
  const ctx = await launchProfile(profile);
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForSelector('.welcome');
  await controlled(page);
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifestErrors, []);
  const manifest = JSON.parse(data);
  assert.equal(manifest.short_name, 'Đôn Đốc');
  assert.match(manifest.name, /Theo dõi, đôn đốc nhiệm vụ/);
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './', 'relative, so it works from any folder of any host');
  for (const size of [192, 512]) {
    const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}`);
    const dims = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, icon.src);
    assert.deepEqual(dims, [size, size]);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
  await rm(profile, { recursive: true, force: true });
});

test('a newer build on the host is fetched in the background, offered, and taken only when asked; the old files are dropped', async () => {
  // A host of our own, whose build we can replace.
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-host-'));
  await cp(new URL('../../dist/', import.meta.url).pathname, dir, { recursive: true });
  const host = await serveDist(dir);
  const { ctx, page, errors } = await openApp(browser, host.url);
  await loadSample(page);
  await saved(page);
  await controlled(page);
  const cachesBefore = await page.evaluate(() => caches.keys());
  assert.equal(cachesBefore.length, 1);
  // The host gets a new build: a changed page and a service worker of another version.
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  await writeFile(join(dir, 'sw.js'), sw.replace(/const VERSION = '([^']*)'/, "const VERSION = 'moi-$1'"));
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  await writeFile(join(dir, 'index.html'), index.replace('<body>', '<body data-build="moi">'));
  // The browser checks for it (as it does on each visit and the page does every hour).
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const offer = page.locator('.notice', { hasText: 'Đã có phiên bản mới' });
  await offer.waitFor({ timeout: 120_000 });
  // Nothing changes until the person asks.
  assert.equal(await page.getAttribute('body', 'data-build'), null);
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`);
  await offer.getByRole('button', { name: 'Tải lại trang' }).click();
  await page.waitForFunction(() => document.body.dataset.build === 'moi', null, { timeout: 120_000 });
  await page.goto(host.url + '#/nhiem-vu');
  await page.waitForSelector('table.tasks tbody tr');
  assert.equal(await countText(page), `${SAMPLE_TASKS} nhiệm vụ`, 'the data is kept');
  const cachesAfter = await page.evaluate(() => caches.keys());
  assert.deepEqual(cachesAfter, [`dondoc-moi-${cachesBefore[0].replace('dondoc-', '')}`], 'the old build\'s cache is gone');
  assert.deepEqual(errors, []);
  await ctx.close();
  host.close();
  await rm(dir, { recursive: true, force: true });
});
