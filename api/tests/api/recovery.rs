//! Forgot your PIN: the three methods, no enumeration, lockout interplay, the
//! new-PIN rules, and what a reset changes.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    a_reset_by_text_sets_a_pin_that_signs_in_and_retires_the_old_one,
    a_reset_by_email_notifies_the_mobile_number,
    a_reset_by_questions_takes_the_right_answers_in_any_case_and_spacing,
    unknown_ids_read_like_known_ones_at_every_step,
    decoy_questions_are_stable_for_an_id_and_real_ones_are_the_employees,
    three_wrong_answers_lock_the_id_and_the_lock_blocks_sign_in,
    a_reset_by_text_works_while_locked_and_clears_the_lock,
    a_flow_that_is_unverified_used_or_past_its_window_cannot_set_a_pin,
    weak_blocklisted_and_id_containing_pins_are_refused_with_reasons,
    a_reset_ends_every_session_of_the_employee_and_forgets_its_devices,
    answers_must_answer_exactly_the_questions_asked,
    a_recovery_flow_answers_only_its_browser_and_only_recovery_routes,
);

/// A recovery flow in progress, as one browser holds it.
pub(crate) struct Recovery<'a> {
    app: &'a TestApp,
    flow: wire::RecoveryStarted,
    cookie: String,
}

impl<'a> Recovery<'a> {
    pub(crate) async fn start(app: &'a TestApp, employee_id: &str) -> Recovery<'a> {
        let response = app
            .post(
                "/api/v1/recovery",
                json!({ "employee_id": employee_id }),
                None,
            )
            .await;
        assert_eq!(response.status(), 200, "a recovery starts for any ID");
        let cookie = cookie_pair(&response, "__Host-recovery").expect("a recovery cookie");
        Recovery {
            app,
            flow: response.json().await.unwrap(),
            cookie,
        }
    }

    fn path(&self, step: &str) -> String {
        format!("/api/v1/recovery/{}/{step}", self.flow.flow_id)
    }

    async fn post(&self, step: &str, body: serde_json::Value) -> reqwest::Response {
        self.app
            .post(&self.path(step), body, Some(&self.cookie))
            .await
    }

    pub(crate) async fn send(&self, channel: &str) -> reqwest::Response {
        self.post("send", json!({ "channel": channel })).await
    }

    async fn verify(&self, code: &str) -> reqwest::Response {
        self.post("verify", json!({ "code": code })).await
    }

    async fn questions(&self) -> reqwest::Response {
        self.app
            .get_with_cookie(&self.path("questions"), &self.cookie)
            .await
    }

    async fn question_ids(&self) -> Vec<String> {
        let response = self.questions().await;
        assert_eq!(response.status(), 200);
        let questions: wire::RecoveryQuestions = response.json().await.unwrap();
        questions.questions.into_iter().map(|q| q.id).collect()
    }

    /// Answers every question asked with `answer_for(question_id)`.
    pub(crate) async fn answer_with(
        &self,
        answer_for: impl Fn(&str) -> String,
    ) -> reqwest::Response {
        let answers: Vec<_> = self
            .question_ids()
            .await
            .iter()
            .map(|id| json!({ "question_id": id, "answer": answer_for(id) }))
            .collect();
        self.post("answers", json!({ "answers": answers })).await
    }

    pub(crate) async fn set_pin(&self, pin: &str) -> reqwest::Response {
        self.post("pin", json!({ "new_pin": pin })).await
    }

    /// Sends a code on `channel` and verifies it from the dev outbox.
    pub(crate) async fn verify_by(&self, channel: &str) {
        assert_eq!(self.send(channel).await.status(), 200);
        let code = self.app.latest_code(&self.flow.employee_id).await;
        let response = self.verify(&code).await;
        assert_eq!(
            response.status(),
            200,
            "the emailed or texted code verifies"
        );
        let verified: wire::RecoveryVerified = response.json().await.unwrap();
        assert_eq!(verified.expires_in_secs, 600, "ten minutes to set the PIN");
    }
}

/// Jordan's demo answers (PRODUCT.md).
pub(crate) fn jordan_answer(question_id: &str) -> String {
    match question_id {
        "birth_city" => "Atlanta",
        "first_pet" => "Rex",
        "first_car" => "Ford",
        other => panic!("Jordan has no question {other}"),
    }
    .to_owned()
}

const NEW_PIN: &str = "Cedar-Harbor-Lantern-88";
const UNKNOWN: &str = "9999999";

async fn a_reset_by_text_sets_a_pin_that_signs_in_and_retires_the_old_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, " 1234567 ").await;
    assert_eq!(recovery.flow.employee_id, JORDAN);
    assert_eq!(
        recovery.flow.methods,
        [
            wire::RecoveryMethod::Sms,
            wire::RecoveryMethod::Email,
            wire::RecoveryMethod::Questions
        ]
    );
    recovery.verify_by("sms").await;
    let texted = app.outbox().await.remove(0);
    assert_eq!(texted.destination, "+14045550123");
    assert!(
        texted.body.contains("one-time PIN to reset your PIN"),
        "{}",
        texted.body
    );

    let response = recovery.set_pin(NEW_PIN).await;
    assert_eq!(response.status(), 200);
    let cleared = set_cookie_header(&response, "__Host-recovery").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");

    let notice = app.outbox().await.remove(0);
    assert_eq!(
        (notice.channel, notice.code.as_deref()),
        (wire::Channel::Email, None),
        "the other registered channel hears of the change"
    );
    assert!(
        notice.body.contains("PIN was just changed"),
        "{}",
        notice.body
    );

    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 401);
    app.sign_in(JORDAN, NEW_PIN, "sms").await;
}

