//! Entry point: in the browser, mount the app; natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(dondoc::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Đôn Đốc chạy trong trình duyệt: dùng `scripts/serve` (xem README.md).");
}
