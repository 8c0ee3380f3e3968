//! The HTTP API as a client sees it: status codes, JSON errors, tokens,
//! body limits, filters and pagination, and the OpenAPI document checked
//! against the router and against real responses.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use rasd_core::Knowledge;
use rasd_server::{route_list, router, AppState, ServerConfig};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token";
const FIXTURES: &str = include_str!("fixtures/articles.jsonl");
const OPENAPI: &str = include_str!("../assets/openapi.json");

fn kb() -> Arc<Knowledge> {
    static KB: OnceLock<Arc<Knowledge>> = OnceLock::new();
    Arc::clone(KB.get_or_init(|| Arc::new(Knowledge::embedded())))
}

/// A fresh database file for one test, removed when dropped.
struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!("rasd-server-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        TempDb(path)
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

fn app(db: &TempDb, configure: impl FnOnce(&mut ServerConfig)) -> Router {
    let mut config = ServerConfig::new(db.0.clone(), "127.0.0.1:0".parse().unwrap());
    config.token = Some(TOKEN.into());
    configure(&mut config);
    router(AppState::new(&config, kb()).unwrap())
}

struct Reply {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    /// Asserts a JSON error with this status whose message contains `needle`.
    fn assert_error(&self, status: StatusCode, needle: &str) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(
            self.content_type.starts_with("application/json"),
            "{}",
            self.content_type
        );
        let body = self.json();
        assert_eq!(body["status"], status.as_u16());
        let message = body["error"].as_str().unwrap();
        assert!(
            message.contains(needle),
            "{message:?} should mention {needle:?}"
        );
    }
}

async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        content_type,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(
    uri: &str,
    content_type: &str,
    token: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(body.into()).unwrap()
}

/// An app whose database holds the fixture articles.
async fn loaded(db: &TempDb) -> Router {
    let app = app(db, |_| {});
    let reply = send(
        &app,
        post(
            "/api/articles",
            "application/x-ndjson",
            Some(TOKEN),
            FIXTURES,
        ),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    app
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn writes_need_the_token() {
    let db = TempDb::new("tokens");
    let open = app(&db, |c| c.token = None);
    let body = r#"{"text": "تظاهر العشرات في بيروت"}"#;
    let reply = send(
        &open,
        post("/api/articles", "application/json", Some("x"), body),
    )
    .await;
    reply.assert_error(StatusCode::UNAUTHORIZED, "writing is disabled");
    assert!(reply.headers.contains_key(header::WWW_AUTHENTICATE));

    let guarded = app(&db, |_| {});
    send(
        &guarded,
        post("/api/articles", "application/json", None, body),
    )
    .await
    .assert_error(StatusCode::UNAUTHORIZED, "missing token");
    send(
        &guarded,
        post("/api/articles", "application/json", Some("nope"), body),
    )
    .await
    .assert_error(StatusCode::UNAUTHORIZED, "wrong token");
    let ok = send(
        &guarded,
        post("/api/articles", "application/json", Some(TOKEN), body),
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    // reads stay open unless protected
    assert_eq!(get(&guarded, "/api/events").await.status, StatusCode::OK);
}

#[tokio::test]
async fn protected_reads_need_the_token_too() {
    let db = TempDb::new("protected");
    let app = app(&db, |c| c.protect_reads = true);
    for uri in [
        "/api/events",
        "/api/incidents",
        "/api/stats",
        "/api/events.geojson",
        "/api/events/x",
        "/api/articles/x",
    ] {
        get(&app, uri)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "missing token");
    }
    let request = Request::get("/api/events")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::OK);
    // the dashboard page and the health check carry no stored data
    assert_eq!(get(&app, "/").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/healthz").await.status, StatusCode::OK);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let db = TempDb::new("limit");
    let app = app(&db, |c| c.max_body_bytes = 1000);
    let big = format!(r#"{{"text": "{}"}}"#, "قصف ".repeat(400));
    send(
        &app,
        post("/api/articles", "application/json", Some(TOKEN), big),
    )
    .await
    .assert_error(StatusCode::PAYLOAD_TOO_LARGE, "larger than 1000 bytes");
    // a streamed body with no length announced is cut at the limit as well
    let streamed = Body::new(Chunks(vec![axum::body::Bytes::from("x".repeat(100)); 20]));
    send(
        &app,
        post("/api/articles", "text/plain", Some(TOKEN), streamed),
    )
    .await
    .assert_error(StatusCode::PAYLOAD_TOO_LARGE, "larger than 1000 bytes");
}

/// A body sent in chunks, its length unknown in advance.
struct Chunks(Vec<axum::body::Bytes>);

impl http_body::Body for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop().map(|chunk| Ok(http_body::Frame::data(chunk))))
    }
}

