//! New-user registration: the demo hire end to end, the registration code's
//! rules and lock, no enumeration, and what is (not) stored.

use crate::helpers::*;
use serde_json::json;
use upsers_contract as wire;

on_both_stores!(
    the_demo_hire_registers_and_signs_in_with_mfa_on_a_verified_channel,
    a_registration_code_works_once,
    an_expired_or_wrong_code_is_refused_like_an_unknown_id,
    five_wrong_codes_lock_that_ids_registration_for_fifteen_minutes,
    unknown_and_registered_ids_read_like_a_wrong_code,
    duplicate_questions_and_short_answers_are_refused,
    a_contact_not_verified_is_not_stored_as_verified,
    steps_cannot_be_skipped_and_a_changed_contact_must_be_verified_again,
    an_expired_flow_starts_again_with_the_same_code,
);

pub const ALEX: &str = "7654321";
pub const ALEX_CODE: &str = "K7PQ-M2XD-9HTA";
const ALEX_PIN: &str = "Harbor-Maple-Quartz-26";

/// A registration in progress, as one browser holds it.
pub struct Registration<'a> {
    app: &'a TestApp,
    pub progress: wire::RegistrationProgress,
    cookie: String,
}

pub async fn start_registration(app: &TestApp, employee_id: &str, code: &str) -> reqwest::Response {
    app.post(
        "/api/v1/registration",
        json!({ "employee_id": employee_id, "registration_code": code }),
        None,
    )
    .await
}

impl<'a> Registration<'a> {
    pub async fn start(app: &'a TestApp, employee_id: &str, code: &str) -> Registration<'a> {
        let response = start_registration(app, employee_id, code).await;
        assert_eq!(response.status(), 200, "the registration code is accepted");
        let cookie = cookie_pair(&response, "__Host-registration").expect("a registration cookie");
        Registration {
            app,
            progress: response.json().await.unwrap(),
            cookie,
        }
    }

    fn path(&self, step: &str) -> String {
        format!("/api/v1/registration/{}/{step}", self.progress.flow_id)
    }

    pub async fn post(&self, step: &str, body: serde_json::Value) -> reqwest::Response {
        self.app
            .post(&self.path(step), body, Some(&self.cookie))
            .await
    }

    async fn progressed(&mut self, response: reqwest::Response) {
        assert_eq!(response.status(), 200, "the step is accepted");
        self.progress = response.json().await.unwrap();
    }

    pub async fn contact(&mut self, mobile: Option<&str>, email: Option<&str>) {
        let response = self
            .post("contact", json!({ "mobile": mobile, "email": email }))
            .await;
        self.progressed(response).await;
    }

    /// Sends a code to `channel`'s contact and enters it from the dev outbox.
    pub async fn verify(&mut self, channel: &str) {
        let sent = self.post("send", json!({ "channel": channel })).await;
        assert_eq!(sent.status(), 200, "a code is sent");
        let code = self.app.latest_code(&self.progress.employee_id).await;
        let response = self.post("verify", json!({ "code": code })).await;
        self.progressed(response).await;
    }

    pub async fn choose_questions(&mut self) {
        let response = self
            .post(
                "questions",
                json!({ "answers": [
                    { "question_id": "first_job", "answer": "Paper route" },
                    { "question_id": "first_concert", "answer": "Prince" },
                    { "question_id": "childhood_street", "answer": "Peachtree" },
                ]}),
            )
            .await;
        self.progressed(response).await;
    }

    pub async fn set_pin(&self, pin: &str) -> reqwest::Response {
        self.post("pin", json!({ "new_pin": pin })).await
    }
}

async fn the_demo_hire_registers_and_signs_in_with_mfa_on_a_verified_channel(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut registration = Registration::start(&app, " 7654321 ", "k7pq m2xd 9hta").await;
    assert_eq!(
        (
            registration.progress.employee_id.as_str(),
            registration.progress.first_name.as_str()
        ),
        (ALEX, "Alex")
    );
    assert_eq!(registration.progress.expires_in_secs, 3600);

    registration
        .contact(Some("(404) 555-0199"), Some(" alex.chen@upsers.example "))
        .await;
    assert_eq!(
        registration.progress.mobile.as_deref(),
        Some("+14045550199")
    );
    assert_eq!(
        registration.progress.email.as_deref(),
        Some("alex.chen@upsers.example")
    );
    assert!(!registration.progress.mobile_verified && !registration.progress.email_verified);

    registration.verify("sms").await;
    assert!(registration.progress.mobile_verified);
    let texted = app.outbox().await.remove(0);
    assert_eq!(texted.destination, "+14045550199");
    assert!(
        texted.body.contains("one-time PIN to register"),
        "{}",
        texted.body
    );
    registration.verify("email").await;
    assert!(
        registration.progress.email_verified,
        "the other channel goes at once"
    );

    let catalogue: wire::QuestionCatalogue = app
        .get_with_cookie(&registration.path("questions"), &registration.cookie)
        .await
        .json()
        .await
        .unwrap();
    assert!(catalogue.questions.len() >= 8);
    assert_eq!((catalogue.required, catalogue.min_answer_length), (3, 3));
    registration.choose_questions().await;
    assert!(registration.progress.questions_set);

    let response = registration.set_pin(ALEX_PIN).await;
    assert_eq!(response.status(), 200);
    let cleared = set_cookie_header(&response, "__Host-registration").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let welcomes: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .take_while(|message| message.code.is_none())
        .map(|message| message.channel)
        .collect();
    assert_eq!(
        welcomes.len(),
        2,
        "a welcome notice on each verified channel"
    );

    let (flow, _) = app.start_login(ALEX, ALEX_PIN).await;
    assert_eq!(flow.channels.len(), 2);
    let session = app.sign_in(ALEX, ALEX_PIN, "email").await;
    let home: wire::HomeHub = app
        .get_with_cookie("/api/v1/home", &session)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home.first_name, "Alex");

