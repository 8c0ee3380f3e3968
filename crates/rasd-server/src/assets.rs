//! The dashboard's files and the OpenAPI document, embedded in the binary.

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// name, content type, bytes
const FILES: [(&str, &str, &[u8]); 3] = [
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    (
        "countries.json",
        "application/json",
        include_bytes!("../assets/countries.json"),
    ),
];

const INDEX_HTML: &str = include_str!("../assets/index.html");

/// The OpenAPI 3.1 description of every route.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX_HTML,
    )
        .into_response()
}

pub async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, content_type, bytes) = FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| ApiError::not_found(format!("no asset named {name:?}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        *bytes,
    )
        .into_response())
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
