//! The one typed client of the auth API. Pages reach it through context as
//! [`Api`], so browser tests can script its answers (a 3-second lockout, an
//! expired code) without a server. Every non-2xx answer is decoded here, once,
//! into the contract's error body.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gloo_net::http::{Request, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use upsers_contract as wire;

pub type ApiFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API answered with its error body.
    Server(wire::ErrorBody),
    /// No answer: offline, DNS, a proxy dropping the connection.
    Network,
}

impl ApiError {
    pub fn code(&self) -> Option<wire::ErrorCode> {
        match self {
            ApiError::Server(body) => Some(body.code),
            ApiError::Network => None,
        }
    }
}

/// Everything the SPA asks the API.
pub trait AuthApi: Send + Sync {
    fn policy(&self) -> ApiFuture<wire::Policy>;
    fn support(&self) -> ApiFuture<wire::SupportContact>;
    fn login(&self, request: wire::LoginRequest) -> ApiFuture<wire::LoginStarted>;
    fn send_code(&self, flow_id: String, channel: wire::Channel) -> ApiFuture<wire::CodeSent>;
    fn verify_code(&self, flow_id: String, code: String) -> ApiFuture<wire::SessionInfo>;
    fn session(&self) -> ApiFuture<wire::SessionInfo>;
    fn refresh_session(&self) -> ApiFuture<wire::SessionInfo>;
    fn logout(&self) -> ApiFuture<()>;
    fn home(&self) -> ApiFuture<wire::HomeHub>;
    fn start_recovery(&self, employee_id: String) -> ApiFuture<wire::RecoveryStarted>;
    fn send_recovery_code(
        &self,
        flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::RecoveryCodeSent>;
    fn verify_recovery_code(
        &self,
        flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RecoveryVerified>;
    fn recovery_questions(&self, flow_id: String) -> ApiFuture<wire::RecoveryQuestions>;
    fn answer_questions(
        &self,
        flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RecoveryVerified>;
    fn set_new_pin(&self, flow_id: String, new_pin: String) -> ApiFuture<wire::PinChanged>;
    fn check_pin(&self, request: wire::PinCheckRequest) -> ApiFuture<wire::PinFeedback>;
    fn start_registration(
        &self,
        request: wire::RegistrationRequest,
    ) -> ApiFuture<wire::RegistrationProgress>;
    fn set_contact(
        &self,
        flow_id: String,
        contact: wire::ContactRequest,
    ) -> ApiFuture<wire::RegistrationProgress>;
    fn send_registration_code(
        &self,
        flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::CodeSent>;
    fn verify_registration_code(
        &self,
        flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RegistrationProgress>;
    fn question_catalogue(&self, flow_id: String) -> ApiFuture<wire::QuestionCatalogue>;
    fn choose_questions(
        &self,
        flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RegistrationProgress>;
    fn complete_registration(
        &self,
        flow_id: String,
        new_pin: String,
    ) -> ApiFuture<wire::PinChanged>;
}

/// The client in context.
#[derive(Clone)]
pub struct Api(pub Arc<dyn AuthApi>);

impl std::ops::Deref for Api {
    type Target = dyn AuthApi;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

pub fn provide_api(api: Arc<dyn AuthApi>) {
    provide_context(Api(api));
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

/// The real client: same-origin fetches to `/api/v1`.
pub struct HttpApi;

const BASE: &str = "/api/v1";

impl AuthApi for HttpApi {
    fn policy(&self) -> ApiFuture<wire::Policy> {
        Box::pin(get(format!("{BASE}/policy")))
    }

    fn support(&self) -> ApiFuture<wire::SupportContact> {
        Box::pin(get(format!("{BASE}/support")))
    }

    fn login(&self, request: wire::LoginRequest) -> ApiFuture<wire::LoginStarted> {
        Box::pin(post(format!("{BASE}/login"), request))
    }

    fn send_code(&self, flow_id: String, channel: wire::Channel) -> ApiFuture<wire::CodeSent> {
        Box::pin(post(
            format!("{BASE}/login/{flow_id}/send"),
            wire::SendCodeRequest { channel },
        ))
    }

    fn verify_code(&self, flow_id: String, code: String) -> ApiFuture<wire::SessionInfo> {
        Box::pin(post(
            format!("{BASE}/login/{flow_id}/verify"),
            wire::VerifyCodeRequest { code },
        ))
    }

    fn session(&self) -> ApiFuture<wire::SessionInfo> {
        Box::pin(get(format!("{BASE}/session")))
    }

    fn refresh_session(&self) -> ApiFuture<wire::SessionInfo> {
        Box::pin(post_empty(format!("{BASE}/session/refresh")))
    }

    fn logout(&self) -> ApiFuture<()> {
        Box::pin(async {
            let response = Request::post(&format!("{BASE}/logout"))
                .send()
                .await
                .map_err(|_| ApiError::Network)?;
            if response.ok() {
                Ok(())
            } else {
                Err(error_of(response).await)
            }
        })
    }

    fn home(&self) -> ApiFuture<wire::HomeHub> {
        Box::pin(get(format!("{BASE}/home")))
    }

    fn start_recovery(&self, employee_id: String) -> ApiFuture<wire::RecoveryStarted> {
        Box::pin(post(
            format!("{BASE}/recovery"),
            wire::RecoveryRequest { employee_id },
        ))
    }

    fn send_recovery_code(
        &self,
        flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::RecoveryCodeSent> {
        Box::pin(post(
            format!("{BASE}/recovery/{flow_id}/send"),
            wire::SendCodeRequest { channel },
        ))
    }

    fn verify_recovery_code(
        &self,
        flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RecoveryVerified> {
        Box::pin(post(
            format!("{BASE}/recovery/{flow_id}/verify"),
            wire::VerifyCodeRequest { code },
        ))
    }

    fn recovery_questions(&self, flow_id: String) -> ApiFuture<wire::RecoveryQuestions> {
        Box::pin(get(format!("{BASE}/recovery/{flow_id}/questions")))
    }

    fn answer_questions(
        &self,
        flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RecoveryVerified> {
        Box::pin(post(
            format!("{BASE}/recovery/{flow_id}/answers"),
            wire::AnswersRequest { answers },
        ))
    }

    fn set_new_pin(&self, flow_id: String, new_pin: String) -> ApiFuture<wire::PinChanged> {
        Box::pin(post(
            format!("{BASE}/recovery/{flow_id}/pin"),
            wire::NewPinRequest { new_pin },
        ))
    }

    fn check_pin(&self, request: wire::PinCheckRequest) -> ApiFuture<wire::PinFeedback> {
        Box::pin(post(format!("{BASE}/pin/check"), request))
    }

    fn start_registration(
        &self,
        request: wire::RegistrationRequest,
    ) -> ApiFuture<wire::RegistrationProgress> {
        Box::pin(post(format!("{BASE}/registration"), request))
    }

    fn set_contact(
        &self,
        flow_id: String,
        contact: wire::ContactRequest,
    ) -> ApiFuture<wire::RegistrationProgress> {
        Box::pin(post(
            format!("{BASE}/registration/{flow_id}/contact"),
            contact,
        ))
    }

    fn send_registration_code(
        &self,
        flow_id: String,
        channel: wire::Channel,
    ) -> ApiFuture<wire::CodeSent> {
        Box::pin(post(
            format!("{BASE}/registration/{flow_id}/send"),
            wire::SendCodeRequest { channel },
        ))
    }

    fn verify_registration_code(
        &self,
        flow_id: String,
        code: String,
    ) -> ApiFuture<wire::RegistrationProgress> {
        Box::pin(post(
            format!("{BASE}/registration/{flow_id}/verify"),
            wire::VerifyCodeRequest { code },
        ))
    }

    fn question_catalogue(&self, flow_id: String) -> ApiFuture<wire::QuestionCatalogue> {
        Box::pin(get(format!("{BASE}/registration/{flow_id}/questions")))
    }

    fn choose_questions(
        &self,
        flow_id: String,
        answers: Vec<wire::Answer>,
    ) -> ApiFuture<wire::RegistrationProgress> {
        Box::pin(post(
            format!("{BASE}/registration/{flow_id}/questions"),
            wire::AnswersRequest { answers },
        ))
    }

    fn complete_registration(
        &self,
        flow_id: String,
        new_pin: String,
    ) -> ApiFuture<wire::PinChanged> {
        Box::pin(post(
            format!("{BASE}/registration/{flow_id}/pin"),
            wire::NewPinRequest { new_pin },
        ))
    }
}

/// The language the page is in (the i18n module keeps `<html lang>` current),
/// so the API writes the one-time PINs and notices this request causes in it.
fn page_language() -> String {
    document()
        .document_element()
        .map(|root| root.get_attribute("lang").unwrap_or_default())
        .filter(|lang| !lang.is_empty())
        .unwrap_or_else(|| "en".to_owned())
}

async fn get<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    decode(
        Request::get(&url)
            .header("Accept-Language", &page_language())
            .send()
            .await
            .map_err(|_| ApiError::Network)?,
    )
    .await
}

async fn post<T: DeserializeOwned>(
    url: String,
    body: impl serde::Serialize,
) -> Result<T, ApiError> {
    let request = Request::post(&url)
        .header("Accept-Language", &page_language())
        .json(&body)
        .map_err(|_| ApiError::Network)?;
    decode(request.send().await.map_err(|_| ApiError::Network)?).await
}

async fn post_empty<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    decode(
        Request::post(&url)
            .header("Accept-Language", &page_language())
            .send()
            .await
            .map_err(|_| ApiError::Network)?,
    )
    .await
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Network)
    } else {
        Err(error_of(response).await)
    }
}

/// The one place a failed answer becomes an [`ApiError`]: an answer without the
/// error body (a proxy's 502 page, say) still gets a code the pages understand.
async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<wire::ErrorBody>().await {
        Ok(body) => ApiError::Server(body),
        Err(_) => ApiError::Server(wire::ErrorBody::new(
            if status == 503 {
                wire::ErrorCode::Unavailable
            } else {
                wire::ErrorCode::Internal
            },
            format!("HTTP {status}"),
            0,
        )),
    }
}
