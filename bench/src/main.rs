//! `make bench`, the load part: in one run on one machine,
//!
//! 1. raw argon2id verifications per second (PRODUCT.md's parameters, one
//!    thread per core): the ceiling;
//! 2. sign-ins per second (`POST /api/v1/login` with the right PIN, the step
//!    that hashes) against the release API with a fresh SQLite store;
//! 3. p50/p99 of `GET /api/v1/session` while (2) saturates the hashing pool.
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
    let settings = Settings::resolve(Overrides {
        bind: Some("127.0.0.1:0".parse()?),
        database_url: Some(format!(
            "sqlite://{}",
            dir.path().join("bench.db").display()
        )),
        dist: Some(dir.path().join("no-dist")),
        demo: Some(true),
        // The load comes from one address: lift the per-address cap for the run.
        address_max_failures: Some(u32::MAX),
        ..Default::default()
    })?;
    let database_url = settings.database_url.clone();
    let app = Application::build_with_clock(settings, Arc::new(SystemClock)).await?;
    add_bench_employees(&database_url).await?;
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
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
    Ok(())
}

const BENCH_PIN: &str = "Bench-Mark-2026!";

fn bench_employee(index: usize) -> String {
    format!("{}", 5_000_000 + index)
}

/// One active employee per load client, all with [`BENCH_PIN`].
async fn add_bench_employees(database_url: &str) -> anyhow::Result<()> {
    let store = upsers_api::store::Store::connect(database_url).await?;
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()
        .hash_password(BENCH_PIN.as_bytes(), &salt)
        .expect("hash")
        .to_string();
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
            status: "active",
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
