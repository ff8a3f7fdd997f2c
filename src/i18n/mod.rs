//! The one translation layer every visible string goes through.
//!
//! Each locale is an exhaustive `match` over [`Msg`], so a message missing in one
//! language is a compile error, not a blank on screen. The chosen language
//! persists in localStorage and sets `<html lang>` for screen readers and
//! hyphenation; a first visit follows the browser's language.
//!
//! The English of the first load's messages is in the first load; the English
//! of the pages that load on demand is a module of its own in the split build
//! (the `split` feature), fetched with the first such page. Spanish is a
//! module of its own too, fetched before the app mounts when Spanish is the
//! starting language (the shell shows Spanish meanwhile), or when the
//! employee switches to it. The words chosen for each thing are in
//! GLOSSARY.md.

mod en;
mod en_pages;
mod es;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    En,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// BCP 47 tag, as written to `<html lang>` and localStorage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// The language's own name, as the switcher shows it whatever the current locale.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    /// The locale for a language tag such as `es-MX`, matched on its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL
            .into_iter()
            .find(|locale| locale.tag() == primary)
    }

    /// `msg` in this language; in English while the language's module has
    /// not arrived (see [`prepare`]).
    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Locale::En => en::text(msg),
            Locale::Es => spanish().map_or_else(|| en::text(msg), |text| text(msg)),
        }
    }

    /// Whether this language's text is here, so switching to it draws it.
    pub fn is_ready(self) -> bool {
        match self {
            Locale::En => true,
            Locale::Es => spanish().is_some(),
        }
    }
}

/// One language's text, by message.
type Catalogue = fn(Msg) -> &'static str;

/// A catalogue that is a module of its own in the split build: `$get()` is
/// its text once the module has arrived (unsplit builds carry it in the one
/// module, so always), and `$load().await` fetches it if it is not here yet.
macro_rules! split_catalogue {
    ($cell:ident, $get:ident, $load:ident, $split:ident => $module:ident, $text:path) => {
        #[cfg(feature = "split")]
        static $cell: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();

        #[cfg(feature = "split")]
        fn $get() -> Option<Catalogue> {
            $cell.get().copied()
        }

        #[cfg(not(feature = "split"))]
        fn $get() -> Option<Catalogue> {
            Some($text)
        }

        /// The split point wasm-split moves the text (and its lookup) to.
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split() -> Result<Catalogue, leptos::wasm_split::SplitLoaderError> {
            Ok($text)
        }

        async fn $load() {
            #[cfg(feature = "split")]
            if $get().is_none()
                && let Ok(text) = $split().await
            {
                let _ = $cell.set(text);
            }
        }
    };
}

split_catalogue!(SPANISH, spanish, load_spanish, spanish_catalogue => spanish, es::text);
split_catalogue!(ENGLISH_PAGES, english_pages, load_english_pages, english_pages_catalogue => english_pages, en_pages::text);

/// Fetches the English of the on-demand pages if it is not here yet (every
/// such page awaits it before it draws); returns whether it is here now.
pub async fn prepare_pages() -> bool {
    load_english_pages().await;
    english_pages().is_some()
}

/// Fetches the text of `locale` if it is not here yet; returns whether it is
/// here now (a failed fetch leaves the page in English, and a later switch
/// tries again).
pub async fn prepare(locale: Locale) -> bool {
    if locale == Locale::Es {
        load_spanish().await;
    }
    locale.is_ready()
}

/// The language the app starts in: the stored choice, else the browser's.
pub fn starting_locale() -> Locale {
    let stored = local_storage().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    initial_locale(stored.as_deref(), &browser_languages())
}

/// A stored choice wins; else the first of the browser's languages we speak;
/// else English.
pub fn initial_locale(stored: Option<&str>, browser_languages: &[String]) -> Locale {
    stored
        .and_then(Locale::from_tag)
        .or_else(|| {
            browser_languages
                .iter()
                .find_map(|tag| Locale::from_tag(tag))
        })
        .unwrap_or(Locale::En)
}