async fn a_reset_by_email_notifies_the_mobile_number(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("email").await;
    assert_eq!(recovery.set_pin(NEW_PIN).await.status(), 200);
    let notice = app.outbox().await.remove(0);
    assert_eq!(notice.channel, wire::Channel::Sms);
    app.sign_in(JORDAN, NEW_PIN, "email").await;
}

async fn a_reset_by_questions_takes_the_right_answers_in_any_case_and_spacing(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    let response = recovery
        .answer_with(|id| format!("  {}  ", jordan_answer(id).to_uppercase()))
        .await;
    assert_eq!(response.status(), 200);
    // The new PIN has letters some keyboards compose and others decompose.
    const NEW_PIN: &str = "Cafe\u{301}-Niño-Lantern-88";
    assert_eq!(recovery.set_pin(NEW_PIN).await.status(), 200);
    let notices: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .map(|message| message.channel)
        .collect();
    assert_eq!(
        notices.len(),
        2,
        "no code was sent, and both channels hear of the change"
    );
    app.sign_in(JORDAN, "Caf\u{e9}-Niño-Lantern-88", "sms")
        .await;
    let audit = app_audit(&app, JORDAN).await;
    for kind in [
        "recovery_started",
        "recovery_questions_shown",
        "recovery_verified",
        "pin_reset",
        "notice_sent",
    ] {
        assert!(audit.iter().any(|k| k == kind), "{kind} in {audit:?}");
    }
}

/// Status and the set of top-level field names: what a client can observe
/// besides values that are random anyway.
async fn shape(response: reqwest::Response) -> (u16, Vec<String>, Option<String>) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    let mut keys: Vec<String> = body.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    let code = body["code"].as_str().map(str::to_owned);
    (status, keys, code)
}

async fn unknown_ids_read_like_known_ones_at_every_step(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut observed = Vec::new();
    // Jordan has everything; Sam has no mobile and no questions; 9999999 is nobody.
    for id in [JORDAN, SAM, UNKNOWN] {
        let recovery = Recovery::start(&app, id).await;
        let mut steps = vec![(200, recovery.flow.methods.len().to_string())];
        let sent = recovery.send("sms").await;
        steps.push((sent.status().as_u16(), format!("{:?}", shape(sent).await)));
        let wrong = recovery.verify("000000").await;
        let wrong = if wrong.status() == 200 {
            recovery.verify("111111").await // the one in a million
        } else {
            wrong
        };
        let wrong_body = wrong.text().await.unwrap();
        let wrong_body: wire::ErrorBody = serde_json::from_str(&wrong_body).unwrap();
        steps.push((
            401,
            format!("{:?} {:?}", wrong_body.code, wrong_body.attempts_remaining),
        ));
        let asked = recovery.question_ids().await;
        steps.push((200, asked.len().to_string()));
        let answered = recovery.answer_with(|_| "Nowhere".into()).await;
        steps.push((
            answered.status().as_u16(),
            format!("{:?}", shape(answered).await),
        ));
        let unverified = recovery.set_pin(NEW_PIN).await;
        steps.push((
            unverified.status().as_u16(),
            format!("{:?}", shape(unverified).await),
        ));
        observed.push(steps);
    }
    assert_eq!(observed[0], observed[1], "Jordan and Sam read alike");
    assert_eq!(
        observed[0], observed[2],
        "a known and an unknown ID read alike"
    );
    assert_eq!(observed[0][2].1, "InvalidCode Some(4)");
    assert!(
        !app.outbox()
            .await
            .iter()
            .any(|message| message.employee_id != JORDAN),
        "nothing is sent where nothing is registered"
    );
}

