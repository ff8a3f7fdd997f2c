//! The UPSers sign-in portal: a client-side rendered Leptos app. It validates
//! form format for fast feedback and asks the auth API for every decision.

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod failures;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod passkey;
pub mod pending;
pub mod policy;
pub mod routes;
pub mod session_sync;
pub mod storage;
pub mod time;
pub mod validation;

pub use app::{App, AppWith};
