// The oldest browsers an office may have: Chrome and Edge 109 (the last on Windows 7 and 8.1) and
// Firefox 115 ESR. They cannot be run here, so the build is checked against what they lack: the
// WebAssembly features its modules use (a newer one makes the module fail to load), and the
// JavaScript and CSS written for the page (a newer construct breaks a script or drops a rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url).pathname;
const wasmOpt = new URL('../../scripts/tools/node_modules/binaryen/bin/wasm-opt', import.meta.url).pathname;

// WebAssembly features both browsers run (Chrome 96+, Firefox 79+ for the newest of them).
const SUPPORTED_WASM = new Set(['mutable-globals', 'nontrapping-float-to-int', 'bulk-memory', 'bulk-memory-opt', 'sign-ext',
  'reference-types', 'multivalue', 'call-indirect-overlong', 'simd']);

// Constructs newer than Chrome 109 or Firefox 115, with the version that brought them.
const TOO_NEW_JS = [
  [/Promise\.withResolvers/, 'Promise.withResolvers (Chrome 119)'], [/\.toSorted\(|\.toReversed\(|\.toSpliced\(/, 'change-array-by-copy (Chrome 110)'],
  [/Array\.fromAsync/, 'Array.fromAsync (Chrome 121)'], [/Object\.groupBy|Map\.groupBy/, 'groupBy (Chrome 117)'],
  [/\.union\(|\.isSubsetOf\(/, 'Set methods (Chrome 122)'], [/navigator\.storage\.getDirectory/, 'OPFS in Firefox (111, but not in private windows)'],
];
const TOO_NEW_CSS = [
  [/:has\(/, ':has() (Firefox 121)'], [/^\s*&|\{\s*&/m, 'CSS nesting (Chrome 112, Firefox 117)'], [/color-mix\(/, 'color-mix() (Chrome 111)'],
  [/text-wrap\s*:/, 'text-wrap (Chrome 114)'], [/@starting-style|@scope/, '@starting-style / @scope (Chrome 117/118)'],
  [/\b\d+(\.\d+)?(lh|rlh)\b/, 'lh units (Chrome 109 has lh, Firefox 120)'],
];

test('the WebAssembly modules use only features Chrome 109 and Firefox 115 run', async () => {
  const modules = (await readdir(dist)).filter((f) => f.endsWith('.wasm'));
  assert.ok(modules.length >= 2, 'the page and the file worker');
  for (const file of modules) {
    const out = execFileSync(wasmOpt, [join(dist, file), '--detect-features', '--print-features', '-o', '/dev/null'], { encoding: 'utf8' });
    const used = out.split('\n').map((l) => l.trim().replace(/^--enable-/, '')).filter(Boolean);
    assert.ok(used.length > 0, `${file}: its features were read`);
    assert.deepEqual(used.filter((f) => !SUPPORTED_WASM.has(f)), [], `${file} needs a newer browser`);
  }
});

test('the page\'s scripts and styles use nothing newer than Chrome 109 and Firefox 115', async () => {
  const files = (await readdir(dist)).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  assert.ok(files.some((f) => f.endsWith('.css')) && files.some((f) => f.endsWith('.js')));
  for (const file of files) {
    const text = await readFile(join(dist, file), 'utf8');
    for (const [pattern, what] of file.endsWith('.css') ? TOO_NEW_CSS : TOO_NEW_JS) {
      assert.doesNotMatch(text, pattern, `${file} uses ${what}`);
    }
  }
});
