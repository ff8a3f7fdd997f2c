//! What each message says, in English and Spanish: the subject, the plain
//! text (the SMS, and the email's text part) and the email's HTML part. Code
//! messages say what the code is for, how long it is valid, and that staff
//! never ask for it (PRODUCT.md; NIST SP 800-63B on out-of-band secrets).

use super::{Channel, PasskeyLeft};

/// The language a message is written in: the one the employee was using in
/// the portal when they caused it (the SPA sends it as `Accept-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Some(Language::En)
        } else if primary.eq_ignore_ascii_case("es") {
            Some(Language::Es)
        } else {
            None
        }
    }

    /// The best of our languages for an `Accept-Language` header: the
    /// supported tag with the highest weight, English when none is.
    pub fn negotiate(accept_language: &str) -> Language {
        let mut best: Option<(Language, f32)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(language) = parts.next().and_then(|tag| Language::from_tag(tag.trim())) else {
                continue;
            };
            let weight = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, best_weight)| weight > best_weight) {
                best = Some((language, weight));
            }
        }
        best.map_or(Language::En, |(language, _)| language)
    }
}

/// Which message, as stored in the outbox's `template` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    SignInCode,
    PinResetCode,
    RegistrationCode,
    PinChanged,
    Welcome,
    StepUpCode,
    NewContactCode,
    ContactsChanged,
    QuestionsChanged,
    /// A sign-in from a device new to the employee, with a "This wasn't me"
    /// link: rendered by [`render_alert`] from the facts sealed in its row.
    NewDeviceAlert,
    /// "This wasn't me" was used: what happened and what to do.
    SignInReported,
    /// The desk's one-time PIN, which the caller reads back to the agent.
    DeskVerificationCode,
    /// Notices of what a Technical Support agent did, and when.
    DeskUnlocked,
    DeskDevicesForgotten,
    DeskRegistrationCode,
    DeskDisabled,
    DeskEnabled,
    /// A PIN-reset link a Technical Support agent sent: rendered by
    /// [`render_reset_link`] from the link sealed in its row.
    DeskResetLink,
    /// A passkey was added to the account, or removed from it.
    PasskeyAdded,
    PasskeyRemoved,
    /// The PIN was reset and the account still has passkeys: which, and
    /// where to remove them. Rendered by [`render_reset_passkeys`] from the
    /// facts sealed in its row.
    PinResetPasskeys,
    /// More notices in an hour than a channel gets one by one: one message
    /// says so, and where to see them (`auth::notices::capped`).
    NoticeDigest,
    /// A contact added or replaced in My account, with the "This wasn't me"
    /// link that undoes it: rendered by [`render_contact_changed`] from the
    /// facts sealed in its row.
    ContactChanged,
    /// "This wasn't me" was used and removed what was added lately: rendered
    /// by [`render_reported_evicted`] from the facts sealed in its row.
    SignInReportedEvicted,
}

impl Template {
    pub const ALL: [Template; 24] = [
        Template::SignInCode,
        Template::PinResetCode,
        Template::RegistrationCode,
        Template::PinChanged,
        Template::Welcome,
        Template::StepUpCode,
        Template::NewContactCode,
        Template::ContactsChanged,
        Template::QuestionsChanged,
        Template::NewDeviceAlert,
        Template::SignInReported,
        Template::DeskVerificationCode,
        Template::DeskUnlocked,
        Template::DeskDevicesForgotten,
        Template::DeskRegistrationCode,
        Template::DeskDisabled,
        Template::DeskEnabled,
        Template::DeskResetLink,
        Template::PasskeyAdded,
        Template::PasskeyRemoved,
        Template::PinResetPasskeys,
        Template::NoticeDigest,
        Template::ContactChanged,
        Template::SignInReportedEvicted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Template::SignInCode => "sign_in_code",
            Template::PinResetCode => "pin_reset_code",
            Template::RegistrationCode => "registration_code",
            Template::PinChanged => "pin_changed",
            Template::Welcome => "welcome",
            Template::StepUpCode => "step_up_code",
            Template::NewContactCode => "new_contact_code",
            Template::ContactsChanged => "contacts_changed",
            Template::QuestionsChanged => "questions_changed",
            Template::NoticeDigest => "notice_digest",
            Template::NewDeviceAlert => "new_device_alert",
            Template::SignInReported => "sign_in_reported",
            Template::DeskVerificationCode => "desk_verification_code",
            Template::DeskUnlocked => "desk_unlocked",
            Template::DeskDevicesForgotten => "desk_devices_forgotten",
            Template::DeskRegistrationCode => "desk_registration_code",
            Template::DeskDisabled => "desk_disabled",
            Template::DeskEnabled => "desk_enabled",
            Template::DeskResetLink => "desk_reset_link",
            Template::PasskeyAdded => "passkey_added",
            Template::PasskeyRemoved => "passkey_removed",
            Template::PinResetPasskeys => "pin_reset_passkeys",
            Template::ContactChanged => "contact_changed",
            Template::SignInReportedEvicted => "sign_in_reported_evicted",
        }
    }

    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL
            .into_iter()
            .find(|template| template.as_str() == name)
    }

    pub fn carries_code(self) -> bool {
        matches!(
            self,
            Template::SignInCode
                | Template::PinResetCode
                | Template::RegistrationCode
                | Template::StepUpCode
                | Template::NewContactCode
                | Template::DeskVerificationCode
        )
    }
}

