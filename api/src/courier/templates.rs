//! What each message says, in English and Spanish: the subject, the plain
//! text (the SMS, and the email's text part) and the email's HTML part. Code
//! messages say what the code is for, how long it is valid, and that staff
//! never ask for it (PRODUCT.md; NIST SP 800-63B on out-of-band secrets).

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
}

impl Template {
    pub const ALL: [Template; 9] = [
        Template::SignInCode,
        Template::PinResetCode,
        Template::RegistrationCode,
        Template::PinChanged,
        Template::Welcome,
        Template::StepUpCode,
        Template::NewContactCode,
        Template::ContactsChanged,
        Template::QuestionsChanged,
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
/// message (ignored by notices); `ttl_minutes` its validity.
pub fn render(template: Template, language: Language, code: &str, ttl_minutes: i64) -> Rendered {
    let duration = minutes(language, ttl_minutes);
    let fill = |text: &str| {
        text.replace("{code}", code)
            .replace("{duration}", &duration)
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

/// A small, self-contained HTML part: the text as a paragraph, the code (if
/// any) large and spaced for reading aloud, no images or remote content.
fn html(language: Language, subject: &str, code: Option<&str>, text: &str) -> String {
    let code_block = code.map_or(String::new(), |code| {
        format!(
            "<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px;margin:16px 0\">{}</p>\n",
            escape(code)
        )
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body style=\"font-family:Arial,Helvetica,sans-serif;color:#1a1a1a\">\n{code_block}<p>{text}</p>\n</body>\n</html>\n",
        lang = language.tag(),
        title = escape(subject),
        text = escape(text),
    )
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
            let en = render(template, Language::En, "123456", 10);
            assert!(en.text.contains(en_purpose), "{}", en.text);
            assert!(en.text.contains("123456") && en.subject.contains("123456"));
            assert!(en.text.contains("valid for 10 minutes"), "{}", en.text);
            assert!(en.text.contains("will never ask you for this one-time PIN"));
            assert!(en.html.contains("lang=\"en\"") && en.html.contains("123456"));

            let es = render(template, Language::Es, "123456", 10);
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
    fn one_minute_is_singular() {
        let en = render(Template::SignInCode, Language::En, "123456", 1);
        assert!(en.text.contains("valid for 1 minute."), "{}", en.text);
        let es = render(Template::SignInCode, Language::Es, "123456", 1);
        assert!(es.text.contains("válido durante 1 minuto."), "{}", es.text);
    }

    #[test]
    fn notices_carry_no_code() {
        for template in [
            Template::PinChanged,
            Template::Welcome,
            Template::ContactsChanged,
            Template::QuestionsChanged,
        ] {
            for language in [Language::En, Language::Es] {
                let rendered = render(template, language, "123456", 10);
                assert!(!rendered.text.contains("123456"));
                assert!(!rendered.html.contains("123456"));
            }
        }
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
