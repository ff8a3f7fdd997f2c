use std::process::ExitCode;

use clap::Parser;
use upsers_api::cli::{Cli, Command, EmployeeCommand, RoleCommand, SettingsArgs};
use upsers_api::config::Settings;
use upsers_api::{admin, shutdown, startup::Application, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let settings = Settings::load(args.config.as_deref(), args.overrides)?;
            telemetry::init(settings.log_format);
            let app = Application::build(settings).await?;
            app.run_until_stopped(shutdown::signal()).await
        }
        Command::Openapi => {
            print!("{}", upsers_api::openapi::document());
            Ok(())
        }
        Command::Migrate(args) => {
            admin::open_store(&admin_settings(args)?).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::SeedDemo(args) => {
            let settings = admin_settings(args)?;
            let store = admin::open_store(&settings).await?;
            if admin::seed_demo(&store, &settings).await? {
                println!("demo employees added");
            } else {
                println!("the store already has employees: nothing added");
            }
            Ok(())
        }
        Command::Employee {
            command: EmployeeCommand::Add { employee, settings },
        } => {
            let settings = admin_settings(settings)?;
            let row = admin::EmployeeRow::check(
                &employee.employee_id,
                &employee.first_name,
                &employee.last_name,
                employee.mobile.as_deref(),
                employee.email.as_deref(),
                settings.policy.employee_id_digits,
            )
            .map_err(anyhow::Error::msg)?;
            let store = admin::open_store(&settings).await?;
            let codes = admin::import(&store, &settings, std::slice::from_ref(&row)).await?;
            println!("employee {} added (pending registration)", row.employee_id);
            for (_, code) in codes {
                println!("registration code (shown once): {code}");
            }
            Ok(())
        }
        Command::Employee {
            command: EmployeeCommand::Import { file, settings },
        } => {
            let settings = admin_settings(settings)?;
            let rows = admin::read_csv(&file, settings.policy.employee_id_digits)?;
            let store = admin::open_store(&settings).await?;
            let codes = admin::import(&store, &settings, &rows).await?;
            eprintln!(
                "{} employees imported; their registration codes follow (shown once)",
                rows.len()
            );
            println!("employee_id,registration_code");
            for (employee_id, code) in codes {
                println!("{employee_id},{code}");
            }
            Ok(())
        }
        Command::RegistrationCode {
            employee_id,
            settings,
        } => {
            let settings = admin_settings(settings)?;
            let store = admin::open_store(&settings).await?;
            let code = admin::issue_registration_code(&store, &settings, &employee_id).await?;
            eprintln!("registration code for {} (shown once):", employee_id.trim());
            println!("{code}");
            Ok(())
        }
        Command::Unlock {
            employee_id,
            settings,
        } => {
            let store = admin::open_store(&admin_settings(settings)?).await?;
            use upsers_api::auth::{Limit, attempts};
            attempts::clear(&store, Limit::EmployeeId(employee_id.trim())).await?;
            println!("{} unlocked", employee_id.trim());
            Ok(())
        }
        Command::Role { command } => role(command).await,
        Command::Disable {
            employee_id,
            settings,
        } => {
            let store = admin::open_store(&admin_settings(settings)?).await?;
            if !store.disable_employee(employee_id.trim()).await? {
                anyhow::bail!("no employee {}", employee_id.trim());
            }
            println!("{} disabled; their sessions have ended", employee_id.trim());
            Ok(())
        }
    }
}

/// `role grant|revoke|list`.
async fn role(command: RoleCommand) -> anyhow::Result<()> {
    let (employee_id, role, settings, grant) = match command {
        RoleCommand::List { settings } => {
            let store = admin::open_store(&admin_settings(settings)?).await?;
            println!("employee_id,first_name,last_name,role,granted_at");
            for grant in store.list_roles().await? {
                println!(
                    "{},{},{},{},{}",
                    grant.employee_id,
                    grant.first_name,
                    grant.last_name,
                    grant.role,
                    grant.granted_at
                );
            }
            return Ok(());
        }
        RoleCommand::Grant {
            employee_id,
            role,
            settings,
        } => (employee_id, role, settings, true),
        RoleCommand::Revoke {
            employee_id,
            role,
            settings,
        } => (employee_id, role, settings, false),
    };
    let settings = admin_settings(settings)?;
    let store = admin::open_store(&settings).await?;
    println!(
        "{}",
        admin::change_role(&store, &settings, &employee_id, role, grant).await?
    );
    Ok(())
}

fn admin_settings(args: SettingsArgs) -> anyhow::Result<Settings> {
    Settings::load_for_admin(args.config.as_deref(), args.overrides)
}
