//! The audit trail: who tried what, from where (the client address, and the
//! User-Agent of the request that caused it), and how it ended.
//!
//! The User-Agent comes from the request in scope ([`record_user_agent`]
//! wraps every API request) rather than through every caller: each event a
//! request causes is from that request's browser, and events no request
//! causes (the delivery worker's) have none.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::{Store, on_store};
use crate::domain::user_agent;

tokio::task_local! {
    static USER_AGENT: Option<String>;
}

/// Middleware: the request's User-Agent (as sessions store it: printable,
/// bounded) is recorded with every audit event the request causes.
pub async fn record_user_agent(request: Request, next: Next) -> Response {
    let kept = user_agent::of(request.headers());
    USER_AGENT.scope(kept, next.run(request)).await
}

pub(super) fn request_user_agent() -> Option<String> {
    USER_AGENT.try_with(Clone::clone).ok().flatten()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditKind {
    SignInFailure,
    SignInLocked,
    Lock,
    PinAccepted,
    CodeSent,
    CodeFailed,
    SignInSuccess,
    SignOut,
    SessionEnded,
    RecoveryStarted,
    RecoveryCodeSent,
    RecoveryCodeFailed,
    RecoveryQuestionsShown,
    RecoveryAnswersFailed,
    RecoveryLocked,
    RecoveryVerified,
    PinRefused,
    PinReset,
    PinChanged,
    StepUpFailed,
    SteppedUp,
    ContactChanged,
    ContactRemoved,
    QuestionsChanged,
    DeviceRemembered,
    DeviceForgotten,
    /// A sign-in from a device new to the employee: the alert was queued.
    NewDeviceAlert,
    /// "This wasn't me": sessions ended, devices forgotten, the ID locked
    /// until a PIN reset by a one-time PIN.
    SignInReported,
    /// Right answers to the challenge questions of a reported ID: not
    /// enough to reset its PIN.
    RecoveryQuestionsRefused,
    NoticeSent,
    /// A notice over its channel's hourly cap, folded into the hour's digest
    /// (detail: the channel and the template).
    NoticeFolded,
    /// A support agent found the employee at the desk (detail: the agent).
    DeskViewed,
    /// A desk search that found no one (detail: the agent and what the
    /// query was, never the query).
    DeskSearchMissed,
    /// A desk request refused (detail: the agent, the step and why).
    DeskRefused,
    /// The desk's verification of a caller (detail: the agent, the channel,
    /// the verification): a code sent, read back right, read back wrong.
    DeskVerificationSent,
    DeskVerified,
    DeskVerificationEnded,
    DeskVerificationFailed,
    /// Three wrong read-backs: the desk cannot verify the employee for a while.
    DeskVerificationLocked,
    /// What an agent did (detail: the agent and the verification).
    DeskUnlocked,
    DeskResetSent,
    DeskDevicesForgotten,
    DeskRegistrationCode,
    DeskDisabled,
    DeskEnabled,
    RegistrationCodeFailed,
    RegistrationStarted,
    RegistrationContact,
    ContactVerified,
    RegistrationQuestions,
    RegistrationComplete,
    RegistrationCodeIssued,
    /// A passkey added or removed in My account, renamed; a passkey's
    /// answer refused (detail: the ceremony).
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyRenamed,
    PasskeyFailed,
    MessageSent,
    MessageRetry,
    MessageFailed,
    MessageDropped,
}

impl AuditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::SignInFailure => "sign_in_failure",
            AuditKind::SignInLocked => "sign_in_locked",
            AuditKind::Lock => "lock",
            AuditKind::PinAccepted => "pin_accepted",
            AuditKind::CodeSent => "code_sent",
            AuditKind::CodeFailed => "code_failed",
            AuditKind::SignInSuccess => "sign_in_success",
            AuditKind::SignOut => "sign_out",
            AuditKind::SessionEnded => "session_ended",
            AuditKind::RecoveryStarted => "recovery_started",
            AuditKind::RecoveryCodeSent => "recovery_code_sent",
            AuditKind::RecoveryCodeFailed => "recovery_code_failed",
            AuditKind::RecoveryQuestionsShown => "recovery_questions_shown",
            AuditKind::RecoveryAnswersFailed => "recovery_answers_failed",
            AuditKind::RecoveryLocked => "recovery_locked",
            AuditKind::RecoveryVerified => "recovery_verified",
            AuditKind::PinRefused => "pin_refused",
            AuditKind::PinReset => "pin_reset",
            AuditKind::PinChanged => "pin_changed",
            AuditKind::StepUpFailed => "step_up_failed",
            AuditKind::SteppedUp => "stepped_up",
            AuditKind::ContactChanged => "contact_changed",
            AuditKind::ContactRemoved => "contact_removed",
            AuditKind::QuestionsChanged => "questions_changed",
            AuditKind::DeviceRemembered => "device_remembered",
            AuditKind::DeviceForgotten => "device_forgotten",
            AuditKind::NewDeviceAlert => "new_device_alert",
            AuditKind::SignInReported => "sign_in_reported",
            AuditKind::RecoveryQuestionsRefused => "recovery_questions_refused",
            AuditKind::NoticeSent => "notice_sent",
            AuditKind::NoticeFolded => "notice_folded",
            AuditKind::DeskViewed => "desk_viewed",
            AuditKind::DeskSearchMissed => "desk_search_missed",
            AuditKind::DeskRefused => "desk_refused",
            AuditKind::DeskVerificationSent => "desk_verification_sent",
            AuditKind::DeskVerified => "desk_verified",
            AuditKind::DeskVerificationEnded => "desk_verification_ended",
            AuditKind::DeskVerificationFailed => "desk_verification_failed",
            AuditKind::DeskVerificationLocked => "desk_verification_locked",
            AuditKind::DeskUnlocked => "desk_unlocked",
            AuditKind::DeskResetSent => "desk_reset_sent",
            AuditKind::DeskDevicesForgotten => "desk_devices_forgotten",
            AuditKind::DeskRegistrationCode => "desk_registration_code",
            AuditKind::DeskDisabled => "desk_disabled",
            AuditKind::DeskEnabled => "desk_enabled",
            AuditKind::RegistrationCodeFailed => "registration_code_failed",
            AuditKind::RegistrationStarted => "registration_started",
            AuditKind::RegistrationContact => "registration_contact",
            AuditKind::ContactVerified => "contact_verified",
            AuditKind::RegistrationQuestions => "registration_questions",
            AuditKind::RegistrationComplete => "registration_complete",
            AuditKind::RegistrationCodeIssued => "registration_code_issued",
            AuditKind::PasskeyAdded => "passkey_added",
            AuditKind::PasskeyRemoved => "passkey_removed",
            AuditKind::PasskeyRenamed => "passkey_renamed",
            AuditKind::PasskeyFailed => "passkey_failed",
            AuditKind::MessageSent => "message_sent",
            AuditKind::MessageRetry => "message_retry",
            AuditKind::MessageFailed => "message_failed",
            AuditKind::MessageDropped => "message_dropped",
        }
    }
}

