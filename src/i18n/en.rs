//! English (`en`). The strings QA relies on are fixed by PRODUCT.md.

use super::Msg;

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::SkipToContent => "Skip to main content",
        Msg::LanguageLabel => "Language",
        Msg::HelpAndSupport => "Help & Support",
        Msg::FooterNote => "UPSers employee portal",
        Msg::NotBuiltYet => "This page is not built yet: it is coming in a later release.",
        Msg::SignInHeading => "Sign in to UPSers",
        Msg::ForgotPin => "Forgot your PIN?",
        Msg::NewUserRegister => "New user? Register",
        Msg::VerifyHeading => "Verify it's you",
        Msg::ResetHeading => "Reset your PIN",
        Msg::RegisterHeading => "Register for UPSers",
        Msg::HomeHeading => "Your UPSers home",
        Msg::HelpIntro => "Guides for signing in, resetting your PIN and getting help.",
        Msg::HelpTopicsLabel => "Help topics",
        Msg::HelpTopicResetPin => "Resetting your PIN",
        Msg::HelpTopicNewUser => "Registering as a new user",
        Msg::HelpTopicMfa => "Understanding multi-factor authentication",
        Msg::HelpTopicTroubleshooting => "General troubleshooting",
        Msg::HelpTopicContact => "Contacting the Technical Support Center",
        Msg::GuideNotWritten => "This guide is being written.",
        Msg::BackToHelp => "Back to Help & Support",
        Msg::NotFoundHeading => "Page not found",
        Msg::NotFoundBody => {
            "There is no page at this address. Check the link, or start again from the sign-in page."
        }
        Msg::GoToSignIn => "Go to sign in",
    }
}
