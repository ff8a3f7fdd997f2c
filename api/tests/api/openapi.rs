use crate::helpers::{Backend, spawn_app};

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"))
        .expect("api/openapi.json is committed");
    assert!(
        committed == upsers_api::openapi::document(),
        "api/openapi.json is out of date: run `cargo run -p upsers-api -- openapi > api/openapi.json`"
    );
}

#[tokio::test]
async fn the_document_is_served_and_documents_every_endpoint_of_the_contract_and_no_other() {
    use upsers_contract::endpoint::{ALL, API_BASE};
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let document: serde_json::Value = response.json().await.unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    for (method, route) in ALL {
        let path = format!("{API_BASE}{route}");
        let method = method.as_str().to_ascii_lowercase();
        assert!(
            document["paths"][&path].get(&method).is_some(),
            "{method} {path} is not documented"
        );
    }
    let mut documented = Vec::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            documented.push((method.to_ascii_uppercase(), path.clone()));
        }
    }
    for (method, path) in documented {
        let Some(route) = path.strip_prefix(API_BASE) else {
            continue; // the probes and /metrics live outside the API
        };
        if route.starts_with("/dev/") {
            continue; // demo mode only, not part of the product's contract
        }
        assert!(
            ALL.iter().any(|(m, r)| m.as_str() == method && *r == route),
            "{method} {path} is documented but not in contract/src/endpoint.rs"
        );
    }
    assert!(document["components"]["schemas"].get("ErrorBody").is_some());
}

/// Every endpoint of the contract answers at its route and method: a path
/// the API does not mount answers 404 `not_found`, a method it does not
/// mount 405.
#[tokio::test]
async fn every_endpoint_of_the_contract_is_mounted() {
    use upsers_contract::endpoint::{ALL, API_BASE, Method};
    use upsers_contract::{ErrorBody, ErrorCode};
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    for (method, route) in ALL {
        let url = app.url(&format!(
            "{API_BASE}{}",
            route.replace("{flow}", "no-such-flow")
        ));
        let request = match method {
            Method::Get => client.get(&url),
            Method::Post => client.post(&url).json(&serde_json::json!({})),
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_ne!(
            status, 405,
            "{method:?} {route} is not mounted for its method"
        );
        if status == 404 {
            let body: ErrorBody = response.json().await.unwrap();
            assert_ne!(
                body.code,
                ErrorCode::NotFound,
                "{method:?} {route} is not mounted"
            );
        }
    }
}

/// The document states the Employee ID's digits as this server's policy has
/// them, so that a schema-valid ID is one the API takes.
#[tokio::test]
async fn the_served_document_gives_employee_ids_the_configured_digits() {
    let overrides = upsers_api::config::Overrides {
        employee_id_digits: Some(6),
        ..Default::default()
    };
    let app = crate::helpers::spawn_app_with(Backend::Sqlite, overrides).await;
    let document: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let login = &document["components"]["schemas"]["LoginRequest"]["properties"]["employee_id"];
    let pattern = login["pattern"].as_str().unwrap();
    assert!(pattern.contains("]*[0-9]{6}["), "{pattern}");
    let served = document.to_string();
    assert!(
        !served.contains("[0-9]{7}"),
        "every Employee ID pattern follows the policy"
    );
}