/// A message ready for a channel.
pub struct Rendered {
    /// Email only. Holds the code for code messages: never log it.
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `template` in `language`. `code` is the one-time PIN of a code
/// message (ignored by notices); `ttl_minutes` its validity; `at` when the
/// message was queued (the time a desk notice says the agent acted).
pub fn render(
    template: Template,
    language: Language,
    code: &str,
    ttl_minutes: i64,
    at: i64,
) -> Rendered {
    let duration = minutes(language, ttl_minutes);
    let time = utc_time(language, at);
    let fill = |text: &str| {
        text.replace("{code}", code)
            .replace("{duration}", &duration)
            .replace("{time}", &time)
    };
    let words = words(template, language);
    let text = fill(words.text);
    let subject = fill(words.subject);
    let html = html(
        language,
        &subject,
        template.carries_code().then_some(code),
        &text,
    );
    Rendered {
        subject,
        text,
        html,
    }
}

fn minutes(language: Language, count: i64) -> String {
    match (language, count) {
        (Language::En, 1) => "1 minute".to_owned(),
        (Language::En, count) => format!("{count} minutes"),
        (Language::Es, 1) => "1 minuto".to_owned(),
        (Language::Es, count) => format!("{count} minutos"),
    }
}

struct Words {
    subject: &'static str,
    text: &'static str,
}

fn words(template: Template, language: Language) -> Words {
    use Language::{En, Es};
    let (subject, text) = match (template, language) {
        (Template::SignInCode, En) => (
            "{code} is your UPSers one-time PIN to sign in",
            "Your UPSers one-time PIN to sign in is {code}. It is valid for {duration}. \
             UPSers staff will never ask you for this one-time PIN.",
        ),
        (Template::SignInCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para iniciar sesión",
            "Su PIN de un solo uso de UPSers para iniciar sesión es {code}. Es válido \
             durante {duration}. El personal de UPSers nunca le pedirá este PIN de un solo uso.",
        ),
        (Template::PinResetCode, En) => (
            "{code} is your UPSers one-time PIN to reset your PIN",
            "Your UPSers one-time PIN to reset your PIN is {code}. It is valid for {duration}. \
             UPSers staff will never ask you for this one-time PIN.",
        ),
        (Template::PinResetCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para restablecer su PIN",
            "Su PIN de un solo uso de UPSers para restablecer su PIN es {code}. Es válido \
             durante {duration}. El personal de UPSers nunca le pedirá este PIN de un solo uso.",
        ),
        (Template::RegistrationCode, En) => (
            "{code} is your UPSers one-time PIN to register",
            "Your UPSers one-time PIN to register is {code}. It is valid for {duration}. \
             UPSers staff will never ask you for this one-time PIN.",
        ),
        (Template::RegistrationCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para registrarse",
            "Su PIN de un solo uso de UPSers para registrarse es {code}. Es válido \
             durante {duration}. El personal de UPSers nunca le pedirá este PIN de un solo uso.",
        ),
        (Template::PinChanged, En) => (
            "Your UPSers PIN was changed",
            "Your UPSers PIN was just changed. If you did not change it, call the \
             Technical Support Center right away.",
        ),
        (Template::PinChanged, Es) => (
            "Se cambió su PIN de UPSers",
            "Su PIN de UPSers se acaba de cambiar. Si usted no lo cambió, llame de \
             inmediato al Centro de Soporte Técnico.",
        ),
        (Template::StepUpCode, En) => (
            "{code} is your UPSers one-time PIN to change your account",
            "Your UPSers one-time PIN to change your account is {code}. It is valid for \
             {duration}. UPSers staff will never ask you for this one-time PIN.",
        ),
        (Template::StepUpCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para cambiar su cuenta",
            "Su PIN de un solo uso de UPSers para cambiar su cuenta es {code}. Es válido \
             durante {duration}. El personal de UPSers nunca le pedirá este PIN de un solo uso.",
        ),
        (Template::NewContactCode, En) => (
            "{code} is your UPSers one-time PIN to add this contact",
            "Your UPSers one-time PIN to add this contact to your account is {code}. It is \
             valid for {duration}. UPSers staff will never ask you for this one-time PIN.",
        ),
        (Template::NewContactCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para agregar este contacto",
            "Su PIN de un solo uso de UPSers para agregar este contacto a su cuenta es {code}. \
             Es válido durante {duration}. El personal de UPSers nunca le pedirá este PIN de \
             un solo uso.",
        ),
        (Template::ContactsChanged, En) => (
            "Your UPSers contact details were changed",
            "The mobile number or email address of your UPSers account was just changed. \
             If you did not change it, call the Technical Support Center right away.",
        ),
        (Template::ContactsChanged, Es) => (
            "Se cambiaron sus datos de contacto de UPSers",
            "Se acaba de cambiar el número de celular o el correo electrónico de su cuenta \
             de UPSers. Si usted no lo cambió, llame de inmediato al Centro de Soporte Técnico.",
        ),
        (Template::QuestionsChanged, En) => (
            "Your UPSers challenge questions were changed",
            "The challenge questions and answers of your UPSers account were just changed. \
             If you did not change them, call the Technical Support Center right away.",
        ),
        (Template::QuestionsChanged, Es) => (
            "Se cambiaron sus preguntas de seguridad de UPSers",
            "Se acaban de cambiar las preguntas de seguridad y sus respuestas de su cuenta \
             de UPSers. Si usted no las cambió, llame de inmediato al Centro de Soporte Técnico.",
        ),
        (Template::SignInReported, En) => (
            "Your UPSers account is locked for your safety",
            "You said a sign-in to your UPSers account wasn't you. Every device was signed \
             out, every remembered device forgotten, and your Employee ID is locked. To \
             unlock it, reset your PIN with a one-time PIN by text or email: choose \
             \"Forgot your PIN?\" on the UPSers portal. If you did not ask for this, call \
             the Technical Support Center right away.",
        ),
        (Template::SignInReported, Es) => (
            "Su cuenta de UPSers está bloqueada por su seguridad",
            "Usted indicó que un inicio de sesión en su cuenta de UPSers no fue usted. Se \
             cerró la sesión en todos los dispositivos, se olvidaron los dispositivos \
             recordados y su ID de empleado está bloqueado. Para desbloquearlo, restablezca \
             su PIN con un PIN de un solo uso por mensaje de texto o correo electrónico: \
             elija \"¿Olvidó su PIN?\" en el portal de UPSers. Si usted no lo pidió, llame \
             de inmediato al Centro de Soporte Técnico.",
        ),
        (Template::DeskVerificationCode, En) => (
            "{code} is your UPSers one-time PIN for Technical Support",
            "A Technical Support agent is verifying your identity. Read this code to them \
             only if you called us: {code}. It is valid for {duration}.",
        ),
        (Template::DeskVerificationCode, Es) => (
            "{code} es su PIN de un solo uso de UPSers para Soporte Técnico",
            "Un agente de Soporte Técnico está verificando su identidad. Léale este código \
             solo si usted nos llamó: {code}. Es válido durante {duration}.",
        ),
        (Template::DeskUnlocked, En) => (
            "A Technical Support agent unlocked your UPSers account",
            "A Technical Support agent unlocked your UPSers account on {time}. If you did \
             not call us, reset your PIN and call the Technical Support Center right away.",
        ),
        (Template::DeskUnlocked, Es) => (
            "Un agente de Soporte Técnico desbloqueó su cuenta de UPSers",
            "Un agente de Soporte Técnico desbloqueó su cuenta de UPSers el {time}. Si \
             usted no nos llamó, restablezca su PIN y llame de inmediato al Centro de \
             Soporte Técnico.",
        ),
        (Template::DeskDevicesForgotten, En) => (
            "A Technical Support agent signed your UPSers account out everywhere",
            "A Technical Support agent signed your UPSers account out on every device and \
             forgot your remembered devices on {time}. If you did not call us, reset your \
             PIN and call the Technical Support Center right away.",
        ),
        (Template::DeskDevicesForgotten, Es) => (
            "Un agente de Soporte Técnico cerró la sesión de su cuenta de UPSers en todas partes",
            "Un agente de Soporte Técnico cerró la sesión de su cuenta de UPSers en todos \
             los dispositivos y olvidó sus dispositivos recordados el {time}. Si usted no \
             nos llamó, restablezca su PIN y llame de inmediato al Centro de Soporte Técnico.",
        ),
        (Template::DeskRegistrationCode, En) => (
            "A Technical Support agent issued your new UPSers registration code",
            "A Technical Support agent issued you a new UPSers registration code on {time}; \
             your earlier one no longer works. If you did not call us, call the Technical \
             Support Center right away.",
        ),
        (Template::DeskRegistrationCode, Es) => (
            "Un agente de Soporte Técnico emitió su nuevo código de registro de UPSers",
            "Un agente de Soporte Técnico le emitió un nuevo código de registro de UPSers \
             el {time}; el anterior ya no funciona. Si usted no nos llamó, llame de \
             inmediato al Centro de Soporte Técnico.",
        ),
        (Template::DeskDisabled, En) => (
            "Your UPSers account was disabled",
            "The Technical Support Center disabled your UPSers account on {time}, and \
             every device was signed out. Call the Technical Support Center to find out \
             why or to have it enabled again.",
        ),
        (Template::DeskDisabled, Es) => (
            "Se desactivó su cuenta de UPSers",
            "El Centro de Soporte Técnico desactivó su cuenta de UPSers el {time} y se \
             cerró la sesión en todos los dispositivos. Llame al Centro de Soporte Técnico \
             para saber por qué o para que la vuelvan a activar.",
        ),
        (Template::DeskEnabled, En) => (
            "Your UPSers account was enabled again",
            "A Technical Support agent enabled your UPSers account again on {time}. If you \
             did not call us, reset your PIN and call the Technical Support Center right away.",
        ),
        (Template::DeskEnabled, Es) => (
            "Se volvió a activar su cuenta de UPSers",
            "Un agente de Soporte Técnico volvió a activar su cuenta de UPSers el {time}. Si \
             usted no nos llamó, restablezca su PIN y llame de inmediato al Centro de \
             Soporte Técnico.",
        ),
        (Template::NoticeDigest, En) => (
            "Many changes to your UPSers account",
            "More changes were made to your UPSers account in the last hour than we send \
             one message each for; until the hour is over, we send no more. See each in \
             Recent activity in My account. If you did not make them, call the Technical \
             Support Center right away.",
        ),
        (Template::NoticeDigest, Es) => (
            "Muchos cambios en su cuenta de UPSers",
            "En la última hora se hicieron más cambios en su cuenta de UPSers de los que \
             avisamos uno por uno; hasta que pase la hora, no enviaremos más avisos. Véalos \
             en Actividad reciente, en Mi cuenta. Si usted no los hizo, llame de inmediato \
             al Centro de Soporte Técnico.",
        ),
        (Template::PasskeyAdded, En) => (
            "A passkey was added to your UPSers account",
            "A passkey was added to your UPSers account on {time}. It signs in without \
             your PIN. If you did not add it, remove it in My account and call the \
             Technical Support Center right away.",
        ),
        (Template::PasskeyAdded, Es) => (
            "Se agregó una llave de acceso a su cuenta de UPSers",
            "Se agregó una llave de acceso a su cuenta de UPSers el {time}. Con ella se \
             inicia sesión sin su PIN. Si usted no la agregó, quítela en Mi cuenta y llame \
             de inmediato al Centro de Soporte Técnico.",
        ),
        (Template::PasskeyRemoved, En) => (
            "A passkey was removed from your UPSers account",
            "A passkey was removed from your UPSers account on {time}. If you did not \
             remove it, call the Technical Support Center right away.",
        ),
        (Template::PasskeyRemoved, Es) => (
            "Se quitó una llave de acceso de su cuenta de UPSers",
            "Se quitó una llave de acceso de su cuenta de UPSers el {time}. Si usted no la \
             quitó, llame de inmediato al Centro de Soporte Técnico.",
        ),
        // Rendered by `render_alert`, `render_reset_link`,
        // `render_reset_passkeys`, `render_contact_changed` and
        // `render_reported_evicted`, which have the facts; never through here.
        (
            Template::NewDeviceAlert
            | Template::DeskResetLink
            | Template::PinResetPasskeys
            | Template::ContactChanged
            | Template::SignInReportedEvicted,
            _,
        ) => ("", ""),
        (Template::Welcome, En) => (
            "Welcome to UPSers",
            "Welcome to UPSers: your registration is complete and you can now sign in \
             with your Employee ID and PIN. UPSers staff will never ask you for your PIN \
             or a one-time PIN.",
        ),
        (Template::Welcome, Es) => (
            "Le damos la bienvenida a UPSers",
            "Le damos la bienvenida a UPSers: su registro está completo y ya puede iniciar \
             sesión con su ID de empleado y su PIN. El personal de UPSers nunca le pedirá \
             su PIN ni un PIN de un solo uso.",
        ),
    };
    Words { subject, text }
}

/// The sign-in a new-device alert is about, and its "This wasn't me" link.
pub struct AlertFacts<'a> {
    /// When (Unix seconds), written in UTC.
    pub at: i64,
    /// Such as "Chrome 131"; the OS such as "Windows 10".
    pub browser: Option<&'a str>,
    pub os: Option<&'a str>,
    pub address: &'a str,
    pub link: &'a str,
    /// How long the link works.
    pub link_days: i64,
}

