//! The audit trail: who tried what, from where, and how it ended.

use super::{Store, on_store};

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
    NoticeSent,
    RegistrationCodeFailed,
    RegistrationStarted,
    RegistrationContact,
    ContactVerified,
    RegistrationQuestions,
    RegistrationComplete,
    RegistrationCodeIssued,
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
            AuditKind::NoticeSent => "notice_sent",
            AuditKind::RegistrationCodeFailed => "registration_code_failed",
            AuditKind::RegistrationStarted => "registration_started",
            AuditKind::RegistrationContact => "registration_contact",
            AuditKind::ContactVerified => "contact_verified",
            AuditKind::RegistrationQuestions => "registration_questions",
            AuditKind::RegistrationComplete => "registration_complete",
            AuditKind::RegistrationCodeIssued => "registration_code_issued",
            AuditKind::MessageSent => "message_sent",
            AuditKind::MessageRetry => "message_retry",
            AuditKind::MessageFailed => "message_failed",
            AuditKind::MessageDropped => "message_dropped",
        }
    }
}

impl Store {
    pub async fn audit(
        &self,
        kind: AuditKind,
        employee_id: Option<&str>,
        client_address: &str,
        detail: Option<&str>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO audit_events (at, kind, employee_id, client_address, detail)
            VALUES ($1, $2, $3, $4, $5)";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(now)
                .bind(kind.as_str())
                .bind(employee_id)
                .bind(client_address)
                .bind(detail)
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
