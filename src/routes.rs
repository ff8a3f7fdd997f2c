//! The one source of URLs in the SPA: links and redirects use [`Page::path`],
//! never string literals, so a moved page cannot leave a dead link behind.

use crate::i18n::Msg;

/// The fragment of the PIN reset page when the API says a report ("This
/// wasn't me") locked the ID: the page then says why, and offers the way
/// out. Sign-in, by PIN or passkey, sends the employee there.
pub const REPORTED: &str = "reported";

/// The PIN reset page, saying that a report locked the ID.
pub fn forgot_after_report() -> String {
    Page::Forgot.path() + "#" + REPORTED
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Login,
    Verify,
    Forgot,
    Register,
    Home,
    Account,
    /// The Technical Support desk (support agents only).
    Desk,
    Help,
    HelpTopic(HelpTopic),
}

impl Page {
    pub fn path(self) -> String {
        match self {
            Page::Login => "/login".into(),
            Page::Verify => "/login/verify".into(),
            Page::Forgot => "/forgot".into(),
            Page::Register => "/register".into(),
            Page::Home => "/home".into(),
            Page::Account => "/account".into(),
            Page::Desk => "/desk".into(),
            Page::Help => "/help".into(),
            Page::HelpTopic(topic) => format!("/help/{}", topic.slug()),
        }
    }

    /// Every page, help topics included.
    pub fn all() -> impl Iterator<Item = Page> {
        [
            Page::Login,
            Page::Verify,
            Page::Forgot,
            Page::Register,
            Page::Home,
            Page::Account,
            Page::Desk,
            Page::Help,
        ]
        .into_iter()
        .chain(HelpTopic::ALL.map(Page::HelpTopic))
    }

    /// The page at `path` (a link's `href`: any query or fragment is
    /// ignored), if it is one of ours. Found by [`Page::path`], so the URLs
    /// are written once.
    pub fn from_path(path: &str) -> Option<Page> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        Page::all().find(|page| page.path() == path)
    }
}

/// The Help & Support topics of PRODUCT.md, each its own linkable route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpTopic {
    ResetPin,
    NewUser,
    Mfa,
    Troubleshooting,
    Contact,
}

impl HelpTopic {
    pub const ALL: [HelpTopic; 5] = [
        HelpTopic::ResetPin,
        HelpTopic::NewUser,
        HelpTopic::Mfa,
        HelpTopic::Troubleshooting,
        HelpTopic::Contact,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            HelpTopic::ResetPin => "reset-pin",
            HelpTopic::NewUser => "new-user",
            HelpTopic::Mfa => "mfa",
            HelpTopic::Troubleshooting => "troubleshooting",
            HelpTopic::Contact => "contact",
        }
    }

    pub fn from_slug(slug: &str) -> Option<HelpTopic> {
        HelpTopic::ALL
            .into_iter()
            .find(|topic| topic.slug() == slug)
    }

    pub fn title(self) -> Msg {
        match self {
            HelpTopic::ResetPin => Msg::HelpTopicResetPin,
            HelpTopic::NewUser => Msg::HelpTopicNewUser,
            HelpTopic::Mfa => Msg::HelpTopicMfa,
            HelpTopic::Troubleshooting => Msg::HelpTopicTroubleshooting,
            HelpTopic::Contact => Msg::HelpTopicContact,
        }
    }
}
