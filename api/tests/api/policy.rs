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

#[tokio::test]
async fn support_contact_details_come_from_the_configuration() {
    let app = spawn_app(Backend::Sqlite).await;
    let defaults: wire::SupportContact = app.get("/api/v1/support").await.json().await.unwrap();
    assert_eq!(
        (defaults.phone.as_str(), defaults.email.as_str()),
        ("+18005550199", "support@upsers.example")
    );
    assert!(defaults.web_url.starts_with("https://"));
    assert_eq!(
        (defaults.hours.en.as_str(), defaults.hours.es.as_str()),
        ("Every day, 24 hours", "Todos los días, las 24 horas"),
        "the hours in each language"
    );

    let app = spawn_app_with(
        Backend::Sqlite,
        Overrides {
            support_phone: Some("+14045550100".into()),
            support_hours: Some("Monday to Friday, 7 am to 7 pm Eastern".into()),
            support_hours_es: Some("De lunes a viernes, de 7 a 19 h (hora del Este)".into()),
            support_email: Some("help@example.com".into()),
            support_url: Some("https://help.example.com/portal".into()),
            ..Default::default()
        },
    )
    .await;
    let configured: wire::SupportContact = app.get("/api/v1/support").await.json().await.unwrap();
    assert_eq!(configured.phone, "+14045550100");
    assert_eq!(
        configured.hours.en,
        "Monday to Friday, 7 am to 7 pm Eastern"
    );
    assert_eq!(
        configured.hours.es,
        "De lunes a viernes, de 7 a 19 h (hora del Este)"
    );
    assert_eq!(configured.web_url, "https://help.example.com/portal");
    assert_eq!(configured.server_time, app.clock_now());
}

#[test]
fn broken_support_details_are_refused_at_start() {
    for (overrides, named) in [
        (
            Overrides {
                support_phone: Some("call us".into()),
                ..Default::default()
            },
            "support_phone",
        ),
        (
            Overrides {
                support_email: Some("nobody".into()),
                ..Default::default()
            },
            "support_email",
        ),
        (
            Overrides {
                support_url: Some("javascript:alert(1)".into()),
                ..Default::default()
            },
            "support_url",
        ),
        (
            Overrides {
                support_hours_es: Some("Siempre".into()),
                ..Default::default()
            },
            "support_hours_es",
        ),
    ] {
        let error = upsers_api::config::Settings::resolve(Overrides {
            demo: Some(true),
            ..overrides
        })
        .map(|_| ())
        .expect_err("refused");
        assert!(error.to_string().contains(named), "{error}");
    }
}
