//! Passkeys: the employee's, each with its name, when it was added and last
//! used; a new one added behind the step-up (a passkey signs in without the
//! PIN), named or not; any one renamed, or removed after a confirmation.
//! Every addition and removal sends a notice to the contact details.

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use super::step_up::{Proof, StepUpForm, ask_step_up};
use crate::api::{ApiError, use_api};
use crate::components::{
    Alert, ConfirmRemoval, Input, Leaving, ProblemAlert, TextField, Tone, to_sign_in, words,
};
use crate::dom::{focus, focus_after_render};
use crate::failures::{Problem, general_problem};
use crate::i18n::{Msg, fill, use_i18n};
use crate::passkey;
use crate::pending::Pending;
use crate::time::local_time;

/// Where a change stands.
#[derive(Clone, PartialEq)]
enum Editing {
    Nothing,
    StepUp(wire::StepUpState),
    /// Naming the passkey about to be created.
    Naming,
    /// Renaming passkey `id` (named `name`).
    Renaming {
        id: String,
        name: String,
    },
    /// Asking before removing passkey `id`.
    Removing {
        id: String,
        name: String,
    },
}

/// What the last change did, for its success message.
#[derive(Clone, PartialEq)]
enum Done {
    Added(String),
    Renamed(String),
    Removed(String),
}

