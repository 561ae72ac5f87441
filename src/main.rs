//! Entry point: in the browser, mount the app; natively there is nothing to run. The browser shell
//! (`ui/`) is part of this program, not of the library, so the file worker, which links the
//! library, carries none of it (nor the split points of `ui/lazy.rs`).

#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic stops the WebAssembly for good: log it, then let the plain-JavaScript rescue
    // (public/rescue.js) tell the person and offer the stored data as a backup.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let window = web_sys::window();
        if let Some(f) = window
            .and_then(|w| js_sys::Reflect::get(&w, &"dondocCrashed".into()).ok())
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
        {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    }));
    leptos::mount::mount_to_body(ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Đôn Đốc chạy trong trình duyệt: dùng `scripts/serve` (xem README.md).");
}
