//! The admin verbs: what operators run against the store.

use std::path::Path;

use anyhow::{Context, bail};

use crate::clock::unix_now;
use crate::config::{KeySource, Settings};
use crate::demo;
use crate::domain::roles::Role;
use crate::domain::{EmployeeId, registration_code};
use crate::password::PinHasher;
use crate::store::{AuditKind, EmployeeStatus, NewEmployee, NewHire, Store};

/// An employee as HR gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRow {
    pub employee_id: String,
    pub first_name: String,
    pub last_name: String,
    pub mobile: Option<String>,
    pub email: Option<String>,
}

impl EmployeeRow {
    /// Checks one row; the error says what is wrong in words an operator can act on.
    pub fn check(
        employee_id: &str,
        first_name: &str,
        last_name: &str,
        mobile: Option<&str>,
        email: Option<&str>,
        id_digits: u8,
    ) -> Result<EmployeeRow, String> {
        let employee_id = EmployeeId::parse(employee_id, id_digits)
            .ok_or_else(|| format!("employee_id {employee_id:?} is not {id_digits} digits"))?;
        let name = |value: &str, field: &str| {
            let value = value.trim();
            if value.is_empty()
                || value.chars().count() > 100
                || value.chars().any(char::is_control)
            {
                Err(format!("{field} must be 1 to 100 printable characters"))
            } else {
                Ok(value.to_owned())
            }
        };
        let mobile = mobile.map(str::trim).filter(|value| !value.is_empty());
        if let Some(mobile) = mobile {
            let digits = mobile.strip_prefix('+').unwrap_or("");
            if !(8..=15).contains(&digits.len())
                || !digits.bytes().all(|byte| byte.is_ascii_digit())
            {
                return Err(format!(
                    "mobile {mobile:?} is not an E.164 number such as +14045550123"
                ));
            }
        }
        let email = email.map(str::trim).filter(|value| !value.is_empty());
        if let Some(email) = email {
            let valid = email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
            });
            if !valid {
                return Err(format!("email {email:?} is not an email address"));
            }
        }
        Ok(EmployeeRow {
            employee_id: employee_id.as_str().to_owned(),
            first_name: name(first_name, "first_name")?,
            last_name: name(last_name, "last_name")?,
            mobile: mobile.map(str::to_owned),
            email: email.map(str::to_owned),
        })
    }

    fn as_new(&self) -> NewEmployee<'_> {
        NewEmployee {
            employee_id: &self.employee_id,
            first_name: &self.first_name,
            last_name: &self.last_name,
            pin_hash: None,
            mobile: self.mobile.as_deref(),
            email: self.email.as_deref(),
            status: EmployeeStatus::Pending,
        }
    }
}

/// Reads and checks a whole CSV file; every bad row is reported with its line.
pub fn read_csv(path: &Path, id_digits: u8) -> anyhow::Result<Vec<EmployeeRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let headers = reader.headers().context("reading the header line")?.clone();
    let expected = ["employee_id", "first_name", "last_name", "mobile", "email"];
    if headers.iter().collect::<Vec<_>>() != expected {
        bail!("line 1: the header must be {}", expected.join(","));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |position| position.line());
                problems.push(format!("line {line}: {error}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |position| position.line());
        let field = |index: usize| record.get(index).unwrap_or("");
        let optional = |index: usize| Some(field(index)).filter(|value| !value.is_empty());
        match EmployeeRow::check(
            field(0),
            field(1),
            field(2),
            optional(3),
            optional(4),
            id_digits,
        ) {
            Ok(row) => {
                if let Some(first) = seen.insert(row.employee_id.clone(), line) {
                    problems.push(format!(
                        "line {line}: employee_id {} repeats line {first}",
                        row.employee_id
                    ));
                }
                rows.push((line, row));
            }
            Err(problem) => problems.push(format!("line {line}: {problem}")),
        }
    }
    if !problems.is_empty() {
        bail!("nothing was imported:\n{}", problems.join("\n"));
    }
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let store = Store::connect_with(&settings.database_url, settings.store_acquire_timeout).await?;
    store.migrate().await?;
    Ok(store)
}

/// Adds all rows in one transaction (an ID already in the store refuses the
/// lot), then issues each new hire a registration code; returns the
/// `(employee_id, code)` pairs, the only time the codes exist in clear.
pub async fn import(
    store: &Store,
    settings: &Settings,
    rows: &[EmployeeRow],
) -> anyhow::Result<Vec<(String, String)>> {
    require_real_key(settings)?;
    let now = unix_now();
    let mut existing = Vec::new();
    for row in rows {
        if store.find_employee(&row.employee_id).await?.is_some() {
            existing.push(row.employee_id.clone());
        }
    }
    if !existing.is_empty() {
        bail!(
            "nothing was imported: already in the store: {}",
            existing.join(", ")
        );
    }
    let mut codes = Vec::with_capacity(rows.len());
    let mut hires = Vec::with_capacity(rows.len());
    for row in rows {
        let (code, code_hash) = new_registration_code(settings, &row.employee_id);
        codes.push((row.employee_id.clone(), code));
        hires.push(NewHire {
            employee: row.as_new(),
            registration_code: Some((code_hash, now + registration_code::TTL_SECS)),
        });
    }
    // The hires and their codes in one transaction: never a hire without one.
    store.import_hires(&hires, now).await?;
    Ok(codes)
}

