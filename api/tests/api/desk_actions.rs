//! The desk's verification of a caller and the actions it opens: a code to
//! the employee's verified channel, read back to the agent; 15 minutes for
//! that agent and that employee; three wrong read-backs lock the employee's
//! verification; every action audited with its notices in one transaction.

use crate::helpers::*;
use serde_json::json;
use upsers_api::domain::roles::Role;
use upsers_api::store::{
    AuditKind, DeskChange, DeskRecord, EmployeeStatus, NewEmployee, NewHire, NewMessage, Store,
};
use upsers_contract as wire;

/// An employee the tests add: active, with Sam's PIN and an email address.
const TAYLOR: &str = "3456789";
/// A hire the tests add: pending, with a verified mobile number from HR.
const CASEY: &str = "4567890";

on_both_stores!(
    a_verified_caller_is_unlocked_audited_and_told_and_signs_in,
    every_action_is_refused_before_verification_and_after_it_expires,
    a_verification_belongs_to_one_agent_and_one_employee,
    three_wrong_read_backs_lock_the_verification_even_when_racing,
    agents_act_on_neither_themselves_nor_other_agents_without_a_lead,
    leads_disable_without_verification_and_enable_with_it,
    a_pending_hire_gets_a_new_registration_code_shown_once,
    an_action_whose_notice_cannot_be_queued_changes_nothing,
    a_reset_link_lets_the_employee_set_their_own_pin_once,
    links_issued_before_a_pin_reset_die_with_it,
    every_search_and_refusal_at_the_desk_is_audited_and_the_employee_sees_what_was_done,
    fifty_notices_at_once_reach_each_channel_as_five_and_one_digest,
);

async fn with_store<T>(app: &TestApp, work: impl AsyncFnOnce(&Store) -> T) -> T {
    let store = Store::connect(&app.database_url).await.unwrap();
    let result = work(&store).await;
    store.close().await;
    result
}

/// Adds Taylor (active, Sam's PIN) and Casey (a pending hire with a mobile).
async fn add_people(app: &TestApp) {
    with_store(app, async |store| {
        let sam = store.find_employee(SAM).await.unwrap().unwrap();
        let taylor = NewEmployee {
            employee_id: TAYLOR,
            first_name: "Taylor",
            last_name: "Brooks",
            pin_hash: sam.pin_hash.clone(),
            mobile: None,
            email: Some("taylor.brooks@upsers.example"),
            status: EmployeeStatus::Active,
        };
        let casey = NewEmployee {
            employee_id: CASEY,
            first_name: "Casey",
            last_name: "Nguyen",
            pin_hash: None,
            mobile: Some("+14045550199"),
            email: None,
            status: EmployeeStatus::Pending,
        };
        let hires: Vec<NewHire> = [taylor, casey]
            .into_iter()
            .map(|employee| NewHire {
                employee,
                registration_code: None,
            })
            .collect();
        store.import_hires(&hires, app.clock_now()).await.unwrap();
    })
    .await;
}

async fn grant(app: &TestApp, id: &str, role: Role) {
    with_store(app, async |store| {
        assert!(store.grant_role(id, role, app.clock_now()).await.unwrap());
    })
    .await;
}

/// `id` signed in as an agent (granted `role` first).
async fn agent(app: &TestApp, id: &str, pin: &str, role: Role) -> String {
    grant(app, id, role).await;
    app.sign_in(id, pin, "email").await
}

async fn send(app: &TestApp, agent: &str, id: &str, channel: &str) -> reqwest::Response {
    app.post(
        "/api/v1/desk/verification/send",
        json!({ "employee_id": id, "channel": channel }),
        Some(agent),
    )
    .await
}

async fn read_back(app: &TestApp, agent: &str, id: &str, code: &str) -> reqwest::Response {
    app.post(
        "/api/v1/desk/verification/check",
        json!({ "employee_id": id, "code": code }),
        Some(agent),
    )
    .await
}

async fn act(app: &TestApp, agent: &str, id: &str, action: &str) -> reqwest::Response {
    app.post(
        "/api/v1/desk/actions",
        json!({ "employee_id": id, "action": action }),
        Some(agent),
    )
    .await
}