/// A new-device alert in `language`: when, which browser on which system,
/// from which address, and the link (as a link in the HTML part).
pub fn render_alert(language: Language, facts: &AlertFacts<'_>) -> Rendered {
    let when = utc_time(language, facts.at);
    let device = match (language, facts.browser, facts.os) {
        (Language::En, Some(browser), Some(os)) => format!("{browser} on {os}"),
        (Language::Es, Some(browser), Some(os)) => format!("{browser} en {os}"),
        (_, Some(one), None) | (_, None, Some(one)) => one.to_owned(),
        (Language::En, None, None) => "an unknown browser".to_owned(),
        (Language::Es, None, None) => "un navegador desconocido".to_owned(),
    };
    let (subject, said, ask, link_words) = match language {
        Language::En => (
            "New sign-in to your UPSers account",
            format!(
                "Your UPSers account was signed in to on {when} from {device}, at the \
                 address {address}. If it was you, there is nothing to do.",
                address = facts.address
            ),
            format!(
                "If it wasn't you, open this link to end every session and lock your \
                 Employee ID until you reset your PIN. It works once, for {days} days:",
                days = facts.link_days
            ),
            "This wasn't me",
        ),
        Language::Es => (
            "Nuevo inicio de sesión en su cuenta de UPSers",
            format!(
                "Se inició sesión en su cuenta de UPSers el {when} desde {device}, en la \
                 dirección {address}. Si fue usted, no tiene que hacer nada.",
                address = facts.address
            ),
            format!(
                "Si no fue usted, abra este enlace para cerrar todas las sesiones y bloquear \
                 su ID de empleado hasta que restablezca su PIN. Funciona una sola vez, \
                 durante {days} días:",
                days = facts.link_days
            ),
            "No fui yo",
        ),
    };
    let text = format!("{said} {ask} {link}", link = facts.link);
    let body = format!(
        "<p>{said}</p>\n<p>{ask}</p>\n\
         <p><a href=\"{link}\">{link_words}</a></p>\n",
        said = escape(&said),
        ask = escape(&ask),
        link = escape(facts.link),
    );
    let html = document(language, subject, &body);
    Rendered {
        subject: subject.to_owned(),
        text,
        html,
    }
}

