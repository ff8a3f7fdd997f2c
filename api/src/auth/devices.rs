//! Remember this device: a browser the employee chose to remember on the
//! one-time PIN step carries a random token in its own `__Host-device`
//! cookie; the store keeps its SHA-256 bound to the employee, so a right PIN
//! on that browser completes the sign-in. The cookie names no employee: one
//! browser on a shared PC keeps one token, which each employee who chose it
//! has a row for, and no one else's sign-in skips anything.
//!
//! Only tokens this server minted are kept, and only from the browser family
//! and system they were first seen on (`domain::user_agent::binding`): a
//! planted value, or a token copied into another kind of browser, is a new
//! browser there (a new token, a one-time PIN, a new-device alert).

use axum::http::HeaderMap;

use crate::domain::{Secret, token};
use crate::extract::cookie;
use crate::store::Store;

/// The remembered device's cookie.
pub const DEVICE_COOKIE: &str = "__Host-device";

/// The length of a token from [`token::new_token`] (32 bytes, base64url).
const TOKEN_LENGTH: usize = 43;

/// The token the browser carries, if it is one the API could have made.
pub fn presented_device(headers: &HeaderMap) -> Option<Secret> {
    cookie(headers, DEVICE_COOKIE)
        .filter(|value| {
            value.len() == TOKEN_LENGTH
                && value
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
        })
        .map(Secret::new)
}

/// The hash of the presented token, the key of its rows.
pub fn presented_device_hash(headers: &HeaderMap) -> Option<Vec<u8>> {
    presented_device(headers).map(|secret| token::hash(&secret))
}

/// The token to know this browser by: the one it carries, when this server
/// minted it and it comes from the kind of browser it was seen on (so
/// employees sharing a PC keep theirs), or else a new one.
pub async fn device_token(
    store: &Store,
    headers: &HeaderMap,
    binding: &str,
) -> Result<Secret, sqlx::Error> {
    if let Some(presented) = presented_device(headers)
        && store
            .is_minted_device(&token::hash(&presented), binding)
            .await?
    {
        return Ok(presented);
    }
    Ok(token::new_token())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            format!("{DEVICE_COOKIE}={value}").parse().unwrap(),
        );
        headers
    }

    #[test]
    fn only_a_token_the_api_could_have_made_is_read() {
        let made = token::new_token();
        let read = presented_device(&with_cookie(made.expose())).unwrap();
        assert_eq!(read.expose(), made.expose());
        for odd in [
            "",
            "short",
            "not base64 at all, but 43 characters long!!",
            &"a".repeat(44),
        ] {
            assert!(presented_device(&with_cookie(odd)).is_none(), "{odd:?}");
        }
    }
}
