//! JSON between the SPA and the API: `JSON.parse` and `json::FromJs` read the
//! answers the API writes, and anything else reads as nothing, not as a panic.

use std::collections::BTreeMap;

use upsers_contract as wire;
use upsers_web::json::{from_json, to_json};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn an_error_answer_reads_with_every_field() {
    let text = r#"{"code":"weak_pin","message":"Choose another PIN.","attempts_remaining":2,
        "retry_after_secs":900,"fields":["new_pin"],"pin_problems":["too_short","blocklisted"],
        "server_time":1800000000}"#;
    let body: wire::ErrorBody = from_json(text).expect("reads");
    assert_eq!(body.code, wire::ErrorCode::WeakPin);
    assert_eq!(body.message, "Choose another PIN.");
    assert_eq!(body.attempts_remaining, Some(2));
    assert_eq!(body.retry_after_secs, Some(900));
    assert_eq!(body.fields, ["new_pin"]);
    assert_eq!(
        body.pin_problems,
        [wire::PinProblem::TooShort, wire::PinProblem::Blocklisted]
    );
    assert_eq!(body.server_time, 1_800_000_000);
}

#[wasm_bindgen_test]
fn absent_and_null_optional_fields_read_as_none_and_unknown_fields_are_ignored() {
    let text = r#"{"code":"locked","message":"","retry_after_secs":null,"server_time":-5,"added_later":{"x":[1,2]}}"#;
    let body: wire::ErrorBody = from_json(text).expect("reads");
    assert_eq!(body.retry_after_secs, None);
    assert_eq!(body.attempts_remaining, None);
    assert!(body.fields.is_empty());
    assert_eq!(body.server_time, -5);
}

#[wasm_bindgen_test]
fn codes_a_newer_server_adds_read_as_unknown() {
    let body: wire::ErrorBody = from_json(
        r#"{"code":"brand_new","message":"","pin_problems":["too_fancy"],"server_time":0}"#,
    )
    .expect("reads");
    assert_eq!(body.code, wire::ErrorCode::Unknown);
    assert_eq!(body.pin_problems, [wire::PinProblem::Unknown]);
}

#[wasm_bindgen_test]
fn what_the_spa_writes_it_reads_back() {
    let started = wire::LoginStarted {
        flow_id: "f-1".into(),
        channels: vec![wire::ChannelOption {
            channel: wire::Channel::Email,
            destination: "j••••@example.com".into(),
        }],
        expires_in_secs: 600,
        server_time: 1_800_000_000,
    };
    let text = to_json(&started).expect("writes");
    assert_eq!(from_json::<wire::LoginStarted>(&text), Some(started));
    let map = BTreeMap::from([("ñandú 🐦".to_owned(), vec![0.5, -2.25, 3.0])]);
    let text = to_json(&map).expect("writes");
    assert_eq!(from_json::<BTreeMap<String, Vec<f64>>>(&text), Some(map));
}

#[wasm_bindgen_test]
fn an_empty_body_is_unit_and_nothing_else() {
    assert_eq!(from_json::<()>(""), Some(()));
    assert_eq!(from_json::<wire::ErrorBody>(""), None);
}

#[wasm_bindgen_test]
fn wrong_shapes_read_as_nothing() {
    // Wrong types, a missing required field, a fraction or a negative for an
    // unsigned count, a number beyond its type, malformed JSON.
    for text in [
        r#"{"code":7,"message":"","server_time":0}"#,
        r#"{"code":"locked","server_time":0}"#,
        r#"{"code":"locked","message":"","attempts_remaining":1.5,"server_time":0}"#,
        r#"{"code":"locked","message":"","attempts_remaining":-1,"server_time":0}"#,
        r#"{"code":"locked","message":"","attempts_remaining":4294967296,"server_time":0}"#,
        r#"{"code":"locked","message":"","server_time":"soon"}"#,
        r#""locked""#,
        r#"{"code":"locked","#,
        "null",
    ] {
        assert_eq!(from_json::<wire::ErrorBody>(text), None, "{text}");
    }
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum Stage {
    Start,
    Code {
        channel: wire::Channel,
        resend_at: f64,
    },
    Named(String),
    Pair(u8, i8),
}

#[wasm_bindgen_test]
fn enums_with_data_read_back_as_serde_writes_them() {
    for stage in [
        Stage::Start,
        Stage::Code {
            channel: wire::Channel::Sms,
            resend_at: 1_800_000_000_123.5,
        },
        Stage::Named("Sam".into()),
        Stage::Pair(7, -7),
    ] {
        let text = to_json(&stage).expect("writes");
        assert_eq!(from_json::<Stage>(&text), Some(stage), "{text}");
    }
    assert_eq!(from_json::<Stage>(r#"{"Named":"a","Pair":[1,2]}"#), None);
    assert_eq!(from_json::<Stage>(r#""Later""#), None);
    assert_eq!(from_json::<Stage>(r#"{"Pair":[1,200]}"#), None);
}
