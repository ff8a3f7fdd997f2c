//! The employee the desk found: who they are and how their account stands,
//! the caller's verification, the actions it opens, and the last 50 events.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::Found;
use super::event_words::event_words;
use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, Input, Leaving, ProblemAlert, TextField, Tone, session_gone, words,
};
use crate::dom::{focus, focus_and_select};
use crate::failures::{Problem, general_problem};
use crate::i18n::{I18n, Msg, fill, use_i18n};
use crate::pending::Pending;
use crate::time::local_time;
use crate::validation::otp_digits;

/// A field of the card shown, read from it as it is now.
fn field<T>(found: Found, read: impl Fn(&wire::DeskCard) -> T) -> Option<T> {
    found.card.with(|card| card.as_ref().map(read))
}

fn time_in(i18n: I18n, msg: Msg, at: i64) -> String {
    fill(
        i18n.t(msg),
        &[("time", &local_time(at, i18n.locale().tag()))],
    )
}

#[component]
pub(super) fn EmployeeCard(found: Found) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || {
        field(found, |card| {
            fill(
                i18n.t(Msg::DeskEmployeeHeading),
                &[
                    ("name", &format!("{} {}", card.first_name, card.last_name)),
                    ("id", &card.employee_id),
                ],
            )
        })
    };
    let may_act = move || field(found, |card| card.may_act).unwrap_or(false);
    view! {
        <article class="desk-card" aria-labelledby="desk-employee" data-testid="desk-card">
            <h2 id="desk-employee" tabindex="-1">{heading}</h2>
            <Facts found />
            {move || if may_act() {
                view! {
                    <Verification found />
                    <Actions found />
                }.into_any()
            } else {
                view! {
                    <Alert tone=Tone::Info testid="desk-cannot-act">
                        <p>{move || i18n.t(Msg::DeskCannotAct)}</p>
                    </Alert>
                }.into_any()
            }}
            <Events found />
        </article>
    }
}

/// Status, lock, contacts, last sign-in, registration code and roles.
/// Until when the contact on `channel` settles, if it is settling: the
/// desk verifies and resets by another.
fn settles_at(card: &wire::DeskCard, channel: wire::Channel) -> Option<i64> {
    card.settling
        .iter()
        .find(|held| held.channel == channel)
        .map(|held| held.settles_at)
}

/// Whether the contact on `channel` is there, verified and settled: one a
/// caller can be verified by and a reset link can go to.
fn recovers(card: &wire::DeskCard, channel: wire::Channel) -> bool {
    let (contact, verified) = match channel {
        wire::Channel::Sms => (&card.mobile, card.mobile_verified),
        wire::Channel::Email => (&card.email, card.email_verified),
    };
    contact.is_some() && verified && settles_at(card, channel).is_none()
}

