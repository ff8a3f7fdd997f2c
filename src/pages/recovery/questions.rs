//! The challenge questions step: each question of the flow as a labelled
//! field, in the employee's language when we know the question.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use super::use_reset_flow;
use crate::api::{ApiError, use_api};
use crate::components::{Input, ProblemAlert, TextField, question_msg};
use crate::dom::focus;
use crate::failures::{Problem, general_problem, is_flow_over};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;

/// Longest answer the API accepts, in characters.
const MAX_ANSWER_LENGTH: usize = 100;

fn answer_problem(answer: &str) -> Option<Msg> {
    let trimmed = answer.trim();
    if trimmed.is_empty() {
        Some(Msg::AnswerRequired)
    } else if trimmed.chars().count() > MAX_ANSWER_LENGTH {
        Some(Msg::AnswerTooLong)
    } else {
        None
    }
}

#[component]
pub fn QuestionsStep(questions: Vec<wire::Question>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let flow = use_reset_flow();
    let answers: Vec<RwSignal<String>> = questions
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let submitted = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let locked = RwSignal::new(false);

    let submitting = Pending::new();
    // The answers typed, emptied after a wrong try.
    let typed = answers.clone();

    let on_submit = {
        let answers = answers.clone();
        let questions = questions.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            if let Some(first_wrong) = answers
                .iter()
                .position(|answer| answer_problem(&answer.get_untracked()).is_some())
            {
                focus(&format!("answer-{first_wrong}"));
                return;
            }
            problem.set(None);
            let answers = questions
                .iter()
                .zip(&answers)
                .map(|(question, answer)| wire::Answer {
                    question_id: question.id.clone(),
                    answer: answer.get_untracked().trim().to_owned(),
                })
                .collect();
            let request = wire::AnswersRequest { answers };
            let call =
                api.call::<endpoint::AnswerRecoveryQuestions>(FlowId(flow.flow_id()), request);
            let typed = typed.clone();
            submitting.send(call, move |result| match result {
                Ok(verified) => flow.verified(&verified),
                Err(error) if is_flow_over(&error) => flow.restart(),
                Err(error) => {
                    for answer in &typed {
                        answer.set(String::new());
                    }
                    submitted.set(false);
                    problem.set(Some(match &error {
                        ApiError::Server(body)
                            if body.code == wire::ErrorCode::InvalidCredentials =>
                        {
                            Problem {
                                msg: Msg::WrongAnswers,
                                attempts_left: body.attempts_remaining,
                            }
                        }
                        ApiError::Server(body) if body.code == wire::ErrorCode::Locked => {
                            locked.set(true);
                            Problem::new(Msg::QuestionsLocked)
                        }
                        // Right answers, but a report asks for a channel.
                        ApiError::Server(body)
                            if body.code == wire::ErrorCode::Forbidden
                                && body.names(wire::PIN_RESET_FIELD) =>
                        {
                            locked.set(true);
                            Problem::new(Msg::QuestionsNotEnough)
                        }
                        _ => general_problem(&error),
                    }));
                    focus(if locked.get_untracked() {
                        "another-way"
                    } else {
                        "answer-0"
                    });
                }
            });
        }
    };

    let fields = questions
        .into_iter()
        .zip(answers)
        .enumerate()
        .map(|(index, (question, answer))| {
            let id = format!("answer-{index}");
            let error = move || {
                submitted
                    .get()
                    .then(|| answer_problem(&answer.get()))
                    .flatten()
            };
            let known = question_msg(&question.id);
            let fallback = question.text.clone();
            view! {
                <TextField
                    id
                    label=Signal::derive(move || known.map_or(fallback.clone(), |msg| i18n.t(msg).to_owned()))
                    value=answer
                    input=Input::TEXT
                    error=Signal::derive(move || error().map(|msg| fill(i18n.t(msg), &[("n", &MAX_ANSWER_LENGTH.to_string())])))
                />
            }
        })
        .collect_view();

    view! {
        <ProblemAlert problem=problem.into() testid="reset-error" />
        <p class="hint">{move || i18n.t(Msg::QuestionsIntro)}</p>
        <form class="form" novalidate on:submit=on_submit>
            <fieldset class="plain" disabled=move || submitting.get() || locked.get()>
                {fields}
            </fieldset>
            <button type="submit" class="button button--primary" disabled=move || submitting.get() || locked.get() data-testid="continue">
                {move || i18n.t(Msg::ContinueButton)}
            </button>
        </form>
        <div class="actions">
            <button type="button" id="another-way" class="button button--secondary" data-testid="another-way"
                on:click=move |_| flow.go_to(super::Step::Choose)>
                {move || i18n.t(Msg::ChooseAnotherWay)}
            </button>
        </div>
    }
}
