//! My account's changes beyond the PIN: the step-up they need, and the
//! employee's contact details. A change of what recovers the account (a
//! contact detail, the challenge questions, a passkey) needs a one-time PIN
//! to a verified channel made for it (`recovery_until`), however fresh the
//! sign-in: a session cookie alone must not be able to take the account.
//! Removing a contact only protects, so it needs the employee to have proven
//! who they are within the last few minutes (`fresh_until`): the sign-in
//! does, and so does a step-up with the current PIN (counted toward the
//! lockout like any PIN) or a one-time PIN.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Channel, ChannelOption, Question, SettlingChannel};

/// `GET /api/v1/account/step-up`, and the answer of a step-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepUpState {
    /// Until when (Unix seconds) changes need no step-up; at or before
    /// `server_time`, a change asks for one first.
    pub fresh_until: i64,
    /// Until when (Unix seconds) the session may make one change of what
    /// recovers the account (a contact detail, the challenge questions, a
    /// passkey): a one-time PIN step-up made on this session, which that
    /// change spends. 0 when there is none; the sign-in itself never counts.
    pub recovery_until: i64,
    /// Where a step-up one-time PIN can go: the verified channels, masked.
    pub channels: Vec<ChannelOption>,
    /// Those of `channels` still settling: a code to one of them is no
    /// recovery proof (it makes `fresh_until` only).
    #[serde(default)]
    pub settling: Vec<SettlingChannel>,
    pub server_time: i64,
}

impl StepUpState {
    /// Whether a change made now needs a step-up first.
    pub fn needs_step_up(&self) -> bool {
        self.fresh_until <= self.server_time
    }

    /// Whether a change of what recovers the account needs a one-time PIN
    /// step-up first (the current PIN is not enough for one).
    pub fn needs_recovery_step_up(&self) -> bool {
        self.recovery_until <= self.server_time
    }
}

/// `POST /api/v1/account/step-up/pin`: the current PIN.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepUpPinRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub pin: String,
}

impl fmt::Debug for StepUpPinRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StepUpPinRequest { pin: [redacted] }")
    }
}

/// `GET /api/v1/account/contacts`: the employee's verified contact details,
/// masked (a session left open shows no more than the sign-in page does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountContacts {
    /// Such as `(•••) •••-0188`.
    pub mobile: Option<String>,
    /// Such as `j•••@example.com`.
    pub email: Option<String>,
    /// Those added or replaced lately, which recover nothing until they
    /// settle.
    #[serde(default)]
    pub settling: Vec<SettlingChannel>,
    pub server_time: i64,
}

/// `POST /api/v1/account/contacts`: a new mobile number or email address,
/// which a one-time PIN sent to it verifies before it replaces the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewContactRequest {
    pub channel: Channel,
    /// As typed: a US mobile number, or an email address.
    pub value: String,
}

/// `POST /api/v1/account/contacts/remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemoveContactRequest {
    pub channel: Channel,
}

/// `GET /api/v1/account/questions`: the catalogue to choose from, and which
/// of its questions the employee answered (never the answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountQuestions {
    pub questions: Vec<Question>,
    /// The ids of the questions answered now, in the catalogue's order.
    pub chosen: Vec<String>,
    /// How many to choose and answer.
    pub required: u8,
    /// Shortest answer accepted, in characters.
    pub min_answer_length: u8,
    pub server_time: i64,
}
