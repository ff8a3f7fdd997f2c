//! Delivery of one-time PINs and notices.
//!
//! Handlers never send: they turn a message into an outbox row
//! ([`Courier::code_message`], [`Courier::notice_message`]) that the store
//! writes in the transaction of the change, then call [`Courier::queued`]. The
//! [`worker`] delivers the rows through each channel's backend: SMTP for
//! email, an HTTP gateway for SMS, or, in demo mode, the dev outbox (printed
//! on the terminal and listed by `GET /api/v1/dev/outbox`).

mod seal;
mod smtp;
pub mod templates;
mod webhook;
pub mod worker;

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
pub use upsers_contract::Channel;

pub use templates::{Language, Rendered, Template};

use crate::config::{DeliverySettings, EmailBackend, SmsBackend};
use crate::domain::Secret;
use crate::store::{NewMessage, OutboxMessage};

/// The longest one delivery attempt may take (connect, TLS, the exchange).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// What a one-time PIN is for, which its message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    SignIn,
    PinReset,
    Registration,
    /// A step-up in My account.
    StepUp,
    /// To a new contact detail, to verify it.
    NewContact,
    /// To a verified channel, for the caller to read back to the desk.
    DeskVerification,
}

impl CodePurpose {
    fn template(self) -> Template {
        match self {
            CodePurpose::SignIn => Template::SignInCode,
            CodePurpose::PinReset => Template::PinResetCode,
            CodePurpose::Registration => Template::RegistrationCode,
            CodePurpose::StepUp => Template::StepUpCode,
            CodePurpose::NewContact => Template::NewContactCode,
            CodePurpose::DeskVerification => Template::DeskVerificationCode,
        }
    }
}

/// A one-time PIN on its way to an employee.
pub struct CodeMessage<'a> {
    pub purpose: CodePurpose,
    pub channel: Channel,
    /// The real destination (E.164 number or email address).
    pub destination: &'a str,
    pub employee_id: &'a str,
    pub flow_id: &'a str,
    pub code: &'a Secret,
    /// When the code expires: a message still waiting then is dropped.
    pub expires_at: i64,
    /// How long the code stays valid, as the message states it.
    pub ttl_minutes: u64,
    pub language: Language,
    pub now: i64,
}

/// Messages without a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// To a channel other than the one used to change the PIN, so a takeover
    /// does not go unnoticed.
    PinChanged,
    /// To each verified channel when a registration completes.
    Welcome,
    /// To each channel verified before a contact detail changed (the old
    /// address included), so a takeover does not go unnoticed.
    ContactsChanged,
    /// To each verified channel when the challenge questions change.
    QuestionsChanged,
    /// To each verified channel when "This wasn't me" locked the ID.
    SignInReported,
    /// To each verified channel when a Technical Support agent acted on the
    /// account (`routes::desk`), saying what and when.
    DeskUnlocked,
    DeskDevicesForgotten,
    DeskRegistrationCode,
    DeskDisabled,
    DeskEnabled,
    /// To each verified channel when a passkey is added or removed.
    PasskeyAdded,
    PasskeyRemoved,
    /// In place of the notice over a channel's hourly cap: the rest of the
    /// hour's notices are folded into it.
    Digest,
}

impl Notice {
    fn template(self) -> Template {
        match self {
            Notice::PinChanged => Template::PinChanged,
            Notice::Welcome => Template::Welcome,
            Notice::ContactsChanged => Template::ContactsChanged,
            Notice::QuestionsChanged => Template::QuestionsChanged,
            Notice::SignInReported => Template::SignInReported,
            Notice::DeskUnlocked => Template::DeskUnlocked,
            Notice::DeskDevicesForgotten => Template::DeskDevicesForgotten,
            Notice::DeskRegistrationCode => Template::DeskRegistrationCode,
            Notice::DeskDisabled => Template::DeskDisabled,
            Notice::DeskEnabled => Template::DeskEnabled,
            Notice::PasskeyAdded => Template::PasskeyAdded,
            Notice::PasskeyRemoved => Template::PasskeyRemoved,
            Notice::Digest => Template::NoticeDigest,
        }
    }
}

/// The sign-in a new-device alert is about, sealed in its outbox row with
/// the link (which holds the single-use token), so neither waits in the
/// clear, and dropped from the row once delivered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NewDeviceSignIn {
    pub at: i64,
    pub user_agent: Option<String>,
    pub address: String,
    pub link: String,
    pub link_days: i64,
}

