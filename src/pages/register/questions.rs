//! Step 4: three different challenge questions from the API's catalogue,
//! each chosen in a select and answered (at least 3 characters).

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint::{self, FlowId};

use super::{RegistrationStep, StepButtons, use_wizard};
use crate::api::use_api;
use crate::components::{ProblemAlert, QuestionsForm};
use crate::failures::{Problem, general_problem, is_flow_over};
use crate::i18n::{Msg, use_i18n};
use crate::pending::Pending;

#[component]
pub fn QuestionsStep() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let wizard = use_wizard();
    let problem = RwSignal::new(None::<Problem>);
    let catalogue = LocalResource::new({
        let api = api.clone();
        move || api.call::<endpoint::GetQuestionCatalogue>(FlowId(wizard.flow_id()), ())
    });
    Effect::new(move |_| {
        if let Some(Err(error)) = catalogue.get() {
            if is_flow_over(&error) {
                wizard.restart();
            } else {
                problem.set(Some(general_problem(&error)));
            }
        }
    });
    let offered = Signal::derive(move || {
        catalogue
            .get()
            .and_then(Result::ok)
            .map(|catalogue| (catalogue.questions, catalogue.min_answer_length as usize))
    });
    let choosing = Pending::new();
    let on_answers = Callback::new(move |answers: Vec<wire::Answer>| {
        problem.set(None);
        let request = wire::AnswersRequest { answers };
        let call = api.call::<endpoint::ChooseQuestions>(FlowId(wizard.flow_id()), request);
        choosing.send(call, move |result| match result {
            Ok(progress) => wizard.advance(progress, RegistrationStep::Pin),
            Err(error) if is_flow_over(&error) => wizard.restart(),
            Err(error) => problem.set(Some(general_problem(&error))),
        });
    });
    view! {
        <ProblemAlert problem=problem.into() testid="register-error" />
        <p>{move || i18n.t(Msg::QuestionsChooseIntro)}</p>
        <QuestionsForm offered on_answers problem>
            <StepButtons pending=choosing.into() />
        </QuestionsForm>
    }
}
