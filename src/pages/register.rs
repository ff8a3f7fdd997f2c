//! `/register`: new-user registration, a wizard of five steps with a visible
//! step indicator: identity (Employee ID + the registration code from HR),
//! contact details, their verification, challenge questions, a first PIN.
//!
//! The flow and the step live in sessionStorage, so a reload keeps progress;
//! when the API says the flow is over, the wizard says so and starts again
//! (the code stays valid for a new start until it is used).

mod contact;
mod pin;
mod questions;
mod verify_contacts;

use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, ContextHelp, EmployeeIdField, ErrorLink, ErrorSummary, Input, ProblemAlert, TextField,
    Tone, deadline_in, employee_id_message, focus_error_summary, format_mss, use_page_title, words,
};
use crate::dom::{focus_after_render, focus_and_select};
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::policy::use_policy;
use crate::routes::{HelpTopic, Page};
use crate::storage::{self, StoredFlow};
use crate::validation::{employee_id_problem, registration_code_problem};

use contact::ContactStep;
use pin::PinStep;
use questions::QuestionsStep;
use verify_contacts::VerifyContactsStep;

/// How many steps the indicator counts.
pub const STEPS: u8 = 5;

/// The steps after the identity form (step 1, before there is a flow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationStep {
    Contact,
    VerifyContacts,
    Questions,
    Pin,
}

impl RegistrationStep {
    /// Its place in `Step n of 5`.
    fn number(self) -> u8 {
        match self {
            RegistrationStep::Contact => 2,
            RegistrationStep::VerifyContacts => 3,
            RegistrationStep::Questions => 4,
            RegistrationStep::Pin => 5,
        }
    }

    /// Where `Back` goes: `None` is the identity form.
    fn previous(self) -> Option<RegistrationStep> {
        match self {
            RegistrationStep::Contact => None,
            RegistrationStep::VerifyContacts => Some(RegistrationStep::Contact),
            RegistrationStep::Questions => Some(RegistrationStep::VerifyContacts),
            RegistrationStep::Pin => Some(RegistrationStep::Questions),
        }
    }

    fn heading(self) -> Msg {
        match self {
            RegistrationStep::Contact => Msg::ContactHeading,
            RegistrationStep::VerifyContacts => Msg::VerifyContactsHeading,
            RegistrationStep::Questions => Msg::QuestionsChooseHeading,
            RegistrationStep::Pin => Msg::CreatePinHeading,
        }
    }
}

/// A registration in progress, as this tab keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enrolment {
    pub progress: wire::RegistrationProgress,
    pub step: RegistrationStep,
    /// Browser-clock milliseconds when the server ends the flow.
    pub deadline: f64,
}

impl storage::Expiring for Enrolment {
    fn deadline(&self) -> f64 {
        self.deadline
    }
}

/// The wizard's state and its moves, shared with the step views: the
/// identity form while there is no flow, then its steps, then the end.
#[derive(Clone, Copy)]
pub struct Wizard {
    enrolment: StoredFlow<Enrolment>,
    /// Registration is complete: the page says so and offers to sign in.
    done: RwSignal<bool>,
    /// The Employee ID typed, kept when the wizard starts again.
    employee_id: RwSignal<String>,
    notice: RwSignal<Option<Msg>>,
}

impl Wizard {
    /// The registration in progress (untracked).
    pub fn current(self) -> Option<Enrolment> {
        self.enrolment.get_untracked()
    }

    pub fn flow_id(self) -> String {
        self.current()
            .map(|enrolment| enrolment.progress.flow_id)
            .unwrap_or_default()
    }

    /// The API's latest progress, and the step to show with it.
    pub fn advance(self, progress: wire::RegistrationProgress, step: RegistrationStep) {
        self.enrolment.set(Enrolment {
            deadline: deadline_in(progress.expires_in_secs),
            progress,
            step,
        });
        focus_after_render("page-heading");
    }

    /// Records progress without changing step (a contact just verified).
    pub fn update(self, progress: wire::RegistrationProgress) {
        self.enrolment.update(|enrolment| {
            enrolment.deadline = deadline_in(progress.expires_in_secs);
            enrolment.progress = progress;
        });
    }