/// `agent` asks for a PIN-reset link to `id`'s `channel`.
async fn send_reset(app: &TestApp, agent: &str, id: &str, channel: &str) -> reqwest::Response {
    app.post(
        "/api/v1/desk/actions",
        json!({ "employee_id": id, "action": "send_reset", "channel": channel }),
        Some(agent),
    )
    .await
}

/// Sends a code to `id` and reads it back right: the card as it is then.
async fn verify(app: &TestApp, agent: &str, id: &str, channel: &str) -> wire::DeskCard {
    let sent = send(app, agent, id, channel).await;
    assert_eq!(sent.status(), 200, "the code is sent");
    let code = app.latest_code(id).await;
    let checked = read_back(app, agent, id, &code).await;
    assert_eq!(checked.status(), 200, "the right code verifies");
    checked.json().await.unwrap()
}

async fn done(response: reqwest::Response) -> wire::DeskActionDone {
    assert_eq!(response.status(), 200, "the action is done");
    response.json().await.unwrap()
}

async fn refused(response: reqwest::Response) -> wire::ErrorBody {
    let body = error_body(response, 403).await;
    assert_eq!(body.code, wire::ErrorCode::Forbidden);
    body
}

async fn lock_jordan_out(app: &TestApp) {
    for _ in 0..3 {
        app.login(JORDAN, "Wrong-Guess-0000").await;
    }
}

async fn a_verified_caller_is_unlocked_audited_and_told_and_signs_in(backend: Backend) {
    let app = spawn_app(backend).await;
    lock_jordan_out(&app).await;
    error_body(app.login(JORDAN, JORDAN_PIN).await, 423).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;

    let sent = send(&app, &sam, JORDAN, "sms").await;
    assert_eq!(sent.status(), 200);
    let sent: wire::DeskCodeSent = sent.json().await.unwrap();
    assert_eq!(sent.destination, "(•••) •••-0123", "masked");
    let message = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.employee_id == JORDAN && message.code.is_some())
        .expect("the code went to Jordan");
    assert_eq!(message.channel, wire::Channel::Sms);
    assert!(
        message.body.starts_with(
            "A Technical Support agent is verifying your identity. Read this code to them \
             only if you called us:"
        ),
        "{}",
        message.body
    );

    let code = message.code.unwrap();
    let wrong = error_body(
        read_back(&app, &sam, JORDAN, a_wrong_code(&code)).await,
        401,
    )
    .await;
    assert_eq!(wrong.code, wire::ErrorCode::InvalidCode);
    assert_eq!(wrong.attempts_remaining, Some(2));
    let checked = read_back(&app, &sam, JORDAN, &code).await;
    assert_eq!(checked.status(), 200);
    let card: wire::DeskCard = checked.json().await.unwrap();
    assert_eq!(card.verified_until, Some(app.clock_now() + 900));
    assert_eq!(card.verified_by, Some(wire::Channel::Sms));
    assert!(card.locked_until.is_some());
    error_body(read_back(&app, &sam, JORDAN, &code).await, 410).await;

    let unlocked = done(act(&app, &sam, JORDAN, "unlock").await).await;
    assert_eq!(unlocked.card.locked_until, None);
    assert_eq!(unlocked.registration_code, None);
    let again = error_body(act(&app, &sam, JORDAN, "unlock").await, 422).await;
    assert!(again.message.contains("not locked"), "{}", again.message);

    let notices: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|message| {
            message.employee_id == JORDAN && message.body.contains("unlocked your UPSers account")
        })
        .collect();
    assert_eq!(notices.len(), 2, "a notice to each verified channel");
    assert!(
        notices[0]
            .body
            .contains("If you did not call us, reset your PIN")
    );

    let kinds = app_audit(&app, JORDAN).await;
    for kind in [
        "desk_verification_sent",
        "desk_verification_failed",
        "desk_verified",
        "desk_unlocked",
        "notice_sent",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }
    let detail = with_store(&app, async |store| {
        store
            .desk_events(JORDAN, 50)
            .await
            .unwrap()
            .into_iter()
            .find(|event| event.kind == "desk_unlocked")
            .unwrap()
    })
    .await;
    let said = detail.detail.unwrap();
    assert!(
        said.starts_with("agent 2345678, verified by sms (verification "),
        "{said}"
    );
    assert!(detail.client_address.is_some());

    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;

    let metrics = app.get("/metrics").await.text().await.unwrap();
    for line in [
        "upsers_desk_verifications_total{outcome=\"sent\"} 1",
        "upsers_desk_verifications_total{outcome=\"passed\"} 1",
        "upsers_desk_verifications_total{outcome=\"failed\"} 1",
        "upsers_desk_actions_total{action=\"unlock\"} 1",
        "upsers_desk_actions_total{action=\"disable\"} 0",
    ] {
        assert!(metrics.contains(line), "{line} in\n{metrics}");
    }
}

