//! English (`en`), the messages the first load draws: the shell, sign-in,
//! the root redirect, page-not-found, alerts and the errors they share. The
//! text of every page that loads on demand is in `en_pages.rs`, fetched with
//! the first such page in the split build (see [`super::prepare_pages`]). A
//! message the sign-in page starts to use moves here, and to the
//! `first_load` list in `mod.rs`; the browser tests show a blank where one
//! is missing. The strings QA relies on
//! are fixed by PRODUCT.md.

use super::Msg;

pub fn text(msg: Msg) -> &'static str {
    if msg.is_on_demand() {
        return super::english_pages().map_or("", |text| text(msg));
    }
    match msg {
        Msg::SkipToContent => "Skip to main content",
        Msg::LanguageLabel => "Language",
        Msg::HelpAndSupport => "Help & Support",
        Msg::FooterNote => "UPSers employee portal",
        Msg::SignInHeading => "Sign in to UPSers",
        Msg::ForgotPin => "Forgot your PIN?",
        Msg::NewUserRegister => "New user? Register",
        Msg::PageUnavailable => "This page could not load",
        Msg::PageUnavailableBody => {
            "Part of the portal did not arrive, most likely because the connection dropped. Check your connection and try again."
        }
        Msg::TryAgain => "Try again",
        Msg::EmployeeIdLabel => "Employee ID",
        Msg::PinLabel => "PIN",
        Msg::ShowPin => "Show PIN",
        Msg::HidePin => "Hide PIN",
        Msg::SignInButton => "Sign in",
        Msg::Working => "Please wait…",
        Msg::RememberId => "Remember my Employee ID",
        Msg::CapsLockOn => "Caps Lock is on. Your PIN is case-sensitive.",
        Msg::EmployeeIdRequired => "Enter your Employee ID.",
        Msg::EmployeeIdFormat => "An Employee ID is {n} digits.",
        Msg::PinRequired => "Enter your PIN.",
        Msg::PinShorterThanAny => "A PIN has at least {n} characters.",
        Msg::PinTooLong => "A PIN has at most {n} characters.",
        Msg::InvalidCredentials => "The Employee ID or PIN is not correct.",
        Msg::AttemptsRemainingOne => {
            "1 attempt left before this Employee ID is locked for {duration}."
        }
        Msg::AttemptsRemainingMany => {
            "{n} attempts left before this Employee ID is locked for {duration}."
        }
        Msg::Locked => "Too many failed attempts. This Employee ID is locked for now.",
        Msg::LockedResetHint => "Resetting your PIN by text message or email unlocks it now.",
        Msg::DurationSecond => "1 second",
        Msg::DurationSeconds => "{n} seconds",
        Msg::DurationMinute => "1 minute",
        Msg::DurationMinutes => "{n} minutes",
        Msg::DurationHour => "1 hour",
        Msg::DurationHours => "{n} hours",
        Msg::PinHint => "{min} to {max} characters. Capital and small letters are different.",
        Msg::TryAgainIn => "Try again in {time}.",
        Msg::LockEnded => "The lock has ended. You can try again now.",
        Msg::RateLimited => "Too many attempts from this network.",
        Msg::Unavailable => {
            "The sign-in service is not available right now. Please try again in a few minutes."
        }
        Msg::NetworkError => {
            "We could not reach the sign-in service. Check your connection and try again."
        }
        Msg::GenericError => "Something went wrong. Please try again.",
        Msg::BackToSignIn => "Back to sign in",
        Msg::SessionExpired => {
            "You were signed out after {duration} without activity. Please sign in again."
        }
        Msg::SignedOut => "You have signed out.",
        Msg::Loading => "Loading…",
        Msg::HelpSignIn => "Trouble signing in?",
        Msg::AlertError => "There is a problem",
        Msg::AlertWarning => "Warning",
        Msg::AlertInfo => "Important",
        Msg::AlertSuccess => "Success",
        Msg::NotFoundHeading => "Page not found",
        Msg::NotFoundBody => {
            "There is no page at this address. Check the link, or start again from the sign-in page."
        }
        Msg::GoToSignIn => "Go to sign in",
        // The on-demand messages returned above.
        _ => "",
    }
}
