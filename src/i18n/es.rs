//! Spanish (`es`), addressing the employee as «usted».

use super::Msg;

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::SkipToContent => "Saltar al contenido principal",
        Msg::LanguageLabel => "Idioma",
        Msg::HelpAndSupport => "Ayuda y soporte",
        Msg::FooterNote => "Portal de empleados de UPSers",
        Msg::NotBuiltYet => "Esta página aún no está disponible: llegará en una próxima versión.",
        Msg::SignInHeading => "Inicie sesión en UPSers",
        Msg::ForgotPin => "¿Olvidó su PIN?",
        Msg::NewUserRegister => "¿Usuario nuevo? Regístrese",
        Msg::VerifyHeading => "Verifique su identidad",
        Msg::ResetHeading => "Restablezca su PIN",
        Msg::RegisterHeading => "Regístrese en UPSers",
        Msg::HomeHeading => "Su inicio en UPSers",
        Msg::HelpIntro => "Guías para iniciar sesión, restablecer su PIN y obtener ayuda.",
        Msg::HelpTopicsLabel => "Temas de ayuda",
        Msg::HelpTopicResetPin => "Restablecer su PIN",
        Msg::HelpTopicNewUser => "Registrarse como usuario nuevo",
        Msg::HelpTopicMfa => "Entender la autenticación multifactor",
        Msg::HelpTopicTroubleshooting => "Solución de problemas generales",
        Msg::HelpTopicContact => "Contactar al Centro de Soporte Técnico",
        Msg::GuideNotWritten => "Esta guía se está redactando.",
        Msg::BackToHelp => "Volver a Ayuda y soporte",
        Msg::NotFoundHeading => "Página no encontrada",
        Msg::NotFoundBody => {
            "No hay ninguna página en esta dirección. Revise el enlace o vuelva a empezar desde la página de inicio de sesión."
        }
        Msg::GoToSignIn => "Ir a iniciar sesión",
    }
}
