//! Running the file worker (`src/worker/main.rs`). Each job — a file read, a file written, a
//! directive read, the sample made — gets a worker of its own, ended when it answers, dies or runs
//! too long; the next one is started at once, so that its WebAssembly is ready by the time the
//! person picks a file. The page only waits: it never parses a file, and the readers, the writers
//! and the sample live only in the worker, so the page's first load carries the app alone.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::window;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use dondoc::directive::job::{DirectiveAnswer, DirectiveRequest};
use dondoc::export::request::{WriteRequest, WRITE_FAILED};
use dondoc::import::{ImportError, ReadRequest, ReadResponse, PROGRESS};

/// Loads `reader.js` / `reader_bg.wasm`, built by Trunk from `src/worker/main.rs` (unhashed names).
const WORKER_URL: &str = "./reader-start.js";
/// Where the single-file build (`scripts/single-file.mjs`) puts the address of the reader it
/// carries inside the page (a Blob URL), since a page opened from a file cannot load another file.
const INLINE_WORKER_URL: &str = "DONDOC_READER_URL";

/// The reader's script: the one the page carries, or the file beside the page.
fn worker_url() -> String {
    js_sys::Reflect::get(&window(), &wasm_bindgen::JsValue::from_str(INLINE_WORKER_URL))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| WORKER_URL.to_string())
}
const CRASHED: &str = "__reader_crashed__";
const TIMED_OUT: &str = "__reader_timed_out__";
/// Sent by `public/reader-start.js` when the reader cannot start.
const FAILED_TO_START: &str = "__reader_failed_to_start__";
/// A reader that has not said "ready" by then will not.
const START_LIMIT_MS: i32 = 30_000;

/// Two minutes, plus two seconds per megabyte: a 10,000-row tracker takes well under a second.
fn time_limit_ms(bytes: usize) -> i32 {
    (120_000 + bytes / (1024 * 1024) * 2_000) as i32
}

/// A started worker and what it has said so far.
struct Reader {
    worker: Worker,
    ready: Cell<bool>,
    failed: Cell<bool>,
    /// Run once the worker is ready (sends the file).
    on_ready: RefCell<Option<Box<dyn FnOnce()>>>,
    /// Resolves the read with the worker's answer (or a crash marker).
    answer: RefCell<Option<Function>>,
    /// Told how far the worker has read (percent).
    on_progress: RefCell<Option<Rc<dyn Fn(u8)>>>,
}

impl Reader {
    fn start() -> Option<Rc<Reader>> {
        let worker = Worker::new(&worker_url()).ok()?;
        let reader = Rc::new(Reader {
            worker,
            ready: Cell::new(false),
            failed: Cell::new(false),
            on_ready: RefCell::new(None),
            answer: RefCell::new(None),
            on_progress: RefCell::new(None),
        });
        let me = Rc::downgrade(&reader);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(me) = me.upgrade() else { return };
            let message = event.data();
            match message.as_string().as_deref() {
                Some("ready") => {
                    me.ready.set(true);
                    let send = me.on_ready.borrow_mut().take();
                    if let Some(send) = send {
                        send();
                    }
                }
                Some(FAILED_TO_START) => me.fail(),
                Some(said) if said.starts_with(PROGRESS) => {
                    let percent = said[PROGRESS.len()..].parse::<u8>().unwrap_or(0);
                    let tell = me.on_progress.borrow().clone();
                    if let Some(tell) = tell {
                        tell(percent);
                    }
                }
                _ => me.resolve(&message),
            }
        });
        reader.worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let me = Rc::downgrade(&reader);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            if let Some(me) = me.upgrade() {
                me.fail();
            }
        });
        reader.worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        Some(reader)
    }

    fn fail(&self) {
        self.failed.set(true);
        self.resolve(&JsValue::from_str(CRASHED));
    }

    fn resolve(&self, value: &JsValue) {
        let answer = self.answer.borrow_mut().take();
        if let Some(answer) = answer {
            let _ = answer.call1(&JsValue::NULL, value);
        }
    }
}

thread_local! {
    static SPARE: RefCell<Option<Rc<Reader>>> = const { RefCell::new(None) };
}

/// Start a reader now, so the next read does not wait for it.
pub fn prepare() {
    SPARE.with(|spare| {
        if spare.borrow().is_none() {
            *spare.borrow_mut() = Reader::start();
        }
    });
}

fn after(ms: i32, f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}

/// Read a file in a worker; `on_progress` is told how far a large CSV file is read (percent).
pub async fn read_in_worker(bytes: &[u8], request: &ReadRequest, on_progress: Rc<dyn Fn(u8)>) -> ReadResponse {
    let request_json = serde_json::to_string(request).expect("a request always serialises");
    let data = Uint8Array::from(bytes);
    let envelope = Object::new();
    let _ = Reflect::set(&envelope, &"request".into(), &JsValue::from_str(&request_json));
    let _ = Reflect::set(&envelope, &"bytes".into(), &data);
    let limit = time_limit_ms(bytes.len());
    match run(envelope, Some(data), limit, on_progress).await {
        Some(v) if Array::is_array(&v) => {
            // The answer, then its rows in slices: each slice decoded in a turn of its own, so the
            // page paints and answers between them (50,000 rows were one 100 ms task).
            let parts = Array::from(&v);
            let part = |i: u32| Uint8Array::new(&parts.get(i)).to_vec();
            let mut answer = dondoc::import::message::Parts::new(&part(0));
            for i in 1..parts.length() {
                super::state::next_turn().await;
                answer.add(&part(i));
            }
            answer.finish()
        }
        Some(v) if v.as_string().as_deref() == Some(TIMED_OUT) => Err(ImportError::TimedOut),
        _ => Err(ImportError::ReaderCrashed),
    }
}

