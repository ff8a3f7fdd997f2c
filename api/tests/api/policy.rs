use crate::helpers::{Backend, on_both_stores, spawn_app, spawn_app_with};
use upsers_api::config::Overrides;
use upsers_contract as wire;

on_both_stores!(
    the_policy_serves_the_product_defaults,
    the_policy_serves_configured_values
);

async fn the_policy_serves_the_product_defaults(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/api/v1/policy").await;
    assert_eq!(response.status(), 200);
    let policy: wire::Policy = response.json().await.unwrap();
    assert_eq!(policy.employee_id.digits, 7);
    assert_eq!((policy.pin.min_length, policy.pin.max_length), (8, 64));
    assert_eq!(
        (
            policy.otp.digits,
            policy.otp.ttl_secs,
            policy.otp.resend_secs
        ),
        (6, 600, 30)
    );
    assert_eq!(
        (policy.lockout.max_failures, policy.lockout.lockout_secs),
        (3, 900)
    );
    assert_eq!(
        (policy.session.idle_secs, policy.session.absolute_secs),
        (900, 28_800)
    );
}

async fn the_policy_serves_configured_values(backend: Backend) {
    let app = spawn_app_with(
        backend,
        Overrides {
            lockout_secs: Some(5),
            otp_resend_secs: Some(2),
            ..Default::default()
        },
    )
    .await;
    let policy: wire::Policy = app.get("/api/v1/policy").await.json().await.unwrap();
    assert_eq!(policy.lockout.lockout_secs, 5);
    assert_eq!(policy.otp.resend_secs, 2);
}