#[tokio::test]
async fn bad_requests_get_json_errors_naming_the_problem() {
    let db = TempDb::new("errors");
    let app = app(&db, |_| {});
    get(&app, "/api/events?since=yesterday")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "since");
    get(&app, "/api/events?bbox=1,2,3")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bbox");
    get(&app, "/api/events?limit=5000")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "limit");
    get(&app, "/api/events?colour=red")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "colour");
    get(&app, "/api/events?cursor=garbage")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "cursor");
    get(&app, "/api/events/no-such-event")
        .await
        .assert_error(StatusCode::NOT_FOUND, "no-such-event");
    get(&app, "/api/articles/nope")
        .await
        .assert_error(StatusCode::NOT_FOUND, "nope");
    get(&app, "/api/nothing-here")
        .await
        .assert_error(StatusCode::NOT_FOUND, "/api/nothing-here");
    get(&app, "/assets/secret.txt")
        .await
        .assert_error(StatusCode::NOT_FOUND, "secret.txt");
    let delete = Request::delete("/api/events").body(Body::empty()).unwrap();
    send(&app, delete)
        .await
        .assert_error(StatusCode::METHOD_NOT_ALLOWED, "DELETE");
    send(
        &app,
        post("/api/articles", "application/xml", Some(TOKEN), "<a/>"),
    )
    .await
    .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "application/xml");
    send(
        &app,
        post(
            "/api/articles",
            "application/json",
            Some(TOKEN),
            "{\"text\": ",
        ),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, "not JSON");
    send(
        &app,
        post(
            "/api/articles",
            "text/plain",
            Some(TOKEN),
            vec![0xffu8, 0xfe, 0x00],
        ),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, "UTF-8");
    send(
        &app,
        post(
            "/api/articles",
            "application/json",
            Some(TOKEN),
            r#"{"text": "   "}"#,
        ),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, "empty");
}

