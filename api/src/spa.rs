//! Serving the built SPA from `dist/`: brotli or gzip files that the build wrote
//! next to the originals, long-lived caching for content-hashed assets, and the
//! SPA fallback (a deep link such as `/help` gets index.html so the client-side
//! router can draw it). `/api/…` never reaches this: it has its own fallback.
//! Every answer says `Vary: Accept-Encoding` (the encoding is negotiated, so a
//! cache must not hand brotli to a client that did not ask for it), and
//! nothing outside `dist/` is ever served: a symbolic link anywhere on the
//! path is refused. The page itself comes in the browser's language: its shell
//! paints before the wasm arrives, so a browser that prefers Spanish gets
//! `index.es.html` (the build's twin with `<html lang=es>`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::ApiError;

/// The static part of the app, rooted at `dist`.
pub fn router<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let pages = Arc::new(Pages::in_dist(dist));
    let fallback = {
        let pages = pages.clone();
        move |request: Request| spa_fallback(pages.clone(), request)
    };
    let page = move |request: Request| serve_page(pages.clone(), request);
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(
            fallback,
        ));
    let root = dist.to_path_buf();
    Router::new()
        .route("/", axum::routing::get(page.clone()))
        .route("/index.html", axum::routing::get(page))
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            refuse_symlinks(root.clone(), request, next)
        }))
}

/// 404 when the file the path names (or its `.br` / `.gz` copy) is reached
/// through a symbolic link: a link in `dist/` could point anywhere on the
/// machine.
async fn refuse_symlinks(dist: PathBuf, request: Request, next: Next) -> Response {
    let Some(relative) = decoded_segments(request.uri().path()) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let mut path = dist;
    for segment in relative {
        path.push(segment);
        let linked = |path: &Path| {
            std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
        };
        let with_suffix = |suffix: &str| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        if linked(&path) || linked(&with_suffix(".br")) || linked(&with_suffix(".gz")) {
            tracing::warn!(path = %path.display(), "refused a symbolic link in the dist directory");
            return (StatusCode::NOT_FOUND, "Not found").into_response();
        }
    }
    next.run(request).await
}

/// The URL path's segments, percent-decoded; `None` for anything that could
/// leave the directory (`..`, a separator or NUL inside a segment, bad UTF-8).
fn decoded_segments(path: &str) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|segment| !segment.is_empty()) {
        let mut bytes = Vec::with_capacity(raw.len());
        let mut input = raw.bytes();
        while let Some(byte) = input.next() {
            if byte == b'%' {
                let high = input
                    .next()
                    .and_then(|digit| (digit as char).to_digit(16))?;
                let low = input
                    .next()
                    .and_then(|digit| (digit as char).to_digit(16))?;
                bytes.push((high * 16 + low) as u8);
            } else {
                bytes.push(byte);
            }
        }
        let segment = String::from_utf8(bytes).ok()?;
        if segment == ".." || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        if segment != "." {
            segments.push(segment);
        }
    }
    Some(segments)
}

/// A path that names a file (`/missing.js`) and was not found is a real 404; any
/// other path is a client-side route and gets index.html. API paths the API
/// router did not claim (`/api/` with its trailing slash) get the JSON 404.
async fn spa_fallback(pages: Arc<Pages>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::NotFound.into_response();
    }
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    serve_page(pages, request).await
}

/// The page and, when the build wrote it, its Spanish twin. Looked for once,
/// when the router is built: the API reads index.html at start too (for the
/// CSP), so a new build needs a restart anyway.
struct Pages {
    english: PathBuf,
    spanish: Option<PathBuf>,
}

impl Pages {
    fn in_dist(dist: &Path) -> Pages {
        let spanish = dist.join("index.es.html");
        Pages {
            english: dist.join("index.html"),
            spanish: spanish.is_file().then_some(spanish),
        }
    }
}

