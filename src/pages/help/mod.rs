//! `/help` and `/help/<topic>`: Help & Support, reachable without signing in.
//! The guides are part of the app, so they show even when the API is down;
//! only the Technical Support Center's details come from `GET /support`.

mod guides;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::components::use_page_title;
use crate::i18n::{Msg, fill, use_i18n};
use crate::pages::NotFoundPage;
use crate::routes::{HelpTopic, Page};

pub use guides::{Hit, Section, fold, guide, search};

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::HelpAndSupport);
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let locale = i18n.locale();
        search(locale, &query.get(), |topic| locale.text(topic.title()))
    });
    let searching = move || !query.with(|query| query.trim().is_empty());
    // Announced politely as the count changes, not on every keystroke's render.
    let count = move || {
        if !searching() {
            return String::new();
        }
        match hits.with(Vec::len) {
            1 => i18n.t(Msg::SearchResultsOne).to_owned(),
            n => fill(i18n.t(Msg::SearchResultsMany), &[("n", &n.to_string())]),
        }
    };

    view! {
        <section class="card card--wide" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::HelpAndSupport)}</h1>
            <p>{move || i18n.t(Msg::HelpIntro)}</p>
            <search class="help-search">
                <div class="field">
                    <label for="help-search">{move || i18n.t(Msg::HelpSearchLabel)}</label>
                    <input
                        id="help-search"
                        type="search"
                        autocomplete="off"
                        aria-controls="help-results"
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))
                    />
                </div>
                <p class="hint" role="status" data-testid="search-count">{count}</p>
            </search>
            <div id="help-results">
                {move || if searching() {
                    let found = hits.get();
                    if found.is_empty() {
                        view! {
                            <p data-testid="no-results">{move || i18n.t(Msg::SearchNoResults)}</p>
                            <SupportCard />
                        }.into_any()
                    } else {
                        view! {
                            <ul class="link-list" data-testid="search-results">
                                {found.into_iter().map(|hit| view! {
                                    <li>
                                        <A href=format!("{}#{}", Page::HelpTopic(hit.topic).path(), hit.section)>
                                            {hit.title}
                                        </A>
                                        <span class="hint">{move || format!(" · {}", i18n.t(hit.topic.title()))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                } else {
                    view! {
                        <nav aria-label=move || i18n.t(Msg::HelpTopicsLabel)>
                            <ul class="link-list" data-testid="help-topics">
                                {HelpTopic::ALL.into_iter().map(|topic| view! {
                                    <li><A href=Page::HelpTopic(topic).path()>{move || i18n.t(topic.title())}</A></li>
                                }).collect_view()}
                            </ul>
                        </nav>
                        <SupportCard />
                    }.into_any()
                }}
            </div>
        </section>
    }
}

/// One topic's guide; an unknown topic slug is the not-found page.
#[component]
pub fn HelpTopicPage() -> impl IntoView {
    let params = use_params_map();
    let topic = move || {
        params
            .read()
            .get("topic")
            .and_then(|slug| HelpTopic::from_slug(&slug))
    };
    move || match topic() {
        Some(topic) => view! { <Guide topic /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

#[component]
fn Guide(topic: HelpTopic) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(topic.title());
    view! {
        <section class="card card--wide" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(topic.title())}</h1>
            {move || guide(i18n.locale(), topic).iter().map(|section| view! {
                <section class="guide-section" aria-labelledby=section.id>
                    <h2 id=section.id>{section.title}</h2>
                    <ol class="guide-steps">
                        {section.steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
            {(topic == HelpTopic::Contact).then(|| view! { <SupportCard /> })}
            <p class="back-link"><A href=Page::Help.path()>{move || i18n.t(Msg::BackToHelp)}</A></p>
        </section>
    }
}

/// The Technical Support Center's details from `GET /support`, with `tel:`
/// and `mailto:` links; says so when they cannot be loaded.
#[component]
pub fn SupportCard() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let contact = LocalResource::new(move || api.call::<endpoint::GetSupport>((), ()));
    view! {
        <section class="support" aria-labelledby="support-heading" data-testid="support-card">
            <h2 id="support-heading">{move || i18n.t(Msg::SupportHeading)}</h2>
            {move || match contact.get() {
                None => view! { <p class="hint">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! {
                    <p data-testid="support-unavailable">{move || i18n.t(Msg::SupportUnavailable)}</p>
                }.into_any(),
                Some(Ok(contact)) => {
                    let phone_href = format!("tel:{}", contact.phone);
                    let mail_href = format!("mailto:{}", contact.email);
                    view! {
                        <dl class="support__details">
                            <dt>{move || i18n.t(Msg::SupportPhone)}</dt>
                            <dd><a href=phone_href>{display_phone(&contact.phone)}</a></dd>
                            <dt>{move || i18n.t(Msg::SupportHours)}</dt>
                            <dd>{contact.hours.clone()}</dd>
                            <dt>{move || i18n.t(Msg::SupportEmail)}</dt>
                            <dd><a href=mail_href>{contact.email.clone()}</a></dd>
                            <dt>{move || i18n.t(Msg::SupportWeb)}</dt>
                            <dd><a href=contact.web_url.clone() rel="noopener">{contact.web_url.clone()}</a></dd>
                        </dl>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// `+18005550199` as people write it in North America (`1-800-555-0199`);
/// other numbers as given.
pub fn display_phone(e164: &str) -> String {
    match e164.strip_prefix("+1") {
        Some(national) if national.len() == 10 => format!(
            "1-{}-{}-{}",
            &national[..3],
            &national[3..6],
            &national[6..]
        ),
        _ => e164.to_owned(),
    }
}
