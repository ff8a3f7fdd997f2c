//! "This wasn't me": the link of a new-device alert opens the reset page
//! with its token in the fragment (`/forgot#report=…`, never sent to a
//! server by the browser). The page's first form then asks for one
//! confirmation instead of the Employee ID, and reports the sign-in: the API
//! ends every session, forgets every device and locks the Employee ID until
//! a PIN reset by a one-time PIN, which the page then offers. (One form in
//! two modes, not a step of its own: every view type of a page adds to the
//! first load's function table.)
//!
//! A PIN-reset link from the Technical Support desk (`/forgot#reset=…`)
//! opens a reset already proven by the channel it came by, at the new-PIN
//! step.

use crate::routes::REPORTED;

/// What the page's URL fragment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fragment {
    /// `#report=TOKEN`: the link of a new-device alert.
    Report(String),
    /// `#reported`: sign-in found the ID locked by a report.
    Reported,
    /// `#reset=TOKEN`: a PIN-reset link a Technical Support agent sent.
    Reset(String),
}

impl Fragment {
    /// The fragment of `hash` (with or without its `#`), if it is one of ours.
    pub fn parse(hash: &str) -> Option<Fragment> {
        let hash = hash.trim_start_matches('#');
        if hash == REPORTED {
            return Some(Fragment::Reported);
        }
        if let Some(token) = hash.strip_prefix("reset=") {
            return (!token.is_empty()).then(|| Fragment::Reset(token.to_owned()));
        }
        let token = hash.strip_prefix("report=")?;
        (!token.is_empty()).then(|| Fragment::Report(token.to_owned()))
    }
}
