//! Settings, from three sources: a TOML file, `UPSERS_*` environment variables and
//! command-line flags. Flags win over the environment, the environment over the
//! file, the file over the defaults. Every setting has the same name in all three
//! (`lockout_secs` in the file, `UPSERS_LOCKOUT_SECS`, `--lockout-secs`).

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use serde::Deserialize;
use upsers_contract as wire;

mod delivery;
mod tiles;

pub use delivery::{
    DeliverySettings, EmailBackend, EmailBackendKind, SmsBackend, SmsBackendKind, SmtpSettings,
    SmtpTls,
};
pub use tiles::TileList;

use crate::domain::Secret;

/// Every setting, each optional so that the sources can be layered.
///
/// The same struct parses flags (clap reads the environment for each flag) and
/// the config file (serde), so a setting cannot exist in one source and be
/// forgotten in another.
/// No `Debug`: the database URL may hold a password.
#[derive(Default, Clone, Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Address to listen on.
    #[arg(long, env = "UPSERS_BIND", value_name = "ADDR")]
    pub bind: Option<SocketAddr>,
    /// `sqlite://path/to/file.db` or `postgres://user:pass@host/db`.
    #[arg(long, env = "UPSERS_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// How long a request waits for a store connection before it answers 503
    /// (a store that is down then answers fast, and every request does not hang).
    #[arg(long, env = "UPSERS_STORE_ACQUIRE_TIMEOUT_MS", value_name = "MS")]
    pub store_acquire_timeout_ms: Option<u64>,
    /// Seconds a client has from the first byte of a request to the end of
    /// its headers.
    #[arg(long, env = "UPSERS_HEADER_READ_TIMEOUT_SECS", value_name = "SECS")]
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds a client has to send a whole request body.
    #[arg(long, env = "UPSERS_BODY_READ_TIMEOUT_SECS", value_name = "SECS")]
    pub body_read_timeout_secs: Option<u64>,
    /// Seconds a kept-alive connection may sit idle between requests.
    #[arg(long, env = "UPSERS_IDLE_TIMEOUT_SECS", value_name = "SECS")]
    pub idle_timeout_secs: Option<u64>,
    /// Most connections open at once; more wait to be accepted.
    #[arg(long, env = "UPSERS_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<usize>,
    /// Directory of the built SPA (trunk's dist/).
    #[arg(long, env = "UPSERS_DIST", value_name = "DIR")]
    pub dist: Option<PathBuf>,
    /// The origin employees reach the portal at, e.g. `https://portal.upsers.example`.
    #[arg(long, env = "UPSERS_PUBLIC_ORIGIN", value_name = "ORIGIN")]
    pub public_origin: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed, comma-separated IP addresses.
    /// Without it the client address is the socket's peer.
    #[arg(long, env = "UPSERS_TRUSTED_PROXIES", value_name = "IPS")]
    pub trusted_proxies: Option<String>,
    /// Demo mode: demo employees in an empty store, messages to the dev outbox.
    #[arg(long, env = "UPSERS_DEMO", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub demo: Option<bool>,
    /// `text` for terminals, `json` for log shippers.
    #[arg(long, env = "UPSERS_LOG_FORMAT", value_name = "FORMAT")]
    pub log_format: Option<LogFormat>,
    /// Days audit events are kept; older ones are purged.
    #[arg(long, env = "UPSERS_AUDIT_RETENTION_DAYS", value_name = "DAYS")]
    pub audit_retention_days: Option<u32>,
    /// Digits in an Employee ID.
    #[arg(long, env = "UPSERS_EMPLOYEE_ID_DIGITS", value_name = "N")]
    pub employee_id_digits: Option<u8>,
    /// Shortest PIN accepted (NIST SP 800-63B asks for at least 8).
    #[arg(long, env = "UPSERS_PIN_MIN_LENGTH", value_name = "N")]
    pub pin_min_length: Option<u16>,
    /// Longest PIN accepted (NIST SP 800-63B asks to allow at least 64).
    #[arg(long, env = "UPSERS_PIN_MAX_LENGTH", value_name = "N")]
    pub pin_max_length: Option<u16>,
    /// Consecutive failures that lock an Employee ID.
    #[arg(long, env = "UPSERS_LOCKOUT_MAX_FAILURES", value_name = "N")]
    pub lockout_max_failures: Option<u32>,
    /// How long a lock lasts.
    #[arg(long, env = "UPSERS_LOCKOUT_SECS", value_name = "SECS")]
    pub lockout_secs: Option<u64>,
    /// Failures one client address may cause per lockout window, across all IDs.
    #[arg(long, env = "UPSERS_ADDRESS_MAX_FAILURES", value_name = "N")]
    pub address_max_failures: Option<u32>,
    /// A session ends after this long without activity.
    #[arg(long, env = "UPSERS_SESSION_IDLE_SECS", value_name = "SECS")]
    pub session_idle_secs: Option<u64>,
    /// A session ends this long after sign-in, whatever the activity.
    #[arg(long, env = "UPSERS_SESSION_ABSOLUTE_SECS", value_name = "SECS")]
    pub session_absolute_secs: Option<u64>,
    /// Key for the keyed hashes of one-time PINs: at least 32 bytes as hex. All
    /// instances sharing a store need the same key. Demo mode, without one, uses
    /// a fixed key that is public (demo data is no secret).
    #[arg(
        long,
        env = "UPSERS_SECRET_KEY",
        value_name = "HEX",
        hide_env_values = true
    )]
    pub secret_key: Option<String>,
    /// How long a one-time PIN stays valid.
    #[arg(long, env = "UPSERS_OTP_TTL_SECS", value_name = "SECS")]
    pub otp_ttl_secs: Option<u64>,
    /// Shortest gap between two codes to one employee on one channel, across
    /// all of their sign-ins, resets and registrations.
    #[arg(long, env = "UPSERS_OTP_RESEND_SECS", value_name = "SECS")]
    pub otp_resend_secs: Option<u64>,
    /// Most codes sent to one employee on one channel per hour, across all
    /// flows (the same for unknown IDs, so the cap reveals nothing).
    #[arg(long, env = "UPSERS_MESSAGES_PER_HOUR", value_name = "N")]
    pub messages_per_hour: Option<u32>,
    /// Most notices and alerts (messages without a code) to one employee on
    /// one channel per hour; the next is one digest, the rest are folded.
    #[arg(long, env = "UPSERS_NOTICES_PER_HOUR", value_name = "N")]
    pub notices_per_hour: Option<u32>,
    /// At most one new-device alert per employee in this many seconds: a
    /// burst of sign-ins from new browsers is one alert (0: each alerts).
    #[arg(long, env = "UPSERS_DEVICE_ALERT_GAP_SECS", value_name = "SECS")]
    pub device_alert_gap_secs: Option<u64>,
    /// For how many hours a contact added or replaced in My account settles
    /// before it can reset the PIN, verify a caller to the desk or prove a
    /// change of what recovers the account (0: at once).
    #[arg(long, env = "UPSERS_CONTACT_SETTLE_HOURS", value_name = "HOURS")]
    pub contact_settle_hours: Option<u32>,
    /// For how long after a sign-in (or a step-up) My account removes a
    /// contact detail without asking for the current PIN or a one-time PIN
    /// again (at least 1).
    #[arg(long, env = "UPSERS_STEP_UP_SECS", value_name = "SECS")]
    pub step_up_secs: Option<u64>,
    /// For how many days a device the employee chose to remember skips the
    /// one-time PIN after a right PIN (0 turns "Remember this device" off).
    #[arg(long, env = "UPSERS_REMEMBER_DEVICE_DAYS", value_name = "DAYS")]
    pub remember_device_days: Option<u16>,
    /// Technical Support Center phone number, E.164 (`+18005550199`).
    #[arg(long, env = "UPSERS_SUPPORT_PHONE", value_name = "E164")]
    pub support_phone: Option<String>,
    /// Technical Support Center opening hours, as shown on the Help pages
    /// in English.
    #[arg(long, env = "UPSERS_SUPPORT_HOURS", value_name = "TEXT")]
    pub support_hours: Option<String>,
    /// The opening hours in Spanish (without it, the English text is shown
    /// on Spanish pages too, when `support_hours` is set).
    #[arg(long, env = "UPSERS_SUPPORT_HOURS_ES", value_name = "TEXT")]
    pub support_hours_es: Option<String>,
    /// Technical Support Center email address.
    #[arg(long, env = "UPSERS_SUPPORT_EMAIL", value_name = "EMAIL")]
    pub support_email: Option<String>,
    /// Technical Support Center web address (https).
    #[arg(long, env = "UPSERS_SUPPORT_URL", value_name = "URL")]
    pub support_url: Option<String>,
    /// The home hub's tiles: in the file, `[[home_tiles]]` tables; here, the
    /// same list as JSON (`[{"id", "title": {"en", "es"}, "description":
    /// {"en", "es"}, "href"}]`). Demo mode without any has a set of its own.
    #[arg(long, env = "UPSERS_HOME_TILES", value_name = "JSON")]
    pub home_tiles: Option<TileList>,
    /// Who delivers email: `smtp`, or `outbox` (the dev outbox, demo mode only).
    #[arg(long, env = "UPSERS_EMAIL_BACKEND", value_name = "BACKEND")]
    pub email_backend: Option<EmailBackendKind>,
    /// The SMTP relay's host name.
    #[arg(long, env = "UPSERS_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// The SMTP relay's port (default: 25, 587 or 465 by `smtp_tls`).
    #[arg(long, env = "UPSERS_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// `starttls` (default), `tls` (implicit TLS) or `none`.
    #[arg(long, env = "UPSERS_SMTP_TLS", value_name = "MODE")]
    pub smtp_tls: Option<SmtpTls>,
    /// PEM file of the certificate authorities to trust for the SMTP relay, in
    /// addition to the public Web PKI roots (a relay with an internal CA).
    #[arg(long, env = "UPSERS_SMTP_CA_FILE", value_name = "PEM")]
    pub smtp_ca_file: Option<PathBuf>,
    /// SMTP username, when the relay asks for one.
    #[arg(long, env = "UPSERS_SMTP_USERNAME", value_name = "USER")]
    pub smtp_username: Option<String>,
    /// SMTP password.
    #[arg(
        long,
        env = "UPSERS_SMTP_PASSWORD",
        value_name = "PASSWORD",
        hide_env_values = true
    )]
    pub smtp_password: Option<Secret>,
    /// The From address of emails, e.g. `UPSers <no-reply@upsers.example>`.
    #[arg(long, env = "UPSERS_EMAIL_FROM", value_name = "ADDRESS")]
    pub email_from: Option<String>,
    /// Who delivers text messages: `webhook`, or `outbox` (demo mode only).
    #[arg(long, env = "UPSERS_SMS_BACKEND", value_name = "BACKEND")]
    pub sms_backend: Option<SmsBackendKind>,
    /// The SMS gateway's URL: POSTed `{"to", "text"}` as JSON.
    #[arg(long, env = "UPSERS_SMS_WEBHOOK_URL", value_name = "URL")]
    pub sms_webhook_url: Option<String>,
    /// Bearer token for the SMS gateway.
    #[arg(
        long,
        env = "UPSERS_SMS_WEBHOOK_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub sms_webhook_token: Option<Secret>,
}

