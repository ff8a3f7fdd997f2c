//! Three challenge questions chosen from the API's catalogue and answered,
//! as registration and My account both set them (the same catalogue and
//! rules), and each question's words in the page's language.

use leptos::prelude::*;
use upsers_contract as wire;

use crate::components::{ErrorLink, ErrorSummary, Input, TextField, focus_error_summary};
use crate::failures::Problem;
use crate::i18n::{I18n, Msg, fill, use_i18n};

const CHOSEN: usize = 3;

/// The shortest answer until the API's catalogue says (`min_answer_length`).
const MIN_ANSWER: usize = 3;

const MAX_ANSWER: usize = 100;

/// What is wrong with row `index` of the choices: its question and its
/// answer, each on its own, so every field in error is flagged at once.
fn row_problems(
    choices: &[(String, String)],
    index: usize,
    min_answer: usize,
) -> (Option<Msg>, Option<Msg>) {
    let (question, answer) = &choices[index];
    let answer_length = answer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .count();
    let question_problem = if question.is_empty() {
        Some(Msg::QuestionRequired)
    } else if choices[..index]
        .iter()
        .any(|(earlier, _)| earlier == question)
    {
        Some(Msg::QuestionDuplicate)
    } else {
        None
    };
    let answer_problem = if answer_length < min_answer {
        Some(Msg::AnswerTooShort)
    } else if answer_length > MAX_ANSWER {
        Some(Msg::AnswerTooLong)
    } else {
        None
    };
    (question_problem, answer_problem)
}

/// The fields' ids, row by row (the error summary links to them).
const QUESTION_IDS: [&str; CHOSEN] = ["question-0", "question-1", "question-2"];

const ANSWER_IDS: [&str; CHOSEN] = ["answer-0", "answer-1", "answer-2"];

/// An answer's problem in words, with the length it is measured against.
fn answer_message(i18n: I18n, msg: Msg, min_answer: usize) -> String {
    let bound = if msg == Msg::AnswerTooShort {
        min_answer
    } else {
        MAX_ANSWER
    };
    fill(i18n.t(msg), &[("n", &bound.to_string())])
}

/// Whether any row has a problem.
fn has_errors(choices: &[(String, String)], min_answer: usize) -> bool {
    (0..CHOSEN).any(|index| row_problems(choices, index, min_answer) != (None, None))
}

