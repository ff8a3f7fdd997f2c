//! The sign-in page's lockout: a lock belongs to an Employee ID, not to the
//! tab (one warehouse PC serves many employees). The countdown shows only
//! while the locked ID is the one typed; whenever the typed ID is whole the
//! API is asked whether that ID is locked (asking takes no attempt), so
//! typing the locked ID again shows its countdown again, and a lock ended
//! elsewhere (a PIN reset) ends here too. Kept in the tab across a reload.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use upsers_contract as wire;
use upsers_contract::endpoint;

use crate::api::use_api;
use crate::components::{Countdown, deadline_in, format_mss, use_countdown};
use crate::i18n::{Msg, fill, use_i18n};
use crate::policy::use_policy;
use crate::storage::{self, LOCK, LockNotice};
use crate::validation::employee_id_problem;

/// Counts the changes of the page's lock, so an answer about a lock is not
/// applied over a newer one (a 423 that came back while the question was
/// out). Only compared before and after one question, so one counter serves
/// every mount of the page.
static LOCK_CHANGES: AtomicU64 = AtomicU64::new(0);

/// The lock of the sign-in form, its countdown, and whether one just ended.
#[derive(Clone, Copy)]
pub struct Lockout {
    lock: RwSignal<Option<LockNotice>>,
    employee_id: RwSignal<String>,
    /// Counts down the lock that holds for the ID typed now.
    pub countdown: Countdown,
    /// A lock ran out here a moment ago (the form says so).
    pub ended: RwSignal<bool>,
}

impl Lockout {
    /// The lock that holds for the ID typed now, if any (tracked).
    pub fn shown(&self) -> Option<LockNotice> {
        shown(self.lock, self.employee_id)
    }

    /// Replaces the lock (kept in the tab, so a reload keeps the countdown).
    pub fn set(&self, notice: Option<LockNotice>) {
        set(self.lock, notice);
    }
}

/// The lock of `lock` that holds for the ID typed in `employee_id` now
/// (tracked).
fn shown(lock: RwSignal<Option<LockNotice>>, employee_id: RwSignal<String>) -> Option<LockNotice> {
    lock.get()
        .filter(|notice| employee_id.with(|id| notice.applies_to(id.trim())))
}

fn set(lock: RwSignal<Option<LockNotice>>, notice: Option<LockNotice>) {
    match &notice {
        Some(notice) => storage::session_set(LOCK, notice),
        None => storage::session_remove(LOCK),
    }
    LOCK_CHANGES.fetch_add(1, Ordering::Relaxed);
    lock.set(notice);
}

/// The lockout of a form whose Employee ID is `employee_id`, starting from
/// the lock the tab kept (`stored`).
pub fn use_lockout(employee_id: RwSignal<String>, stored: Option<LockNotice>) -> Lockout {
    let lock = RwSignal::new(stored);
    let ended = RwSignal::new(false);
    let countdown = use_countdown(Signal::derive(move || {
        shown(lock, employee_id).map(|notice| notice.deadline)
    }));
    // At zero the form comes back, and says so.
    Effect::new(move |_| {
        if shown(lock, employee_id).is_some() && !countdown.running.get() {
            set(lock, None);
            ended.set(true);
        }
    });
    ask_when_whole(lock, employee_id);
    Lockout {
        lock,
        employee_id,
        countdown,
        ended,
    }
}

/// Whenever the typed ID is whole, the API says whether it is locked.
fn ask_when_whole(lock: RwSignal<Option<LockNotice>>, employee_id: RwSignal<String>) {
    let api = use_api();
    let policy = use_policy();
    Effect::new(move |_| {
        let id = employee_id.with(|id| id.trim().to_owned());
        if employee_id_problem(&id, policy.id_digits()).is_some() {
            return;
        }
        let query = wire::LockQuery {
            employee_id: id.clone(),
        };
        let asked = api.call::<endpoint::GetLock>((), query);
        let changes_when_asked = LOCK_CHANGES.load(Ordering::Relaxed);
        leptos::task::spawn_local(async move {
            let Ok(answer) = asked.await else { return };
            // The page is gone, or the employee typed on: a later ask answers.
            if employee_id.try_with_untracked(|typed| typed.trim() == id) != Some(true) {
                return;
            }
            match answer.retry_after_secs {
                Some(secs) => set(
                    lock,
                    Some(LockNotice {
                        employee_id: Some(id),
                        deadline: deadline_in(secs),
                    }),
                ),
                // Not locked now (the lock ended, or a PIN reset ended it):
                // the tab's notice for this ID goes, unless a newer one came.
                None => {
                    let stale = lock.with_untracked(|notice| {
                        notice
                            .as_ref()
                            .and_then(|notice| notice.employee_id.as_deref())
                            == Some(id.as_str())
                    }) && LOCK_CHANGES.load(Ordering::Relaxed) == changes_when_asked;
                    if stale {
                        set(lock, None);
                    }
                }
            }
        });
    });
}

/// The visible lockout timer of `countdown`, and a polite announcement of
/// it when it starts and at each whole minute (not every second).
pub fn lockout_timer(countdown: Countdown) -> impl IntoView {
    let Countdown { remaining, running } = countdown;
    // The seconds left when last announced: the words are drawn from them,
    // so a language switch re-translates the announcement.
    let announced = RwSignal::new(None::<u64>);
    Effect::new(move |previous: Option<bool>| {
        let left = remaining.get();
        let on = running.get();
        if on && (previous != Some(true) || left.is_multiple_of(60)) {
            announced.set(Some(left));
        } else if !on {
            announced.set(None);
        }
        on
    });
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="lockout-announcer">{move || {
            announced.get().map(try_again_in)
        }}</p>
        {move || running.get().then(|| view! {
            <p class="lockout" data-testid="lockout" aria-hidden="true">
                {move || try_again_in(remaining.get())}
            </p>
        })}
    }
}

/// `Try again in 14:59.`, in the language shown (tracked).
fn try_again_in(secs: u64) -> String {
    fill(
        use_i18n().t(Msg::TryAgainIn),
        &[("time", &format_mss(secs))],
    )
}