impl Overrides {
    /// Each setting from `self` where given, else from `lower`.
    fn or(self, lower: Overrides) -> Overrides {
        Overrides {
            bind: self.bind.or(lower.bind),
            database_url: self.database_url.or(lower.database_url),
            header_read_timeout_secs: self
                .header_read_timeout_secs
                .or(lower.header_read_timeout_secs),
            body_read_timeout_secs: self.body_read_timeout_secs.or(lower.body_read_timeout_secs),
            idle_timeout_secs: self.idle_timeout_secs.or(lower.idle_timeout_secs),
            max_connections: self.max_connections.or(lower.max_connections),
            dist: self.dist.or(lower.dist),
            store_acquire_timeout_ms: self
                .store_acquire_timeout_ms
                .or(lower.store_acquire_timeout_ms),
            public_origin: self.public_origin.or(lower.public_origin),
            trusted_proxies: self.trusted_proxies.or(lower.trusted_proxies),
            demo: self.demo.or(lower.demo),
            log_format: self.log_format.or(lower.log_format),
            audit_retention_days: self.audit_retention_days.or(lower.audit_retention_days),
            employee_id_digits: self.employee_id_digits.or(lower.employee_id_digits),
            pin_min_length: self.pin_min_length.or(lower.pin_min_length),
            pin_max_length: self.pin_max_length.or(lower.pin_max_length),
            lockout_max_failures: self.lockout_max_failures.or(lower.lockout_max_failures),
            lockout_secs: self.lockout_secs.or(lower.lockout_secs),
            address_max_failures: self.address_max_failures.or(lower.address_max_failures),
            session_idle_secs: self.session_idle_secs.or(lower.session_idle_secs),
            session_absolute_secs: self.session_absolute_secs.or(lower.session_absolute_secs),
            secret_key: self.secret_key.or(lower.secret_key),
            otp_ttl_secs: self.otp_ttl_secs.or(lower.otp_ttl_secs),
            otp_resend_secs: self.otp_resend_secs.or(lower.otp_resend_secs),
            messages_per_hour: self.messages_per_hour.or(lower.messages_per_hour),
            notices_per_hour: self.notices_per_hour.or(lower.notices_per_hour),
            device_alert_gap_secs: self.device_alert_gap_secs.or(lower.device_alert_gap_secs),
            contact_settle_hours: self.contact_settle_hours.or(lower.contact_settle_hours),
            step_up_secs: self.step_up_secs.or(lower.step_up_secs),
            remember_device_days: self.remember_device_days.or(lower.remember_device_days),
            support_phone: self.support_phone.or(lower.support_phone),
            support_hours: self.support_hours.or(lower.support_hours),
            support_hours_es: self.support_hours_es.or(lower.support_hours_es),
            support_email: self.support_email.or(lower.support_email),
            support_url: self.support_url.or(lower.support_url),
            home_tiles: self.home_tiles.or(lower.home_tiles),
            email_backend: self.email_backend.or(lower.email_backend),
            smtp_host: self.smtp_host.or(lower.smtp_host),
            smtp_port: self.smtp_port.or(lower.smtp_port),
            smtp_tls: self.smtp_tls.or(lower.smtp_tls),
            smtp_ca_file: self.smtp_ca_file.or(lower.smtp_ca_file),
            smtp_username: self.smtp_username.or(lower.smtp_username),
            smtp_password: self.smtp_password.or(lower.smtp_password),
            email_from: self.email_from.or(lower.email_from),
            sms_backend: self.sms_backend.or(lower.sms_backend),
            sms_webhook_url: self.sms_webhook_url.or(lower.sms_webhook_url),
            sms_webhook_token: self.sms_webhook_token.or(lower.sms_webhook_token),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The resolved settings the server runs with.
#[derive(Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: String,
    /// How long a request waits for a store connection.
    pub store_acquire_timeout: std::time::Duration,
    /// Timeouts and the connection cap of the HTTP server.
    pub server_limits: crate::server::ServerLimits,
    pub dist: PathBuf,
    pub public_origin: String,
    /// Peers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    pub demo: bool,
    pub log_format: LogFormat,
    /// How long audit events are kept, in days.
    pub audit_retention_days: u32,
    pub policy: PolicySettings,
    /// Key of the one-time PIN HMACs.
    pub secret_key: Vec<u8>,
    /// Where `secret_key` came from (admin verbs that issue codes need a real one).
    pub secret_key_source: KeySource,
    /// The Technical Support Center, as `GET /api/v1/support` shows it.
    pub support: wire::SupportContact,
    /// The home hub's tiles, as `GET /api/v1/home` lists them.
    pub home_tiles: Vec<wire::Tile>,
    /// Who delivers one-time PINs and notices on each channel.
    pub delivery: DeliverySettings,
}

/// The sign-in policy numbers of PRODUCT.md, all configurable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySettings {
    pub employee_id_digits: u8,
    pub pin_min_length: u16,
    pub pin_max_length: u16,
    pub lockout_max_failures: u32,
    pub lockout_secs: u64,
    pub address_max_failures: u32,
    pub session_idle_secs: u64,
    pub session_absolute_secs: u64,
    pub otp_ttl_secs: u64,
    pub otp_resend_secs: u64,
    pub messages_per_hour: u32,
    pub notices_per_hour: u32,
    /// 0: every new device alerts.
    pub device_alert_gap_secs: u64,
    /// 0: a new contact recovers at once.
    pub contact_settle_hours: u32,
    pub step_up_secs: u64,
    /// 0: no device is remembered.
    pub remember_device_days: u16,
}

/// One-time PINs are always six digits: the SPA's field and the courier's
/// message templates are built for it.
pub const OTP_DIGITS: u8 = 6;

impl PolicySettings {
    /// How long a remembered device skips the one-time PIN, or `None` when
    /// no device is remembered.
    pub fn remember_device_secs(&self) -> Option<u64> {
        (self.remember_device_days > 0).then(|| u64::from(self.remember_device_days) * 86_400)
    }