/// Three questions chosen from `offered` and answered, each row checked on
/// its own with an error summary; `on_answers` gets them once all are good.
/// Registration and My account share it (the same catalogue and rules).
#[component]
pub fn QuestionsForm(
    /// The catalogue and the shortest answer it accepts, once here.
    offered: Signal<Option<(Vec<wire::Question>, usize)>>,
    on_answers: Callback<Vec<wire::Answer>>,
    /// The page's server problem, cleared when the form's own errors show.
    problem: RwSignal<Option<Problem>>,
    /// The form's buttons (a submit among them).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<(RwSignal<String>, RwSignal<String>)> = (0..CHOSEN)
        .map(|_| (RwSignal::new(String::new()), RwSignal::new(String::new())))
        .collect();
    let submitted = RwSignal::new(false);
    let min_answer = move || offered.get().map_or(MIN_ANSWER, |(_, min)| min);

    let snapshot = {
        let rows = rows.clone();
        move || -> Vec<(String, String)> {
            rows.iter()
                .map(|(question, answer)| (question.get(), answer.get()))
                .collect()
        }
    };
    let on_submit = {
        let snapshot = snapshot.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            let choices = untrack(&snapshot);
            if has_errors(&choices, untrack(min_answer)) {
                problem.set(None);
                focus_error_summary();
                return;
            }
            let answers = choices
                .into_iter()
                .map(|(question_id, answer)| wire::Answer {
                    question_id,
                    answer: answer.trim().to_owned(),
                })
                .collect();
            on_answers.run(answers);
        }
    };

    let fields = rows
        .into_iter()
        .enumerate()
        .map(|(index, (question, answer))| {
            let snapshot = snapshot.clone();
            let errors = Memo::new(move |_| {
                if submitted.get() {
                    row_problems(&snapshot(), index, min_answer())
                } else {
                    (None, None)
                }
            });
            let question_error = move || errors.get().0;
            let answer_error = move || errors.get().1;
            let number = (index + 1).to_string();
            let select_id = format!("question-{index}");
            let answer_id = format!("answer-{index}");
            let select_error_id = format!("question-{index}-error");
            let number_for_answer = number.clone();
            let select_error_ref = select_error_id.clone();
            view! {
                <div class="question-choice">
                    <div class="field">
                        <label for=select_id.clone()>{move || fill(i18n.t(Msg::QuestionN), &[("n", &number)])}</label>
                        <select
                            id=select_id
                            aria-invalid=move || question_error().is_some().to_string()
                            aria-describedby=move || question_error().map(|_| select_error_ref.clone())
                            prop:value=move || question.get()
                            on:change=move |event| question.set(event_target_value(&event))
                        >
                            <option value="">{move || i18n.t(Msg::ChooseAQuestion)}</option>
                            {move || offered.get().map(|(questions, _)| {
                                questions.into_iter().map(|offered| {
                                    let known = question_msg(&offered.id);
                                    let fallback = offered.text.clone();
                                    let value = offered.id.clone();
                                    let selected_value = value.clone();
                                    view! {
                                        <option value=value prop:selected=move || question.get() == selected_value>
                                            {move || known.map_or(fallback.clone(), |msg| i18n.t(msg).to_owned())}
                                        </option>
                                    }
                                }).collect_view()
                            })}
                        </select>
                        {move || question_error().map(|msg| view! {
                            <p class="field__error" id=select_error_id.clone()>{i18n.t(msg)}</p>
                        })}
                    </div>
                    <TextField
                        id=answer_id
                        label=Signal::derive(move || fill(i18n.t(Msg::AnswerN), &[("n", &number_for_answer)]))
                        value=answer
                        input=Input::TEXT
                        error=Signal::derive(move || answer_error().map(|msg| answer_message(i18n, msg, min_answer())))
                    />
                </div>
            }
        })
        .collect_view();

    // Every field in error, row by row, for the error summary.
    let summary = {
        let snapshot = snapshot.clone();
        move || {
            let (choices, min) = (snapshot(), min_answer());
            (0..CHOSEN)
                .flat_map(|index| {
                    let (question, answer) = row_problems(&choices, index, min);
                    let question =
                        question.map(|msg| (QUESTION_IDS[index], i18n.t(msg).to_owned()));
                    let answer =
                        answer.map(|msg| (ANSWER_IDS[index], answer_message(i18n, msg, min)));
                    question.into_iter().chain(answer)
                })
                .map(|(field, message)| view! { <ErrorLink field message /> })
                .collect_view()
        }
    };
    let shown = {
        let snapshot = snapshot.clone();
        move || submitted.get() && has_errors(&snapshot(), min_answer())
    };
    view! {
        <ErrorSummary shown=Signal::derive(shown)>{summary.clone()}</ErrorSummary>
        <form class="form" novalidate on:submit=on_submit>
            {fields}
            {children()}
        </form>
    }
}

/// The localized text of a catalogue question, by its stable id.
pub fn question_msg(id: &str) -> Option<Msg> {
    Some(match id {
        "birth_city" => Msg::QBirthCity,
        "first_pet" => Msg::QFirstPet,
        "first_car" => Msg::QFirstCar,
        "elementary_school" => Msg::QElementarySchool,
        "childhood_street" => Msg::QChildhoodStreet,
        "parents_met" => Msg::QParentsMet,
        "first_job" => Msg::QFirstJob,
        "childhood_friend" => Msg::QChildhoodFriend,
        "favorite_teacher" => Msg::QFavoriteTeacher,
        "first_concert" => Msg::QFirstConcert,
        _ => return None,
    })
}
