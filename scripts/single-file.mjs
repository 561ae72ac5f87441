// Makes dist-file/DonDoc.html from the build in dist/: one file that opens by double-click (from
// file://) in Chrome, Edge, Cốc Cốc and Firefox, for offices with no web host. A page opened from a
// file may not load other files, so everything is inside it: the styles, the icon, the rescue
// script, the page's WebAssembly (given to its loader as bytes), and the file reader, started as a
// worker from a Blob URL made of its script and its WebAssembly. No service worker and no manifest:
// a file needs neither to work offline. Run by `scripts/build --single-file`.
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const out = join(root, 'dist-file');
const files = await readdir(dist);
const one = (test, what) => {
  const found = files.filter(test);
  if (found.length !== 1) throw new Error(`dist/ should hold one ${what}, it holds ${found.length}`);
  return found[0];
};
const glueName = one((f) => /^dondoc-[0-9a-f]+\.js$/.test(f), 'page script');
const wasmName = one((f) => /^dondoc-[0-9a-f]+_bg\.wasm$/.test(f), 'page WebAssembly');
const cssName = one((f) => f.endsWith('.css'), 'stylesheet');
const iconName = one((f) => /^favicon.*\.svg$/.test(f), 'icon');

const text = (name) => readFile(join(dist, name), 'utf8');
const base64 = async (name) => (await readFile(join(dist, name))).toString('base64');
// Text put inside a <script> must not end it early.
const scriptSafe = (s) => s.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

let html = await text('index.html');
const replaceOnce = (pattern, by, what) => {
  if (!pattern.test(html)) throw new Error(`dist/index.html: ${what} not found`);
  html = html.replace(pattern, by);
};
const glue = await text(glueName);
const readerJs = await text('reader.js');

// The page's loader, inline, given its WebAssembly as bytes.
const start = `
const __bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
// The file reader: its script and WebAssembly as one worker script, started from a Blob URL.
const __reader = ${JSON.stringify(scriptSafe(readerJs))}
  + '\\nwasm_bindgen({ module_or_path: Uint8Array.from(atob(' + JSON.stringify(${JSON.stringify(await base64('reader_bg.wasm'))}) + '), (c) => c.charCodeAt(0)) })'
  + '.catch(() => { self.postMessage("__reader_failed_to_start__"); self.close(); });';
window.DONDOC_READER_URL = URL.createObjectURL(new Blob([__reader], { type: 'text/javascript' }));
const __wasm = await __wbg_init({ module_or_path: __bytes(${JSON.stringify(await base64(wasmName))}) });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: __wasm } }));
`;
replaceOnce(/<script type="module">[\s\S]*?<\/script>/, () => `<script type="module">\n${scriptSafe(glue)}\n${start}</script>`, 'module script');

const rescue = scriptSafe(await text('rescue.js'));
replaceOnce(/<script src="rescue\.js"><\/script>/, () => `<script>\n${rescue}\n</script>`, 'rescue script');
const css = (await text(cssName)).replace(/<\/style/gi, '<\\/style');
replaceOnce(/<link rel="stylesheet" href="[^"]*"[^>]*>/, () => `<style>\n${css}</style>`, 'stylesheet');
const icon = await base64(iconName);
replaceOnce(/<link rel="icon" href="[^"]*"[^>]*>/, () => `<link rel="icon" href="data:image/svg+xml;base64,${icon}">`, 'icon');
// What only a hosted copy uses: preloads of files that are now inside, the manifest.
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
html = html.replace(/<link rel="manifest"[^>]*>\s*/, '');

await mkdir(out, { recursive: true });
await writeFile(join(out, 'DonDoc.html'), html);
const size = Buffer.byteLength(html);
console.log(`dist-file/DonDoc.html: ${(size / 1_000_000).toFixed(1)} MB`);
