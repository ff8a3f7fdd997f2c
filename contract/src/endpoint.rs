//! Every endpoint of the auth API, defined once: its method, its route, what
//! it takes and what it answers. The API mounts each handler by its
//! endpoint's route, the SPA calls `api.call::<E>(…)`, and a test checks that
//! every endpoint here is mounted and documented, so the two ends cannot drift
//! apart on a path or a body.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{
    AccountContacts, AccountPasskeys, AccountQuestions, ActiveSessions, ActivityBefore,
    ActivityPage, AnswersRequest, ChangePinRequest, CodeSent, ContactRequest, DeskActionDone,
    DeskActionRequest, DeskCard, DeskCodeSent, DeskEmployee, DeskReadBack, DeskSearchRequest,
    DeskSearchResult, DeskVerifyRequest, EndSessionRequest, ForgetDeviceRequest, HomeHub,
    LockQuery, LockState, LoginRequest, LoginStarted, NewContactRequest, NewPasskeyRequest,
    NewPinRequest, PasskeyAnswer, PasskeyChallenge, PinChanged, PinCheckRequest, PinFeedback,
    Policy, QuestionCatalogue, RecoveryCodeSent, RecoveryLinkRequest, RecoveryLinked,
    RecoveryQuestions, RecoveryRequest, RecoveryStarted, RecoveryVerified, RegistrationProgress,
    RegistrationRequest, RememberedDevices, RemoveContactRequest, RemovePasskeyRequest,
    RenamePasskeyRequest, ReportSignInRequest, SendCodeRequest, SessionInfo, SessionsEnded,
    SignInReported, StepUpPinRequest, StepUpState, SupportContact, VerifyCodeRequest,
};

/// Where every endpoint below lives.
pub const API_BASE: &str = "/api/v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One endpoint of the API.
pub trait Endpoint {
    const METHOD: Method;
    /// The route under [`API_BASE`], in axum's syntax: `{flow}` stands for
    /// the flow's id.
    const ROUTE: &'static str;
    /// What fills the route's parameters: `()`, [`FlowId`], or a query
    /// such as [`crate::ActivityBefore`].
    type Path: PathParams;
    /// The JSON body; `()` for none.
    type Request: Serialize + DeserializeOwned;
    /// The JSON answer on success; `()` for none (204).
    type Response: Serialize + DeserializeOwned + 'static;
}

/// The values of a route's parameters.
pub trait PathParams {
    /// `route` with its parameters filled in.
    fn fill(&self, route: &str) -> String;
}

impl PathParams for () {
    fn fill(&self, route: &str) -> String {
        route.to_owned()
    }
}

/// The id of a sign-in, recovery or registration flow, as the API gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowId(pub String);

impl PathParams for FlowId {
    fn fill(&self, route: &str) -> String {
        route.replace("{flow}", &self.0)
    }
}

/// The full path of `E` for `params`, such as `/api/v1/login/abc/send`.
pub fn path_of<E: Endpoint>(params: &E::Path) -> String {
    format!("{API_BASE}{}", params.fill(E::ROUTE))
}

macro_rules! endpoints {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $method:ident $route:literal, $path:ty, $request:ty => $response:ty;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl Endpoint for $name {
                const METHOD: Method = Method::$method;
                const ROUTE: &'static str = $route;
                type Path = $path;
                type Request = $request;
                type Response = $response;
            }
        )*

        /// Every endpoint's method and route, for the tests that check each is
        /// mounted and documented.
        pub const ALL: &[(Method, &str)] = &[$((Method::$method, $route)),*];
    };
}

