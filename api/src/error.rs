//! One error type for every handler, with a single `IntoResponse`: whatever goes
//! wrong, the client gets the contract's error body and the right status, and
//! unexpected failures are logged here and answered with a generic message.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use upsers_contract::{self as wire, ErrorCode};

use crate::clock;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed or invalid request data; `fields` names what to fix.
    #[error("invalid input: {message}")]
    InvalidInput {
        status: StatusCode,
        message: String,
        fields: Vec<String>,
    },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("invalid credentials")]
    InvalidCredentials { attempts_remaining: u32 },
    #[error("locked")]
    Locked { retry_after_secs: u64 },
    #[error("rate limited")]
    RateLimited {
        retry_after_secs: Option<u64>,
        message: &'static str,
    },
    /// Challenge answers that do not match (counted like a wrong PIN).
    #[error("wrong answers")]
    WrongAnswers { attempts_remaining: u32 },
    /// The new PIN breaks the PIN rules.
    #[error("weak PIN")]
    WeakPin { problems: Vec<wire::PinProblem> },
    #[error("invalid code")]
    InvalidCode { attempts_remaining: u32 },
    /// The flow (or session step) has expired: start again.
    #[error("expired: {0}")]
    Expired(&'static str),
    /// Only the one-time PIN has expired or been used: ask for a new one.
    #[error("code expired: {0}")]
    CodeExpired(&'static str),
    #[error("not signed in")]
    Unauthenticated,
    /// A My account change asked for after the step-up window closed: the
    /// current PIN or a fresh one-time PIN first.
    #[error("step-up required")]
    StepUpRequired,
    /// A change of what recovers the account without a recovery proof: a
    /// one-time PIN step-up made for it first (the current PIN is not one).
    #[error("a one-time PIN step-up is required")]
    RecoveryProofRequired,
    /// A right PIN for an Employee ID locked by "This wasn't me": only a
    /// PIN reset by a one-time PIN unlocks it.
    #[error("locked until a PIN reset")]
    LockedUntilReset,
    /// Right challenge answers for an Employee ID locked by "This wasn't
    /// me": its reset needs a one-time PIN by text or email.
    #[error("a one-time PIN is needed for this reset")]
    CodeResetOnly,
    /// The desk, asked by someone who is not a support agent.
    #[error("not a support agent")]
    NotAnAgent,
    /// A desk request the agent may not make: no verification of the
    /// caller, their own account, another agent's without the lead role.
    #[error("refused at the desk: {0}")]
    DeskRefused(&'static str),
    /// A passkey's answer the relying party refused (a failed attempt);
    /// the tries left before the Employee ID locks, where they count.
    #[error("passkey refused")]
    PasskeyRefused { attempts_remaining: Option<u32> },
    /// Only the passkey's challenge is over (used, expired, not this
    /// browser's): the step goes on with a new one.
    #[error("passkey challenge expired")]
    PasskeyChallengeExpired,
    /// No passkey to use or add: none registered for this sign-in, or this
    /// portal's origin cannot have passkeys (an IP address).
    #[error("no passkey: {0}")]
    NoPasskey(&'static str),
    /// Removing the employee's only verified channel.
    #[error("last channel")]
    LastChannel,
    /// A state-changing request from another origin (`csrf`).
    #[error("cross-site request refused")]
    CrossSite,
    #[error("no such API endpoint")]
    NotFound,
    #[error("method not allowed on this endpoint")]
    MethodNotAllowed,
    /// The store did not answer; the pool reconnects by itself when it is back.
    #[error("the store is unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    /// 422 naming the field to fix.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        ApiError::InvalidInput {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: message.into(),
            fields: vec![field.to_owned()],
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidInput { status, .. } => *status,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::InvalidCredentials { .. }
            | ApiError::InvalidCode { .. }
            | ApiError::WrongAnswers { .. }
            | ApiError::PasskeyRefused { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::CrossSite
            | ApiError::StepUpRequired
            | ApiError::RecoveryProofRequired
            | ApiError::CodeResetOnly
            | ApiError::NotAnAgent
            | ApiError::DeskRefused(_) => StatusCode::FORBIDDEN,
            ApiError::LastChannel => StatusCode::CONFLICT,
            ApiError::WeakPin { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Locked { .. } | ApiError::LockedUntilReset => StatusCode::LOCKED,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Expired(_) | ApiError::CodeExpired(_) | ApiError::PasskeyChallengeExpired => {
                StatusCode::GONE
            }
            ApiError::NotFound | ApiError::NoPasskey(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> wire::ErrorBody {
        let now = clock::unix_now();
        let plain = |code, message: &str| wire::ErrorBody::new(code, message, now);
        match self {
            ApiError::InvalidInput {
                message, fields, ..
            } => wire::ErrorBody {
                fields: fields.clone(),
                ..plain(ErrorCode::InvalidInput, message)
            },
            ApiError::PayloadTooLarge => plain(
                ErrorCode::PayloadTooLarge,
                "The request body is larger than 16 KiB.",
            ),
            ApiError::InvalidCredentials { attempts_remaining } => wire::ErrorBody {
                attempts_remaining: Some(*attempts_remaining),
                ..plain(
                    ErrorCode::InvalidCredentials,
                    "The Employee ID or PIN is not correct.",
                )
            },
            ApiError::WrongAnswers { attempts_remaining } => wire::ErrorBody {
                attempts_remaining: Some(*attempts_remaining),
                ..plain(
                    ErrorCode::InvalidCredentials,
                    "Those answers do not match our records.",
                )
            },
            ApiError::WeakPin { problems } => wire::ErrorBody {
                fields: vec!["new_pin".to_owned()],
                pin_problems: problems.clone(),
                ..plain(
                    ErrorCode::WeakPin,
                    &crate::domain::pin_rules::describe(problems),
                )
            },
            ApiError::Locked { retry_after_secs } => wire::ErrorBody {
                retry_after_secs: Some(*retry_after_secs),
                ..plain(
                    ErrorCode::Locked,
                    "Too many failed attempts. This Employee ID is locked for now.",
                )
            },
            ApiError::RateLimited {
                retry_after_secs,
                message,
            } => wire::ErrorBody {
                retry_after_secs: *retry_after_secs,
                ..plain(ErrorCode::RateLimited, message)
            },
            ApiError::InvalidCode { attempts_remaining } => wire::ErrorBody {
                attempts_remaining: Some(*attempts_remaining),
                ..plain(ErrorCode::InvalidCode, "That code is not correct.")
            },
            ApiError::Expired(message) => plain(ErrorCode::Expired, message),
            ApiError::CodeExpired(message) => wire::ErrorBody {
                fields: vec!["code".to_owned()],
                ..plain(ErrorCode::CodeExpired, message)
            },
            ApiError::Unauthenticated => plain(ErrorCode::Unauthenticated, "Please sign in."),
            // `forbidden` with `fields: ["step_up"]`: a code of its own
            // would weigh on the SPA's first load, which decodes them all.
            ApiError::StepUpRequired => wire::ErrorBody {
                fields: vec![wire::STEP_UP_FIELD.to_owned()],
                ..plain(
                    ErrorCode::Forbidden,
                    "Confirm it's you with your current PIN or a one-time PIN first.",
                )
            },
            ApiError::RecoveryProofRequired => wire::ErrorBody {
                fields: vec![wire::STEP_UP_FIELD.to_owned()],
                ..plain(
                    ErrorCode::Forbidden,
                    "Confirm it's you with a one-time PIN sent to a contact you already have first.",
                )
            },
            ApiError::LockedUntilReset => wire::ErrorBody {
                fields: vec![wire::PIN_RESET_FIELD.to_owned()],
                ..plain(
                    ErrorCode::Locked,
                    "This Employee ID is locked after a sign-in was reported. Reset your PIN \
                     with a one-time PIN by text or email to unlock it.",
                )
            },
            ApiError::CodeResetOnly => wire::ErrorBody {
                fields: vec![wire::PIN_RESET_FIELD.to_owned()],
                ..plain(
                    ErrorCode::Forbidden,
                    "After a reported sign-in, reset your PIN with a one-time PIN by text or email.",
                )
            },
            ApiError::NotAnAgent => plain(
                ErrorCode::Forbidden,
                "The Technical Support Center's desk is for support agents.",
            ),
            ApiError::DeskRefused(message) => plain(ErrorCode::Forbidden, message),
            ApiError::PasskeyRefused { attempts_remaining } => wire::ErrorBody {
                attempts_remaining: *attempts_remaining,
                fields: vec![wire::PASSKEY_FIELD.to_owned()],
                ..plain(
                    ErrorCode::InvalidCredentials,
                    "This passkey was not accepted. Sign in another way.",
                )
            },
            ApiError::PasskeyChallengeExpired => wire::ErrorBody {
                fields: vec![wire::PASSKEY_FIELD.to_owned()],
                ..plain(
                    ErrorCode::CodeExpired,
                    "This passkey request is over. Please try again.",
                )
            },
            ApiError::NoPasskey(message) => wire::ErrorBody {
                fields: vec![wire::PASSKEY_FIELD.to_owned()],
                ..plain(ErrorCode::NotFound, message)
            },
            ApiError::LastChannel => wire::ErrorBody {
                fields: vec!["channel".to_owned()],
                ..plain(
                    ErrorCode::InvalidInput,
                    "This is your only verified contact: add another before removing it.",
                )
            },
            ApiError::CrossSite => plain(
                ErrorCode::Forbidden,
                "Requests from other sites are refused. Use the portal itself.",
            ),
            ApiError::NotFound => plain(ErrorCode::NotFound, "No such API endpoint."),
            ApiError::MethodNotAllowed => plain(
                ErrorCode::MethodNotAllowed,
                "This method is not allowed on this endpoint.",
            ),
            ApiError::Unavailable(_) => plain(
                ErrorCode::Unavailable,
                "The service is temporarily unavailable. Please try again shortly.",
            ),
            ApiError::Unexpected(_) => plain(
                ErrorCode::Internal,
                "Something went wrong on our side. Please try again.",
            ),
        }
    }
}

/// Store errors: a store that cannot be reached is 503 (and recovers by
/// itself); anything else is a bug worth a log line and a 500.
impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                ApiError::Unavailable(error)
            }
            sqlx::Error::Database(ref database) if is_unavailable(database.as_ref()) => {
                ApiError::Unavailable(error)
            }
            other => ApiError::Unexpected(other.into()),
        }
    }
}

/// Errors that mean "the store cannot serve now", not "this query is wrong":
/// PostgreSQL's FATAL errors (the connection itself was refused or ended, as
/// when a database does not accept connections), its classes 08
/// (connection), 53 (resources: disk full, out of memory) and 57P
/// (shutdown), and 25006 (a read-only transaction: a replica or a database
/// set read-only); SQLite's busy, locked, read-only, I/O error, full and
/// cannot-open (primary result codes 5, 6, 8, 10, 13, 14, whatever the
/// extended code).
fn is_unavailable(error: &dyn sqlx::error::DatabaseError) -> bool {
    if let Some(postgres) = error.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        use sqlx::postgres::PgSeverity;
        let code = postgres.code();
        return matches!(postgres.severity(), PgSeverity::Fatal | PgSeverity::Panic)
            || code == "25006"
            || ["08", "53", "57P"]
                .iter()
                .any(|class| code.starts_with(class));
    }
    let primary = error
        .code()
        .and_then(|code| code.parse::<i64>().ok())
        .map(|code| code & 0xff);
    matches!(primary, Some(5 | 6 | 8 | 10 | 13 | 14))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Unavailable(source) => tracing::warn!(error = %source, "store unavailable"),
            ApiError::Unexpected(source) => tracing::error!(error = ?source, "unexpected failure"),
            _ => {}
        }
        let mut response = (self.status(), Json(self.body())).into_response();
        // An error describes this moment only; no cache may replay it.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
        if let ApiError::Locked { retry_after_secs }
        | ApiError::RateLimited {
            retry_after_secs: Some(retry_after_secs),
            ..
        } = &self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, (*retry_after_secs).into());
        }
        response
    }
}
