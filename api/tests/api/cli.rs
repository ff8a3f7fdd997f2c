//! The real binary, as operators start it: flags over environment over file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use upsers_contract as wire;

use crate::helpers::api_binary;

/// Starts `upsers-api serve` and returns the child and the URL it listens on,
/// read from its log line.
pub(crate) fn start(args: &[&str], envs: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut child = api_binary()
        .arg("serve")
        .args(args)
        .envs(envs.iter().copied())
        .env("UPSERS_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("starting upsers-api");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = stdout.lines();
    while let Some(line) = lines.next() {
        let line = line.unwrap();
        if let Some(at) = line.find("listening on http://") {
            let url = line[at + "listening on ".len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('"')
                .to_owned();
            // Keep draining the server's output so it never writes into a closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return (child, url);
        }
    }
    let status = child.wait();
    panic!("upsers-api exited before listening: {status:?}");
}

fn terminate(child: &mut std::process::Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait().unwrap()
}

#[tokio::test]
async fn flags_win_over_environment_and_environment_over_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("upsers.toml");
    std::fs::write(
        &config,
        "lockout_secs = 60\notp_ttl_secs = 120\nsession_idle_secs = 300\n",
    )
    .unwrap();
    let database = format!("sqlite://{}", dir.path().join("cli.db").display());
    let (mut child, url) = start(
        &[
            "--config",
            config.to_str().unwrap(),
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &database,
            "--dist",
            dir.path().to_str().unwrap(),
            "--lockout-secs",
            "5",
            "--demo",
        ],
        &[
            ("UPSERS_LOCKOUT_SECS", "77"),
            ("UPSERS_OTP_TTL_SECS", "240"),
        ],
    );
    let policy: wire::Policy = reqwest::get(format!("{url}/api/v1/policy"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let status = terminate(&mut child);

    assert_eq!(
        policy.lockout.lockout_secs, 5,
        "the flag wins over environment and file"
    );
    assert_eq!(
        policy.otp.ttl_secs, 240,
        "the environment wins over the file"
    );
    assert_eq!(
        policy.session.idle_secs, 300,
        "the file wins over the default"
    );
    assert!(status.success(), "SIGTERM is a clean exit, got {status}");
}

#[test]
fn a_bad_config_file_stops_the_server_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("upsers.toml");
    std::fs::write(&config, "pin_min_length = 4\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_upsers-api"))
        .args(["serve", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("pin_min_length"), "{stderr}");
}

/// Outside demo mode the server needs a real backend per channel: it names
/// the missing setting, refuses the dev outbox outright, and with SMTP and a
/// gateway configured it serves (without the dev outbox route).
#[tokio::test]
async fn production_serves_only_with_real_delivery_backends() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("store.db").display());
    let base: Vec<(&str, &str)> = vec![
        ("UPSERS_DATABASE_URL", &database),
        ("UPSERS_SECRET_KEY", TEST_KEY),
        ("UPSERS_BIND", "127.0.0.1:0"),
    ];
    let refusal = |extra: &[(&'static str, &'static str)]| {
        let output = api_binary()
            .arg("serve")
            .envs(base.iter().copied())
            .envs(extra.iter().copied())
            .output()
            .unwrap();
        assert!(!output.status.success(), "the server must refuse to start");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let stderr = refusal(&[]);
    assert!(stderr.contains("UPSERS_EMAIL_BACKEND"), "{stderr}");
    let stderr = refusal(&[
        ("UPSERS_EMAIL_BACKEND", "outbox"),
        ("UPSERS_SMS_BACKEND", "outbox"),
    ]);
    assert!(
        stderr.contains("dev outbox is for demo mode only"),
        "{stderr}"
    );

    let mut envs = base.clone();
    envs.extend([
        ("UPSERS_EMAIL_BACKEND", "smtp"),
        ("UPSERS_SMTP_HOST", "127.0.0.1"),
        ("UPSERS_SMTP_TLS", "none"),
        ("UPSERS_EMAIL_FROM", "no-reply@upsers.example"),
        ("UPSERS_SMS_BACKEND", "webhook"),
        ("UPSERS_SMS_WEBHOOK_URL", "http://127.0.0.1:9/send"),
        ("UPSERS_SMS_WEBHOOK_TOKEN", "token"),
    ]);
    let (mut child, url) = start(&[], &envs);
    let ready = reqwest::get(format!("{url}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    let outbox = reqwest::get(format!("{url}/api/v1/dev/outbox"))
        .await
        .unwrap();
    assert_eq!(outbox.status(), 404, "no dev outbox outside demo mode");
    let metrics = reqwest::get(format!("{url}/metrics")).await.unwrap();
    assert_eq!(metrics.status(), 200);
    assert!(terminate(&mut child).success());
}

/// The server secret the admin verbs of these tests share with their server.
const TEST_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Runs an admin verb against `database` with the test key; returns
/// (success, stdout, stderr).
fn admin(args: &[&str], database: &str) -> (bool, String, String) {
    admin_keyed(args, database, Some(TEST_KEY))
}

fn admin_keyed(args: &[&str], database: &str, key: Option<&str>) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_upsers-api"));
    command
        .args(args)
        .args(["--database-url", database])
        .env_remove("UPSERS_SECRET_KEY");
    if let Some(key) = key {
        command.env("UPSERS_SECRET_KEY", key);
    }
    let output = command.output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn importing_a_csv_with_a_bad_row_names_the_line_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("admin.db").display());
    let csv = dir.path().join("hires.csv");
    std::fs::write(
        &csv,
        "employee_id,first_name,last_name,mobile,email\n\
         3000001,Ana,Lopez,+14045550100,ana@upsers.example\n\
         30002,Ben,Ode,,ben@upsers.example\n\
         3000003,Cy,Park,404-555,\n",
    )
    .unwrap();
    let (ok, _, stderr) = admin(&["employee", "import", csv.to_str().unwrap()], &database);
    assert!(!ok);
    assert!(
        stderr.contains("line 3") && stderr.contains("7 digits"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4") && stderr.contains("E.164"),
        "{stderr}"
    );
    let store = upsers_api::store::Store::connect(&database).await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(
        store.count_employees().await.unwrap(),
        0,
        "nothing half-imported"
    );

    std::fs::write(
        &csv,
        "employee_id,first_name,last_name,mobile,email\n\
         3000001,Ana,Lopez,+14045550100,ana@upsers.example\n\
         3000002,Ben,Ode,,ben@upsers.example\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = admin(&["employee", "import", csv.to_str().unwrap()], &database);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("2 employees imported"), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "employee_id,registration_code");
    assert!(lines[1].starts_with("3000001,") && lines[2].starts_with("3000002,"));
    let ana = store.find_employee("3000001").await.unwrap().unwrap();
    assert_eq!(
        (ana.status.as_str(), ana.pin_hash.is_none()),
        ("pending", true)
    );

    let (ok, _, stderr) = admin(&["employee", "import", csv.to_str().unwrap()], &database);
    assert!(!ok && stderr.contains("already in the store"), "{stderr}");
    store.close().await;
}

/// `XXXX-XXXX-XXXX` of Crockford's base32.
fn is_printed_code(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 3
        && groups.iter().all(|group| {
            group.len() == 4
                && group
                    .bytes()
                    .all(|byte| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&byte))
        })
}

#[tokio::test]
async fn codes_are_printed_once_stored_hashed_and_accepted_by_the_server() {
    use crate::helpers::{Backend, spawn_app_with};
    let app = spawn_app_with(
        Backend::Sqlite,
        upsers_api::config::Overrides {
            secret_key: Some(TEST_KEY.into()),
            ..Default::default()
        },
    )
    .await;
    // The admin verb dates the codes by the wall clock.
    app.clock.set(upsers_api::clock::unix_now());
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("hires.csv");
    std::fs::write(
        &csv,
        "employee_id,first_name,last_name,mobile,email
3000001,Ana,Lopez,,
",
    )
    .unwrap();
    let (ok, stdout, stderr) = admin(
        &["employee", "import", csv.to_str().unwrap()],
        &app.database_url,
    );
    assert!(ok, "{stderr}");
    let imported = stdout
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(is_printed_code(&imported), "{imported}");

    let (ok, stdout, stderr) = admin(&["registration-code", "3000001"], &app.database_url);
    assert!(ok, "{stderr}");
    let reissued = stdout.trim().to_owned();
    assert!(
        is_printed_code(&reissued) && reissued != imported,
        "{reissued}"
    );
    assert_eq!(stdout.lines().count(), 1, "only the code goes to stdout");

    let database = std::fs::read(app.database_url.trim_start_matches("sqlite://")).unwrap();
    for code in [&imported, &reissued] {
        let bare = code.replace('-', "");
        for form in [code.as_str(), bare.as_str()] {
            assert!(
                !database
                    .windows(form.len())
                    .any(|window| window == form.as_bytes()),
                "the store holds no code in clear"
            );
        }
    }

    let attempt = |code: String| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/registration",
                serde_json::json!({ "employee_id": "3000001", "registration_code": code }),
                None,
            )
            .await
            .status()
        }
    };
    assert_eq!(
        attempt(imported).await,
        401,
        "a reissued code replaces the first"
    );
    assert_eq!(attempt(reissued.to_lowercase()).await, 200);

    let (ok, _, stderr) = admin(&["registration-code", "1234567"], &app.database_url);
    assert!(!ok && stderr.contains("only pending employees"), "{stderr}");
    let (ok, _, stderr) = admin_keyed(&["registration-code", "3000001"], &app.database_url, None);
    assert!(!ok && stderr.contains("UPSERS_SECRET_KEY"), "{stderr}");
}

