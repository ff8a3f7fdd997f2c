use crate::helpers::{Backend, HASHED_ASSET, INLINE_LOADER, on_both_stores, spawn_app};
use base64::Engine;
use sha2::{Digest, Sha256};

on_both_stores!(
    deep_links_get_index_html,
    a_missing_file_is_a_404_not_index_html,
    precompressed_assets_are_served_with_long_caching,
    every_answer_carries_the_security_headers,
    negotiated_answers_vary_by_encoding,
    the_page_comes_in_the_language_the_browser_prefers,
    nothing_outside_dist_is_served_through_a_symbolic_link,
);

async fn negotiated_answers_vary_by_encoding(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [HASHED_ASSET, "/", "/help", "/robots.txt"] {
        let response = app
            .client
            .get(app.url(path))
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let vary = if path == HASHED_ASSET || path == "/robots.txt" {
            "accept-encoding"
        } else {
            "accept-encoding, accept-language"
        };
        assert_eq!(response.headers()["vary"], vary, "{path}");
    }
}

/// The page's shell paints before the app, so it comes in the browser's
/// language: the first of its languages the portal speaks.
async fn the_page_comes_in_the_language_the_browser_prefers(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, accepted, lang) in [
        ("/", "es-MX,es;q=0.9,en;q=0.8", "es"),
        ("/login", "fr, es;q=0.5", "es"),
        ("/index.html", "es", "es"),
        ("/help", "en-US,es;q=0.9", "en"),
        ("/login", "de", "en"),
    ] {
        let response = app
            .client
            .get(app.url(path))
            .header("accept-language", accepted)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{lang}\">")),
            "{path} for {accepted}: {page}"
        );
    }
}

async fn nothing_outside_dist_is_served_through_a_symbolic_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "not for the web").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), app.dist.join("leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path(), app.dist.join("elsewhere")).unwrap();
    std::fs::write(app.dist.join("plain.txt"), "plain").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        app.dist.join("plain.txt.gz"),
    )
    .unwrap();
    for path in [
        "/leak.txt",
        "/elsewhere/secret.txt",
        "/%6Ceak.txt",
        "/plain.txt",
    ] {
        let response = app
            .client
            .get(app.url(path))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            !response.text().await.unwrap().contains("not for the web"),
            "{path}"
        );
    }
    assert_eq!(app.get("/robots.txt").await.status(), 200);
}

async fn deep_links_get_index_html(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/", "/help", "/login/verify", "/no/such/page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>UPSers</title>"),
            "{path}"
        );
    }
}

async fn a_missing_file_is_a_404_not_index_html(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/missing-0123456789abcdef.js").await;
    assert_eq!(response.status(), 404);
    assert!(!response.text().await.unwrap().contains("<html"));
}

async fn precompressed_assets_are_served_with_long_caching(backend: Backend) {
    let app = spawn_app(backend).await;
    let plain = app.get(HASHED_ASSET).await;
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.text().await.unwrap(), "export default 1;");

    let compressed = app
        .client
        .get(app.url(HASHED_ASSET))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert_eq!(compressed.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let unhashed = app.get("/robots.txt").await;
    assert_eq!(unhashed.headers()["cache-control"], "public, max-age=3600");
}

async fn every_answer_carries_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let loader_hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_LOADER.as_bytes()));
    for path in ["/", "/help", HASHED_ASSET, "/api/nope", "/healthz"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains(&format!("'sha256-{loader_hash}'")),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(
            headers["cross-origin-opener-policy"], "same-origin",
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "plain-HTTP origin: {path}"
        );
    }
}