#[component]
pub fn Passkeys(
    /// Moves when the account changed on this page; moved here by a change.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let listed = RwSignal::new(None::<Result<wire::AccountPasskeys, ApiError>>);
    let passkeys = LocalResource::new({
        let api = api.clone();
        move || {
            changed.track();
            let api = api.clone();
            async move { api.call::<endpoint::GetPasskeys>((), ()).await }
        }
    });
    Effect::new(move |_| {
        if let Some(answer) = passkeys.get() {
            listed.set(Some(answer));
        }
    });
    let editing = RwSignal::new(Editing::Nothing);
    let done = RwSignal::new(None::<Done>);
    let problem = RwSignal::new(None::<Problem>);
    let name = RwSignal::new(String::new());
    let name_invalid = RwSignal::new(false);
    let asking = Pending::new();
    let working = RwSignal::new(false);
    let changing = Pending::new();

    let naming = move || {
        problem.set(None);
        name.set(String::new());
        name_invalid.set(false);
        editing.set(Editing::Naming);
        focus_after_render("passkey-name");
    };
    let start = Callback::new({
        let api = api.clone();
        move |()| {
            done.set(None);
            ask_step_up(
                &api,
                asking,
                problem,
                Proof::Recovery,
                naming,
                move |state| {
                    editing.set(Editing::StepUp(state));
                    focus_after_render("step-up-heading");
                },
            );
        }
    });
    let cancel = Callback::new(move |()| {
        editing.set(Editing::Nothing);
        problem.set(None);
        focus("passkeys");
    });
    let finished = move |list: wire::AccountPasskeys, what: Done| {
        editing.set(Editing::Nothing);
        problem.set(None);
        listed.set(Some(Ok(list)));
        done.set(Some(what));
        changed.update(|n| *n += 1);
        focus_after_render("passkey-done");
    };
    // What an API refusal means here (the step-up, the session, the name).
    let refused = move |error: ApiError| match &error {
        ApiError::Server(body) if body.needs_step_up() => start.run(()),
        ApiError::Server(body) if body.code == wire::ErrorCode::Unauthenticated => {
            to_sign_in(Leaving::Expired)
        }
        ApiError::Server(body) if body.names("name") => {
            name_invalid.set(true);
            focus("passkey-name");
        }
        ApiError::Server(body) if body.names(wire::PASSKEY_FIELD) => {
            let msg = match body.code {
                wire::ErrorCode::InvalidInput => Msg::PasskeyTooMany,
                _ => passkey::api_failure(&error),
            };
            problem.set(Some(Problem::new(msg)));
        }
        ApiError::Server(body) if body.code == wire::ErrorCode::InvalidCredentials => {
            problem.set(Some(Problem::new(Msg::PasskeyRefused)))
        }
        _ => problem.set(Some(general_problem(&error))),
    };

    let on_create = {
        let api = api.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let given = name.get_untracked().trim().to_owned();
            if !given.is_empty() && !wire::passkey_name_fits(&given) {
                name_invalid.set(true);
                focus("passkey-name");
                return;
            }
            if working.get_untracked() {
                return;
            }
            name_invalid.set(false);
            problem.set(None);
            working.set(true);
            let api = api.clone();
            leptos::task::spawn_local_scoped(async move {
                let added = add(&api, given).await;
                working.set(false);
                match added {
                    Ok((list, name)) => finished(list, Done::Added(name)),
                    Err(Err(failure)) => {
                        if let Some(msg) = failure.msg() {
                            problem.set(Some(Problem::new(msg)));
                        }
                    }
                    Err(Ok(error)) => refused(error),
                }
            });
        }
    };
    let on_rename = Callback::new({
        let api = api.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let Editing::Renaming { id, .. } = editing.get_untracked() else {
                return;
            };
            let given = name.get_untracked().trim().to_owned();
            if !wire::passkey_name_fits(&given) {
                name_invalid.set(true);
                focus("passkey-new-name");
                return;
            }
            let request = wire::RenamePasskeyRequest {
                passkey_id: id,
                name: given.clone(),
            };
            changing.send(
                api.call::<endpoint::RenamePasskey>((), request),
                move |result| match result {
                    Ok(list) => finished(list, Done::Renamed(given)),
                    Err(error) => refused(error),
                },
            );
        }
    });
    let remove = Callback::new(move |(id, removed): (String, String)| {
        let request = wire::RemovePasskeyRequest { passkey_id: id };
        changing.send(
            api.call::<endpoint::RemovePasskey>((), request),
            move |result| match result {
                Ok(list) => finished(list, Done::Removed(removed)),
                Err(error) => refused(error),
            },
        );
    });
    let choose = Callback::new(move |chosen: Editing| {
        problem.set(None);
        done.set(None);
        name_invalid.set(false);
        let focused = match &chosen {
            Editing::Renaming { name: current, .. } => {
                name.set(current.clone());
                "passkey-new-name"
            }
            _ => "confirm-remove-passkey",
        };
        editing.set(chosen);
        focus_after_render(focused);
    });

    view! {
        <h2 id="passkeys" tabindex="-1">{move || i18n.t(Msg::PasskeysHeading)}</h2>
        <p>{move || i18n.t(Msg::PasskeysIntro)}</p>
        {move || done.get().map(|what| {
            let (msg, named) = match what {
                Done::Added(named) => (Msg::PasskeyAdded, named),
                Done::Renamed(named) => (Msg::PasskeyRenamed, named),
                Done::Removed(named) => (Msg::PasskeyRemoved, named),
            };
            view! {
                <Alert tone=Tone::Success testid="passkey-done" id="passkey-done">
                    {move || fill(i18n.t(msg), &[("name", &quoted(i18n, &named))])}
                </Alert>
            }
        })}
        {move || match listed.get() {
            Some(Ok(list)) if list.passkeys.is_empty() => view! {
                <p data-testid="no-passkeys">{move || i18n.t(Msg::PasskeysNone)}</p>
            }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="session-list" data-testid="passkeys">
                    {list.passkeys.into_iter().enumerate().map(|(n, passkey)| view! {
                        <PasskeyItem passkey n pending=changing.into() choose />
                    }).collect_view()}
                </ul>
            }.into_any(),
            Some(Err(ApiError::Server(body))) if body.code == wire::ErrorCode::Unauthenticated => {
                to_sign_in(Leaving::Expired);
                ().into_any()
            }
            Some(Err(error)) => {
                let problem = Signal::stored(Some(general_problem(&error)));
                view! { <ProblemAlert problem testid="passkeys-unavailable" /> }.into_any()
            }
            None => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        }}
        {move || match editing.get() {
            Editing::Nothing if !passkey::available() => view! {
                <p class="hint" data-testid="passkeys-unsupported">{move || i18n.t(Msg::PasskeysUnavailable)}</p>
            }.into_any(),
            Editing::Nothing => view! {
                <ProblemAlert problem=problem.into() testid="passkeys-error" />
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="add-passkey"
                    aria-disabled=move || asking.get().to_string()
                    on:click=move |_| start.run(())
                >
                    {move || i18n.t(Msg::PasskeyAdd)}
                </button>
            }.into_any(),
            Editing::StepUp(state) => view! {
                <StepUpForm
                    state
                    proof=Proof::Recovery
                    purpose=Msg::StepUpForPasskey
                    on_done=Callback::new(move |()| naming())
                    on_cancel=cancel
                />
            }.into_any(),
            Editing::Naming => view! {
                <form class="form step-up" novalidate data-testid="passkey-panel" on:submit=on_create.clone()>
                    <ProblemAlert problem=problem.into() testid="passkeys-error" />
                    {name_field("passkey-name", Msg::PasskeyNameLabel, name, name_invalid)}
                    <div class="actions">
                        <button type="submit" class="button button--primary" data-testid="create-passkey" aria-disabled=move || working.get().to_string()>
                            {move || i18n.t(if working.get() { Msg::Working } else { Msg::PasskeyCreate })}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                            {move || i18n.t(Msg::CancelButton)}
                        </button>
                    </div>
                </form>
            }.into_any(),
            Editing::Renaming { .. } => view! {
                <form class="form step-up" novalidate data-testid="rename-panel" on:submit=move |event| on_rename.run(event)>
                    <ProblemAlert problem=problem.into() testid="passkeys-error" />
                    {name_field("passkey-new-name", Msg::PasskeyNewName, name, name_invalid)}
                    <div class="actions">
                        <button type="submit" class="button button--primary" data-testid="save-passkey-name" disabled=move || changing.get()>
                            {move || i18n.t(Msg::PasskeySaveName)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                            {move || i18n.t(Msg::CancelButton)}
                        </button>
                    </div>
                </form>
            }.into_any(),
            Editing::Removing { id, name: removed } => {
                let shown = removed.clone();
                view! {
                    <ConfirmRemoval
                        id="confirm-remove-passkey"
                        question=Signal::derive(move || fill(i18n.t(Msg::PasskeyRemoveConfirm), &[("name", &quoted(i18n, &shown))]))
                        action=Msg::PasskeyRemove
                        action_testid="remove-passkey"
                        pending=changing
                        on_confirm=Callback::new(move |()| remove.run((id.clone(), removed.clone())))
                        on_cancel=cancel
                    >
                        <ProblemAlert problem=problem.into() testid="passkeys-error" />
                    </ConfirmRemoval>
                }.into_any()
            }
        }}
    }
}

