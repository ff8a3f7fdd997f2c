//! The command line: `upsers-api serve …` and the admin verbs operators use on
//! the same store (`migrate`, `seed-demo`, `employee add|import`,
//! `registration-code`, `role grant|revoke|list`, `unlock`, `disable`). Every verb reads the same settings: file, environment, flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;
use crate::domain::roles::Role;

#[derive(Parser)]
#[command(name = "upsers-api", version, about = "The UPSers companion auth API")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API, the health probes and the SPA from `--dist`.
    Serve(SettingsArgs),
    /// Print the OpenAPI document (as committed in api/openapi.json).
    Openapi,
    /// Bring the store's schema up to date (serve does this too).
    Migrate(SettingsArgs),
    /// Add the demo employees of PRODUCT.md to an empty store.
    SeedDemo(SettingsArgs),
    /// Add employees.
    Employee {
        #[command(subcommand)]
        command: EmployeeCommand,
    },
    /// Issue a new registration code to a pending employee (printed once; an
    /// earlier code stops working).
    RegistrationCode {
        employee_id: String,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Clear the sign-in lock and failure count of an Employee ID.
    Unlock {
        employee_id: String,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Grant, revoke and list the Technical Support Center's roles.
    Role {
        #[command(subcommand)]
        command: RoleCommand,
    },
    /// Disable an employee: no more sign-ins, and every session ends now.
    Disable {
        employee_id: String,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

#[derive(Subcommand)]
pub enum EmployeeCommand {
    /// Add one employee (pending until they register).
    Add {
        #[command(flatten)]
        employee: NewEmployeeArgs,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Add every employee of a CSV file (header: employee_id,first_name,
    /// last_name,mobile,email); all rows or none. Prints each new hire's
    /// registration code (employee_id,registration_code), once.
    Import {
        file: PathBuf,
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

#[derive(Subcommand)]
pub enum RoleCommand {
    /// Give an employee a role (support_agent opens the desk, support_lead
    /// also disables and re-enables). Their sessions end: they sign in again
    /// as an agent, always with a one-time PIN.
    Grant {
        employee_id: String,
        role: Role,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Take a role away; the employee's sessions end now.
    Revoke {
        employee_id: String,
        role: Role,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Print every role granted (employee_id,first_name,last_name,role,granted_at).
    List {
        #[command(flatten)]
        settings: SettingsArgs,
    },
}

#[derive(Args)]
pub struct NewEmployeeArgs {
    #[arg(long)]
    pub employee_id: String,
    #[arg(long)]
    pub first_name: String,
    #[arg(long)]
    pub last_name: String,
    /// Mobile number, E.164 (`+14045550123`).
    #[arg(long)]
    pub mobile: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
}

#[derive(Args)]
pub struct SettingsArgs {
    /// TOML file with any of the settings below (lowest precedence).
    #[arg(long, env = "UPSERS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub overrides: Overrides,
}
