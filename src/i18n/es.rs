//! Spanish (`es`), addressing the employee as «usted».

use super::Msg;

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::SkipToContent => "Saltar al contenido principal",
        Msg::LanguageLabel => "Idioma",
        Msg::HelpAndSupport => "Ayuda y soporte",
        Msg::FooterNote => "Portal del personal de UPSers",
        Msg::SignInHeading => "Inicie sesión en UPSers",
        Msg::ForgotPin => "¿Olvidó su PIN?",
        Msg::NewUserRegister => "¿Es su primera vez? Regístrese",
        Msg::VerifyHeading => "Verifique su identidad",
        Msg::ResetHeading => "Restablezca su PIN",
        Msg::RegisterHeading => "Regístrese en UPSers",
        Msg::HomeHeading => "Su inicio en UPSers",
        Msg::HelpIntro => "Guías para iniciar sesión, restablecer su PIN y obtener ayuda.",
        Msg::HelpTopicsLabel => "Temas de ayuda",
        Msg::HelpTopicResetPin => "Restablecer su PIN",
        Msg::HelpTopicNewUser => "Registrarse por primera vez",
        Msg::HelpTopicMfa => "Entender la autenticación multifactor",
        Msg::HelpTopicTroubleshooting => "Solución de problemas generales",
        Msg::HelpTopicContact => "Contactar al Centro de Soporte Técnico",
        Msg::BackToHelp => "Volver a Ayuda y soporte",
        Msg::NotFoundHeading => "Página no encontrada",
        Msg::NotFoundBody => {
            "No hay ninguna página en esta dirección. Revise el enlace o vuelva a empezar desde la página de inicio de sesión."
        }
        Msg::GoToSignIn => "Ir a iniciar sesión",
        Msg::PageUnavailable => "No se pudo cargar esta página",
        Msg::PageUnavailableBody => {
            "Una parte del portal no llegó, probablemente porque se cortó la conexión. Compruebe su conexión y vuelva a intentarlo."
        }
        Msg::TryAgain => "Volver a intentarlo",
        Msg::EmployeeIdLabel => "ID de empleado",
        Msg::PinLabel => "PIN",
        Msg::ShowPin => "Mostrar PIN",
        Msg::HidePin => "Ocultar PIN",
        Msg::SignInButton => "Iniciar sesión",
        Msg::Working => "Espere, por favor…",
        Msg::RememberId => "Recordar mi ID de empleado",
        Msg::CapsLockOn => "Bloq Mayús está activado. Su PIN distingue mayúsculas y minúsculas.",
        Msg::EmployeeIdRequired => "Ingrese su ID de empleado.",
        Msg::EmployeeIdFormat => "Un ID de empleado tiene {n} dígitos.",
        Msg::PinRequired => "Ingrese su PIN.",
        Msg::PinShorterThanAny => "Un PIN tiene al menos {n} caracteres.",
        Msg::PinTooLong => "Un PIN tiene como máximo {n} caracteres.",
        Msg::InvalidCredentials => "El ID de empleado o el PIN no son correctos.",
        Msg::AttemptsRemainingOne => {
            "Queda 1 intento antes de que este ID de empleado se bloquee durante {duration}."
        }
        Msg::AttemptsRemainingMany => {
            "Quedan {n} intentos antes de que este ID de empleado se bloquee durante {duration}."
        }
        Msg::Locked => {
            "Demasiados intentos fallidos. Este ID de empleado está bloqueado por ahora."
        }
        Msg::LockedResetHint => {
            "Si restablece su PIN por mensaje de texto o correo electrónico, se desbloquea al instante."
        }
        Msg::DurationSecond => "1 segundo",
        Msg::DurationSeconds => "{n} segundos",
        Msg::DurationMinute => "1 minuto",
        Msg::DurationMinutes => "{n} minutos",
        Msg::DurationHour => "1 hora",
        Msg::DurationHours => "{n} horas",
        Msg::PinHint => "De {min} a {max} caracteres. Se distinguen mayúsculas y minúsculas.",
        Msg::TryAgainIn => "Vuelva a intentarlo en {time}.",
        Msg::LockEnded => "El bloqueo terminó. Ya puede volver a intentarlo.",
        Msg::RateLimited => "Demasiados intentos desde esta red.",
        Msg::Unavailable => {
            "El servicio de inicio de sesión no está disponible ahora. Vuelva a intentarlo en unos minutos."
        }
        Msg::NetworkError => {
            "No pudimos conectar con el servicio de inicio de sesión. Revise su conexión y vuelva a intentarlo."
        }
        Msg::GenericError => "Algo salió mal. Vuelva a intentarlo.",
        Msg::VerifyIntro => "Por su seguridad, confirme su identidad con un PIN de un solo uso.",
        Msg::WillTextTo => "Le enviaremos un PIN de un solo uso por mensaje de texto al {dest}.",
        Msg::WillEmailTo => "Le enviaremos un PIN de un solo uso por correo electrónico a {dest}.",
        Msg::Sending => "Enviando…",
        Msg::ChooseChannel => "¿Adónde le enviamos su PIN de un solo uso?",
        Msg::TextTo => "Mensaje de texto a {dest}",
        Msg::EmailTo => "Correo electrónico a {dest}",
        Msg::SendCode => "Enviar código",
        Msg::CodeSentTo => "Enviamos un PIN de un solo uso a {dest}.",
        Msg::OtpLabel => "PIN de un solo uso",
        Msg::OtpExpiresIn => "El PIN de un solo uso es válido durante {n} minutos.",
        Msg::VerifyButton => "Verificar",
        Msg::ResendCode => "Reenviar código",
        Msg::ResendIn => "Podrá pedir un PIN de un solo uso nuevo en {time}.",
        Msg::OtpFormat => "Ingrese los 6 dígitos de su PIN de un solo uso.",
        Msg::InvalidCode => "Ese PIN de un solo uso no es correcto.",
        Msg::CodeExpired => {
            "Este PIN de un solo uso venció. Use Reenviar código para recibir uno nuevo."
        }
        Msg::FlowExpired => "Su inicio de sesión venció. Vuelva a iniciar sesión.",
        Msg::NoChannel => {
            "No hay un número de celular ni un correo registrado para el PIN de un solo uso. Comuníquese con el Centro de Soporte Técnico."
        }
        Msg::BackToSignIn => "Volver al inicio de sesión",
        Msg::WelcomeName => "Le damos la bienvenida, {name}",
        Msg::LastSignIn => "Último inicio de sesión: {time}",
        Msg::FirstSignIn => "Este es su primer inicio de sesión.",
        Msg::SignOut => "Cerrar sesión",
        Msg::YourResources => "Sus recursos",
        Msg::IdleTitle => "¿Sigue ahí?",
        Msg::IdleBody => "Por su seguridad, su sesión se cerrará en {time}.",
        Msg::StaySignedIn => "Mantener la sesión",
        Msg::SessionExpired => {
            "Su sesión se cerró tras {duration} sin actividad. Vuelva a iniciar sesión."
        }
        Msg::SignedOut => "Cerró la sesión.",
        Msg::SignOutFailedHeading => "Todavía no cerró la sesión",
        Msg::SignOutFailed => {
            "No pudimos comunicarnos con el servidor, así que su sesión puede seguir abierta. Inténtelo de nuevo. En una computadora compartida, cierre todas las ventanas del navegador si sigue sin funcionar."
        }
        Msg::SignOutRetry => "Intentar cerrar sesión de nuevo",
        Msg::Loading => "Cargando…",
        Msg::ForgotIntro => {
            "Ingrese su ID de empleado. Después elegirá cómo comprobar que es usted y creará un PIN nuevo."
        }
        Msg::ContinueButton => "Continuar",
        Msg::UseAnotherId => "Usar otro ID de empleado",
        Msg::ResetFor => "ID de empleado {id}",
        Msg::ChooseMethod => "¿Cómo quiere comprobar que es usted?",
        Msg::MethodSms => "Enviarme un PIN de un solo uso por mensaje de texto",
        Msg::MethodEmail => "Enviarme un PIN de un solo uso por correo electrónico",
        Msg::MethodQuestions => "Responder mis preguntas de seguridad",
        Msg::ResetCodeHeading => "Ingrese su PIN de un solo uso",
        Msg::ResetSentSms => {
            "Si hay un número de celular registrado para este ID de empleado, le enviamos un PIN de un solo uso por mensaje de texto."
        }
        Msg::ResetSentEmail => {
            "Si hay un correo electrónico registrado para este ID de empleado, le enviamos un PIN de un solo uso."
        }
        Msg::ChooseAnotherWay => "Elegir otro método",
        Msg::QuestionsHeading => "Responda sus preguntas de seguridad",
        Msg::QuestionsIntro => "Las respuestas no distinguen entre mayúsculas y minúsculas.",
        Msg::AnswerRequired => "Ingrese una respuesta.",
        Msg::AnswerTooLong => "Una respuesta tiene como máximo {n} caracteres.",
        Msg::WrongAnswers => "Esas respuestas no coinciden con nuestros registros.",
        Msg::QuestionsLocked => {
            "No puede usar las preguntas de seguridad mientras este ID de empleado esté bloqueado. Aún puede restablecer su PIN con un PIN de un solo uso por mensaje de texto o correo electrónico."
        }
        Msg::QuestionsNotEnough => {
            "Después de que se informó que un inicio de sesión no fue usted, las preguntas de seguridad no pueden restablecer su PIN. Elija otra forma: un PIN de un solo uso por mensaje de texto o correo electrónico."
        }
        Msg::ReportHeading => "Proteja su cuenta",
        Msg::ReportIntro => {
            "Si otra persona inició sesión en su cuenta o la cambió, protéjala ahora: se cierra la sesión en todos los dispositivos, se olvidan los dispositivos recordados, se quita o se restablece lo que se agregó o cambió en los últimos días (llaves de acceso, datos de contacto) y su ID de empleado queda bloqueado hasta que restablezca su PIN con un PIN de un solo uso por mensaje de texto o correo electrónico."
        }
        Msg::ReportButton => "Proteger mi cuenta",
        Msg::ReportDone => {
            "Su cuenta está protegida: se cerró la sesión en todos los dispositivos y su ID de empleado está bloqueado. Para desbloquearlo, restablezca su PIN ahora con un PIN de un solo uso por mensaje de texto o correo electrónico."
        }
        Msg::ReportLinkOver => {
            "Este enlace no se puede usar: funciona una sola vez, durante 7 días. Si un inicio de sesión no fue usted, restablezca su PIN ahora o llame al Centro de Soporte Técnico."
        }
        Msg::ReportedLocked => {
            "Su ID de empleado está bloqueado porque se informó que un inicio de sesión no fue usted. Para desbloquearlo, restablezca su PIN con un PIN de un solo uso por mensaje de texto o correo electrónico."
        }
        Msg::NewPinHeading => "Cree un PIN nuevo",
        Msg::NewPinIntro => {
            "Use de {min} a {max} caracteres, los que quiera. Unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar."
        }
        Msg::NewPinLabel => "PIN nuevo",
        Msg::ConfirmPinLabel => "Confirme el PIN nuevo",
        Msg::SetPinButton => "Establecer PIN",
        Msg::NewPinRequired => "Ingrese un PIN nuevo.",
        Msg::PinMismatch => "Los PIN no coinciden.",
        Msg::PinStrength => "Seguridad del PIN: {level}",
        Msg::StrengthVeryWeak => "muy débil",
        Msg::StrengthWeak => "débil",
        Msg::StrengthFair => "regular",
        Msg::StrengthStrong => "fuerte",
        Msg::StrengthVeryStrong => "muy fuerte",
        Msg::PinTooShort => "Use al menos {n} caracteres.",
        Msg::PinBlocklisted => "Este PIN es demasiado común. Elija algo menos común.",
        Msg::PinContainsId => "Su PIN no debe contener su ID de empleado.",
        Msg::PinWeak => "Este PIN es fácil de adivinar. Agregue otra palabra o hágalo más largo.",
        Msg::PinRulesMet => "Este PIN cumple las reglas.",
        Msg::ResetDoneHeading => "Su PIN se restableció",
        Msg::ResetDoneBody => {
            "Su PIN nuevo está listo. Por su seguridad, se cerró su sesión en todos los dispositivos. Inicie sesión con su PIN nuevo."
        }
        Msg::ResetExpired => "Su restablecimiento de PIN venció. Vuelva a empezar.",
        Msg::QBirthCity => "¿En qué ciudad nació?",
        Msg::QFirstPet => "¿Cómo se llamaba su primera mascota?",
        Msg::QFirstCar => "¿De qué marca era su primer auto?",
        Msg::QElementarySchool => "¿Cómo se llamaba su escuela primaria?",
        Msg::QChildhoodStreet => "¿En qué calle vivía de niño?",
        Msg::QParentsMet => "¿En qué ciudad se conocieron sus padres?",
        Msg::QFirstJob => "¿Cuál fue su primer trabajo?",
        Msg::QChildhoodFriend => "¿Cuál es el nombre de su mejor amigo de la infancia?",
        Msg::QFavoriteTeacher => "¿Cuál era el apellido de su maestro favorito?",
        Msg::QFirstConcert => "¿Cuál fue el primer concierto al que asistió?",
        Msg::StepOf => "Paso {n} de {total}",
        Msg::RegisterIntro => {
            "¿Es su primera vez en UPSers? Ingrese su ID de empleado y el código de registro que le dio Recursos Humanos."
        }
        Msg::RegistrationCodeLabel => "Código de registro",
        Msg::RegistrationCodeHint => {
            "12 letras y dígitos, como K7PQ-M2XD-9HTA. Los guiones y las mayúsculas no importan."
        }
        Msg::RegistrationCodeRequired => "Ingrese su código de registro.",
        Msg::RegistrationCodeFormat => {
            "Un código de registro tiene 12 letras y dígitos, como K7PQ-M2XD-9HTA."
        }
        Msg::RegistrationCodeInvalid => {
            "El ID de empleado o el código de registro no son correctos, o este ID de empleado ya está registrado. Los códigos son válidos por 14 días; Recursos Humanos puede darle uno nuevo."
        }
        Msg::RegistrationLocked => {
            "Demasiados códigos de registro incorrectos. El registro de este ID de empleado está bloqueado por ahora."
        }
        Msg::RegistrationExpired => {
            "Su registro venció. Vuelva a empezar con su código de registro."
        }
        Msg::ContactHeading => "Sus datos de contacto",
        Msg::ContactIntro => {
            "Aquí le enviamos los PIN de un solo uso cuando inicia sesión o restablece su PIN. Indique un número de celular, un correo electrónico o ambos."
        }
        Msg::MobileLabel => "Número de celular",
        Msg::MobileHint => "Por ejemplo 404\u{2011}555\u{2011}0123.",
        Msg::EmailLabel => "Correo electrónico",
        Msg::MobileFormat => "Ingrese un número de celular como 404\u{2011}555\u{2011}0123.",
        Msg::EmailFormat => "Ingrese un correo electrónico como nombre@ejemplo.com.",
        Msg::ContactRequired => "Indique un número de celular, un correo electrónico o ambos.",
        Msg::VerifyContactsHeading => "Verifique sus datos de contacto",
        Msg::VerifyContactsIntro => {
            "Le enviamos un PIN de un solo uso a cada dato de contacto que indicó. Ingréselo para confirmar que es suyo."
        }
        Msg::ContactVerified => "Verificado",
        Msg::ContactNotVerified => "Aún no verificado",
        Msg::VerifyAllFirst => {
            "Verifique cada dato de contacto antes de continuar, o regrese y elimínelo."
        }
        Msg::QuestionsChooseHeading => "Elija sus preguntas de seguridad",
        Msg::QuestionsChooseIntro => {
            "Elija 3 preguntas diferentes y responda cada una. Para restablecer su PIN se le pueden hacer 2 de ellas. Las respuestas no distinguen entre mayúsculas y minúsculas."
        }
        Msg::QuestionN => "Pregunta {n}",
        Msg::AnswerN => "Respuesta {n}",
        Msg::ChooseAQuestion => "Elija una pregunta",
        Msg::QuestionRequired => "Elija una pregunta.",
        Msg::QuestionDuplicate => "Elija una pregunta diferente para cada respuesta.",
        Msg::AnswerTooShort => "Una respuesta tiene al menos {n} caracteres.",
        Msg::CreatePinHeading => "Cree su PIN",
        Msg::RegisteredHeading => "Registro completo",
        Msg::RegisteredBody => {
            "Ya puede usar el portal. Inicie sesión con su ID de empleado y su PIN nuevo."
        }
        Msg::BackButton => "Atrás",
        Msg::HelpSearchLabel => "Buscar en la ayuda",
        Msg::SearchResultsOne => "1 resultado",
        Msg::SearchResultsMany => "{n} resultados",
        Msg::SearchNoResults => {
            "Nada en las guías coincide con su búsqueda. El Centro de Soporte Técnico puede ayudarle."
        }
        Msg::SupportHeading => "Centro de Soporte Técnico",
        Msg::SupportPhone => "Teléfono",
        Msg::SupportHours => "Horario",
        Msg::SupportEmail => "Correo electrónico",
        Msg::SupportWeb => "Sitio web",
        Msg::HelpSignIn => "¿Problemas para iniciar sesión?",
        Msg::HelpCode => "¿No le llega el PIN de un solo uso?",
        Msg::HelpReset => "Cómo funciona el restablecimiento del PIN",
        Msg::HelpRegister => "Cómo funciona el registro",
        Msg::ResendReady => "Ya puede pedir un PIN de un solo uso nuevo.",
        Msg::AlertError => "Hay un problema",
        Msg::AlertWarning => "Advertencia",
        Msg::AlertInfo => "Importante",
        Msg::AlertSuccess => "Correcto",
        Msg::AccountHeading => "Mi cuenta",
        Msg::AccountIntro => {
            "Cambie lo que mantiene segura su cuenta. Un cambio le pide primero que confirme su identidad."
        }
        Msg::ChangePinHeading => "Cambie su PIN",
        Msg::CurrentPinLabel => "PIN actual",
        Msg::CurrentPinRequired => "Ingrese su PIN actual.",
        Msg::CurrentPinWrong => "Su PIN actual no es correcto.",
        Msg::PinChangedBody => {
            "Su PIN cambió. Sigue con la sesión iniciada aquí; se cerró la sesión en los demás dispositivos y enviamos un aviso a sus datos de contacto."
        }
        Msg::MyAccount => "Mi cuenta",
        Msg::MyAccountText => {
            "Cambie su PIN, sus datos de contacto y sus preguntas de seguridad, y vea dónde tiene la sesión iniciada."
        }
        Msg::BackToHome => "Volver a su inicio en UPSers",
        Msg::SessionsHeading => "Dónde tiene la sesión iniciada",
        Msg::SessionsIntro => {
            "Estos dispositivos tienen la sesión iniciada en su cuenta ahora. Si no reconoce alguno, cierre su sesión y luego cambie su PIN."
        }
        Msg::SessionDevice => "{browser} en {os}",
        Msg::SessionUnknownBrowser => "Un navegador en {os}",
        Msg::SessionUnknownDevice => "Un dispositivo desconocido",
        Msg::ThisDevice => "Este dispositivo",
        Msg::SessionStarted => "Inició sesión: {time}",
        Msg::SessionLastActive => "Última actividad: {time}",
        Msg::SessionAddress => "Desde {address}",
        Msg::EndSession => "Cerrar sesión",
        Msg::EndOtherSessions => "Cerrar sesión en los demás dispositivos",
        Msg::SessionEnded => "Se cerró la sesión en {device}.",
        Msg::OtherSessionsEnded => "Se cerró la sesión en todos los demás dispositivos.",
        Msg::OnlyThisDevice => "Solo tiene la sesión iniciada en este dispositivo.",
        Msg::ActivityHeading => "Actividad reciente",
        Msg::ActivityIntro => {
            "Inicios de sesión, intentos fallidos y cambios en su cuenta de los últimos 30 días. Si algo no lo hizo usted, cambie su PIN y cierre la sesión en los demás dispositivos."
        }
        Msg::ActivitySignedIn => "Inicio de sesión",
        Msg::ActivityWrongPin => "PIN incorrecto al iniciar sesión",
        Msg::ActivityWrongCode => "PIN de un solo uso incorrecto al iniciar sesión",
        Msg::ActivityWrongCurrentPin => "PIN actual incorrecto en Mi cuenta",
        Msg::ActivityLocked => "ID de empleado bloqueado tras demasiados intentos",
        Msg::ActivityPinChanged => "Cambio de PIN",
        Msg::ActivityPinReset => "Restablecimiento del PIN",
        Msg::ActivitySessionsEnded => "Cierre de sesión en otros dispositivos",
        Msg::ActivityUnknown => "Otra actividad de la cuenta",
        Msg::QuestionsAccountHeading => "Preguntas de seguridad",
        Msg::QuestionsAccountIntro => {
            "Sus respuestas a estas preguntas pueden restablecer su PIN si lo olvida. Usted respondió estas tres:"
        }
        Msg::ChangeQuestions => "Cambiar las preguntas de seguridad",
        Msg::SaveQuestions => "Guardar las preguntas",
        Msg::QuestionsChanged => {
            "Se cambiaron sus preguntas de seguridad. Enviamos un aviso a sus datos de contacto."
        }
        Msg::StepUpForQuestions => {
            "Por su seguridad, para cambiar sus preguntas de seguridad necesita un PIN de un solo uso enviado a sus datos de contacto. Elija adónde enviarlo:"
        }
        Msg::ContactsHeading => "Datos de contacto",
        Msg::ContactsIntro => {
            "Los PIN de un solo uso y los avisos sobre su cuenta llegan a estos datos. Uno nuevo recibe primero un PIN de un solo uso y reemplaza al anterior solo cuando usted lo ingresa."
        }
        Msg::ContactNone => "Ninguno",
        Msg::AddMobile => "Agregar un número de celular",
        Msg::ChangeMobile => "Cambiar el número de celular",
        Msg::RemoveMobile => "Quitar el número de celular",
        Msg::AddEmail => "Agregar un correo electrónico",
        Msg::ChangeEmail => "Cambiar el correo electrónico",
        Msg::RemoveEmail => "Quitar el correo electrónico",
        Msg::OnlyContact => {
            "Este es su único dato de contacto: puede cambiarlo, y quitarlo después de agregar otro."
        }
        Msg::MobileChanged => {
            "Se cambió su número de celular. Enviamos un aviso a los datos de contacto que tenía antes."
        }
        Msg::EmailChanged => {
            "Se cambió su correo electrónico. Enviamos un aviso a los datos de contacto que tenía antes."
        }
        Msg::MobileRemoved => {
            "Se quitó su número de celular. Enviamos un aviso a sus datos de contacto."
        }
        Msg::EmailRemoved => {
            "Se quitó su correo electrónico. Enviamos un aviso a sus datos de contacto."
        }
        Msg::LastContact => "Este es su único dato de contacto: agregue otro antes de quitarlo.",
        Msg::RemoveContactConfirm => {
            "¿Quitar {dest}? Los PIN de un solo uso y los avisos ya no llegarán ahí."
        }
        Msg::RemoveContact => "Quitar",
        Msg::CancelButton => "Cancelar",
        Msg::NewMobileLabel => "Nuevo número de celular",
        Msg::NewEmailLabel => "Nuevo correo electrónico",
        Msg::NewContactHint => {
            "Le enviaremos un PIN de un solo uso. Reemplaza al anterior cuando usted ingrese ese PIN."
        }
        Msg::NewMobileInvalid => {
            "Ingrese un número de celular como 404\u{2011}555\u{2011}0123 que no sea el que tiene ahora."
        }
        Msg::NewEmailInvalid => {
            "Ingrese un correo electrónico como nombre@ejemplo.com que no sea el que tiene ahora."
        }
        Msg::ContactCodeExpired => "Este cambio venció. Cancele y comience de nuevo.",
        Msg::StepUpHeading => "Confirme su identidad",
        Msg::StepUpForContacts => {
            "Por su seguridad, para agregar o cambiar un dato de contacto necesita un PIN de un solo uso enviado a un contacto que ya tiene. Elija adónde enviarlo:"
        }
        Msg::StepUpForRemoval => {
            "Por su seguridad, confirme su identidad antes de quitar un dato de contacto: ingrese su PIN actual u obtenga un PIN de un solo uso."
        }
        Msg::StepUpConfirm => "Confirmar",
        Msg::StepUpOrCode => "O bien, obtenga un PIN de un solo uso:",
        Msg::ContactSettling => "Agregado hace poco: podrá restablecer su PIN a partir del {time}.",
        Msg::StepUpSettling => {
            "Un contacto que agregó o cambió hace poco podrá confirmar un cambio como este a partir del {time}. Hasta entonces, use un contacto que ya tenía antes."
        }
        Msg::StepUpExpired => "Este PIN de un solo uso venció. Cancele y pida uno nuevo.",
        Msg::RememberDevice => "Recordar este dispositivo durante {n} días",
        Msg::DevicesHeading => "Dispositivos recordados",
        Msg::DevicesIntro => {
            "En estos, su PIN basta para iniciar sesión, sin PIN de un solo uso. Olvide los que ya no use o no reconozca. Un cambio o restablecimiento del PIN los olvida todos."
        }
        Msg::DevicesNone => {
            "No hay dispositivos recordados. Para recordar uno, marque \u{201c}Recordar este dispositivo\u{201d} al ingresar un PIN de un solo uso."
        }
        Msg::DeviceRememberedAt => "Recordado: {time}",
        Msg::DeviceLastUsed => "Último uso: {time}",
        Msg::DeviceUntil => "Hasta: {time}",
        Msg::ForgetDevice => "Olvidar",
        Msg::DeviceForgotten => "Se olvidó {device}: volverá a pedir un PIN de un solo uso.",
        Msg::RememberDeviceHint => {
            "Solo en una computadora o un teléfono que use únicamente usted: en él, su PIN bastará para iniciar sesión. Puede olvidarlo en Mi cuenta."
        }
        Msg::ActivityContactChanged => "Cambio de un dato de contacto",
        Msg::ActivityQuestionsChanged => "Cambio de las preguntas de seguridad",
        Msg::ActivityPasskeyAdded => "Se agregó una llave de acceso",
        Msg::ActivityPasskeyRemoved => "Se quitó una llave de acceso",
        Msg::ActivityDeskVerified => "Identidad verificada por el Centro de Soporte Técnico",
        Msg::ActivityDeskUnlocked => "ID de empleado desbloqueado por el Centro de Soporte Técnico",
        Msg::ActivityDeskResetLinkSent => {
            "Enlace para restablecer el PIN enviado por el Centro de Soporte Técnico"
        }
        Msg::ActivityDeskSignedOut => {
            "Cierre de todas las sesiones por el Centro de Soporte Técnico"
        }
        Msg::ActivityDeskDisabled => "Cuenta desactivada por el Centro de Soporte Técnico",
        Msg::ActivityDeskEnabled => "Cuenta reactivada por el Centro de Soporte Técnico",
        Msg::PasskeySignIn => "Iniciar sesión con una llave de acceso",
        Msg::PasskeySignInHint => {
            "Use su huella, su rostro o el bloqueo de pantalla: no tiene que ingresar nada."
        }
        Msg::PasskeyCancelled => {
            "Se canceló la solicitud de la llave de acceso, o este dispositivo no tiene una llave de acceso para UPSers."
        }
        Msg::PasskeyTimedOut => "Venció el tiempo de la solicitud de la llave de acceso.",
        Msg::PasskeyAlreadyRegistered => {
            "Este dispositivo ya tiene una llave de acceso para su cuenta."
        }
        Msg::PasskeyNotAllowed => "Este navegador no puede usar una llave de acceso aquí.",
        Msg::PasskeyRefused => "Esta llave de acceso no está registrada en UPSers, o se quitó.",
        Msg::PasskeyWayOnPin => {
            "Vuelva a intentarlo, o inicie sesión con su ID de empleado y su PIN."
        }
        Msg::PasskeyWayOnCode => "Vuelva a intentarlo, o envíe un PIN de un solo uso.",
        Msg::PasskeyUse => "Usar su llave de acceso",
        Msg::PasskeyVerifyIntro => {
            "Confirme que es usted con su llave de acceso: su huella, su rostro o el bloqueo de pantalla."
        }
        Msg::SendCodeInstead => "Enviar un código",
        Msg::PasskeysHeading => "Llaves de acceso",
        Msg::PasskeysIntro => {
            "Una llave de acceso inicia su sesión con su huella, su rostro o el bloqueo de pantalla, sin ingresar nada. Solo funciona en este portal, así que una página falsa no puede usarla. Agréguela en un teléfono o una computadora que use únicamente usted."
        }
        Msg::PasskeysNone => "Todavía no tiene ninguna llave de acceso.",
        Msg::PasskeysUnavailable => {
            "Este navegador no puede agregar una llave de acceso aquí. Abra el portal en un navegador actualizado en su propio teléfono o computadora."
        }
        Msg::PasskeyAdd => "Agregar una llave de acceso",
        Msg::PasskeyNameLabel => "Nombre (opcional)",
        Msg::PasskeyNameHint => {
            "Por ejemplo, \u{201c}Teléfono del trabajo\u{201d}, hasta 64 caracteres. Si no le pone uno, lleva el nombre de este navegador."
        }
        Msg::PasskeyNameInvalid => {
            "Ingrese un nombre de hasta 64 caracteres: solo letras, dígitos, espacios y - ' . , ( ) & _ # +, sin dirección web ni número de teléfono."
        }
        Msg::PasskeyCreate => "Crear la llave de acceso",
        Msg::PasskeyAdded => {
            "Se agregó {name}: ya puede iniciar sesión con ella. Enviamos un aviso a sus datos de contacto."
        }
        Msg::PasskeyAddedAt => "Agregada el {time}",
        Msg::PasskeyLastUsed => "Último uso: {time}",
        Msg::PasskeyNeverUsed => "Sin usar todavía",
        Msg::PasskeyRename => "Cambiar el nombre",
        Msg::PasskeyNewName => "Nombre nuevo",
        Msg::PasskeySaveName => "Guardar el nombre",
        Msg::PasskeyRenamed => "La llave de acceso ahora se llama {name}.",
        Msg::PasskeyRemove => "Quitar",
        Msg::PasskeyRemoveConfirm => "¿Quitar {name}? Ya no iniciará su sesión.",
        Msg::PasskeyRemoved => "Se quitó {name}. Enviamos un aviso a sus datos de contacto.",
        Msg::PasskeyTooMany => "Tiene el máximo de llaves de acceso por cuenta. Quite una primero.",
        Msg::StepUpForPasskey => {
            "Por su seguridad, para agregar una llave de acceso necesita un PIN de un solo uso enviado a sus datos de contacto. Elija adónde enviarlo:"
        }
        Msg::ActivityContactRemoved => "Eliminación de un dato de contacto",
        Msg::ActivityOlder => "Ver actividad anterior",
        Msg::ActivityNone => "Nada en los últimos 30 días.",
        Msg::ActivityEnd => "Eso es todo de los últimos 30 días.",
        Msg::DeskTile => "Mesa de Soporte Técnico",
        Msg::DeskTileText => {
            "Busque a un empleado, verifique a quien llama y luego desbloquee o restablezca su cuenta."
        }
        Msg::DeskHeading => "Mesa de Soporte Técnico",
        Msg::DeskIntro => {
            "Busque la cuenta de quien llama por ID de empleado, correo electrónico o número de celular. Verifique a quien llama antes de cambiar algo: se envía un PIN de un solo uso al contacto del propio empleado, y quien llama se lo lee a usted."
        }
        Msg::DeskSearchLabel => "ID de empleado, correo electrónico o número de celular",
        Msg::DeskSearchHint => "Un número de celular como +1\u{a0}404\u{a0}555\u{a0}0123.",
        Msg::DeskSearchButton => "Buscar",
        Msg::DeskSearchRequired => {
            "Ingrese un ID de empleado, un correo electrónico o un número de celular."
        }
        Msg::DeskNotFound => "Ningún empleado coincide con \u{201c}{query}\u{201d}.",
        Msg::DeskAgentsOnly => "La mesa de Soporte Técnico es para los agentes de soporte.",
        Msg::DeskEmployeeHeading => "{name}, ID de empleado {id}",
        Msg::DeskStatus => "Estado",
        Msg::DeskStatusActive => "Activa",
        Msg::DeskStatusPending => "Aún sin registrar",
        Msg::DeskStatusDisabled => "Desactivada",
        Msg::DeskLockedUntil => "Inicio de sesión bloqueado por intentos fallidos hasta {time}.",
        Msg::DeskReported => {
            "Bloqueada desde {time}: el empleado indicó que un inicio de sesión no fue él. Solo un restablecimiento del PIN con un PIN de un solo uso la desbloquea."
        }
        Msg::DeskMobile => "Celular",
        Msg::DeskEmail => "Correo electrónico",
        Msg::DeskContactVerified => "{contact} (verificado)",
        Msg::DeskContactUnverified => "{contact} (sin verificar)",
        Msg::DeskContactSettling => {
            "{contact} (verificado; se agregó o cambió hace poco, así que no puede verificar a quien llama ni recibir un enlace de restablecimiento hasta el {time}: use el otro contacto)"
        }
        Msg::DeskNone => "Ninguno",
        Msg::DeskLastSignIn => "Último inicio de sesión",
        Msg::DeskNever => "Nunca",
        Msg::DeskRegistrationCode => "Código de registro",
        Msg::DeskCodeUsable => "Válido hasta {time}",
        Msg::DeskCodeUsed => "Usado",
        Msg::DeskCodeExpired => "Vencido",
        Msg::DeskRoles => "Funciones",
        Msg::DeskRoleAgent => "Agente de soporte",
        Msg::DeskRoleLead => "Líder de soporte",
        Msg::DeskCannotAct => {
            "No puede actuar sobre esta cuenta: es la suya, o es de otro agente y usted no es líder de soporte."
        }
        Msg::DeskVerifyHeading => "Verificar a quien llama",
        Msg::DeskVerifyIntro => {
            "Envíe un PIN de un solo uso a uno de los contactos verificados del empleado y pida a quien llama que se lo lea. Nunca se lo lea usted."
        }
        Msg::DeskSendText => "Enviar mensaje de texto a {contact}",
        Msg::DeskSendEmail => "Enviar correo a {contact}",
        Msg::DeskNoVerifiedContact => {
            "Este empleado no tiene ningún contacto verificado, así que la mesa no puede verificar a quien llama."
        }
        Msg::DeskCodeSent => "Enviado a {contact}. Pida a quien llama que se lo lea.",
        Msg::DeskReadBackLabel => "PIN de un solo uso que le lee quien llama",
        Msg::DeskCheckButton => "Comprobar",
        Msg::DeskVerifiedUntil => "Quien llama está verificado hasta {time}.",
        Msg::DeskEndVerification => "Finalizar la verificación: terminó la llamada",
        Msg::DeskVerificationLocked => {
            "Tres lecturas incorrectas: la mesa no puede verificar a este empleado hasta {time}."
        }
        Msg::DeskActionsHeading => "Acciones",
        Msg::DeskActionsNeedVerification => "Verifique a quien llama para usarlas.",
        Msg::DeskUnlock => "Desbloquear el inicio de sesión",
        Msg::DeskSendResetText => "Enviar un enlace para restablecer el PIN por mensaje de texto",
        Msg::DeskSendResetEmail => "Enviar un enlace para restablecer el PIN por correo",
        Msg::ResetLinkOver => {
            "Este enlace para restablecer el PIN venció o ya se usó. Restablezca su PIN aquí, o llame al Centro de Soporte Técnico para pedir un enlace nuevo."
        }
        Msg::DeskForgetDevices => "Cerrar sesión en todas partes y olvidar dispositivos",
        Msg::DeskNewRegistrationCode => "Emitir un nuevo código de registro",
        Msg::DeskDisable => "Desactivar la cuenta",
        Msg::DeskEnable => "Activar la cuenta",
        Msg::DeskDone => "Hecho. Se avisó al empleado en sus contactos verificados.",
        Msg::DeskIssuedCode => {
            "Nuevo código de registro: {code}. Léaselo ahora a quien llama: no se vuelve a mostrar."
        }
        Msg::DeskEventsHeading => "Últimos 50 eventos",
        Msg::DeskEventsNone => "Aún no hay eventos.",
    }
}
