//! `make bench`, the load part: in one run on one machine,
//!
//! 1. raw argon2id verifications per second (PRODUCT.md's parameters, one
//!    thread per core): the ceiling;
//! 2. sign-ins per second (`POST /api/v1/login` with the right PIN, the step
//!    that hashes) against the release API with a fresh SQLite store;
//! 3. p50/p99 of `GET /api/v1/session` while (2) saturates the hashing pool;
//! 4. enumeration timing: for each endpoint that takes an Employee ID before
//!    any secret is proven, known and unknown IDs over interleaved rounds, as
//!    medians and as the probability that a known-ID request is slower
//!    (0.5 is indistinguishable; the goal is 0.45 to 0.55).
//!
//! Figures are printed, never asserted: speed is measured here, not tested.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use upsers_api::clock::SystemClock;
use upsers_api::config::{Overrides, Settings};
use upsers_api::password::argon2;
use upsers_api::startup::Application;
use upsers_contract as wire;

const RUN: Duration = Duration::from_secs(10);
const CLIENTS: usize = 16;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "machine: {cores} cores; each phase runs {} s",
        RUN.as_secs()
    );

    let raw = raw_argon2_per_second(cores);
    println!("raw argon2id verifications:   {raw:8.1} /s  ({cores} threads)");

    let dir = tempfile::tempdir()?;
    let (base, database_url) = start_api(
        &dir,
        Overrides {
            // The load comes from one address: lift the per-address cap for the run.
            address_max_failures: Some(u32::MAX),
            ..Default::default()
        },
    )
    .await?;
    add_bench_employees(&database_url).await?;
    let client = reqwest::Client::new();
    let session = sign_in(&client, &base).await?;

    let stop = Arc::new(AtomicBool::new(false));
    let sign_ins = Arc::new(AtomicU64::new(0));
    let mut load = Vec::new();
    for index in 0..CLIENTS {
        let (client, base, stop, sign_ins) =
            (client.clone(), base.clone(), stop.clone(), sign_ins.clone());
        load.push(tokio::spawn(async move {
            // One employee per client: concurrent attempts on one ID are
            // capped by the lockout's reservations, by design.
            let employee_id = bench_employee(index);
            while !stop.load(Ordering::Relaxed) {
                let ok = client
                    .post(format!("{base}/api/v1/login"))
                    .json(&serde_json::json!({ "employee_id": employee_id, "pin": BENCH_PIN }))
                    .send()
                    .await
                    .is_ok_and(|response| response.status() == 200);
                if ok {
                    sign_ins.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let mut latencies = Vec::new();
    let started = Instant::now();
    while started.elapsed() < RUN {
        let begin = Instant::now();
        let response = client
            .get(format!("{base}/api/v1/session"))
            .header("cookie", &session)
            .send()
            .await?;
        anyhow::ensure!(
            response.status() == 200,
            "GET /session answered {}",
            response.status()
        );
        latencies.push(begin.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    for task in load {
        task.await?;
    }
    let per_second = sign_ins.load(Ordering::Relaxed) as f64 / elapsed;
    latencies.sort();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "sign-ins (POST /login, right PIN): {per_second:8.1} /s  ({CLIENTS} clients) = {:.2} of raw (budget ≥ 0.85)",
        per_second / raw
    );
    println!(
        "GET /session under that load:  p50 {:.2} ms, p99 {:.2} ms over {} requests (budget p99 < 10 ms)",
        percentile(0.50).as_secs_f64() * 1000.0,
        percentile(0.99).as_secs_f64() * 1000.0,
        latencies.len()
    );
    println!();
    enumeration_timing().await?;
    Ok(())
}

/// Rounds of the enumeration timing: each times one known and one unknown
/// ID, in a random order, each ID used once (as an attacker's survey would).
const ROUNDS: usize = 300;

/// Phase 4 on its own instance, with every limit lifted so that each request
/// takes the path a first attempt takes (the limits are the same for known
/// and unknown IDs, and tested elsewhere).
async fn enumeration_timing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (base, database_url) = start_api(
        &dir,
        Overrides {
            address_max_failures: Some(u32::MAX),
            messages_per_hour: Some(u32::MAX),
            otp_resend_secs: Some(0),
            ..Default::default()
        },
    )
    .await?;
    add_timing_employees(&database_url).await?;
    let client = reqwest::Client::new();
    println!("enumeration timing: {ROUNDS} interleaved rounds, a fresh known and unknown ID each");
    for endpoint in Endpoint::ALL {
        let mut known = Vec::with_capacity(ROUNDS);
        let mut unknown = Vec::with_capacity(ROUNDS);
        for round in 0..ROUNDS {
            let known_id = endpoint.known_id(round);
            let unknown_id = format!("{}", 6_000_000 + round);
            let known_first = rand_bit(round);
            for first in [known_first, !known_first] {
                let id = if first { &known_id } else { &unknown_id };
                let took = endpoint.time(&client, &base, id).await?;
                if first {
                    known.push(took)
                } else {
                    unknown.push(took)
                }
            }
        }
        let slower = known.iter().zip(&unknown).filter(|(k, u)| k > u).count();
        println!(
            "  {:<28} median known {:.3} ms, unknown {:.3} ms; P(known slower) {:.2}",
            endpoint.name(),
            median(&mut known.clone()) * 1000.0,
            median(&mut unknown.clone()) * 1000.0,
            slower as f64 / ROUNDS as f64
        );
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Endpoint {
    Login,
    RecoveryStart,
    RecoverySend,
    RegistrationStart,
}

impl Endpoint {
    const ALL: [Endpoint; 4] = [
        Endpoint::Login,
        Endpoint::RecoveryStart,
        Endpoint::RecoverySend,
        Endpoint::RegistrationStart,
    ];

    fn name(self) -> &'static str {
        match self {
            Endpoint::Login => "POST /login (wrong PIN)",
            Endpoint::RecoveryStart => "POST /recovery",
            Endpoint::RecoverySend => "POST /recovery/{flow}/send",
            Endpoint::RegistrationStart => "POST /registration (wrong)",
        }
    }

    /// Active employees with both channels for sign-in and recovery; pending
    /// hires for registration.
    fn known_id(self, round: usize) -> String {
        match self {
            Endpoint::RegistrationStart => format!("{}", 7_100_000 + round),
            _ => format!("{}", 7_000_000 + round),
        }
    }

    /// Seconds the request (only the timed one) took.
    async fn time(self, client: &reqwest::Client, base: &str, id: &str) -> anyhow::Result<f64> {
        let post = |path: &str, body: serde_json::Value| {
            client.post(format!("{base}/api/v1{path}")).json(&body)
        };
        let timed = |request: reqwest::RequestBuilder| async move {
            let begin = Instant::now();
            let response = request.send().await?;
            let took = begin.elapsed().as_secs_f64();
            response.bytes().await?;
            anyhow::Ok(took)
        };
        match self {
            Endpoint::Login => {
                timed(post(
                    "/login",
                    serde_json::json!({ "employee_id": id, "pin": "Wrong-Guess-123" }),
                ))
                .await
            }
            Endpoint::RecoveryStart => {
                timed(post("/recovery", serde_json::json!({ "employee_id": id }))).await
            }
            Endpoint::RegistrationStart => {
                timed(post(
                    "/registration",
                    serde_json::json!({ "employee_id": id, "registration_code": "AAAA-BBBB-CCCC" }),
                ))
                .await
            }
            Endpoint::RecoverySend => {
                let started = post("/recovery", serde_json::json!({ "employee_id": id }))
                    .send()
                    .await?;
                let flow_cookie = cookie(&started, "__Host-recovery")?;
                let flow: wire::RecoveryStarted = started.json().await?;
                timed(
                    post(
                        &format!("/recovery/{}/send", flow.flow_id),
                        serde_json::json!({ "channel": "sms" }),
                    )
                    .header("cookie", flow_cookie),
                )
                .await
            }
        }
    }
}

/// A pseudo-random order for round `round` (a fixed mix, so runs compare).
fn rand_bit(round: usize) -> bool {
    (round.wrapping_mul(2_654_435_761) >> 7) & 1 == 1
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The known IDs of phase 4: active employees with a mobile number and an
/// email address, and pending hires.
async fn add_timing_employees(database_url: &str) -> anyhow::Result<()> {
    let store = upsers_api::store::Store::connect(database_url).await?;
    let hash = bench_pin_hash();
    let active: Vec<String> = (0..ROUNDS).map(|n| format!("{}", 7_000_000 + n)).collect();
    let pending: Vec<String> = (0..ROUNDS).map(|n| format!("{}", 7_100_000 + n)).collect();
    let mut employees = Vec::new();
    for id in &active {
        employees.push(upsers_api::store::NewEmployee {
            employee_id: id,
            first_name: "Known",
            last_name: "Active",
            pin_hash: Some(hash.clone()),
            mobile: Some("+14045550100"),
            email: Some("known@upsers.example"),
            status: upsers_api::store::EmployeeStatus::Active,
        });
    }
    for id in &pending {
        employees.push(upsers_api::store::NewEmployee {
            employee_id: id,
            first_name: "Known",
            last_name: "Pending",
            pin_hash: None,
            mobile: None,
            email: None,
            status: upsers_api::store::EmployeeStatus::Pending,
        });
    }
    store.insert_employees(&employees, 0).await?;
    store.close().await;
    Ok(())
}

/// The release API in demo mode on a fresh SQLite store in `dir`, with
/// `overrides`, serving until the bench ends; its base URL and store URL.
async fn start_api(
    dir: &tempfile::TempDir,
    overrides: Overrides,
) -> anyhow::Result<(String, String)> {
    let settings = Settings::resolve(Overrides {
        bind: Some("127.0.0.1:0".parse()?),
        database_url: Some(format!(
            "sqlite://{}",
            dir.path().join("bench.db").display()
        )),
        dist: Some(dir.path().join("no-dist")),
        demo: Some(true),
        ..overrides
    })?;
    let database_url = settings.database_url.clone();
    let app = Application::build_with_clock(settings, Arc::new(SystemClock)).await?;
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    Ok((base, database_url))
}

const BENCH_PIN: &str = "Bench-Mark-2026!";

/// [`BENCH_PIN`] hashed as the API stores PINs.
fn bench_pin_hash() -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(BENCH_PIN.as_bytes(), &salt)
        .expect("hash")
        .to_string()
}

fn bench_employee(index: usize) -> String {
    format!("{}", 5_000_000 + index)
}

/// One active employee per load client, all with [`BENCH_PIN`].
async fn add_bench_employees(database_url: &str) -> anyhow::Result<()> {
    let store = upsers_api::store::Store::connect(database_url).await?;
    let hash = bench_pin_hash();
    let ids: Vec<String> = (0..CLIENTS).map(bench_employee).collect();
    let employees: Vec<_> = ids
        .iter()
        .map(|id| upsers_api::store::NewEmployee {
            employee_id: id,
            first_name: "Bench",
            last_name: "Client",
            pin_hash: Some(hash.clone()),
            mobile: None,
            email: Some("bench@upsers.example"),
            status: upsers_api::store::EmployeeStatus::Active,
        })
        .collect();
    store.insert_employees(&employees, 0).await?;
    store.close().await;
    Ok(())
}

/// Verifications per second with every core hashing, as the ceiling.
fn raw_argon2_per_second(threads: usize) -> f64 {
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()
        .hash_password(b"Brown-Truck-1907", &salt)
        .expect("hash")
        .to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (hash, stop, count) = (hash.clone(), stop.clone(), count.clone());
            std::thread::spawn(move || {
                let parsed = PasswordHash::new(&hash).expect("parse");
                while !stop.load(Ordering::Relaxed) {
                    argon2()
                        .verify_password(b"Brown-Truck-1907", &parsed)
                        .expect("verifies");
                    count.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    std::thread::sleep(RUN);
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().expect("worker");
    }
    count.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// A full sign-in of the demo employee by text; returns the session cookie.
async fn sign_in(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let response = client
        .post(format!("{base}/api/v1/login"))
        .json(&serde_json::json!({ "employee_id": "1234567", "pin": "Brown-Truck-1907" }))
        .send()
        .await?;
    let flow_cookie = cookie(&response, "__Host-flow")?;
    let flow: wire::LoginStarted = response.json().await?;
    client
        .post(format!("{base}/api/v1/login/{}/send", flow.flow_id))
        .header("cookie", &flow_cookie)
        .json(&serde_json::json!({ "channel": "sms" }))
        .send()
        .await?
        .error_for_status()?;
    let outbox: Vec<wire::DevOutboxMessage> = client
        .get(format!("{base}/api/v1/dev/outbox"))
        .send()
        .await?
        .json()
        .await?;
    let code = outbox
        .into_iter()
        .find_map(|message| message.code)
        .ok_or_else(|| anyhow::anyhow!("no code"))?;
    let response = client
        .post(format!("{base}/api/v1/login/{}/verify", flow.flow_id))
        .header("cookie", &flow_cookie)
        .json(&serde_json::json!({ "code": code }))
        .send()
        .await?
        .error_for_status()?;
    cookie(&response, "__Host-session")
}

fn cookie(response: &reqwest::Response, name: &str) -> anyhow::Result<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{name}=")))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no {name} cookie"))
}
