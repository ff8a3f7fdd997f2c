//! Reusable widgets shared by pages.

mod alert;
mod code_entry;
mod context_help;
mod countdown;
mod new_pin_form;
mod shell;
mod title;

pub use alert::{Alert, Tone};
pub use code_entry::{
    CodeForm, Problem, ProblemAlert, ResendCountdown, code_failure, general_problem, is_flow_over,
};
pub use context_help::ContextHelp;
pub use countdown::{Countdown, deadline_in, format_mss, now_ms, seconds_left, use_countdown};
pub use new_pin_form::{NewPinForm, SetPinForm};
pub use shell::{LanguageSwitcher, Shell};
pub use title::use_page_title;
