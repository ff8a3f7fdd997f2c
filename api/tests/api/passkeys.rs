//! Passkeys, with a software authenticator (`soft_authenticator`): added in
//! My account after a step-up, a sign-in's second step after the PIN, a
//! whole sign-in with no ID or PIN, and every way an answer is refused:
//! another origin, no user verification, a replayed or foreign challenge, a
//! removed passkey, a locked ID, a flood of bad assertions.

use serde_json::json;
use upsers_contract as wire;

use crate::helpers::*;
use crate::recovery::Recovery;
use crate::soft_authenticator::SoftAuthenticator;

on_both_stores!(
    a_passkey_added_in_my_account_signs_in_with_nothing_typed,
    a_passkey_is_the_second_step_after_the_pin,
    an_answer_from_another_origin_or_without_user_verification_is_refused,
    a_challenge_answers_once_and_only_for_its_browser,
    a_removed_passkey_signs_no_one_in,
    a_locked_id_cannot_sign_in_with_a_passkey,
    adding_needs_a_step_up_and_names_are_checked,
    refused_assertions_are_limited_per_address_under_concurrency,
    a_pin_reset_keeps_passkeys_and_its_notice_lists_them,
    this_wasnt_me_removes_the_passkeys_added_lately_and_lists_them,
    twenty_sign_ins_from_new_browsers_are_one_alert,
    a_passkey_cookie_the_server_did_not_mint_is_never_adopted,
);

/// Runs `futures` at once (each on its own task, over its own connection)
/// and answers their outputs in order.
async fn join_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.expect("task"));
    }
    outputs
}

/// Sends every `(challenge_id, credential, cookie)` of `answers` to the
/// sign-in with a passkey at once, each from the browser of its cookie;
/// their statuses.
async fn finish_all_at_once(app: &TestApp, answers: Vec<(String, String, String)>) -> Vec<u16> {
    let sends = answers
        .into_iter()
        .map(|(challenge_id, credential, cookie)| {
            let request = app
                .client
                .post(app.url("/api/v1/login/passkey"))
                .header("cookie", cookie)
                .json(&json!({ "challenge_id": challenge_id, "credential": credential }));
            async move { request.send().await.unwrap().status().as_u16() }
        });
    join_all(sends.collect()).await
}

/// Asks for a registration's challenge with `session`.
pub(crate) async fn registration_options(app: &TestApp, session: &str) -> reqwest::Response {
    app.post(
        "/api/v1/account/passkeys/options",
        json!(null),
        Some(session),
    )
    .await
}

/// Adds a passkey named `name` to Jordan, signed in with `session`, after
/// the step-up by email an addition needs.
async fn add_passkey(
    app: &TestApp,
    session: &str,
    authenticator: &mut SoftAuthenticator,
    name: &str,
) -> reqwest::Response {
    app.step_up_by_code(JORDAN, session, "email").await;
    let response = registration_options(app, session).await;
    assert_eq!(response.status(), 200, "a registration's challenge");
    let challenge: wire::PasskeyChallenge = response.json().await.unwrap();
    let credential = authenticator.create(&challenge.options);
    let body = json!({
        "challenge_id": challenge.challenge_id,
        "credential": credential,
        "name": name,
    });
    post_as(
        app,
        CHROME_ON_WINDOWS,
        "/api/v1/account/passkeys",
        body,
        Some(session),
    )
    .await
}

/// The browser the tests add passkeys from.
const CHROME_ON_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
                                 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// The challenge of a sign-in with no ID, and the browser's cookie for it.
async fn sign_in_options(app: &TestApp, cookie: Option<&str>) -> (wire::PasskeyChallenge, String) {
    let response = app
        .post("/api/v1/login/passkey/options", json!(null), cookie)
        .await;
    assert_eq!(response.status(), 200, "a sign-in's challenge");
    let set = cookie_pair(&response, "__Host-passkey");
    let cookie = set.or(cookie.map(str::to_owned)).expect("a passkey cookie");
    (response.json().await.unwrap(), cookie)
}

