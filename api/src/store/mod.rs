//! The store: SQLite embedded by default, PostgreSQL for several API instances.
//! The backend is picked by the URL scheme.
//!
//! Every query is written once, in SQL both engines accept (`$1` placeholders,
//! `INSERT … ON CONFLICT … RETURNING`), and [`on_store!`] runs it on whichever
//! pool is open. The feature modules below add their methods to [`Store`].

mod audit;
mod challenge;
mod codes;
mod contacts;
mod desk;
mod devices;
mod employees;
mod flows;
mod housekeeping;
mod limits;
pub(crate) mod outbox;
mod passkeys;
mod registration;
mod reports;
mod roles;
mod sessions;

pub use audit::{ACTIVITY_KINDS, ActivityRecord, AuditKind, record_user_agent};
pub use challenge::ChallengeAnswer;
pub use codes::{CodeRecord, SendGate};
pub use contacts::{ChangeRecord, ContactChange, channel_named};
pub use desk::{
    DeskChange, DeskCodeRecord, DeskEventRecord, DeskRecord, DeskVerificationRecord, NewDeskCode,
};
pub use devices::{DeviceRecord, NewDevice};
pub use employees::{EmployeeRecord, EmployeeStatus, NewEmployee, NewHire};
pub use flows::{AccountPurpose, FlowKind, FlowRecord, NewFlow, facts_of};
pub use housekeeping::Purged;
pub use limits::{Reset, Taken};
pub use outbox::{DeliveryHealth, Finished, NewMessage, OutboxMessage};
pub use passkeys::{
    CeremonyPurpose, CeremonyRecord, NewCeremony, NewPasskey, PasskeyAddition, PasskeyRecord,
};
pub use registration::{CompletedRegistration, RegistrationCodeRecord, RegistrationRecord};
pub use reports::{NEW_DEVICE_AFTER_SECS, NewAlert, Sighting};
pub use roles::RoleGrant;
pub use sessions::{NewSession, SessionRecord, SessionSummary};

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How long a request waits for a connection before answering 503, so a store
/// that is down fails fast instead of hanging every request (the default of
/// `UPSERS_STORE_ACQUIRE_TIMEOUT_MS`).
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(1);

/// Runs `$body` with `$pool` bound to the open pool, whichever engine it is.
macro_rules! on_store {
    ($store:expr, |$pool:ident| $body:expr) => {{
        $crate::work::count_store_operation();
        match $store {
            $crate::store::Store::Sqlite($pool) => $body,
            $crate::store::Store::Postgres($pool) => $body,
        }
    }};
}
pub(crate) use on_store;

#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Opens the store at `url` (`sqlite://…` or `postgres://…`). A SQLite file and
    /// its directory are created when missing.
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        Store::connect_with(url, DEFAULT_ACQUIRE_TIMEOUT).await
    }

    /// Like [`Store::connect`], waiting at most `acquire_timeout` for a
    /// connection on each use.
    pub async fn connect_with(url: &str, acquire_timeout: Duration) -> anyhow::Result<Store> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("parsing the SQLite URL {url}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // WAL with NORMAL: commits survive a crash of the process, not
                // necessarily a power cut, and no longer wait for an fsync each
                // (sign-ins write four rows; this lifted `make bench`'s
                // sign-in ratio from 0.65 to 0.74 of raw argon2).
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true);
            if let Some(parent) = options.get_filename().parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .acquire_timeout(acquire_timeout)
                .connect_with(options)
                .await
                .with_context(|| format!("opening the SQLite store {url}"))?;
            Ok(Store::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .acquire_timeout(acquire_timeout)
                .connect(url)
                .await
                .with_context(|| format!("connecting to PostgreSQL at {}", redact_url(url)))?;
            Ok(Store::Postgres(pool))
        } else {
            anyhow::bail!(
                "the database URL must start with sqlite:// or postgres://, got {}",
                redact_url(url)
            )
        }
    }

    /// Brings the schema up to date; run at every start (ARCHITECTURE.md).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Store::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(pool).await,
            Store::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await,
        }
        .context("applying database migrations")
    }

    /// One write to the store, for `/readyz`: a store that answers reads but
    /// refuses writes (read-only, disk full) cannot serve a sign-in.
    pub async fn ping(&self, now: i64) -> Result<(), sqlx::Error> {
        const SQL: &str = "
            INSERT INTO readiness (id, checked_at) VALUES (1, $1)
            ON CONFLICT (id) DO UPDATE SET checked_at = $1";
        on_store!(self, |pool| sqlx::query(SQL)
            .bind(now)
            .execute(pool)
            .await
            .map(drop))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Closes every pooled connection, so SQLite checkpoints its WAL on shutdown.
    pub async fn close(&self) {
        on_store!(self, |pool| pool.close().await)
    }
}

/// The URL with any password replaced, for logs and error messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _password)) => {
                    format!("{}{user}:[redacted]{}", &url[..scheme_end + 3], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_logs() {
        assert_eq!(
            redact_url("postgres://upsers:s3cret@db:5432/upsers"),
            "postgres://upsers:[redacted]@db:5432/upsers"
        );
        assert_eq!(redact_url("postgres://db/upsers"), "postgres://db/upsers");
        assert_eq!(
            redact_url("sqlite://var/upsers.db"),
            "sqlite://var/upsers.db"
        );
    }
}