    let audit = app_audit(&app, ALEX).await;
    for kind in [
        "registration_started",
        "registration_contact",
        "contact_verified",
        "registration_questions",
        "registration_complete",
        "notice_sent",
    ] {
        assert!(audit.iter().any(|k| k == kind), "{kind} in {audit:?}");
    }
    // The answers chosen at registration now reset the PIN.
    let recovery = app
        .post("/api/v1/recovery", json!({ "employee_id": ALEX }), None)
        .await;
    let recovery_cookie = cookie_pair(&recovery, "__Host-recovery").unwrap();
    let started: wire::RecoveryStarted = recovery.json().await.unwrap();
    let asked: wire::RecoveryQuestions = app
        .get_with_cookie(
            &format!("/api/v1/recovery/{}/questions", started.flow_id),
            &recovery_cookie,
        )
        .await
        .json()
        .await
        .unwrap();
    let answers: Vec<_> = asked
        .questions
        .iter()
        .map(|question| {
            let answer = match question.id.as_str() {
                "first_job" => "paper  ROUTE",
                "first_concert" => "prince",
                "childhood_street" => "Peachtree",
                other => panic!("Alex did not choose {other}"),
            };
            json!({ "question_id": question.id, "answer": answer })
        })
        .collect();
    let answered = app
        .post(
            &format!("/api/v1/recovery/{}/answers", started.flow_id),
            json!({ "answers": answers }),
            Some(&recovery_cookie),
        )
        .await;
    assert_eq!(answered.status(), 200);
}

/// Registers Alex all the way with `pin`.
pub async fn register_alex(app: &TestApp) {
    let mut registration = Registration::start(app, ALEX, ALEX_CODE).await;
    registration
        .contact(None, Some("alex.chen@upsers.example"))
        .await;
    registration.verify("email").await;
    registration.choose_questions().await;
    assert_eq!(registration.set_pin(ALEX_PIN).await.status(), 200);
}

