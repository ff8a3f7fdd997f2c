//! The UPSers companion auth API: the server the SPA asks for every decision,
//! and the admin command line, in one binary.

pub mod admin;
#[cfg(test)]
mod architecture;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod courier;
pub mod csrf;
pub mod demo;
pub mod domain;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod passkeys;
pub mod password;
pub mod routes;
pub mod security_headers;
pub mod server;
pub mod shutdown;
pub mod spa;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod work;
