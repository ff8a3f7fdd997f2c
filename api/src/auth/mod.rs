//! Flows, attempts and sessions: who may try what, and who is signed in.
//! Every secret comparison goes through the attempts guard; every flow step
//! starts from a [`LiveFlow`], every signed-in route from [`SignedIn`].
//! Handlers parse, call in here, and answer.

pub mod agents;
pub mod alerts;
pub mod attempts;
pub mod ceremonies;
pub mod codes;
pub mod contacts;
pub mod desk;
pub mod devices;
pub mod flows;
pub mod notices;
pub mod passkey_sign_in;
pub mod pins;
pub mod questions;
pub mod registration;
pub mod reports;
pub mod sessions;
pub mod signin;
pub mod step_up;

pub use agents::Agent;
pub use attempts::{Attempt, Failure, Limit};
pub use flows::{FlowType, LiveFlow};
pub use sessions::{SESSION_COOKIE, SignedIn};
