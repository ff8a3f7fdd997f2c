//! One module per feature's pages.

mod account;
mod desk;
pub mod help;
mod home;
pub mod login;
pub mod on_demand;
mod passkey_sign_in;
pub mod recovery;
mod register;
mod root;
pub mod verify;

pub use account::AccountPage;
pub use desk::DeskPage;
pub use help::{HelpPage, HelpTopicPage};
pub use home::HomePage;
pub use login::LoginPage;
pub use recovery::ForgotPage;
pub use register::RegisterPage;
pub use root::RootPage;
pub use verify::VerifyPage;
