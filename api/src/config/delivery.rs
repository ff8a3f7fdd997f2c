//! Which backend delivers each channel's messages, and how to reach it.
//! Production must name a real backend for both channels; demo mode uses the
//! dev outbox for every channel it is not given one for.

use std::net::IpAddr;
use std::str::FromStr;

use anyhow::{Context, bail};
use serde::Deserialize;

use super::Overrides;
use crate::domain::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum EmailBackendKind {
    /// The dev outbox (demo mode only).
    Outbox,
    Smtp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SmsBackendKind {
    /// The dev outbox (demo mode only).
    Outbox,
    Webhook,
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or a trusted network.
    None,
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl SmtpTls {
    fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

#[derive(Clone, Debug)]
pub enum EmailBackend {
    DevOutbox,
    Smtp(SmtpSettings),
}

#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// Extra trusted certificate authorities (PEM), read at start.
    pub ca_pem: Option<Vec<u8>>,
    /// Username and password, when the relay wants them.
    pub credentials: Option<(String, Secret)>,
    /// `no-reply@upsers.example` or `UPSers <no-reply@upsers.example>`.
    pub from: String,
}

#[derive(Clone, Debug)]
pub enum SmsBackend {
    DevOutbox,
    Webhook { url: String, token: Secret },
}

#[derive(Clone, Debug)]
pub struct DeliverySettings {
    pub email: EmailBackend,
    pub sms: SmsBackend,
}

impl DeliverySettings {
    /// True when some channel goes to the dev outbox.
    pub fn uses_dev_outbox(&self) -> bool {
        matches!(self.email, EmailBackend::DevOutbox) || matches!(self.sms, SmsBackend::DevOutbox)
    }
}

/// Reads the delivery settings. `serving_production`: refuse the dev outbox.
pub(super) fn resolve(
    given: &Overrides,
    demo: bool,
    serving_production: bool,
) -> anyhow::Result<DeliverySettings> {
    let email = match given.email_backend {
        Some(EmailBackendKind::Smtp) => EmailBackend::Smtp(smtp(given)?),
        Some(EmailBackendKind::Outbox) => EmailBackend::DevOutbox,
        None if demo || !serving_production => EmailBackend::DevOutbox,
        None => bail!(
            "email_backend (UPSERS_EMAIL_BACKEND) is required outside demo mode: smtp, \
             with UPSERS_SMTP_HOST and UPSERS_EMAIL_FROM"
        ),
    };
    let sms = match given.sms_backend {
        Some(SmsBackendKind::Webhook) => webhook(given)?,
        Some(SmsBackendKind::Outbox) => SmsBackend::DevOutbox,
        None if demo || !serving_production => SmsBackend::DevOutbox,
        None => bail!(
            "sms_backend (UPSERS_SMS_BACKEND) is required outside demo mode: webhook, \
             with UPSERS_SMS_WEBHOOK_URL and UPSERS_SMS_WEBHOOK_TOKEN"
        ),
    };
    let delivery = DeliverySettings { email, sms };
    if serving_production && !demo && delivery.uses_dev_outbox() {
        bail!(
            "the dev outbox is for demo mode only: outside demo mode set \
             email_backend = smtp and sms_backend = webhook"
        );
    }
    Ok(delivery)
}

fn smtp(given: &Overrides) -> anyhow::Result<SmtpSettings> {
    let host = given
        .smtp_host
        .clone()
        .filter(|host| !host.trim().is_empty())
        .context("email_backend = smtp needs smtp_host (UPSERS_SMTP_HOST)")?;
    let tls = given.smtp_tls.unwrap_or_default();
    let port = given.smtp_port.unwrap_or_else(|| tls.default_port());
    let credentials = match (&given.smtp_username, &given.smtp_password) {
        (Some(username), Some(password)) => Some((username.clone(), password.clone())),
        (None, None) => None,
        _ => bail!("smtp_username and smtp_password go together: give both or neither"),
    };
    if credentials.is_some() && tls == SmtpTls::None && !is_loopback(&host) {
        bail!(
            "smtp_tls = none would send the SMTP password in the clear to {host}: \
             use starttls or tls"
        );
    }
    let ca_pem = match &given.smtp_ca_file {
        Some(path) if tls == SmtpTls::None => bail!(
            "smtp_ca_file ({}) is set but smtp_tls is none: nothing would use it",
            path.display()
        ),
        Some(path) => Some(
            std::fs::read(path)
                .with_context(|| format!("reading smtp_ca_file {}", path.display()))?,
        ),
        None => None,
    };
    let from = given
        .email_from
        .clone()
        .context("email_backend = smtp needs email_from (UPSERS_EMAIL_FROM)")?;
    lettre::message::Mailbox::from_str(&from)
        .with_context(|| format!("email_from {from:?} is not an email address"))?;
    Ok(SmtpSettings {
        host,
        port,
        tls,
        ca_pem,
        credentials,
        from,
    })
}

fn webhook(given: &Overrides) -> anyhow::Result<SmsBackend> {
    let url = given
        .sms_webhook_url
        .clone()
        .context("sms_backend = webhook needs sms_webhook_url (UPSERS_SMS_WEBHOOK_URL)")?;
    let parsed = reqwest::Url::parse(&url)
        .with_context(|| format!("sms_webhook_url {url:?} is not a URL"))?;
    let host = parsed.host_str().unwrap_or_default().to_owned();
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        _ => bail!(
            "sms_webhook_url must be an https:// address (http:// only to this host), got {url:?}"
        ),
    }
    let token = given
        .sms_webhook_token
        .clone()
        .filter(|token| !token.expose().trim().is_empty())
        .context("sms_backend = webhook needs sms_webhook_token (UPSERS_SMS_WEBHOOK_TOKEN)")?;
    Ok(SmsBackend::Webhook { url, token })
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn production(given: Overrides) -> anyhow::Result<DeliverySettings> {
        resolve(&given, false, true)
    }

    /// SMTP for email and the webhook for SMS, as production needs.
    pub(in crate::config) fn real_backends() -> Overrides {
        Overrides {
            email_backend: Some(EmailBackendKind::Smtp),
            smtp_host: Some("smtp.upsers.example".into()),
            email_from: Some("UPSers <no-reply@upsers.example>".into()),
            sms_backend: Some(SmsBackendKind::Webhook),
            sms_webhook_url: Some("https://sms.upsers.example/send".into()),
            sms_webhook_token: Some(Secret::new("t0ken")),
            ..Overrides::default()
        }
    }

    #[test]
    fn production_refuses_the_dev_outbox() {
        let error = production(Overrides::default()).unwrap_err().to_string();
        assert!(error.contains("email_backend"), "{error}");
        let error = production(Overrides {
            sms_backend: Some(SmsBackendKind::Outbox),
            ..real_backends()
        })
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("dev outbox is for demo mode only"),
            "{error}"
        );
        assert!(production(real_backends()).is_ok());
    }

    #[test]
    fn demo_mode_uses_a_real_backend_where_one_is_configured() {
        let given = Overrides {
            sms_backend: None,
            ..real_backends()
        };
        let delivery = resolve(&given, true, true).unwrap();
        assert!(matches!(delivery.email, EmailBackend::Smtp(_)));
        assert!(matches!(delivery.sms, SmsBackend::DevOutbox));
    }

    #[test]
    fn the_config_file_names_the_same_settings() {
        let given: Overrides = toml::from_str(
            r#"
            email_backend = "smtp"
            smtp_host = "smtp.upsers.example"
            smtp_port = 2525
            smtp_tls = "tls"
            smtp_username = "portal"
            smtp_password = "pw"
            email_from = "no-reply@upsers.example"
            sms_backend = "webhook"
            sms_webhook_url = "https://sms.upsers.example/send"
            sms_webhook_token = "t0ken"
            "#,
        )
        .unwrap();
        let delivery = production(given).unwrap();
        let EmailBackend::Smtp(smtp) = delivery.email else {
            panic!("smtp")
        };
        assert_eq!((smtp.port, smtp.tls), (2525, SmtpTls::Tls));
        assert_eq!(
            smtp.credentials.map(|(user, _)| user).as_deref(),
            Some("portal")
        );
        let SmsBackend::Webhook { url, token } = delivery.sms else {
            panic!("webhook")
        };
        assert_eq!(
            (url.as_str(), token.expose()),
            ("https://sms.upsers.example/send", "t0ken")
        );
    }

    #[test]
    fn smtp_ports_follow_the_tls_mode_unless_given() {
        for (tls, port) in [
            (SmtpTls::None, 25),
            (SmtpTls::Starttls, 587),
            (SmtpTls::Tls, 465),
        ] {
            let delivery = production(Overrides {
                smtp_tls: Some(tls),
                ..real_backends()
            })
            .unwrap();
            let EmailBackend::Smtp(smtp) = delivery.email else {
                panic!("smtp")
            };
            assert_eq!(smtp.port, port);
        }
    }

    #[test]
    fn unsafe_or_incomplete_backends_are_refused() {
        for (given, expected) in [
            (
                Overrides {
                    smtp_host: None,
                    ..real_backends()
                },
                "smtp_host",
            ),
            (
                Overrides {
                    email_from: Some("not an address".into()),
                    ..real_backends()
                },
                "email_from",
            ),
            (
                Overrides {
                    smtp_tls: Some(SmtpTls::None),
                    smtp_username: Some("portal".into()),
                    smtp_password: Some(Secret::new("pw")),
                    ..real_backends()
                },
                "in the clear",
            ),
            (
                Overrides {
                    smtp_username: Some("portal".into()),
                    ..real_backends()
                },
                "go together",
            ),
            (
                Overrides {
                    sms_webhook_url: Some("http://sms.upsers.example/send".into()),
                    ..real_backends()
                },
                "https://",
            ),
            (
                Overrides {
                    sms_webhook_token: None,
                    ..real_backends()
                },
                "sms_webhook_token",
            ),
        ] {
            let error = format!("{:#}", production(given).unwrap_err());
            assert!(error.contains(expected), "{expected}: {error}");
        }
        assert!(
            production(Overrides {
                sms_webhook_url: Some("http://127.0.0.1:9000/send".into()),
                ..real_backends()
            })
            .is_ok(),
            "plain http to this host is allowed (a local gateway, tests)"
        );
    }
}