    /// How long a contact added or replaced in My account settles.
    pub fn contact_settle_secs(&self) -> i64 {
        i64::from(self.contact_settle_hours) * 3600
    }

    /// The policy as the SPA sees it at `server_time`.
    pub fn to_wire(&self, server_time: i64) -> wire::Policy {
        wire::Policy {
            employee_id: wire::EmployeeIdPolicy {
                digits: self.employee_id_digits,
            },
            pin: wire::PinPolicy {
                min_length: self.pin_min_length,
                max_length: self.pin_max_length,
            },
            otp: wire::OtpPolicy {
                digits: OTP_DIGITS,
                ttl_secs: self.otp_ttl_secs,
                resend_secs: self.otp_resend_secs,
            },
            lockout: wire::LockoutPolicy {
                max_failures: self.lockout_max_failures,
                lockout_secs: self.lockout_secs,
            },
            session: wire::SessionPolicy {
                idle_secs: self.session_idle_secs,
                absolute_secs: self.session_absolute_secs,
            },
            server_time,
        }
    }
}

impl Settings {
    /// Reads the optional config file and layers `overrides` (flags and
    /// environment, as clap parsed them) on top of it.
    pub fn load(config_file: Option<&Path>, overrides: Overrides) -> anyhow::Result<Settings> {
        Settings::resolve(overrides.or(read_file(config_file)?))
    }

