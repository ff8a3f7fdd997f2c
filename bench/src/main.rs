//! `make bench`, the load part: in one run on one machine,
//!
//! 1. raw argon2id verifications per second (PRODUCT.md's parameters, one
//!    thread per core, each reusing its argon2 memory: the API's own
//!    verification function, `password::verify_with`, with nothing around
//!    it): the ceiling;
//! 2. sign-ins per second (`POST /api/v1/login` with the right PIN, the step
//!    that hashes) against the release API binary, as its own process, on a
//!    fresh SQLite store;
//! 3. p50/p99 of `GET /api/v1/session` while (2) saturates the hashing pool;
//!
//! (1) and (2) alternate, three rounds each, and the medians are compared,
//! both as rates and as CPU seconds per operation: the API process's own CPU
//! time per sign-in (from /proc) against the bench's per raw verification, so
//! what the API spends beside the hash shows apart from the load generator,
//! which shares the machine's cores;
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
use argon2::password_hash::{PasswordHasher, SaltString};
use upsers_api::clock::SystemClock;
use upsers_api::config::{Overrides, Settings};
use upsers_api::password::{Memory, argon2, verify_with};
use upsers_api::startup::Application;
use upsers_contract as wire;

const RUN: Duration = Duration::from_secs(10);
const CLIENTS: usize = 16;
/// Rounds of each of (1) and (2), alternating.
const LOAD_ROUNDS: usize = 3;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "machine: {cores} cores; {LOAD_ROUNDS} rounds each of raw argon2id and sign-ins, alternating, {} s each",
        RUN.as_secs()
    );
    let dir = tempfile::tempdir()?;
    let api = ApiProcess::start(&dir).await?;
    add_bench_employees(&api.database_url).await?;
    let client = reqwest::Client::new();
    let session = sign_in(&client, &api.base).await?;

    let mut raw_rounds = Vec::new();
    let mut load_rounds = Vec::new();
    for round in 1..=LOAD_ROUNDS {
        let raw = raw_argon2(cores);
        let load = sign_in_load(&client, &api, &session).await?;
        println!(
            "round {round}: raw {:6.1} /s ({:5.2} ms CPU each); sign-ins {:6.1} /s ({:5.2} ms API CPU each); \
             /session p99 {:5.2} ms",
            raw.per_second, raw.cpu_ms_each, load.per_second, load.cpu_ms_each, load.p99_ms
        );
        raw_rounds.push(raw);
        load_rounds.push(load);
    }
    let raw_rate = median(&mut raw_rounds.iter().map(|r| r.per_second).collect::<Vec<_>>());
    let raw_cpu = median(&mut raw_rounds.iter().map(|r| r.cpu_ms_each).collect::<Vec<_>>());
    let rate = median(&mut load_rounds.iter().map(|r| r.per_second).collect::<Vec<_>>());
    let cpu = median(
        &mut load_rounds
            .iter()
            .map(|r| r.cpu_ms_each)
            .collect::<Vec<_>>(),
    );
    let p50 = median(&mut load_rounds.iter().map(|r| r.p50_ms).collect::<Vec<_>>());
    let p99 = median(&mut load_rounds.iter().map(|r| r.p99_ms).collect::<Vec<_>>());
    println!("medians:");
    println!(
        "  raw argon2id verifications: {raw_rate:8.1} /s  ({cores} threads), {raw_cpu:.2} ms CPU each"
    );
    println!(
        "  sign-ins (POST /login, right PIN): {rate:8.1} /s  ({CLIENTS} clients) = {:.2} of raw (budget ≥ 0.85)",
        rate / raw_rate
    );
    println!(
        "  CPU per sign-in in the API process: {cpu:.2} ms = {:.2}x a raw verification",
        cpu / raw_cpu
    );
    println!(
        "  GET /session under that load: p50 {p50:.2} ms, p99 {p99:.2} ms (budget p99 < 10 ms)"
    );
    api.stop();
    println!();
    enumeration_timing().await?;
    Ok(())
}

/// One round of raw verifications.
struct RawRound {
    per_second: f64,
    cpu_ms_each: f64,
}

