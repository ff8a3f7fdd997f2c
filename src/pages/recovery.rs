//! `/forgot`: Forgot your PIN. Employee ID → the reset-choice page (the methods
//! the API offers) → a one-time PIN by text or email, or the challenge
//! questions → a new PIN → done.
//!
//! The flow and its step live in sessionStorage, so a reload resumes where the
//! employee was; when the API says the flow is over, the page says so and
//! starts again from the Employee ID, which it keeps.

mod new_pin;
mod questions;
mod report;

use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use crate::api::{Api, ApiError, use_api};
use crate::components::{
    Alert, ContextHelp, EmployeeIdField, ProblemAlert, SentCode, Tone, code_sent, deadline_in,
    use_countdown, use_page_title,
};
use crate::dom::{focus, focus_after_render, focus_and_select};
use crate::failures::{Problem, code_failure, general_problem, is_flow_over};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::policy::use_policy;
use crate::routes::{HelpTopic, Page};
use crate::storage::{self, StoredFlow};
use crate::validation::employee_id_problem;

use new_pin::NewPinStep;
use questions::QuestionsStep;
use report::Fragment;

/// Where the employee is in the reset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Choose,
    Code {
        channel: wire::Channel,
        expires_in_secs: u64,
        /// Browser-clock milliseconds when `Resend code` may be used.
        resend_at: f64,
    },
    Questions {
        questions: Vec<wire::Question>,
    },
    NewPin,
}

/// A reset in progress, as this tab keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reset {
    pub flow_id: String,
    pub employee_id: String,
    pub methods: Vec<wire::RecoveryMethod>,
    pub step: Step,
    /// Browser-clock milliseconds when the server ends the flow.
    pub deadline: f64,
}

impl storage::Expiring for Reset {
    fn deadline(&self) -> f64 {
        self.deadline
    }
}

impl Step {
    fn heading(&self) -> Msg {
        match self {
            Step::Choose => Msg::ResetHeading,
            Step::Code { .. } => Msg::ResetCodeHeading,
            Step::Questions { .. } => Msg::QuestionsHeading,
            Step::NewPin => Msg::NewPinHeading,
        }
    }
}

/// The page's state and the moves between steps, shared with the step views:
/// the Employee ID form while there is no reset, then its steps, then the end.
#[derive(Clone, Copy)]
pub struct ResetFlow {
    reset: StoredFlow<Reset>,
    /// The new PIN is set: the page says so and offers to sign in.
    done: RwSignal<bool>,
    /// The Employee ID typed or carried over, kept when a flow restarts.
    employee_id: RwSignal<String>,
    /// Said above the Employee ID form (an expired reset, a report).
    notice: RwSignal<Option<Msg>>,
    /// The token of a "This wasn't me" link still to confirm.
    report: RwSignal<Option<String>>,
    /// After a report: challenge questions cannot reset this PIN, so only
    /// the one-time PIN methods are offered.
    codes_only: RwSignal<bool>,
}

impl ResetFlow {
    /// The reset in progress (untracked), when there is one.
    pub fn current(self) -> Option<Reset> {
        self.reset.get_untracked()
    }

    /// The reset's flow id (untracked), empty when there is none.
    pub fn flow_id(self) -> String {
        self.current()
            .map(|reset| reset.flow_id)
            .unwrap_or_default()
    }

    fn start(self, reset: Reset) {
        self.notice.set(None);
        self.employee_id.set(reset.employee_id.clone());
        self.reset.set(reset);
        focus_after_render("page-heading");
    }

    pub fn go_to(self, step: Step) {
        self.reset.update(|reset| reset.step = step);
        focus_after_render("page-heading");
    }

    /// The verified flow gets the server's new deadline with the PIN step.
    pub fn verified(self, answer: &wire::RecoveryVerified) {
        self.reset.update(|reset| {
            reset.step = Step::NewPin;
            reset.deadline = deadline_in(answer.expires_in_secs);
        });
        focus_after_render("page-heading");
    }

    /// The PIN is set; the sign-in page opens with the Employee ID.
    pub fn done(self) {
        storage::session_set(storage::CARRIED_ID, &self.employee_id.get_untracked());
        self.reset.clear();
        self.done.set(true);
        focus_after_render("page-heading");
    }

