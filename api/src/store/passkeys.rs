//! Passkeys: each employee's WebAuthn user handle, their credentials (by
//! credential id, listed for My account by a public id), and the single-use
//! challenges of the ceremonies (`crate::passkeys`).

use super::outbox::queue_messages;
use super::{NewMessage, Store, on_store};

/// A credential as stored: webauthn-rs's `Passkey` as JSON, with what My
/// account shows of it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PasskeyRecord {
    pub credential_id: Vec<u8>,
    pub public_id: String,
    pub name: String,
    pub passkey: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    /// The `User-Agent` it was added from, as kept
    /// (`domain::user_agent::keep`); none for passkeys added before it was.
    pub user_agent: Option<String>,
}

/// A credential being added.
pub struct NewPasskey<'a> {
    pub credential_id: &'a [u8],
    pub public_id: &'a str,
    pub employee_id: &'a str,
    pub name: &'a str,
    pub passkey: &'a str,
    /// The `User-Agent` it is added from, as kept.
    pub user_agent: Option<&'a str>,
    pub now: i64,
}

/// How an addition ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasskeyAddition {
    Added,
    /// The credential is registered already (to anyone).
    RegisteredAlready,
    /// The employee has the most passkeys allowed.
    Full,
}

/// What a ceremony is for; a challenge answers only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CeremonyPurpose {
    /// Adding a passkey in My account (bound to the session).
    Register,
    /// The second step of a sign-in after a right PIN (bound to the flow).
    SecondStep,
    /// Signing in with a discoverable passkey (bound to the browser's
    /// `__Host-passkey` cookie).
    SignIn,
}

impl CeremonyPurpose {
    fn as_str(self) -> &'static str {
        match self {
            CeremonyPurpose::Register => "register",
            CeremonyPurpose::SecondStep => "second_step",
            CeremonyPurpose::SignIn => "sign_in",
        }
    }
}

/// A ceremony waiting for its answer.
pub struct NewCeremony<'a> {
    pub challenge_id: &'a str,
    pub purpose: CeremonyPurpose,
    /// The SHA-256 of what it is bound to.
    pub bound_to: &'a [u8],
    pub employee_id: Option<&'a str>,
    /// webauthn-rs's state, as JSON.
    pub state: &'a str,
    pub expires_at: i64,
}

/// A ceremony taken for its answer.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CeremonyRecord {
    pub employee_id: Option<String>,
    pub state: String,
    pub expires_at: i64,
}

impl Store {
    /// The employee's WebAuthn user handle: `handle` if they had none (it is
    /// theirs from now on), else the one they have. Racing requests agree.
    pub async fn passkey_user_handle(
        &self,
        employee_id: &str,
        handle: &[u8],
    ) -> Result<Vec<u8>, sqlx::Error> {
        const INSERT: &str = "
            INSERT INTO passkey_users (employee_id, user_handle) VALUES ($1, $2)
            ON CONFLICT (employee_id) DO NOTHING";
        const SELECT: &str = "SELECT user_handle FROM passkey_users WHERE employee_id = $1";
        on_store!(self, |pool| {
            sqlx::query(INSERT)
                .bind(employee_id)
                .bind(handle)
                .execute(pool)
                .await?;
            sqlx::query_scalar(SELECT)
                .bind(employee_id)
                .fetch_one(pool)
                .await
        })
    }