/// The events recent activity shows: sign-ins, failed attempts, lockouts,
/// and changes to what keeps the account safe. Each kind here has its words
/// in routes/account/activity.rs (a test there checks that none is missing).
pub const ACTIVITY_KINDS: [AuditKind; 19] = [
    AuditKind::SignInSuccess,
    AuditKind::SignInFailure,
    AuditKind::CodeFailed,
    AuditKind::StepUpFailed,
    AuditKind::Lock,
    AuditKind::PinChanged,
    AuditKind::PinReset,
    AuditKind::SessionEnded,
    AuditKind::ContactChanged,
    AuditKind::ContactRemoved,
    AuditKind::QuestionsChanged,
    AuditKind::PasskeyAdded,
    AuditKind::PasskeyRemoved,
    AuditKind::DeskVerified,
    AuditKind::DeskUnlocked,
    AuditKind::DeskResetSent,
    AuditKind::DeskDevicesForgotten,
    AuditKind::DeskDisabled,
    AuditKind::DeskEnabled,
];

/// The employee's shown events, numbered from their first (so an event's
/// number counts only their own shown events: the audit trail's own ids
/// would tell how much everyone else did in between).
const ACTIVITY: &str = "
    SELECT seq AS id, at, kind, client_address, user_agent FROM (
        SELECT at, kind, client_address, user_agent, ROW_NUMBER() OVER (ORDER BY id) AS seq
        FROM audit_events
        WHERE employee_id = $1
          AND kind IN ('sign_in_success', 'sign_in_failure', 'code_failed', 'step_up_failed',
                       'lock', 'pin_changed', 'pin_reset', 'session_ended', 'contact_changed',
                       'contact_removed', 'questions_changed', 'passkey_added', 'passkey_removed',
                       'desk_verified', 'desk_unlocked', 'desk_reset_sent',
                       'desk_devices_forgotten', 'desk_disabled', 'desk_enabled')
    ) numbered
    WHERE at >= $2 AND seq < $3
    ORDER BY seq DESC LIMIT $4";

/// An audit event as My account's recent activity lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActivityRecord {
    /// Its number among the employee's shown events (1 for their first).
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub client_address: Option<String>,
    pub user_agent: Option<String>,
}

impl Store {
    /// Up to `limit` of the employee's events since `since` that recent
    /// activity shows, numbered below `before`, the newest first.
    pub async fn activity(
        &self,
        employee_id: &str,
        since: i64,
        before: i64,
        limit: i64,
    ) -> Result<Vec<ActivityRecord>, sqlx::Error> {
        on_store!(self, |pool| {
            sqlx::query_as::<_, ActivityRecord>(ACTIVITY)
                .bind(employee_id)
                .bind(since)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await
        })
    }

    pub async fn audit(
        &self,
        kind: AuditKind,
        employee_id: Option<&str>,
        client_address: &str,
        detail: Option<&str>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO audit_events (at, kind, employee_id, client_address, detail, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6)";
        let user_agent = request_user_agent();
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(now)
                .bind(kind.as_str())
                .bind(employee_id)
                .bind(client_address)
                .bind(detail)
                .bind(&user_agent)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    /// The kinds recorded for an Employee ID, oldest first (for tests and reports).
    pub async fn audit_kinds(&self, employee_id: &str) -> Result<Vec<String>, sqlx::Error> {
        const SQL: &str = "SELECT kind FROM audit_events WHERE employee_id = $1 ORDER BY id";
        on_store!(self, |pool| sqlx::query_scalar::<_, String>(SQL)
            .bind(employee_id)
            .fetch_all(pool)
            .await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_activity_query_asks_for_exactly_the_kinds_activity_shows() {
        let listed = ACTIVITY.matches("'").count() / 2;
        assert_eq!(listed, ACTIVITY_KINDS.len(), "{ACTIVITY}");
        for kind in ACTIVITY_KINDS {
            assert!(
                ACTIVITY.contains(&format!("'{}'", kind.as_str())),
                "{kind:?}"
            );
        }
    }
}
