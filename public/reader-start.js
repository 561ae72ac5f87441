// Starts the file reader (src/worker/main.rs) in a Web Worker. Trunk builds reader.js and
// reader_bg.wasm; if they cannot start, say so instead of leaving the page waiting.
importScripts('./reader.js');
wasm_bindgen('./reader_bg.wasm').catch(() => {
  self.postMessage('__reader_failed_to_start__');
  self.close();
});
