//! The Technical Support Center's roles: granted and revoked by the admin
//! CLI only, each change ending the employee's sessions and audited in the
//! same transaction; an agent always signs in with a one-time PIN (a
//! remembered device skips nothing, and none is offered) and idles out
//! after 10 minutes.

use std::process::Command;

use crate::helpers::*;
use serde_json::json;
use upsers_api::domain::roles::Role;
use upsers_api::store::Store;
use upsers_contract as wire;

on_both_stores!(
    an_agent_always_signs_in_with_a_code_and_idles_out_after_ten_minutes,
    a_role_change_ends_the_sessions_and_is_audited_once_however_many_race,
);

async fn store_of(app: &TestApp) -> Store {
    Store::connect(&app.database_url).await.unwrap()
}

async fn an_agent_always_signs_in_with_a_code_and_idles_out_after_ten_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (before, device) = app.sign_in_remembering(SAM, SAM_PIN, None).await;
    let store = store_of(&app).await;
    assert!(
        store
            .grant_role(SAM, Role::SupportAgent, app.clock_now())
            .await
            .unwrap()
    );
    let gone = app.get_with_cookie("/api/v1/session", &before).await;
    assert_eq!(gone.status(), 401, "the grant ended the session");

    // The remembered browser skips nothing now, and remembering is not offered.
    let response = app.login_with(SAM, SAM_PIN, &device).await;
    assert_eq!(response.status(), 200);
    let flow_cookie = cookie_pair(&response, "__Host-flow").expect("a flow follows");
    let flow: wire::LoginStarted = response.json().await.unwrap();
    assert!(!flow.signed_in(), "an agent's PIN alone never signs in");
    let sent = app.send_code(&flow, &flow_cookie, "email").await;
    assert_eq!(sent.status(), 200);
    let sent: wire::CodeSent = sent.json().await.unwrap();
    assert_eq!(sent.remember_device_days, 0, "remembering is not offered");

    // Asked for anyway, it is not remembered; the session idles in 10 minutes.
    let code = app.latest_code(SAM).await;
    let path = format!("/api/v1/login/{}/verify", flow.flow_id);
    let body = json!({ "code": code, "remember_device": true });
    let cookies = format!("{flow_cookie}; {device}");
    let response = app.post(&path, body, Some(&cookies)).await;
    assert_eq!(response.status(), 200);
    let session = cookie_pair(&response, "__Host-session").expect("signed in");
    let info: wire::SessionInfo = response.json().await.unwrap();
    assert_eq!(info.idle_expires_at - info.server_time, 600);
    let refreshed = app
        .post("/api/v1/session/refresh", json!({}), Some(&session))
        .await;
    assert_eq!(refreshed.status(), 200);
    let refreshed: wire::SessionInfo = refreshed.json().await.unwrap();
    assert_eq!(
        refreshed.idle_expires_at - refreshed.server_time,
        600,
        "activity moves the deadline by the agent's 10 minutes, not 15"
    );
    let again = app.login_with(SAM, SAM_PIN, &device).await;
    let again: wire::LoginStarted = again.json().await.unwrap();
    assert!(!again.signed_in(), "still a code, every time");
    let remembered = app_audit(&app, SAM)
        .await
        .iter()
        .filter(|kind| *kind == "device_remembered")
        .count();
    assert_eq!(
        remembered, 1,
        "only the sign-in before the grant remembered"
    );

    // An employee without a role keeps 15 minutes.
    let (jordan, _) = app.sign_in_remembering(JORDAN, JORDAN_PIN, None).await;
    let info = app.get_with_cookie("/api/v1/session", &jordan).await;
    let info: wire::SessionInfo = info.json().await.unwrap();
    assert_eq!(info.idle_expires_at - info.server_time, 900);
    store.close().await;
}

async fn a_role_change_ends_the_sessions_and_is_audited_once_however_many_race(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    let store = store_of(&app).await;
    let now = app.clock_now();
    let grants = (0..20).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.grant_role(JORDAN, Role::SupportLead, now).await })
    });
    let mut granted = 0;
    for grant in grants {
        granted += usize::from(grant.await.unwrap().unwrap());
    }
    assert_eq!(granted, 1, "one grant changed anything");
    assert_eq!(
        store.roles_of(JORDAN).await.unwrap(),
        vec![Role::SupportLead]
    );
    let gone = app.get_with_cookie("/api/v1/session", &session).await;
    assert_eq!(gone.status(), 401);

    let session = app.sign_in(JORDAN, JORDAN_PIN, "sms").await;
    assert!(
        store
            .revoke_role(JORDAN, Role::SupportLead, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .revoke_role(JORDAN, Role::SupportLead, now)
            .await
            .unwrap()
    );
    let gone = app.get_with_cookie("/api/v1/session", &session).await;
    assert_eq!(gone.status(), 401, "a revoked agent holds no session");
    assert!(store.roles_of(JORDAN).await.unwrap().is_empty());
    let audit = app_audit(&app, JORDAN).await;
    let count = |kind: &str| audit.iter().filter(|seen| *seen == kind).count();
    assert_eq!((count("role_granted"), count("role_revoked")), (1, 1));
    store.close().await;
}

/// `role grant|revoke|list` as an operator runs them.
#[tokio::test]
async fn roles_are_granted_listed_and_revoked_with_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("roles.db").display());
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_upsers-api"))
            .args(args)
            .args(["--database-url", &database])
            .env("UPSERS_SECRET_KEY", "00".repeat(32))
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    assert!(run(&["seed-demo"]).0);

    let (ok, stdout, stderr) = run(&["role", "grant", SAM, "support_agent"]);
    assert!(
        ok && stdout.contains("is now support_agent"),
        "{stdout}{stderr}"
    );
    let (ok, stdout, _) = run(&["role", "grant", SAM, "support_agent"]);
    assert!(ok && stdout.contains("nothing changed"), "{stdout}");
    let (ok, stdout, _) = run(&["role", "list"]);
    assert!(ok);
    assert!(
        stdout.starts_with("employee_id,first_name,last_name,role,granted_at\n2345678,Sam,"),
        "{stdout}"
    );
    assert!(stdout.contains(",support_agent,"), "{stdout}");

    let (ok, _, stderr) = run(&["role", "grant", SAM, "admin"]);
    assert!(
        !ok && stderr.contains("support_agent or support_lead"),
        "{stderr}"
    );
    let (ok, _, stderr) = run(&["role", "grant", "9999999", "support_agent"]);
    assert!(!ok && stderr.contains("no employee 9999999"), "{stderr}");

    let (ok, stdout, _) = run(&["role", "revoke", SAM, "support_agent"]);
    assert!(ok && stdout.contains("no longer support_agent"), "{stdout}");
    let (ok, stdout, _) = run(&["role", "list"]);
    assert!(
        ok && stdout.lines().count() == 1,
        "only the header: {stdout}"
    );
}