#[component]
fn Facts(found: Found) -> impl IntoView {
    let i18n = use_i18n();
    let status = move || {
        field(found, |card| match card.status.as_str() {
            "active" => Msg::DeskStatusActive,
            "pending" => Msg::DeskStatusPending,
            _ => Msg::DeskStatusDisabled,
        })
        .map(|msg| i18n.t(msg))
    };
    let locked = move || field(found, |card| card.locked_until).flatten();
    let reported = move || field(found, |card| card.reported_at).flatten();
    let contact = move |mobile: bool| {
        field(found, |card| {
            let (contact, verified) = if mobile {
                (card.mobile.clone(), card.mobile_verified)
            } else {
                (card.email.clone(), card.email_verified)
            };
            let channel = if mobile {
                wire::Channel::Sms
            } else {
                wire::Channel::Email
            };
            let settling = settles_at(card, channel);
            match (contact, settling) {
                (Some(contact), Some(at)) => fill(
                    i18n.t(Msg::DeskContactSettling),
                    &[
                        ("contact", &contact),
                        ("time", &local_time(at, i18n.locale().tag())),
                    ],
                ),
                (Some(contact), None) => {
                    let msg = if verified {
                        Msg::DeskContactVerified
                    } else {
                        Msg::DeskContactUnverified
                    };
                    fill(i18n.t(msg), &[("contact", &contact)])
                }
                (None, _) => i18n.t(Msg::DeskNone).to_owned(),
            }
        })
    };
    let last_sign_in = move || {
        field(found, |card| match card.last_sign_in_at {
            Some(at) => local_time(at, i18n.locale().tag()),
            None => i18n.t(Msg::DeskNever).to_owned(),
        })
    };
    let code = move || {
        field(found, |card| match card.registration_code.as_str() {
            "usable" => card
                .registration_code_expires_at
                .map(|at| time_in(i18n, Msg::DeskCodeUsable, at))
                .unwrap_or_default(),
            "used" => i18n.t(Msg::DeskCodeUsed).to_owned(),
            "expired" => i18n.t(Msg::DeskCodeExpired).to_owned(),
            _ => i18n.t(Msg::DeskNone).to_owned(),
        })
    };
    let roles = move || {
        field(found, |card| {
            let words: Vec<&str> = card
                .roles
                .iter()
                .map(|role| match role.as_str() {
                    "support_lead" => i18n.t(Msg::DeskRoleLead),
                    _ => i18n.t(Msg::DeskRoleAgent),
                })
                .collect();
            if words.is_empty() {
                i18n.t(Msg::DeskNone).to_owned()
            } else {
                words.join(", ")
            }
        })
    };
    view! {
        <dl class="desk-facts" data-testid="desk-facts">
            <div>
                <dt>{move || i18n.t(Msg::DeskStatus)}</dt>
                <dd data-testid="desk-status">
                    {status}
                    {move || locked().map(|at| view! {
                        <span class="desk-facts__warning" data-testid="desk-locked">{move || time_in(i18n, Msg::DeskLockedUntil, at)}</span>
                    })}
                    {move || reported().map(|at| view! {
                        <span class="desk-facts__warning">{move || time_in(i18n, Msg::DeskReported, at)}</span>
                    })}
                </dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::DeskMobile)}</dt>
                <dd>{move || contact(true)}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::DeskEmail)}</dt>
                <dd>{move || contact(false)}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::DeskLastSignIn)}</dt>
                <dd>{last_sign_in}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::DeskRegistrationCode)}</dt>
                <dd>{code}</dd>
            </div>
            <div>
                <dt>{move || i18n.t(Msg::DeskRoles)}</dt>
                <dd>{roles}</dd>
            </div>
        </dl>
    }
}

/// The desk's calls share this: a card read again (after a lock the card
/// shows), and the way back to sign-in when the agent's session is over.
#[derive(Clone)]
struct Desk {
    api: crate::api::Api,
    found: Found,
    expired: Callback<()>,
}

impl Desk {
    fn new(found: Found) -> Self {
        let navigate = use_navigate();
        Desk {
            api: use_api(),
            found,
            expired: Callback::new(move |_| navigate(&Leaving::Expired.path(), Default::default())),
        }
    }

    fn employee_id(&self) -> String {
        field(self.found, |card| card.employee_id.clone()).unwrap_or_default()
    }

    /// Reads the card again, as the API has it now.
    fn refresh(&self) {
        let request = wire::DeskSearchRequest {
            query: self.employee_id(),
        };
        let call = self.api.call::<endpoint::DeskSearch>((), request);
        let found = self.found;
        leptos::task::spawn_local(async move {
            if let Ok(result) = call.await
                && result.employee.is_some()
            {
                let _ = found.card.try_set(result.employee);
            }
        });
    }
}

