//! Challenge questions: which three the employee answered (never the
//! answers), and all three replaced at once, under the registration's
//! catalogue and rules, behind the step-up (the answers reset a PIN).

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::step_up::{Proof, StepUpForm, ask_step_up};
use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, Leaving, ProblemAlert, QuestionsForm, Tone, question_msg, to_sign_in,
};
use crate::dom::{focus, focus_after_render};
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;

/// Where the change stands.
#[derive(Clone, PartialEq)]
enum Editing {
    Nothing,
    StepUp(wire::StepUpState),
    Choosing,
}

#[component]
pub fn ChallengeQuestions(
    /// Moves when the account changed on this page; moved here by a change.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let answered = LocalResource::new({
        let api = api.clone();
        move || {
            changed.track();
            let api = api.clone();
            async move { api.call::<endpoint::GetAccountQuestions>((), ()).await }
        }
    });
    let editing = RwSignal::new(Editing::Nothing);
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let asking = Pending::new();
    let saving = Pending::new();

    let choose = move || {
        problem.set(None);
        editing.set(Editing::Choosing);
        focus_after_render("question-0");
    };
    let start = Callback::new({
        let api = api.clone();
        move |()| {
            done.set(false);
            ask_step_up(
                &api,
                asking,
                problem,
                Proof::Recovery,
                choose,
                move |state| {
                    editing.set(Editing::StepUp(state));
                    focus_after_render("step-up-heading");
                },
            );
        }
    });
    let cancel = Callback::new(move |()| {
        editing.set(Editing::Nothing);
        problem.set(None);
        focus("questions-heading");
    });
    let on_answers = Callback::new(move |answers: Vec<wire::Answer>| {
        problem.set(None);
        let request = wire::AnswersRequest { answers };
        saving.send(
            api.call::<endpoint::ChangeQuestions>((), request),
            move |result| match result {
                Ok(_) => {
                    editing.set(Editing::Nothing);
                    done.set(true);
                    changed.update(|n| *n += 1);
                    focus_after_render("questions-changed");
                }
                Err(ApiError::Server(body)) => match body.code {
                    _ if body.needs_step_up() => start.run(()),
                    wire::ErrorCode::Unauthenticated => to_sign_in(Leaving::Expired),
                    _ => problem.set(Some(general_problem(&ApiError::Server(body)))),
                },
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    });
    let offered = Signal::derive(move || {
        answered
            .get()
            .and_then(Result::ok)
            .map(|answered| (answered.questions, usize::from(answered.min_answer_length)))
    });

    view! {
        <h2 id="questions-heading" tabindex="-1">{move || i18n.t(Msg::QuestionsAccountHeading)}</h2>
        <p>{move || i18n.t(Msg::QuestionsAccountIntro)}</p>
        {move || done.get().then(|| view! {
            <Alert tone=Tone::Success testid="questions-changed" id="questions-changed">
                {move || i18n.t(Msg::QuestionsChanged)}
            </Alert>
        })}
        {move || match answered.get() {
            Some(Ok(answered)) => {
                let texts: Vec<_> = answered
                    .questions
                    .into_iter()
                    .filter(|question| answered.chosen.contains(&question.id))
                    .collect();
                view! {
                    <ul class="answered-questions" data-testid="answered-questions">
                        {texts.into_iter().map(|question| {
                            let known = question_msg(&question.id);
                            view! { <li>{move || known.map_or(question.text.clone(), |msg| i18n.t(msg).to_owned())}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
            Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::Unauthenticated => {
                to_sign_in(Leaving::Expired);
                ().into_any()
            }
            Some(Err(error)) => {
                let problem = Signal::stored(Some(general_problem(&error)));
                view! { <ProblemAlert problem testid="questions-unavailable" /> }.into_any()
            }
            None => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        }}
        {move || match editing.get() {
            Editing::Nothing => view! {
                <ProblemAlert problem=problem.into() testid="questions-error" />
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="change-questions"
                    aria-disabled=move || asking.get().to_string()
                    on:click=move |_| start.run(())
                >
                    {move || i18n.t(Msg::ChangeQuestions)}
                </button>
            }.into_any(),
            Editing::StepUp(state) => view! {
                <StepUpForm
                    state
                    proof=Proof::Recovery
                    purpose=Msg::StepUpForQuestions
                    on_done=Callback::new(move |()| choose())
                    on_cancel=cancel
                />
            }.into_any(),
            Editing::Choosing => view! {
                <div class="step-up" data-testid="questions-panel">
                    <ProblemAlert problem=problem.into() testid="questions-error" />
                    <p>{move || i18n.t(Msg::QuestionsChooseIntro)}</p>
                    <QuestionsForm offered on_answers problem>
                        <div class="actions">
                            <button type="submit" class="button button--primary" data-testid="save-questions" disabled=move || saving.get()>
                                {move || i18n.t(if saving.get() { Msg::Working } else { Msg::SaveQuestions })}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                                {move || i18n.t(Msg::CancelButton)}
                            </button>
                        </div>
                    </QuestionsForm>
                </div>
            }.into_any(),
        }}
    }
}
