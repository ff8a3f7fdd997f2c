//! A new channel settles before it can recover (issue 32): a contact added
//! or replaced in My account receives sign-in codes and notices at once, but
//! for 72 hours it resets no PIN, verifies no caller to the desk and proves
//! no change of what recovers the account, while the channels verified
//! before it still can. The change's notice goes to every earlier channel
//! with a "This wasn't me" link that puts the old contact back, ends every
//! session and locks the ID until a reset by an earlier channel.

use crate::helpers::*;
use crate::recovery::Recovery;
use serde_json::json;
use upsers_api::domain::roles::Role;
use upsers_api::store::Store;
use upsers_contract as wire;

on_both_stores!(
    a_new_email_settles_before_it_recovers_while_the_earlier_channels_still_can,
    the_change_notice_undoes_the_change_ends_every_session_and_locks_the_id,
    a_report_puts_back_every_contact_changed_in_the_72_hours_before_it,
);

const OLD_EMAIL: &str = "jordan.rivera@upsers.example";
const NEW_EMAIL: &str = "jordan.new@example.com";
const NEW_MOBILE: &str = "+14045550199";
const HOURS_72: i64 = 72 * 60 * 60;

/// Jordan, signed in and stepped up by text, replaces the email address
/// with `NEW_EMAIL`. Returns the session.
async fn jordan_replaces_the_email(app: &TestApp) -> String {
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    replace(app, &session, "email", NEW_EMAIL).await;
    session
}

/// A step-up by text, then `value` verified on `channel`.
async fn replace(app: &TestApp, session: &str, channel: &str, value: &str) {
    app.step_up_by_code(JORDAN, session, "sms").await;
    let body = json!({ "channel": channel, "value": value });
    let response = app
        .post("/api/v1/account/contacts", body, Some(session))
        .await;
    assert_eq!(response.status(), 200, "a code goes to the new contact");
    let sent: wire::CodeSent = response.json().await.unwrap();
    let code = app.latest_code(JORDAN).await;
    let path = format!("/api/v1/account/contacts/{}/verify", sent.flow_id);
    let response = app
        .post(&path, json!({ "code": code }), Some(session))
        .await;
    assert_eq!(response.status(), 200, "the new contact is verified");
}

/// How many codes went to `destination`.
async fn codes_to(app: &TestApp, destination: &str) -> usize {
    app.outbox()
        .await
        .iter()
        .filter(|message| message.destination == destination && message.code.is_some())
        .count()
}

/// The token of the newest "This wasn't me" link sent to `destination`.
async fn report_token_to(app: &TestApp, destination: &str) -> String {
    let notice = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.destination == destination && message.body.contains("#report="))
        .expect("a message with a \"This wasn't me\" link");
    report_token(&notice)
}

async fn a_new_email_settles_before_it_recovers_while_the_earlier_channels_still_can(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let session = jordan_replaces_the_email(&app).await;
    let changed_at = app.clock_now();

    let state = app.step_up_state(&session).await;
    assert_eq!(
        state.settling,
        vec![wire::SettlingChannel {
            channel: wire::Channel::Email,
            settles_at: changed_at + HOURS_72,
        }]
    );
    let listed = app
        .get_with_cookie("/api/v1/account/contacts", &session)
        .await
        .json::<wire::AccountContacts>()
        .await
        .unwrap();
    assert_eq!(listed.settling, state.settling, "My account says so too");
    // It signs in at once.
    app.clock.advance(31);
    let (flow, cookie) = app.start_login(JORDAN, JORDAN_PIN).await;
    assert_eq!(app.send_code(&flow, &cookie, "email").await.status(), 200);
    assert_eq!(codes_to(&app, NEW_EMAIL).await, 2, "verify, then sign in");

    // It resets no PIN: the reset answers as for any channel, and sends
    // nothing; the mobile number, verified before, still resets it.
    app.clock.advance(31);
    let recovery = Recovery::start(&app, JORDAN).await;
    assert_eq!(recovery.send("email").await.status(), 200);
    assert_eq!(codes_to(&app, NEW_EMAIL).await, 2, "no reset code to it");
    recovery.verify_by("sms").await;

    // A code to it proves a removal, never a change of what recovers.
    app.clock.advance(601);
    let state = app.step_up_by_code(JORDAN, &session, "email").await;
    assert!(!state.needs_step_up());
    assert!(state.needs_recovery_step_up(), "no recovery proof");
    let body = json!({ "channel": "sms", "value": NEW_MOBILE });
    let refused = app
        .post("/api/v1/account/contacts", body.clone(), Some(&session))
        .await;
    assert_eq!(error_body(refused, 403).await.fields, ["step_up"]);

    // The desk verifies by the mobile number, and shows the email settling.
    let store = Store::connect(&app.database_url).await.unwrap();
    let now = app.clock_now();
    assert!(
        store
            .grant_role(SAM, Role::SupportAgent, now)
            .await
            .unwrap()
    );
    store.close().await;
    let agent = app.sign_in(SAM, SAM_PIN, "email").await;
    let found = app
        .post(
            "/api/v1/desk/search",
            json!({ "query": JORDAN }),
            Some(&agent),
        )
        .await;
    let card = found.json::<wire::DeskSearchResult>().await.unwrap();
    let card = card.employee.expect("Jordan's card");
    assert_eq!(card.settling, state.settling);
    let send = |channel: &str| {
        let body = json!({ "employee_id": JORDAN, "channel": channel });
        app.post("/api/v1/desk/verification/send", body, Some(&agent))
    };
    assert_eq!(
        error_body(send("email").await, 422).await.fields,
        ["channel"]
    );
    assert_eq!(send("sms").await.status(), 200);

    // 72 hours on, it recovers like any other.
    app.clock.advance(HOURS_72);
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("email").await;
    assert_eq!(
        codes_to(&app, NEW_EMAIL).await,
        4,
        "verify, sign-in, step-up, reset"
    );
}

