//! The command line: `upsers-api serve …` and, as features land, the admin verbs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;

#[derive(Parser)]
#[command(name = "upsers-api", version, about = "The UPSers companion auth API")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API, the health probes and the SPA from `--dist`.
    Serve(ServeArgs),
}

#[derive(Args)]
pub struct ServeArgs {
    /// TOML file with any of the settings below (lowest precedence).
    #[arg(long, env = "UPSERS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub overrides: Overrides,
}