    /// Settings for the admin verbs, which never serve or send codes: like
    /// [`Settings::load`], without requiring the secret key.
    pub fn load_for_admin(
        config_file: Option<&Path>,
        overrides: Overrides,
    ) -> anyhow::Result<Settings> {
        Settings::resolve_for(overrides.or(read_file(config_file)?), Use::Admin)
    }

    /// Fills in defaults and checks that the values make sense together.
    pub fn resolve(given: Overrides) -> anyhow::Result<Settings> {
        Settings::resolve_for(given, Use::Serve)
    }

    fn resolve_for(given: Overrides, purpose: Use) -> anyhow::Result<Settings> {
        let policy = PolicySettings {
            employee_id_digits: given.employee_id_digits.unwrap_or(7),
            pin_min_length: given.pin_min_length.unwrap_or(8),
            pin_max_length: given.pin_max_length.unwrap_or(64),
            lockout_max_failures: given.lockout_max_failures.unwrap_or(3),
            lockout_secs: given.lockout_secs.unwrap_or(900),
            address_max_failures: given.address_max_failures.unwrap_or(20),
            session_idle_secs: given.session_idle_secs.unwrap_or(900),
            session_absolute_secs: given.session_absolute_secs.unwrap_or(28_800),
            otp_ttl_secs: given.otp_ttl_secs.unwrap_or(600),
            otp_resend_secs: given.otp_resend_secs.unwrap_or(30),
            messages_per_hour: given.messages_per_hour.unwrap_or(5),
            notices_per_hour: given.notices_per_hour.unwrap_or(5),
            device_alert_gap_secs: given.device_alert_gap_secs.unwrap_or(600),
            contact_settle_hours: given.contact_settle_hours.unwrap_or(72),
            step_up_secs: given.step_up_secs.unwrap_or(600),
            remember_device_days: given.remember_device_days.unwrap_or(30),
        };
        check_policy(&policy)?;
        let bind = given
            .bind
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let demo = given.demo.unwrap_or(false);
        let (secret_key, secret_key_source) = match given.secret_key.as_deref() {
            Some(hex) => (parse_secret_key(hex)?, KeySource::Configured),
            // Demo data must survive a restart (the registration code of the
            // demo hire, the decoy questions), so demo mode has a fixed key.
            // It is public: production refuses demo mode.
            None if demo => (DEMO_SECRET_KEY.to_vec(), KeySource::Demo),
            // Most admin verbs hash nothing; those that do refuse this key.
            None if purpose == Use::Admin => {
                (crate::domain::token::random_bytes(32), KeySource::Throwaway)
            }
            None => bail!(
                "secret_key (UPSERS_SECRET_KEY) is required outside demo mode: 64 or more hex digits"
            ),
        };
        let trusted_proxies = given
            .trusted_proxies
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse()
                    .with_context(|| format!("trusted_proxies: {entry:?} is not an IP address"))
            })
            .collect::<anyhow::Result<Vec<IpAddr>>>()?;
        let support = support_contact(&given)?;
        let home_tiles = tiles::resolve(given.home_tiles.as_ref(), demo)?;
        let server_limits = server_limits(&given)?;
        let delivery = delivery::resolve(&given, demo, purpose == Use::Serve)?;
        Ok(Settings {
            delivery,
            support,
            home_tiles,
            trusted_proxies,
            public_origin: given
                .public_origin
                .unwrap_or_else(|| format!("http://{bind}")),
            bind,
            database_url: given
                .database_url
                .unwrap_or_else(|| "sqlite://var/upsers.db".to_owned()),
            store_acquire_timeout: match given.store_acquire_timeout_ms {
                Some(0) => bail!("store_acquire_timeout_ms must be greater than 0"),
                Some(ms) => std::time::Duration::from_millis(ms),
                None => crate::store::DEFAULT_ACQUIRE_TIMEOUT,
            },
            server_limits,
            dist: given.dist.unwrap_or_else(|| PathBuf::from("dist")),
            demo,
            log_format: given.log_format.unwrap_or_default(),
            audit_retention_days: match given.audit_retention_days.unwrap_or(400) {
                0 => bail!("audit_retention_days must be greater than 0"),
                days => days,
            },
            policy,
            secret_key,
            secret_key_source,
        })
    }
}