async fn every_action_is_refused_before_verification_and_after_it_expires(backend: Backend) {
    let app = spawn_app(backend).await;
    lock_jordan_out(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    for action in ["unlock", "forget_devices", "registration_code"] {
        let body = refused(act(&app, &sam, JORDAN, action).await).await;
        assert!(body.message.contains("Verify the caller first"), "{action}");
    }
    // A code sent but not read back verifies nothing.
    assert_eq!(send(&app, &sam, JORDAN, "email").await.status(), 200);
    refused(act(&app, &sam, JORDAN, "unlock").await).await;

    let code = app.latest_code(JORDAN).await;
    assert_eq!(read_back(&app, &sam, JORDAN, &code).await.status(), 200);
    app.clock.advance(15 * 60);
    // The agent's session idled out meanwhile: a new one is the same agent.
    let sam = app.sign_in(SAM, SAM_PIN, "email").await;
    let card = search_card(&app, &sam, JORDAN).await;
    assert_eq!(card.verified_until, None, "15 minutes are over");
    refused(act(&app, &sam, JORDAN, "unlock").await).await;
    refused(act(&app, &sam, JORDAN, "forget_devices").await).await;
    assert!(
        !app_audit(&app, JORDAN)
            .await
            .iter()
            .any(|kind| kind == "desk_unlocked" || kind == "desk_devices_forgotten"),
        "nothing was done"
    );
}

async fn search_card(app: &TestApp, agent: &str, id: &str) -> wire::DeskCard {
    let response = app
        .post("/api/v1/desk/search", json!({ "query": id }), Some(agent))
        .await;
    assert_eq!(response.status(), 200);
    let result: wire::DeskSearchResult = response.json().await.unwrap();
    result.employee.expect("found")
}

async fn a_verification_belongs_to_one_agent_and_one_employee(backend: Backend) {
    let app = spawn_app(backend).await;
    add_people(&app).await;
    let jordan = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let taylor = agent(&app, TAYLOR, SAM_PIN, Role::SupportAgent).await;

    // Sam's code cannot be read back to Taylor.
    assert_eq!(send(&app, &sam, JORDAN, "sms").await.status(), 200);
    let code = app.latest_code(JORDAN).await;
    error_body(read_back(&app, &taylor, JORDAN, &code).await, 410).await;

    assert_eq!(read_back(&app, &sam, JORDAN, &code).await.status(), 200);
    // Verified for Sam, not for Taylor.
    assert!(
        search_card(&app, &sam, JORDAN)
            .await
            .verified_until
            .is_some()
    );
    assert_eq!(
        search_card(&app, &taylor, JORDAN).await.verified_until,
        None
    );
    refused(act(&app, &taylor, JORDAN, "unlock").await).await;
    // And for Jordan, not for Casey.
    let body = refused(act(&app, &sam, CASEY, "registration_code").await).await;
    assert!(body.message.contains("Verify the caller first"));

    refused(act(&app, &taylor, JORDAN, "forget_devices").await).await;
    assert_eq!(
        app.get_with_cookie("/api/v1/session", &jordan)
            .await
            .status(),
        200
    );
    done(act(&app, &sam, JORDAN, "forget_devices").await).await;
    error_body(app.get_with_cookie("/api/v1/session", &jordan).await, 401).await;

    // The call is over: Sam ends the verification, and acts no more.
    let ended = app
        .post(
            "/api/v1/desk/verification/end",
            json!({ "employee_id": JORDAN }),
            Some(&sam),
        )
        .await;
    assert_eq!(ended.status(), 200);
    let card: wire::DeskCard = ended.json().await.unwrap();
    assert_eq!(card.verified_until, None);
    refused(act(&app, &sam, JORDAN, "forget_devices").await).await;
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"desk_verification_ended".to_owned())
    );
}

