//! Entry point of the SPA: mounts [`upsers_web::App`] into `<body>`, in place
//! of the shell that index.html painted while the wasm loaded.

fn main() {
    // Readable panics in the console while developing; a release build
    // aborts without the hook's formatting code (about 4 KB of the first load).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // A Spanish start waits for the Spanish text (the shell says
        // «Cargando…» meanwhile), so the app draws in Spanish at once.
        upsers_web::i18n::prepare(upsers_web::i18n::starting_locale()).await;
        leptos::mount::mount_to_body(upsers_web::App);
        // In the same task as the first render, so no frame shows both.
        upsers_web::app::remove_boot_shell();
    });
}
