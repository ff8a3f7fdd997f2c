//! Las guías en español: las mismas secciones, con los mismos ids, que las
//! guías en inglés, y los nombres de botones tal como los muestra el portal.

use super::Section;
use crate::routes::HelpTopic;

pub fn guide(topic: HelpTopic) -> &'static [Section] {
    match topic {
        HelpTopic::ResetPin => RESET_PIN,
        HelpTopic::NewUser => NEW_USER,
        HelpTopic::Mfa => MFA,
        HelpTopic::Troubleshooting => TROUBLESHOOTING,
        HelpTopic::Contact => CONTACT,
    }
}

const RESET_PIN: &[Section] = &[
    Section {
        id: "before-you-start",
        title: "Antes de empezar",
        steps: &[
            "Tenga a mano su ID de empleado.",
            "También necesita una de estas cosas: el celular o el correo electrónico que registró, o las respuestas a sus preguntas de seguridad.",
        ],
    },
    Section {
        id: "by-text-or-email",
        title: "Restablecer su PIN por mensaje de texto o correo electrónico",
        steps: &[
            "En la página de inicio de sesión, seleccione ¿Olvidó su PIN?",
            "Ingrese su ID de empleado y seleccione Continuar.",
            "Elija Enviarme un PIN de un solo uso por mensaje de texto o Enviarme un PIN de un solo uso por correo electrónico y seleccione Continuar.",
            "Ingrese el PIN de un solo uso de {code_digits} dígitos en menos de {code_valid} y seleccione Verificar. Si no llegó, seleccione Reenviar código cuando termine la cuenta regresiva.",
            "Cree su PIN nuevo, escríbalo de nuevo para confirmarlo y seleccione Establecer PIN.",
        ],
    },
    Section {
        id: "by-questions",
        title: "Restablecer su PIN con sus preguntas de seguridad",
        steps: &[
            "En la página de inicio de sesión, seleccione ¿Olvidó su PIN?, ingrese su ID de empleado y seleccione Continuar.",
            "Elija Responder mis preguntas de seguridad y seleccione Continuar.",
            "Responda las dos preguntas que se muestran. Las respuestas no distinguen entre mayúsculas y minúsculas.",
            "Después de {attempts} respuestas incorrectas seguidas, su ID de empleado se bloquea por {lock}. Mientras esté bloqueado, aún puede restablecer su PIN por mensaje de texto o correo electrónico.",
            "Cree su PIN nuevo, confírmelo y seleccione Establecer PIN.",
        ],
    },
    Section {
        id: "choosing-a-pin",
        title: "Cómo elegir un buen PIN",
        steps: &[
            "Use de {pin_min} a {pin_max} caracteres: se permiten letras, números, espacios y símbolos, y el PIN distingue entre mayúsculas y minúsculas.",
            "Unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.",
            "El portal rechaza los PIN muy comunes y cualquier PIN que contenga su ID de empleado. El medidor de seguridad se lo indica mientras escribe.",
        ],
    },
    Section {
        id: "after-the-reset",
        title: "Después de restablecerlo",
        steps: &[
            "Por su seguridad, se cierra su sesión en todos los dispositivos.",
            "Enviamos un aviso a su otro dato de contacto registrado, para que sepa que el PIN cambió.",
            "Inicie sesión con su PIN nuevo. Si usted no restableció su PIN, comuníquese de inmediato con el Centro de Soporte Técnico.",
        ],
    },
];

const NEW_USER: &[Section] = &[
    Section {
        id: "what-you-need",
        title: "Lo que necesita",
        steps: &[
            "Su ID de empleado.",
            "El código de registro que le dio Recursos Humanos: 12 letras y dígitos, como K7PQ-M2XD-9HTA. Es válido por 14 días y se usa una sola vez. Si venció, pida uno nuevo a Recursos Humanos.",
        ],
    },
    Section {
        id: "register-step-by-step",
        title: "Regístrese paso a paso",
        steps: &[
            "En la página de inicio de sesión, seleccione ¿Es su primera vez? Regístrese.",
            "Paso 1: ingrese su ID de empleado y su código de registro. Los guiones y las mayúsculas no importan.",
            "Paso 2: indique un número de celular, un correo electrónico o ambos.",
            "Paso 3: seleccione Enviar código junto a cada dato de contacto e ingrese el PIN de un solo uso que reciba.",
            "Paso 4: elija tres preguntas de seguridad diferentes y responda cada una con al menos 3 caracteres.",
            "Paso 5: cree su PIN y seleccione Establecer PIN. Luego inicie sesión con su ID de empleado y su PIN nuevo.",
        ],
    },
    Section {
        id: "registration-problems",
        title: "Si el registro no funciona",
        steps: &[
            "Cinco códigos de registro incorrectos bloquean el registro de ese ID de empleado por {lock}.",
            "Un registro sin terminar vence después de una hora: vuelva a empezar con el mismo código.",
            "Si la página dice que su código no es correcto, revíselo o pregunte a Recursos Humanos si su ID de empleado ya está registrado. Si ya se registró, use ¿Olvidó su PIN?",
        ],
    },
];

