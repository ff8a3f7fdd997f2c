//! The desk's rules, free of I/O: how long a caller's verification holds,
//! how many wrong read-backs lock it, and who may act on whom.

use super::roles::{Role, is_agent};

/// A caller read back the right code: the agent may act on that employee's
/// account for this long.
pub const VERIFIED_SECS: u64 = 15 * 60;
/// Wrong read-backs of an employee's verification codes, across agents,
/// before the desk stops verifying that employee.
pub const READ_BACK_MAX_FAILURES: u32 = 3;
/// How long three wrong read-backs lock the employee's verification.
pub const READ_BACK_LOCK_SECS: u64 = 15 * 60;

/// Why an agent may not act on an employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Barred {
    /// Their own account: an agent is a caller like any other.
    Themselves,
    /// Another agent's account, without the `support_lead` role: one agent
    /// could otherwise take over another's desk.
    AnotherAgent,
}

impl Barred {
    pub fn message(self) -> &'static str {
        match self {
            Barred::Themselves => {
                "Agents cannot act on their own account. Ask another agent to help you."
            }
            Barred::AnotherAgent => "Only a support lead can act on a support agent's account.",
        }
    }
}

/// Whether the agent `agent_id` (with `agent_roles`) may verify and act on
/// `employee_id` (with `employee_roles`).
pub fn may_act_on(
    agent_id: &str,
    agent_roles: &[Role],
    employee_id: &str,
    employee_roles: &[Role],
) -> Result<(), Barred> {
    if agent_id == employee_id {
        return Err(Barred::Themselves);
    }
    if is_agent(employee_roles) && !agent_roles.contains(&Role::SupportLead) {
        return Err(Barred::AnotherAgent);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENT: &[Role] = &[Role::SupportAgent];
    const LEAD: &[Role] = &[Role::SupportAgent, Role::SupportLead];

    #[test]
    fn nobody_acts_on_themselves_not_even_a_lead() {
        assert_eq!(may_act_on("1", AGENT, "1", AGENT), Err(Barred::Themselves));
        assert_eq!(may_act_on("1", LEAD, "1", LEAD), Err(Barred::Themselves));
    }

    #[test]
    fn only_a_lead_acts_on_another_agent() {
        assert_eq!(
            may_act_on("1", AGENT, "2", AGENT),
            Err(Barred::AnotherAgent)
        );
        assert_eq!(
            may_act_on("1", AGENT, "2", &[Role::SupportLead]),
            Err(Barred::AnotherAgent)
        );
        assert_eq!(may_act_on("1", LEAD, "2", AGENT), Ok(()));
        assert_eq!(may_act_on("1", AGENT, "2", &[]), Ok(()));
    }
}
