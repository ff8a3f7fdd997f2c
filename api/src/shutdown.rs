//! Graceful shutdown: stop accepting on SIGINT or SIGTERM, finish in-flight requests.

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM from a
/// supervisor such as systemd, Kubernetes or the test harness).
pub async fn signal() {
    let interrupt = async {
        tokio::signal::ctrl_c()
            .await
            .expect("installing the SIGINT handler");
    };
    #[cfg(unix)]
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("installing the SIGTERM handler")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
