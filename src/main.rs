//! Entry point of the SPA: mounts [`upsers_web::App`] into `<body>`.

fn main() {
    // Readable panics in the console while developing; a release build
    // aborts without the hook's formatting code (about 4 KB of the first load).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(upsers_web::App);
}