#[tokio::test]
async fn unlock_clears_a_lock_and_disable_ends_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("admin.db").display());
    let (ok, stdout, stderr) = admin(&["seed-demo"], &database);
    assert!(
        ok && stdout.contains("demo employees added"),
        "{stdout}{stderr}"
    );
    let store = upsers_api::store::Store::connect(&database).await.unwrap();
    use upsers_api::store::Reset;
    let lock = Reset::Lock { secs: 900 };
    for grant in ["a", "b", "c"] {
        let taken = store
            .take_attempt("employee_id", "1234567", 3, lock, grant, 1_000)
            .await
            .unwrap();
        assert!(taken.granted);
    }
    let (_, locked_until) = store.read_attempts("employee_id", "1234567").await.unwrap();
    assert_eq!(locked_until, Some(1_900), "the third failure locked the ID");

    let (ok, _, stderr) = admin(&["unlock", "1234567"], &database);
    assert!(ok, "{stderr}");
    assert_eq!(
        store.read_attempts("employee_id", "1234567").await.unwrap(),
        (0, None)
    );

    let (ok, _, stderr) = admin(&["disable", "1234567"], &database);
    assert!(ok, "{stderr}");
    assert_eq!(
        store
            .find_employee("1234567")
            .await
            .unwrap()
            .unwrap()
            .status,
        upsers_api::store::EmployeeStatus::Disabled
    );
    let (ok, _, stderr) = admin(&["disable", "9999999"], &database);
    assert!(!ok && stderr.contains("no employee 9999999"), "{stderr}");
    store.close().await;
}

