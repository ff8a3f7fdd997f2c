//! Domain rules, free of I/O: parsing of what employees type,
//! one-time PINs, session tokens. Handlers turn wire types into these.

pub mod desk;
pub mod employee_id;
pub mod mask;
pub mod otp;
pub mod pin_rules;
pub mod questions;
pub mod registration_code;
pub mod roles;
pub mod secret;
pub mod token;
pub mod user_agent;

pub use employee_id::EmployeeId;
pub use secret::Secret;
