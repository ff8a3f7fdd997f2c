//! `/help` and `/help/<topic>`: Help & Support, reachable without signing in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::use_page_title;
use crate::i18n::{Msg, use_i18n};
use crate::pages::NotFoundPage;
use crate::routes::{HelpTopic, Page};

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::HelpAndSupport);
    view! {
        <section class="card" aria-labelledby="page-heading">
            <h1 id="page-heading">{move || i18n.t(Msg::HelpAndSupport)}</h1>
            <p>{move || i18n.t(Msg::HelpIntro)}</p>
            <nav aria-label=move || i18n.t(Msg::HelpTopicsLabel)>
                <ul class="link-list" data-testid="help-topics">
                    {HelpTopic::ALL
                        .into_iter()
                        .map(|topic| {
                            view! {
                                <li>
                                    <A href=Page::HelpTopic(topic).path()>
                                        {move || i18n.t(topic.title())}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </section>
    }
}

/// One topic's guide; an unknown topic slug is the not-found page.
#[component]
pub fn HelpTopicPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let topic = move || {
        params
            .read()
            .get("topic")
            .and_then(|slug| HelpTopic::from_slug(&slug))
    };
    move || match topic() {
        Some(topic) => {
            use_page_title(topic.title());
            view! {
            <section class="card" aria-labelledby="page-heading">
                <h1 id="page-heading">{move || i18n.t(topic.title())}</h1>
                <p class="notice" data-testid="unbuilt-notice">{move || i18n.t(Msg::GuideNotWritten)}</p>
                <p><A href=Page::Help.path()>{move || i18n.t(Msg::BackToHelp)}</A></p>
            </section>
            }
            .into_any()
        }
        None => view! { <NotFoundPage /> }.into_any(),
    }
}