async fn finish_sign_in(
    app: &TestApp,
    challenge_id: &str,
    credential: &str,
    cookie: &str,
) -> reqwest::Response {
    let body = json!({ "challenge_id": challenge_id, "credential": credential });
    app.post("/api/v1/login/passkey", body, Some(cookie)).await
}

/// A whole sign-in with `authenticator`'s passkey, nothing typed.
async fn passkey_sign_in(
    app: &TestApp,
    authenticator: &mut SoftAuthenticator,
) -> reqwest::Response {
    let (challenge, cookie) = sign_in_options(app, None).await;
    let credential = authenticator.get(&challenge.options);
    finish_sign_in(app, &challenge.challenge_id, &credential, &cookie).await
}

async fn passkeys_of(app: &TestApp, session: &str) -> wire::AccountPasskeys {
    let response = app
        .get_with_cookie("/api/v1/account/passkeys", session)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Jordan, signed in, with one passkey ("Work laptop") on `authenticator`.
async fn jordan_with_a_passkey(app: &TestApp) -> (String, SoftAuthenticator) {
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let mut authenticator = SoftAuthenticator::at(&app.address);
    let response = add_passkey(app, &session, &mut authenticator, "Work laptop").await;
    assert_eq!(response.status(), 200, "the passkey is added");
    (session, authenticator)
}

async fn a_passkey_added_in_my_account_signs_in_with_nothing_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, mut authenticator) = jordan_with_a_passkey(&app).await;

    let listed = passkeys_of(&app, &session).await;
    assert_eq!(listed.passkeys.len(), 1);
    assert_eq!(listed.passkeys[0].name, "Work laptop");
    assert_eq!(listed.passkeys[0].last_used_at, None);
    let notices: Vec<_> = app.outbox().await.into_iter().take(2).collect();
    assert!(
        notices
            .iter()
            .all(|notice| notice.body.contains("A passkey was added") && notice.code.is_none()),
        "both verified channels hear of it: {notices:?}"
    );

    let response = passkey_sign_in(&app, &mut authenticator).await;
    assert_eq!(response.status(), 200, "signed in with the passkey alone");
    let cleared = set_cookie_header(&response, "__Host-passkey").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let signed_in = cookie_pair(&response, "__Host-session").expect("a session");
    let info: wire::SessionInfo = response.json().await.unwrap();
    assert_eq!(info.employee_id, JORDAN);
    let current = app.get_with_cookie("/api/v1/session", &signed_in).await;
    assert_eq!(current.status(), 200);

    let listed = passkeys_of(&app, &session).await;
    assert_eq!(listed.passkeys[0].last_used_at, Some(app.clock_now()));
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"passkey_added".to_owned()), "{audit:?}");
    assert!(audit.contains(&"sign_in_success".to_owned()), "{audit:?}");

    // Renamed, it keeps signing in.
    let id = listed.passkeys[0].id.clone();
    let body = json!({ "passkey_id": id, "name": "  Phone  " });
    let renamed = app
        .post("/api/v1/account/passkeys/rename", body, Some(&session))
        .await;
    assert_eq!(renamed.status(), 200);
    let renamed: wire::AccountPasskeys = renamed.json().await.unwrap();
    assert_eq!(renamed.passkeys[0].name, "Phone");
    assert_eq!(
        passkey_sign_in(&app, &mut authenticator).await.status(),
        200
    );
}