async fn a_registration_code_works_once(backend: Backend) {
    let app = spawn_app(backend).await;
    // Two flows from one code: only the first to finish registers.
    let second = Registration::start(&app, ALEX, ALEX_CODE).await;
    register_alex(&app).await;
    let body = error_body(
        second
            .post("contact", json!({ "email": "alex@elsewhere.example" }))
            .await,
        410,
    )
    .await;
    assert_eq!(body.code, wire::ErrorCode::Expired);
    let body = error_body(start_registration(&app, ALEX, ALEX_CODE).await, 401).await;
    assert_eq!(body.code, wire::ErrorCode::InvalidCode);
}

async fn an_expired_or_wrong_code_is_refused_like_an_unknown_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let wrong = error_body(start_registration(&app, ALEX, "K7PQ-M2XD-9HTB").await, 401).await;
    assert_eq!(
        (wrong.code, wrong.attempts_remaining),
        (wire::ErrorCode::InvalidCode, Some(4))
    );
    let malformed = error_body(start_registration(&app, ALEX, "K7PQ-M2XD").await, 422).await;
    assert_eq!(malformed.fields, ["registration_code"]);

    app.clock.advance(14 * 24 * 60 * 60 + 1);
    let expired = error_body(start_registration(&app, ALEX, ALEX_CODE).await, 401).await;
    assert_eq!(
        (expired.code, expired.attempts_remaining),
        (wire::ErrorCode::InvalidCode, Some(3))
    );
}

async fn five_wrong_codes_lock_that_ids_registration_for_fifteen_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut answers = Vec::new();
    for _ in 0..5 {
        let body: wire::ErrorBody = start_registration(&app, ALEX, "AAAA-BBBB-CCCC")
            .await
            .json()
            .await
            .unwrap();
        answers.push((body.code, body.attempts_remaining, body.retry_after_secs));
    }
    assert_eq!(
        answers.last().unwrap(),
        &(wire::ErrorCode::Locked, None, Some(900))
    );
    assert_eq!(answers[3], (wire::ErrorCode::InvalidCode, Some(1), None));
    let locked = error_body(start_registration(&app, ALEX, ALEX_CODE).await, 423).await;
    assert_eq!(
        locked.retry_after_secs,
        Some(900),
        "the right code waits too"
    );
    assert_eq!(
        app.login(crate::helpers::JORDAN, crate::helpers::JORDAN_PIN)
            .await
            .status(),
        200,
        "the registration lock is its own"
    );
    app.clock.advance(901);
    Registration::start(&app, ALEX, ALEX_CODE).await;
}

async fn unknown_and_registered_ids_read_like_a_wrong_code(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut seen = Vec::new();
    for id in [ALEX, JORDAN, "9999999"] {
        let code = if id == ALEX {
            "AAAA-BBBB-CCCC"
        } else {
            ALEX_CODE
        };
        let response = start_registration(&app, id, code).await;
        let status = response.status().as_u16();
        let body: serde_json::Value = response.json().await.unwrap();
        let mut keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        seen.push((
            status,
            keys,
            body["code"].clone(),
            body["attempts_remaining"].clone(),
        ));
    }
    assert_eq!(
        seen[0], seen[1],
        "a registered employee reads like a wrong code"
    );
    assert_eq!(seen[0], seen[2], "an unknown ID reads like a wrong code");
}

async fn duplicate_questions_and_short_answers_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let registration = Registration::start(&app, ALEX, ALEX_CODE).await;
    for answers in [
        json!([
            { "question_id": "first_job", "answer": "Paper route" },
            { "question_id": "first_job", "answer": "Lifeguard" },
            { "question_id": "first_pet", "answer": "Rex" },
        ]),
        json!([
            { "question_id": "first_job", "answer": "Paper route" },
            { "question_id": "first_car", "answer": " VW " },
            { "question_id": "first_pet", "answer": "Rex" },
        ]),
        json!([
            { "question_id": "first_job", "answer": "Paper route" },
            { "question_id": "first_pet", "answer": "Rex" },
        ]),
        json!([
            { "question_id": "first_job", "answer": "Paper route" },
            { "question_id": "shoe_size", "answer": "Eleven" },
            { "question_id": "first_pet", "answer": "Rex" },
        ]),
    ] {
        let body = error_body(
            registration
                .post("questions", json!({ "answers": answers }))
                .await,
            422,
        )
        .await;
        assert_eq!(body.fields, ["answers"], "{answers}");
    }
}