    pub fn back(self) {
        match self
            .current()
            .and_then(|enrolment| enrolment.step.previous())
        {
            Some(step) => self.enrolment.update(|enrolment| enrolment.step = step),
            None => self.enrolment.clear(),
        }
        focus_after_render("page-heading");
    }

    /// Registration is complete; the sign-in page opens with the Employee ID.
    pub fn done(self) {
        if let Some(enrolment) = self.current() {
            storage::session_set(storage::CARRIED_ID, &enrolment.progress.employee_id);
        }
        self.enrolment.clear();
        self.done.set(true);
        focus_after_render("page-heading");
    }

    /// The flow is over on the server: say so and start again.
    pub fn restart(self) {
        self.notice.set(Some(Msg::RegistrationExpired));
        self.enrolment.clear();
        focus_after_render("page-heading");
    }

    /// The step the indicator shows (tracked): none once registration is done.
    fn step_number(self) -> Option<u8> {
        if self.done.get() {
            return None;
        }
        Some(
            self.enrolment
                .with(|enrolment| enrolment.map_or(1, |e| e.step.number())),
        )
    }

    fn heading(self) -> Msg {
        if self.done.get() {
            return Msg::RegisteredHeading;
        }
        self.enrolment.with(|enrolment| {
            enrolment.map_or(Msg::RegisterHeading, |enrolment| enrolment.step.heading())
        })
    }
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let (enrolment, ended) = storage::use_stored_flow::<Enrolment>(storage::REGISTRATION);
    let employee_id = enrolment
        .get_untracked()
        .map(|enrolment| enrolment.progress.employee_id)
        .unwrap_or_default();
    let wizard = Wizard {
        enrolment,
        done: RwSignal::new(false),
        employee_id: RwSignal::new(employee_id),
        notice: RwSignal::new(ended.then_some(Msg::RegistrationExpired)),
    };
    provide_context(wizard);
    let heading = Memo::new(move |_| wizard.heading());
    use_page_title(heading);

    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">{move || i18n.t(heading.get())}</h1>
            {move || wizard.step_number().map(|step| view! {
                <StepIndicator step />
            })}
            {move || match (wizard.done.get(), wizard.enrolment.get()) {
                (true, _) => view! {
                    <Alert tone=Tone::Success testid="registered">{move || i18n.t(Msg::RegisteredBody)}</Alert>
                    <p><A href=Page::Login.path() attr:class="button button--primary" attr:data-testid="sign-in-now">
                        {move || i18n.t(Msg::SignInButton)}
                    </A></p>
                }.into_any(),
                (false, None) => view! { <IdentityStep /> }.into_any(),
                (false, Some(Enrolment { progress, step, .. })) => match step {
                    RegistrationStep::Contact => view! { <ContactStep progress /> }.into_any(),
                    RegistrationStep::VerifyContacts => view! { <VerifyContactsStep progress /> }.into_any(),
                    RegistrationStep::Questions => view! { <QuestionsStep /> }.into_any(),
                    RegistrationStep::Pin => view! { <PinStep employee_id=progress.employee_id /> }.into_any(),
                },
            }}
            {move || (!wizard.done.get()).then(|| view! {
                <p><A href=Page::Login.path()>{move || i18n.t(Msg::BackToSignIn)}</A></p>
            })}
            <ContextHelp topic=HelpTopic::NewUser label=Msg::HelpRegister />
        </section>
    }
}

/// `Step 2 of 5`, in words and as a bar of five segments.
#[component]
fn StepIndicator(step: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="steps" data-testid="step-indicator">
            <p class="steps__label">
                {move || fill(i18n.t(Msg::StepOf), &[("n", &step.to_string()), ("total", &STEPS.to_string())])}
            </p>
            <ol class="steps__bar" aria-hidden="true">
                {(1..=STEPS).map(|n| view! {
                    <li class=if n <= step { "steps__segment steps__segment--done" } else { "steps__segment" }></li>
                }).collect_view()}
            </ol>
        </div>
    }
}

