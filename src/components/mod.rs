//! Reusable widgets shared by pages.

mod shell;
mod title;
mod unbuilt;

pub use shell::{LanguageSwitcher, Shell};
pub use title::use_page_title;
pub use unbuilt::UnbuiltPage;
