//! The labelled input every form draws: its label, hint and error, tied to
//! the input for screen readers (`aria-describedby`, `aria-invalid`), in one
//! markup. The hint sits between the label and the input (it is read before
//! typing), the error under the input; the error's id is `{id}-error` and
//! the hint's `{id}-hint`, so an error summary can link to the field.

use leptos::prelude::*;

use crate::i18n::{Msg, use_i18n};

/// The words of `msg` in the language shown, as a field's label or hint
/// takes them (tracked: a language switch re-translates them).
pub fn words(msg: Msg) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || i18n.t(msg).to_owned())
}

/// What kind of input a field is, and what fills it: the browser's and the
/// password manager's cues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input {
    /// The `type`: `text`, `tel`, `email`, `search`, `password`.
    pub kind: &'static str,
    /// The `autocomplete` token (`off` for what must never be filled in).
    pub autocomplete: &'static str,
    /// The `name` it is sent under, if the form has one.
    pub name: Option<&'static str>,
    /// `numeric` for digits, so phones show the number pad.
    pub inputmode: Option<&'static str>,
    /// The most characters it takes.
    pub maxlength: Option<usize>,
}

impl Input {
    /// A plain text input that is never filled in for the employee.
    pub const TEXT: Input = Input {
        kind: "text",
        autocomplete: "off",
        name: None,
        inputmode: None,
        maxlength: None,
    };

    /// This input, with `autocomplete`.
    pub const fn filled_by(self, autocomplete: &'static str) -> Self {
        Input {
            autocomplete,
            ..self
        }
    }

    /// This input, of `kind`.
    pub const fn of_kind(self, kind: &'static str) -> Self {
        Input { kind, ..self }
    }

    /// This input, sent as `name`.
    pub const fn named(self, name: &'static str) -> Self {
        Input {
            name: Some(name),
            ..self
        }
    }

    /// This input, of digits (a one-time PIN): the number pad, at most
    /// `maxlength` characters (room for spaces as people type them).
    pub const fn digits(self, maxlength: usize) -> Self {
        Input {
            inputmode: Some("numeric"),
            maxlength: Some(maxlength),
            ..self
        }
    }

    /// This input, at most `maxlength` characters.
    pub const fn at_most(self, maxlength: usize) -> Self {
        Input {
            maxlength: Some(maxlength),
            ..self
        }
    }
}

/// A labelled input bound to `value`, with its hint and its error.
#[component]
pub fn TextField(
    /// The input's id.
    #[prop(into)]
    id: String,
    /// The label's words (tracked: the language).
    #[prop(into)]
    label: Signal<String>,
    /// What is typed.
    value: RwSignal<String>,
    input: Input,
    /// The hint's words, if the field has one.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The error's words while the field is in error.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// In error without words of its own (a wrong PIN the alert above
    /// explains).
    #[prop(optional, into)]
    invalid: MaybeProp<bool>,
    /// The type when it changes (a PIN that `Show PIN` shows).
    #[prop(optional, into)]
    kind: MaybeProp<&'static str>,
    /// Another element that describes the input (a live verdict under it).
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// What the input filters or steers (a search's results).
    #[prop(optional)]
    controls: Option<&'static str>,
    /// More to do with each thing typed, after `value` has it.
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
    /// What sits beside the input, on its row (`Show PIN`).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [
                hint.with(Option::is_some).then_some(hint_id.as_str()),
                error.with(Option::is_some).then_some(error_id.as_str()),
                described_by,
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let field = view! {
        <input
            id=id.clone()
            name=input.name
            type=move || kind.get().unwrap_or(input.kind)
            inputmode=input.inputmode
            maxlength=input.maxlength.map(|most| most.to_string())
            autocomplete=input.autocomplete
            spellcheck="false"
            aria-invalid=move || {
                (error.with(Option::is_some) || invalid.get().unwrap_or(false)).to_string()
            }
            aria-describedby=described
            aria-controls=controls
            prop:value=move || value.get()
            on:input=move |event| {
                let typed = event_target_value(&event);
                value.set(typed.clone());
                if let Some(on_input) = on_input {
                    on_input.run(typed);
                }
            }
        />
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {move || hint.get().map(|words| view! { <p class="hint" id=hint_id.clone()>{words}</p> })}
            {match children {
                Some(beside) => view! { <div class="field__row">{field}{beside()}</div> }.into_any(),
                None => field.into_any(),
            }}
            {move || error.get().map(|words| view! {
                <p class="field__error" id=error_id.clone()>{words}</p>
            })}
        </div>
    }
}