/// index.html, or its Spanish twin for a browser that prefers Spanish.
async fn serve_page(pages: Arc<Pages>, request: Request) -> Response {
    let page = match &pages.spanish {
        Some(spanish) if prefers_spanish(request.headers()) => spanish,
        _ => &pages.english,
    };
    let mut response = match ServeFile::new(page)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await
    {
        Ok(response) => response.into_response(),
        Err(infallible) => match infallible {},
    };
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, accept-language"),
    );
    response
}

/// Whether the first language of `Accept-Language` (by weight, then order)
/// that the portal speaks is Spanish, as the SPA itself chooses on a first
/// visit (`i18n::initial_locale`).
fn prefers_spanish(headers: &HeaderMap) -> bool {
    let Some(accepted) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let mut spoken: Vec<(f32, usize, bool)> = accepted
        .split(',')
        .enumerate()
        .filter_map(|(order, entry)| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            let spanish = match primary.as_str() {
                "es" => true,
                "en" => false,
                _ => return None,
            };
            (weight > 0.0).then_some((weight, order, spanish))
        })
        .collect();
    spoken.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    spoken.first().is_some_and(|(_, _, spanish)| *spanish)
}

/// index.html must be revalidated on every load (it names the current assets);
/// trunk's content-hashed files never change, so browsers may keep them for a year.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    let policy = if is_html || !response.status().is_success() {
        "no-cache"
    } else if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let headers = response.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(policy));
    headers
        .entry(header::VARY)
        .or_insert(HeaderValue::from_static("accept-encoding"));
    response
}

/// Trunk names built assets `name-<hash>[_bg].ext`, the hash a 64-bit number in
/// hex without leading zeros (so usually 16 digits, sometimes fewer);
/// scripts/split-wasm names the wasm modules and scripts it writes the same way.
fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::{decoded_segments, is_content_hashed, prefers_spanish};

    fn accepting(languages: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::ACCEPT_LANGUAGE,
            languages.parse().unwrap(),
        );
        headers
    }

    #[test]
    fn the_first_spoken_language_by_weight_chooses_the_page() {
        assert!(prefers_spanish(&accepting("es-MX,es;q=0.9,en;q=0.8")));
        assert!(prefers_spanish(&accepting("fr-FR, es;q=0.7, en;q=0.5")));
        assert!(prefers_spanish(&accepting("en;q=0.4, es;q=0.6")));
        assert!(!prefers_spanish(&accepting("en-US,en;q=0.9,es;q=0.8")));
        assert!(!prefers_spanish(&accepting("es;q=0, en")));
        assert!(!prefers_spanish(&accepting("fr, de")));
        assert!(!prefers_spanish(&accepting("es;q=banana")));
        assert!(!prefers_spanish(&axum::http::HeaderMap::new()));
    }

    #[test]
    fn paths_that_could_leave_dist_are_refused() {
        assert_eq!(
            decoded_segments("/help/a%20b.txt"),
            Some(vec!["help".to_owned(), "a b.txt".to_owned()])
        );
        assert_eq!(decoded_segments("/./x"), Some(vec!["x".to_owned()]));
        for path in [
            "/../etc/passwd",
            "/%2e%2e/etc",
            "/a%2fb",
            "/a%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(decoded_segments(path), None, "{path}");
        }
    }

    #[test]
    fn trunk_hashed_asset_names_are_recognised() {
        assert!(is_content_hashed("/upsers-web-6f1c0a2b9d8e7f65_bg.wasm"));
        assert!(is_content_hashed("/upsers-web-6f1c0a2b9d8e7f65.js"));
        assert!(is_content_hashed("/main-0123456789abcdef.css"));
        assert!(is_content_hashed("/layout-f37ae42593363bf.css"));
        // scripts/split-wasm's names for the loader and the on-demand modules.
        assert!(is_content_hashed("/__wasm_split-a40a015ba4731308.js"));
        assert!(is_content_hashed("/split_help_topic-02102a248311641e.wasm"));
        assert!(is_content_hashed("/chunk_17-c79b80afae7b3c3e.wasm"));
        assert!(!is_content_hashed("/favicon.svg"));
        assert!(!is_content_hashed("/robots.txt"));
        assert!(!is_content_hashed("/help"));
    }
}
