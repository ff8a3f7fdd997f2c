//! Remember this device: a browser remembered on the code step signs in with
//! the PIN alone, for that employee only, until the policy's days are over,
//! it is forgotten in My account, or the PIN changes; the lockout holds all
//! the same.

use crate::helpers::*;
use serde_json::json;
use upsers_api::config::Overrides;
use upsers_contract as wire;

on_both_stores!(
    a_remembered_device_signs_in_with_the_pin_alone_for_that_employee_only,
    the_lockout_holds_on_a_remembered_device,
    a_remembered_device_is_forgotten_after_the_policy_days_and_never_with_the_switch_off,
    devices_are_listed_and_one_is_forgotten_in_my_account,
    a_pin_change_forgets_every_remembered_device,
    one_shared_browser_is_remembered_for_each_employee_who_chose_it,
    concurrent_sign_ins_on_a_device_being_forgotten_never_skip_the_code_after_it,
    a_copied_device_cookie_counts_only_in_the_kind_of_browser_it_was_remembered_in,
    a_device_token_the_server_did_not_mint_is_never_adopted,
);

const CHROME_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

/// A sign-in by `user_agent`'s browser carrying `cookies`: the PIN, then
/// (unless the browser is remembered) a code by email, remembering the
/// browser when `remember`. Returns the `__Host-device` pair it ends with,
/// and whether a code was asked for.
async fn sign_in_in(
    app: &TestApp,
    user_agent: &str,
    cookies: Option<&str>,
    remember: bool,
) -> (String, bool) {
    let login = json!({ "employee_id": JORDAN, "pin": JORDAN_PIN });
    let response = post_as(app, user_agent, "/api/v1/login", login, cookies).await;
    assert_eq!(response.status(), 200, "the PIN is right");
    if let Some(device) = cookie_pair(&response, "__Host-device") {
        return (device, false);
    }
    let flow_cookie = cookie_pair(&response, "__Host-flow").expect("a code is asked for");
    let flow: wire::LoginStarted = response.json().await.unwrap();
    let cookies = match cookies {
        Some(cookies) => format!("{flow_cookie}; {cookies}"),
        None => flow_cookie,
    };
    let send = format!("/api/v1/login/{}/send", flow.flow_id);
    let sent = post_as(
        app,
        user_agent,
        &send,
        json!({ "channel": "email" }),
        Some(&cookies),
    )
    .await;
    assert_eq!(sent.status(), 200);
    let code = app.latest_code(JORDAN).await;
    let verify = format!("/api/v1/login/{}/verify", flow.flow_id);
    let body = json!({ "code": code, "remember_device": remember });
    let response = post_as(app, user_agent, &verify, body, Some(&cookies)).await;
    assert_eq!(response.status(), 200, "the code is right");
    let device = cookie_pair(&response, "__Host-device").expect("the browser's token");
    (device, true)
}

/// The new-device alerts Jordan was sent.
async fn alerts(app: &TestApp) -> usize {
    let audit = app_audit(app, JORDAN).await;
    audit
        .iter()
        .filter(|kind| *kind == "new_device_alert")
        .count()
}

async fn a_copied_device_cookie_counts_only_in_the_kind_of_browser_it_was_remembered_in(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (device, asked) = sign_in_in(&app, CHROME_WINDOWS, None, true).await;
    assert!(asked);
    assert_eq!(alerts(&app).await, 1, "a new browser");
    let (again, asked) = sign_in_in(&app, CHROME_WINDOWS, Some(&device), false).await;
    assert!(!asked, "remembered: the PIN alone");
    assert_eq!(again, device);

    // The cookie copied into another kind of browser (or one saying none):
    // a new browser there, with a code, a token of its own and an alert
    // (once the first alert's burst is over).
    app.clock.advance(601);
    let (theirs, asked) = sign_in_in(&app, FIREFOX_LINUX, Some(&device), false).await;
    assert!(asked, "a copied cookie skips nothing");
    assert_ne!(theirs, device, "a token of its own");
    assert_eq!(alerts(&app).await, 2, "the employee hears of it");
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
    // The browser it was remembered on still counts.
    let (_, asked) = sign_in_in(&app, CHROME_WINDOWS, Some(&device), false).await;
    assert!(!asked);
}

