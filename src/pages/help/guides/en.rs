//! The guides in English. They describe what the portal really does: keep
//! them in step with the pages and the policy (PRODUCT.md).

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
        title: "Before you start",
        steps: &[
            "Have your Employee ID ready.",
            "You also need one of these: the mobile phone or the email address you registered, or the answers to your challenge questions.",
        ],
    },
    Section {
        id: "by-text-or-email",
        title: "Reset your PIN by text message or email",
        steps: &[
            "On the sign-in page, select Forgot your PIN?",
            "Enter your Employee ID and select Continue.",
            "Choose Text me a one-time PIN or Email me a one-time PIN, then select Continue.",
            "Enter the {code_digits}-digit one-time PIN within {code_valid} and select Verify. If it has not arrived, select Resend code once the countdown ends.",
            "Create your new PIN, type it again to confirm it, and select Set PIN.",
        ],
    },
    Section {
        id: "by-questions",
        title: "Reset your PIN with your challenge questions",
        steps: &[
            "On the sign-in page, select Forgot your PIN?, enter your Employee ID and select Continue.",
            "Choose Answer my challenge questions and select Continue.",
            "Answer the two questions shown. Answers are not case-sensitive.",
            "After {attempts} wrong answers in a row, your Employee ID is locked for {lock}. You can still reset your PIN by text message or email while it is locked.",
            "Create your new PIN, confirm it, and select Set PIN.",
        ],
    },
    Section {
        id: "choosing-a-pin",
        title: "Choosing a good PIN",
        steps: &[
            "Use {pin_min} to {pin_max} characters: letters, numbers, spaces and symbols are all allowed, and the PIN is case-sensitive.",
            "A few unrelated words are easy to remember and hard to guess.",
            "The portal refuses commonly used PINs and any PIN that contains your Employee ID. The strength meter tells you as you type.",
        ],
    },
    Section {
        id: "after-the-reset",
        title: "After the reset",
        steps: &[
            "For your security, you are signed out on every device.",
            "We send a notice to your other registered contact, so you know the PIN was changed.",
            "Sign in with your new PIN. If you did not reset your PIN yourself, contact the Technical Support Center right away.",
        ],
    },
];

const NEW_USER: &[Section] = &[
    Section {
        id: "what-you-need",
        title: "What you need",
        steps: &[
            "Your Employee ID.",
            "The registration code HR gave you: 12 letters and digits, like K7PQ-M2XD-9HTA. It is valid for 14 days and works once. If it has expired, ask HR for a new one.",
        ],
    },
    Section {
        id: "register-step-by-step",
        title: "Register step by step",
        steps: &[
            "On the sign-in page, select New user? Register.",
            "Step 1: enter your Employee ID and your registration code. Dashes and upper or lower case do not matter.",
            "Step 2: give a mobile number, an email address, or both.",
            "Step 3: select Send code next to each contact detail, then enter the one-time PIN it receives.",
            "Step 4: choose three different challenge questions and answer each with at least 3 characters.",
            "Step 5: create your PIN and select Set PIN. Then sign in with your Employee ID and your new PIN.",
        ],
    },
    Section {
        id: "registration-problems",
        title: "If registration does not work",
        steps: &[
            "Five wrong registration codes lock registration for that Employee ID for {lock}.",
            "A registration left unfinished expires after an hour: start again with the same code.",
            "If the page says your code is not correct, check it, or ask HR whether you are registered already. Registered employees use Forgot your PIN? instead.",
        ],
    },
];

const MFA: &[Section] = &[
    Section {
        id: "what-it-is",
        title: "What multi-factor authentication is",
        steps: &[
            "After your PIN, we send a one-time PIN to the mobile phone or email address you registered.",
            "Entering it proves it's you, so a stolen PIN alone is not enough to sign in.",
        ],
    },
    Section {
        id: "signing-in",
        title: "Signing in with a one-time PIN",
        steps: &[
            "Enter your Employee ID and PIN and select Sign in.",
            "Choose where to send the one-time PIN, if you registered both a phone and an email, and select Send code.",
            "Enter the {code_digits} digits and select Verify. You can paste the one-time PIN, with or without a space.",
        ],
    },
    Section {
        id: "code-not-arriving",
        title: "When the one-time PIN does not arrive",
        steps: &[
            "Give it a minute: text messages and emails can be slow.",
            "Check your spam or junk folder, and that your phone has a signal.",
            "Select Resend code when the countdown ends (after {resend}). Only the newest one-time PIN works, and each is valid for {code_valid}.",
            "A sign-in can send at most 5 one-time PINs. After that, start the sign-in again.",
            "If one-time PINs never arrive, your contact details may be out of date: contact the Technical Support Center.",
        ],
    },
    Section {
        id: "keep-it-secret",
        title: "Keep your one-time PINs to yourself",
        steps: &[
            "UPSers staff will never ask you for your PIN or a one-time PIN, by phone, email or in person.",
        ],
    },
];

const TROUBLESHOOTING: &[Section] = &[
    Section {
        id: "locked-out",
        title: "Locked out after failed attempts",
        steps: &[
            "After {attempts} failed attempts in a row, your Employee ID is locked for {lock}. A failed attempt is a wrong PIN, a wrong one-time PIN or a wrong challenge answer.",
            "The sign-in page counts down (Try again in MM:SS) and the Sign in button comes back when the time is up. Reloading the page does not reset the countdown.",
            "You do not have to wait: resetting your PIN by text message or email works during a lock and ends it.",
        ],
    },
    Section {
        id: "caps-lock",
        title: "Caps Lock and typing mistakes",
        steps: &[
            "Your PIN is case-sensitive. The sign-in page warns you when Caps Lock is on.",
            "Select Show PIN to see what you typed, and Hide PIN to hide it again.",
        ],
    },
    Section {
        id: "browser-and-cookies",
        title: "Browser and cookies",
        steps: &[
            "Use a current version of Chrome, Edge, Firefox or Safari.",
            "Allow cookies for this site: signing in needs them. The portal uses them only to keep you signed in.",
            "If a page looks wrong or stops responding, reload it. If that does not help, clear this site's data in your browser settings and try again.",
        ],
    },
    Section {
        id: "remembered-id",
        title: "Clearing a remembered Employee ID",
        steps: &[
            "On a shared computer, leave Remember my Employee ID unchecked.",
            "To forget a remembered ID, sign in once with the box unchecked, or clear this site's data in your browser.",
        ],
    },
    Section {
        id: "signed-out",
        title: "Signed out after inactivity",
        steps: &[
            "For your security, you are signed out after {idle} without activity, and after {absolute} in any case.",
            "Two minutes before, a message asks whether you are still there: select Stay signed in to continue.",
        ],
    },
];

const CONTACT: &[Section] = &[
    Section {
        id: "when-to-contact",
        title: "When to contact us",
        steps: &[
            "You cannot reset your PIN yourself, or one-time PINs never arrive.",
            "You lost the phone you registered, or your contact details have changed.",
            "You think someone else has used your Employee ID or knows your PIN.",
        ],
    },
    Section {
        id: "before-you-call",
        title: "Before you call",
        steps: &[
            "Have your Employee ID ready.",
            "Never tell anyone your PIN or a one-time PIN: our staff will never ask for them.",
        ],
    },
];