/// A desk's PIN-reset link, sealed in its outbox row.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ResetLink {
    pub link: String,
    pub minutes: i64,
}

/// The passkeys a PIN reset left, and the link to My account where they
/// are removed, sealed in the reset notice's row. Each is named by when and
/// from what it was added, never by the name the employee gave it: that
/// text is anyone's who held the session, and a message is official.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PasskeysLeft {
    /// Empty in a row sealed before passkeys were described (it named them).
    #[serde(default)]
    pub passkeys: Vec<PasskeyLeft>,
    pub link: String,
}

/// One passkey a reset left, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PasskeyLeft {
    pub added_at: i64,
    /// The browser and system it was added from, as the API describes a
    /// `User-Agent` ("Chrome 131", "Windows 10"), when it names them.
    pub browser: Option<String>,
    pub os: Option<String>,
}

/// A contact change, sealed in its notice's row with the "This wasn't me"
/// link that undoes it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ContactChanged {
    pub channel: Channel,
    pub settle_hours: u32,
    pub link: String,
    pub link_days: i64,
}

/// What "This wasn't me" removed (passkeys added lately) and put back
/// (contacts changed lately), sealed in its notice's row.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Evicted {
    pub passkeys: Vec<PasskeyLeft>,
    pub contacts: Vec<Channel>,
}

impl Evicted {
    pub fn is_empty(&self) -> bool {
        self.passkeys.is_empty() && self.contacts.is_empty()
    }
}

impl PasskeyLeft {
    /// A stored passkey as a message names it (never by its name).
    pub fn of(passkey: &crate::store::PasskeyRecord) -> PasskeyLeft {
        let device = crate::domain::user_agent::describe(passkey.user_agent.as_deref());
        PasskeyLeft {
            added_at: passkey.created_at,
            browser: device.browser,
            os: device.os,
        }
    }
}

/// How one delivery attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Worth another attempt later (a timeout, a 5xx, a refused connection).
    Retry(String),
    /// Never going to work for this message (a 4xx, a bad address).
    Failed(String),
}

#[derive(Clone)]
pub struct Courier {
    inner: Arc<Inner>,
}

struct Inner {
    email: EmailTransport,
    sms: SmsTransport,
    sealer: seal::Sealer,
    /// Rings when a handler has queued a message, so the worker need not wait
    /// for its next poll.
    wake: Notify,
}

enum EmailTransport {
    DevOutbox,
    Smtp(Box<smtp::SmtpMailer>),
}

enum SmsTransport {
    DevOutbox,
    Webhook(webhook::Gateway),
}

impl Courier {
    /// The backends `delivery` names. Whether the dev outbox is allowed was
    /// settled when the settings were read (production refuses it).
    pub fn new(delivery: &DeliverySettings, secret_key: &[u8]) -> anyhow::Result<Courier> {
        let email = match &delivery.email {
            EmailBackend::DevOutbox => EmailTransport::DevOutbox,
            EmailBackend::Smtp(settings) => {
                EmailTransport::Smtp(Box::new(smtp::SmtpMailer::new(settings, SEND_TIMEOUT)?))
            }
        };
        let sms = match &delivery.sms {
            SmsBackend::DevOutbox => SmsTransport::DevOutbox,
            SmsBackend::Webhook { url, token } => {
                SmsTransport::Webhook(webhook::Gateway::new(url, token, SEND_TIMEOUT)?)
            }
        };
        Ok(Courier {
            inner: Arc::new(Inner {
                email,
                sms,
                sealer: seal::Sealer::new(secret_key),
                wake: Notify::new(),
            }),
        })
    }

    /// The outbox row of a code message, the code sealed.
    pub fn code_message(&self, message: CodeMessage<'_>) -> NewMessage {
        NewMessage {
            channel: message.channel.as_str(),
            destination: message.destination.to_owned(),
            employee_id: message.employee_id.to_owned(),
            flow_id: Some(message.flow_id.to_owned()),
            template: message.purpose.template().as_str(),
            language: message.language.tag(),
            sealed_code: Some(
                self.inner
                    .sealer
                    .seal(message.code.expose(), message.destination),
            ),
            code_expires_at: Some(message.expires_at),
            ttl_minutes: message.ttl_minutes as i64,
            created_at: message.now,
        }
    }

    /// The decoy row of a code to a channel that is not registered: sealed
    /// like a real one (the same work), stored without the code, never sent.
    pub fn decoy_message(&self, message: CodeMessage<'_>) -> NewMessage {
        NewMessage {
            template: crate::store::outbox::DECOY_TEMPLATE,
            sealed_code: None,
            ..self.code_message(message)
        }
    }