async fn three_wrong_read_backs_lock_the_verification_even_when_racing(backend: Backend) {
    let app = spawn_app(backend).await;
    add_people(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let taylor = agent(&app, TAYLOR, SAM_PIN, Role::SupportAgent).await;
    assert_eq!(send(&app, &sam, JORDAN, "sms").await.status(), 200);
    let code = app.latest_code(JORDAN).await;
    let wrong = a_wrong_code(&code);

    let url = app.url("/api/v1/desk/verification/check");
    let guesses = (0..30).map(|_| {
        app.client
            .post(&url)
            .header("cookie", &sam)
            .json(&json!({ "employee_id": JORDAN, "code": wrong }))
    });
    let statuses = all_at_once(guesses).await;
    let judged = statuses.iter().filter(|status| **status == 401).count();
    assert_eq!(judged + 1, 3, "two wrong, the third locks: {statuses:?}");
    assert!(
        statuses.iter().all(|status| [401, 423].contains(status)),
        "{statuses:?}"
    );
    let kinds = app_audit(&app, JORDAN).await;
    let failures = kinds
        .iter()
        .filter(|kind| *kind == "desk_verification_failed")
        .count();
    assert_eq!(failures, 3, "{kinds:?}");
    assert!(kinds.contains(&"desk_verification_locked".to_owned()));
    assert!(
        !kinds.contains(&"lock".to_owned()),
        "the desk's lock is not Jordan's sign-in lock"
    );

    // Locked for every agent, the right code included, and no new code goes.
    let locked = error_body(read_back(&app, &sam, JORDAN, &code).await, 423).await;
    assert!(locked.retry_after_secs.unwrap() > 890);
    error_body(send(&app, &taylor, JORDAN, "email").await, 423).await;
    let card = search_card(&app, &taylor, JORDAN).await;
    assert_eq!(card.verification_locked_until, Some(app.clock_now() + 900));
    assert_eq!(card.locked_until, None);
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;

    app.clock.advance(15 * 60);
    let taylor = app.sign_in(TAYLOR, SAM_PIN, "email").await;
    verify(&app, &taylor, JORDAN, "email").await;
}

async fn agents_act_on_neither_themselves_nor_other_agents_without_a_lead(backend: Backend) {
    let app = spawn_app(backend).await;
    add_people(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let home: wire::HomeHub = app
        .get_with_cookie("/api/v1/home", &sam)
        .await
        .json()
        .await
        .unwrap();
    assert!(home.desk, "the hub links an agent to the desk");
    let own = search_card(&app, &sam, SAM).await;
    assert!(!own.may_act && !own.viewer_is_lead);
    assert!(search_card(&app, &sam, JORDAN).await.may_act);
    let body = refused(send(&app, &sam, SAM, "email").await).await;
    assert!(body.message.contains("own account"), "{}", body.message);
    refused(act(&app, &sam, SAM, "forget_devices").await).await;

    grant(&app, TAYLOR, Role::SupportAgent).await;
    let body = refused(send(&app, &sam, TAYLOR, "email").await).await;
    assert!(body.message.contains("support lead"), "{}", body.message);

    // A lead may verify and act on an agent, never on themselves.
    let lead = agent(&app, JORDAN, JORDAN_PIN, Role::SupportLead).await;
    let taylor_card = search_card(&app, &lead, TAYLOR).await;
    assert!(taylor_card.may_act && taylor_card.viewer_is_lead);
    verify(&app, &lead, TAYLOR, "email").await;
    done(act(&app, &lead, TAYLOR, "forget_devices").await).await;
    refused(send(&app, &lead, JORDAN, "sms").await).await;
    refused(act(&app, &lead, JORDAN, "disable").await).await;

    // Someone without a role gets nothing from any of it.
    with_store(&app, async |store| {
        assert!(
            store
                .revoke_role(TAYLOR, Role::SupportAgent, app.clock_now())
                .await
                .unwrap()
        );
    })
    .await;
    let plain = app.sign_in(TAYLOR, SAM_PIN, "email").await;
    let home: wire::HomeHub = app
        .get_with_cookie("/api/v1/home", &plain)
        .await
        .json()
        .await
        .unwrap();
    assert!(!home.desk, "no role, no desk");
    let body = refused(send(&app, &plain, JORDAN, "sms").await).await;
    assert!(body.message.contains("support agents"));
    refused(act(&app, &plain, JORDAN, "disable").await).await;
    refused(read_back(&app, &plain, JORDAN, "123456").await).await;
}

async fn leads_disable_without_verification_and_enable_with_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let body = refused(act(&app, &sam, JORDAN, "disable").await).await;
    assert!(body.message.contains("support lead"), "{}", body.message);

    let jordan = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    grant(&app, SAM, Role::SupportLead).await;
    let lead = app.sign_in(SAM, SAM_PIN, "email").await;
    // Disabling only protects: no caller to verify.
    let disabled = done(act(&app, &lead, JORDAN, "disable").await).await;
    assert_eq!(disabled.card.status, "disabled");
    error_body(app.get_with_cookie("/api/v1/session", &jordan).await, 401).await;
    assert_eq!(app.login(JORDAN, JORDAN_PIN).await.status(), 401);
    error_body(act(&app, &lead, JORDAN, "disable").await, 422).await;

    // Enabling needs the caller verified by this lead, in the last 15 minutes.
    app.clock.advance(15 * 60);
    let lead = app.sign_in(SAM, SAM_PIN, "email").await;
    refused(act(&app, &lead, JORDAN, "enable").await).await;
    verify(&app, &lead, JORDAN, "email").await;
    let enabled = done(act(&app, &lead, JORDAN, "enable").await).await;
    assert_eq!(enabled.card.status, "active");
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;

    let kinds = app_audit(&app, JORDAN).await;
    assert!(kinds.contains(&"desk_disabled".to_owned()));
    assert!(kinds.contains(&"desk_enabled".to_owned()));
    let disabled_detail = with_store(&app, async |store| {
        store
            .desk_events(JORDAN, 50)
            .await
            .unwrap()
            .into_iter()
            .find(|event| event.kind == "desk_disabled")
            .unwrap()
            .detail
    })
    .await;
    assert_eq!(
        disabled_detail.as_deref(),
        Some("agent 2345678, no verification")
    );
}

async fn a_pending_hire_gets_a_new_registration_code_shown_once(backend: Backend) {
    let app = spawn_app(backend).await;
    add_people(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    // The demo hire has no verified contact: the desk cannot verify them.
    let none = error_body(send(&app, &sam, "7654321", "sms").await, 422).await;
    assert_eq!(none.fields, vec!["channel".to_owned()]);

    verify(&app, &sam, CASEY, "sms").await;
    let issued = done(act(&app, &sam, CASEY, "registration_code").await).await;
    let code = issued.registration_code.expect("shown this once");
    assert_eq!(issued.card.registration_code, "usable");
    let card = search_card(&app, &sam, CASEY).await;
    assert_eq!(card.registration_code, "usable");
    let registering = crate::registration::start_registration(&app, CASEY, &code).await;
    assert_eq!(registering.status(), 200, "the new code registers");

    // An active employee has nothing to register with.
    verify(&app, &sam, JORDAN, "sms").await;
    let body = error_body(act(&app, &sam, JORDAN, "registration_code").await, 422).await;
    assert!(body.message.contains("not registered"), "{}", body.message);
}

async fn an_action_whose_notice_cannot_be_queued_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    lock_jordan_out(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let card = verify(&app, &sam, JORDAN, "sms").await;
    assert!(card.locked_until.is_some());
    let verification_id = with_store(&app, async |store| {
        store
            .desk_verification(SAM, JORDAN, app.clock_now())
            .await
            .unwrap()
            .unwrap()
            .verification_id
    })
    .await;
    // A notice the outbox refuses (no such channel): the unlock and its
    // audit event go with it.
    let broken = NewMessage {
        channel: "pigeon",
        destination: "loft 4".into(),
        employee_id: JORDAN.into(),
        flow_id: None,
        template: "desk_unlocked",
        language: "en",
        sealed_code: None,
        code_expires_at: None,
        ttl_minutes: 0,
        created_at: app.clock_now(),
    };
    let record = DeskRecord {
        agent_id: SAM,
        employee_id: JORDAN,
        verification_id: Some(&verification_id),
        address: "203.0.113.9",
        audit_kind: AuditKind::DeskUnlocked,
        detail: "agent 2345678",
        counter: "unlock",
        notices: std::slice::from_ref(&broken),
        now: app.clock_now(),
    };
    with_store(&app, async |store| {
        assert!(store.desk_act(DeskChange::Unlock, &record).await.is_err());
    })
    .await;
    assert!(search_card(&app, &sam, JORDAN).await.locked_until.is_some());
    assert!(
        !app_audit(&app, JORDAN)
            .await
            .contains(&"desk_unlocked".to_owned())
    );

    // A verification that no longer holds: nothing changes either.
    let stale = DeskRecord {
        now: app.clock_now() + 15 * 60,
        notices: &[],
        ..record
    };
    with_store(&app, async |store| {
        assert!(!store.desk_act(DeskChange::Unlock, &stale).await.unwrap());
    })
    .await;
    assert!(search_card(&app, &sam, JORDAN).await.locked_until.is_some());
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("upsers_desk_actions_total{action=\"unlock\"} 0"));
}

async fn a_reset_link_lets_the_employee_set_their_own_pin_once(backend: Backend) {
    let app = spawn_app(backend).await;
    lock_jordan_out(&app).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let before_verifying = send_reset(&app, &sam, JORDAN, "email").await;
    refused(before_verifying).await;
    verify(&app, &sam, JORDAN, "sms").await;
    let no_channel = error_body(act(&app, &sam, JORDAN, "send_reset").await, 422).await;
    assert_eq!(no_channel.fields, vec!["channel".to_owned()]);
    let sent = send_reset(&app, &sam, JORDAN, "email").await;
    done(sent).await;

    let message = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.employee_id == JORDAN && message.body.contains("#reset="))
        .expect("the link went to Jordan");
    assert_eq!(message.channel, wire::Channel::Email);
    assert_eq!(message.code, None, "a link, not a code to read out");
    assert!(
        message
            .body
            .starts_with("A Technical Support agent sent you this link to reset your UPSers PIN"),
        "{}",
        message.body
    );
    let token = message
        .body
        .split("#reset=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_owned();

    let tampered = format!("{token}x");
    let refused_link = app
        .post("/api/v1/recovery/link", json!({ "token": tampered }), None)
        .await;
    let body = error_body(refused_link, 410).await;
    assert_eq!(body.code, wire::ErrorCode::Expired);

    let opened = app
        .post("/api/v1/recovery/link", json!({ "token": token }), None)
        .await;
    assert_eq!(opened.status(), 200);
    let cookie = cookie_pair(&opened, "__Host-recovery").expect("the reset's cookie");
    let linked: wire::RecoveryLinked = opened.json().await.unwrap();
    assert_eq!(linked.employee_id, JORDAN);
    let again = app
        .post("/api/v1/recovery/link", json!({ "token": token }), None)
        .await;
    error_body(again, 410).await;

    let new_pin = "Desk-Reset-Lantern-77";
    let set = app
        .post(
            &format!("/api/v1/recovery/{}/pin", linked.flow_id),
            json!({ "new_pin": new_pin }),
            Some(&cookie),
        )
        .await;
    assert_eq!(set.status(), 200, "the employee sets the PIN themselves");
    app.sign_in(JORDAN, new_pin, "sms").await;
    let kinds = app_audit(&app, JORDAN).await;
    for kind in ["desk_reset_sent", "recovery_verified", "pin_reset"] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("upsers_desk_actions_total{action=\"send_reset\"} 1"));
}

