//! Help & Support mounted in headless Chromium: the guides in both languages,
//! the search as one types, the support center's details (and their absence
//! when the API is unreachable), and the context links from other pages.

mod support;

use std::sync::Arc;

use support::*;
use upsers_contract as wire;
use upsers_web::i18n::Locale;
use upsers_web::pages::help::{display_phone, fold, guide, highlight, search};
use upsers_web::routes::HelpTopic;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn contact() -> wire::SupportContact {
    wire::SupportContact {
        phone: "+18005550199".into(),
        hours: wire::Localized {
            en: "Every day, 24 hours".into(),
            es: "Todos los días, las 24 horas".into(),
        },
        email: "support@upsers.example".into(),
        web_url: "https://support.upsers.example".into(),
        server_time: 0,
    }
}

#[wasm_bindgen_test]
fn every_guide_has_the_same_sections_and_steps_in_every_language() {
    for topic in HelpTopic::ALL {
        let english = guide(Locale::En, topic);
        assert!(!english.is_empty(), "{topic:?} has a guide");
        for locale in Locale::ALL {
            let other = guide(locale, topic);
            let shape = |sections: &[upsers_web::pages::help::Section]| {
                sections
                    .iter()
                    .map(|section| (section.id, section.steps.len()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(shape(other), shape(english), "{topic:?} in {locale:?}");
            for section in other {
                assert!(
                    !section.title.is_empty() && section.steps.iter().all(|step| !step.is_empty())
                );
            }
        }
        if topic != HelpTopic::Contact {
            let spanish: Vec<_> = guide(Locale::Es, topic).iter().map(|s| s.title).collect();
            let english: Vec<_> = english.iter().map(|s| s.title).collect();
            assert_ne!(spanish, english, "{topic:?} is translated");
        }
    }
}

#[wasm_bindgen_test]
fn search_ignores_case_and_accents_and_needs_every_word() {
    let hits = search(Locale::En, "caps LOCK");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].topic, hits[0].section),
        (HelpTopic::Troubleshooting, "caps-lock")
    );
    assert!(search(Locale::En, "   ").is_empty());
    assert!(search(Locale::En, "caps zebra").is_empty());
    let spanish = search(Locale::Es, "codigo");
    assert!(
        spanish.iter().any(|hit| hit.section == "code-not-arriving"),
        "`codigo` finds `código`"
    );
    assert_eq!(fold("Código ÑANDÚ"), "codigo nandu");
    assert_eq!(display_phone("+18005550199"), "1-800-555-0199");
    assert_eq!(display_phone("+442079460958"), "+442079460958");
}

#[wasm_bindgen_test]
fn synonyms_and_either_language_find_the_same_guides() {
    let sections = |locale: Locale, query: &str| {
        search(locale, query)
            .into_iter()
            .map(|hit| (hit.topic, hit.section))
            .collect::<Vec<_>>()
    };
    let password = sections(Locale::En, "password");
    assert!(
        password
            .iter()
            .any(|(topic, _)| *topic == HelpTopic::ResetPin),
        "`password` finds the PIN guides: {password:?}"
    );
    assert_eq!(sections(Locale::En, "contraseña"), password);
    assert_eq!(sections(Locale::Es, "password"), password);
    let locked = sections(Locale::En, "locked");
    assert!(
        locked.contains(&(HelpTopic::Troubleshooting, "locked-out")),
        "{locked:?}"
    );
    let bloqueado = sections(Locale::En, "bloqueado");
    assert!(
        bloqueado.contains(&(HelpTopic::Troubleshooting, "locked-out")),
        "Spanish words, English page: {bloqueado:?}"
    );
    assert_eq!(sections(Locale::Es, "bloqueado"), bloqueado);
    assert_eq!(
        sections(Locale::Es, "locked"),
        locked,
        "English words, Spanish page"
    );
}

#[wasm_bindgen_test]
fn the_snippet_is_the_step_that_answers_with_the_words_marked() {
    let hits = search(Locale::En, "locked");
    let lockout = hits.iter().find(|hit| hit.section == "locked-out").unwrap();
    assert!(
        lockout.snippet.contains("locked for {lock}"),
        "the step that answers, with the policy's place for the lock: {}",
        lockout.snippet
    );
    let pieces = highlight("Your Employee ID is Locked; it unlocks", "locked");
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|(marked, _)| *marked)
        .map(|(_, piece)| piece.as_str())
        .collect();
    assert_eq!(
        marked,
        ["Locked", "lock"],
        "the word and its stem, case kept"
    );
    let joined: String = pieces.iter().map(|(_, piece)| piece.as_str()).collect();
    assert_eq!(
        joined, "Your Employee ID is Locked; it unlocks",
        "nothing lost"
    );
    let spanish = highlight("Código de un solo uso", "codigo");
    assert_eq!(spanish[0], (true, "Código".to_owned()), "accents ignored");
}