/// A PIN-reset link a Technical Support agent sent on `at`, working once
/// for `minutes`, in `language`.
pub fn render_reset_link(language: Language, link: &str, minutes: i64, at: i64) -> Rendered {
    let when = utc_time(language, at);
    let duration = self::minutes(language, minutes);
    let (subject, said, ask, link_words) = match language {
        Language::En => (
            "Your UPSers PIN reset link",
            format!(
                "A Technical Support agent sent you this link to reset your UPSers PIN on \
                 {when}. Open it to choose a new PIN. It works once, for {duration}:"
            ),
            "If you did not call us, do not open it, and call the Technical Support Center \
             right away. UPSers staff will never ask you for your PIN.",
            "Reset my PIN",
        ),
        Language::Es => (
            "Su enlace para restablecer el PIN de UPSers",
            format!(
                "Un agente de Soporte Técnico le envió este enlace para restablecer su PIN de \
                 UPSers el {when}. Ábralo para elegir un PIN nuevo. Funciona una sola vez, \
                 durante {duration}:"
            ),
            "Si usted no nos llamó, no lo abra y llame de inmediato al Centro de Soporte \
             Técnico. El personal de UPSers nunca le pedirá su PIN.",
            "Restablecer mi PIN",
        ),
    };
    let text = format!("{said} {link} {ask}");
    let body = format!(
        "<p>{said}</p>\n\
         <p><a href=\"{link}\">{link_words}</a></p>\n<p>{ask}</p>\n",
        said = escape(&said),
        ask = escape(ask),
        link = escape(link),
    );
    let html = document(language, subject, &body);
    Rendered {
        subject: subject.to_owned(),
        text,
        html,
    }
}