    /// The outbox row of a notice.
    pub fn notice_message(
        &self,
        notice: Notice,
        channel: Channel,
        destination: &str,
        employee_id: &str,
        language: Language,
        now: i64,
    ) -> NewMessage {
        NewMessage {
            channel: channel.as_str(),
            destination: destination.to_owned(),
            employee_id: employee_id.to_owned(),
            flow_id: None,
            template: notice.template().as_str(),
            language: language.tag(),
            sealed_code: None,
            code_expires_at: None,
            ttl_minutes: 0,
            created_at: now,
        }
    }

    /// The outbox row of a new-device alert, its facts and link sealed.
    pub fn alert_message(
        &self,
        sign_in: &NewDeviceSignIn,
        channel: Channel,
        destination: &str,
        employee_id: &str,
        language: Language,
    ) -> NewMessage {
        let to = (channel, destination, employee_id, language);
        self.sealed_message(Template::NewDeviceAlert, sign_in, to, sign_in.at)
    }

    /// The outbox row of a PIN-reset link from the desk, the link sealed
    /// (it is as good as a code until it is used).
    pub fn reset_link_message(
        &self,
        link: &ResetLink,
        channel: Channel,
        destination: &str,
        employee_id: &str,
        language: Language,
        now: i64,
    ) -> NewMessage {
        let to = (channel, destination, employee_id, language);
        NewMessage {
            code_expires_at: Some(now + link.minutes * 60),
            ..self.sealed_message(Template::DeskResetLink, link, to, now)
        }
    }

    /// The outbox row of a PIN reset's notice that names the passkeys left.
    pub fn passkeys_left_message(
        &self,
        passkeys: &PasskeysLeft,
        channel: Channel,
        destination: &str,
        employee_id: &str,
        language: Language,
        now: i64,
    ) -> NewMessage {
        let to = (channel, destination, employee_id, language);
        self.sealed_message(Template::PinResetPasskeys, passkeys, to, now)
    }

    /// The outbox row of a contact change's notice, its link sealed.
    pub fn contact_changed_message(
        &self,
        change: &ContactChanged,
        to: (Channel, &str, &str, Language),
        now: i64,
    ) -> NewMessage {
        self.sealed_message(Template::ContactChanged, change, to, now)
    }

    /// The outbox row of "This wasn't me"'s notice when it removed or put
    /// back anything, which it lists.
    pub fn reported_evicted_message(
        &self,
        evicted: &Evicted,
        to: (Channel, &str, &str, Language),
        now: i64,
    ) -> NewMessage {
        self.sealed_message(Template::SignInReportedEvicted, evicted, to, now)
    }

    /// The outbox row of a `template` whose facts (a link among them) are
    /// sealed in it as JSON, so they never wait in the clear.
    fn sealed_message(
        &self,
        template: Template,
        facts: &impl serde::Serialize,
        (channel, destination, employee_id, language): (Channel, &str, &str, Language),
        now: i64,
    ) -> NewMessage {
        let facts = serde_json::to_string(facts).expect("plain fields serialize");
        NewMessage {
            channel: channel.as_str(),
            destination: destination.to_owned(),
            employee_id: employee_id.to_owned(),
            flow_id: None,
            template: template.as_str(),
            language: language.tag(),
            sealed_code: Some(self.inner.sealer.seal(&facts, destination)),
            code_expires_at: None,
            ttl_minutes: 0,
            created_at: now,
        }
    }

    /// The facts [`Courier::sealed_message`] sealed in `message`.
    fn open_facts<T: serde::de::DeserializeOwned>(
        &self,
        message: &OutboxMessage,
    ) -> Result<T, String> {
        self.open_sealed(message)
            .and_then(|sealed| serde_json::from_str::<T>(sealed.expose()).ok())
            .ok_or_else(|| "the sealed facts do not open with this server key".to_owned())
    }

    /// Tells the worker that messages were queued (after the commit).
    pub fn queued(&self) {
        self.inner.wake.notify_one();
    }

    /// Resolves at the next [`Courier::queued`] (or at once if one came since
    /// the last wait).
    pub(crate) async fn woken(&self) {
        self.inner.wake.notified().await;
    }

