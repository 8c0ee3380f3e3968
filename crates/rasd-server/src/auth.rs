//! Bearer-token access: writes always need the token; reads need it when
//! the server protects them.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};

/// Proof that the request may write. Handlers that write take it first.
pub struct WriteAccess;

/// Proof that the request may read stored data.
pub struct ReadAccess;

impl FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match state.token.as_deref() {
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "writing is disabled: start the server with --token (or RASD_TOKEN) and send it as Authorization: Bearer TOKEN",
            )),
            Some(expected) => check(parts, expected).map(|()| WriteAccess),
        }
    }
}

impl FromRequestParts<AppState> for ReadAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match state.token.as_deref() {
            Some(expected) if state.protect_reads => check(parts, expected).map(|()| ReadAccess),
            _ => Ok(ReadAccess),
        }
    }
}

fn check(parts: &Parts, expected: &str) -> Result<(), ApiError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing token: send Authorization: Bearer TOKEN",
        ));
    };
    let given = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq(given.trim().as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token"))
    }
}

/// Compares without stopping at the first difference, so response time
/// does not tell how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn tokens_compare_equal_only_when_identical() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
        assert!(!constant_time_eq(b"", b"x"));
    }
}
