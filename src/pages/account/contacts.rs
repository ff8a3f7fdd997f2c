//! Contact details: the mobile number and email address one-time PINs and
//! notices go to, each changed, added or removed here. A new contact gets a
//! one-time PIN and replaces the old one only when that code comes back; the
//! last verified contact cannot be removed (the API refuses it too). A new
//! contact asks for a one-time PIN step-up every time; a removal only once
//! the sign-in is a few minutes old.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::contact::{normalize_email, normalize_mobile};
use upsers_contract::endpoint::{self, FlowId};

use super::step_up::{Proof, StepUpForm, ask_step_up};
use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, CodeSentTo, ConfirmRemoval, Input, Leaving, ProblemAlert, TextField, Tone, code_sent,
    to_sign_in, use_resend_gaps, words,
};
use crate::dom::{focus, focus_after_render, focus_and_select};
use crate::failures::{Problem, code_failure, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::time::local_time;

/// A change the employee started: to change (or add) a contact, or to
/// remove one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Intent {
    Replace(wire::Channel),
    Remove(wire::Channel),
}

impl Intent {
    /// A new contact could recover the account; a removal only protects.
    fn proof(self) -> Proof {
        match self {
            Intent::Replace(_) => Proof::Recovery,
            Intent::Remove(_) => Proof::Recent,
        }
    }

    /// What the step-up says it is for.
    fn step_up_purpose(self) -> Msg {
        match self {
            Intent::Replace(_) => Msg::StepUpForContacts,
            Intent::Remove(_) => Msg::StepUpForRemoval,
        }
    }
}

/// Where the change stands.
#[derive(Clone, PartialEq)]
enum Editing {
    Nothing,
    /// The step-up first, then the intent.
    StepUp(Intent, wire::StepUpState),
    /// The new contact's field.
    Enter(wire::Channel),
    /// A code is out to the new contact (typed as `value`).
    Code(wire::CodeSent, String),
    ConfirmRemove(wire::Channel),
}

/// What the last change did, for the message that says so.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Done {
    Replaced(wire::Channel),
    Removed(wire::Channel),
}

fn masked(contacts: &wire::AccountContacts, channel: wire::Channel) -> Option<String> {
    match channel {
        wire::Channel::Sms => contacts.mobile.clone(),
        wire::Channel::Email => contacts.email.clone(),
    }
}

