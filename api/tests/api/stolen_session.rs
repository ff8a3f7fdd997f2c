//! The stolen-session attacker (SECURITY.md): someone holding only an
//! employee's session cookie, however fresh (a shared PC left signed in, a
//! copied cookie), cannot change what recovers the account. Each change of a
//! contact, of the challenge questions or of the passkeys needs a one-time
//! PIN to a channel verified before it, made after the sign-in for that one
//! change.

use serde_json::json;
use upsers_contract as wire;

use crate::helpers::*;

on_both_stores!(
    a_session_cookie_alone_changes_nothing_that_recovers_the_account,
    a_new_contacts_code_needs_the_proof_the_change_began_with,
);

const ATTACKER_EMAIL: &str = "thief@attacker.example";

fn three_answers(app_questions: &wire::AccountQuestions) -> serde_json::Value {
    let answers: Vec<_> = app_questions
        .questions
        .iter()
        .take(3)
        .map(|question| json!({ "question_id": question.id, "answer": "Attacker's answer" }))
        .collect();
    json!({ "answers": answers })
}

async fn questions_of(app: &TestApp, session: &str) -> wire::AccountQuestions {
    let response = app
        .get_with_cookie("/api/v1/account/questions", session)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn contacts_of(app: &TestApp, session: &str) -> wire::AccountContacts {
    let response = app
        .get_with_cookie("/api/v1/account/contacts", session)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn a_session_cookie_alone_changes_nothing_that_recovers_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    // Jordan has just signed in (PIN and code): the session is as fresh as
    // a session gets, and the thief copies its cookie.
    let stolen = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let contacts_before = contacts_of(&app, &stolen).await;
    let questions_before = questions_of(&app, &stolen).await;

    let mut refused = Vec::new();
    for (path, body) in [
        (
            "/api/v1/account/contacts",
            json!({ "channel": "email", "value": ATTACKER_EMAIL }),
        ),
        (
            "/api/v1/account/contacts",
            json!({ "channel": "sms", "value": "404-555-0199" }),
        ),
        (
            "/api/v1/account/questions",
            three_answers(&questions_before),
        ),
        ("/api/v1/account/passkeys/options", json!(null)),
        (
            "/api/v1/account/passkeys",
            json!({ "challenge_id": "guessed", "credential": "{}" }),
        ),
    ] {
        let response = app.post(path, body, Some(&stolen)).await;
        let body = error_body(response, 403).await;
        assert!(body.needs_step_up(), "{path}: {body:?}");
        assert!(
            body.message.contains("one-time PIN") && !body.message.contains("current PIN"),
            "{path}: {body:?}"
        );
        refused.push(path);
    }
    assert_eq!(refused.len(), 5);

    // The current PIN, which the thief may have seen typed, is no proof for
    // such a change either (and the thief here does not have it).
    let guessed = app
        .post(
            "/api/v1/account/step-up/pin",
            json!({ "pin": "Brown-Truck-1906" }),
            Some(&stolen),
        )
        .await;
    assert_eq!(error_body(guessed, 401).await.attempts_remaining, Some(2));

    // A step-up code goes to Jordan's own phone, never to the thief.
    let sent = app
        .post(
            "/api/v1/account/step-up/send",
            json!({ "channel": "sms" }),
            Some(&stolen),
        )
        .await;
    let sent: wire::CodeSent = sent.json().await.unwrap();
    assert!(sent.destination.contains('•'), "{}", sent.destination);
    let outbox = app.outbox().await;
    assert!(
        outbox
            .iter()
            .all(|message| message.destination != ATTACKER_EMAIL),
        "nothing reached the thief's address"
    );
    assert!(outbox[0].destination == "+14045550123");

    assert_eq!(contacts_of(&app, &stolen).await, contacts_before);
    assert_eq!(
        questions_of(&app, &stolen).await.chosen,
        questions_before.chosen
    );
    let passkeys = app
        .get_with_cookie("/api/v1/account/passkeys", &stolen)
        .await;
    let passkeys: wire::AccountPasskeys = passkeys.json().await.unwrap();
    assert!(passkeys.passkeys.is_empty());
    let audit = app_audit(&app, JORDAN).await;
    for changed in ["contact_changed", "questions_changed", "passkey_added"] {
        assert!(!audit.iter().any(|kind| kind == changed), "{audit:?}");
    }
}

async fn a_new_contacts_code_needs_the_proof_the_change_began_with(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let before = contacts_of(&app, &session).await;
    app.step_up_by_code(JORDAN, &session, "email").await;
    let sent = app
        .post(
            "/api/v1/account/contacts",
            json!({ "channel": "email", "value": "jordan.new@example.com" }),
            Some(&session),
        )
        .await;
    assert_eq!(sent.status(), 200);
    let sent: wire::CodeSent = sent.json().await.unwrap();
    let code = app.latest_code(JORDAN).await;

    // Another change spends the proof before the new address's code comes
    // back: the code alone does not finish the contact change.
    let questions = questions_of(&app, &session).await;
    let changed = app
        .post(
            "/api/v1/account/questions",
            three_answers(&questions),
            Some(&session),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let verify = format!("/api/v1/account/contacts/{}/verify", sent.flow_id);
    let late = app
        .post(&verify, json!({ "code": code }), Some(&session))
        .await;
    assert!(error_body(late, 403).await.needs_step_up());
    assert_eq!(contacts_of(&app, &session).await, before, "nothing changed");
}
