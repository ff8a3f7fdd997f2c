//! What a failed call means for the page, in one place: the message to show,
//! whether the whole flow is over (so the page starts again), and how long
//! to wait before a resend.

use upsers_contract as wire;

use crate::api::ApiError;
use crate::i18n::Msg;

/// What the page says after a failed call, and the attempts left if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    pub msg: Msg,
    pub attempts_left: Option<u32>,
}

impl Problem {
    pub fn new(msg: Msg) -> Self {
        Problem {
            msg,
            attempts_left: None,
        }
    }
}

/// A failed send or verify of a one-time PIN: the message, and whether the
/// whole flow is over (expired, or locked) so the page offers to start again.
pub fn code_failure(error: &ApiError, flow_expired: Msg) -> (Problem, bool) {
    let body = match error {
        ApiError::Network => return (Problem::new(Msg::NetworkError), false),
        ApiError::Server(body) => body,
    };
    match body.code {
        wire::ErrorCode::InvalidCode => (
            Problem {
                msg: Msg::InvalidCode,
                attempts_left: body.attempts_remaining,
            },
            false,
        ),
        wire::ErrorCode::Locked => (Problem::new(Msg::Locked), true),
        wire::ErrorCode::RateLimited => (Problem::new(Msg::RateLimited), false),
        wire::ErrorCode::CodeExpired => (Problem::new(Msg::CodeExpired), false),
        wire::ErrorCode::Expired => (Problem::new(flow_expired), true),
        wire::ErrorCode::InvalidInput => (Problem::new(Msg::OtpFormat), false),
        wire::ErrorCode::Unavailable => (Problem::new(Msg::Unavailable), false),
        _ => (Problem::new(Msg::GenericError), false),
    }
}

/// The API says this flow is over (expired, used, or not this browser's),
/// not only its code.
pub fn is_flow_over(error: &ApiError) -> bool {
    matches!(error, ApiError::Server(body) if body.code == wire::ErrorCode::Expired)
}

/// The message for failures every step of a flow shares.
pub fn general_problem(error: &ApiError) -> Problem {
    match error {
        ApiError::Network => Problem::new(Msg::NetworkError),
        ApiError::Server(body) => Problem::new(match body.code {
            wire::ErrorCode::RateLimited => Msg::RateLimited,
            wire::ErrorCode::Unavailable => Msg::Unavailable,
            _ => Msg::GenericError,
        }),
    }
}

/// The seconds to wait before a resend, when the server refused one too soon.
pub fn resend_wait(error: &ApiError) -> Option<u64> {
    match error {
        ApiError::Server(body) if body.code == wire::ErrorCode::RateLimited => {
            body.retry_after_secs
        }
        _ => None,
    }
}