async fn decoy_questions_are_stable_for_an_id_and_real_ones_are_the_employees(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut seen = std::collections::BTreeMap::<&str, std::collections::BTreeSet<String>>::new();
    for _ in 0..12 {
        for id in [JORDAN, SAM, UNKNOWN] {
            let asked = Recovery::start(&app, id).await.question_ids().await;
            assert_eq!(asked.len(), 2);
            assert_ne!(asked[0], asked[1]);
            seen.entry(id).or_default().extend(asked);
        }
    }
    let jordan: Vec<_> = seen[JORDAN].iter().map(String::as_str).collect();
    assert_eq!(jordan, ["birth_city", "first_car", "first_pet"]);
    assert_eq!(seen[SAM].len(), 3, "Sam's decoys: always the same three");
    assert_eq!(
        seen[UNKNOWN].len(),
        3,
        "an unknown ID's decoys: always the same three"
    );
    assert_ne!(seen[SAM], seen[UNKNOWN], "decoys differ from ID to ID");
}

async fn three_wrong_answers_lock_the_id_and_the_lock_blocks_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let response = recovery.answer_with(|_| "Wrong".into()).await;
        let status = response.status().as_u16();
        let body: wire::ErrorBody = response.json().await.unwrap();
        remaining.push((status, body.code, body.attempts_remaining));
    }
    assert_eq!(
        remaining,
        [
            (401, wire::ErrorCode::InvalidCredentials, Some(2)),
            (401, wire::ErrorCode::InvalidCredentials, Some(1)),
            (423, wire::ErrorCode::Locked, None),
        ]
    );
    let locked = error_body(recovery.questions().await, 423).await;
    assert_eq!(locked.retry_after_secs, Some(900));
    let body = error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    assert_eq!(body.code, wire::ErrorCode::Locked);
    let fresh = Recovery::start(&app, JORDAN).await;
    error_body(fresh.questions().await, 423).await;
}

async fn a_reset_by_text_works_while_locked_and_clears_the_lock(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..3 {
        app.login(JORDAN, "Not-The-PIN-0000").await;
    }
    error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("sms").await;
    assert_eq!(recovery.set_pin(NEW_PIN).await.status(), 200);
    app.sign_in(JORDAN, NEW_PIN, "sms").await;
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"pin_reset".to_owned())
    );
}

async fn a_flow_that_is_unverified_used_or_past_its_window_cannot_set_a_pin(backend: Backend) {
    let app = spawn_app(backend).await;
    let unverified = Recovery::start(&app, JORDAN).await;
    let body = error_body(unverified.set_pin(NEW_PIN).await, 410).await;
    assert_eq!(body.code, wire::ErrorCode::Expired);

    let used = Recovery::start(&app, JORDAN).await;
    used.verify_by("sms").await;
    assert_eq!(used.set_pin(NEW_PIN).await.status(), 200);
    error_body(used.set_pin("Another-Fine-Secret-42").await, 410).await;
    app.sign_in(JORDAN, NEW_PIN, "sms").await;

    let late = Recovery::start(&app, JORDAN).await;
    app.clock.advance(31);
    late.verify_by("email").await;
    app.clock.advance(601);
    error_body(late.set_pin("Another-Fine-Secret-42").await, 410).await;

    let slow = Recovery::start(&app, UNKNOWN).await;
    app.clock.advance(15 * 60 + 1);
    error_body(slow.send("email").await, 410).await;
    app.sign_in(JORDAN, NEW_PIN, "sms").await;
}

