//! rasd-server: the HTTP API over a rasd event database, and the web
//! dashboard (map, timeline, event panel with the evidence highlighted in
//! the Arabic text), its files embedded in the binary.
//!
//! [`router`] builds the axum application over an [`AppState`]; [`serve`]
//! binds an address and runs it until Ctrl-C. Every route is listed in
//! [`ROUTES`] and described in the OpenAPI document served at
//! `/api/openapi.json` (a test keeps the two in step).
//!
//! ```no_run
//! let config = rasd_server::ServerConfig::new("rasd.db".into(), "127.0.0.1:8080".parse().unwrap());
//! rasd_server::run(config, rasd_core::Knowledge::embedded()).unwrap();
//! ```

mod api;
mod assets;
mod auth;
mod db;
mod error;
mod ingest;
mod query;

pub use error::ApiError;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use rasd_core::Knowledge;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Largest request body accepted by default (a JSONL batch of a few thousand articles).
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How to run the server.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The SQLite database (created if missing).
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// Bearer token for writes (and for reads when `protect_reads`); with
    /// none, writing is disabled.
    pub token: Option<String>,
    pub protect_reads: bool,
    pub max_body_bytes: usize,
    /// Map tiles, `https://…/{z}/{x}/{y}.png`; without it the dashboard
    /// draws its embedded country outlines and needs no network.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
}

impl ServerConfig {
    pub fn new(db: PathBuf, bind: SocketAddr) -> ServerConfig {
        ServerConfig {
            db,
            bind,
            token: None,
            protect_reads: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            tile_url: None,
            tile_attribution: None,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    db: Arc<db::Db>,
    kb: Arc<Knowledge>,
    token: Option<String>,
    protect_reads: bool,
    max_body_bytes: usize,
    tile_url: Option<String>,
    tile_attribution: Option<String>,
}

impl AppState {
    /// Opens the database (creating it if needed).
    pub fn new(config: &ServerConfig, kb: Arc<Knowledge>) -> Result<AppState, ServerError> {
        let db = db::Db::open(config.db.clone()).map_err(|e| ServerError::Database {
            path: config.db.clone(),
            source: e,
        })?;
        Ok(AppState {
            db: Arc::new(db),
            kb,
            token: config.token.clone().filter(|t| !t.is_empty()),
            protect_reads: config.protect_reads,
            max_body_bytes: config.max_body_bytes,
            tile_url: config.tile_url.clone(),
            tile_attribution: config.tile_attribution.clone(),
        })
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServerError {
    Database {
        path: PathBuf,
        source: rasd_store::StoreError,
    },
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::Database { path, source } => {
                write!(f, "cannot open database {}: {source}", path.display())
            }
            ServerError::Bind { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            ServerError::Io(e) => write!(f, "server: {e}"),
        }
    }
}

impl std::error::Error for ServerError {}

/// One route: method, path (axum and OpenAPI syntax) and handler.
struct Route {
    method: Method,
    path: &'static str,
    handler: MethodRouter<AppState>,
}

fn routes() -> Vec<Route> {
    let route = |method: Method, path, handler| Route {
        method,
        path,
        handler,
    };
    vec![
        route(Method::GET, "/", get(assets::index)),
        route(Method::GET, "/assets/{name}", get(assets::asset)),
        route(Method::GET, "/healthz", get(api::healthz)),
        route(Method::GET, "/api/openapi.json", get(assets::openapi)),
        route(Method::GET, "/api/config", get(api::config)),
        route(Method::GET, "/api/events", get(api::events)),
        route(Method::GET, "/api/events.geojson", get(api::events_geojson)),
        route(Method::GET, "/api/events/{id}", get(api::event)),
        route(Method::GET, "/api/incidents", get(api::incidents)),
        route(Method::GET, "/api/stats", get(api::stats)),
        route(Method::GET, "/api/articles/{id}", get(api::article)),
        route(Method::POST, "/api/articles", post(api::post_articles)),
    ]
}

/// Every route the router serves, as (method, path).
pub fn route_list() -> Vec<(Method, &'static str)> {
    routes().into_iter().map(|r| (r.method, r.path)).collect()
}

/// The application: API, dashboard and the headers every answer carries.
pub fn router(state: AppState) -> Router {
    let csp = content_security_policy(state.tile_url.as_deref());
    let mut router = Router::new();
    let mut by_path: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for r in routes() {
        match by_path.iter_mut().find(|(p, _)| *p == r.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(r.handler),
            None => by_path.push((r.path, r.handler)),
        }
    }
    for (path, handler) in by_path {
        router = router.route(path, handler);
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(move |req, next| {
            security_headers(csp.clone(), req, next)
        }))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such path: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// Scripts and styles only from this server; images also from the tile
/// server when one is configured. Stored article text can never run.
fn content_security_policy(tile_url: Option<&str>) -> HeaderValue {
    let tile_origin = tile_url
        .and_then(|u| {
            let rest = u.split_once("://")?;
            let host = rest.1.split('/').next()?;
            Some(format!(" {}://{}", rest.0, host.replace(['{', '}'], "")))
        })
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; img-src 'self' data:{tile_origin}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

async fn security_headers(csp: HeaderValue, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Listens on `config.bind` and serves until Ctrl-C (or SIGTERM). Prints
/// the address actually bound (useful with port 0) on standard error.
pub async fn serve(config: ServerConfig, kb: Knowledge) -> Result<(), ServerError> {
    let state = AppState::new(&config, Arc::new(kb))?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr().map_err(ServerError::Io)?;
    let reads_guarded = state.token.is_some() && state.protect_reads;
    if !addr.ip().is_loopback() && !reads_guarded {
        eprintln!(
            "rasd serve: warning: listening on {addr}, not loopback, with reads open to anyone who can reach it (use --token and --protect-reads)"
        );
    }
    eprintln!(
        "rasd serve: listening on http://{addr} (database {}, writes {})",
        config.db.display(),
        if state.token.is_some() {
            "need the token"
        } else {
            "disabled"
        }
    );
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(ServerError::Io)
}

/// [`serve`] on a multi-threaded tokio runtime of its own.
pub fn run(config: ServerConfig, kb: Knowledge) -> Result<(), ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Io)?
        .block_on(serve(config, kb))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