/// Step 1: Employee ID and registration code, then `POST /registration`.
#[component]
fn IdentityStep() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let wizard = use_wizard();
    let code = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let lock_note = RwSignal::new(None::<String>);
    let policy = use_policy();
    let id_error = move || {
        submitted
            .get()
            .then(|| employee_id_problem(&wizard.employee_id.get(), policy.id_digits()))
            .flatten()
    };
    let code_error = move || {
        submitted
            .get()
            .then(|| registration_code_problem(&code.get()))
            .flatten()
    };

    let starting = Pending::new();

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        if employee_id_problem(&wizard.employee_id.get_untracked(), policy.id_digits()).is_some()
            || registration_code_problem(&code.get_untracked()).is_some()
        {
            problem.set(None);
            focus_error_summary();
        } else {
            problem.set(None);
            let request = wire::RegistrationRequest {
                employee_id: wizard.employee_id.get_untracked().trim().to_owned(),
                registration_code: code.get_untracked().trim().to_owned(),
            };
            let call = api.call::<endpoint::StartRegistration>((), request);
            starting.send(call, move |result| match result {
                Ok(progress) => {
                    wizard.notice.set(None);
                    wizard.advance(progress, RegistrationStep::Contact);
                }
                // What was typed stays: a wrong code is selected to be
                // corrected or typed over, and after a network error the
                // same form can simply be sent again.
                Err(error) => {
                    submitted.set(false);
                    lock_note.set(None);
                    problem.set(Some(match &error {
                        ApiError::Server(body) if body.code == wire::ErrorCode::InvalidCode => {
                            Problem {
                                msg: Msg::RegistrationCodeInvalid,
                                attempts_left: body.attempts_remaining,
                            }
                        }
                        ApiError::Server(body) if body.code == wire::ErrorCode::Locked => {
                            let wait = format_mss(body.retry_after_secs.unwrap_or(900));
                            lock_note.set(Some(fill(i18n.t(Msg::TryAgainIn), &[("time", &wait)])));
                            Problem::new(Msg::RegistrationLocked)
                        }
                        _ => general_problem(&error),
                    }));
                    focus_and_select("registration-code");
                }
            });
        }
    };

    view! {
        {move || wizard.notice.get().map(|msg| view! {
            <Alert tone=Tone::Info testid="register-notice">{move || i18n.t(msg)}</Alert>
        })}
        <ProblemAlert problem=problem.into() testid="register-error" />
        {move || lock_note.get().map(|note| view! { <p class="lockout" data-testid="register-lock">{note}</p> })}
        <p>{move || i18n.t(Msg::RegisterIntro)}</p>
        <ErrorSummary shown=Signal::derive(move || id_error().is_some() || code_error().is_some())>
            {move || id_error().map(|msg| view! { <ErrorLink field="employee-id" message=employee_id_message(msg) /> })}
            {move || code_error().map(|msg| view! { <ErrorLink field="registration-code" message=i18n.t(msg).to_owned() /> })}
        </ErrorSummary>
        <form class="form" novalidate on:submit=on_submit>
            <EmployeeIdField value=wizard.employee_id error=Signal::derive(id_error) />
            <TextField
                id="registration-code"
                label=words(Msg::RegistrationCodeLabel)
                value=code
                input=Input::TEXT.named("registration_code")
                hint=words(Msg::RegistrationCodeHint)
                error=Signal::derive(move || code_error().map(|msg| i18n.t(msg).to_owned()))
            />
            <button type="submit" class="button button--primary" disabled=move || starting.get() data-testid="continue">
                {move || i18n.t(Msg::ContinueButton)}
            </button>
        </form>
    }
}

/// `Back` and `Continue` under a step's form.
#[component]
pub fn StepButtons(
    /// True while the step's answer is on its way.
    pending: Signal<bool>,
    /// True when Continue may not be used yet.
    #[prop(optional, into)]
    blocked: Option<Signal<bool>>,
    /// False while another action is the step's main one (Continue is then
    /// secondary: one primary button at a time).
    #[prop(optional, into)]
    primary: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let blocked = move || blocked.is_some_and(|blocked| blocked.get());
    let class = move || {
        if primary.is_none_or(|primary| primary.get()) {
            "button button--primary"
        } else {
            "button button--secondary"
        }
    };
    view! {
        <div class="wizard-buttons">
            <button type="button" class="button button--secondary" data-testid="back" on:click=move |_| wizard.back()>
                {move || i18n.t(Msg::BackButton)}
            </button>
            <button type="submit" class=class data-testid="continue" disabled=move || pending.get() || blocked()>
                {move || i18n.t(Msg::ContinueButton)}
            </button>
        </div>
    }
}
