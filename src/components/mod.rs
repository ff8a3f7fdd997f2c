//! Reusable widgets shared by pages.

mod alert;
mod code_entry;
mod confirm_removal;
mod context_help;
mod countdown;
mod employee_id_field;
mod error_summary;
mod lockout;
mod new_pin_form;
mod not_found;
mod questions_form;
mod shell;
mod show_pin;
mod sign_out;
mod signed_in;
mod text_field;
mod title;

pub use alert::{Alert, Tone};
pub use code_entry::{
    CodeSentTo, ProblemAlert, RememberDevice, ResendCountdown, ResendGaps, SentCode, code_sent,
    use_resend_gaps,
};
pub use confirm_removal::ConfirmRemoval;
pub use context_help::ContextHelp;
pub use countdown::{Countdown, deadline_in, format_mss, now_ms, seconds_left, use_countdown};
pub use employee_id_field::{EmployeeIdField, employee_id_message};
pub use error_summary::{ERROR_SUMMARY, ErrorLink, ErrorSummary, focus_error_summary};
pub use lockout::{Lockout, lockout_timer, use_lockout};
pub use new_pin_form::{CurrentPin, NewPinForm, SetPinForm};
pub use not_found::NotFoundPage;
pub use questions_form::{QuestionsForm, question_msg};
pub use shell::{HEADER_ACTIONS, LanguageSwitcher, Shell};
pub use show_pin::ShowPinToggle;
pub use sign_out::{SignOut, use_sign_out};
pub use signed_in::{Leaving, guard, session_gone, to_sign_in};
pub use text_field::{Input, TextField, words};
pub use title::use_page_title;
