use clap::Parser;
use upsers_api::cli::{Cli, Command};
use upsers_api::{config::Settings, shutdown, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let settings = Settings::load(args.config.as_deref(), args.overrides)?;
            telemetry::init(settings.log_format);
            let app = Application::build(settings).await?;
            app.run_until_stopped(shutdown::signal()).await
        }
    }
}
