//! The real binary, as operators start it: flags over environment over file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use upsers_contract as wire;

/// Starts `upsers-api serve` and returns the child and the URL it listens on,
/// read from its log line.
fn start(args: &[&str], envs: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_upsers-api"));
    // Only the settings this test gives: none inherited from the caller's shell.
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("UPSERS_")) {
        command.env_remove(name);
    }
    let mut child = command
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