macro_rules! messages {
    (
        first_load { $($first:ident),* $(,)? }
        on_demand { $on_demand:ident $(, $page:ident)* $(,)? }
    ) => {
        /// Every visible string of the SPA, by meaning: the first load's
        /// first, then the on-demand pages', so the first load's lookup
        /// ([`Msg::is_on_demand`] then a match on its own messages) does not
        /// grow with every page added.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($first,)* $on_demand $(, $page)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$first,)* Msg::$on_demand $(, Msg::$page)*];

            /// Whether the message's English is in the on-demand pages'
            /// catalogue (`en_pages.rs`) rather than the first load's.
            pub fn is_on_demand(self) -> bool {
                self as u16 >= Msg::$on_demand as u16
            }
        }
    };
}

messages! {
    // The first load draws these: en.rs has their English.
    first_load {
        // shell
        SkipToContent,
        LanguageLabel,
        HelpAndSupport,
        FooterNote,
        // sign-in
        SignInHeading,
        ForgotPin,
        NewUserRegister,
        // not found
        NotFoundHeading,
        NotFoundBody,
        GoToSignIn,
        // a page whose module could not be fetched
        PageUnavailable,
        PageUnavailableBody,
        TryAgain,
        // sign-in form and its errors
        EmployeeIdLabel,
        PinLabel,
        ShowPin,
        HidePin,
        SignInButton,
        Working,
        RememberId,
        CapsLockOn,
        EmployeeIdRequired,
        EmployeeIdFormat,
        PinRequired,
        PinTooLong,
        InvalidCredentials,
        DurationSecond,
        DurationSeconds,
        DurationMinute,
        DurationMinutes,
        DurationHour,
        DurationHours,
        PinHint,
        PinShorterThanAny,
        LockedResetHint,
        AttemptsRemainingOne,
        AttemptsRemainingMany,
        Locked,
        TryAgainIn,
        LockEnded,
        RateLimited,
        Unavailable,
        NetworkError,
        GenericError,
        BackToSignIn,
        SessionExpired,
        SignedOut,
        Loading,
        // help
        HelpSignIn,
        // alert headings
        AlertError,
        AlertWarning,
        AlertInfo,
        AlertSuccess,
    }
    // The pages that load on demand draw these: en_pages.rs has their English.
    on_demand {
        // sign-in
        VerifyHeading,
        // recovery and registration
        ResetHeading,
        RegisterHeading,
        // home hub
        HomeHeading,
        // help
        HelpIntro,
        HelpTopicsLabel,
        HelpTopicResetPin,
        HelpTopicNewUser,
        HelpTopicMfa,
        HelpTopicTroubleshooting,
        HelpTopicContact,
        BackToHelp,
        // verification, home hub, My account
        VerifyIntro,
        WillTextTo,
        WillEmailTo,
        Sending,
        ChooseChannel,
        TextTo,
        EmailTo,
        SendCode,
        CodeSentTo,
        OtpLabel,
        OtpExpiresIn,
        VerifyButton,
        ResendCode,
        ResendIn,
        OtpFormat,
        InvalidCode,
        CodeExpired,
        FlowExpired,
        NoChannel,
        WelcomeName,
        LastSignIn,
        FirstSignIn,
        SignOut,
        YourResources,
        IdleTitle,
        IdleBody,
        StaySignedIn,
        SignOutFailedHeading,
        SignOutFailed,
        SignOutRetry,
        // PIN recovery
        ForgotIntro,
        ContinueButton,
        UseAnotherId,
        ResetFor,
        ChooseMethod,
        MethodSms,
        MethodEmail,
        MethodQuestions,
        ResetCodeHeading,
        ResetSentSms,
        ResetSentEmail,
        ChooseAnotherWay,
        QuestionsHeading,
        QuestionsIntro,
        AnswerRequired,
        AnswerTooLong,
        WrongAnswers,
        QuestionsLocked,
        QuestionsNotEnough,
        ReportHeading,
        ReportIntro,
        ReportButton,
        ReportDone,
        ReportLinkOver,
        ReportedLocked,
        NewPinHeading,
        NewPinIntro,
        NewPinLabel,
        ConfirmPinLabel,
        SetPinButton,
        AccountHeading,
        AccountIntro,
        ChangePinHeading,
        CurrentPinLabel,
        CurrentPinRequired,
        CurrentPinWrong,
        PinChangedBody,
        MyAccount,
        MyAccountText,
        BackToHome,
        SessionsHeading,
        SessionsIntro,
        SessionDevice,
        SessionUnknownBrowser,
        SessionUnknownDevice,
        ThisDevice,
        SessionStarted,
        SessionLastActive,
        SessionAddress,
        EndSession,
        EndOtherSessions,
        SessionEnded,
        OtherSessionsEnded,
        OnlyThisDevice,
        ActivityHeading,
        ActivityIntro,
        ActivitySignedIn,
        ActivityWrongPin,
        ActivityWrongCode,
        ActivityWrongCurrentPin,
        ActivityLocked,
        ActivityPinChanged,
        ActivityPinReset,
        ActivitySessionsEnded,
        ActivityUnknown,
        QuestionsAccountHeading,
        QuestionsAccountIntro,
        ChangeQuestions,
        SaveQuestions,
        QuestionsChanged,
        StepUpForQuestions,
        ContactsHeading,
        ContactsIntro,
        ContactNone,
        AddMobile,
        ChangeMobile,
        RemoveMobile,
        AddEmail,
        ChangeEmail,
        RemoveEmail,
        OnlyContact,
        MobileChanged,
        EmailChanged,
        MobileRemoved,
        EmailRemoved,
        LastContact,
        RemoveContactConfirm,
        RemoveContact,
        CancelButton,
        NewMobileLabel,
        NewEmailLabel,
        NewContactHint,
        NewMobileInvalid,
        NewEmailInvalid,
        ContactCodeExpired,
        StepUpHeading,
        StepUpForContacts,
        StepUpForRemoval,
        StepUpConfirm,
        StepUpOrCode,
        StepUpSettling,
        ContactSettling,
        StepUpExpired,
        RememberDevice,
        RememberDeviceHint,
        DevicesHeading,
        DevicesIntro,
        DevicesNone,
        DeviceRememberedAt,
        DeviceLastUsed,
        DeviceUntil,
        ForgetDevice,
        DeviceForgotten,
        ActivityContactChanged,
        ActivityContactRemoved,
        ActivityQuestionsChanged,
        ActivityPasskeyAdded,
        ActivityPasskeyRemoved,
        ActivityDeskVerified,
        ActivityDeskUnlocked,
        ActivityDeskResetLinkSent,
        ActivityDeskSignedOut,
        ActivityDeskDisabled,
        ActivityDeskEnabled,
        PasskeySignIn,
        PasskeySignInHint,
        PasskeyCancelled,
        PasskeyTimedOut,
        PasskeyAlreadyRegistered,
        PasskeyNotAllowed,
        PasskeyRefused,
        PasskeyWayOnPin,
        PasskeyWayOnCode,
        PasskeyUse,
        PasskeyVerifyIntro,
        SendCodeInstead,
        PasskeysHeading,
        PasskeysIntro,
        PasskeysNone,
        PasskeysUnavailable,
        PasskeyAdd,
        PasskeyNameLabel,
        PasskeyNameHint,
        PasskeyNameInvalid,
        PasskeyCreate,
        PasskeyAdded,
        PasskeyAddedAt,
        PasskeyLastUsed,
        PasskeyNeverUsed,
        PasskeyRename,
        PasskeyNewName,
        PasskeySaveName,
        PasskeyRenamed,
        PasskeyRemove,
        PasskeyRemoveConfirm,
        PasskeyRemoved,
        PasskeyTooMany,
        StepUpForPasskey,
        ActivityOlder,
        ActivityNone,
        ActivityEnd,
        NewPinRequired,
        PinMismatch,
        PinStrength,
        StrengthVeryWeak,
        StrengthWeak,
        StrengthFair,
        StrengthStrong,
        StrengthVeryStrong,
        PinTooShort,
        PinBlocklisted,
        PinContainsId,
        PinWeak,
        PinRulesMet,
        ResetDoneHeading,
        ResetDoneBody,
        ResetExpired,
        // the Technical Support desk
        DeskTile,
        DeskTileText,
        DeskHeading,
        DeskIntro,
        DeskSearchLabel,
        DeskSearchHint,
        DeskSearchButton,
        DeskSearchRequired,
        DeskNotFound,
        DeskAgentsOnly,
        DeskEmployeeHeading,
        DeskStatus,
        DeskStatusActive,
        DeskStatusPending,
        DeskStatusDisabled,
        DeskLockedUntil,
        DeskReported,
        DeskMobile,
        DeskEmail,
        DeskContactVerified,
        DeskContactUnverified,
        DeskContactSettling,
        DeskNone,
        DeskLastSignIn,
        DeskNever,
        DeskRegistrationCode,
        DeskCodeUsable,
        DeskCodeUsed,
        DeskCodeExpired,
        DeskRoles,
        DeskRoleAgent,
        DeskRoleLead,
        DeskCannotAct,
        DeskVerifyHeading,
        DeskVerifyIntro,
        DeskSendText,
        DeskSendEmail,
        DeskNoVerifiedContact,
        DeskCodeSent,
        DeskReadBackLabel,
        DeskCheckButton,
        DeskVerifiedUntil,
        DeskEndVerification,
        DeskVerificationLocked,
        DeskActionsHeading,
        DeskActionsNeedVerification,
        DeskUnlock,
        DeskSendResetText,
        DeskSendResetEmail,
        ResetLinkOver,
        DeskForgetDevices,
        DeskNewRegistrationCode,
        DeskDisable,
        DeskEnable,
        DeskDone,
        DeskIssuedCode,
        DeskEventsHeading,
        DeskEventsNone,
        QBirthCity,
        QFirstPet,
        QFirstCar,
        QElementarySchool,
        QChildhoodStreet,
        QParentsMet,
        QFirstJob,
        QChildhoodFriend,
        QFavoriteTeacher,
        QFirstConcert,
        // registration
        StepOf,
        RegisterIntro,
        RegistrationCodeLabel,
        RegistrationCodeHint,
        RegistrationCodeRequired,
        RegistrationCodeFormat,
        RegistrationCodeInvalid,
        RegistrationLocked,
        RegistrationExpired,
        ContactHeading,
        ContactIntro,
        MobileLabel,
        MobileHint,
        EmailLabel,
        MobileFormat,
        EmailFormat,
        ContactRequired,
        VerifyContactsHeading,
        VerifyContactsIntro,
        ContactVerified,
        ContactNotVerified,
        VerifyAllFirst,
        QuestionsChooseHeading,
        QuestionsChooseIntro,
        QuestionN,
        AnswerN,
        ChooseAQuestion,
        QuestionRequired,
        QuestionDuplicate,
        AnswerTooShort,
        CreatePinHeading,
        RegisteredHeading,
        RegisteredBody,
        BackButton,
        // help
        HelpSearchLabel,
        SearchResultsOne,
        SearchResultsMany,
        SearchNoResults,
        SupportHeading,
        SupportPhone,
        SupportHours,
        SupportEmail,
        SupportWeb,
        HelpCode,
        HelpReset,
        HelpRegister,
        ResendReady,
    }
}