/// The support contact from the settings (defaults: the demo company's),
/// each value checked so the Help pages never show a broken link.
fn support_contact(given: &Overrides) -> anyhow::Result<wire::SupportContact> {
    let phone = given
        .support_phone
        .clone()
        .unwrap_or_else(|| "+18005550199".to_owned());
    if wire::contact::normalize_mobile(&phone).as_deref() != Some(phone.as_str()) {
        bail!("support_phone {phone:?} must be an E.164 number such as +18005550199");
    }
    let email = given
        .support_email
        .clone()
        .unwrap_or_else(|| "support@upsers.example".to_owned());
    if wire::contact::normalize_email(&email).as_deref() != Some(email.as_str()) {
        bail!("support_email {email:?} is not an email address");
    }
    let web_url = given
        .support_url
        .clone()
        .unwrap_or_else(|| "https://support.upsers.example".to_owned());
    if !web_url.starts_with("https://") || web_url.contains(char::is_whitespace) {
        bail!("support_url {web_url:?} must be an https:// address");
    }
    let (en, es) = match (&given.support_hours, &given.support_hours_es) {
        (None, None) => (
            "Every day, 24 hours".to_owned(),
            "Todos los días, las 24 horas".to_owned(),
        ),
        (Some(en), es) => (en.clone(), es.clone().unwrap_or_else(|| en.clone())),
        (None, Some(_)) => bail!("support_hours_es needs support_hours (the English text) too"),
    };
    for (name, hours) in [("support_hours", &en), ("support_hours_es", &es)] {
        if hours.trim().is_empty() || hours.chars().count() > 200 {
            bail!("{name} must be 1 to 200 characters");
        }
    }
    let hours = wire::Localized { en, es };
    Ok(wire::SupportContact {
        phone,
        hours,
        email,
        web_url,
        server_time: 0,
    })
}

