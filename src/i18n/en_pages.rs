//! English (`en`) of the pages that load on demand (see `en.rs` for the
//! first load's). In the split build this is its own module, fetched before
//! the first such page is drawn.

use super::Msg;

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::VerifyHeading => "Verify it's you",
        Msg::ResetHeading => "Reset your PIN",
        Msg::RegisterHeading => "Register for UPSers",
        Msg::HomeHeading => "Your UPSers home",
        Msg::HelpIntro => "Guides for signing in, resetting your PIN and getting help.",
        Msg::HelpTopicsLabel => "Help topics",
        Msg::BackToHelp => "Back to Help & Support",
        Msg::VerifyIntro => "For your security, confirm it's you with a one-time PIN.",
        Msg::WillTextTo => "We will text a one-time PIN to {dest}.",
        Msg::WillEmailTo => "We will email a one-time PIN to {dest}.",
        Msg::Sending => "Sending…",
        Msg::ChooseChannel => "Where should we send your one-time PIN?",
        Msg::TextTo => "Text message to {dest}",
        Msg::EmailTo => "Email to {dest}",
        Msg::SendCode => "Send code",
        Msg::CodeSentTo => "We sent a one-time PIN to {dest}.",
        Msg::OtpLabel => "One-time PIN",
        Msg::OtpExpiresIn => "The one-time PIN is valid for {n} minutes.",
        Msg::VerifyButton => "Verify",
        Msg::ResendCode => "Resend code",
        Msg::ResendIn => "You can ask for a new one-time PIN in {time}.",
        Msg::FlowExpired => "Your sign-in has expired. Please sign in again.",
        Msg::NoChannel => {
            "No mobile number or email is registered for a one-time PIN. Please contact the Technical Support Center."
        }
        Msg::WelcomeName => "Welcome, {name}",
        Msg::LastSignIn => "Last sign-in: {time}",
        Msg::FirstSignIn => "This is your first sign-in.",
        Msg::SignOut => "Sign out",
        Msg::YourResources => "Your resources",
        Msg::IdleTitle => "Are you still there?",
        Msg::IdleBody => "For your security, you will be signed out in {time}.",
        Msg::StaySignedIn => "Stay signed in",
        Msg::SignOutFailedHeading => "You are not signed out yet",
        Msg::SignOutFailed => {
            "We could not reach the server, so your session may still be open. Try again. On a shared computer, close every browser window if it still fails."
        }
        Msg::SignOutRetry => "Try signing out again",
        Msg::ForgotIntro => {
            "Enter your Employee ID. Next you choose how to prove it's you, then you set a new PIN."
        }
        Msg::ContinueButton => "Continue",
        Msg::UseAnotherId => "Use a different Employee ID",
        Msg::ResetFor => "Employee ID {id}",
        Msg::ChooseMethod => "How do you want to prove it's you?",
        Msg::MethodSms => "Text me a one-time PIN",
        Msg::MethodEmail => "Email me a one-time PIN",
        Msg::MethodQuestions => "Answer my challenge questions",
        Msg::ResetCodeHeading => "Enter your one-time PIN",
        Msg::ResetSentSms => {
            "If a mobile number is registered to this Employee ID, we sent a one-time PIN to it by text message."
        }
        Msg::ResetSentEmail => {
            "If an email address is registered to this Employee ID, we sent a one-time PIN to it."
        }
        Msg::ChooseAnotherWay => "Choose another way",
        Msg::QuestionsHeading => "Answer your challenge questions",
        Msg::QuestionsIntro => "Answers are not case-sensitive.",
        Msg::AnswerRequired => "Enter an answer.",
        Msg::AnswerTooLong => "An answer has at most {n} characters.",
        Msg::WrongAnswers => "Those answers do not match our records.",
        Msg::QuestionsLocked => {
            "Challenge questions cannot be used while this Employee ID is locked. You can still reset your PIN with a one-time PIN by text message or email."
        }
        Msg::QuestionsNotEnough => {
            "After a sign-in was reported as not you, challenge questions cannot reset your PIN. Choose another way: a one-time PIN by text message or email."
        }
        Msg::ReportHeading => "Secure your account",
        Msg::ReportIntro => {
            "If someone else signed in to your account or changed it, secure it now: every device is signed out, every remembered device is forgotten, what was added or changed in the last few days (passkeys, contact details) is removed or put back, and your Employee ID is locked until you reset your PIN with a one-time PIN by text message or email."
        }
        Msg::ReportButton => "Secure my account",
        Msg::ReportDone => {
            "Your account is secure: every device is signed out and your Employee ID is locked. To unlock it, reset your PIN now with a one-time PIN by text message or email."
        }
        Msg::ReportLinkOver => {
            "This link cannot be used: it works once, for 7 days. If a sign-in wasn't you, reset your PIN now, or call the Technical Support Center."
        }
        Msg::ReportedLocked => {
            "Your Employee ID is locked because a sign-in was reported as not you. To unlock it, reset your PIN with a one-time PIN by text message or email."
        }
        Msg::NewPinHeading => "Create a new PIN",
        Msg::NewPinIntro => {
            "Use {min} to {max} characters, any you like. A few unrelated words are easy to remember and hard to guess."
        }
        Msg::NewPinLabel => "New PIN",
        Msg::ConfirmPinLabel => "Confirm new PIN",
        Msg::SetPinButton => "Set PIN",
        Msg::NewPinRequired => "Enter a new PIN.",
        Msg::PinMismatch => "The PINs do not match.",
        Msg::PinStrength => "PIN strength: {level}",
        Msg::StrengthVeryWeak => "very weak",
        Msg::StrengthWeak => "weak",
        Msg::StrengthFair => "fair",
        Msg::StrengthStrong => "strong",
        Msg::StrengthVeryStrong => "very strong",
        Msg::PinTooShort => "Use at least {n} characters.",
        Msg::PinBlocklisted => "This PIN is too common. Choose something less common.",
        Msg::PinContainsId => "Your PIN must not contain your Employee ID.",
        Msg::PinWeak => "This PIN is easy to guess. Add another word or make it longer.",
        Msg::PinRulesMet => "This PIN meets the rules.",
        Msg::ResetDoneHeading => "Your PIN is reset",
        Msg::ResetDoneBody => {
            "Your new PIN is set. For your security, you were signed out on every device. Sign in with your new PIN."
        }
        Msg::ResetExpired => "Your PIN reset has expired. Please start again.",
        Msg::QBirthCity => "In what city were you born?",
        Msg::QFirstPet => "What was the name of your first pet?",
        Msg::QFirstCar => "What was the make of your first car?",
        Msg::QElementarySchool => "What was the name of your elementary school?",
        Msg::QChildhoodStreet => "What street did you live on as a child?",
        Msg::QParentsMet => "In what city did your parents meet?",
        Msg::QFirstJob => "What was your first job?",
        Msg::QChildhoodFriend => "What is the first name of your childhood best friend?",
        Msg::QFavoriteTeacher => "What was the last name of your favorite teacher?",
        Msg::QFirstConcert => "What was the first concert you attended?",
        Msg::StepOf => "Step {n} of {total}",
        Msg::RegisterIntro => {
            "New to UPSers? Enter your Employee ID and the registration code HR gave you."
        }
        Msg::RegistrationCodeLabel => "Registration code",
        Msg::RegistrationCodeHint => {
            "12 letters and digits, like K7PQ-M2XD-9HTA. Dashes and case do not matter."
        }
        Msg::RegistrationCodeInvalid => {
            "The Employee ID or registration code is not correct, or this Employee ID is registered already. Codes are valid for 14 days; HR can give you a new one."
        }
        Msg::RegistrationLocked => {
            "Too many wrong registration codes. Registration for this Employee ID is locked for now."
        }
        Msg::RegistrationExpired => {
            "Your registration expired. Please start again with your registration code."
        }
        Msg::ContactHeading => "Your contact details",
        Msg::ContactIntro => {
            "We send one-time PINs here when you sign in or reset your PIN. Give a mobile number, an email address, or both."
        }
        Msg::MobileLabel => "Mobile number",
        Msg::MobileHint => "For example 404\u{2011}555\u{2011}0123.",
        Msg::EmailLabel => "Email address",
        Msg::VerifyContactsHeading => "Verify your contact details",
        Msg::VerifyContactsIntro => {
            "We send a one-time PIN to each contact detail you gave. Enter it to confirm it's yours."
        }
        Msg::ContactVerified => "Verified",
        Msg::ContactNotVerified => "Not verified yet",
        Msg::VerifyAllFirst => {
            "Verify each contact detail before you continue, or go back and remove it."
        }
        Msg::QuestionsChooseHeading => "Choose your challenge questions",
        Msg::QuestionsChooseIntro => {
            "Choose 3 different questions and answer each. To reset your PIN you may be asked 2 of them. Answers are not case-sensitive."
        }
        Msg::QuestionN => "Question {n}",
        Msg::AnswerN => "Answer {n}",
        Msg::ChooseAQuestion => "Choose a question",
        Msg::QuestionRequired => "Choose a question.",
        Msg::QuestionDuplicate => "Choose a different question for each answer.",
        Msg::AnswerTooShort => "An answer has at least {n} characters.",
        Msg::CreatePinHeading => "Create your PIN",
        Msg::RegisteredHeading => "You're registered",
        Msg::RegisteredBody => {
            "Your registration is complete. Sign in with your Employee ID and your new PIN."
        }
        Msg::BackButton => "Back",
        Msg::HelpSearchLabel => "Search help",
        Msg::SearchResultsOne => "1 result",
        Msg::SearchResultsMany => "{n} results",
        Msg::SearchNoResults => {
            "Nothing in the guides matches your search. The Technical Support Center can help."
        }
        Msg::SupportHeading => "Technical Support Center",
        Msg::SupportPhone => "Phone",
        Msg::SupportHours => "Hours",
        Msg::SupportEmail => "Email",
        Msg::SupportWeb => "Web",
        Msg::HelpCode => "One-time PIN not arriving?",
        Msg::HelpReset => "How PIN reset works",
        Msg::HelpRegister => "How registration works",
        Msg::ResendReady => "You can ask for a new one-time PIN now.",
        Msg::HelpTopicResetPin => "Resetting your PIN",
        Msg::HelpTopicNewUser => "Registering as a new user",
        Msg::HelpTopicMfa => "Understanding multi-factor authentication",
        Msg::HelpTopicTroubleshooting => "General troubleshooting",
        Msg::HelpTopicContact => "Contacting the Technical Support Center",
        Msg::OtpFormat => "Enter the 6 digits of your one-time PIN.",
        Msg::InvalidCode => "That one-time PIN is not correct.",
        Msg::CodeExpired => "This one-time PIN has expired. Use Resend code to get a new one.",
        Msg::RegistrationCodeRequired => "Enter your registration code.",
        Msg::RegistrationCodeFormat => {
            "A registration code is 12 letters and digits, like K7PQ-M2XD-9HTA."
        }
        Msg::MobileFormat => "Enter a mobile number such as 404\u{2011}555\u{2011}0123.",
        Msg::EmailFormat => "Enter an email address such as name@example.com.",
        Msg::ContactRequired => "Give a mobile number, an email address, or both.",
        Msg::AccountHeading => "My account",
        Msg::AccountIntro => {
            "Change what keeps your account safe. A change asks you to confirm it's you first."
        }
        Msg::ChangePinHeading => "Change your PIN",
        Msg::CurrentPinLabel => "Current PIN",
        Msg::CurrentPinRequired => "Enter your current PIN.",
        Msg::CurrentPinWrong => "Your current PIN is not correct.",
        Msg::PinChangedBody => {
            "Your PIN is changed. You are still signed in here; every other device was signed out, and we sent a notice to your contact details."
        }
        Msg::MyAccount => "My account",
        Msg::MyAccountText => {
            "Change your PIN, contact details and challenge questions, and see where you're signed in."
        }
        Msg::BackToHome => "Back to your UPSers home",
        Msg::SessionsHeading => "Where you're signed in",
        Msg::SessionsIntro => {
            "These devices are signed in to your account now. If you don't recognize one, sign it out, then change your PIN."
        }
        Msg::SessionDevice => "{browser} on {os}",
        Msg::SessionUnknownBrowser => "A browser on {os}",
        Msg::SessionUnknownDevice => "An unknown device",
        Msg::ThisDevice => "This device",
        Msg::SessionStarted => "Signed in {time}",
        Msg::SessionLastActive => "Last active {time}",
        Msg::SessionAddress => "From {address}",
        Msg::EndSession => "Sign out",
        Msg::EndOtherSessions => "Sign out all other devices",
        Msg::SessionEnded => "{device} is signed out.",
        Msg::OtherSessionsEnded => "Every other device is signed out.",
        Msg::OnlyThisDevice => "You're signed in on this device only.",
        Msg::ActivityHeading => "Recent activity",
        Msg::ActivityIntro => {
            "Sign-ins, failed attempts and changes to your account in the last 30 days. If something was not you, change your PIN and sign out the other devices."
        }
        Msg::ActivitySignedIn => "Signed in",
        Msg::ActivityWrongPin => "Wrong PIN at sign-in",
        Msg::ActivityWrongCode => "Wrong one-time PIN at sign-in",
        Msg::ActivityWrongCurrentPin => "Wrong current PIN in My account",
        Msg::ActivityLocked => "Employee ID locked after too many attempts",
        Msg::ActivityPinChanged => "PIN changed",
        Msg::ActivityPinReset => "PIN reset",
        Msg::ActivitySessionsEnded => "Other devices signed out",
        Msg::ActivityUnknown => "Other account activity",
        Msg::QuestionsAccountHeading => "Challenge questions",
        Msg::QuestionsAccountIntro => {
            "Your answers to these questions can reset your PIN if you forget it. You answered these three:"
        }
        Msg::ChangeQuestions => "Change challenge questions",
        Msg::SaveQuestions => "Save questions",
        Msg::QuestionsChanged => {
            "Your challenge questions are changed. We sent a notice to your contact details."
        }
        Msg::StepUpForQuestions => {
            "For your safety, new challenge questions need a one-time PIN sent to your contact details. Choose where to send it:"
        }
        Msg::ContactsHeading => "Contact details",
        Msg::ContactsIntro => {
            "One-time PINs and notices about your account go to these. A new one gets a one-time PIN first, and replaces the old one only when you enter it."
        }
        Msg::ContactNone => "None",
        Msg::AddMobile => "Add a mobile number",
        Msg::ChangeMobile => "Change mobile number",
        Msg::RemoveMobile => "Remove mobile number",
        Msg::AddEmail => "Add an email address",
        Msg::ChangeEmail => "Change email address",
        Msg::RemoveEmail => "Remove email address",
        Msg::OnlyContact => {
            "This is your only contact detail: you can change it, and remove it once you have added another."
        }
        Msg::MobileChanged => {
            "Your mobile number is changed. We sent a notice to the contact details you had before."
        }
        Msg::EmailChanged => {
            "Your email address is changed. We sent a notice to the contact details you had before."
        }
        Msg::MobileRemoved => {
            "Your mobile number is removed. We sent a notice to your contact details."
        }
        Msg::EmailRemoved => {
            "Your email address is removed. We sent a notice to your contact details."
        }
        Msg::LastContact => "This is your only contact detail: add another before removing it.",
        Msg::RemoveContactConfirm => {
            "Remove {dest}? One-time PINs and notices will no longer go to it."
        }
        Msg::RemoveContact => "Remove",
        Msg::CancelButton => "Cancel",
        Msg::NewMobileLabel => "New mobile number",
        Msg::NewEmailLabel => "New email address",
        Msg::NewContactHint => {
            "We will send it a one-time PIN. It replaces the old one when you enter that PIN."
        }
        Msg::NewMobileInvalid => {
            "Enter a mobile number such as 404\u{2011}555\u{2011}0123 that is not the one you have now."
        }
        Msg::NewEmailInvalid => {
            "Enter an email address such as name@example.com that is not the one you have now."
        }
        Msg::ContactCodeExpired => "This change has expired. Cancel and start it again.",
        Msg::StepUpHeading => "Confirm it's you",
        Msg::StepUpForContacts => {
            "For your safety, a new contact detail needs a one-time PIN sent to a contact you already have. Choose where to send it:"
        }
        Msg::StepUpForRemoval => {
            "For your safety, confirm it's you before you remove a contact detail: enter your current PIN, or get a one-time PIN."
        }
        Msg::StepUpConfirm => "Confirm",
        Msg::StepUpOrCode => "Or get a one-time PIN:",
        Msg::ContactSettling => "Added lately: it can reset your PIN from {time}.",
        Msg::StepUpSettling => {
            "A contact added or changed lately can confirm a change like this one from {time}. Until then, use a contact you had before it."
        }
        Msg::StepUpExpired => "This one-time PIN has expired. Cancel and ask for a new one.",
        Msg::RememberDevice => "Remember this device for {n} days",
        Msg::DevicesHeading => "Remembered devices",
        Msg::DevicesIntro => {
            "On these, your PIN alone signs you in, without a one-time PIN. Forget any you no longer use or do not know. A PIN change or reset forgets them all."
        }
        Msg::DevicesNone => {
            "No device is remembered. To remember one, check \u{201c}Remember this device\u{201d} when you enter a one-time PIN."
        }
        Msg::DeviceRememberedAt => "Remembered {time}",
        Msg::DeviceLastUsed => "Last used {time}",
        Msg::DeviceUntil => "Until {time}",
        Msg::ForgetDevice => "Forget",
        Msg::DeviceForgotten => "{device} is forgotten: it will ask for a one-time PIN again.",
        Msg::RememberDeviceHint => {
            "Only on a computer or phone that is yours alone: on it, your PIN will be enough to sign in. You can forget it in My account."
        }
        Msg::ActivityContactChanged => "Contact detail changed",
        Msg::ActivityQuestionsChanged => "Challenge questions changed",
        Msg::ActivityPasskeyAdded => "Passkey added",
        Msg::ActivityPasskeyRemoved => "Passkey removed",
        Msg::ActivityDeskVerified => "Identity verified by the Technical Support Center",
        Msg::ActivityDeskUnlocked => "Employee ID unlocked by the Technical Support Center",
        Msg::ActivityDeskResetLinkSent => "PIN reset link sent by the Technical Support Center",
        Msg::ActivityDeskSignedOut => "Signed out everywhere by the Technical Support Center",
        Msg::ActivityDeskDisabled => "Account disabled by the Technical Support Center",
        Msg::ActivityDeskEnabled => "Account enabled again by the Technical Support Center",
        Msg::PasskeySignIn => "Sign in with a passkey",
        Msg::PasskeySignInHint => "Use your fingerprint, face or screen lock: nothing to type.",
        Msg::PasskeyCancelled => {
            "The passkey request was cancelled, or this device has no passkey for UPSers."
        }
        Msg::PasskeyTimedOut => "The passkey request timed out.",
        Msg::PasskeyAlreadyRegistered => "This device already has a passkey for your account.",
        Msg::PasskeyNotAllowed => "This browser cannot use a passkey here.",
        Msg::PasskeyRefused => "This passkey is not registered with UPSers, or it was removed.",
        Msg::PasskeyWayOnPin => "Try again, or sign in with your Employee ID and PIN.",
        Msg::PasskeyWayOnCode => "Try again, or send a one-time PIN instead.",
        Msg::PasskeyUse => "Use your passkey",
        Msg::PasskeyVerifyIntro => {
            "Confirm it's you with your passkey: your fingerprint, face or screen lock."
        }
        Msg::SendCodeInstead => "Send a code instead",
        Msg::PasskeysHeading => "Passkeys",
        Msg::PasskeysIntro => {
            "A passkey signs you in with your fingerprint, face or screen lock, with nothing to type. It works only on this portal, so a fake page cannot use it. Add one on a phone or computer that is yours alone."
        }
        Msg::PasskeysNone => "You have no passkey yet.",
        Msg::PasskeysUnavailable => {
            "This browser cannot add a passkey here. Open the portal in an up-to-date browser on your own phone or computer."
        }
        Msg::PasskeyAdd => "Add a passkey",
        Msg::PasskeyNameLabel => "Name (optional)",
        Msg::PasskeyNameHint => {
            "Such as \u{201c}Work phone\u{201d}, up to 64 characters. Without one, it is named after this browser."
        }
        Msg::PasskeyNameInvalid => {
            "Enter a name of up to 64 characters: letters, digits, spaces and - ' . , ( ) & _ # + only, with no web address or phone number."
        }
        Msg::PasskeyCreate => "Create passkey",
        Msg::PasskeyAdded => {
            "{name} is added: you can sign in with it now. We sent a notice to your contact details."
        }
        Msg::PasskeyAddedAt => "Added {time}",
        Msg::PasskeyLastUsed => "Last used {time}",
        Msg::PasskeyNeverUsed => "Not used yet",
        Msg::PasskeyRename => "Rename",
        Msg::PasskeyNewName => "New name",
        Msg::PasskeySaveName => "Save name",
        Msg::PasskeyRenamed => "The passkey is now named {name}.",
        Msg::PasskeyRemove => "Remove",
        Msg::PasskeyRemoveConfirm => "Remove {name}? It will no longer sign you in.",
        Msg::PasskeyRemoved => "{name} is removed. We sent a notice to your contact details.",
        Msg::PasskeyTooMany => "You have the most passkeys an account may have. Remove one first.",
        Msg::StepUpForPasskey => {
            "For your safety, a new passkey needs a one-time PIN sent to your contact details. Choose where to send it:"
        }
        Msg::ActivityContactRemoved => "Contact detail removed",
        Msg::ActivityOlder => "Show older activity",
        Msg::ActivityNone => "Nothing in the last 30 days.",
        Msg::ActivityEnd => "That is everything from the last 30 days.",
        Msg::DeskTile => "Technical Support desk",
        Msg::DeskTileText => {
            "Find an employee, verify the caller, then unlock or reset their account."
        }
        Msg::DeskHeading => "Technical Support desk",
        Msg::DeskIntro => {
            "Find the caller's account by Employee ID, email address or mobile number. Verify the caller before you change anything: a one-time PIN goes to the employee's own contact, and the caller reads it to you."
        }
        Msg::DeskSearchLabel => "Employee ID, email address or mobile number",
        Msg::DeskSearchHint => "A mobile number as +1\u{a0}404\u{a0}555\u{a0}0123.",
        Msg::DeskSearchButton => "Find",
        Msg::DeskSearchRequired => "Enter an Employee ID, an email address or a mobile number.",
        Msg::DeskNotFound => "No employee matches \u{201c}{query}\u{201d}.",
        Msg::DeskAgentsOnly => "The Technical Support desk is for support agents.",
        Msg::DeskEmployeeHeading => "{name}, Employee ID {id}",
        Msg::DeskStatus => "Status",
        Msg::DeskStatusActive => "Active",
        Msg::DeskStatusPending => "Not registered yet",
        Msg::DeskStatusDisabled => "Disabled",
        Msg::DeskLockedUntil => "Sign-in locked after failed attempts until {time}.",
        Msg::DeskReported => {
            "Locked since {time}: the employee said a sign-in wasn't them. Only a PIN reset with a one-time PIN unlocks it."
        }
        Msg::DeskMobile => "Mobile",
        Msg::DeskEmail => "Email",
        Msg::DeskContactVerified => "{contact} (verified)",
        Msg::DeskContactUnverified => "{contact} (not verified)",
        Msg::DeskContactSettling => {
            "{contact} (verified; added or changed lately, so it cannot verify the caller or receive a reset link until {time}: use the other contact)"
        }
        Msg::DeskNone => "None",
        Msg::DeskLastSignIn => "Last sign-in",
        Msg::DeskNever => "Never",
        Msg::DeskRegistrationCode => "Registration code",
        Msg::DeskCodeUsable => "Usable until {time}",
        Msg::DeskCodeUsed => "Used",
        Msg::DeskCodeExpired => "Expired",
        Msg::DeskRoles => "Roles",
        Msg::DeskRoleAgent => "Support agent",
        Msg::DeskRoleLead => "Support lead",
        Msg::DeskCannotAct => {
            "You cannot act on this account: it is your own, or another agent's and you are not a support lead."
        }
        Msg::DeskVerifyHeading => "Verify the caller",
        Msg::DeskVerifyIntro => {
            "Send a one-time PIN to one of the employee's verified contacts and ask the caller to read it to you. Never read it to them."
        }
        Msg::DeskSendText => "Text {contact}",
        Msg::DeskSendEmail => "Email {contact}",
        Msg::DeskNoVerifiedContact => {
            "This employee has no verified contact, so the desk cannot verify the caller."
        }
        Msg::DeskCodeSent => "Sent to {contact}. Ask the caller to read it to you.",
        Msg::DeskReadBackLabel => "One-time PIN the caller reads to you",
        Msg::DeskCheckButton => "Check",
        Msg::DeskVerifiedUntil => "Caller verified until {time}.",
        Msg::DeskEndVerification => "End verification: the call is over",
        Msg::DeskVerificationLocked => {
            "Three wrong read-backs: the desk cannot verify this employee until {time}."
        }
        Msg::DeskActionsHeading => "Actions",
        Msg::DeskActionsNeedVerification => "Verify the caller to use these.",
        Msg::DeskUnlock => "Unlock sign-in",
        Msg::DeskSendResetText => "Text a PIN reset link",
        Msg::DeskSendResetEmail => "Email a PIN reset link",
        Msg::ResetLinkOver => {
            "This PIN reset link has expired or was used. Reset your PIN here, or call the Technical Support Center for a new link."
        }
        Msg::DeskForgetDevices => "Sign out everywhere and forget devices",
        Msg::DeskNewRegistrationCode => "Issue a new registration code",
        Msg::DeskDisable => "Disable account",
        Msg::DeskEnable => "Enable account",
        Msg::DeskDone => "Done. The employee was told on their verified contacts.",
        Msg::DeskIssuedCode => {
            "New registration code: {code}. Read it to the caller now: it is not shown again."
        }
        Msg::DeskEventsHeading => "Last 50 events",
        Msg::DeskEventsNone => "No events yet.",
        // In `en.rs`: the first load's messages.
        _ => "",
    }
}