#[component]
pub fn ContactDetails(
    /// Moves when the account changed on this page; moved here by each
    /// change of a contact (the activity below lists it).
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let contacts = LocalResource::new({
        let api = api.clone();
        move || {
            changed.track();
            let api = api.clone();
            async move { api.call::<endpoint::GetContacts>((), ()).await }
        }
    });
    let editing = RwSignal::new(Editing::Nothing);
    let done = RwSignal::new(None::<Done>);
    let problem = RwSignal::new(None::<Problem>);
    let asking = Pending::new();
    let removing = Pending::new();

    // The panel of an intent, once the step-up is not (or no longer) needed.
    let open = move |intent: Intent| {
        problem.set(None);
        match intent {
            Intent::Replace(channel) => {
                editing.set(Editing::Enter(channel));
                focus_after_render("new-contact");
            }
            Intent::Remove(channel) => {
                editing.set(Editing::ConfirmRemove(channel));
                focus_after_render("confirm-remove");
            }
        }
    };
    let start = Callback::new({
        let api = api.clone();
        move |intent: Intent| {
            done.set(None);
            ask_step_up(
                &api,
                asking,
                problem,
                intent.proof(),
                move || open(intent),
                move |state| {
                    editing.set(Editing::StepUp(intent, state));
                    focus_after_render("step-up-heading");
                },
            );
        }
    });
    let finished = move |what: Done| {
        editing.set(Editing::Nothing);
        problem.set(None);
        done.set(Some(what));
        changed.update(|n| *n += 1);
        focus_after_render("contacts-changed");
    };
    let cancel = Callback::new(move |()| {
        editing.set(Editing::Nothing);
        problem.set(None);
        focus("contacts-heading");
    });
    let remove = Callback::new(move |channel: wire::Channel| {
        let request = wire::RemoveContactRequest { channel };
        removing.send(
            api.call::<endpoint::RemoveContact>((), request),
            move |result| match result {
                Ok(_) => finished(Done::Removed(channel)),
                Err(ApiError::Server(body)) => match body.code {
                    _ if body.needs_step_up() => start.run(Intent::Remove(channel)),
                    wire::ErrorCode::InvalidInput if body.names("channel") => {
                        problem.set(Some(Problem::new(Msg::LastContact)))
                    }
                    wire::ErrorCode::Unauthenticated => to_sign_in(Leaving::Expired),
                    _ => problem.set(Some(general_problem(&ApiError::Server(body)))),
                },
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    });

    view! {
        <h2 id="contacts-heading" tabindex="-1">{move || i18n.t(Msg::ContactsHeading)}</h2>
        <p>{move || i18n.t(Msg::ContactsIntro)}</p>
        {move || done.get().map(|what| view! {
            <Alert tone=Tone::Success testid="contacts-changed" id="contacts-changed">
                {move || i18n.t(match what {
                    Done::Replaced(wire::Channel::Sms) => Msg::MobileChanged,
                    Done::Replaced(wire::Channel::Email) => Msg::EmailChanged,
                    Done::Removed(wire::Channel::Sms) => Msg::MobileRemoved,
                    Done::Removed(wire::Channel::Email) => Msg::EmailRemoved,
                })}
            </Alert>
        })}
        {move || match editing.get() {
            Editing::Nothing | Editing::ConfirmRemove(_) => {
                view! { <ProblemAlert problem=problem.into() testid="contacts-error" /> }.into_any()
            }
            _ => ().into_any(),
        }}
        {move || match contacts.get() {
            Some(Ok(list)) => {
                let both = list.mobile.is_some() && list.email.is_some();
                view! {
                    <ul class="contact-list" data-testid="contacts">
                        {[wire::Channel::Sms, wire::Channel::Email].into_iter().map(|channel| {
                            let current = masked(&list, channel);
                            let settles_at = list
                                .settling
                                .iter()
                                .find(|held| held.channel == channel)
                                .map(|held| held.settles_at);
                            view! {
                                <ContactItem
                                    channel
                                    current
                                    settles_at
                                    removable=both
                                    busy=Signal::derive(move || asking.get() || editing.with(|e| *e != Editing::Nothing))
                                    on_replace=Callback::new(move |()| start.run(Intent::Replace(channel)))
                                    on_remove=Callback::new(move |()| start.run(Intent::Remove(channel)))
                                />
                            }
                        }).collect_view()}
                    </ul>
                    {(!both).then(|| view! { <p class="hint" data-testid="only-contact">{move || i18n.t(Msg::OnlyContact)}</p> })}
                }.into_any()
            }
            Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::Unauthenticated => {
                to_sign_in(Leaving::Expired);
                ().into_any()
            }
            Some(Err(error)) => {
                let problem = Signal::stored(Some(general_problem(&error)));
                view! { <ProblemAlert problem testid="contacts-unavailable" /> }.into_any()
            }
            None => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        }}
        {move || match editing.get() {
            Editing::Nothing => ().into_any(),
            Editing::StepUp(intent, state) => view! {
                <StepUpForm
                    state
                    proof=intent.proof()
                    purpose=intent.step_up_purpose()
                    on_done=Callback::new(move |()| open(intent))
                    on_cancel=cancel
                />
            }.into_any(),
            Editing::Enter(channel) => view! {
                <NewContactForm
                    channel
                    on_sent=Callback::new(move |(sent, value)| {
                        editing.set(Editing::Code(sent, value));
                        focus_after_render("otp");
                    })
                    on_step_up=Callback::new(move |()| start.run(Intent::Replace(channel)))
                    on_cancel=cancel
                />
            }.into_any(),
            Editing::Code(sent, value) => view! {
                <NewContactCode
                    on_step_up=Callback::new({
                        let channel = sent.channel;
                        move |()| start.run(Intent::Replace(channel))
                    })
                    sent
                    value
                    on_done=Callback::new(move |channel| finished(Done::Replaced(channel)))
                    on_cancel=cancel
                />
            }.into_any(),
            Editing::ConfirmRemove(channel) => {
                let shown = contacts
                    .get()
                    .and_then(Result::ok)
                    .and_then(|list| masked(&list, channel))
                    .unwrap_or_default();
                view! {
                    <ConfirmRemoval
                        id="confirm-remove"
                        question=Signal::derive(move || fill(i18n.t(Msg::RemoveContactConfirm), &[("dest", &shown)]))
                        action=Msg::RemoveContact
                        action_testid="remove-contact"
                        pending=removing
                        on_confirm=Callback::new(move |()| remove.run(channel))
                        on_cancel=cancel
                    />
                }.into_any()
            }
        }}
    }
}

/// One channel: its masked contact with Change and Remove, or Add.
#[component]
fn ContactItem(
    channel: wire::Channel,
    /// The masked contact, if there is one.
    current: Option<String>,
    /// Until when it settles, when it was added or replaced lately.
    settles_at: Option<i64>,
    /// Whether Remove is offered (never for the last contact).
    removable: bool,
    /// True while another change is under way: the buttons wait.
    busy: Signal<bool>,
    on_replace: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, add, change, remove) = match channel {
        wire::Channel::Sms => (
            Msg::MobileLabel,
            Msg::AddMobile,
            Msg::ChangeMobile,
            Msg::RemoveMobile,
        ),
        wire::Channel::Email => (
            Msg::EmailLabel,
            Msg::AddEmail,
            Msg::ChangeEmail,
            Msg::RemoveEmail,
        ),
    };
    let testid = format!("contact-{}", channel.as_str());
    let has = current.is_some();
    view! {
        <li class="contact-list__item" data-testid=testid>
            <span class="contact-list__name">
                <strong>{move || i18n.t(name)}</strong>" "
                {match current {
                    Some(current) => view! { <span class="nowrap" data-testid="contact-value">{current}</span> }.into_any(),
                    None => view! { <span data-testid="contact-value">{move || i18n.t(Msg::ContactNone)}</span> }.into_any(),
                }}
                {settles_at.map(|at| view! {
                    <span class="hint" data-testid="contact-settling">
                        {move || fill(i18n.t(Msg::ContactSettling), &[("time", &local_time(at, i18n.locale().tag()))])}
                    </span>
                })}
            </span>
            <span class="actions">
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid=format!("change-{}", channel.as_str())
                    aria-disabled=move || busy.get().to_string()
                    on:click=move |_| if !busy.get_untracked() { on_replace.run(()) }
                >
                    {move || i18n.t(if has { change } else { add })}
                </button>
                {(has && removable).then(|| view! {
                    <button
                        type="button"
                        class="button button--secondary"
                        data-testid=format!("remove-{}", channel.as_str())
                        aria-disabled=move || busy.get().to_string()
                        on:click=move |_| if !busy.get_untracked() { on_remove.run(()) }
                    >
                        {move || i18n.t(remove)}
                    </button>
                })}
            </span>
        </li>
    }
}

/// The new mobile number or email address: its shape is checked here, then
/// the API sends it a one-time PIN.
#[component]
fn NewContactForm(
    channel: wire::Channel,
    /// Gets the API's answer and the contact as typed.
    on_sent: Callback<(wire::CodeSent, String)>,
    /// The step-up window closed meanwhile.
    on_step_up: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let value = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<Msg>);
    let problem = RwSignal::new(None::<Problem>);
    let gaps = use_resend_gaps();
    let sending = Pending::new();
    let (label, kind, autocomplete, format) = match channel {
        wire::Channel::Sms => (Msg::NewMobileLabel, "tel", "tel", Msg::MobileFormat),
        wire::Channel::Email => (Msg::NewEmailLabel, "email", "email", Msg::EmailFormat),
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = value.get_untracked().trim().to_owned();
        let shaped = match channel {
            wire::Channel::Sms => normalize_mobile(&typed).is_some(),
            wire::Channel::Email => normalize_email(&typed).is_some(),
        };
        if !shaped {
            problem.set(None);
            field_error.set(Some(format));
            focus("new-contact");
            return;
        }
        field_error.set(None);
        let request = wire::NewContactRequest {
            channel,
            value: typed.clone(),
        };
        sending.send(
            api.call::<endpoint::AddContact>((), request),
            move |result| {
                let report = move |error: &ApiError| match error {
                    ApiError::Server(body) => match body.code {
                        _ if body.needs_step_up() => on_step_up.run(()),
                        wire::ErrorCode::Unauthenticated => to_sign_in(Leaving::Expired),
                        wire::ErrorCode::InvalidInput => {
                            field_error.set(Some(match channel {
                                wire::Channel::Sms => Msg::NewMobileInvalid,
                                wire::Channel::Email => Msg::NewEmailInvalid,
                            }));
                            focus_and_select("new-contact");
                        }
                        _ => problem.set(Some(general_problem(error))),
                    },
                    ApiError::Network => problem.set(Some(general_problem(error))),
                };
                if let Some(sent) = code_sent(result, gaps.deadline(channel), report) {
                    on_sent.run((sent, typed));
                }
            },
        );
    };
    view! {
        <div class="step-up" data-testid="new-contact-panel">
            <ProblemAlert problem=problem.into() testid="new-contact-error" />
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    id="new-contact"
                    label=words(label)
                    value=value
                    input=Input::TEXT.of_kind(kind).filled_by(autocomplete).named("value")
                    hint=words(Msg::NewContactHint)
                    error=Signal::derive(move || field_error.get().map(|msg| i18n.t(msg).to_owned()))
                />
                <div class="actions">
                    <button type="submit" class="button button--primary" data-testid="send-new-contact" disabled=move || sending.get()>
                        {move || i18n.t(if sending.get() { Msg::Sending } else { Msg::SendCode })}
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                        {move || i18n.t(Msg::CancelButton)}
                    </button>
                </div>
            </form>
        </div>
    }
}