/// Write a file (Excel, Word, a .zip of them) in the worker: its bytes, or why it could not be written (in Vietnamese).
pub async fn write_in_worker(request: &WriteRequest) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let envelope = Object::new();
    let _ = Reflect::set(&envelope, &"write".into(), &JsValue::from_str(&json));
    // Two minutes, and a second more per 10 KB asked for (thousands of tasks in one .zip).
    let limit = 120_000 + (json.len() / 10_000) as i32 * 1_000;
    let answer = run(envelope, None, limit, Rc::new(|_| {})).await;
    match answer {
        Some(v) if v.is_instance_of::<Uint8Array>() => Ok(Uint8Array::new(&v).to_vec()),
        Some(v) => match v.as_string() {
            Some(s) if s == TIMED_OUT => Err(dondoc::i18n::texts().word.worker_timed_out.to_string()),
            Some(s) if s.starts_with(WRITE_FAILED) => Err(s[WRITE_FAILED.len()..].to_string()),
            _ => Err(dondoc::i18n::texts().word.worker_crashed.to_string()),
        },
        None => Err(dondoc::i18n::texts().word.worker_crashed.to_string()),
    }
}

/// Read a directive in the worker (its file's bytes, if it came as a file, sent beside it): the
/// document and proposals, or why not (in Vietnamese).
pub async fn read_directive_in_worker(request: &DirectiveRequest, bytes: Option<&[u8]>) -> Result<DirectiveAnswer, String> {
    let failed = || dondoc::i18n::texts().directive.reader_failed.to_string();
    let json = serde_json::to_string(request).map_err(|_| failed())?;
    let envelope = Object::new();
    let _ = Reflect::set(&envelope, &"directive".into(), &JsValue::from_str(&json));
    let data = bytes.map(Uint8Array::from);
    if let Some(data) = &data {
        let _ = Reflect::set(&envelope, &"bytes".into(), data);
    }
    let limit = time_limit_ms(bytes.map_or(json.len(), <[u8]>::len));
    let answer = run(envelope, data, limit, Rc::new(|_| {})).await.and_then(|v| v.as_string());
    answer.and_then(|json| serde_json::from_str::<Result<DirectiveAnswer, String>>(&json).ok()).unwrap_or_else(|| Err(failed()))
}

/// The sample workspace for `today`, made in the worker (its seed text is not in the page's
/// first load); `None` when the worker could not run.
pub async fn sample_in_worker(today: chrono::NaiveDate) -> Option<dondoc::sample::Sample> {
    let envelope = Object::new();
    let _ = Reflect::set(&envelope, &"sample".into(), &JsValue::from_str(&today.to_string()));
    let answer = run(envelope, None, START_LIMIT_MS * 2, Rc::new(|_| {})).await?.as_string()?;
    serde_json::from_str(&answer).ok()
}

/// Send one message to a ready worker (the spare, else a new one) and wait for its answer.
async fn run(envelope: Object, data: Option<Uint8Array>, limit: i32, on_progress: Rc<dyn Fn(u8)>) -> Option<JsValue> {
    let spare = SPARE.with(|spare| spare.borrow_mut().take());
    let mut answer = None;
    if let Some(reader) = spare {
        *reader.on_progress.borrow_mut() = Some(on_progress.clone());
        let said = ask(&reader, &envelope, data.as_ref(), limit).await;
        // A spare started while its files could not be fetched (the network came back since):
        // the file was never sent, so a fresh reader gets it.
        if !(said.as_ref().and_then(JsValue::as_string).as_deref() == Some(CRASHED) && !reader.ready.get()) {
            answer = Some(said);
        }
    }
    let answer = match answer {
        Some(said) => said,
        None => match Reader::start() {
            Some(reader) => {
                *reader.on_progress.borrow_mut() = Some(on_progress);
                ask(&reader, &envelope, data.as_ref(), limit).await
            }
            None => None,
        },
    };
    prepare();
    answer
}

/// Send the file to one reader and wait for its answer (or a crash or time-out marker); the
/// reader is ended afterwards.
async fn ask(reader: &Rc<Reader>, envelope: &Object, data: Option<&Uint8Array>, limit: i32) -> Option<JsValue> {
    let mut setup = |resolve: Function, _reject: Function| {
        *reader.answer.borrow_mut() = Some(resolve);
        if reader.failed.get() {
            reader.fail();
            return;
        }
        let worker = reader.worker.clone();
        let (envelope, data) = (envelope.clone(), data.cloned());
        let send = move || {
            let _ = match &data {
                Some(data) => worker.post_message_with_transfer(&envelope, &Array::of1(&data.buffer())),
                None => worker.post_message(&envelope),
            };
        };
        if reader.ready.get() {
            send();
        } else {
            *reader.on_ready.borrow_mut() = Some(Box::new(send));
            let waiting = Rc::downgrade(reader);
            after(START_LIMIT_MS, move || {
                if let Some(r) = waiting.upgrade().filter(|r| !r.ready.get()) {
                    r.fail();
                }
            });
        }
        let waiting = Rc::downgrade(reader);
        after(limit, move || {
            if let Some(r) = waiting.upgrade() {
                r.resolve(&JsValue::from_str(TIMED_OUT));
            }
        });
    };
    let answer = JsFuture::from(Promise::new(&mut setup)).await;
    reader.worker.terminate();
    answer.ok()
}