endpoints! {
    /// The policy the API enforces (lengths, lockout, session times).
    GetPolicy: Get "/policy", (), () => Policy;
    /// The Technical Support Center, as configured.
    GetSupport: Get "/support", (), () => SupportContact;
    /// Employee ID + PIN: opens a sign-in flow.
    Login: Post "/login", (), LoginRequest => LoginStarted;
    /// Whether an Employee ID is locked now (takes no attempt).
    GetLock: Post "/login/lock", (), LockQuery => LockState;
    /// A sign-in one-time PIN by text or email.
    SendLoginCode: Post "/login/{flow}/send", FlowId, SendCodeRequest => CodeSent;
    /// The sign-in one-time PIN: opens a session.
    VerifyLoginCode: Post "/login/{flow}/verify", FlowId, VerifyCodeRequest => SessionInfo;
    /// A passkey as the second step after the PIN: the challenge.
    StartPasskeyStep: Post "/login/{flow}/passkey/options", FlowId, () => PasskeyChallenge;
    /// The passkey's answer: opens a session.
    FinishPasskeyStep: Post "/login/{flow}/passkey", FlowId, PasskeyAnswer => SessionInfo;
    /// Sign in with a passkey (no Employee ID or PIN): the challenge.
    StartPasskeySignIn: Post "/login/passkey/options", (), () => PasskeyChallenge;
    /// The passkey's answer: opens a session.
    FinishPasskeySignIn: Post "/login/passkey", (), PasskeyAnswer => SessionInfo;
    /// The current session.
    GetSession: Get "/session", (), () => SessionInfo;
    /// Keeps the session alive ("Stay signed in").
    RefreshSession: Post "/session/refresh", (), () => SessionInfo;
    /// Ends the session on the server.
    Logout: Post "/logout", (), () => ();
    /// The home hub.
    GetHome: Get "/home", (), () => HomeHub;
    /// Opens a PIN reset for any well-formed Employee ID.
    StartRecovery: Post "/recovery", (), RecoveryRequest => RecoveryStarted;
    /// A reset one-time PIN by text or email.
    SendRecoveryCode: Post "/recovery/{flow}/send", FlowId, SendCodeRequest => RecoveryCodeSent;
    /// The reset one-time PIN.
    VerifyRecoveryCode: Post "/recovery/{flow}/verify", FlowId, VerifyCodeRequest => RecoveryVerified;
    /// The challenge questions of a reset.
    GetRecoveryQuestions: Get "/recovery/{flow}/questions", FlowId, () => RecoveryQuestions;
    /// Answers to the challenge questions.
    AnswerRecoveryQuestions: Post "/recovery/{flow}/answers", FlowId, AnswersRequest => RecoveryVerified;
    /// The new PIN that ends a reset.
    SetRecoveryPin: Post "/recovery/{flow}/pin", FlowId, NewPinRequest => PinChanged;
    /// A PIN-reset link from Technical Support: a reset at the new-PIN step.
    OpenRecoveryLink: Post "/recovery/link", (), RecoveryLinkRequest => RecoveryLinked;
    /// "This wasn't me": the link of a new-device alert, confirmed.
    ReportSignIn: Post "/sign-in-reports", (), ReportSignInRequest => SignInReported;
    /// A signed-in employee's new PIN, with the current one as the step-up.
    ChangePin: Post "/account/pin", (), ChangePinRequest => PinChanged;
    /// The signed-in employee's live sessions (reading them is not activity).
    GetSessions: Get "/account/sessions", (), () => ActiveSessions;
    /// Ends one of the employee's other sessions.
    EndSession: Post "/account/sessions/end", (), EndSessionRequest => SessionsEnded;
    /// Ends every session of the employee but this one.
    EndOtherSessions: Post "/account/sessions/end-others", (), () => SessionsEnded;
    /// The employee's remembered devices.
    ListRememberedDevices: Get "/account/devices", (), () => RememberedDevices;
    /// Forgets one remembered device: it asks for a one-time PIN again.
    ForgetDevice: Post "/account/devices/forget", (), ForgetDeviceRequest => RememberedDevices;
    /// Whether a change needs a step-up now, and where its code can go.
    GetStepUp: Get "/account/step-up", (), () => StepUpState;
    /// A step-up with the current PIN (counted toward the lockout).
    StepUpWithPin: Post "/account/step-up/pin", (), StepUpPinRequest => StepUpState;
    /// A step-up one-time PIN to a verified channel.
    SendStepUpCode: Post "/account/step-up/send", (), SendCodeRequest => CodeSent;
    /// The step-up one-time PIN.
    VerifyStepUpCode: Post "/account/step-up/{flow}/verify", FlowId, VerifyCodeRequest => StepUpState;
    /// The employee's verified contact details, masked.
    GetContacts: Get "/account/contacts", (), () => AccountContacts;
    /// A new contact detail: a one-time PIN goes to it (after a step-up).
    AddContact: Post "/account/contacts", (), NewContactRequest => CodeSent;
    /// The new contact's one-time PIN: it replaces the old one.
    VerifyContact: Post "/account/contacts/{flow}/verify", FlowId, VerifyCodeRequest => AccountContacts;
    /// Removes a contact detail (never the last verified one; after a step-up).
    RemoveContact: Post "/account/contacts/remove", (), RemoveContactRequest => AccountContacts;
    /// The question catalogue and which questions the employee answered.
    GetAccountQuestions: Get "/account/questions", (), () => AccountQuestions;
    /// Three new challenge questions and answers (after a step-up).
    ChangeQuestions: Post "/account/questions", (), AnswersRequest => AccountQuestions;
    /// The desk (support agents only): an employee by ID, email or mobile.
    DeskSearch: Post "/desk/search", (), DeskSearchRequest => DeskSearchResult;
    /// The desk: a one-time PIN to the employee's verified channel.
    DeskSendVerification: Post "/desk/verification/send", (), DeskVerifyRequest => DeskCodeSent;
    /// The desk: the code the caller read back; verified for 15 minutes.
    DeskCheckVerification: Post "/desk/verification/check", (), DeskReadBack => DeskCard;
    /// The desk: the call is over, and the verification with it.
    DeskEndVerification: Post "/desk/verification/end", (), DeskEmployee => DeskCard;
    /// The desk: an action on the account (after verification).
    DeskAct: Post "/desk/actions", (), DeskActionRequest => DeskActionDone;
    /// The employee's recent activity, a page at a time.
    GetActivity: Get "/account/activity", ActivityBefore, () => ActivityPage;
    /// The employee's passkeys.
    GetPasskeys: Get "/account/passkeys", (), () => AccountPasskeys;
    /// A passkey registration's challenge (after a step-up).
    StartPasskeyRegistration: Post "/account/passkeys/options", (), () => PasskeyChallenge;
    /// The new passkey: every verified channel hears of it.
    AddPasskey: Post "/account/passkeys", (), NewPasskeyRequest => AccountPasskeys;
    /// A passkey's new name.
    RenamePasskey: Post "/account/passkeys/rename", (), RenamePasskeyRequest => AccountPasskeys;
    /// A passkey removed: every verified channel hears of it.
    RemovePasskey: Post "/account/passkeys/remove", (), RemovePasskeyRequest => AccountPasskeys;
    /// Live verdicts on a PIN being chosen.
    CheckPin: Post "/pin/check", (), PinCheckRequest => PinFeedback;
    /// Employee ID + HR registration code: opens a registration.
    StartRegistration: Post "/registration", (), RegistrationRequest => RegistrationProgress;
    /// The mobile number and email address of a registration.
    SetRegistrationContact: Post "/registration/{flow}/contact", FlowId, ContactRequest => RegistrationProgress;
    /// A registration one-time PIN to a contact being verified.
    SendRegistrationCode: Post "/registration/{flow}/send", FlowId, SendCodeRequest => CodeSent;
    /// The registration one-time PIN.
    VerifyRegistrationCode: Post "/registration/{flow}/verify", FlowId, VerifyCodeRequest => RegistrationProgress;
    /// The catalogue of challenge questions to choose from.
    GetQuestionCatalogue: Get "/registration/{flow}/questions", FlowId, () => QuestionCatalogue;
    /// The chosen challenge questions and their answers.
    ChooseQuestions: Post "/registration/{flow}/questions", FlowId, AnswersRequest => RegistrationProgress;
    /// The first PIN, which ends a registration.
    SetRegistrationPin: Post "/registration/{flow}/pin", FlowId, NewPinRequest => PinChanged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_route_is_filled_with_the_flow_id() {
        assert_eq!(
            path_of::<SendLoginCode>(&FlowId("f1".into())),
            "/api/v1/login/f1/send"
        );
        assert_eq!(path_of::<Login>(&()), "/api/v1/login");
    }

    #[test]
    fn no_two_endpoints_share_a_method_and_route() {
        for (n, endpoint) in ALL.iter().enumerate() {
            assert!(!ALL[n + 1..].contains(endpoint), "{endpoint:?} twice");
        }
    }
}
