//! The Technical Support Center's desk: only support agents reach it; an
//! agent finds an employee by ID, email or mobile number and reads the card
//! (masked channels, lock, registration code, the last 50 events), and every
//! look-up is audited against the agent.

use crate::helpers::*;
use serde_json::json;
use upsers_api::domain::roles::Role;
use upsers_api::store::Store;
use upsers_contract as wire;

const ALEX: &str = "7654321";

on_both_stores!(
    the_desk_answers_only_support_agents,
    an_agent_finds_an_employee_by_id_email_or_mobile_and_reads_the_card,
);

/// Sam as a support agent, signed in: the session's cookie pair.
async fn agent_session(app: &TestApp, role: Role) -> String {
    let store = Store::connect(&app.database_url).await.unwrap();
    assert!(store.grant_role(SAM, role, app.clock_now()).await.unwrap());
    store.close().await;
    app.sign_in(SAM, SAM_PIN, "email").await
}

async fn search(app: &TestApp, query: &str, session: Option<&str>) -> reqwest::Response {
    app.post("/api/v1/desk/search", json!({ "query": query }), session)
        .await
}

async fn card(app: &TestApp, query: &str, session: &str) -> Option<wire::DeskCard> {
    let response = search(app, query, Some(session)).await;
    assert_eq!(response.status(), 200);
    response
        .json::<wire::DeskSearchResult>()
        .await
        .unwrap()
        .employee
}

async fn the_desk_answers_only_support_agents(backend: Backend) {
    let app = spawn_app(backend).await;
    let anonymous = search(&app, JORDAN, None).await;
    error_body(anonymous, 401).await;
    let employee = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let refused = error_body(search(&app, SAM, Some(&employee)).await, 403).await;
    assert_eq!(refused.code, wire::ErrorCode::Forbidden);
    assert!(
        refused.message.contains("support agents"),
        "{}",
        refused.message
    );
    assert!(
        !app_audit(&app, SAM)
            .await
            .contains(&"desk_viewed".to_owned()),
        "a refused look-up reads nothing"
    );

    let agent = agent_session(&app, Role::SupportLead).await;
    assert!(
        card(&app, JORDAN, &agent).await.is_some(),
        "a lead is an agent"
    );
    let empty = error_body(search(&app, "  ", Some(&agent)).await, 422).await;
    assert_eq!(empty.fields, vec!["query".to_owned()]);
    let long = "9".repeat(255);
    error_body(search(&app, &long, Some(&agent)).await, 422).await;

    // Revoked: the session ends with the role.
    let store = Store::connect(&app.database_url).await.unwrap();
    assert!(
        store
            .revoke_role(SAM, Role::SupportLead, app.clock_now())
            .await
            .unwrap()
    );
    store.close().await;
    error_body(search(&app, JORDAN, Some(&agent)).await, 401).await;
}

async fn an_agent_finds_an_employee_by_id_email_or_mobile_and_reads_the_card(backend: Backend) {
    let app = spawn_app(backend).await;
    // Jordan locks himself out: three wrong PINs.
    for _ in 0..3 {
        app.login(JORDAN, "Wrong-Guess-0000").await;
    }
    let agent = agent_session(&app, Role::SupportAgent).await;

    let by_id = card(&app, JORDAN, &agent).await.expect("found by ID");
    let by_email = card(&app, " Jordan.Rivera@UPSers.example ", &agent)
        .await
        .expect("found by email, in any case");
    let by_mobile = card(&app, "+14045550123", &agent)
        .await
        .expect("found by mobile");
    assert_eq!(by_email.employee_id, JORDAN);
    assert_eq!(by_mobile.employee_id, JORDAN);
    assert_eq!(by_id.first_name, "Jordan");
    assert_eq!(by_id.status, "active");
    assert_eq!(by_id.mobile.as_deref(), Some("(•••) •••-0123"));
    assert_eq!(by_id.email.as_deref(), Some("j•••@upsers.example"));
    assert!(by_id.mobile_verified && by_id.email_verified);
    let locked_until = by_id.locked_until.expect("locked after three failures");
    assert_eq!(locked_until - app.clock_now(), 900);
    assert!(by_id.roles.is_empty());
    let kinds: Vec<&str> = by_id
        .events
        .iter()
        .map(|event| event.kind.as_str())
        .collect();
    assert_eq!(
        kinds.first(),
        Some(&"desk_viewed"),
        "the newest first: {kinds:?}"
    );
    assert!(kinds.contains(&"lock"), "{kinds:?}");
    assert!(by_id.events.len() <= 50);

    let alex = card(&app, ALEX, &agent).await.expect("a pending hire");
    assert_eq!(alex.status, "pending");
    assert_eq!(alex.registration_code, "usable");
    assert!(alex.registration_code_expires_at.unwrap() > app.clock_now());
    assert_eq!(alex.locked_until, None);
    let sam = card(&app, SAM, &agent).await.expect("Sam");
    assert_eq!(sam.roles, vec!["support_agent".to_owned()]);
    assert_eq!(sam.mobile, None);

    assert_eq!(card(&app, "9999999", &agent).await, None);
    assert_eq!(card(&app, "nobody@upsers.example", &agent).await, None);

    // Who looked at whom is on record, once per look-up.
    let jordan_audit = app_audit(&app, JORDAN).await;
    let views = jordan_audit
        .iter()
        .filter(|kind| *kind == "desk_viewed")
        .count();
    assert_eq!(views, 3);
}