    /// The report link was used (`ReportDone`) or is not valid
    /// (`ReportLinkOver`): the page says so above the Employee ID form, and
    /// the token leaves the address bar and the history entry.
    pub fn reported(self, msg: Msg) {
        self.report.set(None);
        self.notice.set(Some(msg));
        self.codes_only.set(msg == Msg::ReportDone);
        if let Ok(history) = window().history() {
            let path = Page::Forgot.path();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        focus_after_render("page-heading");
    }

    /// The flow is over on the server: say so and start again.
    pub fn restart(self) {
        self.notice.set(Some(Msg::ResetExpired));
        self.reset.clear();
        focus_after_render("page-heading");
    }

    /// The reset was for a mistyped Employee ID: it is dropped here (the
    /// server's ends by itself) and the Employee ID form comes back, empty.
    fn use_another_id(self) {
        self.reset.clear();
        self.notice.set(None);
        self.employee_id.set(String::new());
        focus_after_render("employee-id");
    }

    fn heading(self) -> Msg {
        if self.done.get() {
            return Msg::ResetDoneHeading;
        }
        if self.report.with(Option::is_some) {
            return Msg::ReportHeading;
        }
        self.reset
            .with(|reset| reset.map_or(Msg::ForgotPin, |reset| reset.step.heading()))
    }
}

/// A PIN-reset link from the desk: the API spends it and opens a reset at
/// the new-PIN step; a link that is over says so above the Employee ID form.
/// Either way the token leaves the address bar and the history entry.
fn open_reset_link(flow: ResetFlow, api: Api, token: String) {
    if let Ok(history) = window().history() {
        let path = Page::Forgot.path();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    let call = api.call::<endpoint::OpenRecoveryLink>((), wire::RecoveryLinkRequest { token });
    Pending::new().send(call, move |result| match result {
        Ok(linked) => flow.start(Reset {
            flow_id: linked.flow_id,
            employee_id: linked.employee_id,
            methods: Vec::new(),
            step: Step::NewPin,
            deadline: deadline_in(linked.expires_in_secs),
        }),
        Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Expired => {
            flow.notice.set(Some(Msg::ResetLinkOver))
        }
        Err(error) => flow.notice.set(Some(general_problem(&error).msg)),
    });
}

fn use_reset_flow() -> ResetFlow {
    expect_context::<ResetFlow>()
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let (reset, ended) = storage::use_stored_flow::<Reset>(storage::RESET);
    let carried = storage::session_get::<String>(storage::CARRIED_ID);
    storage::session_remove(storage::CARRIED_ID);
    let remembered = storage::local_get(storage::REMEMBERED_ID);
    // Started from sign-in with another Employee ID: that ID's reset, never
    // the one this tab kept for an earlier ID.
    if let (Some(kept), Some(carried)) = (reset.get_untracked(), carried.as_deref())
        && kept.employee_id != carried
    {
        reset.clear();
    }
    let employee_id = match reset.get_untracked() {
        Some(reset) => Some(reset.employee_id),
        None => carried.or(remembered),
    };
    let fragment = Fragment::parse(&leptos_router::hooks::use_location().hash.get_untracked());
    if matches!(fragment, Some(Fragment::Report(_) | Fragment::Reset(_))) {
        // The link comes first; a reset this tab kept starts again after.
        reset.clear();
    }
    let reported = fragment == Some(Fragment::Reported);
    let notice = if reported {
        Some(Msg::ReportedLocked)
    } else {
        ended.then_some(Msg::ResetExpired)
    };
    let flow = ResetFlow {
        reset,
        done: RwSignal::new(false),
        employee_id: RwSignal::new(employee_id.unwrap_or_default()),
        notice: RwSignal::new(notice),
        report: RwSignal::new(match &fragment {
            Some(Fragment::Report(token)) => Some(token.clone()),
            _ => None,
        }),
        codes_only: RwSignal::new(reported),
    };
    provide_context(flow);
    if let Some(Fragment::Reset(token)) = fragment {
        open_reset_link(flow, use_api(), token);
    }
    let heading = Memo::new(move |_| flow.heading());
    use_page_title(heading);

    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">{move || i18n.t(heading.get())}</h1>
            {move || match (flow.done.get(), flow.reset.get(), flow.report.track()) {
                (true, _, _) => view! {
                    <Alert tone=Tone::Success testid="reset-done">{move || i18n.t(Msg::ResetDoneBody)}</Alert>
                    <p><A href=Page::Login.path() attr:class="button button--primary" attr:data-testid="sign-in-again">
                        {move || i18n.t(Msg::SignInButton)}
                    </A></p>
                }.into_any(),
                (false, None, _) => view! { <IdentifyStep /> }.into_any(),
                (false, Some(reset), _) => {
                    let intro = view! {
                        <div class="reset-for">
                            <p class="hint" data-testid="reset-for">
                                {fill(i18n.t(Msg::ResetFor), &[("id", &reset.employee_id)])}
                            </p>
                            <button type="button" class="button button--secondary" data-testid="use-another-id"
                                on:click=move |_| flow.use_another_id()>
                                {move || i18n.t(Msg::UseAnotherId)}
                            </button>
                        </div>
                    };
                    let step = match reset.step {
                        Step::Choose => {
                            let codes_only = flow.codes_only.get_untracked();
                            let methods = reset
                                .methods
                                .into_iter()
                                .filter(|method| !(codes_only && *method == wire::RecoveryMethod::Questions))
                                .collect::<Vec<_>>();
                            view! { <ChooseStep methods /> }.into_any()
                        }
                        Step::Code { channel, expires_in_secs, resend_at } => {
                            view! { <CodeStep channel expires_in_secs resend_at /> }.into_any()
                        }
                        Step::Questions { questions } => view! { <QuestionsStep questions /> }.into_any(),
                        Step::NewPin => view! { <NewPinStep employee_id=reset.employee_id /> }.into_any(),
                    };
                    view! { {intro} {step} }.into_any()
                }
            }}
            {move || (!flow.done.get()).then(|| view! {
                <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
            })}
            <ContextHelp topic=HelpTopic::ResetPin label=Msg::HelpReset />
        </section>
    }
}

/// The Employee ID, then `POST /recovery`.
#[component]
fn IdentifyStep() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flow = use_reset_flow();
    let submitted = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let policy = use_policy();
    let id_error = move || {
        submitted
            .get()
            .then(|| employee_id_problem(&flow.employee_id.get(), policy.id_digits()))
            .flatten()
    };