#[tokio::test]
async fn an_import_that_fails_half_way_leaves_no_hire_without_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("admin.db").display());
    let store = upsers_api::store::Store::connect(&database).await.unwrap();
    store.migrate().await.unwrap();
    // The store refuses the second hire's code, as a full disk or a lost
    // connection would half-way through.
    let pool = sqlx::SqlitePool::connect(&database).await.unwrap();
    sqlx::query(
        "CREATE TRIGGER refuse_second_code BEFORE INSERT ON registration_codes
         WHEN NEW.employee_id = '3000002' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let csv = dir.path().join("hires.csv");
    std::fs::write(
        &csv,
        "employee_id,first_name,last_name,mobile,email\n\
         3000001,Ana,Lopez,+14045550100,ana@upsers.example\n\
         3000002,Ben,Ode,,ben@upsers.example\n\
         3000003,Cy,Park,,cy@upsers.example\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = admin(&["employee", "import", csv.to_str().unwrap()], &database);
    assert!(!ok, "{stdout}{stderr}");
    assert!(!stdout.contains("3000001,"), "no code is printed: {stdout}");
    assert_eq!(
        store.count_employees().await.unwrap(),
        0,
        "no hire was written without a code"
    );
    assert!(
        store
            .find_registration_code("3000001")
            .await
            .unwrap()
            .is_none()
    );
    store.close().await;
}
