//! Remembered devices: the browsers that skip the one-time PIN after a right
//! PIN (`auth::devices`), listed by a public id with the browser and system
//! they were remembered from, and forgotten one at a time. Forgetting asks
//! for nothing, like ending a session: it only protects.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use upsers_contract as wire;

use crate::auth::SignedIn;
use crate::auth::devices::presented_device_hash;
use crate::domain::user_agent;
use crate::error::ApiError;
use crate::extract::{ApiJson, ClientAddress};
use crate::state::AppState;
use crate::store::{AuditKind, DeviceRecord};

/// Longer than any id the API hands out; anything longer is not one.
const MAX_DEVICE_ID: usize = 64;

#[utoipa::path(get, path = "/api/v1/account/devices", tag = "account", responses((status = 200, description = "The employee's remembered devices, the last used first; `this_device` marks the browser asking", body = wire::RememberedDevices), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    signed_in: SignedIn,
) -> Result<Json<wire::RememberedDevices>, ApiError> {
    let id = signed_in.session.employee_id.as_str();
    Ok(Json(listed(&state, &headers, id).await?))
}

#[utoipa::path(post, path = "/api/v1/account/devices/forget", tag = "account", request_body = wire::ForgetDeviceRequest, responses((status = 200, description = "The device is forgotten (or was already): the list as it is now", body = wire::RememberedDevices), (status = 401, description = "`unauthenticated`", body = wire::ErrorBody), (status = 422, description = "`invalid_input`: no device id", body = wire::ErrorBody)))]
pub(crate) async fn forget(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<wire::ForgetDeviceRequest>,
) -> Result<Json<wire::RememberedDevices>, ApiError> {
    let device_id = request.device_id.trim();
    if device_id.is_empty() || device_id.chars().count() > MAX_DEVICE_ID {
        return Err(ApiError::invalid_field("device_id", "Choose a device."));
    }
    let store = state.store();
    let id = signed_in.session.employee_id.as_str();
    if store.forget_device(id, device_id).await? {
        store
            .audit(
                AuditKind::DeviceForgotten,
                Some(id),
                &address,
                None,
                state.now(),
            )
            .await?;
    }
    Ok(Json(listed(&state, &headers, id).await?))
}

async fn listed(
    state: &AppState,
    headers: &HeaderMap,
    employee_id: &str,
) -> Result<wire::RememberedDevices, ApiError> {
    let now = state.now();
    let this = presented_device_hash(headers);
    let devices = state.store().remembered_devices(employee_id, now).await?;
    Ok(wire::RememberedDevices {
        devices: devices
            .into_iter()
            .map(|device| describe(device, this.as_deref()))
            .collect(),
        server_time: now,
    })
}

fn describe(device: DeviceRecord, this: Option<&[u8]>) -> wire::RememberedDevice {
    let browser = user_agent::describe(device.user_agent.as_deref());
    wire::RememberedDevice {
        this_device: this == Some(device.token_hash.as_slice()),
        id: device.public_id,
        browser: browser.browser,
        os: browser.os,
        address: device.client_address,
        remembered_at: device.created_at,
        last_used_at: device.last_used_at,
        expires_at: device.expires_at,
    }
}
