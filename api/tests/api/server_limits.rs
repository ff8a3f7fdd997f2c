//! The server's own limits against clients that stall: headers never
//! finished, a body that never arrives, a kept-alive connection left idle,
//! and more stalled clients than the connection cap. Short limits are
//! configured so the test runs in seconds; bounds are generous.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use upsers_api::config::Overrides;

use crate::helpers::{Backend, TestApp, spawn_app_with};

async fn strict_app() -> TestApp {
    spawn_app_with(
        Backend::Sqlite,
        Overrides {
            header_read_timeout_secs: Some(1),
            body_read_timeout_secs: Some(1),
            idle_timeout_secs: Some(1),
            max_connections: Some(100),
            ..Default::default()
        },
    )
    .await
}

fn host(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection; what it sent.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let closed = async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), closed)
        .await
        .expect("the server closes the connection");
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stalled_clients_are_cut_off_and_the_server_keeps_answering() {
    let app = strict_app().await;
    let mut stalled = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(host(&app)).await.unwrap();
        // Headers begun, never finished.
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: upsers\r\n")
            .await
            .unwrap();
        stalled.push(stream);
    }
    let health = tokio::time::timeout(Duration::from_secs(15), app.get("/healthz"))
        .await
        .expect("/healthz answers while 300 clients stall (cap 100)");
    assert_eq!(health.status(), 200);
    for stream in &mut stalled {
        let answered = until_closed(stream).await;
        assert!(!answered.contains("200 OK"), "{answered}");
    }
}

#[tokio::test]
async fn a_body_that_never_arrives_is_cut_off() {
    let app = strict_app().await;
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    stream
        .write_all(
            b"POST /api/v1/login HTTP/1.1\r\nHost: upsers\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"employee_id\":",
        )
        .await
        .unwrap();
    let answered = until_closed(&mut stream).await;
    assert!(answered.starts_with("HTTP/1.1 408"), "{answered}");
    assert!(
        answered.contains("\"code\":\"invalid_input\""),
        "{answered}"
    );
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = strict_app().await;
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: upsers\r\n\r\n")
        .await
        .unwrap();
    let answered = until_closed(&mut stream).await;
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
}