async fn a_device_token_the_server_did_not_mint_is_never_adopted(backend: Backend) {
    let app = spawn_app(backend).await;
    let planted = format!("__Host-device={}", "Q".repeat(43));
    let (minted, _) = sign_in_in(&app, CHROME_WINDOWS, Some(&planted), true).await;
    assert_ne!(minted, planted, "the server mints the token");
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &planted).await);
    let (_, asked) = sign_in_in(&app, CHROME_WINDOWS, Some(&minted), false).await;
    assert!(!asked, "the minted one is remembered");
}

/// Whether a right PIN from a browser with `cookie` signed in at once.
async fn signs_in_at_once(app: &TestApp, employee_id: &str, pin: &str, cookie: &str) -> bool {
    let response = app.login_with(employee_id, pin, cookie).await;
    assert_eq!(response.status(), 200, "the PIN is right");
    let session = cookie_pair(&response, "__Host-session");
    let started: wire::LoginStarted = response.json().await.unwrap();
    assert_eq!(started.signed_in(), session.is_some());
    started.signed_in()
}

async fn devices(app: &TestApp, cookies: &str) -> Vec<wire::RememberedDevice> {
    let response = app
        .get_with_cookie("/api/v1/account/devices", cookies)
        .await;
    assert_eq!(response.status(), 200);
    response
        .json::<wire::RememberedDevices>()
        .await
        .unwrap()
        .devices
}

async fn a_remembered_device_signs_in_with_the_pin_alone_for_that_employee_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;

    let response = app.login_with(JORDAN, JORDAN_PIN, &device).await;
    assert_eq!(response.status(), 200);
    let flow = cookie_pair(&response, "__Host-flow");
    assert!(
        flow.as_deref().is_none_or(|pair| pair == "__Host-flow="),
        "no flow follows: {flow:?}"
    );
    let session = cookie_pair(&response, "__Host-session").expect("signed in");
    let started: wire::LoginStarted = response.json().await.unwrap();
    assert!(started.signed_in(), "no second step");
    assert!(started.flow_id.is_empty() && started.channels.is_empty());
    let info = app.get_with_cookie("/api/v1/session", &session).await;
    assert_eq!(info.status(), 200);
    let info: wire::SessionInfo = info.json().await.unwrap();
    assert_eq!(info.employee_id, JORDAN);
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"device_remembered".to_owned()), "{audit:?}");
    assert_eq!(
        audit.last().map(String::as_str),
        Some("sign_in_success"),
        "{audit:?}"
    );

    // Another browser, another employee, a forged token: a code as always.
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, "__Host-other=1").await);
    assert!(!signs_in_at_once(&app, SAM, SAM_PIN, &device).await);
    let forged = format!("__Host-device={}", "A".repeat(43));
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &forged).await);
    // And a wrong PIN is wrong.
    let wrong = app.login_with(JORDAN, "Not-The-Pin-1", &device).await;
    assert_eq!(error_body(wrong, 401).await.attempts_remaining, Some(2));
}

async fn the_lockout_holds_on_a_remembered_device(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    for _ in 0..3 {
        app.login_with(JORDAN, "Not-The-Pin-1", &device).await;
    }
    let locked = error_body(app.login_with(JORDAN, JORDAN_PIN, &device).await, 423).await;
    assert_eq!(locked.code, wire::ErrorCode::Locked);

    // Once the lock is over, the device still counts.
    app.clock.advance(900);
    assert!(signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
}

async fn a_remembered_device_is_forgotten_after_the_policy_days_and_never_with_the_switch_off(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (_, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    let sent: wire::CodeSent = app
        .send_code(&flow, &cookie, "sms")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent.remember_device_days, 30, "the code step offers it");
    app.clock.advance(30 * 86_400 - 1);
    assert!(signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
    app.clock.advance(1);
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);

    let off = spawn_app_with(
        backend,
        Overrides {
            remember_device_days: Some(0),
            ..Overrides::default()
        },
    )
    .await;
    let (flow, cookie) = off.start_login(JORDAN, JORDAN_PIN).await;
    let sent: wire::CodeSent = off
        .send_code(&flow, &cookie, "sms")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent.remember_device_days, 0, "not offered");
    let code = off.latest_code(JORDAN).await;
    let path = format!("/api/v1/login/{}/verify", flow.flow_id);
    let body = json!({ "code": code, "remember_device": true });
    let response = off.post(&path, body, Some(&cookie)).await;
    assert_eq!(response.status(), 200);
    // The browser keeps its token (for new-device alerts), and it skips
    // nothing.
    let device = cookie_pair(&response, "__Host-device").expect("the browser's token");
    assert!(!signs_in_at_once(&off, JORDAN, JORDAN_PIN, &device).await);
    let forged = format!("__Host-device={}", "A".repeat(43));
    assert!(!signs_in_at_once(&off, JORDAN, JORDAN_PIN, &forged).await);
}