/// Where the secret key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `secret_key` / `UPSERS_SECRET_KEY`.
    Configured,
    /// Demo mode's fixed, public key.
    Demo,
    /// Made up for an admin verb that hashes nothing with it.
    Throwaway,
}

/// The key of demo mode: fixed so demo data survives restarts, and public.
const DEMO_SECRET_KEY: &[u8; 32] = b"upsers-demo-mode-key-not-secret!";

/// What the settings are for: serving needs the secret key, admin verbs do not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Serve,
    Admin,
}

fn read_file(config_file: Option<&Path>) -> anyhow::Result<Overrides> {
    match config_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the config file {}", path.display()))?;
            toml::from_str(&text)
                .with_context(|| format!("parsing the config file {}", path.display()))
        }
        None => Ok(Overrides::default()),
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field(
                "database_url",
                &crate::store::redact_url(&self.database_url),
            )
            .field("store_acquire_timeout", &self.store_acquire_timeout)
            .field("server_limits", &self.server_limits)
            .field("dist", &self.dist)
            .field("public_origin", &self.public_origin)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("demo", &self.demo)
            .field("log_format", &self.log_format)
            .field("audit_retention_days", &self.audit_retention_days)
            .field("policy", &self.policy)
            .field("secret_key", &"[redacted]")
            .field("delivery", &self.delivery)
            .finish()
    }
}