/// The notice of a PIN reset on `at` when the account has passkeys: a
/// reset removes none (they are phishing-resistant, and whoever reset the
/// PIN may be the one who took it), so it lists each by when and from what
/// it was added (never by its name, which whoever held the session chose),
/// with the link to My account where any unknown one is removed.
pub fn render_reset_passkeys(
    language: Language,
    passkeys: &[PasskeyLeft],
    link: &str,
    at: i64,
) -> Rendered {
    let when = utc_time(language, at);
    let (subject, said, ask, link_words) = match language {
        Language::En => (
            "Your UPSers PIN was reset",
            format!(
                "Your UPSers PIN was reset on {when}. The reset removed no passkey; these \
                 still sign in to your account:"
            ),
            "If you do not know one of them, sign in and remove it in My account, and call \
             the Technical Support Center right away:",
            "Remove a passkey in My account",
        ),
        Language::Es => (
            "Se restableció su PIN de UPSers",
            format!(
                "Su PIN de UPSers se restableció el {when}. No se quitó ninguna llave de \
                 acceso; estas todavía inician sesión en su cuenta:"
            ),
            "Si no reconoce alguna, inicie sesión y quítela en Mi cuenta, y llame de \
             inmediato al Centro de Soporte Técnico:",
            "Quitar una llave de acceso en Mi cuenta",
        ),
    };
    let described: Vec<String> = passkeys
        .iter()
        .map(|passkey| passkey_described(language, passkey))
        .collect();
    let list = described.join("; ");
    let text = format!("{said} {list}. {ask} {link}");
    let items: String = described
        .iter()
        .map(|passkey| format!("<li>{}</li>", escape(passkey)))
        .collect();
    let body = format!(
        "<p>{said}</p>\n<ul>{items}</ul>\n\
         <p>{ask}</p>\n<p><a href=\"{link}\">{link_words}</a></p>\n",
        said = escape(&said),
        ask = escape(ask),
        link = escape(link),
    );
    let html = document(language, subject, &body);
    Rendered {
        subject: subject.to_owned(),
        text,
        html,
    }
}

/// What a contact change notice says: which contact changed and when, that
/// the new one settles before it recovers anything, and the link that undoes
/// the change.
pub struct ContactChangedFacts<'a> {
    pub channel: Channel,
    pub at: i64,
    pub settle_hours: u32,
    pub link: &'a str,
    pub link_days: i64,
}

/// The notice of a contact change, to every channel verified before it (the
/// replaced one included), with the "This wasn't me" link that puts back
/// what it replaced, ends every session and locks the ID.
pub fn render_contact_changed(language: Language, facts: &ContactChangedFacts<'_>) -> Rendered {
    let when = utc_time(language, facts.at);
    let (hours, days) = (facts.settle_hours, facts.link_days);
    let (subject, said, ask, link_words) = match language {
        Language::En => {
            let what = match facts.channel {
                Channel::Sms => "mobile number",
                Channel::Email => "email address",
            };
            (
                "Your UPSers contact details were changed",
                format!(
                    "The {what} of your UPSers account was changed on {when}. The new one \
                     cannot be used to reset your PIN for {hours} hours."
                ),
                format!(
                    "If you did not change it, open this link: it puts back what was there \
                     before, ends every session and locks your Employee ID until you reset \
                     your PIN. It works once, for {days} days:"
                ),
                "This wasn't me",
            )
        }
        Language::Es => {
            let what = match facts.channel {
                Channel::Sms => "el número de celular",
                Channel::Email => "el correo electrónico",
            };
            (
                "Se cambiaron sus datos de contacto de UPSers",
                format!(
                    "Se cambió {what} de su cuenta de UPSers el {when}. El nuevo no se podrá \
                     usar para restablecer su PIN durante {hours} horas."
                ),
                format!(
                    "Si usted no lo cambió, abra este enlace: vuelve a poner el dato anterior, \
                     cierra todas las sesiones y bloquea su ID de empleado hasta que \
                     restablezca su PIN. Funciona una sola vez, durante {days} días:"
                ),
                "No fui yo",
            )
        }
    };
    let text = format!("{said} {ask} {link}", link = facts.link);
    let html = page(
        language,
        subject,
        &[&said, &ask],
        &[],
        (facts.link, link_words),
    );
    Rendered {
        subject: subject.to_owned(),
        text,
        html,
    }
}