async fn a_passkey_is_the_second_step_after_the_pin(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, mut authenticator) = jordan_with_a_passkey(&app).await;

    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    let options = format!("/api/v1/login/{}/passkey/options", flow.flow_id);
    let response = app.post(&options, json!(null), Some(&cookie)).await;
    assert_eq!(response.status(), 200);
    let challenge: wire::PasskeyChallenge = response.json().await.unwrap();
    let listed: serde_json::Value = serde_json::from_str(&challenge.options).unwrap();
    assert_eq!(
        listed["allowCredentials"].as_array().map(Vec::len),
        Some(1),
        "the employee's passkey is named"
    );
    assert_eq!(listed["userVerification"], "required");
    let credential = authenticator.get(&challenge.options);
    let finish = format!("/api/v1/login/{}/passkey", flow.flow_id);
    let body = json!({ "challenge_id": challenge.challenge_id, "credential": credential });
    let response = app.post(&finish, body.clone(), Some(&cookie)).await;
    assert_eq!(response.status(), 200, "signed in by PIN and passkey");
    assert!(cookie_pair(&response, "__Host-session").is_some());
    let flow_cookie = set_cookie_header(&response, "__Host-flow").unwrap();
    assert!(flow_cookie.contains("Max-Age=0"), "the flow ends");
    let again = app.post(&finish, body, Some(&cookie)).await;
    assert_eq!(again.status(), 410, "the flow is over");

    // Sam has no passkey: the verify page sends a code instead.
    let (flow, cookie) = app.start_login(SAM, SAM_PIN).await;
    let options = format!("/api/v1/login/{}/passkey/options", flow.flow_id);
    let none = app.post(&options, json!(null), Some(&cookie)).await;
    let body = error_body(none, 404).await;
    assert!(body.names(wire::PASSKEY_FIELD), "{body:?}");
}

async fn an_answer_from_another_origin_or_without_user_verification_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, mut authenticator) = jordan_with_a_passkey(&app).await;

    // A phishing page relaying the challenge signs for its own origin.
    authenticator.origin = "https://upsers-login.example".to_owned();
    let response = passkey_sign_in(&app, &mut authenticator).await;
    let body = error_body(response, 401).await;
    assert_eq!(body.code, wire::ErrorCode::InvalidCredentials);
    assert!(body.names(wire::PASSKEY_FIELD));
    let refused = add_passkey(&app, &session, &mut authenticator, "Phished").await;
    assert_eq!(refused.status(), 401, "nor may it register one");

    authenticator.origin = SoftAuthenticator::at(&app.address).origin;
    authenticator.verifies_user = false;
    let response = passkey_sign_in(&app, &mut authenticator).await;
    assert_eq!(response.status(), 401, "user verification is required");

    authenticator.verifies_user = true;
    assert_eq!(
        passkey_sign_in(&app, &mut authenticator).await.status(),
        200
    );
    assert_eq!(passkeys_of(&app, &session).await.passkeys.len(), 1);
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"passkey_failed".to_owned()), "{audit:?}");
}

async fn a_passkey_cookie_the_server_did_not_mint_is_never_adopted(backend: Backend) {
    let app = spawn_app(backend).await;
    let planted = "__Host-passkey=chosen-by-someone-else";
    let (_, minted) = sign_in_options(&app, Some(planted)).await;
    assert_ne!(minted, planted, "the server mints the browser's value");
    // Kept while a challenge waits for it (the autofill's and the button's).
    let response = app
        .post("/api/v1/login/passkey/options", json!(null), Some(&minted))
        .await;
    assert_eq!(
        cookie_pair(&response, "__Host-passkey"),
        Some(minted.clone())
    );
    // Once every challenge of it is over, it is a stranger's value too.
    app.clock.advance(301);
    let (_, later) = sign_in_options(&app, Some(&minted)).await;
    assert_ne!(later, minted);
}

