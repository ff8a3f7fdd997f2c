//! My account's challenge questions: which ones are answered (never the
//! answers), replaced all three at once under the registration's rules,
//! each change spending a one-time PIN step-up made for it, told to every
//! verified channel, and then the only answers a PIN reset accepts.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    new_questions_replace_the_old_ones_and_a_reset_then_asks_them,
    a_questions_change_needs_a_one_time_pin_step_up_and_good_answers,
);

async fn questions(app: &TestApp, session: &str) -> wire::AccountQuestions {
    let response = app
        .get_with_cookie("/api/v1/account/questions", session)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn answers(given: &[(&str, &str)]) -> serde_json::Value {
    let answers: Vec<_> = given
        .iter()
        .map(|(question_id, answer)| json!({ "question_id": question_id, "answer": answer }))
        .collect();
    json!({ "answers": answers })
}

async fn change(app: &TestApp, session: &str, given: &[(&str, &str)]) -> reqwest::Response {
    app.post("/api/v1/account/questions", answers(given), Some(session))
        .await
}

async fn new_questions_replace_the_old_ones_and_a_reset_then_asks_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let before = questions(&app, &session).await;
    assert_eq!(before.required, 3);
    assert!(before.questions.len() >= 8);
    assert_eq!(before.chosen.len(), 3, "Jordan answered three");
    let body = app
        .get_with_cookie("/api/v1/account/questions", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !body.contains("Atlanta") && !body.contains("$argon2"),
        "{body}"
    );

    let fresh: Vec<&str> = before
        .questions
        .iter()
        .map(|question| question.id.as_str())
        .filter(|id| !before.chosen.iter().any(|chosen| chosen == id))
        .take(3)
        .collect();
    let given = [
        (fresh[0], "Blue Ridge"),
        (fresh[1], "Maple"),
        (fresh[2], "Tuesday"),
    ];
    app.step_up_by_code(JORDAN, &session, "email").await;
    let response = change(&app, &session, &given).await;
    assert_eq!(response.status(), 200);
    let after: wire::AccountQuestions = response.json().await.unwrap();
    let mut expected: Vec<String> = fresh.iter().map(|id| id.to_string()).collect();
    expected.sort_by_key(|id| before.questions.iter().position(|q| q.id == *id));
    assert_eq!(after.chosen, expected);

    // Both channels hear of it, in the audit trail and the outbox.
    let audit = app_audit(&app, JORDAN).await;
    assert!(audit.contains(&"questions_changed".to_owned()), "{audit:?}");
    let notices: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|message| message.body.contains("challenge questions"))
        .map(|message| message.channel)
        .collect();
    assert_eq!(notices.len(), 2, "{notices:?}");

    // A reset now asks two of the new questions and takes the new answers.
    let started = app
        .post("/api/v1/recovery", json!({ "employee_id": JORDAN }), None)
        .await;
    let cookie = cookie_pair(&started, "__Host-recovery").expect("a recovery cookie");
    let started: wire::RecoveryStarted = started.json().await.unwrap();
    let asked: wire::RecoveryQuestions = app
        .get_with_cookie(
            &format!("/api/v1/recovery/{}/questions", started.flow_id),
            &cookie,
        )
        .await
        .json()
        .await
        .unwrap();
    let replies: Vec<_> = asked
        .questions
        .iter()
        .map(|question| {
            let (_, answer) = given
                .iter()
                .find(|(id, _)| *id == question.id)
                .expect("a new question");
            json!({ "question_id": question.id, "answer": answer.to_lowercase() })
        })
        .collect();
    let verified = app
        .post(
            &format!("/api/v1/recovery/{}/answers", started.flow_id),
            json!({ "answers": replies }),
            Some(&cookie),
        )
        .await;
    assert_eq!(verified.status(), 200, "the new answers reset the PIN");
}

async fn a_questions_change_needs_a_one_time_pin_step_up_and_good_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let anonymous = app.get("/api/v1/account/questions").await;
    assert_eq!(
        error_body(anonymous, 401).await.code,
        wire::ErrorCode::Unauthenticated
    );
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let ids: Vec<String> = questions(&app, &session)
        .await
        .questions
        .into_iter()
        .map(|question| question.id)
        .collect();
    app.step_up_by_code(JORDAN, &session, "email").await;
    for (given, why) in [
        (
            vec![(ids[0].as_str(), "Blue Ridge"), (ids[1].as_str(), "Maple")],
            "two",
        ),
        (
            vec![
                (ids[0].as_str(), "Blue Ridge"),
                (ids[0].as_str(), "Maple"),
                (ids[2].as_str(), "Tuesday"),
            ],
            "the same question twice",
        ),
        (
            vec![
                (ids[0].as_str(), "Blue Ridge"),
                (ids[1].as_str(), "ab"),
                (ids[2].as_str(), "Tuesday"),
            ],
            "an answer too short",
        ),
        (
            vec![
                ("no-such-question", "Blue Ridge"),
                (ids[1].as_str(), "Maple"),
                (ids[2].as_str(), "Tuesday"),
            ],
            "a question not in the catalogue",
        ),
    ] {
        let refused = error_body(change(&app, &session, &given).await, 422).await;
        assert_eq!(refused.fields, ["answers"], "{why}");
    }
    let wrong_type = app
        .post(
            "/api/v1/account/questions",
            json!({ "answers": "Atlanta" }),
            Some(&session),
        )
        .await;
    assert_eq!(
        error_body(wrong_type, 422).await.code,
        wire::ErrorCode::InvalidInput
    );

    // The proof lasts the step-up window; the current PIN is no proof.
    app.clock.advance(601);
    let good = [
        (ids[0].as_str(), "Blue Ridge"),
        (ids[1].as_str(), "Maple"),
        (ids[2].as_str(), "Tuesday"),
    ];
    let refused = error_body(change(&app, &session, &good).await, 403).await;
    assert_eq!(
        (refused.code, refused.fields),
        (wire::ErrorCode::Forbidden, vec!["step_up".to_owned()])
    );
    let stepped = app
        .post(
            "/api/v1/account/step-up/pin",
            json!({ "pin": JORDAN_PIN }),
            Some(&session),
        )
        .await;
    assert_eq!(stepped.status(), 200);
    error_body(change(&app, &session, &good).await, 403).await;
    app.step_up_by_code(JORDAN, &session, "email").await;
    assert_eq!(change(&app, &session, &good).await.status(), 200);
    let again = error_body(change(&app, &session, &good).await, 403).await;
    assert!(again.needs_step_up(), "the change spent its proof");
    let audited = app_audit(&app, JORDAN).await;
    let changes = audited.iter().filter(|kind| *kind == "questions_changed");
    assert_eq!(
        changes.count(),
        1,
        "only the change that went through: {audited:?}"
    );
}