async fn a_contact_not_verified_is_not_stored_as_verified(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut registration = Registration::start(&app, ALEX, ALEX_CODE).await;
    registration
        .contact(Some("404.555.0199"), Some("alex.chen@upsers.example"))
        .await;
    registration.verify("email").await;
    assert!(!registration.progress.mobile_verified);
    registration.choose_questions().await;
    assert_eq!(registration.set_pin(ALEX_PIN).await.status(), 200);

    let (flow, _) = app.start_login(ALEX, ALEX_PIN).await;
    let channels: Vec<_> = flow.channels.iter().map(|option| option.channel).collect();
    assert_eq!(
        channels,
        [wire::Channel::Email],
        "only the verified contact counts"
    );
    let store = upsers_api::store::Store::connect(&app.database_url)
        .await
        .unwrap();
    let alex = store.find_employee(ALEX).await.unwrap().unwrap();
    assert_eq!((alex.mobile, alex.mobile_verified), (None, 0));
    store.close().await;
}

async fn steps_cannot_be_skipped_and_a_changed_contact_must_be_verified_again(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut registration = Registration::start(&app, ALEX, ALEX_CODE).await;
    let body = error_body(registration.set_pin(ALEX_PIN).await, 422).await;
    assert_eq!(body.fields, ["contact"]);
    let body = error_body(
        registration.post("send", json!({ "channel": "sms" })).await,
        422,
    )
    .await;
    assert_eq!(body.fields, ["channel"], "no mobile number given yet");
    let body = error_body(registration.post("contact", json!({})).await, 422).await;
    assert_eq!(body.fields, ["mobile", "email"]);
    let body = error_body(
        registration
            .post("contact", json!({ "mobile": "555-0199" }))
            .await,
        422,
    )
    .await;
    assert_eq!(body.fields, ["mobile"]);
    let body = error_body(
        registration
            .post("contact", json!({ "email": "alex at home" }))
            .await,
        422,
    )
    .await;
    assert_eq!(body.fields, ["email"]);

    registration
        .contact(None, Some("alex.chen@upsers.example"))
        .await;
    registration.verify("email").await;
    let body = error_body(registration.set_pin(ALEX_PIN).await, 422).await;
    assert_eq!(body.fields, ["questions"]);
    registration
        .contact(None, Some("alex@elsewhere.example"))
        .await;
    assert!(
        !registration.progress.email_verified,
        "a new address is not verified"
    );
    registration.choose_questions().await;
    let body = error_body(registration.set_pin(ALEX_PIN).await, 422).await;
    assert_eq!(body.fields, ["contact"]);
    registration.verify("email").await;
    let weak = error_body(registration.set_pin("Alex-7654321-pin").await, 422).await;
    assert!(
        weak.pin_problems
            .contains(&wire::PinProblem::ContainsEmployeeId)
    );
    assert_eq!(registration.set_pin(ALEX_PIN).await.status(), 200);
}

async fn an_expired_flow_starts_again_with_the_same_code(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut registration = Registration::start(&app, ALEX, ALEX_CODE).await;
    registration
        .contact(None, Some("alex.chen@upsers.example"))
        .await;
    app.clock.advance(3601);
    let body = error_body(
        registration
            .post("send", json!({ "channel": "email" }))
            .await,
        410,
    )
    .await;
    assert_eq!(body.code, wire::ErrorCode::Expired);
    register_alex(&app).await;
}
