//! The app mounted in headless Chromium: routing, the shell and the language switch.

mod support;

use leptos::prelude::*;
use support::{begin, clear_storage, mount_app_at, query, wait_for, wait_for_heading};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_root_path_redirects_to_sign_in() {
    let _serial = begin().await;
    let app = mount_app_at("/");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    assert_eq!(window().location().pathname().unwrap(), "/login");
    assert_eq!(
        app.root.query_selector_all("h1").unwrap().length(),
        1,
        "one h1 per page"
    );
    assert!(
        app.root.query_selector("main#main").unwrap().is_some(),
        "main landmark"
    );
}

#[wasm_bindgen_test]
async fn the_shell_has_a_skip_link_and_help_in_the_footer() {
    let _serial = begin().await;
    let app = mount_app_at("/login");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let skip = query(&app.root, "a.skip-link");
    assert_eq!(skip.get_attribute("href").as_deref(), Some("#main"));
    let help = query(&app.root, "footer a");
    assert_eq!(help.text_content().as_deref(), Some("Help & Support"));
    assert_eq!(help.get_attribute("href").as_deref(), Some("/help"));
}

#[wasm_bindgen_test]
async fn a_deep_link_to_help_lists_every_topic_as_its_own_route() {
    let _serial = begin().await;
    let app = mount_app_at("/help");
    wait_for_heading(&app.root, "Help & Support").await;
    let links = app
        .root
        .query_selector_all("[data-testid=help-topics] a")
        .unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|index| links.item(index))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        .filter_map(|link| link.get_attribute("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/help/reset-pin",
            "/help/new-user",
            "/help/mfa",
            "/help/troubleshooting",
            "/help/contact"
        ]
    );
}

#[wasm_bindgen_test]
async fn a_help_topic_opens_from_its_link() {
    let _serial = begin().await;
    let app = mount_app_at("/help/mfa");
    wait_for_heading(&app.root, "Understanding multi-factor authentication").await;
}

#[wasm_bindgen_test]
async fn unknown_paths_and_unknown_help_topics_say_page_not_found() {
    let _serial = begin().await;
    for path in ["/no/such/page", "/help/no-such-topic"] {
        let app = mount_app_at(path);
        wait_for_heading(&app.root, "Page not found").await;
        assert_eq!(
            query(&app.root, "[data-testid=not-found] a")
                .get_attribute("href")
                .as_deref(),
            Some("/login")
        );
    }
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page_sets_html_lang_and_is_remembered() {
    let _serial = begin().await;
    let app = mount_app_at("/login");
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    let spanish = query(&app.root, "[data-testid=language-es]");
    assert_eq!(
        spanish.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    spanish.click();
    wait_for_heading(&app.root, "Inicie sesión en UPSers").await;
    assert_eq!(
        spanish.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        query(&app.root, "footer a").text_content().as_deref(),
        Some("Ayuda y soporte")
    );
    let lang = wait_for("<html lang=es>", || {
        document()
            .document_element()?
            .get_attribute("lang")
            .filter(|lang| lang == "es")
    })
    .await;
    assert_eq!(lang, "es");
    drop(app);

    let again = mount_app_at("/login");
    wait_for_heading(&again.root, "Inicie sesión en UPSers").await;
    query(&again.root, "[data-testid=language-en]").click();
    wait_for_heading(&again.root, "Sign in to UPSers").await;
    clear_storage();
}

/// The prefetch on hover and focus maps a link's `href` back to its page: every
/// page's own path does, with a fragment or query too; foreign paths do not.
#[wasm_bindgen_test]
fn every_page_is_found_again_from_its_path() {
    use upsers_web::routes::{HelpTopic, Page};
    let mut pages = vec![
        Page::Login,
        Page::Verify,
        Page::Forgot,
        Page::Register,
        Page::Home,
        Page::Help,
    ];
    pages.extend(HelpTopic::ALL.map(Page::HelpTopic));
    for page in pages {
        assert_eq!(Page::from_path(&page.path()), Some(page));
        assert_eq!(
            Page::from_path(&format!("{}#section", page.path())),
            Some(page)
        );
        assert_eq!(Page::from_path(&format!("{}?x=1", page.path())), Some(page));
    }
    for foreign in [
        "/",
        "/nope",
        "/help/nope",
        "/login/verify/more",
        "https://example.com/login",
        "",
    ] {
        assert_eq!(Page::from_path(foreign), None, "{foreign}");
    }
}
