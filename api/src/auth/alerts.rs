//! New-device alerts. Every completed sign-in sees its browser: the
//! `__Host-device` token it carries (or a new one) is recorded for the
//! employee. A browser the employee has not signed in from within
//! [`NEW_DEVICE_AFTER_SECS`] sends an alert to their verified channels, in
//! their language: when, which browser and system, from which address, and
//! a "This wasn't me" link that works once for [`REPORT_LINK_DAYS`] days
//! (its token stored only as a SHA-256; routes/reports.rs takes the report).

use axum::http::HeaderMap;

use crate::auth::devices::{DEVICE_COOKIE, device_token};
use crate::auth::{Limit, notices};
use crate::courier::{Language, NewDeviceSignIn};
use crate::domain::{Secret, token, user_agent};
use crate::error::ApiError;
use crate::extract::set_cookie;
use crate::state::AppState;
use crate::store::{AuditKind, NEW_DEVICE_AFTER_SECS, NewAlert, Sighting};

/// How far back before the reported event a report undoes what was added
/// or changed: a change of contact settles for as long.
pub const REPORT_REACHES_BACK_SECS: i64 = 72 * 60 * 60;

/// How long the link of an alert works.
pub const REPORT_LINK_DAYS: i64 = 7;

/// Where the link leads: the SPA's PIN reset page, the token in the
/// fragment, so it is never sent to a server or in a `Referer`.
const REPORT_LINK_PATH: &str = "/forgot#report=";

/// The "This wasn't me" link of `token`, for a message.
pub(crate) fn report_link(state: &AppState, token: &Secret) -> String {
    format!(
        "{}{REPORT_LINK_PATH}{}",
        state.settings().public_origin,
        token.expose()
    )
}

/// A completed sign-in, as its alert describes it.
pub(crate) struct SignIn<'a> {
    pub employee_id: &'a str,
    pub address: &'a str,
    pub user_agent: Option<&'a str>,
    /// The language of the sign-in's requests.
    pub language: Language,
    /// By a remembered device: known already, never alerted.
    pub remembered: bool,
}

/// Sees the browser of `sign_in` (the token it carries, or a new one) and
/// sends the alert when it is new to the employee. Returns the token and
/// the cookie that keeps it.
pub(crate) async fn see_device(
    state: &AppState,
    headers: &HeaderMap,
    sign_in: SignIn<'_>,
    now: i64,
) -> Result<(Secret, String), ApiError> {
    let store = state.store();
    let id = sign_in.employee_id;
    let employee = store
        .find_employee(id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the employee just signed in is missing"))?;
    let binding = user_agent::binding(sign_in.user_agent);
    let device = device_token(store, headers, &binding).await?;
    let link_token = token::new_token();
    let device_hash = token::hash(&device);
    let sighting = Sighting {
        token_hash: &device_hash,
        binding: &binding,
        employee_id: id,
        now,
        new_before: now - NEW_DEVICE_AFTER_SECS,
        language: sign_in.language.tag(),
    };
    let new = !sign_in.remembered && store.is_new_device(&sighting).await?;
    let cookie = set_cookie(DEVICE_COOKIE, device.expose(), device_cookie_secs(state));
    if new && !one_alert_per_burst(state, id, sign_in.address, now).await? {
        // Folded into the burst's one alert. The sighting is left to that
        // alert's request: recorded here first, it would make the browser
        // known before that request decides, and no alert would go.
        return Ok((device, cookie));
    }
    let messages = if new {
        // Their language, as a browser they were known on last used it.
        let language = employee
            .language
            .as_deref()
            .and_then(Language::from_tag)
            .unwrap_or(sign_in.language);
        let facts = NewDeviceSignIn {
            at: now,
            user_agent: sign_in.user_agent.map(str::to_owned),
            address: sign_in.address.to_owned(),
            link: report_link(state, &link_token),
            link_days: REPORT_LINK_DAYS,
        };
        notices::each_verified(state, &employee, now, |channel, destination| {
            state
                .courier()
                .alert_message(&facts, channel, destination, id, language)
        })
        .await?
    } else {
        Vec::new()
    };
    let alert = NewAlert {
        token_hash: &token::hash(&link_token),
        expires_at: now + REPORT_LINK_DAYS * 24 * 60 * 60,
        messages: &messages,
    };
    if store.see_device(&sighting, &alert).await? {
        store
            .audit(
                AuditKind::NewDeviceAlert,
                Some(id),
                sign_in.address,
                None,
                now,
            )
            .await?;
        notices::announce(state, &messages, id, sign_in.address, now).await?;
    }
    Ok((device, cookie))
}

/// Whether this new device's alert is the first of its burst: at most one
/// new-device alert per employee per `device_alert_gap_secs` (twenty passkey
/// sign-ins from new browsers in ten minutes are one cause, and one alert);
/// the others are folded (audited, never sent), and the one alert's link
/// ends every session.
async fn one_alert_per_burst(
    state: &AppState,
    employee_id: &str,
    address: &str,
    now: i64,
) -> Result<bool, ApiError> {
    if state.settings().policy.device_alert_gap_secs == 0
        || notices::take_slot(state, Limit::DeviceAlerts(employee_id), now).await?
    {
        return Ok(true);
    }
    let detail = Some("new_device_alert");
    state
        .store()
        .audit(
            AuditKind::NoticeFolded,
            Some(employee_id),
            address,
            detail,
            now,
        )
        .await?;
    Ok(false)
}

/// The device cookie outlives both what it is for: the new-device window,
/// and the days a remembered device skips the one-time PIN.
fn device_cookie_secs(state: &AppState) -> u64 {
    let remembered = state.settings().policy.remember_device_secs().unwrap_or(0);
    remembered.max(NEW_DEVICE_AFTER_SECS as u64)
}
