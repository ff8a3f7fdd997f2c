//! What each audit event on a desk card means, in the agent's language: an
//! agent reads "Wrong PIN at sign-in", not `sign_in_failure`. The code stays
//! beside the words (agents quote it to engineers), and a kind a newer API
//! adds shows as its code until it has words here. The table lives in the
//! desk's own module, so the sign-in page carries none of it.

use crate::i18n::Locale;

/// `(kind, English, Spanish)` for every kind of `api/src/store/audit.rs`
/// (and the admin CLI's role changes).
const WORDS: &[(&str, &str, &str)] = &[
    ("sign_in_success", "Signed in", "Inicio de sesión"),
    (
        "sign_in_failure",
        "Wrong PIN at sign-in",
        "PIN incorrecto al iniciar sesión",
    ),
    (
        "sign_in_locked",
        "Sign-in refused: Employee ID locked",
        "Inicio de sesión rechazado: ID de empleado bloqueado",
    ),
    (
        "lock",
        "Employee ID locked after too many attempts",
        "ID de empleado bloqueado tras demasiados intentos",
    ),
    (
        "pin_accepted",
        "Right PIN, one-time PIN asked",
        "PIN correcto, se pidió un PIN de un solo uso",
    ),
    (
        "code_sent",
        "One-time PIN sent",
        "PIN de un solo uso enviado",
    ),
    (
        "code_failed",
        "Wrong one-time PIN",
        "PIN de un solo uso incorrecto",
    ),
    ("sign_out", "Signed out", "Cierre de sesión"),
    (
        "session_ended",
        "Another device signed out",
        "Cierre de sesión en otro dispositivo",
    ),
    (
        "recovery_started",
        "PIN reset started",
        "Inicio del restablecimiento del PIN",
    ),
    (
        "recovery_code_sent",
        "PIN reset: one-time PIN sent",
        "Restablecimiento del PIN: PIN de un solo uso enviado",
    ),
    (
        "recovery_code_failed",
        "PIN reset: wrong one-time PIN",
        "Restablecimiento del PIN: PIN de un solo uso incorrecto",
    ),
    (
        "recovery_questions_shown",
        "PIN reset: challenge questions shown",
        "Restablecimiento del PIN: preguntas de seguridad mostradas",
    ),
    (
        "recovery_answers_failed",
        "PIN reset: wrong answers",
        "Restablecimiento del PIN: respuestas incorrectas",
    ),
    (
        "recovery_locked",
        "PIN reset refused: Employee ID locked",
        "Restablecimiento del PIN rechazado: ID de empleado bloqueado",
    ),
    (
        "recovery_verified",
        "PIN reset: identity proven",
        "Restablecimiento del PIN: identidad comprobada",
    ),
    (
        "recovery_questions_refused",
        "PIN reset: answers not enough after a report",
        "Restablecimiento del PIN: respuestas insuficientes tras un aviso",
    ),
    (
        "pin_refused",
        "New PIN refused by the PIN rules",
        "PIN nuevo rechazado por las reglas",
    ),
    ("pin_reset", "PIN reset", "Restablecimiento del PIN"),
    ("pin_changed", "PIN changed", "Cambio de PIN"),
    (
        "step_up_failed",
        "Wrong confirmation in My account",
        "Confirmación incorrecta en Mi cuenta",
    ),
    (
        "stepped_up",
        "Identity confirmed in My account",
        "Identidad confirmada en Mi cuenta",
    ),
    (
        "contact_changed",
        "Contact detail changed",
        "Cambio de un dato de contacto",
    ),
    (
        "contact_removed",
        "Contact detail removed",
        "Eliminación de un dato de contacto",
    ),
    (
        "contact_verified",
        "Contact detail verified",
        "Dato de contacto verificado",
    ),
    (
        "questions_changed",
        "Challenge questions changed",
        "Cambio de las preguntas de seguridad",
    ),
    (
        "device_remembered",
        "Device remembered",
        "Dispositivo recordado",
    ),
    (
        "device_forgotten",
        "Remembered device removed",
        "Dispositivo recordado eliminado",
    ),
    (
        "new_device_alert",
        "Sign-in from a new device: alert sent",
        "Inicio de sesión desde un dispositivo nuevo: alerta enviada",
    ),
    (
        "sign_in_reported",
        "\"This wasn't me\" reported",
        "Aviso «No fui yo»",
    ),
    ("notice_sent", "Notice sent", "Aviso enviado"),
    (
        "notice_folded",
        "Notice folded into the hour's digest",
        "Aviso incluido en el resumen de la hora",
    ),
    (
        "desk_viewed",
        "Looked up at the desk",
        "Consulta en la mesa de soporte",
    ),
    (
        "desk_search_missed",
        "Desk search found no one",
        "Búsqueda en la mesa de soporte sin resultado",
    ),
    (
        "desk_refused",
        "Desk request refused",
        "Solicitud de la mesa de soporte rechazada",
    ),
    (
        "desk_verification_sent",
        "Caller verification: one-time PIN sent",
        "Verificación de la persona que llama: PIN de un solo uso enviado",
    ),
    (
        "desk_verified",
        "Caller verified",
        "Persona que llama verificada",
    ),
    (
        "desk_verification_ended",
        "Caller verification ended",
        "Fin de la verificación de la persona que llama",
    ),
    (
        "desk_verification_failed",
        "Caller verification: wrong read-back",
        "Verificación de la persona que llama: código leído incorrecto",
    ),
    (
        "desk_verification_locked",
        "Caller verification locked",
        "Verificación de la persona que llama bloqueada",
    ),
    (
        "desk_unlocked",
        "Unlocked by the desk",
        "Desbloqueo por la mesa de soporte",
    ),
    (
        "desk_reset_sent",
        "PIN reset link sent by the desk",
        "Enlace para restablecer el PIN enviado por la mesa de soporte",
    ),
    (
        "desk_devices_forgotten",
        "Signed out everywhere by the desk",
        "Cierre de todas las sesiones por la mesa de soporte",
    ),
    (
        "desk_registration_code",
        "New registration code from the desk",
        "Código de registro nuevo de la mesa de soporte",
    ),
    (
        "desk_disabled",
        "Account disabled by the desk",
        "Cuenta desactivada por la mesa de soporte",
    ),
    (
        "desk_enabled",
        "Account enabled again by the desk",
        "Cuenta reactivada por la mesa de soporte",
    ),
    (
        "registration_code_failed",
        "Wrong registration code",
        "Código de registro incorrecto",
    ),
    (
        "registration_started",
        "Registration started",
        "Inicio del registro",
    ),
    (
        "registration_contact",
        "Registration: contact detail given",
        "Registro: dato de contacto ingresado",
    ),
    (
        "registration_questions",
        "Registration: challenge questions chosen",
        "Registro: preguntas de seguridad elegidas",
    ),
    (
        "registration_complete",
        "Registration complete",
        "Registro completo",
    ),
    (
        "registration_code_issued",
        "Registration code issued",
        "Código de registro emitido",
    ),
    (
        "passkey_added",
        "Passkey added",
        "Se agregó una llave de acceso",
    ),
    (
        "passkey_removed",
        "Passkey removed",
        "Se quitó una llave de acceso",
    ),
    (
        "passkey_renamed",
        "Passkey renamed",
        "Cambio de nombre de una llave de acceso",
    ),
    (
        "passkey_failed",
        "Passkey refused",
        "Llave de acceso rechazada",
    ),
    ("message_sent", "Message delivered", "Mensaje entregado"),
    (
        "message_retry",
        "Message delivery to retry",
        "Entrega del mensaje por reintentar",
    ),
    (
        "message_failed",
        "Message delivery failed",
        "Falló la entrega del mensaje",
    ),
    ("message_dropped", "Message dropped", "Mensaje descartado"),
    (
        "role_granted",
        "Support role granted",
        "Rol de soporte otorgado",
    ),
    (
        "role_revoked",
        "Support role revoked",
        "Rol de soporte retirado",
    ),
];

/// The words for audit event `kind` in `locale`, when the desk has them.
pub fn event_words(kind: &str, locale: Locale) -> Option<&'static str> {
    WORDS
        .iter()
        .find(|(known, _, _)| *known == kind)
        .map(|(_, en, es)| match locale {
            Locale::En => *en,
            Locale::Es => *es,
        })
}
