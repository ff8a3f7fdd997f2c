//! Email over SMTP with lettre: one connection per message (the volume is a
//! few codes a minute; a pool would hold idle connections open to the relay),
//! STARTTLS or implicit TLS verified against the Web PKI roots.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
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
            SmtpTls::Starttls => Tls::Required(tls_parameters(&settings.host)?),
            SmtpTls::Tls => Tls::Wrapper(tls_parameters(&settings.host)?),
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

fn tls_parameters(host: &str) -> anyhow::Result<TlsParameters> {
    TlsParameters::new(host.to_owned())
        .with_context(|| format!("setting up TLS for the SMTP relay {host}"))
}
