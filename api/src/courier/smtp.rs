//! Email over SMTP with lettre: one connection per message (the volume is a
//! few codes a minute; a pool would hold idle connections open to the relay),
//! STARTTLS or implicit TLS verified against the Web PKI roots.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::Delivery;
use super::templates::Rendered;
use crate::config::{SmtpSettings, SmtpTls};

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(settings: &SmtpSettings, timeout: Duration) -> anyhow::Result<SmtpMailer> {
        let tls = match settings.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls => Tls::Required(tls_parameters(settings)?),
            SmtpTls::Tls => Tls::Wrapper(tls_parameters(settings)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(timeout));
        if let Some((username, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                password.expose().to_owned(),
            ));
        }
        let from = Mailbox::from_str(&settings.from)
            .with_context(|| format!("email_from {:?} is not an email address", settings.from))?;
        Ok(SmtpMailer {
            transport: builder.build(),
            from,
        })
    }

    /// One attempt. 5xx answers are permanent; 4xx answers, refused
    /// connections, TLS trouble and timeouts are worth another try.
    pub async fn send(&self, to: &str, rendered: &Rendered) -> Delivery {
        let Ok(to) = Mailbox::from_str(to) else {
            return Delivery::Failed("the destination is not an email address".to_owned());
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                rendered.text.clone(),
                rendered.html.clone(),
            ));
        let message = match message {
            Ok(message) => message,
            Err(error) => {
                return Delivery::Failed(format!("the email could not be built: {error}"));
            }
        };
        match self.transport.send(message).await {
            Ok(_) => Delivery::Sent,
            // The error names the SMTP reply or the connection problem; it
            // never carries the message (the subject holds the code).
            Err(error) if error.is_permanent() => Delivery::Failed(format!("SMTP: {error}")),
            Err(error) => Delivery::Retry(format!("SMTP: {error}")),
        }
    }
}

/// The relay's certificate must chain to a Web PKI root or to one of
/// `smtp_ca_file`'s, and name the host; TLS 1.2 at least.
fn tls_parameters(settings: &SmtpSettings) -> anyhow::Result<TlsParameters> {
    let mut builder = TlsParameters::builder(settings.host.clone());
    if let Some(pem) = &settings.ca_pem {
        builder = builder.add_root_certificate(
            Certificate::from_pem(pem).context("smtp_ca_file holds no PEM certificate")?,
        );
    }
    builder
        .build_rustls()
        .with_context(|| format!("setting up TLS for the SMTP relay {}", settings.host))
}
