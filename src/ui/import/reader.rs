//! Running the file reader in a Web Worker: a fresh worker per read, ended when it answers, dies
//! or runs too long. The page only waits; it never parses the file itself.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::window;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::import::{ImportError, ReadRequest, ReadResponse};

/// Loads `reader.js` / `reader_bg.wasm`, built by Trunk from `src/worker/main.rs` (unhashed names).
const WORKER_URL: &str = "./reader-start.js";
const CRASHED: &str = "__reader_crashed__";
/// Sent by `public/reader-start.js` when the reader cannot start.
const FAILED_TO_START: &str = "__reader_failed_to_start__";
/// A reader that has not said "ready" by then will not.
const START_LIMIT_MS: i32 = 30_000;
const TIMED_OUT: &str = "__reader_timed_out__";

/// Two minutes, plus two seconds per megabyte: a 10,000-row tracker takes well under a second.
fn time_limit_ms(bytes: usize) -> i32 {
    (120_000 + bytes / (1024 * 1024) * 2_000) as i32
}

pub async fn read_in_worker(bytes: &[u8], request: &ReadRequest) -> ReadResponse {
    let Ok(worker) = Worker::new(WORKER_URL) else { return Err(ImportError::ReaderCrashed) };
    let request_json = serde_json::to_string(request).expect("a request always serialises");
    let data = Uint8Array::from(bytes);
    let limit = time_limit_ms(bytes.len());
    let mut setup = |resolve: js_sys::Function, _reject: js_sys::Function| {
        let to_worker = worker.clone();
        let answer = resolve.clone();
        let (request_json, data) = (request_json.clone(), data.clone());
        let started = std::rc::Rc::new(std::cell::Cell::new(false));
        let started_flag = started.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = event.data();
            if message.as_string().as_deref() == Some(FAILED_TO_START) {
                let _ = answer.call1(&JsValue::NULL, &JsValue::from_str(CRASHED));
            } else if message.as_string().as_deref() == Some("ready") {
                started_flag.set(true);
                let envelope = Object::new();
                let _ = Reflect::set(&envelope, &"request".into(), &JsValue::from_str(&request_json));
                let _ = Reflect::set(&envelope, &"bytes".into(), &data);
                let _ = to_worker.post_message_with_transfer(&envelope, &Array::of1(&data.buffer()));
            } else {
                let _ = answer.call1(&JsValue::NULL, &message);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();

        let crashed = resolve.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let _ = crashed.call1(&JsValue::NULL, &JsValue::from_str(CRASHED));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();

        let not_started = resolve.clone();
        let on_start_limit = Closure::once_into_js(move || {
            if !started.get() {
                let _ = not_started.call1(&JsValue::NULL, &JsValue::from_str(CRASHED));
            }
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(on_start_limit.unchecked_ref(), START_LIMIT_MS);

        let timed_out = resolve;
        let on_timeout = Closure::once_into_js(move || {
            let _ = timed_out.call1(&JsValue::NULL, &JsValue::from_str(TIMED_OUT));
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), limit);
    };
    let answer = JsFuture::from(Promise::new(&mut setup)).await;
    worker.terminate();
    match answer.ok().and_then(|v| v.as_string()) {
        Some(s) if s == CRASHED => Err(ImportError::ReaderCrashed),
        Some(s) if s == TIMED_OUT => Err(ImportError::TimedOut),
        Some(json) => serde_json::from_str(&json).unwrap_or(Err(ImportError::ReaderCrashed)),
        None => Err(ImportError::ReaderCrashed),
    }
}
