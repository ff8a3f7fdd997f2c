//! The Technical Support Center's roles. An employee's roles open the desk;
//! they are granted and revoked only by the admin CLI, never over HTTP.

use std::fmt;
use std::str::FromStr;

/// An agent's session idles out after this long (an employee's after
/// `UPSERS_SESSION_IDLE_SECS`, whichever is shorter): a desk left open on
/// an unattended PC acts on other people's accounts.
pub const AGENT_IDLE_SECS: u64 = 10 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Finds employees, verifies callers, then unlocks, resets, re-issues.
    SupportAgent,
    /// What an agent does, and disables and re-enables employees.
    SupportLead,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::SupportAgent, Role::SupportLead];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SupportAgent => "support_agent",
            Role::SupportLead => "support_lead",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(value: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == value.trim())
            .ok_or_else(|| format!("{value:?} is not a role: support_agent or support_lead"))
    }
}

/// Whether an employee with `roles` works the desk: a lead is an agent too.
pub fn is_agent(roles: &[Role]) -> bool {
    !roles.is_empty()
}

/// The idle timeout of a session opened by an employee with `roles`.
pub fn session_idle_secs(roles: &[Role], employee_idle_secs: u64) -> u64 {
    if is_agent(roles) {
        employee_idle_secs.min(AGENT_IDLE_SECS)
    } else {
        employee_idle_secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_as_written() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!(
            "admin"
                .parse::<Role>()
                .unwrap_err()
                .contains("support_agent")
        );
    }

    #[test]
    fn agents_idle_out_sooner_never_later() {
        assert_eq!(session_idle_secs(&[], 900), 900);
        assert_eq!(session_idle_secs(&[Role::SupportAgent], 900), 600);
        assert_eq!(session_idle_secs(&[Role::SupportLead], 900), 600);
        assert_eq!(session_idle_secs(&[Role::SupportAgent], 300), 300);
    }
}
