//! The new-PIN form of recovery, registration and My account: `New PIN`,
//! `Confirm new PIN`, `Show PIN`, and a strength meter fed by the API's
//! `POST /pin/check` as the employee types (the server judges PINs; the SPA
//! only checks length and that both fields match). My account asks for the
//! current PIN first, in the same form ([`CurrentPin`]).

use std::time::Duration;

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::{
    ErrorLink, ErrorSummary, Input, ProblemAlert, ShowPinToggle, TextField, focus_error_summary,
    words,
};
use crate::api::{ApiError, ApiFuture, use_api};
use crate::dom::focus;
use crate::failures::{Problem, general_problem, is_flow_over};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::policy::{PolicyContext, use_policy};

/// Quiet time after the last keystroke before the PIN is checked.
const CHECK_DELAY: Duration = Duration::from_millis(300);

/// What the SPA itself says about a new PIN before sending it, by the
/// policy's length bounds (the API checks them again).
pub fn new_pin_problem(pin: &str, policy: PolicyContext) -> Option<Msg> {
    let length = pin.chars().count();
    if length == 0 {
        Some(Msg::NewPinRequired)
    } else if length < usize::from(policy.pin_min()) {
        Some(Msg::PinTooShort)
    } else if length > usize::from(policy.pin_max()) {
        Some(Msg::PinTooLong)
    } else {
        None
    }
}

fn problem_msg(problem: wire::PinProblem) -> Msg {
    match problem {
        wire::PinProblem::TooShort => Msg::PinTooShort,
        wire::PinProblem::TooLong => Msg::PinTooLong,
        wire::PinProblem::Blocklisted => Msg::PinBlocklisted,
        wire::PinProblem::ContainsEmployeeId => Msg::PinContainsId,
        wire::PinProblem::Weak => Msg::PinWeak,
        wire::PinProblem::Unknown => Msg::GenericError,
    }
}

fn strength_msg(score: u8) -> Msg {
    match score {
        0 => Msg::StrengthVeryWeak,
        1 => Msg::StrengthWeak,
        2 => Msg::StrengthFair,
        3 => Msg::StrengthStrong,
        _ => Msg::StrengthVeryStrong,
    }
}

/// The current PIN a change asks for (My account's step-up): what is typed,
/// and whether the API said it is wrong (the field is marked until edited).
#[derive(Clone, Copy, Default)]
pub struct CurrentPin {
    pub value: RwSignal<String>,
    pub wrong: RwSignal<bool>,
}