    /// The channels the dev outbox stands in for.
    pub fn dev_outbox_channels(&self) -> Vec<&'static str> {
        [Channel::Sms, Channel::Email]
            .into_iter()
            .filter(|channel| self.is_dev_outbox(*channel))
            .map(Channel::as_str)
            .collect()
    }

    fn is_dev_outbox(&self, channel: Channel) -> bool {
        match channel {
            Channel::Sms => matches!(self.inner.sms, SmsTransport::DevOutbox),
            Channel::Email => matches!(self.inner.email, EmailTransport::DevOutbox),
        }
    }

    /// The code of a queued code message (the dev outbox shows it).
    pub fn open_code(&self, message: &OutboxMessage) -> Option<Secret> {
        Template::from_name(&message.template)
            .is_some_and(Template::carries_code)
            .then(|| self.open_sealed(message))
            .flatten()
    }

    fn open_sealed(&self, message: &OutboxMessage) -> Option<Secret> {
        let sealed = message.sealed_code.as_deref()?;
        self.inner.sealer.open(sealed, &message.destination)
    }

    /// What the message says. Err when it cannot be said: an unknown template
    /// (a newer version queued it), or a code that no longer opens (the
    /// server key changed since).
    pub fn render(&self, message: &OutboxMessage) -> Result<Rendered, String> {
        let template = Template::from_name(&message.template)
            .ok_or_else(|| format!("unknown message template {:?}", message.template))?;
        let language = Language::from_tag(&message.language).unwrap_or_default();
        if template == Template::NewDeviceAlert {
            let facts: NewDeviceSignIn = self.open_facts(message)?;
            let device = crate::domain::user_agent::describe(facts.user_agent.as_deref());
            return Ok(templates::render_alert(
                language,
                &templates::AlertFacts {
                    at: facts.at,
                    browser: device.browser.as_deref(),
                    os: device.os.as_deref(),
                    address: &facts.address,
                    link: &facts.link,
                    link_days: facts.link_days,
                },
            ));
        }
        if template == Template::DeskResetLink {
            let link: ResetLink = self.open_facts(message)?;
            return Ok(templates::render_reset_link(
                language,
                &link.link,
                link.minutes,
                message.created_at,
            ));
        }
        if template == Template::PinResetPasskeys {
            let left: PasskeysLeft = self.open_facts(message)?;
            return Ok(templates::render_reset_passkeys(
                language,
                &left.passkeys,
                &left.link,
                message.created_at,
            ));
        }
        if template == Template::ContactChanged {
            let change: ContactChanged = self.open_facts(message)?;
            return Ok(templates::render_contact_changed(
                language,
                &templates::ContactChangedFacts {
                    channel: change.channel,
                    at: message.created_at,
                    settle_hours: change.settle_hours,
                    link: &change.link,
                    link_days: change.link_days,
                },
            ));
        }
        if template == Template::SignInReportedEvicted {
            let evicted: Evicted = self.open_facts(message)?;
            return Ok(templates::render_reported_evicted(
                language,
                &evicted.passkeys,
                &evicted.contacts,
            ));
        }
        let code = if template.carries_code() {
            self.open_code(message)
                .ok_or_else(|| "the sealed code does not open with this server key".to_owned())?
        } else {
            Secret::new("")
        };
        Ok(templates::render(
            template,
            language,
            code.expose(),
            message.ttl_minutes,
            message.created_at,
        ))
    }

    /// One delivery attempt on the message's channel.
    pub async fn deliver(&self, message: &OutboxMessage, rendered: &Rendered) -> Delivery {
        let channel = message.channel.0;
        if self.is_dev_outbox(channel) {
            // The terminal is the demo "phone": printed, never logged.
            let _ = writeln!(
                std::io::stdout().lock(),
                "[dev outbox] {} to {}: {}",
                channel.as_str(),
                message.destination,
                rendered.text
            );
            return Delivery::Sent;
        }
        match (channel, &self.inner.email, &self.inner.sms) {
            (Channel::Email, EmailTransport::Smtp(mailer), _) => {
                mailer.send(&message.destination, rendered).await
            }
            (Channel::Sms, _, SmsTransport::Webhook(gateway)) => {
                gateway
                    .send(message.id, &message.destination, &rendered.text)
                    .await
            }
            (channel, _, _) => {
                Delivery::Failed(format!("no backend for the channel {:?}", channel.as_str()))
            }
        }
    }

    /// Whether a delivered message keeps its sealed code: only in the dev
    /// outbox, which shows codes; real channels' rows lose it at once.
    pub fn keeps_code(&self, message: &OutboxMessage) -> bool {
        self.is_dev_outbox(message.channel.0)
    }
}
