//! Entry point of the SPA: mounts [`upsers_web::App`] into `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(upsers_web::App);
}
