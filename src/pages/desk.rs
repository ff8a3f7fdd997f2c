//! `/desk`: the Technical Support desk. The hub links here only for support
//! agents, and the API answers the desk only to them; anyone else who finds
//! the address is told the desk is for agents. Its module loads on demand,
//! so none of it is in the first load of `/login`.
//!
//! An agent finds the caller's account, then verifies the caller before
//! anything else: a one-time PIN goes to one of the employee's verified
//! contacts and the caller reads it back. Until then the actions are there
//! but disabled, with the reason next to them (the API refuses them too).

mod card;
mod event_words;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, Input, Leaving, ProblemAlert, TextField, Tone, session_gone, use_page_title,
    use_sign_out, words,
};
use crate::dom::focus;
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use card::EmployeeCard;

/// What the desk shows about the employee found: their card, and what this
/// agent did on it (kept here, so a fresh card after an action keeps them).
#[derive(Clone, Copy)]
pub(crate) struct Found {
    pub card: RwSignal<Option<wire::DeskCard>>,
    /// Where the last verification code went (masked), while it is unread.
    pub sent_to: RwSignal<Option<String>>,
    /// What the caller read back, as typed.
    pub read_back: RwSignal<String>,
    /// The last action done, and a registration code to read out once.
    pub done: RwSignal<bool>,
    pub issued: RwSignal<Option<String>>,
}

impl Found {
    fn new() -> Self {
        Found {
            card: RwSignal::new(None),
            sent_to: RwSignal::new(None),
            read_back: RwSignal::new(String::new()),
            done: RwSignal::new(false),
            issued: RwSignal::new(None),
        }
    }

    /// A new employee on the desk: nothing of the last one carries over.
    fn show(self, card: Option<wire::DeskCard>) {
        self.sent_to.set(None);
        self.read_back.set(String::new());
        self.done.set(false);
        self.issued.set(None);
        self.card.set(card);
    }
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::DeskHeading);
    let api = use_api();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let query_missing = RwSignal::new(false);
    let searched = RwSignal::new(None::<String>);
    let found = Found::new();
    let not_an_agent = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let searching = Pending::new();
    let sign_out = use_sign_out();
    // The card is drawn once per employee found and follows their card from
    // then on, so a fresh card after an action keeps focus where it was.
    let shown = Memo::new(move |_| {
        found
            .card
            .with(|card| card.as_ref().map(|card| card.employee_id.clone()))
    });
    let expired = {
        let navigate = navigate.clone();
        move || navigate(&Leaving::Expired.path(), Default::default())
    };
    // The page's guard: no session, to sign-in; no support role, told so
    // at once (the API would refuse every search anyway).
    Effect::new({
        let api = api.clone();
        let expired = expired.clone();
        move |_| {
            let api = api.clone();
            let expired = expired.clone();
            leptos::task::spawn_local(async move {
                match api.call::<endpoint::GetHome>((), ()).await {
                    Ok(home) if !home.desk => {
                        let _ = not_an_agent.try_set(true);
                    }
                    Err(error) if session_gone(&error) => expired(),
                    _ => {}
                }
            });
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = query.get_untracked().trim().to_owned();
        problem.set(None);
        if typed.is_empty() {
            query_missing.set(true);
            focus("desk-query");
            return;
        }
        query_missing.set(false);
        let expired = expired.clone();
        let request = wire::DeskSearchRequest {
            query: typed.clone(),
        };
        searching.send(
            api.call::<endpoint::DeskSearch>((), request),
            move |result| match result {
                Ok(result) => {
                    let any = result.employee.is_some();
                    found.show(result.employee);
                    searched.set(Some(typed));
                    if any {
                        request_animation_frame(|| focus("desk-employee"));
                    }
                }
                Err(error) if session_gone(&error) => expired(),
                Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Forbidden => {
                    not_an_agent.set(true)
                }
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    };
    view! {
        <section class="card card--wide desk" aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">{move || i18n.t(Msg::DeskHeading)}</h1>
            {sign_out.failure()}
            {move || if not_an_agent.get() {
                view! {
                    <Alert tone=Tone::Error testid="desk-agents-only">
                        <p>{move || i18n.t(Msg::DeskAgentsOnly)}</p>
                    </Alert>
                }.into_any()
            } else {
                let on_submit = on_submit.clone();
                view! {
                    <p>{move || i18n.t(Msg::DeskIntro)}</p>
                    <form class="form" role="search" novalidate on:submit=on_submit>
                        <TextField
                            id="desk-query"
                            label=words(Msg::DeskSearchLabel)
                            value=query
                            input=Input::TEXT.of_kind("search").named("query").at_most(254)
                            hint=words(Msg::DeskSearchHint)
                            error=Signal::derive(move || query_missing.get().then(|| i18n.t(Msg::DeskSearchRequired).to_owned()))
                        />
                        <button type="submit" class="button button--primary" disabled=move || searching.get() data-testid="desk-search">
                            {move || i18n.t(Msg::DeskSearchButton)}
                        </button>
                    </form>
                    <ProblemAlert problem=problem.into() testid="desk-error" />
                    <div role="status" data-testid="desk-not-found">
                        {move || match (searched.get(), found.card.with(Option::is_some)) {
                            (Some(query), false) => Some(fill(i18n.t(Msg::DeskNotFound), &[("query", &query)])),
                            _ => None,
                        }}
                    </div>
                    {move || shown.get().map(|_| view! { <EmployeeCard found /> })}
                }.into_any()
            }}
        </section>
    }
}
