//! `GET /metrics`: Prometheus text exposition of delivery health, read from
//! the store at each scrape so every instance reports the shared queue.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use upsers_contract as wire;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::DeliveryHealth;

pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(serve))
}

const STATUSES: [&str; 5] = ["queued", "sending", "sent", "failed", "dropped"];
const CHANNELS: [&str; 2] = ["sms", "email"];

#[utoipa::path(get, path = "/metrics", tag = "probes", responses((status = 200, description = "Prometheus text format: outbox messages by channel and status, the age of the oldest message waiting, and the desk's verifications and actions", content_type = "text/plain; version=0.0.4", body = String), (status = 503, description = "The store is unavailable", body = wire::ErrorBody)))]
pub(crate) async fn serve(State(state): State<AppState>) -> Result<Response, ApiError> {
    let health = state
        .store()
        .delivery_health()
        .await
        .map_err(ApiError::Unavailable)?;
    let desk = state
        .store()
        .desk_counters()
        .await
        .map_err(ApiError::Unavailable)?;
    let mut body = exposition(&health, state.now());
    body.push_str(&desk_exposition(&desk));
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        body,
    )
        .into_response())
}

/// Every channel and status gets a line, zeros included, so dashboards and
/// alerts see a series from the first scrape.
fn exposition(health: &DeliveryHealth, now: i64) -> String {
    let mut out = String::from(
        "# HELP upsers_outbox_messages Messages in the delivery outbox, by channel and status.\n\
         # TYPE upsers_outbox_messages gauge\n",
    );
    for channel in CHANNELS {
        for status in STATUSES {
            let count = health
                .counts
                .iter()
                .find(|(c, s, _)| c == channel && s == status)
                .map_or(0, |(_, _, count)| *count);
            out.push_str(&format!(
                "upsers_outbox_messages{{channel=\"{channel}\",status=\"{status}\"}} {count}\n"
            ));
        }
    }
    let age = health
        .oldest_waiting_created_at
        .map_or(0, |created| (now - created).max(0));
    out.push_str(
        "# HELP upsers_outbox_oldest_waiting_seconds Age of the oldest message queued or being sent (0 when none is).\n\
         # TYPE upsers_outbox_oldest_waiting_seconds gauge\n",
    );
    out.push_str(&format!("upsers_outbox_oldest_waiting_seconds {age}\n"));
    out
}

const VERIFICATION_OUTCOMES: [&str; 3] = ["sent", "passed", "failed"];

/// The desk's counters (`store::desk`), every series from the first scrape:
/// verifications by outcome, actions by kind.
fn desk_exposition(counters: &[(String, i64)]) -> String {
    let total = |name: &str| {
        counters
            .iter()
            .find(|(counted, _)| counted == name)
            .map_or(0, |(_, total)| *total)
    };
    let mut out = String::from(
        "# HELP upsers_desk_verifications_total Callers' verifications at the desk: codes sent, read back right, read back wrong.\n\
         # TYPE upsers_desk_verifications_total counter\n",
    );
    for outcome in VERIFICATION_OUTCOMES {
        let count = total(&format!("verification_{outcome}"));
        out.push_str(&format!(
            "upsers_desk_verifications_total{{outcome=\"{outcome}\"}} {count}\n"
        ));
    }
    out.push_str(
        "# HELP upsers_desk_actions_total Actions agents took at the desk, by kind.\n\
         # TYPE upsers_desk_actions_total counter\n",
    );
    for action in wire::DeskAction::ALL {
        let action = action.as_str();
        out.push_str(&format!(
            "upsers_desk_actions_total{{action=\"{action}\"}} {}\n",
            total(action)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_desk_series_is_present_and_counts_land_on_theirs() {
        let out = desk_exposition(&[("verification_failed".into(), 3), ("unlock".into(), 2)]);
        assert!(out.contains("upsers_desk_verifications_total{outcome=\"failed\"} 3\n"));
        assert!(out.contains("upsers_desk_verifications_total{outcome=\"sent\"} 0\n"));
        assert!(out.contains("upsers_desk_actions_total{action=\"unlock\"} 2\n"));
        assert!(out.contains("upsers_desk_actions_total{action=\"disable\"} 0\n"));
    }

    #[test]
    fn every_series_is_present_and_counts_land_on_theirs() {
        let health = DeliveryHealth {
            counts: vec![
                ("sms".into(), "queued".into(), 2),
                ("email".into(), "failed".into(), 1),
            ],
            oldest_waiting_created_at: Some(1_000),
        };
        let text = exposition(&health, 1_042);
        assert!(text.contains("upsers_outbox_messages{channel=\"sms\",status=\"queued\"} 2\n"));
        assert!(text.contains("upsers_outbox_messages{channel=\"email\",status=\"failed\"} 1\n"));
        assert!(text.contains("upsers_outbox_messages{channel=\"email\",status=\"sent\"} 0\n"));
        assert_eq!(text.matches("upsers_outbox_messages{").count(), 10);
        assert!(text.contains("upsers_outbox_oldest_waiting_seconds 42\n"));
    }
}
