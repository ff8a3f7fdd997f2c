//! The translation layer: choice of language, and completeness of each locale.

use upsers_web::i18n::{Locale, Msg, initial_locale};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_stored_choice_wins_over_the_browser_language() {
    assert_eq!(initial_locale(Some("es"), &["en-US".into()]), Locale::Es);
    assert_eq!(initial_locale(Some("en"), &["es-MX".into()]), Locale::En);
}

#[wasm_bindgen_test]
fn a_first_visit_follows_the_first_browser_language_the_portal_speaks() {
    assert_eq!(
        initial_locale(None, &["fr-FR".into(), "es-MX".into()]),
        Locale::Es
    );
    assert_eq!(initial_locale(None, &["ES".into()]), Locale::Es);
    assert_eq!(initial_locale(None, &["de".into()]), Locale::En);
    assert_eq!(initial_locale(None, &[]), Locale::En);
    assert_eq!(initial_locale(Some("klingon"), &["es".into()]), Locale::Es);
}

#[wasm_bindgen_test]
fn every_message_has_its_own_text_in_every_locale() {
    for &msg in Msg::ALL {
        for locale in Locale::ALL {
            assert!(
                !locale.text(msg).trim().is_empty(),
                "{msg:?} is blank in {locale:?}"
            );
        }
        // "PIN" is the same word in both languages.
        if msg != Msg::PinLabel {
            assert_ne!(
                Locale::En.text(msg),
                Locale::Es.text(msg),
                "{msg:?} is not translated into Spanish"
            );
        }
    }
}

#[wasm_bindgen_test]
fn the_product_copy_is_exact_in_english() {
    assert_eq!(Locale::En.text(Msg::SignInHeading), "Sign in to UPSers");
    assert_eq!(Locale::En.text(Msg::ForgotPin), "Forgot your PIN?");
    assert_eq!(Locale::En.text(Msg::NewUserRegister), "New user? Register");
    assert_eq!(Locale::En.text(Msg::HelpAndSupport), "Help & Support");
    assert_eq!(Locale::En.text(Msg::VerifyHeading), "Verify it's you");
    assert_eq!(Locale::En.text(Msg::ResetHeading), "Reset your PIN");
    assert_eq!(Locale::En.text(Msg::RegisterHeading), "Register for UPSers");
}