async fn a_challenge_answers_once_and_only_for_its_browser(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, mut authenticator) = jordan_with_a_passkey(&app).await;

    let (challenge, cookie) = sign_in_options(&app, None).await;
    let credential = authenticator.get(&challenge.options);
    // Another browser (another cookie) cannot use this browser's challenge.
    let (_, other_browser) = sign_in_options(&app, None).await;
    let foreign = finish_sign_in(&app, &challenge.challenge_id, &credential, &other_browser).await;
    let body = error_body(foreign, 410).await;
    assert_eq!(body.code, wire::ErrorCode::CodeExpired);
    assert!(body.names(wire::PASSKEY_FIELD));

    // The same answer sent 40 times at once signs in once.
    let same = (challenge.challenge_id.clone(), credential.clone(), cookie);
    let statuses = finish_all_at_once(&app, vec![same; 40]).await;
    assert_eq!(
        statuses.iter().filter(|status| **status == 200).count(),
        1,
        "{statuses:?}"
    );
    // The others find it taken (410) or, while the slots of the address's
    // failure window are held by requests in flight, are refused (429).
    assert!(
        statuses
            .iter()
            .all(|status| matches!(status, 200 | 410 | 429)),
        "{statuses:?}"
    );

    // A challenge past its 5 minutes answers no more.
    let (challenge, cookie) = sign_in_options(&app, None).await;
    let credential = authenticator.get(&challenge.options);
    app.clock.advance(challenge.expires_in_secs as i64);
    let late = finish_sign_in(&app, &challenge.challenge_id, &credential, &cookie).await;
    assert_eq!(late.status(), 410);

    // Nonsense is a clear error, and loses nothing.
    let (challenge, cookie) = sign_in_options(&app, None).await;
    let garbage = finish_sign_in(&app, &challenge.challenge_id, "{\"id\": 7}", &cookie).await;
    let body = error_body(garbage, 422).await;
    assert!(body.names("credential"), "{body:?}");
    let no_cookie = app
        .post(
            "/api/v1/login/passkey",
            json!({ "challenge_id": "x", "credential": "{}" }),
            None,
        )
        .await;
    assert_eq!(no_cookie.status(), 410);
}

async fn a_removed_passkey_signs_no_one_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, mut authenticator) = jordan_with_a_passkey(&app).await;
    let id = passkeys_of(&app, &session).await.passkeys[0].id.clone();

    let removed = app
        .post(
            "/api/v1/account/passkeys/remove",
            json!({ "passkey_id": id }),
            Some(&session),
        )
        .await;
    assert_eq!(removed.status(), 200);
    let removed: wire::AccountPasskeys = removed.json().await.unwrap();
    assert!(removed.passkeys.is_empty());
    let notice = app.outbox().await.remove(0);
    assert!(
        notice.body.contains("A passkey was removed"),
        "{}",
        notice.body
    );
    let again = app
        .post(
            "/api/v1/account/passkeys/remove",
            json!({ "passkey_id": id }),
            Some(&session),
        )
        .await;
    assert_eq!(again.status(), 200, "removing twice is no error");

    let response = passkey_sign_in(&app, &mut authenticator).await;
    assert_eq!(response.status(), 401, "the removed passkey is refused");
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    let options = format!("/api/v1/login/{}/passkey/options", flow.flow_id);
    let none = app.post(&options, json!(null), Some(&cookie)).await;
    assert_eq!(none.status(), 404, "no passkey is offered after the PIN");
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"passkey_removed".to_owned()), "{audit:?}");
}

async fn a_locked_id_cannot_sign_in_with_a_passkey(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, mut authenticator) = jordan_with_a_passkey(&app).await;
    for _ in 0..3 {
        app.login(JORDAN, "Wrong-Pin-0000").await;
    }
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 423);

    let response = passkey_sign_in(&app, &mut authenticator).await;
    let body = error_body(response, 423).await;
    assert_eq!(body.code, wire::ErrorCode::Locked);
    assert!(
        body.retry_after_secs.is_some_and(|secs| secs > 0),
        "{body:?}"
    );

    app.clock.advance(15 * 60);
    assert_eq!(
        passkey_sign_in(&app, &mut authenticator).await.status(),
        200,
        "once the lock is over, the passkey signs in"
    );
}