/// The one-time PIN sent to the new contact: when it comes back, the new
/// contact replaces the old one.
#[component]
fn NewContactCode(
    sent: wire::CodeSent,
    /// The contact as typed, for Resend.
    value: String,
    /// Gets the channel that changed.
    on_done: Callback<wire::Channel>,
    /// The change's step-up was spent or ran out before the code came back:
    /// a new one first.
    on_step_up: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let gaps = use_resend_gaps();
    let sending = Pending::new();
    let verifying = Pending::new();
    let flow_id = RwSignal::new(sent.flow_id.clone());
    gaps.deadline(sent.channel)
        .set(Some(crate::components::deadline_in(sent.resend_after_secs)));
    let report = move |error: &ApiError| match error {
        ApiError::Server(body) if body.code == wire::ErrorCode::Unauthenticated => {
            to_sign_in(Leaving::Expired)
        }
        ApiError::Server(body) if body.needs_step_up() => on_step_up.run(()),
        _ => problem.set(Some(code_failure(error, Msg::ContactCodeExpired).0)),
    };
    let resend = Callback::new({
        let api = api.clone();
        move |channel: wire::Channel| {
            let request = wire::NewContactRequest {
                channel,
                value: value.clone(),
            };
            sending.send(
                api.call::<endpoint::AddContact>((), request),
                move |result| {
                    if let Some(answer) = code_sent(result, gaps.deadline(channel), report) {
                        problem.set(None);
                        code.set(String::new());
                        flow_id.set(answer.flow_id);
                        focus("otp");
                    }
                },
            );
        }
    });
    let on_code = Callback::new(move |digits: String| {
        let request = wire::VerifyCodeRequest {
            code: digits,
            remember_device: false,
        };
        let channel = sent.channel;
        verifying.send(
            api.call::<endpoint::VerifyContact>(FlowId(flow_id.get_untracked()), request),
            move |result| match result {
                Ok(_) => on_done.run(channel),
                Err(error) => {
                    report(&error);
                    focus_and_select("otp");
                }
            },
        );
    });
    view! {
        <div class="step-up" data-testid="new-contact-code">
            <ProblemAlert problem=problem.into() testid="new-contact-error" />
            <CodeSentTo
                answer=sent.clone()
                code
                problem
                verifying=verifying.into()
                on_code
                gaps
                sending=sending.into()
                send=resend
            >
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {move || i18n.t(Msg::CancelButton)}
                </button>
            </CodeSentTo>
        </div>
    }
}
