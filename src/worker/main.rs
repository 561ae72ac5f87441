//! The Web Worker for files: the page sends a file's bytes and a
//! [`ReadRequest`](dondoc::import::ReadRequest), the worker answers with the sheets read (an array of postcard parts, `import::message`);
//! or the page sends a [`WriteRequest`](dondoc::export::request::WriteRequest) (field `write`), the
//! worker answers with the file's bytes (Excel, Word, or a .zip of them), or `__write_failed__:`
//! and why; or a [`DirectiveRequest`](dondoc::directive::job::DirectiveRequest) (field
//! `directive`), answered with the document and its proposals; or a day (field `sample`),
//! answered with the sample workspace for that day. Reading and writing run here so that a panic, which aborts the WebAssembly instance,
//! ends only this worker and never the page, so that a large export never freezes the page, and
//! so that the writers are not part of the page's first load.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use dondoc::import::PROGRESS;
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if let Some(json) = field("write").as_string() {
            let written = serde_json::from_str::<dondoc::export::request::WriteRequest>(&json)
                .map_err(|e| e.to_string())
                .and_then(|request| dondoc::export::request::write(&request).map_err(|e| e.to_string()));
            match written {
                Ok(bytes) => {
                    let array = js_sys::Uint8Array::from(bytes.as_slice());
                    let _ = reply.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
                }
                Err(why) => {
                    let _ = reply.post_message(&JsValue::from_str(&format!("{}{why}", dondoc::export::request::WRITE_FAILED)));
                }
            }
            return;
        }
        if let Some(json) = field("directive").as_string() {
            use dondoc::directive::job::{answer, DirectiveRequest, DirectiveSource};
            let read = serde_json::from_str::<DirectiveRequest>(&json).map_err(|e| e.to_string()).and_then(|mut request| {
                if let DirectiveSource::File { bytes, .. } = &mut request.source {
                    *bytes = js_sys::Uint8Array::new(&field("bytes")).to_vec();
                }
                answer(&request)
            });
            let json = serde_json::to_string(&read).unwrap_or_default();
            let _ = reply.post_message(&JsValue::from_str(&json));
            return;
        }
        if let Some(day) = field("sample").as_string() {
            // An answer always goes back (empty when the day cannot be read), so the page never waits.
            let json = day
                .parse::<chrono::NaiveDate>()
                .ok()
                .and_then(|today| serde_json::to_string(&dondoc::sample::sample_workspace(today)).ok())
                .unwrap_or_default();
            let _ = reply.post_message(&JsValue::from_str(&json));
            return;
        }
        let request = field("request").as_string().and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
        let bytes = js_sys::Uint8Array::new(&field("bytes")).to_vec();
        // How far a large CSV file is read, as "__progress__:<percent>", each percent once.
        let said = std::cell::Cell::new(0u8);
        let progress = |percent: u8| {
            if percent > said.get() {
                said.set(percent);
                let _ = reply.post_message(&JsValue::from_str(&format!("{PROGRESS}{percent}")));
            }
        };
        let response = dondoc::import::read_with_progress(&request, &bytes, &progress);
        // Compact bytes in parts (the rows in slices), handed over rather than copied
        // (`import::message`).
        let parts = js_sys::Array::new();
        let buffers = js_sys::Array::new();
        for part in dondoc::import::message::encode_parts(response) {
            let array = js_sys::Uint8Array::from(part.as_slice());
            buffers.push(&array.buffer());
            parts.push(&array);
        }
        let _ = reply.post_message_with_transfer(&parts, &buffers);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this point would be lost: tell the page the reader is listening.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Trình đọc tệp của Đôn Đốc chỉ chạy trong trình duyệt (Web Worker).");
}