async fn adding_needs_a_step_up_and_names_are_checked(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let mut authenticator = SoftAuthenticator::at(&app.address);

    // However fresh the sign-in, and after the current PIN too, an addition
    // needs a one-time PIN made for it.
    let body = error_body(registration_options(&app, &session).await, 403).await;
    assert!(body.needs_step_up(), "{body:?}");
    let step_up = app
        .post(
            "/api/v1/account/step-up/pin",
            json!({ "pin": JORDAN_PIN }),
            Some(&session),
        )
        .await;
    assert_eq!(step_up.status(), 200);
    let state: wire::StepUpState = step_up.json().await.unwrap();
    assert!(state.needs_recovery_step_up(), "{state:?}");
    let body = error_body(registration_options(&app, &session).await, 403).await;
    assert!(body.needs_step_up(), "{body:?}");

    let response = add_passkey(&app, &session, &mut authenticator, &"x".repeat(65)).await;
    let body = error_body(response, 422).await;
    assert!(body.names("name"), "{body:?}");
    assert!(passkeys_of(&app, &session).await.passkeys.is_empty());

    let response = add_passkey(&app, &session, &mut authenticator, "").await;
    assert_eq!(response.status(), 200);
    let named: wire::AccountPasskeys = response.json().await.unwrap();
    assert!(
        !named.passkeys[0].name.is_empty(),
        "named after its browser"
    );
    let body = error_body(registration_options(&app, &session).await, 403).await;
    assert!(body.needs_step_up(), "the addition spent the proof");

    // The registration options leave out the passkey the employee has.
    app.step_up_by_code(JORDAN, &session, "sms").await;
    let options = registration_options(&app, &session).await;
    let challenge: wire::PasskeyChallenge = options.json().await.unwrap();
    let options: serde_json::Value = serde_json::from_str(&challenge.options).unwrap();
    assert_eq!(
        options["excludeCredentials"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");

    // A proof lasts the step-up window (10 minutes), then a new one is asked.
    app.clock.advance(10 * 60);
    let body = error_body(registration_options(&app, &session).await, 403).await;
    assert!(body.needs_step_up(), "{body:?}");
    let response = add_passkey(&app, &session, &mut authenticator, "Security key").await;
    assert_eq!(response.status(), 200);

    // A challenge belongs to its session: another session of the same
    // employee, with a proof of its own, cannot finish it.
    let other = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    app.step_up_by_code(JORDAN, &other, "sms").await;
    app.step_up_by_code(JORDAN, &session, "sms").await;
    let options = registration_options(&app, &session).await;
    let challenge: wire::PasskeyChallenge = options.json().await.unwrap();
    let credential = authenticator.create(&challenge.options);
    let body = json!({ "challenge_id": challenge.challenge_id, "credential": credential });
    let response = app
        .post("/api/v1/account/passkeys", body, Some(&other))
        .await;
    assert_eq!(response.status(), 410);
    assert_eq!(passkeys_of(&app, &session).await.passkeys.len(), 2);
}

async fn refused_assertions_are_limited_per_address_under_concurrency(backend: Backend) {
    let app = spawn_app(backend).await;
    // A passkey this portal never registered: every answer is refused.
    let mut stranger = SoftAuthenticator::at(&app.address);
    let unknown_user = json!({
        "rp": { "id": "localhost", "name": "UPSers" },
        "user": { "id": "AAAAAAAAAAAAAAAAAAAAAA", "name": "x", "displayName": "x" },
        "challenge": "AAAA",
    });
    stranger.create(&unknown_user.to_string());

    // Each from a browser of its own: one browser holds three ceremonies.
    let mut answers = Vec::new();
    for _ in 0..25 {
        let (challenge, cookie) = sign_in_options(&app, None).await;
        let credential = stranger.get(&challenge.options);
        answers.push((challenge.challenge_id.clone(), credential, cookie));
    }
    let statuses = finish_all_at_once(&app, answers).await;
    let refused = statuses.iter().filter(|status| **status == 401).count();
    let limited = statuses.iter().filter(|status| **status == 429).count();
    assert_eq!((refused, limited), (20, 5), "{statuses:?}");

    // Beginning sign-ins is limited too: 120 a minute per address.
    let mut begun = 25;
    loop {
        let response = app
            .post("/api/v1/login/passkey/options", json!(null), None)
            .await;
        if response.status() == 429 {
            break;
        }
        assert_eq!(response.status(), 200);
        begun += 1;
    }
    assert_eq!(begun, 120);
}

async fn a_pin_reset_keeps_passkeys_and_its_notice_lists_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let (session, mut authenticator) = jordan_with_a_passkey(&app).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("sms").await;
    assert_eq!(
        recovery.set_pin("Cedar-Harbor-Lantern-88").await.status(),
        200
    );

    let notices: Vec<_> = app.outbox().await.into_iter().take(2).collect();
    for notice in &notices {
        // Named by when and from what it was added, never by its name: a
        // name is whatever text whoever held the session chose.
        assert!(
            notice.body.contains("with Chrome 131 on Windows 10")
                && !notice.body.contains("Work laptop"),
            "{}",
            notice.body
        );
        assert!(notice.body.contains("/account#passkeys"), "{}", notice.body);
    }
    let channels: Vec<_> = notices.iter().map(|notice| notice.channel).collect();
    assert!(channels.contains(&wire::Channel::Sms) && channels.contains(&wire::Channel::Email));

    assert_eq!(
        app.get_with_cookie("/api/v1/session", &session)
            .await
            .status(),
        401,
        "the reset ended the session"
    );
    assert_eq!(
        passkey_sign_in(&app, &mut authenticator).await.status(),
        200,
        "the passkey still signs in"
    );
}

/// "This wasn't me" removes the passkeys added in the 72 hours before the
/// reported sign-in (an intruder's), names them in its notice by when and
/// from what they were added, and keeps the older ones, which sign in again
/// once the PIN is reset.
async fn this_wasnt_me_removes_the_passkeys_added_lately_and_lists_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, mut older) = jordan_with_a_passkey(&app).await;
    app.clock.advance(73 * 60 * 60);
    // The intruder's: added from a new browser, whose alert carries "This
    // wasn't me".
    let (_, mut theirs) = jordan_with_a_passkey(&app).await;
    let alert = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.body.contains("/forgot#report="))
        .expect("a new-device alert");
    let token = report_token(&alert);
    let reported = app
        .post("/api/v1/sign-in-reports", json!({ "token": token }), None)
        .await;
    assert_eq!(reported.status(), 200);
    let told = app.outbox().await.remove(0);
    assert!(
        told.body.contains("was undone too: the passkey added on")
            && told.body.contains("with Chrome 131 on Windows 10")
            && !told.body.contains("Work laptop"),
        "{}",
        told.body
    );

    let refused = passkey_sign_in(&app, &mut older).await;
    let body = error_body(refused, 423).await;
    assert!(body.names(wire::PIN_RESET_FIELD), "{body:?}");

    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("email").await;
    assert_eq!(
        recovery.set_pin("Cedar-Harbor-Lantern-88").await.status(),
        200
    );
    assert_eq!(
        passkey_sign_in(&app, &mut older).await.status(),
        200,
        "the reset unlocked the ID, and the older passkey is still there"
    );
    let gone = passkey_sign_in(&app, &mut theirs).await;
    assert_eq!(gone.status(), 401, "the intruder's passkey is gone");
}

/// Twenty passkey sign-ins from twenty new browsers within minutes are one
/// cause: one new-device alert (on each channel), the rest folded.
async fn twenty_sign_ins_from_new_browsers_are_one_alert(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, mut authenticator) = jordan_with_a_passkey(&app).await;
    // The sign-in that added the passkey alerted already; a burst later on.
    app.clock.advance(11 * 60);
    let alerts_before = alert_count(&app).await;
    for _ in 0..20 {
        let signed_in = passkey_sign_in(&app, &mut authenticator).await;
        assert_eq!(signed_in.status(), 200);
    }
    assert_eq!(
        alert_count(&app).await - alerts_before,
        2,
        "one alert, on each channel"
    );
    let audit = app_audit(&app, JORDAN).await;
    let folded = audit.iter().filter(|kind| *kind == "notice_folded").count();
    assert_eq!(folded, 19);
}

async fn alert_count(app: &TestApp) -> usize {
    app.outbox()
        .await
        .iter()
        .filter(|message| message.body.contains("/forgot#report="))
        .count()
}
