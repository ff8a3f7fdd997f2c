//! API integration tests: the real server on port 0 with a fresh store per test,
//! run against SQLite and against PostgreSQL (see `helpers::Backend`).

mod helpers;

mod account;
mod account_activity;
mod account_contacts;
mod account_questions;
mod account_sessions;
mod bad_input;
mod cli;
mod contact_settling;
mod csrf;
mod delivery;
mod desk;
mod desk_actions;
mod equal_work;
mod errors;
mod housekeeping;
mod limits;
mod login;
mod new_device_alerts;
mod openapi;
mod passkeys;
mod policy;
mod probes;
mod recovery;
mod registration;
mod remembered_devices;
mod server_limits;
mod session;
mod soft_authenticator;
mod spa;
mod stolen_session;
mod support_roles;