#[tokio::test]
async fn a_batch_stores_good_lines_reports_bad_ones_and_is_idempotent() {
    let db = TempDb::new("batch");
    let app = app(&db, |_| {});
    let batch = format!(
        "{}\n{{broken\n{{\"id\": \"blank\", \"text\": \"\"}}\n",
        FIXTURES.lines().next().unwrap()
    );
    let reply = send(
        &app,
        post(
            "/api/articles",
            "application/x-ndjson",
            Some(TOKEN),
            batch.clone(),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let body = reply.json();
    assert_eq!(body["articles"][0]["outcome"], "new");
    assert_eq!(body["articles"][0]["article_id"], "fx-sy-shuhayl-1");
    let event = &body["articles"][0]["events"][0];
    assert_eq!(event["event_type"], "Battles");
    assert_eq!(event["country_code"], "SY");
    let failed: Vec<u64> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["item"].as_u64().unwrap())
        .collect();
    assert_eq!(failed, [2, 3]);

    let again = send(
        &app,
        post("/api/articles", "application/x-ndjson", Some(TOKEN), batch),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["articles"][0]["outcome"], "unchanged");
    assert_eq!(get(&app, "/api/stats").await.json()["events"], 1);
}

#[tokio::test]
async fn plain_text_articles_take_their_date_from_the_query() {
    let db = TempDb::new("plain");
    let app = app(&db, |_| {});
    let text = "انفجرت سيارة مفخخة أمس الأحد في سوق شعبي بمدينة منبج شرقي حلب، ما أدى إلى مقتل سبعة مدنيين.";
    let reply = send(
        &app,
        post(
            "/api/articles?published=2024-06-10&source=test",
            "text/plain; charset=utf-8",
            Some(TOKEN),
            text,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let event = &reply.json()["articles"][0]["events"][0];
    assert_eq!(event["event_date"], "2024-06-09");
    assert_eq!(event["fatalities"], 7);
}

#[tokio::test]
async fn filters_select_and_pages_walk_every_event_once() {
    let db = TempDb::new("filters");
    let app = loaded(&db).await;
    let count = |v: Value| v["items"].as_array().unwrap().len();
    assert_eq!(count(get(&app, "/api/events").await.json()), 7);
    assert_eq!(count(get(&app, "/api/events?country=iq").await.json()), 2);
    assert_eq!(count(get(&app, "/api/events?type=Battles").await.json()), 3);
    assert_eq!(
        count(
            get(&app, "/api/events?type=air%2Fdrone%20strike")
                .await
                .json()
        ),
        1
    );
    assert_eq!(
        count(
            get(&app, "/api/events?since=2024-03-01&until=2024-04-30")
                .await
                .json()
        ),
        3
    );
    // داعش is an alias: widened to the actor's id
    let isis = get(&app, &format!("/api/events?actor={}", enc("داعش")))
        .await
        .json();
    assert_eq!(count(isis.clone()), 2, "{isis}");
    // Iraq and Syria's east, not Yemen or Sudan
    assert_eq!(
        count(get(&app, "/api/events?bbox=38,30,48,38").await.json()),
        4
    );
    assert_eq!(
        count(get(&app, "/api/events?near=35.6,36.6,30").await.json()),
        1
    );
    assert_eq!(
        count(
            get(&app, &format!("/api/events?text={}", enc("Kafranbel")))
                .await
                .json()
        ),
        1
    );

    let mut seen = Vec::new();
    let mut uri = "/api/events?limit=2".to_owned();
    loop {
        let page = get(&app, &uri).await.json();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|e| e["event_id"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/events?limit=2&cursor={}", enc(cursor)),
            None => break,
        }
    }
    let dates: Vec<String> = {
        let all = get(&app, "/api/events").await.json();
        all["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(seen, dates, "pages in order, none repeated or lost");

    let incidents = get(&app, "/api/incidents?country=SY").await.json();
    let merged = incidents["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["sources"] == 2)
        .expect("two articles merged");
    assert_eq!(merged["reports"].as_array().unwrap().len(), 2);

    let stats = get(&app, "/api/stats").await.json();
    assert_eq!(stats["events"], 7);
    let syria = stats["by_country"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "SY")
        .unwrap();
    assert_eq!(syria["events"], 3);
}

#[tokio::test]
async fn an_event_comes_with_its_article_and_incident() {
    let db = TempDb::new("detail");
    let app = loaded(&db).await;
    let article = get(&app, "/api/articles/fx-sy-shuhayl-1").await.json();
    assert_eq!(article["outlet"], "وكالة المشرق");
    let id = article["events"][0]["event_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = get(&app, &format!("/api/events/{}", enc(&id))).await.json();
    assert_eq!(detail["article"]["id"], "fx-sy-shuhayl-1");
    let text = detail["article"]["text"].as_str().unwrap();
    for evidence in detail["evidence"].as_array().unwrap() {
        let (start, end) = (
            evidence["start"].as_u64().unwrap() as usize,
            evidence["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            evidence["text"].as_str().unwrap(),
            "offsets point into the stored text"
        );
    }
    let outlets: Vec<&str> = detail["incident"]["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["outlet"].as_str())
        .collect();
    assert!(outlets.contains(&"صحيفة الفرات"), "{outlets:?}");

    let geojson = get(&app, "/api/events.geojson?country=SY").await;
    assert_eq!(geojson.content_type, "application/geo+json");
    let features = geojson.json()["features"].as_array().unwrap().clone();
    assert_eq!(features.len(), 3);
    let lon_lat = features[0]["geometry"]["coordinates"].as_array().unwrap();
    assert!(
        (35.0..43.0).contains(&lon_lat[0].as_f64().unwrap()),
        "longitude first"
    );
}

#[tokio::test]
async fn stored_markup_is_returned_as_data_and_pages_forbid_inline_scripts() {
    let db = TempDb::new("escaping");
    let app = loaded(&db).await;
    let article = get(&app, "/api/articles/fx-sy-kafranbel-escaping").await;
    assert!(article.content_type.starts_with("application/json"));
    let text = article.json()["text"].as_str().unwrap().to_owned();
    assert!(text.contains("<script>window.__rasdInjected = true</script>"));
    assert!(text.contains('\u{202e}'));
    let page = get(&app, "/").await;
    assert!(page.content_type.starts_with("text/html"));
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let html = String::from_utf8(page.body).unwrap();
    assert!(!html.contains("<script>"), "no inline script in the page");
    let js = String::from_utf8(get(&app, "/assets/app.js").await.body).unwrap();
    assert!(
        !js.contains("innerHTML") && !js.contains("insertAdjacentHTML"),
        "article data is inserted as text only"
    );
}

// ---------- the OpenAPI document ----------

fn openapi() -> Value {
    serde_json::from_str(OPENAPI).expect("openapi.json parses")
}

#[test]
fn every_route_is_documented_and_every_documented_route_exists() {
    let doc = openapi();
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let mut served: Vec<(String, String)> = route_list()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_owned()))
        .collect();
    documented.sort();
    served.sort();
    assert_eq!(served, documented);
}

#[test]
fn the_documents_examples_fit_their_schemas() {
    let doc = openapi();
    let mut checked = 0;
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            let mut errors = Vec::new();
            validate(
                &doc,
                schema,
                example,
                &format!("example of {name}"),
                &mut errors,
            );
            assert!(errors.is_empty(), "{errors:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 5, "{checked} examples");
}

#[tokio::test]
async fn real_responses_fit_the_documented_schemas() {
    let db = TempDb::new("openapi");
    let app = loaded(&db).await;
    let doc = openapi();
    let event_id = get(&app, "/api/articles/fx-sy-shuhayl-1").await.json()["events"][0]["event_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cases: Vec<(String, &str, &str)> = vec![
        ("/healthz".into(), "/healthz", "200"),
        ("/api/config".into(), "/api/config", "200"),
        ("/api/events?limit=3".into(), "/api/events", "200"),
        ("/api/events?since=bad".into(), "/api/events", "400"),
        ("/api/events.geojson".into(), "/api/events.geojson", "200"),
        (
            format!("/api/events/{}", enc(&event_id)),
            "/api/events/{id}",
            "200",
        ),
        ("/api/events/missing".into(), "/api/events/{id}", "404"),
        ("/api/incidents".into(), "/api/incidents", "200"),
        ("/api/stats?country=SY".into(), "/api/stats", "200"),
        (
            "/api/articles/fx-sy-kafranbel-escaping".into(),
            "/api/articles/{id}",
            "200",
        ),
        ("/api/articles/missing".into(), "/api/articles/{id}", "404"),
    ];
    for (uri, path, status) in cases {
        let reply = get(&app, &uri).await;
        assert_eq!(reply.status.as_str(), status, "{uri}");
        check_response(&doc, &reply, path, "get", status, &uri);
    }
    let reply = send(
        &app,
        post(
            "/api/articles",
            "application/x-ndjson",
            Some(TOKEN),
            FIXTURES,
        ),
    )
    .await;
    check_response(
        &doc,
        &reply,
        "/api/articles",
        "post",
        "200",
        "POST /api/articles",
    );
    let reply = send(&app, post("/api/articles", "application/json", None, "{}")).await;
    check_response(
        &doc,
        &reply,
        "/api/articles",
        "post",
        "401",
        "POST /api/articles unauthorized",
    );
    // the served document is the committed one
    assert_eq!(get(&app, "/api/openapi.json").await.json(), doc);
}

fn check_response(doc: &Value, reply: &Reply, path: &str, method: &str, status: &str, what: &str) {
    let documented = &doc["paths"][path][method]["responses"][status];
    assert!(
        documented.is_object(),
        "{what}: status {status} is not documented"
    );
    let content = documented["content"].as_object().unwrap();
    let media = reply.content_type.split(';').next().unwrap().trim();
    let schema = &content
        .get(media)
        .unwrap_or_else(|| panic!("{what}: {media} not documented"))["schema"];
    let mut errors = Vec::new();
    validate(doc, schema, &reply.json(), what, &mut errors);
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The part of JSON Schema the document uses: $ref, type (one or several),
/// required, properties (and no undocumented ones), items, enum, oneOf.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return validate(doc, &doc["components"]["schemas"][name], value, at, errors);
    }
    if let Some(options) = schema["oneOf"].as_array() {
        let fits = options.iter().any(|option| {
            let mut e = Vec::new();
            validate(doc, option, value, at, &mut e);
            e.is_empty()
        });
        if !fits {
            errors.push(format!("{at}: fits none of oneOf: {value}"));
        }
        return;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let fits = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !fits {
            errors.push(format!("{at}: expected {types:?}, got {value}"));
            return;
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} not in {allowed:?}"));
        }
    }
    if let (Some(object), Some(properties)) = (value.as_object(), schema["properties"].as_object())
    {
        for required in schema["required"].as_array().into_iter().flatten() {
            let key = required.as_str().unwrap();
            if !object.contains_key(key) {
                errors.push(format!("{at}: missing {key}"));
            }
        }
        for (key, item) in object {
            match properties.get(key) {
                Some(property) => validate(doc, property, item, &format!("{at}.{key}"), errors),
                None => errors.push(format!("{at}: undocumented property {key}")),
            }
        }
    }
    if let (Some(items), Some(item_schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(doc, item_schema, item, &format!("{at}[{i}]"), errors);
        }
    }
}
