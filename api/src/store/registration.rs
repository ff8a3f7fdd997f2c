//! Registration: codes from HR (keyed hashes), the progress of a registration
//! flow, and its completion in one transaction.

use super::outbox::queue_messages;
use super::{Store, on_store};
use crate::courier::Channel;

#[derive(Clone, sqlx::FromRow)]
pub struct RegistrationCodeRecord {
    pub code_hash: Vec<u8>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

impl RegistrationCodeRecord {
    pub fn is_usable(&self, now: i64) -> bool {
        self.used_at.is_none() && self.expires_at > now
    }
}

/// A registration flow's progress.
#[derive(Clone, sqlx::FromRow)]
pub struct RegistrationRecord {
    pub mobile: Option<String>,
    pub mobile_verified: i64,
    pub email: Option<String>,
    pub email_verified: i64,
    /// JSON `[{question_id, answer_hash}]` once the questions are answered.
    pub answers: Option<String>,
}

impl RegistrationRecord {
    pub fn verified_mobile(&self) -> Option<&str> {
        self.mobile.as_deref().filter(|_| self.mobile_verified != 0)
    }

    pub fn verified_email(&self) -> Option<&str> {
        self.email.as_deref().filter(|_| self.email_verified != 0)
    }
}

/// Everything a completed registration writes to the employee.
pub struct CompletedRegistration<'a> {
    pub flow_id: &'a str,
    pub employee_id: &'a str,
    pub pin_hash: &'a str,
    pub mobile: Option<&'a str>,
    pub email: Option<&'a str>,
    pub answers: &'a [super::ChallengeAnswer],
    /// The welcome notices, queued with the change.
    pub notices: &'a [super::NewMessage],
    pub now: i64,
}

impl Store {
    /// Issues (or replaces) the employee's registration code.
    pub async fn put_registration_code(
        &self,
        employee_id: &str,
        code_hash: &[u8],
        now: i64,
        expires_at: i64,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO registration_codes (employee_id, code_hash, issued_at, expires_at, used_at)
            VALUES ($1, $2, $3, $4, NULL)
            ON CONFLICT (employee_id) DO UPDATE SET code_hash = $2, issued_at = $3,
                expires_at = $4, used_at = NULL";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(employee_id)
                .bind(code_hash)
                .bind(now)
                .bind(expires_at)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(())
    }

    pub async fn find_registration_code(
        &self,
        employee_id: &str,
    ) -> Result<Option<RegistrationCodeRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT code_hash, expires_at, used_at FROM registration_codes WHERE employee_id = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, RegistrationCodeRecord>(SQL)
                .bind(employee_id)
                .fetch_optional(pool)
                .await
        })
    }

    pub async fn create_registration(&self, flow_id: &str) -> Result<(), sqlx::Error> {
        const SQL: &str = "INSERT INTO registrations (flow_id) VALUES ($1)";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(flow_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    pub async fn find_registration(
        &self,
        flow_id: &str,
    ) -> Result<Option<RegistrationRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT mobile, mobile_verified, email, email_verified, answers
            FROM registrations WHERE flow_id = $1";
        on_store!(self, |pool| {
            sqlx::query_as::<_, RegistrationRecord>(SQL)
                .bind(flow_id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Records the contact details given; a detail that changed must be
    /// verified again, and any code in flight for the old one is discarded.
    pub async fn set_registration_contact(
        &self,
        flow_id: &str,
        mobile: Option<&str>,
        email: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        const SET: &str = "
            UPDATE registrations SET
                mobile_verified = CASE WHEN mobile IS NOT DISTINCT FROM $2 THEN mobile_verified ELSE 0 END,
                email_verified = CASE WHEN email IS NOT DISTINCT FROM $3 THEN email_verified ELSE 0 END,
                mobile = $2,
                email = $3
            WHERE flow_id = $1";
        const DISCARD_CODE: &str = "DELETE FROM one_time_codes WHERE flow_id = $1";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(SET)
                .bind(flow_id)
                .bind(mobile)
                .bind(email)
                .execute(&mut *transaction)
                .await?;
            sqlx::query(DISCARD_CODE)
                .bind(flow_id)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await
        })
    }

    /// Marks the flow's `channel` contact verified.
    pub async fn mark_contact_verified(
        &self,
        flow_id: &str,
        channel: Channel,
    ) -> Result<(), sqlx::Error> {
        const SMS: &str = "UPDATE registrations SET mobile_verified = 1 WHERE flow_id = $1";
        const EMAIL: &str = "UPDATE registrations SET email_verified = 1 WHERE flow_id = $1";
        let sql = match channel {
            Channel::Sms => SMS,
            Channel::Email => EMAIL,
        };
        on_store!(self, |pool| sqlx::query(sql)
            .bind(flow_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    pub async fn set_registration_answers(
        &self,
        flow_id: &str,
        answers_json: &str,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "UPDATE registrations SET answers = $2 WHERE flow_id = $1";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(flow_id)
            .bind(answers_json)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    /// Finishes a registration in one transaction: spends the flow and the
    /// registration code, activates the pending employee with the PIN and the
    /// verified contacts, and stores the challenge answers. False, and nothing
    /// changed, when the flow or the code was spent already or the employee is
    /// no longer pending.
    pub async fn complete_registration(
        &self,
        done: CompletedRegistration<'_>,
    ) -> Result<bool, sqlx::Error> {
        const SPEND_FLOW: &str = "
            UPDATE flows SET completed = 1
            WHERE flow_id = $1 AND employee_id = $2 AND completed = 0";
        const SPEND_CODE: &str = "
            UPDATE registration_codes SET used_at = $2
            WHERE employee_id = $1 AND used_at IS NULL";
        const ACTIVATE: &str = "
            UPDATE employees SET pin_hash = $2, mobile = $3, mobile_verified = $4,
                email = $5, email_verified = $6, status = 'active'
            WHERE employee_id = $1 AND status = 'pending'";
        const CLEAR_ANSWERS: &str = "DELETE FROM challenge_answers WHERE employee_id = $1";
        const ADD_ANSWER: &str = "
            INSERT INTO challenge_answers (employee_id, question_id, answer_hash, created_at)
            VALUES ($1, $2, $3, $4)";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let flow = sqlx::query(SPEND_FLOW)
                .bind(done.flow_id)
                .bind(done.employee_id)
                .execute(&mut *transaction)
                .await?;
            let code = sqlx::query(SPEND_CODE)
                .bind(done.employee_id)
                .bind(done.now)
                .execute(&mut *transaction)
                .await?;
            let employee = sqlx::query(ACTIVATE)
                .bind(done.employee_id)
                .bind(done.pin_hash)
                .bind(done.mobile)
                .bind(i64::from(done.mobile.is_some()))
                .bind(done.email)
                .bind(i64::from(done.email.is_some()))
                .execute(&mut *transaction)
                .await?;
            if [flow, code, employee]
                .iter()
                .any(|changed| changed.rows_affected() != 1)
            {
                return Ok(false);
            }
            sqlx::query(CLEAR_ANSWERS)
                .bind(done.employee_id)
                .execute(&mut *transaction)
                .await?;
            for answer in done.answers {
                sqlx::query(ADD_ANSWER)
                    .bind(done.employee_id)
                    .bind(&answer.question_id)
                    .bind(&answer.answer_hash)
                    .bind(done.now)
                    .execute(&mut *transaction)
                    .await?;
            }
            queue_messages!(transaction, done.notices);
            transaction.commit().await?;
            Ok(true)
        })
    }
}