/// The token after `marker` in the newest message to `employee_id` that
/// carries one.
async fn link_token(app: &TestApp, employee_id: &str, marker: &str) -> String {
    let message = app
        .outbox()
        .await
        .into_iter()
        .find(|message| message.employee_id == employee_id && message.body.contains(marker))
        .unwrap_or_else(|| panic!("a message with {marker}"));
    let (_, after) = message.body.split_once(marker).unwrap();
    after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// A "This wasn't me" link and a desk reset link, issued before Jordan's
/// PIN reset by text, no longer work after it: either may have gone to a
/// channel an intruder held.
async fn links_issued_before_a_pin_reset_die_with_it(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let report = link_token(&app, JORDAN, "/forgot#report=").await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    verify(&app, &sam, JORDAN, "sms").await;
    let sent = send_reset(&app, &sam, JORDAN, "email").await;
    done(sent).await;
    let desk_link = link_token(&app, JORDAN, "#reset=").await;

    let recovery = crate::recovery::Recovery::start(&app, JORDAN).await;
    recovery.verify_by("sms").await;
    assert_eq!(
        recovery.set_pin("Harbor-Lantern-Cedar-31").await.status(),
        200
    );

    let reported = app
        .post("/api/v1/sign-in-reports", json!({ "token": report }), None)
        .await;
    error_body(reported, 410).await;
    let opened = app
        .post("/api/v1/recovery/link", json!({ "token": desk_link }), None)
        .await;
    error_body(opened, 410).await;
    app.sign_in(JORDAN, "Harbor-Lantern-Cedar-31", "sms").await;
}

/// A search that finds no one, every refused step and every action are in
/// the audit trail naming the agent; Jordan's Recent activity lists what the
/// desk did, in words, without the desk's own address or browser.
async fn every_search_and_refusal_at_the_desk_is_audited_and_the_employee_sees_what_was_done(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    let missed = app
        .post(
            "/api/v1/desk/search",
            json!({ "query": "nobody@upsers.example" }),
            Some(&sam),
        )
        .await;
    let missed: wire::DeskSearchResult = missed.json().await.unwrap();
    assert!(missed.employee.is_none());
    assert_eq!(
        rows(&app, "audit_events WHERE kind = 'desk_search_missed'").await,
        1
    );

    refused(act(&app, &sam, JORDAN, "unlock").await).await;
    refused(act(&app, &sam, SAM, "forget_devices").await).await;
    let no_one = act(&app, &sam, "7000001", "unlock").await;
    error_body(no_one, 422).await;
    let refusals = rows(&app, "audit_events WHERE kind = 'desk_refused'").await;
    assert_eq!(refusals, 3, "each refusal, with or without an employee");
    assert!(
        app_audit(&app, JORDAN)
            .await
            .contains(&"desk_refused".to_owned())
    );
    assert!(
        app_audit(&app, SAM)
            .await
            .contains(&"desk_refused".to_owned())
    );
    assert!(
        app_audit(&app, "7000001")
            .await
            .contains(&"desk_refused".to_owned())
    );

    lock_jordan_out(&app).await;
    verify(&app, &sam, JORDAN, "sms").await;
    done(act(&app, &sam, JORDAN, "unlock").await).await;
    let jordan = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let activity: wire::ActivityPage = app
        .get_with_cookie("/api/v1/account/activity", &jordan)
        .await
        .json()
        .await
        .unwrap();
    let by_the_desk: Vec<_> = activity
        .events
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                wire::ActivityKind::DeskVerified | wire::ActivityKind::DeskUnlocked
            )
        })
        .collect();
    assert_eq!(by_the_desk.len(), 2, "{:?}", activity.events);
    assert!(
        by_the_desk
            .iter()
            .all(|event| event.address.is_none() && event.browser.is_none()),
        "{by_the_desk:?}"
    );
}

