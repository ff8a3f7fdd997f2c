//! `GET /api/v1/dev/outbox`: demo mode only (not even routed otherwise).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use upsers_contract as wire;

use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/dev/outbox", get(outbox))
}

#[utoipa::path(get, path = "/api/v1/dev/outbox", tag = "demo", responses((status = 200, description = "Demo mode only: messages sent, newest first (404 otherwise)", body = Vec<wire::DevOutboxMessage>)))]
pub(crate) async fn outbox(
    State(state): State<AppState>,
) -> Result<Json<Vec<wire::DevOutboxMessage>>, ApiError> {
    let messages = state.store().dev_messages(50).await?;
    Ok(Json(
        messages
            .into_iter()
            .map(|message| wire::DevOutboxMessage {
                channel: if message.channel == "sms" {
                    wire::Channel::Sms
                } else {
                    wire::Channel::Email
                },
                destination: message.destination,
                employee_id: message.employee_id,
                code: message.code,
                body: message.body,
                created_at: message.created_at,
            })
            .collect(),
    ))
}
