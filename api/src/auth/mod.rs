//! Who may try what: the attempts guard every secret comparison goes through.
//! Handlers parse, call in here, and answer.

pub mod attempts;

pub use attempts::{Attempt, Failure, Limit};