    /// The employee a user handle belongs to.
    pub async fn employee_of_user_handle(
        &self,
        handle: &[u8],
    ) -> Result<Option<String>, sqlx::Error> {
        const SQL: &str = "SELECT employee_id FROM passkey_users WHERE user_handle = $1";
        on_store!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(handle)
                .fetch_optional(pool)
                .await
        })
    }

    /// The employee's passkeys, the first added first.
    pub async fn passkeys_of(&self, employee_id: &str) -> Result<Vec<PasskeyRecord>, sqlx::Error> {
        const SQL: &str = "
            SELECT credential_id, public_id, name, passkey, created_at, last_used_at, user_agent
            FROM passkeys WHERE employee_id = $1
            ORDER BY created_at, public_id";
        on_store!(self, |pool| {
            sqlx::query_as(SQL).bind(employee_id).fetch_all(pool).await
        })
    }

    /// Adds a passkey unless the employee has `most` already, and queues
    /// `notices` in the same transaction. Additions for one employee take
    /// turns (each locks the employee's user handle first), so racing ones,
    /// on one instance or on several, cannot pass the cap together.
    pub async fn add_passkey(
        &self,
        passkey: &NewPasskey<'_>,
        most: usize,
        notices: &[NewMessage],
    ) -> Result<PasskeyAddition, sqlx::Error> {
        const TAKE_TURN: &str =
            "UPDATE passkey_users SET user_handle = user_handle WHERE employee_id = $1";
        const COUNT: &str = "SELECT COUNT(*) FROM passkeys WHERE employee_id = $1";
        const INSERT: &str = "
            INSERT INTO passkeys (credential_id, public_id, employee_id, name, passkey, created_at,
                                  user_agent)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (credential_id) DO NOTHING";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            sqlx::query(TAKE_TURN)
                .bind(passkey.employee_id)
                .execute(&mut *transaction)
                .await?;
            let held: i64 = sqlx::query_scalar(COUNT)
                .bind(passkey.employee_id)
                .fetch_one(&mut *transaction)
                .await?;
            if usize::try_from(held).unwrap_or(usize::MAX) >= most {
                return Ok(PasskeyAddition::Full);
            }
            let inserted = sqlx::query(INSERT)
                .bind(passkey.credential_id)
                .bind(passkey.public_id)
                .bind(passkey.employee_id)
                .bind(passkey.name)
                .bind(passkey.passkey)
                .bind(passkey.now)
                .bind(passkey.user_agent)
                .execute(&mut *transaction)
                .await?
                .rows_affected()
                == 1;
            if !inserted {
                return Ok(PasskeyAddition::RegisteredAlready);
            }
            queue_messages!(transaction, notices);
            transaction.commit().await?;
            Ok(PasskeyAddition::Added)
        })
    }

    /// Renames one passkey of the employee; false when it is not theirs.
    pub async fn rename_passkey(
        &self,
        employee_id: &str,
        public_id: &str,
        name: &str,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "UPDATE passkeys SET name = $3 WHERE employee_id = $1 AND public_id = $2";
        on_store!(self, |pool| {
            let updated = sqlx::query(SQL)
                .bind(employee_id)
                .bind(public_id)
                .bind(name)
                .execute(pool)
                .await?;
            Ok(updated.rows_affected() == 1)
        })
    }

    /// Removes one passkey of the employee, and queues `notices` in the same
    /// transaction; false when it is not theirs or was removed already.
    pub async fn remove_passkey(
        &self,
        employee_id: &str,
        public_id: &str,
        notices: &[NewMessage],
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "DELETE FROM passkeys WHERE employee_id = $1 AND public_id = $2";
        on_store!(self, |pool| {
            let mut transaction = pool.begin().await?;
            let removed = sqlx::query(SQL)
                .bind(employee_id)
                .bind(public_id)
                .execute(&mut *transaction)
                .await?
                .rows_affected()
                == 1;
            if removed {
                queue_messages!(transaction, notices);
            }
            transaction.commit().await?;
            Ok(removed)
        })
    }

    /// Records a sign-in with a passkey: its updated state (sign count,
    /// backup flags) and when. False when it was removed meanwhile, so a
    /// passkey removed a moment ago signs no one in.
    pub async fn use_passkey(
        &self,
        employee_id: &str,
        credential_id: &[u8],
        passkey: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "
            UPDATE passkeys SET passkey = $3, last_used_at = $4
            WHERE employee_id = $1 AND credential_id = $2";
        on_store!(self, |pool| {
            let updated = sqlx::query(SQL)
                .bind(employee_id)
                .bind(credential_id)
                .bind(passkey)
                .bind(now)
                .execute(pool)
                .await?;
            Ok(updated.rows_affected() == 1)
        })
    }

    /// Keeps a ceremony until its answer (or its end), in one of the three
    /// slots of what it is bound to (a second tab or a retry, with room to
    /// spare): a free one, or else the one that ends first, whose ceremony
    /// it replaces. The slots are a unique index, so however many ceremonies
    /// race for one flow, session or browser, at most three are kept.
    pub async fn begin_ceremony(&self, ceremony: &NewCeremony<'_>) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO passkey_challenges (challenge_id, purpose, bound_to, employee_id, state,
                                            expires_at, slot)
            VALUES ($1, $2, $3, $4, $5, $6, COALESCE(
                (SELECT MIN(free.n) FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) free
                 WHERE free.n NOT IN (SELECT slot FROM passkey_challenges WHERE bound_to = $3)),
                (SELECT slot FROM passkey_challenges WHERE bound_to = $3
                 ORDER BY expires_at, slot LIMIT 1)))
            ON CONFLICT (bound_to, slot) DO UPDATE SET challenge_id = excluded.challenge_id,
                purpose = excluded.purpose, employee_id = excluded.employee_id,
                state = excluded.state, expires_at = excluded.expires_at";
        on_store!(self, |pool| {
            sqlx::query(SQL)
                .bind(ceremony.challenge_id)
                .bind(ceremony.purpose.as_str())
                .bind(ceremony.bound_to)
                .bind(ceremony.employee_id)
                .bind(ceremony.state)
                .bind(ceremony.expires_at)
                .execute(pool)
                .await
                .map(drop)
        })
    }

    /// Whether a ceremony bound to `bound_to` is still waiting at `now`:
    /// whether a browser's `__Host-passkey` value is one this server minted
    /// and still holds a challenge for.
    pub async fn has_ceremony(&self, bound_to: &[u8], now: i64) -> Result<bool, sqlx::Error> {
        const SQL: &str =
            "SELECT COUNT(*) FROM passkey_challenges WHERE bound_to = $1 AND expires_at > $2";
        let waiting: i64 = on_store!(self, |pool| {
            sqlx::query_scalar(SQL)
                .bind(bound_to)
                .bind(now)
                .fetch_one(pool)
                .await
        })?;
        Ok(waiting > 0)
    }

    /// Takes the ceremony `challenge_id` of `purpose` bound to `bound_to`,
    /// deleting it in the same statement: of racing answers, one gets it.
    /// An expired one is taken too (and is the caller's to refuse).
    pub async fn take_ceremony(
        &self,
        challenge_id: &str,
        purpose: CeremonyPurpose,
        bound_to: &[u8],
    ) -> Result<Option<CeremonyRecord>, sqlx::Error> {
        const SQL: &str = "
            DELETE FROM passkey_challenges
            WHERE challenge_id = $1 AND purpose = $2 AND bound_to = $3
            RETURNING employee_id, state, expires_at";
        on_store!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(challenge_id)
                .bind(purpose.as_str())
                .bind(bound_to)
                .fetch_optional(pool)
                .await
        })
    }
}
