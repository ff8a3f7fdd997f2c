//! The wire contract between the UPSers SPA and its auth API.
//!
//! Both sides compile these types, so a renamed field or a new error code is a
//! compile error on both ends instead of a silent mismatch at run time. Only
//! serde lives here: no leptos, axum or sqlx.

mod account;
mod account_changes;
mod auth;
pub mod contact;
mod desk;
mod devices;
pub mod endpoint;
mod error;
mod passkeys;
mod policy;
mod recovery;
mod registration;

pub use account::{
    ActiveSession, ActiveSessions, ActivityBefore, ActivityEvent, ActivityKind, ActivityPage,
    ChangePinRequest, EndSessionRequest, SessionsEnded,
};
pub use account_changes::{
    AccountContacts, AccountQuestions, NewContactRequest, RemoveContactRequest, StepUpPinRequest,
    StepUpState,
};
pub use auth::{
    Channel, ChannelOption, CodeSent, DevOutboxMessage, HomeHub, Localized, LockQuery, LockState,
    LoginRequest, LoginStarted, SendCodeRequest, SessionInfo, SettlingChannel, Tile,
    VerifyCodeRequest,
};
pub use desk::{
    DeskAction, DeskActionDone, DeskActionRequest, DeskCard, DeskCodeSent, DeskEmployee, DeskEvent,
    DeskReadBack, DeskSearchRequest, DeskSearchResult, DeskVerifyRequest,
};
pub use devices::{
    ForgetDeviceRequest, RememberedDevice, RememberedDevices, ReportSignInRequest, SignInReported,
};
pub use error::{ErrorBody, ErrorCode, PIN_RESET_FIELD, STEP_UP_FIELD};
pub use passkeys::{
    AccountPasskey, AccountPasskeys, NewPasskeyRequest, PASSKEY_FIELD, PASSKEY_NAME_MAX,
    PASSKEY_NAME_PUNCTUATION, PasskeyAnswer, PasskeyChallenge, RemovePasskeyRequest,
    RenamePasskeyRequest, passkey_name_fits,
};
pub use policy::{EmployeeIdPolicy, LockoutPolicy, OtpPolicy, PinPolicy, Policy, SessionPolicy};
pub use recovery::{
    Answer, AnswersRequest, NewPinRequest, PinChanged, PinCheckRequest, PinFeedback, PinProblem,
    Question, RecoveryCodeSent, RecoveryLinkRequest, RecoveryLinked, RecoveryMethod,
    RecoveryQuestions, RecoveryRequest, RecoveryStarted, RecoveryVerified,
};
pub use registration::{
    ContactRequest, QuestionCatalogue, RegistrationProgress, RegistrationRequest,
};

/// `GET /api/v1/support`: the Technical Support Center, as configured.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportContact {
    /// E.164, for a `tel:` link.
    pub phone: String,
    /// Opening hours, as the operator wrote them, in each language.
    pub hours: Localized,
    pub email: String,
    /// An https:// address.
    pub web_url: String,
    pub server_time: i64,
}

/// Liveness and readiness answers of `/healthz` and `/readyz`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` for liveness, `ready` when the store answers.
    pub status: String,
}