async fn devices_are_listed_and_one_is_forgotten_in_my_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let header = set_cookie_header(
        &{
            let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
            app.send_code(&flow, &cookie, "email").await;
            let code = app.latest_code(SAM).await;
            let path = format!("/api/v1/login/{}/verify", flow.flow_id);
            app.post(
                &path,
                json!({ "code": code, "remember_device": true }),
                Some(&cookie),
            )
            .await
        },
        "__Host-device",
    )
    .expect("Sam's browser is remembered");
    for attribute in [
        "Path=/",
        "Secure",
        "HttpOnly",
        "SameSite=Strict",
        // The longer of the 90-day new-device window and the 30 days.
        "Max-Age=7776000",
    ] {
        assert!(header.contains(attribute), "{attribute} in {header}");
    }
    app.clock.advance(60);
    let (_, phone) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;

    let here = format!("{session}; {device}");
    let listed = devices(&app, &here).await;
    assert_eq!(listed.len(), 2, "Jordan's two, not Sam's: {listed:?}");
    assert!(!listed[0].this_device, "the phone, remembered last");
    assert!(listed[1].this_device);
    assert_eq!(listed[1].expires_at, listed[1].remembered_at + 30 * 86_400);
    assert_eq!(listed[1].address.as_deref(), Some("127.0.0.1"));

    let forget = |id: String| {
        let app = &app;
        let here = here.clone();
        async move {
            app.post(
                "/api/v1/account/devices/forget",
                json!({ "device_id": id }),
                Some(&here),
            )
            .await
        }
    };
    let response = forget(listed[0].id.clone()).await;
    assert_eq!(response.status(), 200);
    let left: wire::RememberedDevices = response.json().await.unwrap();
    assert_eq!(left.devices.len(), 1);
    assert!(left.devices[0].this_device);
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &phone).await);
    assert!(signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"device_forgotten".to_owned()), "{audit:?}");

    // Forgetting again, or someone else's device, changes nothing.
    assert_eq!(forget(listed[0].id.clone()).await.status(), 200);
    let blank = error_body(forget("  ".into()).await, 422).await;
    assert_eq!(blank.fields, ["device_id"]);
    let anonymous = app.get("/api/v1/account/devices").await;
    assert_eq!(anonymous.status(), 401);
}

async fn a_pin_change_forgets_every_remembered_device(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let (_, sams) = app.sign_in_remembering(SAM, SAM_PIN, None).await;
    let new_pin = "Cedar-Harbor-Lantern-88";
    let response = app
        .post(
            "/api/v1/account/pin",
            json!({ "current_pin": JORDAN_PIN, "new_pin": new_pin }),
            Some(&session),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(!signs_in_at_once(&app, JORDAN, new_pin, &device).await);
    assert!(
        signs_in_at_once(&app, SAM, SAM_PIN, &sams).await,
        "other employees keep theirs"
    );
}

async fn one_shared_browser_is_remembered_for_each_employee_who_chose_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let (_, again) = app.sign_in_remembering(SAM, SAM_PIN, Some(&device)).await;
    assert_eq!(again, device, "the browser keeps its one token");
    assert!(signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
    assert!(signs_in_at_once(&app, SAM, SAM_PIN, &device).await);
}

async fn concurrent_sign_ins_on_a_device_being_forgotten_never_skip_the_code_after_it(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (session, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let id = devices(&app, &format!("{session}; {device}")).await[0]
        .id
        .clone();
    let app = std::sync::Arc::new(app);
    // As many at once as the ID's attempts guard lets run together (its
    // slots are the lockout's three), over real connections.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(4));
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let (app, barrier, device) = (app.clone(), barrier.clone(), device.clone());
        racing.spawn(async move {
            barrier.wait().await;
            app.login_with(JORDAN, JORDAN_PIN, &device).await.status()
        });
    }
    barrier.wait().await;
    let forgotten = app
        .post(
            "/api/v1/account/devices/forget",
            json!({ "device_id": id }),
            Some(&session),
        )
        .await;
    assert_eq!(forgotten.status(), 200);
    while let Some(status) = racing.join_next().await {
        assert_eq!(status.unwrap(), 200, "each PIN was right");
    }
    // Whatever raced it, the device is forgotten from now on.
    assert!(!signs_in_at_once(&app, JORDAN, JORDAN_PIN, &device).await);
}