pub async fn seed_demo(store: &Store, settings: &Settings) -> anyhow::Result<bool> {
    let hasher = PinHasher::new(1);
    demo::seed_if_empty(store, &hasher, &settings.secret_key, unix_now()).await
}

/// Issues a new registration code for a pending employee (replacing any
/// earlier one) and returns it: the only time it exists in clear.
pub async fn issue_registration_code(
    store: &Store,
    settings: &Settings,
    employee_id: &str,
) -> anyhow::Result<String> {
    require_real_key(settings)?;
    let id = EmployeeId::parse(employee_id, settings.policy.employee_id_digits)
        .ok_or_else(|| anyhow::anyhow!("{employee_id:?} is not an Employee ID"))?;
    let id = id.as_str();
    match store.find_employee(id).await? {
        None => bail!("no employee {id}"),
        Some(employee) if !employee.is_pending() => {
            bail!(
                "employee {id} is {}: only pending employees register",
                employee.status
            )
        }
        Some(_) => {}
    }
    let (code, code_hash) = new_registration_code(settings, id);
    let now = unix_now();
    store
        .put_registration_code(id, &code_hash, now, now + registration_code::TTL_SECS)
        .await?;
    store
        .audit(
            AuditKind::RegistrationCodeIssued,
            Some(id),
            "admin",
            None,
            now,
        )
        .await?;
    Ok(code)
}

/// Grants (`grant`) or revokes `role` for `employee_id`; the answer says
/// what happened in words for the operator.
pub async fn change_role(
    store: &Store,
    settings: &Settings,
    employee_id: &str,
    role: Role,
    grant: bool,
) -> anyhow::Result<String> {
    let id = EmployeeId::parse(employee_id, settings.policy.employee_id_digits)
        .ok_or_else(|| anyhow::anyhow!("{employee_id:?} is not an Employee ID"))?;
    let id = id.as_str();
    if store.find_employee(id).await?.is_none() {
        bail!("no employee {id}");
    }
    let now = unix_now();
    Ok(match grant {
        true if store.grant_role(id, role, now).await? => {
            format!("{id} is now {role}; their sessions have ended")
        }
        true => format!("{id} already is {role}: nothing changed"),
        false if store.revoke_role(id, role, now).await? => {
            format!("{id} is no longer {role}; their sessions have ended")
        }
        false => format!("{id} is not {role}: nothing changed"),
    })
}

/// A fresh registration code for `employee_id`, printable, and its keyed hash.
pub(crate) fn new_registration_code(settings: &Settings, employee_id: &str) -> (String, Vec<u8>) {
    let code = registration_code::generate();
    let normalized = registration_code::normalize(code.expose()).expect("a generated code");
    let hash = registration_code::hash(&settings.secret_key, employee_id, &normalized);
    (code.expose().to_owned(), hash)
}

/// Codes hashed with a made-up key could never be checked by the server.
fn require_real_key(settings: &Settings) -> anyhow::Result<()> {
    if settings.secret_key_source == KeySource::Throwaway {
        bail!(
            "registration codes are keyed with the server's secret: set UPSERS_SECRET_KEY \
             as the server has it (or pass --demo for a demo store)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_row_is_trimmed_and_kept() {
        let row = EmployeeRow::check(
            " 1234567",
            " Jordan ",
            "Rivera",
            Some("+14045550123"),
            None,
            7,
        )
        .unwrap();
        assert_eq!(row.first_name, "Jordan");
        assert_eq!(row.mobile.as_deref(), Some("+14045550123"));
    }

    #[test]
    fn bad_rows_say_what_is_wrong() {
        let problem = |result: Result<EmployeeRow, String>| result.unwrap_err();
        assert!(problem(EmployeeRow::check("12", "A", "B", None, None, 7)).contains("7 digits"));
        assert!(
            problem(EmployeeRow::check("1234567", "", "B", None, None, 7)).contains("first_name")
        );
        assert!(
            problem(EmployeeRow::check(
                "1234567",
                "A",
                "B",
                Some("404-555"),
                None,
                7
            ))
            .contains("E.164")
        );
        assert!(
            problem(EmployeeRow::check(
                "1234567",
                "A",
                "B",
                None,
                Some("nope"),
                7
            ))
            .contains("email")
        );
    }
}