async fn the_change_notice_undoes_the_change_ends_every_session_and_locks_the_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = jordan_replaces_the_email(&app).await;
    let notice = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.destination == OLD_EMAIL)
        .expect("the old address hears of it");
    for words in [
        "The email address of your UPSers account was changed on",
        "cannot be used to reset your PIN for 72 hours",
        "It works once, for 7 days: http",
    ] {
        assert!(notice.body.contains(words), "{words:?} in {}", notice.body);
    }
    assert!(
        !notice.body.contains(NEW_EMAIL),
        "the notice never names the new address"
    );

    let token = report_token_to(&app, OLD_EMAIL).await;
    let reported = app
        .post("/api/v1/sign-in-reports", json!({ "token": token }), None)
        .await;
    assert_eq!(reported.status(), 200);
    let ended = app.get_with_cookie("/api/v1/session", &session).await;
    assert_eq!(ended.status(), 401, "every session ended");
    let locked = error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    assert!(locked.names(wire::PIN_RESET_FIELD), "{locked:?}");
    // The report's notice goes to the address put back, saying so.
    let told = app.outbox().await.remove(0);
    assert_eq!(told.destination, OLD_EMAIL);
    assert!(
        told.body.contains("your email address, put back as it was"),
        "{}",
        told.body
    );
    // The old address is Jordan's again: it resets the PIN, the new one
    // receives nothing more.
    let before = codes_to(&app, NEW_EMAIL).await;
    app.clock.advance(31);
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("email").await;
    assert_eq!(
        recovery.set_pin("Cedar-Harbor-Lantern-88").await.status(),
        200
    );
    assert_eq!(codes_to(&app, NEW_EMAIL).await, before);
    assert!(codes_to(&app, OLD_EMAIL).await >= 1);
    // The link works once.
    let again = app
        .post("/api/v1/sign-in-reports", json!({ "token": token }), None)
        .await;
    assert_eq!(again.status(), 410);
}

async fn a_report_puts_back_every_contact_changed_in_the_72_hours_before_it(backend: Backend) {
    let app = spawn_app(backend).await;
    // Jordan's own change, four days ago, is not undone.
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    replace(&app, &session, "email", "jordan.own@example.com").await;
    app.clock.advance(4 * 24 * 60 * 60);
    // Then, within an hour, someone with a session: a new mobile number and
    // email address, and then a sign-in from a new browser.
    let theirs = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    replace(&app, &theirs, "sms", NEW_MOBILE).await;
    app.clock.advance(60);
    // A code to the new mobile, which is settling, is no recovery proof:
    // the intruder can change nothing else by text.
    let state = app.step_up_by_code(JORDAN, &theirs, "sms").await;
    assert!(state.needs_recovery_step_up());
    app.clock.advance(11 * 60);
    app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    let token = report_token_to(&app, "jordan.own@example.com").await;

    let reported = app
        .post("/api/v1/sign-in-reports", json!({ "token": token }), None)
        .await;
    assert_eq!(reported.status(), 200);
    let told = app.outbox().await;
    let told: Vec<_> = told.iter().take(2).collect();
    let destinations: Vec<&str> = told.iter().map(|m| m.destination.as_str()).collect();
    assert!(
        destinations.contains(&"+14045550123") && destinations.contains(&"jordan.own@example.com"),
        "told on the contacts as put back: {destinations:?}"
    );
    assert!(
        told.iter()
            .all(|m| m.body.contains("your mobile number, put back as it was")),
        "{told:?}"
    );
    // Reset by the mobile number put back.
    app.clock.advance(31);
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("sms").await;
    let code_to = app.outbox().await.remove(0);
    assert_eq!(code_to.destination, "+14045550123");
}