    // A "This wasn't me" link to confirm: this form asks for that one
    // confirmation instead of the Employee ID (`report`).
    let reporting = flow.report.with_untracked(Option::is_some);
    let starting = Pending::new();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(token) = flow.report.get_untracked() {
            problem.set(None);
            let request = wire::ReportSignInRequest { token };
            let call = api.call::<endpoint::ReportSignIn>((), request);
            starting.send(call, move |result| match result {
                Ok(_) => flow.reported(Msg::ReportDone),
                // Used, expired or never made: the API does not say which.
                Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Expired => {
                    flow.reported(Msg::ReportLinkOver)
                }
                Err(error) => problem.set(Some(general_problem(&error))),
            });
            return;
        }
        submitted.set(true);
        if employee_id_problem(&flow.employee_id.get_untracked(), policy.id_digits()).is_some() {
            focus("employee-id");
            return;
        }
        problem.set(None);
        let request = wire::RecoveryRequest {
            employee_id: flow.employee_id.get_untracked().trim().to_owned(),
        };
        let call = api.call::<endpoint::StartRecovery>((), request);
        starting.send(call, move |result| match result {
            Ok(started) => flow.start(Reset {
                flow_id: started.flow_id,
                employee_id: started.employee_id,
                methods: started.methods,
                step: Step::Choose,
                deadline: deadline_in(started.expires_in_secs),
            }),
            Err(error) => problem.set(Some(general_problem(&error))),
        });
    };

    view! {
        {move || flow.notice.get().map(|msg| view! {
            <Alert tone=Tone::Info testid="reset-notice">{move || i18n.t(msg)}</Alert>
        })}
        <ProblemAlert problem=problem.into() testid="reset-error" />
        <p>{move || i18n.t(if reporting { Msg::ReportIntro } else { Msg::ForgotIntro })}</p>
        <form class="form" novalidate on:submit=on_submit>
            {(!reporting).then(|| view! { <EmployeeIdField value=flow.employee_id error=Signal::derive(id_error) /> })}
            <button type="submit" class="button button--primary" disabled=move || starting.get()
                data-testid={if reporting { "secure-account" } else { "continue" }}>
                {move || i18n.t(if reporting { Msg::ReportButton } else { Msg::ContinueButton })}
            </button>
        </form>
    }
}