/// `template` with each `{name}` replaced by its value, for messages that
/// carry numbers, times or names.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

const STORAGE_KEY: &str = "upsers.locale";

impl I18n {
    /// The current locale (tracked: views re-render when it changes).
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// `msg` in the current locale (tracked).
    pub fn t(self, msg: Msg) -> &'static str {
        self.locale.get().text(msg)
    }

    /// A length of time in words, as the policy's numbers are said in copy:
    /// whole hours, whole minutes, else seconds ("15 minutes", "30 seconds").
    pub fn duration(self, secs: u64) -> String {
        let (n, one, many) = if secs >= 3600 && secs.is_multiple_of(3600) {
            (secs / 3600, Msg::DurationHour, Msg::DurationHours)
        } else if secs >= 60 && secs.is_multiple_of(60) {
            (secs / 60, Msg::DurationMinute, Msg::DurationMinutes)
        } else {
            (secs, Msg::DurationSecond, Msg::DurationSeconds)
        };
        let msg = if n == 1 { one } else { many };
        fill(self.t(msg), &[("n", &n.to_string())])
    }

    /// Switches the language (once its text is here) and remembers the
    /// choice for the next visit.
    pub fn set_locale(self, locale: Locale) {
        if locale.is_ready() {
            self.switch_to(locale);
        } else {
            leptos::task::spawn_local(async move {
                if prepare(locale).await {
                    self.switch_to(locale);
                }
            });
        }
    }

    fn switch_to(self, locale: Locale) {
        self.locale.set(locale);
        if let Some(storage) = local_storage() {
            // Private browsing may refuse storage; the switch still applies now.
            let _ = storage.set_item(STORAGE_KEY, locale.tag());
        }
    }
}

/// Creates the i18n context from the stored choice or the browser's languages,
/// and keeps `<html lang>` in step with it.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(starting_locale()),
    };
    Effect::new(move |_| {
        let tag = i18n.locale.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn browser_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect()
}
