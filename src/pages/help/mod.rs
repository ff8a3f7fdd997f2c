//! `/help` and `/help/<topic>`: Help & Support, reachable without signing in.
//! The guides are part of the app, so they show even when the API is down;
//! so do the Technical Support Center's details, built in and replaced by
//! `GET /support`'s answer.

mod guides;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::components::{Input, NotFoundPage, TextField, use_page_title, words};
use crate::i18n::{Locale, Msg, fill, use_i18n};
use crate::policy::use_policy;
use crate::routes::{HelpTopic, Page};

pub use guides::{Hit, Section, fold, guide, highlight, search};

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let policy = use_policy();
    use_page_title(Msg::HelpAndSupport);
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| search(i18n.locale(), &query.get()));
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
                <TextField
                    id="help-search"
                    label=words(Msg::HelpSearchLabel)
                    value=query
                    input=Input::TEXT.of_kind("search")
                    controls="help-results"
                />
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
                                {found.into_iter().map(|hit| {
                                    let snippet = highlight(&policy.numbers_in(i18n, hit.snippet), &query.get_untracked());
                                    view! {
                                        <li class="search-hit">
                                            <A href=format!("{}#{}", Page::HelpTopic(hit.topic).path(), hit.section)>
                                                {hit.title}
                                            </A>
                                            // Which guide, on a line of its own (a
                                            // separator would start or end a
                                            // wrapped line on a phone).
                                            <p class="hint">{move || i18n.t(hit.topic.title())}</p>
                                            <p class="search-hit__snippet" data-testid="search-snippet">
                                                {snippet.into_iter().map(|(marked, piece)| if marked {
                                                    view! { <mark>{piece}</mark> }.into_any()
                                                } else {
                                                    piece.into_any()
                                                }).collect_view()}
                                            </p>
                                        </li>
                                    }
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
    let policy = use_policy();
    use_page_title(topic.title());
    view! {
        <section class="card card--wide" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(topic.title())}</h1>
            {move || guide(i18n.locale(), topic).iter().map(|section| view! {
                <section class="guide-section" aria-labelledby=section.id>
                    <h2 id=section.id>{section.title}</h2>
                    <ol class="guide-steps">
                        {section.steps.iter().map(|step| view! { <li>{move || policy.numbers_in(i18n, step)}</li> }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
            {(topic == HelpTopic::Contact).then(|| view! { <SupportCard /> })}
            <p class="back-link"><A href=Page::Help.path()>{move || i18n.t(Msg::BackToHelp)}</A></p>
        </section>
    }
}

/// The Technical Support Center as the build knows it: the `UPSERS_SUPPORT_*`
/// values the SPA was built with (the same names as the API's settings), else
/// the demo company's, which are the API's defaults.
fn built_in_contact() -> wire::SupportContact {
    let or = |given: Option<&'static str>, default: &str| given.unwrap_or(default).to_owned();
    let hours_en = or(option_env!("UPSERS_SUPPORT_HOURS"), "Every day, 24 hours");
    wire::SupportContact {
        phone: or(option_env!("UPSERS_SUPPORT_PHONE"), "+18005550199"),
        hours: wire::Localized {
            es: match option_env!("UPSERS_SUPPORT_HOURS") {
                Some(_) => or(option_env!("UPSERS_SUPPORT_HOURS_ES"), &hours_en),
                None => "Todos los días, las 24 horas".to_owned(),
            },
            en: hours_en,
        },
        email: or(
            option_env!("UPSERS_SUPPORT_EMAIL"),
            "support@upsers.example",
        ),
        web_url: or(
            option_env!("UPSERS_SUPPORT_URL"),
            "https://support.upsers.example",
        ),
        server_time: 0,
    }
}

/// The Technical Support Center's details, with `tel:` and `mailto:` links:
/// the built-in ones at once (so they show even when the API cannot be
/// reached), replaced by `GET /support`'s answer when it comes.
#[component]
pub fn SupportCard() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let answer = LocalResource::new(move || api.call::<endpoint::GetSupport>((), ()));
    let contact = move || {
        answer
            .get()
            .and_then(Result::ok)
            .unwrap_or_else(built_in_contact)
    };
    view! {
        <section class="support" aria-labelledby="support-heading" data-testid="support-card">
            <h2 id="support-heading">{move || i18n.t(Msg::SupportHeading)}</h2>
            {move || {
                let contact = contact();
                let phone_href = format!("tel:{}", contact.phone);
                let mail_href = format!("mailto:{}", contact.email);
                let hours = contact.hours;
                view! {
                    <dl class="support__details">
                        <dt>{move || i18n.t(Msg::SupportPhone)}</dt>
                        <dd><a href=phone_href class="nowrap">{display_phone(&contact.phone)}</a></dd>
                        <dt>{move || i18n.t(Msg::SupportHours)}</dt>
                        <dd data-testid="support-hours">{move || match i18n.locale() {
                            Locale::En => hours.en.clone(),
                            Locale::Es => hours.es.clone(),
                        }}</dd>
                        <dt>{move || i18n.t(Msg::SupportEmail)}</dt>
                        <dd><a href=mail_href>{breakable(&contact.email)}</a></dd>
                        <dt>{move || i18n.t(Msg::SupportWeb)}</dt>
                        <dd><a href=contact.web_url.clone() rel="noopener">{breakable(&contact.web_url)}</a></dd>
                    </dl>
                }
            }}
        </section>
    }
}

/// An address that may wrap only before `@`, `.` and `/`, never inside a
/// word (a narrow phone would otherwise cut `support` in two).
fn breakable(address: &str) -> impl IntoView {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in address.chars() {
        if matches!(c, '@' | '.' | '/') && !piece.is_empty() && !piece.ends_with('/') {
            pieces.push(std::mem::take(&mut piece));
        }
        piece.push(c);
    }
    pieces.push(piece);
    let last = pieces.len() - 1;
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, piece)| view! { {piece} {(index < last).then(|| view! { <wbr /> })} })
        .collect_view()
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
