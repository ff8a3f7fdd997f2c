//! `GET /api/v1/dev/outbox`: demo mode only (not even routed otherwise). The
//! dev outbox is the outbox rows of the channels without a real backend,
//! listed as soon as they are queued, with their codes opened.

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
    let courier = state.courier();
    let messages = state
        .store()
        .recent_messages(&courier.dev_outbox_channels(), 50)
        .await?;
    Ok(Json(
        messages
            .into_iter()
            .map(|message| wire::DevOutboxMessage {
                channel: message.channel.0,
                code: courier
                    .open_code(&message)
                    .map(|code| code.expose().to_owned()),
                body: courier
                    .render(&message)
                    .map_or_else(|problem| format!("[{problem}]"), |rendered| rendered.text),
                destination: message.destination,
                employee_id: message.employee_id.into_string(),
                created_at: message.created_at,
            })
            .collect(),
    ))
}
