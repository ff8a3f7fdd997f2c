//! Text messages through an HTTP gateway: `POST` of `{"to", "text"}` as JSON
//! with a bearer token. 2xx is sent; other 4xx answers are permanent (the
//! gateway refuses this message), except 408 and 429, which say "later", as
//! 5xx answers and timeouts do. Each message carries an `Idempotency-Key`
//! (its outbox id), so a gateway that honours it can drop the duplicate a
//! worker crash between sending and recording may cause.

use std::time::Duration;

use anyhow::Context;
use reqwest::StatusCode;

use super::Delivery;
use crate::domain::Secret;

pub struct Gateway {
    client: reqwest::Client,
    url: String,
    token: Secret,
}

impl Gateway {
    pub fn new(url: &str, token: &Secret, timeout: Duration) -> anyhow::Result<Gateway> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("building the SMS gateway's HTTP client")?;
        Ok(Gateway {
            client,
            url: url.to_owned(),
            token: token.clone(),
        })
    }

    pub async fn send(&self, message_id: i64, to: &str, text: &str) -> Delivery {
        let answer = self
            .client
            .post(&self.url)
            .bearer_auth(self.token.expose())
            .header("Idempotency-Key", format!("upsers-outbox-{message_id}"))
            .json(&serde_json::json!({ "to": to, "text": text }))
            .send()
            .await;
        match answer {
            Ok(response) => judge(response.status()),
            Err(error) if error.is_timeout() => {
                Delivery::Retry("SMS gateway: no answer in time".to_owned())
            }
            Err(error) if error.is_connect() => {
                Delivery::Retry("SMS gateway: could not connect".to_owned())
            }
            Err(error) => Delivery::Retry(format!("SMS gateway: {}", error.without_url())),
        }
    }
}

fn judge(status: StatusCode) -> Delivery {
    if status.is_success() {
        Delivery::Sent
    } else if status == StatusCode::REQUEST_TIMEOUT || status == StatusCode::TOO_MANY_REQUESTS {
        Delivery::Retry(format!("SMS gateway answered {status}"))
    } else if status.is_client_error() || status.is_redirection() {
        Delivery::Failed(format!("SMS gateway refused the message: {status}"))
    } else {
        Delivery::Retry(format!("SMS gateway answered {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_judged_by_status() {
        assert_eq!(judge(StatusCode::OK), Delivery::Sent);
        assert_eq!(judge(StatusCode::ACCEPTED), Delivery::Sent);
        assert!(matches!(
            judge(StatusCode::BAD_REQUEST),
            Delivery::Failed(_)
        ));
        assert!(matches!(
            judge(StatusCode::UNAUTHORIZED),
            Delivery::Failed(_)
        ));
        assert!(matches!(
            judge(StatusCode::MOVED_PERMANENTLY),
            Delivery::Failed(_)
        ));
        assert!(matches!(
            judge(StatusCode::TOO_MANY_REQUESTS),
            Delivery::Retry(_)
        ));
        assert!(matches!(
            judge(StatusCode::REQUEST_TIMEOUT),
            Delivery::Retry(_)
        ));
        assert!(matches!(
            judge(StatusCode::SERVICE_UNAVAILABLE),
            Delivery::Retry(_)
        ));
        assert!(matches!(
            judge(StatusCode::INTERNAL_SERVER_ERROR),
            Delivery::Retry(_)
        ));
    }
}