const MFA: &[Section] = &[
    Section {
        id: "what-it-is",
        title: "Qué es la autenticación multifactor",
        steps: &[
            "Después de su PIN, le enviamos un PIN de un solo uso al celular o al correo electrónico que registró.",
            "Al ingresarlo comprueba que es usted, así que un PIN robado no basta para iniciar sesión.",
        ],
    },
    Section {
        id: "signing-in",
        title: "Iniciar sesión con un PIN de un solo uso",
        steps: &[
            "Ingrese su ID de empleado y su PIN y seleccione Iniciar sesión.",
            "Si registró un celular y un correo electrónico, elija adónde enviar el PIN de un solo uso y seleccione Enviar código.",
            "Ingrese los {code_digits} dígitos y seleccione Verificar. Puede pegar el PIN de un solo uso, con o sin espacio.",
        ],
    },
    Section {
        id: "code-not-arriving",
        title: "Cuando el PIN de un solo uso no llega",
        steps: &[
            "Espere un minuto: los mensajes de texto y los correos pueden tardar.",
            "Revise su carpeta de correo no deseado y que su celular tenga señal.",
            "Seleccione Reenviar código cuando termine la cuenta regresiva (después de {resend}). Solo funciona el PIN de un solo uso más reciente y cada uno es válido durante {code_valid}.",
            "Un inicio de sesión puede enviar como máximo 5 PIN de un solo uso. Después, vuelva a iniciar sesión.",
            "Si los PIN de un solo uso nunca llegan, sus datos de contacto pueden estar desactualizados: comuníquese con el Centro de Soporte Técnico.",
        ],
    },
    Section {
        id: "keep-it-secret",
        title: "No comparta sus PIN de un solo uso",
        steps: &[
            "El personal de UPSers nunca le pedirá su PIN ni un PIN de un solo uso, ni por teléfono, ni por correo, ni en persona.",
        ],
    },
];

const TROUBLESHOOTING: &[Section] = &[
    Section {
        id: "locked-out",
        title: "Bloqueo después de intentos fallidos",
        steps: &[
            "Después de {attempts} intentos fallidos seguidos, su ID de empleado se bloquea por {lock}. Un intento fallido es un PIN incorrecto, un PIN de un solo uso incorrecto o una respuesta de seguridad incorrecta.",
            "La página de inicio de sesión muestra una cuenta regresiva (Vuelva a intentarlo en MM:SS) y el botón Iniciar sesión vuelve cuando termina. Volver a cargar la página no reinicia la cuenta regresiva.",
            "No tiene que esperar: restablecer su PIN por mensaje de texto o correo electrónico funciona durante el bloqueo y lo termina.",
        ],
    },
    Section {
        id: "caps-lock",
        title: "Bloq Mayús y errores al escribir",
        steps: &[
            "Su PIN distingue entre mayúsculas y minúsculas. La página de inicio de sesión le avisa cuando Bloq Mayús está activado.",
            "Seleccione Mostrar PIN para ver lo que escribió y Ocultar PIN para ocultarlo de nuevo.",
        ],
    },
    Section {
        id: "browser-and-cookies",
        title: "Navegador y cookies",
        steps: &[
            "Use una versión actual de Chrome, Edge, Firefox o Safari.",
            "Permita las cookies de este sitio: son necesarias para iniciar sesión. El portal solo las usa para mantener su sesión.",
            "Si una página se ve mal o deja de responder, vuelva a cargarla. Si eso no ayuda, borre los datos de este sitio en la configuración de su navegador e inténtelo de nuevo.",
        ],
    },
    Section {
        id: "remembered-id",
        title: "Borrar un ID de empleado recordado",
        steps: &[
            "En una computadora compartida, deje sin marcar Recordar mi ID de empleado.",
            "Para olvidar un ID recordado, inicie sesión una vez con la casilla sin marcar, o borre los datos de este sitio en su navegador.",
        ],
    },
    Section {
        id: "signed-out",
        title: "Cierre de sesión por inactividad",
        steps: &[
            "Por su seguridad, su sesión se cierra después de {idle} sin actividad, y después de {absolute} en cualquier caso.",
            "Dos minutos antes, un mensaje le pregunta si sigue ahí: seleccione Mantener la sesión para continuar.",
        ],
    },
];

const CONTACT: &[Section] = &[
    Section {
        id: "when-to-contact",
        title: "Cuándo comunicarse con nosotros",
        steps: &[
            "No puede restablecer su PIN usted mismo, o los PIN de un solo uso nunca llegan.",
            "Perdió el celular que registró o cambiaron sus datos de contacto.",
            "Cree que otra persona usó su ID de empleado o conoce su PIN.",
        ],
    },
    Section {
        id: "before-you-call",
        title: "Antes de llamar",
        steps: &[
            "Tenga a mano su ID de empleado.",
            "Nunca le diga a nadie su PIN ni un PIN de un solo uso: nuestro personal nunca se los pedirá.",
        ],
    },
];