/// The notice of "This wasn't me" when it removed what was added lately: the
/// passkeys (by when and from what they were added) and the contacts put
/// back as they were.
pub fn render_reported_evicted(
    language: Language,
    passkeys: &[PasskeyLeft],
    contacts: &[Channel],
) -> Rendered {
    let base = words(Template::SignInReported, language);
    let mut removed: Vec<String> = passkeys
        .iter()
        .map(|passkey| {
            let described = passkey_described(language, passkey);
            match language {
                Language::En => format!("the passkey {described}"),
                Language::Es => format!("la llave de acceso {described}"),
            }
        })
        .collect();
    removed.extend(contacts.iter().map(|channel| match (language, channel) {
        (Language::En, Channel::Sms) => "your mobile number, put back as it was".to_owned(),
        (Language::En, Channel::Email) => "your email address, put back as it was".to_owned(),
        (Language::Es, Channel::Sms) => {
            "su número de celular, que volvió a ser el anterior".to_owned()
        }
        (Language::Es, Channel::Email) => {
            "su correo electrónico, que volvió a ser el anterior".to_owned()
        }
    }));
    let intro = match language {
        Language::En => "What was added or changed lately was undone too:",
        Language::Es => "También se deshizo lo que se agregó o cambió hace poco:",
    };
    let text = format!("{} {intro} {}.", base.text, removed.join("; "));
    let html = page(
        language,
        base.subject,
        &[base.text, intro],
        &removed,
        ("", ""),
    );
    Rendered {
        subject: base.subject.to_owned(),
        text,
        html,
    }
}

/// A small HTML part: `paragraphs`, then `items` as a list, then the link
/// (none when its address is empty).
fn page(
    language: Language,
    subject: &str,
    paragraphs: &[&str],
    items: &[String],
    (link, link_words): (&str, &str),
) -> String {
    let paragraphs: String = paragraphs
        .iter()
        .map(|paragraph| format!("<p>{}</p>\n", escape(paragraph)))
        .collect();
    let list = if items.is_empty() {
        String::new()
    } else {
        let items: String = items
            .iter()
            .map(|item| format!("<li>{}</li>", escape(item)))
            .collect();
        format!("<ul>{items}</ul>\n")
    };
    let link = if link.is_empty() {
        String::new()
    } else {
        format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape(link),
            escape(link_words)
        )
    };
    document(language, subject, &format!("{paragraphs}{list}{link}"))
}

/// A small, self-contained HTML part around `body` (HTML already escaped):
/// the language, the subject as the title, no images or remote content.
fn document(language: Language, subject: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body style=\"font-family:Arial,Helvetica,sans-serif;color:#1a1a1a\">\n{body}</body>\n</html>\n",
        lang = language.tag(),
        title = escape(subject),
    )
}

/// `at` as a date and a 24-hour time in UTC, in `language`'s words:
/// "December 4, 2026 at 20:19 UTC", "4 de diciembre de 2026 a las 20:19 UTC".
/// A passkey as a message names it: "added on December 4, 2026 at 20:22 UTC
/// with Chrome 131 on Windows 10". Only the API's own words and the
/// browser's and system's names as woothee's dataset spells them, kept to
/// ASCII letters, digits, spaces and dots, in short words without a run of
/// digits long enough to be a phone number.
fn passkey_described(language: Language, passkey: &PasskeyLeft) -> String {
    let plain = |name: &Option<String>| {
        let kept: Vec<String> = name
            .as_deref()?
            .split_whitespace()
            .map(|word| {
                word.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect::<String>()
            })
            .filter(|word| {
                !word.is_empty()
                    && word.len() <= 16
                    && word.chars().filter(char::is_ascii_digit).count() <= 6
            })
            .collect();
        (!kept.is_empty()).then(|| kept.join(" "))
    };
    let when = utc_time(language, passkey.added_at);
    let (added, with, on) = match language {
        Language::En => ("added on", "with", "on"),
        Language::Es => ("agregada el", "con", "en"),
    };
    match (plain(&passkey.browser), plain(&passkey.os)) {
        (Some(browser), Some(os)) => format!("{added} {when} {with} {browser} {on} {os}"),
        (Some(one), None) | (None, Some(one)) => format!("{added} {when} {with} {one}"),
        (None, None) => format!("{added} {when}"),
    }
}