/// The name field of a new or renamed passkey, labelled `label`.
fn name_field(
    id: &'static str,
    label: Msg,
    name: RwSignal<String>,
    invalid: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            id
            label=words(label)
            value=name
            input=Input::TEXT.at_most(wire::PASSKEY_NAME_MAX)
            hint=words(Msg::PasskeyNameHint)
            error=Signal::derive(move || invalid.get().then(|| i18n.t(Msg::PasskeyNameInvalid).to_owned()))
        />
    }
}

/// One passkey: its name, when it was added and last used, Rename and Remove.
#[component]
fn PasskeyItem(
    passkey: wire::AccountPasskey,
    /// Its place in the list, for the ids that name its buttons.
    n: usize,
    pending: Signal<bool>,
    choose: Callback<Editing>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wire::AccountPasskey {
        id,
        name,
        created_at,
        last_used_at,
    } = passkey;
    let name_id = format!("passkey-{n}");
    let when = move |msg: Msg, at: i64| {
        fill(
            i18n.t(msg),
            &[("time", &local_time(at, i18n.locale().tag()))],
        )
    };
    let (rename_id, rename_name) = (id.clone(), name.clone());
    let (remove_id, remove_name) = (id, name.clone());
    view! {
        <li class="session-list__item" data-testid="passkey">
            <div class="session-list__about">
                <p class="session-list__device"><strong id=name_id.clone()>{name}</strong></p>
                <p class="session-list__facts">
                    <span>{move || when(Msg::PasskeyAddedAt, created_at)}</span>
                    <span>{move || match last_used_at {
                        Some(at) => when(Msg::PasskeyLastUsed, at),
                        None => i18n.t(Msg::PasskeyNeverUsed).to_owned(),
                    }}</span>
                </p>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="rename-passkey"
                    aria-describedby=name_id.clone()
                    aria-disabled=move || pending.get().to_string()
                    on:click=move |_| choose.run(Editing::Renaming { id: rename_id.clone(), name: rename_name.clone() })
                >
                    {move || i18n.t(Msg::PasskeyRename)}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="ask-remove-passkey"
                    aria-describedby=name_id
                    aria-disabled=move || pending.get().to_string()
                    on:click=move |_| choose.run(Editing::Removing { id: remove_id.clone(), name: remove_name.clone() })
                >
                    {move || i18n.t(Msg::PasskeyRemove)}
                </button>
            </div>
        </li>
    }
}

/// Adds a passkey named `name`: the challenge, the browser's ceremony, the
/// API's check. The list as it is then, and the name the API gave it; or
/// why not (the ceremony's failure, or the API's refusal).
async fn add(
    api: &crate::api::Api,
    name: String,
) -> Result<(wire::AccountPasskeys, String), Result<ApiError, passkey::Failure>> {
    let challenge = api
        .call::<endpoint::StartPasskeyRegistration>((), ())
        .await
        .map_err(Ok)?;
    let credential = passkey::create(&challenge.options).await.map_err(Err)?;
    let request = wire::NewPasskeyRequest {
        challenge_id: challenge.challenge_id,
        credential,
        name,
    };
    let list = api
        .call::<endpoint::AddPasskey>((), request)
        .await
        .map_err(Ok)?;
    // The newest is the one added (the list is in the order added).
    let named = list
        .passkeys
        .iter()
        .max_by_key(|passkey| passkey.created_at)
        .map(|passkey| passkey.name.clone())
        .unwrap_or_default();
    Ok((list, named))
}

/// A passkey's name in the locale's quotation marks.
fn quoted(i18n: crate::i18n::I18n, name: &str) -> String {
    match i18n.locale() {
        crate::i18n::Locale::Es => format!("\u{ab}{name}\u{bb}"),
        crate::i18n::Locale::En => format!("\u{201c}{name}\u{201d}"),
    }
}