/// Fifty desk actions at once, each with its notice to both of Jordan's
/// channels: each channel gets five notices and one digest that says more
/// happened; the other notices are folded (audited, never sent).
async fn fifty_notices_at_once_reach_each_channel_as_five_and_one_digest(backend: Backend) {
    const AT_ONCE: usize = 50;
    let app = spawn_app(backend).await;
    let sam = agent(&app, SAM, SAM_PIN, Role::SupportAgent).await;
    verify(&app, &sam, JORDAN, "email").await;
    let before = app.outbox().await.len();
    let actions = (0..AT_ONCE).map(|_| {
        app.client
            .post(app.url("/api/v1/desk/actions"))
            .header("cookie", &sam)
            .json(&json!({ "employee_id": JORDAN, "action": "forget_devices" }))
    });
    let statuses = all_at_once(actions).await;
    assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");

    let outbox = app.outbox().await;
    let sent = &outbox[..outbox.len() - before];
    for destination in ["+14045550123", "jordan.rivera@upsers.example"] {
        let to: Vec<_> = sent
            .iter()
            .filter(|message| message.destination == destination)
            .collect();
        let digests = to
            .iter()
            .filter(|message| message.body.starts_with("More changes were made"))
            .count();
        assert_eq!((to.len(), digests), (6, 1), "{destination}: {to:?}");
    }
    let audit = app_audit(&app, JORDAN).await;
    let count = |kind: &str| audit.iter().filter(|k| *k == kind).count();
    assert_eq!(count("desk_devices_forgotten"), AT_ONCE);
    assert_eq!(count("notice_folded"), 2 * (AT_ONCE - 6));
}