fn parse_secret_key(hex: &str) -> anyhow::Result<Vec<u8>> {
    let hex = hex.trim();
    if hex.len() < 64
        || !hex.len().is_multiple_of(2)
        || !hex.bytes().all(|byte| byte.is_ascii_hexdigit())
    {
        bail!("secret_key must be at least 64 hex digits (32 bytes), an even number of them");
    }
    Ok((0..hex.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&hex[at..at + 2], 16).expect("checked hex"))
        .collect())
}

/// The server's timeouts (10 s for headers, 30 s for a body, 60 s idle) and
/// connection cap (10,000), each at least 1.
fn server_limits(given: &Overrides) -> anyhow::Result<crate::server::ServerLimits> {
    let secs = |name: &str, value: Option<u64>, default: u64| match value.unwrap_or(default) {
        0 => bail!("{name} must be greater than 0"),
        secs => Ok(std::time::Duration::from_secs(secs)),
    };
    Ok(crate::server::ServerLimits {
        header_read_timeout: secs(
            "header_read_timeout_secs",
            given.header_read_timeout_secs,
            10,
        )?,
        body_read_timeout: secs("body_read_timeout_secs", given.body_read_timeout_secs, 30)?,
        idle_timeout: secs("idle_timeout_secs", given.idle_timeout_secs, 60)?,
        max_connections: match given.max_connections.unwrap_or(10_000) {
            0 => bail!("max_connections must be greater than 0"),
            n => n,
        },
    })
}