#[component]
pub fn NewPinForm(
    /// Whose PIN: a PIN containing this ID is refused.
    employee_id: String,
    /// True while the PIN is being set.
    pending: Signal<bool>,
    /// The API's reasons for refusing the last PIN submitted (`weak_pin`).
    refused: RwSignal<Vec<wire::PinProblem>>,
    /// Gets the PIN once it has the right length and both fields match.
    on_pin: Callback<String>,
    /// A wizard's Back, drawn beside Set PIN.
    #[prop(optional_no_strip)]
    back: Option<Callback<()>>,
    /// My account: the current PIN, asked for first.
    #[prop(optional)]
    current: Option<CurrentPin>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let policy = use_policy();
    let pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let feedback = RwSignal::new(None::<wire::PinFeedback>);
    // Each keystroke bumps this; a check answers only if no newer one began.
    let generation = StoredValue::new(0u64);

    let check = {
        let api = api.clone();
        let employee_id = employee_id.clone();
        move |typed: String| {
            let mine = generation.get_value() + 1;
            generation.set_value(mine);
            refused.set(Vec::new());
            if typed.is_empty() {
                feedback.set(None);
                return;
            }
            let api = api.clone();
            let employee_id = employee_id.clone();
            // The page may be gone when the timer or the answer comes (the
            // employee typed and left): then the signals are too, and nothing
            // is done.
            set_timeout(
                move || {
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let request = wire::PinCheckRequest {
                            new_pin: typed,
                            employee_id: Some(employee_id),
                        };
                        if let Ok(answer) = api.call::<endpoint::CheckPin>((), request).await
                            && generation.try_get_value() == Some(mine)
                        {
                            feedback.try_set(Some(answer));
                        }
                    });
                },
                CHECK_DELAY,
            );
        }
    };

    let pin_error = move || {
        submitted
            .get()
            .then(|| new_pin_problem(&pin.get(), policy))
            .flatten()
    };
    let mismatch = move || submitted.get() && pin_error().is_none() && pin.get() != confirm.get();
    let current_missing = move || {
        submitted.get() && current.is_some_and(|current| current.value.with(String::is_empty))
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        let typed = pin.get_untracked();
        if current_missing()
            || new_pin_problem(&typed, policy).is_some()
            || typed != confirm.get_untracked()
        {
            focus_error_summary();
        } else {
            on_pin.run(typed);
        }
    };
    // What the server said last: refusal reasons after `Set PIN`, else the
    // live feedback's problems.
    let reasons = move || {
        let refused = refused.get();
        if !refused.is_empty() {
            return refused;
        }
        feedback
            .get()
            .map(|answer| answer.problems)
            .unwrap_or_default()
    };
    let field_type = move || if show.get() { "text" } else { "password" };

    view! {
        <ErrorSummary shown=Signal::derive(move || current_missing() || pin_error().is_some() || mismatch())>
            {move || current_missing().then(|| view! { <ErrorLink field="current-pin" message=i18n.t(Msg::CurrentPinRequired).to_owned() /> })}
            {move || pin_error().map(|msg| view! { <ErrorLink field="new-pin" message=policy.pin_lengths_in(i18n, msg) /> })}
            {move || mismatch().then(|| view! { <ErrorLink field="confirm-pin" message=i18n.t(Msg::PinMismatch).to_owned() /> })}
        </ErrorSummary>
        <form class="form" novalidate on:submit=on_submit>
            {current.map(|current| view! {
                <TextField
                    id="current-pin"
                    label=words(Msg::CurrentPinLabel)
                    value=current.value
                    input=Input::TEXT.filled_by("current-password").named("current_pin")
                    kind=Signal::derive(field_type)
                    error=Signal::derive(move || current_missing().then(|| i18n.t(Msg::CurrentPinRequired).to_owned()))
                    invalid=current.wrong
                    on_input=move |_| current.wrong.set(false)
                />
            })}
            // After the current PIN, where there is one: it says what a new
            // PIN may be.
            <p>{move || policy.pin_lengths_in(i18n, Msg::NewPinIntro)}</p>
            // The verdict under the new PIN belongs to its field, spaced as
            // the field's own parts are.
            <div class="field">
                <TextField
                    id="new-pin"
                    label=words(Msg::NewPinLabel)
                    value=pin
                    input=Input::TEXT.filled_by("new-password").named("new_pin")
                    kind=Signal::derive(field_type)
                    error=Signal::derive(move || pin_error().map(|msg| policy.pin_lengths_in(i18n, msg)))
                    invalid=Signal::derive(move || !refused.get().is_empty())
                    described_by="pin-strength"
                    on_input=move |typed| check(typed)
                >
                    <ShowPinToggle
                        shown=show
                        controls=if current.is_some() { "current-pin new-pin confirm-pin" } else { "new-pin confirm-pin" }
                    />
                </TextField>
                <div class="strength" id="pin-strength" aria-live="polite" data-testid="pin-strength">
                    {move || feedback.get().map(|answer| view! {
                        <meter min="0" max="4" low="2" high="3" optimum="4" value=answer.score aria-hidden="true"></meter>
                        <p class="strength__label">
                            {fill(i18n.t(Msg::PinStrength), &[("level", i18n.t(strength_msg(answer.score)))])}
                        </p>
                    })}
                    <ul class="strength__reasons">
                        {move || reasons().into_iter().map(|reason| view! {
                            <li>{policy.pin_lengths_in(i18n, problem_msg(reason))}</li>
                        }).collect_view()}
                    </ul>
                    {move || feedback.get().filter(|answer| answer.acceptable && refused.get().is_empty()).map(|_| view! {
                        <p class="strength__ok">{i18n.t(Msg::PinRulesMet)}</p>
                    })}
                </div>
            </div>
            <TextField
                id="confirm-pin"
                label=words(Msg::ConfirmPinLabel)
                value=confirm
                input=Input::TEXT.filled_by("new-password").named("confirm_pin")
                kind=Signal::derive(field_type)
                error=Signal::derive(move || mismatch().then(|| i18n.t(Msg::PinMismatch).to_owned()))
            />
            {match back {
                // A wizard step: Back where every step has it, left of the
                // step's main action.
                Some(back) => view! {
                    <div class="wizard-buttons">
                        <button type="button" class="button button--secondary" data-testid="back" on:click=move |_| back.run(())>
                            {move || i18n.t(Msg::BackButton)}
                        </button>
                        <SetPinButton pending />
                    </div>
                }.into_any(),
                None => view! { <SetPinButton pending /> }.into_any(),
            }}
        </form>
    }
}

#[component]
fn SetPinButton(pending: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="button button--primary" disabled=move || pending.get() data-testid="set-pin">
            {move || i18n.t(Msg::SetPinButton)}
        </button>
    }
}

/// The call that sets the new PIN on the server (recovery or registration).
pub type SetPin = Box<dyn Fn(String) -> ApiFuture<wire::PinChanged>>;

/// [`NewPinForm`] wired to the call that sets the PIN, as recovery and
/// registration both use it: the API's refusals show on the form, a flow that
/// is over on the server starts again, other failures show in an alert.
#[component]
pub fn SetPinForm(
    /// Whose PIN: a PIN containing this ID is refused.
    employee_id: String,
    set_pin: SetPin,
    /// After the PIN is set.
    on_done: Callback<()>,
    /// When the server says the flow is over.
    on_flow_over: Callback<()>,
    /// `data-testid` of the alert.
    testid: &'static str,
    /// A wizard's Back, drawn beside Set PIN.
    #[prop(optional)]
    back: Option<Callback<()>>,
) -> impl IntoView {
    let refused = RwSignal::new(Vec::<wire::PinProblem>::new());
    let problem = RwSignal::new(None::<Problem>);
    let setting = Pending::new();
    let set_pin = StoredValue::new_local(set_pin);
    let on_pin = Callback::new(move |pin: String| {
        problem.set(None);
        let call = set_pin.with_value(|set_pin| set_pin(pin));
        setting.send(call, move |result| match result {
            Ok(_) => on_done.run(()),
            Err(error) if is_flow_over(&error) => on_flow_over.run(()),
            Err(ApiError::Server(body)) if body.code == wire::ErrorCode::WeakPin => {
                refused.set(body.pin_problems);
                focus("new-pin");
            }
            Err(error) => problem.set(Some(general_problem(&error))),
        });
    });
    view! {
        <ProblemAlert problem=problem.into() testid />
        <NewPinForm employee_id pending=setting.into() refused on_pin back=back />
    }
}
