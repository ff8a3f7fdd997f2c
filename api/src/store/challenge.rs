//! Challenge answers: argon2id hashes of normalized answers, per employee.

use super::outbox::queue_messages;
use super::{NewMessage, Store, on_store};

#[derive(Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct ChallengeAnswer {
    pub question_id: String,
    pub answer_hash: String,
}

impl Store {
    pub async fn challenge_answers(
        &self,
        employee_id: &str,
    ) -> Result<Vec<ChallengeAnswer>, sqlx::Error> {
        const SQL: &str = "
            SELECT question_id, answer_hash FROM challenge_answers
            WHERE employee_id = $1 ORDER BY question_id";
        on_store!(self, |pool| {
            sqlx::query_as::<_, ChallengeAnswer>(SQL)
                .bind(employee_id)
                .fetch_all(pool)
                .await
        })
    }

    /// Replaces the employee's challenge answers with these, and queues
    /// `notices` of it, in one transaction.
    pub async fn put_challenge_answers(
        &self,
        employee_id: &str,
        answers: &[ChallengeAnswer],
        notices: &[NewMessage],
        now: i64,
    ) -> Result<(), sqlx::Error> {
        const CLEAR: &str = "DELETE FROM challenge_answers WHERE employee_id = $1";
        const INSERT: &str = "
            INSERT INTO challenge_answers (employee_id, question_id, answer_hash, created_at)
            VALUES ($1, $2, $3, $4)";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(CLEAR)
                .bind(employee_id)
                .execute(&mut *transaction)
                .await?;
            for answer in answers {
                sqlx::query(INSERT)
                    .bind(employee_id)
                    .bind(&answer.question_id)
                    .bind(&answer.answer_hash)
                    .bind(now)
                    .execute(&mut *transaction)
                    .await?;
            }
            queue_messages!(transaction, notices);
            transaction.commit().await
        })
    }
}
