// Minifies what the first page fetches that Trunk leaves as written: the stylesheet (lightningcss),
// the page's script, the chunk loader and the rescue script (esbuild), in dist/, then gives
// index.html their new SHA-384 (scripts/integrity.mjs; else the browser refuses them). Trunk's
// own minifying is not used: it rewrites index.html too, which scripts/wasm-split.sh and
// scripts/single-file.mjs read. Run by scripts/build after Trunk. Measured on 02/12/2026: 7.3 →
// 5.3 KB gzipped for the stylesheet, 11.4 → 8.9 KB for the page's script, 5.5 KB in all of the
// first load's 503.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const tools = createRequire(join(root, 'scripts/tools/package.json'));
const { transform } = tools('lightningcss');
const esbuild = tools('esbuild');

const files = readdirSync(dist);
const changed = [];
for (const name of files) {
  const path = join(dist, name);
  let out;
  if (name.endsWith('.css')) {
    out = transform({ filename: name, code: readFileSync(path), minify: true }).code;
  } else if (/^(dondoc-[0-9a-f]+|__wasm_split-[0-9a-f]+)\.js$/.test(name)) {
    out = esbuild.transformSync(readFileSync(path, 'utf8'), { minify: true, format: 'esm', target: 'es2020' }).code;
  } else if (name === 'rescue.js') {
    out = esbuild.transformSync(readFileSync(path, 'utf8'), { minify: true, target: 'es2020' }).code;
  } else {
    continue;
  }
  writeFileSync(path, out);
  changed.push(name);
}

// Their new digests in index.html (the scripts/wasm-split.sh way).
execFileSync('node', [join(root, 'scripts/integrity.mjs'), dist], { stdio: 'inherit' });
console.log(`minified: ${changed.join(', ')}`);