fn check_policy(policy: &PolicySettings) -> anyhow::Result<()> {
    if !(4..=12).contains(&policy.employee_id_digits) {
        bail!(
            "employee_id_digits must be between 4 and 12, got {}",
            policy.employee_id_digits
        );
    }
    if policy.pin_min_length < 8 {
        bail!(
            "pin_min_length must be at least 8 (NIST SP 800-63B), got {}",
            policy.pin_min_length
        );
    }
    if policy.pin_max_length < 64.max(policy.pin_min_length) {
        bail!(
            "pin_max_length must be at least 64 and at least pin_min_length, got {}",
            policy.pin_max_length
        );
    }
    for (name, value) in [
        (
            "lockout_max_failures",
            u64::from(policy.lockout_max_failures),
        ),
        ("lockout_secs", policy.lockout_secs),
        (
            "address_max_failures",
            u64::from(policy.address_max_failures),
        ),
        ("session_idle_secs", policy.session_idle_secs),
        ("otp_ttl_secs", policy.otp_ttl_secs),
        ("messages_per_hour", u64::from(policy.messages_per_hour)),
        ("notices_per_hour", u64::from(policy.notices_per_hour)),
        // A step-up opens a window of this length: none would be a step-up
        // that never lets a change through.
        ("step_up_secs", policy.step_up_secs),
    ] {
        if value == 0 {
            bail!("{name} must be greater than 0");
        }
    }
    if policy.session_absolute_secs < policy.session_idle_secs {
        bail!("session_absolute_secs must not be shorter than session_idle_secs");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        overrides: Overrides,
    }

    fn write_config(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    /// Outside demo mode a secret key and real delivery backends are
    /// required; tests give them.
    fn with_key() -> Overrides {
        Overrides {
            secret_key: Some("ab".repeat(32)),
            ..delivery::tests::real_backends()
        }
    }

    #[test]
    fn defaults_match_the_product_policy() {
        let settings = Settings::resolve(with_key()).unwrap();
        assert_eq!(settings.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(settings.database_url, "sqlite://var/upsers.db");
        assert_eq!(settings.policy.lockout_max_failures, 3);
        assert_eq!(settings.policy.lockout_secs, 900);
        assert_eq!(settings.policy.address_max_failures, 20);
        assert_eq!(settings.policy.session_idle_secs, 900);
        assert_eq!(settings.policy.session_absolute_secs, 28_800);
        assert_eq!(settings.policy.otp_ttl_secs, 600);
        assert_eq!(settings.policy.otp_resend_secs, 30);
        assert!(!settings.demo);
    }

    #[test]
    fn flags_win_over_the_file_and_the_file_over_defaults() {
        let file = write_config("lockout_secs = 60\notp_ttl_secs = 120\ndemo = true\n");
        let flags = Flags::try_parse_from(["serve", "--lockout-secs", "5"]).unwrap();
        let settings = Settings::load(Some(file.path()), flags.overrides).unwrap();
        assert_eq!(settings.policy.lockout_secs, 5, "the flag wins");
        assert_eq!(
            settings.policy.otp_ttl_secs, 120,
            "the file fills what flags leave"
        );
        assert!(settings.demo);
        assert_eq!(
            settings.policy.lockout_max_failures, 3,
            "defaults fill the rest"
        );
    }

    #[test]
    fn a_bare_demo_flag_turns_demo_mode_on() {
        let flags = Flags::try_parse_from(["serve", "--demo"]).unwrap();
        assert_eq!(flags.overrides.demo, Some(true));
    }

    #[test]
    fn an_unknown_key_in_the_config_file_is_an_error_naming_it() {
        let file = write_config("lockout_sec = 60\n");
        let error = Settings::load(Some(file.path()), Overrides::default()).unwrap_err();
        assert!(format!("{error:#}").contains("lockout_sec"), "{error:#}");
    }

    #[test]
    fn a_pin_minimum_below_nist_is_refused() {
        let error = Settings::resolve(Overrides {
            pin_min_length: Some(6),
            ..Default::default()
        })
        .unwrap_err();
        assert!(error.to_string().contains("pin_min_length"), "{error}");
    }

    #[test]
    fn outside_demo_mode_a_secret_key_is_required_and_checked() {
        let missing = Settings::resolve(Overrides::default()).unwrap_err();
        assert!(
            missing.to_string().contains("UPSERS_SECRET_KEY"),
            "{missing}"
        );
        let short = Settings::resolve(Overrides {
            secret_key: Some("abcd".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(short.to_string().contains("64 hex digits"), "{short}");
        let settings = Settings::resolve(with_key()).unwrap();
        assert_eq!(settings.secret_key, vec![0xab; 32]);
    }

    #[test]
    fn demo_mode_makes_up_a_secret_key() {
        let settings = Settings::resolve(Overrides {
            demo: Some(true),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(settings.secret_key.len(), 32);
    }

    #[test]
    fn a_zero_lockout_is_refused() {
        let error = Settings::resolve(Overrides {
            lockout_secs: Some(0),
            ..Default::default()
        })
        .unwrap_err();
        assert!(error.to_string().contains("lockout_secs"), "{error}");
    }
}