#[wasm_bindgen_test]
async fn typing_filters_the_guides_and_announces_the_count() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.supports.lock().unwrap().push_back(Ok(contact()));
    api.supports.lock().unwrap().push_back(Ok(contact()));
    let app = mount_with("/help", api.clone());
    wait_for_heading(&app.root, "Help & Support").await;
    let count = query(&app.root, "[data-testid=search-count]");
    assert_eq!(count.get_attribute("role").as_deref(), Some("status"));

    type_into(&app.root, "help-search", "code");
    let root = app.root.clone();
    let said = wait_for("a count", || {
        text_of(&root, "[data-testid=search-count]").filter(|text| text.contains("result"))
    })
    .await;
    let shown = app
        .root
        .query_selector_all("[data-testid=search-results] li")
        .unwrap()
        .length();
    assert!(shown > 1);
    assert_eq!(said, format!("{shown} results"));
    let first: web_sys::HtmlAnchorElement =
        query(&app.root, "[data-testid=search-results] a").unchecked_into();
    assert!(
        first.href().contains("/help/") && first.href().contains('#'),
        "{}",
        first.href()
    );

    type_into(&app.root, "help-search", "zebra crossing");
    let root = app.root.clone();
    wait_for("no results", || text_of(&root, "[data-testid=no-results]")).await;
    assert_eq!(
        text_of(&app.root, "[data-testid=search-count]").as_deref(),
        Some("0 results")
    );
    let root = app.root.clone();
    wait_for("the support details with the no-results message", || {
        root.query_selector("[data-testid=support-card] a[href='tel:+18005550199']")
            .ok()
            .flatten()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_contact_topic_links_phone_and_email_and_survives_an_unreachable_api() {
    let _serial = begin().await;
    let api = Arc::new(ScriptedApi::default());
    api.supports.lock().unwrap().push_back(Ok(contact()));
    let app = mount_with("/help/contact", api.clone());
    wait_for_heading(&app.root, "Contacting the Technical Support Center").await;
    let root = app.root.clone();
    let phone = wait_for("the phone link", || {
        root.query_selector("a[href='tel:+18005550199']")
            .ok()
            .flatten()
    })
    .await;
    assert_eq!(phone.text_content().as_deref(), Some("1-800-555-0199"));
    assert!(
        app.root
            .query_selector("a[href='mailto:support@upsers.example']")
            .unwrap()
            .is_some()
    );
    assert!(
        text_of(&app.root, "[data-testid=support-card]")
            .unwrap()
            .contains("Every day, 24 hours")
    );
    drop(app);

    // Nothing scripted: the API does not answer.
    let app = mount_with("/help/mfa", Arc::new(ScriptedApi::default()));
    wait_for_heading(&app.root, "Understanding multi-factor authentication").await;
    assert!(
        text_of(&app.root, "h2#code-not-arriving").is_some(),
        "the guide renders without the API"
    );
    drop(app);
    let app = mount_with("/help/contact", Arc::new(ScriptedApi::default()));
    wait_for_heading(&app.root, "Contacting the Technical Support Center").await;
    assert!(text_of(&app.root, "h2#when-to-contact").is_some());
    let card = text_of(&app.root, "[data-testid=support-card]").unwrap();
    assert!(
        card.contains("1-800-555-0199") && card.contains("support@upsers.example"),
        "the built-in details, without the API: {card}"
    );
    query(&app.root, "[data-testid=language-es]").click();
    let root = app.root.clone();
    wait_for("the hours in Spanish", || {
        text_of(&root, "[data-testid=support-hours]")
            .filter(|hours| hours == "Todos los días, las 24 horas")
    })
    .await;
}

#[wasm_bindgen_test]
async fn sign_in_verification_recovery_and_registration_link_to_their_topics() {
    let _serial = begin().await;
    for (path, heading, topic) in [
        ("/login", "Sign in to UPSers", "/help/troubleshooting"),
        ("/forgot", "Forgot your PIN?", "/help/reset-pin"),
        ("/register", "Register for UPSers", "/help/new-user"),
    ] {
        let app = mount_app_at(path);
        wait_for_heading(&app.root, heading).await;
        assert!(
            app.root
                .query_selector(&format!("a[href='{topic}']"))
                .unwrap()
                .is_some(),
            "{path} links to {topic}"
        );
    }
    keep_login_flow(&[(wire::Channel::Email, "j•••@upsers.example")]);
    let app = mount_app_at("/login/verify");
    wait_for_heading(&app.root, "Verify it's you").await;
    assert!(
        app.root
            .query_selector("a[href='/help/mfa']")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_guides_say_the_numbers_of_the_policy_the_api_enforces() {
    let _serial = begin().await;
    let mut policy = scripted_policy();
    policy.lockout.max_failures = 5;
    policy.lockout.lockout_secs = 30;
    policy.session.idle_secs = 20 * 60;
    let api = Arc::new(ScriptedApi::default());
    *api.policy.lock().unwrap() = Some(policy);
    let app = mount_with("/help/troubleshooting", api.clone());
    let root = app.root.clone();
    wait_for("the lock of this policy", || {
        text_of(&root, "section[aria-labelledby=locked-out] ol").filter(|steps| {
            steps.contains(
                "After 5 failed attempts in a row, your Employee ID is locked for 30 seconds.",
            )
        })
    })
    .await;
    let session = text_of(&app.root, "section[aria-labelledby=signed-out] ol").unwrap_or_default();
    assert!(
        session.contains("after 20 minutes without activity, and after 8 hours"),
        "{session}"
    );
    drop(app);

    // Every number of every guide is filled in, in both languages.
    for locale in ["en", "es"] {
        for topic in HelpTopic::ALL {
            let app = mount_with(&format!("/help/{}", topic.slug()), api.clone());
            if locale == "es" {
                query(&app.root, "[data-testid=language-es]").click();
            }
            let root = app.root.clone();
            let text = wait_for("the guide in its language", || {
                text_of(&root, "main").filter(|text| {
                    text.contains("Volver a Ayuda y soporte") == (locale == "es")
                        && !text.contains("Loading")
                })
            })
            .await;
            assert!(!text.contains('{'), "{topic:?} in {locale}: {text}");
            drop(app);
        }
    }
    clear_storage();
}