/// Verify the caller: a code to a verified contact, read back.
#[component]
fn Verification(found: Found) -> impl IntoView {
    let i18n = use_i18n();
    let desk = Desk::new(found);
    let problem = RwSignal::new(None::<Problem>);
    let sending = Pending::new();
    let checking = Pending::new();
    let verified_until = move || field(found, |card| card.verified_until).flatten();
    let locked_until = move || field(found, |card| card.verification_locked_until).flatten();
    let channels = move || {
        field(found, |card| {
            let mut channels = Vec::new();
            if let (Some(mobile), true) = (&card.mobile, recovers(card, wire::Channel::Sms)) {
                channels.push((wire::Channel::Sms, mobile.clone()));
            }
            if let (Some(email), true) = (&card.email, recovers(card, wire::Channel::Email)) {
                channels.push((wire::Channel::Email, email.clone()));
            }
            channels
        })
        .unwrap_or_default()
    };
    let send = {
        let desk = desk.clone();
        move |channel: wire::Channel| {
            problem.set(None);
            let request = wire::DeskVerifyRequest {
                employee_id: desk.employee_id(),
                channel,
            };
            let desk = desk.clone();
            sending.send(
                desk.api.call::<endpoint::DeskSendVerification>((), request),
                move |result| match result {
                    Ok(sent) => {
                        found.read_back.set(String::new());
                        found.sent_to.set(Some(sent.destination));
                        request_animation_frame(|| focus("desk-read-back"));
                    }
                    Err(error) if session_gone(&error) => desk.expired.run(()),
                    Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Locked => {
                        desk.refresh()
                    }
                    Err(error) => problem.set(Some(general_problem(&error))),
                },
            );
        }
    };
    let on_check = {
        let desk = desk.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let Some(code) = otp_digits(&found.read_back.get_untracked()) else {
                problem.set(Some(Problem::new(Msg::OtpFormat)));
                focus("desk-read-back");
                return;
            };
            problem.set(None);
            let request = wire::DeskReadBack {
                employee_id: desk.employee_id(),
                code,
            };
            let desk = desk.clone();
            checking.send(
                desk.api
                    .call::<endpoint::DeskCheckVerification>((), request),
                move |result| match result {
                    Ok(card) => {
                        found.sent_to.set(None);
                        found.card.set(Some(card));
                        request_animation_frame(|| focus("desk-verified"));
                    }
                    Err(error) if session_gone(&error) => desk.expired.run(()),
                    Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Locked => {
                        found.sent_to.set(None);
                        desk.refresh();
                    }
                    Err(ApiError::Server(body)) if body.code == wire::ErrorCode::InvalidCode => {
                        problem.set(Some(Problem {
                            msg: Msg::InvalidCode,
                            attempts_left: body.attempts_remaining,
                        }));
                        focus_and_select("desk-read-back");
                    }
                    Err(ApiError::Server(body)) if body.code == wire::ErrorCode::CodeExpired => {
                        found.sent_to.set(None);
                        problem.set(Some(Problem::new(Msg::CodeExpired)));
                    }
                    Err(error) => problem.set(Some(general_problem(&error))),
                },
            );
        }
    };
    let ending = Pending::new();
    let end = {
        let desk = desk.clone();
        move |_| {
            let request = wire::DeskEmployee {
                employee_id: desk.employee_id(),
            };
            let desk = desk.clone();
            ending.send(
                desk.api.call::<endpoint::DeskEndVerification>((), request),
                move |result| match result {
                    Ok(card) => {
                        found.done.set(false);
                        found.issued.set(None);
                        found.card.set(Some(card));
                        request_animation_frame(|| focus("desk-verify-heading"));
                    }
                    Err(error) if session_gone(&error) => desk.expired.run(()),
                    Err(error) => problem.set(Some(general_problem(&error))),
                },
            );
        }
    };
    let invalid = move || {
        problem.with(|problem| {
            problem.is_some_and(|p| p.msg == Msg::OtpFormat || p.msg == Msg::InvalidCode)
        })
    };
    view! {
        <h3 id="desk-verify-heading" tabindex="-1">{move || i18n.t(Msg::DeskVerifyHeading)}</h3>
        {move || {
            if let Some(until) = verified_until() {
                let end = end.clone();
                return view! {
                    <div id="desk-verified" tabindex="-1">
                        <Alert tone=Tone::Success testid="desk-verified">
                            <p>{move || time_in(i18n, Msg::DeskVerifiedUntil, until)}</p>
                        </Alert>
                    </div>
                    <p>
                        <button type="button" class="button button--secondary" data-testid="desk-end-verification"
                            disabled=move || ending.get() on:click=end>
                            {move || i18n.t(Msg::DeskEndVerification)}
                        </button>
                    </p>
                }.into_any();
            }
            if let Some(until) = locked_until() {
                return view! {
                    <Alert tone=Tone::Warning testid="desk-verification-locked">
                        <p>{move || time_in(i18n, Msg::DeskVerificationLocked, until)}</p>
                    </Alert>
                }.into_any();
            }
            let channels = channels();
            if channels.is_empty() {
                return view! { <p data-testid="desk-no-contact">{move || i18n.t(Msg::DeskNoVerifiedContact)}</p> }.into_any();
            }
            let send = send.clone();
            let on_check = on_check.clone();
            view! {
                <p>{move || i18n.t(Msg::DeskVerifyIntro)}</p>
                <ProblemAlert problem=problem.into() testid="desk-verify-error" />
                <div class="actions">
                    {channels.into_iter().map(|(channel, contact)| {
                        let send = send.clone();
                        let msg = match channel {
                            wire::Channel::Sms => Msg::DeskSendText,
                            wire::Channel::Email => Msg::DeskSendEmail,
                        };
                        view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                data-testid=format!("desk-send-{}", channel.as_str())
                                disabled=move || sending.get()
                                on:click=move |_| send(channel)
                            >
                                {move || fill(i18n.t(msg), &[("contact", &contact)])}
                            </button>
                        }
                    }).collect_view()}
                </div>
                {move || found.sent_to.get().map(|contact| {
                    let on_check = on_check.clone();
                    view! {
                        <p role="status" data-testid="desk-code-sent">{fill(i18n.t(Msg::DeskCodeSent), &[("contact", &contact)])}</p>
                        <form class="form" novalidate on:submit=on_check>
                            // The agent's own codes must not fill it in.
                            <TextField
                                id="desk-read-back"
                                label=words(Msg::DeskReadBackLabel)
                                value=found.read_back
                                input=Input::TEXT.named("code").digits(9)
                                invalid=Signal::derive(invalid)
                            />
                            <button type="submit" class="button button--primary" disabled=move || checking.get() data-testid="desk-check">
                                {move || i18n.t(Msg::DeskCheckButton)}
                            </button>
                        </form>
                    }
                })}
            }.into_any()
        }}
    }
}

