//! The HTTP server loop, with the limits a public endpoint needs: a client
//! that never finishes its request headers, one that dribbles its body, and
//! one that keeps a connection open doing nothing are each cut off, and the
//! number of open connections is capped below the file limit, so a crowd of
//! stalled clients cannot starve real ones (or `/healthz`).
//!
//! - Header read timeout: from the first byte of a request to the end of
//!   its headers.
//! - Body read timeout: the whole request body (a tower layer in `startup`).
//! - Idle timeout: no bytes either way between requests on a kept-alive
//!   connection.
//! - Connection cap: no `accept` while that many are open; the kernel's
//!   backlog holds the rest until one closes.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// The limits, from the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    pub header_read_timeout: Duration,
    pub body_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// How often each connection looks at its clock.
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// Where a connection is between requests, as its I/O and its requests show.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Between requests (or before the first): since the last byte either way.
    Idle(Instant),
    /// A request has begun arriving and its headers are not complete yet.
    Head(Instant),
    /// A request is being handled (its body has its own timeout).
    Busy,
}

#[derive(Clone)]
struct Watch(Arc<Mutex<Phase>>);

impl Watch {
    fn new() -> Self {
        Watch(Arc::new(Mutex::new(Phase::Idle(Instant::now()))))
    }

    fn set(&self, phase: Phase) {
        *self.0.lock().expect("connection phase") = phase;
    }

    fn on_bytes_read(&self) {
        let mut phase = self.0.lock().expect("connection phase");
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Head(Instant::now());
        }
    }

    fn on_bytes_written(&self) {
        let mut phase = self.0.lock().expect("connection phase");
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Idle(Instant::now());
        }
    }

    /// Which limit, if any, the connection has gone past.
    fn overdue(&self, limits: &ServerLimits) -> Option<&'static str> {
        match *self.0.lock().expect("connection phase") {
            Phase::Idle(since) if since.elapsed() >= limits.idle_timeout => Some("idle"),
            Phase::Head(since) if since.elapsed() >= limits.header_read_timeout => {
                Some("request headers")
            }
            _ => None,
        }
    }
}

/// The socket, telling the watch when bytes move.
struct WatchedIo {
    inner: TcpStream,
    watch: Watch,
}

impl AsyncRead for WatchedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.watch.on_bytes_read();
        }
        polled
    }
}

impl AsyncWrite for WatchedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if let Poll::Ready(Ok(written)) = polled
            && written > 0
        {
            self.watch.on_bytes_written();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then stops
/// accepting, lets each connection finish the request in hand, and returns
/// when all are closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let mut connections = JoinSet::new();
    let mut stop_accepting = stopping.clone();
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            _ = stop_accepting.changed() => break,
        };
        let (socket, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: back off a moment.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stop_accepting.changed() => break,
        };
        while connections.try_join_next().is_some() {}
        let router = router.clone();
        let stopping = stopping.clone();
        connections.spawn(async move {
            serve_connection(socket, peer, router, limits, stopping).await;
            drop(slot);
        });
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
    Ok(())
}

async fn serve_connection(
    socket: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ServerLimits,
    mut stopping: watch::Receiver<bool>,
) {
    let _ = socket.set_nodelay(true);
    let watch = Watch::new();
    let io = TokioIo::new(WatchedIo {
        inner: socket,
        watch: watch.clone(),
    });
    let service = {
        let watch = watch.clone();
        hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            watch.set(Phase::Busy);
            request.extensions_mut().insert(ConnectInfo(peer));
            let (router, watch) = (router.clone(), watch.clone());
            async move {
                let response = router.oneshot(request).await;
                watch.set(Phase::Idle(Instant::now()));
                response
            }
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut ticks = tokio::time::interval(WATCH_EVERY);
    let mut draining = *stopping.borrow();
    if draining {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            served = connection.as_mut() => {
                if let Err(error) = served {
                    tracing::debug!(%error, %peer, "connection ended with an error");
                }
                return;
            }
            _ = ticks.tick() => {
                if let Some(limit) = watch.overdue(&limits) {
                    tracing::debug!(%peer, limit, "closing a connection past its time limit");
                    // Dropping the connection closes the socket.
                    return;
                }
            }
            changed = stopping.changed(), if !draining => {
                draining = true;
                if changed.is_ok() {
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}
