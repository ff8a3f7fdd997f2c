//! The home hub with a scripted API: greeting, idle warning, expiry.

mod support;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use support::*;
use upsers_contract as wire;
use upsers_web::api::ApiError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session(idle_secs_left: i64) -> wire::SessionInfo {
    wire::SessionInfo {
        employee_id: "1234567".into(),
        first_name: "Jordan".into(),
        idle_expires_at: 1_000 + idle_secs_left,
        absolute_expires_at: 1_000 + 28_800,
        server_time: 1_000,
    }
}

fn hub() -> wire::HomeHub {
    wire::HomeHub {
        first_name: "Jordan".into(),
        last_sign_in_at: Some(1_700_000_000),
        tiles: vec![
            wire::Tile {
                id: "pay".into(),
                title: wire::Localized {
                    en: "Pay & benefits".into(),
                    es: "Pago y beneficios".into(),
                },
                description: wire::Localized {
                    en: "Pay statements.".into(),
                    es: "Recibos de pago.".into(),
                },
                href: "https://pay.upsers.example".into(),
            },
            wire::Tile {
                id: "help".into(),
                title: wire::Localized {
                    en: "Help & Support".into(),
                    es: "Ayuda y soporte".into(),
                },
                description: wire::Localized {
                    en: "Guides.".into(),
                    es: "Guías.".into(),
                },
                href: "/help".into(),
            },
        ],
        desk: false,
        server_time: 1_000,
    }
}

fn dialog_open(root: &web_sys::HtmlElement) -> bool {
    query(root, "[data-testid=idle-dialog]")
        .unchecked_into::<web_sys::HtmlDialogElement>()
        .open()
}

#[wasm_bindgen_test]
async fn the_hub_greets_by_first_name_and_warns_two_minutes_before_the_idle_timeout() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(122)));
    api.refreshes.lock().unwrap().push_back(Ok(session(900)));
    let app = mount_with("/home", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    assert!(
        query(&app.root, "[data-testid=last-sign-in]")
            .text_content()
            .unwrap()
            .starts_with("Last sign-in: ")
    );
    assert!(
        !dialog_open(&app.root),
        "no warning while more than two minutes are left"
    );

    let root = app.root.clone();
    wait_for_slowly("the idle warning", Duration::from_secs(5), || {
        dialog_open(&root).then_some(())
    })
    .await;
    let dialog = query(&app.root, "[data-testid=idle-dialog]");
    assert!(
        dialog
            .text_content()
            .unwrap()
            .contains("you will be signed out in 2:00")
            || dialog
                .text_content()
                .unwrap()
                .contains("you will be signed out in 1:59")
    );

    let stay: web_sys::HtmlElement = dialog
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(stay.text_content().as_deref(), Some("Stay signed in"));
    stay.click();
    let root = app.root.clone();
    wait_for("the dialog to close", || {
        (!dialog_open(&root)).then_some(())
    })
    .await;
    assert!(api.calls().contains(&"refresh".to_owned()));
}

#[wasm_bindgen_test]
async fn at_the_idle_timeout_the_employee_is_back_at_sign_in_with_a_message() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(1)));
    let app = mount_with("/home", api);
    let root = app.root.clone();
    wait_for_slowly("the sign-in page", Duration::from_secs(5), || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert_eq!(window().location().search().unwrap(), "?reason=expired");
    assert!(
        query(&app.root, "[data-testid=session-ended]")
            .text_content()
            .unwrap()
            .contains("without activity")
    );
}

#[wasm_bindgen_test]
async fn a_sign_out_that_does_not_reach_the_server_says_so_and_can_be_tried_again() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(900)));
    api.logouts
        .lock()
        .unwrap()
        .push_back(Err(ApiError::Network));
    api.logouts.lock().unwrap().push_back(Ok(()));
    let app = mount_with("/home", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;

    let sign_out = || header_sign_out(&app.root);
    let failed = sign_out_unanswered(&app.root).await;
    assert_eq!(
        failed
            .closest("[role]")
            .unwrap()
            .and_then(|alert| alert.get_attribute("role"))
            .as_deref(),
        Some("alert")
    );
    let alert = failed.closest(".alert").unwrap().unwrap();
    assert_eq!(
        alert
            .query_selector(".alert__heading")
            .unwrap()
            .and_then(|heading| heading.text_content())
            .as_deref(),
        Some("You are not signed out yet"),
        "its own heading in place of the kind's"
    );
    let text = alert.text_content().unwrap();
    assert!(text.contains("close every browser window"), "{text}");
    assert!(
        app.root
            .query_selector("[data-testid=session-ended]")
            .unwrap()
            .is_none(),
        "never 'signed out' while the session may be alive"
    );
    assert_eq!(
        sign_out().text_content().as_deref(),
        Some("Try signing out again")
    );

    sign_out().click();
    let root = app.root.clone();
    wait_for("the sign-in page", || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert_eq!(window().location().search().unwrap(), "?reason=signed-out");
    assert_eq!(
        api.calls().iter().filter(|call| *call == "logout").count(),
        2
    );
}

#[wasm_bindgen_test]
async fn the_tiles_are_the_operators_links_in_the_page_language() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(900)));
    let app = mount_with("/home", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    let links = app
        .root
        .query_selector_all("[data-testid=tiles] a")
        .unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|index| links.item(index))
        .filter_map(|link| {
            link.unchecked_into::<web_sys::Element>()
                .get_attribute("href")
        })
        .collect();
    assert_eq!(
        hrefs,
        ["https://pay.upsers.example", "/help"],
        "real links, none to #"
    );
    let account = query(&app.root, "[data-testid=my-account]");
    assert_eq!(
        account.get_attribute("href").as_deref(),
        Some("/account"),
        "My account comes first, whatever the operator configured"
    );
    assert!(
        account
            .text_content()
            .unwrap_or_default()
            .contains("My account")
    );
    assert!(
        text_of(&app.root, "[data-testid=tiles]")
            .unwrap()
            .contains("Pay & benefits")
    );
    query(&app.root, "[data-testid=language-es]").click();
    let root = app.root.clone();
    wait_for("the tiles in Spanish", || {
        text_of(&root, "[data-testid=tiles]").filter(|text| text.contains("Pago y beneficios"))
    })
    .await;
    assert!(
        text_of(&app.root, "[data-testid=tiles]")
            .unwrap()
            .contains("Recibos de pago.")
    );
    assert!(
        app.root
            .query_selector("[data-testid=desk-link]")
            .unwrap()
            .is_none(),
        "no desk for an employee without a support role"
    );
}

