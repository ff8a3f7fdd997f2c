//! Delivery of one-time PINs and notices. Demo mode has the dev outbox: the
//! message is stored, listed by `GET /api/v1/dev/outbox`, and printed on the
//! terminal. Real SMTP and SMS backends arrive with their own issue; until then
//! the server only starts in demo mode (see `Courier::for_settings`).

use std::io::Write;

pub use upsers_contract::Channel;

use crate::store::{DevMessage, Store};

/// What a one-time PIN is for, which its message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    SignIn,
    PinReset,
    Registration,
}

impl CodePurpose {
    fn describe(self) -> &'static str {
        match self {
            CodePurpose::SignIn => "sign-in",
            CodePurpose::PinReset => "PIN reset",
            CodePurpose::Registration => "registration",
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
    pub code: &'a str,
    /// How long the code stays valid, as the message states it.
    pub ttl_minutes: u64,
}

/// Messages without a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// To a channel other than the one used to change the PIN, so a takeover
    /// does not go unnoticed.
    PinChanged,
    /// To each verified channel when a registration completes.
    Welcome,
}

impl Notice {
    fn body(self) -> &'static str {
        match self {
            Notice::PinChanged => {
                "Your UPSers PIN was just changed. If you did not change it, call the \
                 Technical Support Center right away."
            }
            Notice::Welcome => {
                "Welcome to UPSers: your registration is complete and you can now sign in \
                 with your Employee ID and PIN. UPSers staff will never ask you for your PIN \
                 or a one-time PIN."
            }
        }
    }
}

#[derive(Clone)]
pub enum Courier {
    DevOutbox,
}

impl Courier {
    pub fn for_settings(demo: bool) -> anyhow::Result<Courier> {
        if demo {
            Ok(Courier::DevOutbox)
        } else {
            anyhow::bail!(
                "no delivery backend for one-time PINs: SMTP and SMS delivery are not built yet, \
                 and the dev outbox is for demo mode only; start with --demo"
            )
        }
    }

    /// Delivers a one-time PIN.
    pub async fn send_code(
        &self,
        store: &Store,
        message: CodeMessage<'_>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let CodeMessage {
            purpose,
            channel,
            destination,
            employee_id,
            code,
            ttl_minutes,
        } = message;
        let body = format!(
            "Your UPSers {} code is {code}. It is valid for {ttl_minutes} minutes. \
             UPSers staff will never ask you for this code.",
            purpose.describe()
        );
        let message = DevMessage {
            channel: channel.as_str().to_owned(),
            destination: destination.to_owned(),
            employee_id: employee_id.to_owned(),
            code: Some(code.to_owned()),
            body,
            created_at: now,
        };
        self.deliver(store, message).await
    }

    /// Sends a notice (no code) to one of the employee's channels.
    pub async fn send_notice(
        &self,
        store: &Store,
        notice: Notice,
        channel: Channel,
        destination: &str,
        employee_id: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let message = DevMessage {
            channel: channel.as_str().to_owned(),
            destination: destination.to_owned(),
            employee_id: employee_id.to_owned(),
            code: None,
            body: notice.body().to_owned(),
            created_at: now,
        };
        self.deliver(store, message).await
    }

    async fn deliver(&self, store: &Store, message: DevMessage) -> Result<(), sqlx::Error> {
        match self {
            Courier::DevOutbox => {
                store.put_dev_message(&message).await?;
                // The terminal is the demo "phone": printed, never logged.
                let _ = writeln!(
                    std::io::stdout().lock(),
                    "[dev outbox] {} to {}: {}",
                    message.channel,
                    message.destination,
                    message.body
                );
                Ok(())
            }
        }
    }
}
