//! The demo employees of PRODUCT.md, seeded into an empty store by `--demo`.

use crate::domain::{Secret, questions, registration_code};
use crate::password::PinHasher;
use crate::store::{ChallengeAnswer, EmployeeStatus, NewEmployee, Store};

pub struct DemoAccount {
    pub employee_id: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub pin: Option<&'static str>,
    pub mobile: Option<&'static str>,
    pub email: Option<&'static str>,
    /// Challenge questions (catalogue ids) and their answers.
    pub answers: &'static [(&'static str, &'static str)],
    /// The registration code HR gave a new hire.
    pub registration_code: Option<&'static str>,
    pub notes: &'static str,
}

pub const ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        employee_id: "1234567",
        first_name: "Jordan",
        last_name: "Rivera",
        pin: Some("Brown-Truck-1907"),
        mobile: Some("+14045550123"),
        email: Some("jordan.rivera@upsers.example"),
        answers: &[
            ("birth_city", "Atlanta"),
            ("first_pet", "Rex"),
            ("first_car", "Ford"),
        ],
        registration_code: None,
        notes: "text + email + challenge questions",
    },
    DemoAccount {
        employee_id: "2345678",
        first_name: "Sam",
        last_name: "Okafor",
        pin: Some("Package-Car-2024"),
        mobile: None,
        email: Some("sam.okafor@upsers.example"),
        answers: &[],
        registration_code: None,
        notes: "email only",
    },
    DemoAccount {
        employee_id: "7654321",
        first_name: "Alex",
        last_name: "Chen",
        pin: None,
        mobile: None,
        email: None,
        answers: &[],
        registration_code: Some("K7PQ-M2XD-9HTA"),
        notes: "new hire, registration code K7PQ-M2XD-9HTA",
    },
];

/// Adds the demo employees when the store has no employees at all, and the
/// demo challenge answers wherever they are missing (a store seeded before
/// recovery existed gets them too).
pub async fn seed_if_empty(
    store: &Store,
    hasher: &PinHasher,
    secret_key: &[u8],
    now: i64,
) -> anyhow::Result<bool> {
    let seeded = seed_employees_if_empty(store, hasher, now).await?;
    seed_missing_answers(store, hasher, now).await?;
    seed_missing_registration_codes(store, secret_key, now).await?;
    Ok(seeded)
}

/// The demo hire's code, while the hire is still pending and has none.
async fn seed_missing_registration_codes(
    store: &Store,
    secret_key: &[u8],
    now: i64,
) -> anyhow::Result<()> {
    for account in &ACCOUNTS {
        let Some(code) = account.registration_code else {
            continue;
        };
        let id = account.employee_id;
        let pending = store
            .find_employee(id)
            .await?
            .is_some_and(|employee| employee.is_pending());
        let usable = store
            .find_registration_code(id)
            .await?
            .is_some_and(|issued| issued.is_usable(now));
        if !pending || usable {
            continue;
        }
        let code = registration_code::normalize(code).expect("the demo code is well-formed");
        store
            .put_registration_code(
                id,
                &registration_code::hash(secret_key, id, &code),
                now,
                now + registration_code::TTL_SECS,
            )
            .await?;
    }
    Ok(())
}

async fn seed_employees_if_empty(
    store: &Store,
    hasher: &PinHasher,
    now: i64,
) -> anyhow::Result<bool> {
    if store.count_employees().await? > 0 {
        return Ok(false);
    }
    for account in &ACCOUNTS {
        let pin_hash = match account.pin {
            Some(pin) => Some(hasher.hash(Secret::new(pin)).await?),
            None => None,
        };
        store
            .insert_employee(
                NewEmployee {
                    employee_id: account.employee_id,
                    first_name: account.first_name,
                    last_name: account.last_name,
                    pin_hash,
                    mobile: account.mobile,
                    email: account.email,
                    status: if account.pin.is_some() {
                        EmployeeStatus::Active
                    } else {
                        EmployeeStatus::Pending
                    },
                },
                now,
            )
            .await?;
    }
    Ok(true)
}

async fn seed_missing_answers(store: &Store, hasher: &PinHasher, now: i64) -> anyhow::Result<()> {
    for account in ACCOUNTS
        .iter()
        .filter(|account| !account.answers.is_empty())
    {
        let id = account.employee_id;
        if store.find_employee(id).await?.is_none()
            || !store.challenge_answers(id).await?.is_empty()
        {
            continue;
        }
        let mut answers = Vec::new();
        for (question_id, answer) in account.answers {
            let normalized = questions::normalize_answer(answer);
            answers.push(ChallengeAnswer {
                question_id: (*question_id).to_owned(),
                answer_hash: hasher.hash(Secret::new(normalized)).await?,
            });
        }
        store.put_challenge_answers(id, &answers, &[], now).await?;
    }
    Ok(())
}

/// What `make run` shows under the URL.
/// What demo mode prints at start: the address, the accounts, and where the
/// one-time PINs of each channel go (`dev_channels`: the dev outbox's).
pub fn banner(url: &str, dev_channels: &[&str]) -> String {
    let mut text = format!("\nUPSers portal (demo mode): {url}\n\nDemo accounts:\n");
    for account in &ACCOUNTS {
        text.push_str(&format!(
            "  {}  PIN {:<18} {} ({})\n",
            account.employee_id,
            account.pin.unwrap_or("-"),
            account.first_name,
            account.notes
        ));
    }
    let real = ["sms", "email"]
        .into_iter()
        .filter(|channel| !dev_channels.contains(channel))
        .collect::<Vec<_>>();
    match (dev_channels.is_empty(), real.is_empty()) {
        (false, true) => text.push_str(&format!(
            "\nOne-time PINs are printed here and listed at {url}/api/v1/dev/outbox\n"
        )),
        (false, false) => text.push_str(&format!(
            "\nOne-time PINs by {} are printed here and listed at {url}/api/v1/dev/outbox; \
             by {} they are really sent\n",
            dev_channels.join(" and "),
            real.join(" and ")
        )),
        (true, _) => text.push_str("\nOne-time PINs are really sent (SMS gateway and SMTP)\n"),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_where_codes_go() {
        let url = "http://127.0.0.1:8080";
        assert!(banner(url, &["sms", "email"]).contains("printed here and listed at"));
        let mixed = banner(url, &["sms"]);
        assert!(mixed.contains("by sms are printed here"), "{mixed}");
        assert!(mixed.contains("by email they are really sent"), "{mixed}");
        assert!(banner(url, &[]).contains("really sent"));
    }

    #[test]
    fn demo_answers_answer_catalogue_questions() {
        for account in &ACCOUNTS {
            for (question_id, _) in account.answers {
                assert!(questions::text_of(question_id).is_some(), "{question_id}");
            }
        }
        assert_eq!(ACCOUNTS[0].answers.len(), questions::REGISTERED);
    }
}
