//! Reusable widgets shared by pages.

mod shell;
mod unbuilt;

pub use shell::{LanguageSwitcher, Shell};
pub use unbuilt::UnbuiltPage;