/// One round of sign-in load.
struct LoadRound {
    per_second: f64,
    /// The API process's CPU time per sign-in.
    cpu_ms_each: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// The release API binary (`UPSERS_BENCH_API_BIN`, built by bench/run) in
/// demo mode on a fresh SQLite store, as its own process.
struct ApiProcess {
    child: std::process::Child,
    base: String,
    database_url: String,
}

impl ApiProcess {
    async fn start(dir: &tempfile::TempDir) -> anyhow::Result<ApiProcess> {
        let binary = std::env::var("UPSERS_BENCH_API_BIN")
            .map_err(|_| anyhow::anyhow!("UPSERS_BENCH_API_BIN is not set: run `make bench`"))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let database_url = format!("sqlite://{}", dir.path().join("load.db").display());
        let child = std::process::Command::new(&binary)
            .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", &database_url])
            .args(["--dist", &dir.path().join("no-dist").display().to_string()])
            // The load comes from one address: lift the per-address cap for the run.
            .args(["--address-max-failures", &u32::MAX.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|error| anyhow::anyhow!("starting {binary}: {error}"))?;
        let api = ApiProcess {
            child,
            base: format!("http://127.0.0.1:{port}"),
            database_url,
        };
        for _ in 0..100 {
            if reqwest::get(format!("{}/readyz", api.base))
                .await
                .is_ok_and(|response| response.status() == 200)
            {
                return Ok(api);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("the API at {} did not become ready", api.base)
    }

    /// User plus system CPU seconds the process has used so far.
    fn cpu_seconds(&self) -> anyhow::Result<f64> {
        cpu_seconds_of(&format!("/proc/{}/stat", self.child.id()))
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// utime + stime of a `/proc/…/stat` file, in seconds (Linux).
fn cpu_seconds_of(stat: &str) -> anyhow::Result<f64> {
    let text = std::fs::read_to_string(stat)?;
    // The command name may hold spaces; the fields after its ")" are fixed.
    let fields: Vec<&str> = text
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |index: usize| -> anyhow::Result<f64> {
        Ok(fields
            .get(index)
            .ok_or_else(|| anyhow::anyhow!("short {stat}"))?
            .parse::<f64>()?)
    };
    // Fields 14 and 15 of the file (utime, stime) are 12 and 13 after ")".
    Ok((ticks(11)? + ticks(12)?) / clock_ticks_per_second())
}

/// The kernel's clock ticks per second, asked of `getconf` once.
fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|output| String::from_utf8(output.stdout).ok())
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// (2) and (3): sign-ins by [`CLIENTS`] clients for [`RUN`], with `GET
/// /session` timed every 20 ms meanwhile.
async fn sign_in_load(
    client: &reqwest::Client,
    api: &ApiProcess,
    session: &str,
) -> anyhow::Result<LoadRound> {
    let base = &api.base;
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
    let cpu_before = api.cpu_seconds()?;
    let mut latencies = Vec::new();
    let started = Instant::now();
    while started.elapsed() < RUN {
        let begin = Instant::now();
        let response = client
            .get(format!("{base}/api/v1/session"))
            .header("cookie", session)
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
    let counted = sign_ins.load(Ordering::Relaxed);
    let cpu = api.cpu_seconds()? - cpu_before;
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await?;
    }
    latencies.sort();
    let percentile = |p: f64| {
        latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64()
            * 1000.0
    };
    Ok(LoadRound {
        per_second: counted as f64 / elapsed,
        cpu_ms_each: cpu * 1000.0 / counted.max(1) as f64,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
    })
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

/// (1): verifications with every core hashing, as the ceiling; the CPU time
/// is this process's own over the round (only the hashing threads are busy).
fn raw_argon2(threads: usize) -> RawRound {
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()
        .hash_password(b"Brown-Truck-1907", &salt)
        .expect("hash")
        .to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let cpu_before = cpu_seconds_of("/proc/self/stat").unwrap_or(f64::NAN);
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (hash, stop, count) = (hash.clone(), stop.clone(), count.clone());
            std::thread::spawn(move || {
                let mut memory = Memory::default();
                while !stop.load(Ordering::Relaxed) {
                    let verified = verify_with(&mut memory, &hash, b"Brown-Truck-1907");
                    assert!(verified.expect("verifies"), "the right PIN verifies");
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
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds_of("/proc/self/stat").unwrap_or(f64::NAN) - cpu_before;
    let verified = count.load(Ordering::Relaxed) as f64;
    RawRound {
        per_second: verified / elapsed,
        cpu_ms_each: cpu * 1000.0 / verified.max(1.0),
    }
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
