//! The UPSers sign-in portal: a client-side rendered Leptos app. It validates
//! form format for fast feedback and asks the auth API for every decision.

pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod routes;

pub use app::App;