async fn weak_blocklisted_and_id_containing_pins_are_refused_with_reasons(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("sms").await;
    for (pin, problem) in [
        ("short", wire::PinProblem::TooShort),
        ("Password123", wire::PinProblem::Blocklisted),
        ("River-1234567-Stone", wire::PinProblem::ContainsEmployeeId),
        ("abcabcabcabc", wire::PinProblem::Weak),
    ] {
        let body = error_body(recovery.set_pin(pin).await, 422).await;
        assert_eq!(body.code, wire::ErrorCode::WeakPin, "{pin}");
        assert_eq!(body.fields, ["new_pin"]);
        assert!(body.pin_problems.contains(&problem), "{pin}: {body:?}");

        let feedback: wire::PinFeedback = app
            .post(
                "/api/v1/pin/check",
                json!({ "new_pin": pin, "employee_id": JORDAN }),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(!feedback.acceptable && feedback.problems.contains(&problem));
    }
    let feedback: wire::PinFeedback = app
        .post("/api/v1/pin/check", json!({ "new_pin": NEW_PIN }), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(feedback.acceptable && feedback.score >= 3, "{feedback:?}");
    assert_eq!(
        recovery.set_pin(NEW_PIN).await.status(),
        200,
        "refusals do not spend the flow"
    );
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"pin_refused".to_owned())
    );
}

async fn a_reset_ends_every_session_of_the_employee_and_forgets_its_devices(backend: Backend) {
    let app = spawn_app(backend).await;
    let phone = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let desk = app.sign_in(JORDAN, JORDAN_PIN, "email").await;
    let sam = app.sign_in(SAM, SAM_PIN, "email").await;
    let (_, device) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    recovery.verify_by("email").await;
    assert_eq!(recovery.set_pin(NEW_PIN).await.status(), 200);
    let login = app.login_with(JORDAN, NEW_PIN, &device).await;
    let started: wire::LoginStarted = login.json().await.unwrap();
    assert!(
        !started.signed_in(),
        "a reset forgets every remembered device"
    );
    for session in [phone, desk] {
        let body = error_body(app.get_with_cookie("/api/v1/session", &session).await, 401).await;
        assert_eq!(body.code, wire::ErrorCode::Unauthenticated);
    }
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &sam).await.status(),
        200,
        "other employees stay signed in"
    );
}

async fn answers_must_answer_exactly_the_questions_asked(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    let asked = recovery.question_ids().await;
    let other = ["birth_city", "first_pet", "first_car"]
        .into_iter()
        .find(|id| !asked.iter().any(|asked| asked == id))
        .unwrap();
    for answers in [
        json!([{ "question_id": asked[0], "answer": "Atlanta" }]),
        json!([
            { "question_id": asked[0], "answer": "x" },
            { "question_id": other, "answer": "y" }
        ]),
        json!([
            { "question_id": asked[0], "answer": "   " },
            { "question_id": asked[1], "answer": "y" }
        ]),
        json!([
            { "question_id": asked[0], "answer": "x".repeat(101) },
            { "question_id": asked[1], "answer": "y" }
        ]),
    ] {
        let body = error_body(
            recovery
                .post("answers", json!({ "answers": answers }))
                .await,
            422,
        )
        .await;
        assert_eq!(body.fields, ["answers"], "{answers}");
    }
    assert!(
        !app_audit(&app, JORDAN)
            .await
            .contains(&"recovery_answers_failed".to_owned()),
        "malformed answers are not counted as wrong ones"
    );
}

async fn a_recovery_flow_answers_only_its_browser_and_only_recovery_routes(backend: Backend) {
    let app = spawn_app(backend).await;
    let recovery = Recovery::start(&app, JORDAN).await;
    let stranger = app
        .post(
            &recovery.path("send"),
            json!({ "channel": "sms" }),
            Some("__Host-recovery=guessed"),
        )
        .await;
    error_body(stranger, 410).await;
    let as_login = app
        .post(
            &format!("/api/v1/login/{}/send", recovery.flow.flow_id),
            json!({ "channel": "sms" }),
            Some(&recovery.cookie.replace("__Host-recovery", "__Host-flow")),
        )
        .await;
    error_body(as_login, 410).await;
    assert!(app.outbox().await.is_empty(), "nothing was sent for either");
    let body = error_body(
        app.post("/api/v1/recovery", json!({ "employee_id": "12345" }), None)
            .await,
        422,
    )
    .await;
    assert_eq!(body.fields, ["employee_id"]);
}
