// Makes dist-file/DonDoc.html from the build in dist/: one file that opens by double-click (from
// file://) in Chrome, Edge, Cốc Cốc and Firefox, for offices with no web host. A page opened from a
// file may not load other files, so everything is inside it: the styles, the icon, the rescue
// script, the page's WebAssembly (given to its loader as bytes), the chunks the other pages' code
// was cut into (scripts/wasm-split.sh; handed to their loader as bytes), and the file reader,
// started as a worker from a Blob URL made of its script and its WebAssembly. The page's script
// and the chunk loader import each other: both become modules of data: addresses, named in an
// import map. No service worker and no manifest:
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
const loaderName = one((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f), 'chunk loader');
const cssName = one((f) => f.endsWith('.css'), 'stylesheet');
const iconName = one((f) => /^favicon.*\.svg$/.test(f), 'icon');

const text = (name) => readFile(join(dist, name), 'utf8');
const base64 = async (name) => (await readFile(join(dist, name))).toString('base64');
// Text put inside a <script> must not end it early.
const scriptSafe = (s) => s.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

let html = await text('index.html');
const mustReplace = (textIn, pattern, by, what) => {
  if (!pattern.test(textIn)) throw new Error(`${what} not found`);
  return textIn.replace(pattern, by);
};
const replaceOnce = (pattern, by, what) => { html = mustReplace(html, pattern, by, `dist/index.html: ${what}`); };
const readerJs = await text('reader.js');
const dataModule = (js) => 'data:text/javascript;base64,' + Buffer.from(js).toString('base64');

// The page's script and the chunk loader, under names of their own (a data: module has no folder
// to find the other in), the loader given each chunk's bytes instead of fetching it.
const glue = mustReplace(await text(glueName), new RegExp(`from\\s*"\\./${loaderName.replace('.', '\\.')}"`, 'g'), 'from "dondoc-chunks"', `${glueName}: its import of the chunk loader`);
let loader = mustReplace(await text(loaderName), new RegExp(`from\\s*"\\./${glueName.replace('.', '\\.')}"`), 'from "dondoc-page"', `${loaderName}: its import of the page script`);
const chunks = {};
loader = mustReplace(loader, /fetch\(new URL\("\.\/([^"]+\.wasm)",\s*import\.meta\.url\)\)/g, (_, name) => {
  chunks[name] = true;
  return `Promise.resolve(new Response(Uint8Array.from(atob(window.DONDOC_CHUNKS[${JSON.stringify(name)}]), (c) => c.charCodeAt(0)), { headers: { 'Content-Type': 'application/wasm' } }))`;
}, `${loaderName}: its fetches`);
for (const name of Object.keys(chunks)) chunks[name] = await base64(name);
const importMap = JSON.stringify({ imports: { 'dondoc-page': dataModule(glue), 'dondoc-chunks': dataModule(loader) } });

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
replaceOnce(/<script type="module">[\s\S]*?<\/script>/, () => `<script>window.DONDOC_CHUNKS = ${JSON.stringify(chunks)};</script>
<script type="importmap">${scriptSafe(importMap)}</script>
<script type="module">\nimport __wbg_init from "dondoc-page";\n${start}</script>`, 'module script');

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