fn utc_time(language: Language, at: i64) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let (year, month, day) = civil_from_days(at.div_euclid(86_400));
    let seconds = at.rem_euclid(86_400);
    let (hour, minute) = (seconds / 3600, seconds % 3600 / 60);
    let month = usize::try_from(month - 1).unwrap_or_default();
    match language {
        Language::En => format!("{} {day}, {year} at {hour:02}:{minute:02} UTC", EN[month]),
        Language::Es => format!(
            "{day} de {} de {year} a las {hour:02}:{minute:02} UTC",
            ES[month]
        ),
    }
}

/// The proleptic Gregorian (year, month, day) of a count of days since
/// 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A small, self-contained HTML part: the text as a paragraph, the code (if
/// any) large and spaced for reading aloud, no images or remote content.
fn html(language: Language, subject: &str, code: Option<&str>, text: &str) -> String {
    let code_block = code.map_or(String::new(), |code| {
        format!(
            "<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px;margin:16px 0\">{}</p>\n",
            escape(code)
        )
    });
    let body = format!("{code_block}<p>{}</p>\n", escape(text));
    document(language, subject, &body)
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_messages_say_what_for_how_long_and_that_staff_never_ask() {
        for (template, en_purpose, es_purpose) in [
            (
                Template::SignInCode,
                "one-time PIN to sign in",
                "iniciar sesión",
            ),
            (
                Template::PinResetCode,
                "one-time PIN to reset your PIN",
                "restablecer su PIN",
            ),
            (
                Template::RegistrationCode,
                "one-time PIN to register",
                "registrarse",
            ),
            (
                Template::StepUpCode,
                "one-time PIN to change your account",
                "cambiar su cuenta",
            ),
            (
                Template::NewContactCode,
                "one-time PIN to add this contact",
                "agregar este contacto",
            ),
        ] {
            let en = render(template, Language::En, "123456", 10, 0);
            assert!(en.text.contains(en_purpose), "{}", en.text);
            assert!(en.text.contains("123456") && en.subject.contains("123456"));
            assert!(en.text.contains("valid for 10 minutes"), "{}", en.text);
            assert!(en.text.contains("will never ask you for this one-time PIN"));
            assert!(en.html.contains("lang=\"en\"") && en.html.contains("123456"));

            let es = render(template, Language::Es, "123456", 10, 0);
            assert!(es.text.contains(es_purpose), "{}", es.text);
            assert!(es.text.contains("válido durante 10 minutos"), "{}", es.text);
            assert!(es.text.contains("nunca le pedirá este PIN de un solo uso"));
            assert!(es.html.contains("lang=\"es\""));
            // The pages' one term for it (src/i18n/GLOSSARY.md): never "code",
            // which a new hire would read as HR's registration code.
            for words in [&en.subject, &en.text, &es.subject, &es.text] {
                assert!(
                    !words.contains("code") && !words.contains("código"),
                    "{words}"
                );
            }
        }
    }

    #[test]
    fn the_desk_code_says_why_and_desk_notices_say_when() {
        let en = render(
            Template::DeskVerificationCode,
            Language::En,
            "123456",
            10,
            0,
        );
        assert!(en.text.starts_with(
            "A Technical Support agent is verifying your identity. Read this code to them \
             only if you called us: 123456."
        ));
        let es = render(
            Template::DeskVerificationCode,
            Language::Es,
            "123456",
            10,
            0,
        );
        assert!(
            es.text.contains("solo si usted nos llamó: 123456"),
            "{}",
            es.text
        );
        let at = 1_796_415_720; // 2026-12-04 20:22 UTC
        let en = render(Template::DeskUnlocked, Language::En, "", 0, at);
        assert!(
            en.text
                .contains("unlocked your UPSers account on December 4, 2026 at 20:22 UTC."),
            "{}",
            en.text
        );
        let es = render(Template::DeskUnlocked, Language::Es, "", 0, at);
        assert!(
            es.text
                .contains("el 4 de diciembre de 2026 a las 20:22 UTC"),
            "{}",
            es.text
        );
    }

    #[test]
    fn a_reset_link_says_who_sent_it_when_and_for_how_long_in_both_languages() {
        let link = "https://portal.example/forgot#reset=abc&def";
        let en = render_reset_link(Language::En, link, 30, 1_796_415_720);
        assert!(
            en.text
                .contains("A Technical Support agent sent you this link")
        );
        assert!(
            en.text.contains("on December 4, 2026 at 20:22 UTC"),
            "{}",
            en.text
        );
        assert!(
            en.text
                .contains("once, for 30 minutes: https://portal.example/forgot#reset=abc&def")
        );
        assert!(
            en.html
                .contains("href=\"https://portal.example/forgot#reset=abc&amp;def\"")
        );
        let es = render_reset_link(Language::Es, link, 30, 1_796_415_720);
        assert!(es.text.contains("durante 30 minutos:"), "{}", es.text);
        assert!(es.html.contains("lang=\"es\""));
    }

    #[test]
    fn a_reset_notice_lists_every_passkey_left_by_date_and_browser_never_by_name() {
        let passkeys = [
            PasskeyLeft {
                added_at: 1_796_400_000,
                browser: Some("Chrome 131".to_owned()),
                os: Some("Windows 10".to_owned()),
            },
            PasskeyLeft {
                added_at: 1_796_410_000,
                browser: Some("<Evil> \u{202e}call 404-555-0199".to_owned()),
                os: None,
            },
        ];
        let link = "https://portal.example/account#passkeys";
        let en = render_reset_passkeys(Language::En, &passkeys, link, 1_796_415_720);
        assert!(
            en.text.contains("reset on December 4, 2026 at 20:22 UTC"),
            "{}",
            en.text
        );
        assert!(
            en.text.contains(
                "added on December 4, 2026 at 16:00 UTC with Chrome 131 on Windows 10; added on"
            ),
            "{}",
            en.text
        );
        assert!(!en.text.contains('<') && !en.text.contains('\u{202e}'));
        assert!(
            !en.text.contains("404") && en.text.contains("with Evil call. "),
            "no phone-like run: {}",
            en.text
        );
        assert!(en.text.ends_with(link), "{}", en.text);
        assert!(en.html.contains("<li>added on December 4, 2026"));
        assert!(
            en.html
                .contains("href=\"https://portal.example/account#passkeys\"")
        );
        let es = render_reset_passkeys(Language::Es, &passkeys, link, 1_796_415_720);
        assert!(es.text.contains("llave de acceso"), "{}", es.text);
        assert!(
            es.text.contains(
                "agregada el 4 de diciembre de 2026 a las 16:00 UTC con Chrome 131 en Windows 10"
            ),
            "{}",
            es.text
        );
        assert!(es.html.contains("lang=\"es\""));
    }

    #[test]
    fn one_minute_is_singular() {
        let en = render(Template::SignInCode, Language::En, "123456", 1, 0);
        assert!(en.text.contains("valid for 1 minute."), "{}", en.text);
        let es = render(Template::SignInCode, Language::Es, "123456", 1, 0);
        assert!(es.text.contains("válido durante 1 minuto."), "{}", es.text);
    }

    #[test]
    fn notices_carry_no_code() {
        for template in [
            Template::PinChanged,
            Template::Welcome,
            Template::ContactsChanged,
            Template::QuestionsChanged,
            Template::SignInReported,
            Template::DeskUnlocked,
            Template::DeskDevicesForgotten,
            Template::DeskRegistrationCode,
            Template::DeskDisabled,
            Template::DeskEnabled,
            Template::PasskeyAdded,
            Template::PasskeyRemoved,
            Template::NoticeDigest,
        ] {
            for language in [Language::En, Language::Es] {
                let rendered = render(template, language, "123456", 10, 0);
                assert!(!rendered.text.contains("123456"));
                assert!(!rendered.html.contains("123456"));
            }
        }
    }

    #[test]
    fn an_alert_says_when_what_and_where_with_its_link_in_both_languages() {
        let facts = AlertFacts {
            at: 1_796_415_540, // 2026-12-04 20:19 UTC
            browser: Some("Chrome 131"),
            os: Some("Windows 10"),
            address: "203.0.113.9",
            link: "https://portal.example/forgot#report=abc&def",
            link_days: 7,
        };
        let en = render_alert(Language::En, &facts);
        assert!(
            en.text.contains("December 4, 2026 at 20:19 UTC"),
            "{}",
            en.text
        );
        assert!(
            en.text
                .contains("Chrome 131 on Windows 10, at the address 203.0.113.9")
        );
        assert!(
            en.text
                .ends_with("for 7 days: https://portal.example/forgot#report=abc&def")
        );
        assert!(
            en.html
                .contains("href=\"https://portal.example/forgot#report=abc&amp;def\"")
        );
        assert!(en.html.contains(">This wasn't me</a>"));
        let es = render_alert(Language::Es, &facts);
        assert!(
            es.text.contains("4 de diciembre de 2026 a las 20:19 UTC"),
            "{}",
            es.text
        );
        assert!(es.text.contains("Chrome 131 en Windows 10"));
        assert!(es.html.contains("lang=\"es\"") && es.html.contains(">No fui yo</a>"));
        let unknown = AlertFacts {
            browser: None,
            os: None,
            ..facts
        };
        assert!(
            render_alert(Language::En, &unknown)
                .text
                .contains("from an unknown browser")
        );
    }

    #[test]
    fn dates_are_civil_across_leap_years_and_before_1970() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
        assert_eq!(utc_time(Language::En, 59), "January 1, 1970 at 00:00 UTC");
    }

    #[test]
    fn templates_round_trip_through_their_stored_names() {
        for template in Template::ALL {
            assert_eq!(Template::from_name(template.as_str()), Some(template));
        }
        assert_eq!(Template::from_name("nope"), None);
    }

    #[test]
    fn html_escapes_what_it_embeds() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_language_is_negotiated_from_accept_language() {
        assert_eq!(Language::negotiate("es"), Language::Es);
        assert_eq!(Language::negotiate("es-MX,es;q=0.9,en;q=0.8"), Language::Es);
        assert_eq!(Language::negotiate("en-US,en;q=0.9,es;q=0.8"), Language::En);
        assert_eq!(Language::negotiate("fr-FR,es;q=0.5"), Language::Es);
        assert_eq!(Language::negotiate("fr, de"), Language::En);
        assert_eq!(Language::negotiate("es;q=0, en;q=0.1"), Language::En);
        assert_eq!(Language::negotiate(""), Language::En);
        assert_eq!(Language::negotiate("en;q=0.2, es;q=0.7"), Language::Es);
    }
}