/// The actions, disabled until the caller is verified (disabling, a lead's,
/// needs no caller: it only protects).
#[component]
fn Actions(found: Found) -> impl IntoView {
    use wire::DeskAction as A;
    let i18n = use_i18n();
    let desk = Desk::new(found);
    let problem = RwSignal::new(None::<Problem>);
    let acting = Pending::new();
    let verified = move || field(found, |card| card.verified_until.is_some()).unwrap_or(false);
    // What this account can have done to it, with the channel of a reset
    // link: one button each.
    let offered = move || {
        field(found, |card| {
            let lead = card.viewer_is_lead;
            let mut actions = Vec::new();
            if card.locked_until.is_some() {
                actions.push((A::Unlock, None));
            }
            if card.status == "active" {
                for channel in [wire::Channel::Sms, wire::Channel::Email] {
                    if recovers(card, channel) {
                        actions.push((A::SendReset, Some(channel)));
                    }
                }
            }
            if card.status == "pending" {
                actions.push((A::RegistrationCode, None));
            } else {
                actions.push((A::ForgetDevices, None));
            }
            if lead && card.status != "disabled" {
                actions.push((A::Disable, None));
            }
            if lead && card.status == "disabled" {
                actions.push((A::Enable, None));
            }
            actions
        })
        .unwrap_or_default()
    };
    let act = move |action: wire::DeskAction, channel: Option<wire::Channel>| {
        problem.set(None);
        found.done.set(false);
        found.issued.set(None);
        let request = wire::DeskActionRequest {
            employee_id: desk.employee_id(),
            action,
            channel,
        };
        let desk = desk.clone();
        acting.send(
            desk.api.call::<endpoint::DeskAct>((), request),
            move |result| match result {
                Ok(done) => {
                    found.issued.set(done.registration_code);
                    found.done.set(true);
                    found.card.set(Some(done.card));
                    request_animation_frame(|| focus("desk-done"));
                }
                Err(error) if session_gone(&error) => desk.expired.run(()),
                Err(ApiError::Server(body)) if body.code == wire::ErrorCode::Forbidden => {
                    problem.set(Some(Problem::new(Msg::DeskActionsNeedVerification)));
                    desk.refresh();
                }
                Err(error) => problem.set(Some(general_problem(&error))),
            },
        );
    };
    view! {
        <h3>{move || i18n.t(Msg::DeskActionsHeading)}</h3>
        {move || (!verified()).then(|| view! {
            <p class="hint" id="desk-actions-hint" data-testid="desk-actions-hint">{move || i18n.t(Msg::DeskActionsNeedVerification)}</p>
        })}
        <ProblemAlert problem=problem.into() testid="desk-action-error" />
        <div class="actions" data-testid="desk-actions">
            {move || offered().into_iter().map(|(action, channel)| {
                let act = act.clone();
                let msg = match (action, channel) {
                    (A::SendReset, Some(wire::Channel::Sms)) => Msg::DeskSendResetText,
                    (A::SendReset, _) => Msg::DeskSendResetEmail,
                    (A::Unlock, _) => Msg::DeskUnlock,
                    (A::ForgetDevices, _) => Msg::DeskForgetDevices,
                    (A::RegistrationCode, _) => Msg::DeskNewRegistrationCode,
                    (A::Disable, _) => Msg::DeskDisable,
                    (A::Enable, _) => Msg::DeskEnable,
                };
                let testid = match channel {
                    Some(channel) => format!("desk-{}-{}", action.as_str().replace('_', "-"), channel.as_str()),
                    None => format!("desk-{}", action.as_str().replace('_', "-")),
                };
                let needs_caller = action != A::Disable;
                let closed = move || needs_caller && !verified();
                view! {
                    <button
                        type="button"
                        class="button button--secondary"
                        data-testid=testid
                        disabled=move || closed() || acting.get()
                        aria-describedby=move || closed().then_some("desk-actions-hint")
                        on:click=move |_| act(action, channel)
                    >
                        {move || i18n.t(msg)}
                    </button>
                }
            }).collect_view()}
        </div>
        {move || found.done.get().then(|| view! {
            <div id="desk-done" tabindex="-1">
                <Alert tone=Tone::Success testid="desk-done">
                    <p>{move || i18n.t(Msg::DeskDone)}</p>
                    {move || found.issued.get().map(|code| view! {
                        <p data-testid="desk-issued-code">{move || fill(i18n.t(Msg::DeskIssuedCode), &[("code", &code)])}</p>
                    })}
                </Alert>
            </div>
        })}
    }
}

/// The employee's last 50 audit events, the newest first.
#[component]
fn Events(found: Found) -> impl IntoView {
    let i18n = use_i18n();
    let events = move || field(found, |card| card.events.clone()).unwrap_or_default();
    view! {
        <h3>{move || i18n.t(Msg::DeskEventsHeading)}</h3>
        {move || {
            let events = events();
            if events.is_empty() {
                return view! { <p>{move || i18n.t(Msg::DeskEventsNone)}</p> }.into_any();
            }
            view! {
                <ol class="desk-events" data-testid="desk-events">
                    {events.into_iter().map(|event| {
                        let wire::DeskEvent { at, kind, client_address, device, detail } = event;
                        let facts: Vec<String> = [device, client_address, detail].into_iter().flatten().collect();
                        let words = {
                            let kind = kind.clone();
                            move || event_words(&kind, i18n.locale())
                        };
                        view! {
                            <li class="desk-events__item">
                                <span class="desk-events__when">{move || local_time(at, i18n.locale().tag())}</span>
                                <span class="desk-events__what">{words}</span>
                                <code class="desk-events__kind">{kind}</code>
                                {(!facts.is_empty()).then(|| view! {
                                    <span class="desk-events__facts">{facts.join(" · ")}</span>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}