/// The reset-choice page: the methods the API offers, as a radio group.
#[component]
fn ChooseStep(methods: Vec<wire::RecoveryMethod>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flow = use_reset_flow();
    let chosen = RwSignal::new(methods.first().copied());
    let problem = RwSignal::new(None::<Problem>);

    let going = Pending::new();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(method) = chosen.get_untracked() else {
            return;
        };
        problem.set(None);
        let next = next_step(api.clone(), flow.flow_id(), method);
        going.send(next, move |result| match result {
            Ok(step) => flow.go_to(step),
            Err(error) if is_flow_over(&error) => flow.restart(),
            Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Locked => {
                problem.set(Some(Problem::new(Msg::QuestionsLocked)));
            }
            Err(error) => problem.set(Some(general_problem(&error))),
        });
    };

    view! {
        <ProblemAlert problem=problem.into() testid="reset-error" />
        <form class="form" novalidate on:submit=on_submit>
            <fieldset class="choice" disabled=move || going.get()>
                <legend>{move || i18n.t(Msg::ChooseMethod)}</legend>
                {methods.into_iter().map(|method| {
                    let (value, label) = match method {
                        wire::RecoveryMethod::Sms => ("sms", Msg::MethodSms),
                        wire::RecoveryMethod::Email => ("email", Msg::MethodEmail),
                        _ => ("questions", Msg::MethodQuestions),
                    };
                    let id = format!("method-{value}");
                    view! {
                        <div class="choice__option">
                            <input
                                type="radio"
                                name="method"
                                id=id.clone()
                                value=value
                                prop:checked=move || chosen.get() == Some(method)
                                on:change=move |_| chosen.set(Some(method))
                            />
                            <label for=id>{move || i18n.t(label)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button button--primary" disabled=move || going.get() data-testid="continue">
                {move || i18n.t(Msg::ContinueButton)}
            </button>
        </form>
    }
}

/// The step a reset method leads to: a code sent by text or email, or the
/// employee's challenge questions.
async fn next_step(
    api: Api,
    flow_id: String,
    method: wire::RecoveryMethod,
) -> Result<Step, ApiError> {
    let channel = match method {
        wire::RecoveryMethod::Sms => wire::Channel::Sms,
        wire::RecoveryMethod::Email => wire::Channel::Email,
        _ => {
            let asked = api
                .call::<endpoint::GetRecoveryQuestions>(FlowId(flow_id), ())
                .await?;
            return Ok(Step::Questions {
                questions: asked.questions,
            });
        }
    };
    let request = wire::SendCodeRequest { channel };
    let sent = api
        .call::<endpoint::SendRecoveryCode>(FlowId(flow_id), request)
        .await?;
    Ok(Step::Code {
        channel: sent.channel,
        expires_in_secs: sent.expires_in_secs,
        resend_at: deadline_in(sent.resend_after_secs),
    })
}

/// The one-time PIN by text or email: the same code step as sign-in
/// verification, with "Choose another way" beside Resend.
#[component]
fn CodeStep(channel: wire::Channel, expires_in_secs: u64, resend_at: f64) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flow = use_reset_flow();
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let resend_deadline = RwSignal::new(Some(resend_at));
    let resend = use_countdown(resend_deadline.into());
    let sending = Pending::new();
    let verifying = Pending::new();
    let report = move |error: &ApiError| {
        let (shown, over) = code_failure(error, Msg::ResetExpired);
        if over {
            flow.restart();
        } else {
            problem.set(Some(shown));
        }
    };
    let on_resend = Callback::new({
        let api = api.clone();
        move |()| {
            let request = wire::SendCodeRequest { channel };
            let call = api.call::<endpoint::SendRecoveryCode>(FlowId(flow.flow_id()), request);
            sending.send(call, move |result| {
                if code_sent(result, resend_deadline, report).is_some() {
                    problem.set(None);
                    code.set(String::new());
                    focus("otp");
                }
            });
        }
    });
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest {
            code: digits,
            remember_device: false,
        };
        let call = api.call::<endpoint::VerifyRecoveryCode>(FlowId(flow.flow_id()), request);
        verifying.send(call, move |result| match result {
            Ok(answer) => flow.verified(&answer),
            Err(error) => {
                report(&error);
                focus_and_select("otp");
            }
        });
    });

    let sent_msg = match channel {
        wire::Channel::Sms => Msg::ResetSentSms,
        wire::Channel::Email => Msg::ResetSentEmail,
    };
    view! {
        <ProblemAlert problem=problem.into() testid="verify-error" />
        <SentCode
            notice=Signal::derive(move || i18n.t(sent_msg).to_owned())
            tone=Tone::Info
            code
            expires_in_secs
            problem
            verifying=verifying.into()
            on_code
            resend
            sending=sending.into()
            on_resend
        >
            <button
                type="button"
                class="button button--secondary"
                data-testid="another-way"
                on:click=move |_| flow.go_to(Step::Choose)
            >
                {move || i18n.t(Msg::ChooseAnotherWay)}
            </button>
        </SentCode>
    }
}