#[wasm_bindgen_test]
async fn a_support_agent_finds_the_desk_beside_my_account() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(wire::HomeHub {
        desk: true,
        ..hub()
    }));
    api.sessions.lock().unwrap().push_back(Ok(session(900)));
    let app = mount_with("/home", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    let desk = query(&app.root, "[data-testid=desk-link]");
    assert_eq!(desk.get_attribute("href").as_deref(), Some("/desk"));
    assert!(
        desk.text_content()
            .unwrap_or_default()
            .contains("Technical Support desk")
    );
}

/// What the browser tells this tab when another one writes `value` under
/// `key` in localStorage (`None`: removes it).
fn storage_event(key: &str, value: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(value);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
}

/// What another tab of the portal says about the session: its write, then
/// its removal of the key, as the browser reports them.
fn from_another_tab(news: &str) {
    storage_event("upsers.session-news", Some(news));
    storage_event("upsers.session-news", None);
}

#[wasm_bindgen_test]
async fn a_sign_out_in_another_tab_signs_this_one_out() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(900)));
    let app = mount_with("/home", api.clone());
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    from_another_tab("noise from another version");
    storage_event("upsers.locale", Some("signed-out"));
    from_another_tab("signed-out");
    let root = app.root.clone();
    wait_for("the sign-in page", || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert_eq!(window().location().search().unwrap(), "?reason=signed-out");
    assert!(
        !api.calls().contains(&"logout".to_owned()),
        "the other tab signed out already"
    );
}

#[wasm_bindgen_test]
async fn stay_signed_in_in_another_tab_closes_the_warning_here() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.sessions.lock().unwrap().push_back(Ok(session(60)));
    let app = mount_with("/home", api.clone());
    let root = app.root.clone();
    wait_for("the idle warning", || dialog_open(&root).then_some(())).await;
    from_another_tab("refreshed:900");
    wait_for("the warning to close", || {
        (!dialog_open(&root)).then_some(())
    })
    .await;
    assert!(
        !api.calls().contains(&"refresh".to_owned()),
        "the other tab kept the session alive"
    );
}

#[wasm_bindgen_test]
async fn a_tab_shown_again_after_the_session_ended_goes_to_sign_in_with_the_reason() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.homes.lock().unwrap().push_back(Ok(hub()));
    // One session answer for the hub; then the server has none.
    api.sessions.lock().unwrap().push_back(Ok(session(900)));
    let app = mount_with("/home", api);
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    // As the browser does: at the document, bubbling to the window.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let shown = web_sys::Event::new_with_event_init_dict("visibilitychange", &init).unwrap();
    document().dispatch_event(&shown).unwrap();
    let root = app.root.clone();
    wait_for("the sign-in page", || {
        root.query_selector("[data-testid=session-ended]").unwrap()
    })
    .await;
    assert_eq!(window().location().search().unwrap(), "?reason=expired");
}

#[wasm_bindgen_test]
async fn on_a_remembered_device_the_pin_goes_straight_to_the_home_hub() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    // No session when the sign-in page looks; the hub's after the PIN.
    api.sessions.lock().unwrap().extend([
        Err(ApiError::Server(error_body(
            wire::ErrorCode::Unauthenticated,
        ))),
        Ok(session(900)),
    ]);
    api.homes.lock().unwrap().push_back(Ok(hub()));
    api.logins.lock().unwrap().push_back(Ok(wire::LoginStarted {
        flow_id: String::new(),
        channels: vec![],
        expires_in_secs: 0,
        server_time: 1_000,
    }));
    let app = mount_with("/login", api.clone());
    wait_for_heading(&app.root, "Sign in to UPSers").await;
    type_into(&app.root, "employee-id", "1234567");
    type_into(&app.root, "pin", "Brown-Truck-1907");
    submit_form_of(&app.root, "pin");
    wait_for_heading(&app.root, "Welcome, Jordan").await;
    assert_eq!(window().location().pathname().unwrap(), "/home");
    assert_eq!(session_item("upsers.login_flow"), None, "no flow to resume");
    assert!(
        !api.calls().iter().any(|call| call.starts_with("send:")),
        "{:?}",
        api.calls()
    );
}
