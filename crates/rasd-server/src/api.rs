//! The JSON endpoints.

use crate::auth::{ReadAccess, WriteAccess};
use crate::error::ApiError;
use crate::ingest::{self, BodyKind, ItemError, PlainTextParams};
use crate::query::{EventParams, PageSize};
use crate::AppState;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rasd_store::{
    EventDetail, Incident, IngestOutcome, Page, Stats, Store, StoredArticle, StoredEvent,
};
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::Arc;

const EVENT_PAGE: PageSize = PageSize {
    default: 100,
    max: 1000,
};
/// GeoJSON feeds a map, which wants every point at once.
const GEOJSON_PAGE: PageSize = PageSize {
    default: 1000,
    max: 50_000,
};

type ApiResult<T> = Result<T, ApiError>;

fn params<T>(query: Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(format!("query string: {}", e.body_text())))
}

pub async fn healthz(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    state.db.read(|store| store.totals()).await?;
    Ok(Json(json!({ "status": "ok" })))
}

/// What the dashboard needs to know about this server.
#[derive(Serialize)]
pub struct ClientConfig {
    pub version: &'static str,
    pub writes_enabled: bool,
    pub reads_protected: bool,
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
}

pub async fn config(State(state): State<AppState>) -> Json<ClientConfig> {
    Json(ClientConfig {
        version: env!("CARGO_PKG_VERSION"),
        writes_enabled: state.token.is_some(),
        reads_protected: state.token.is_some() && state.protect_reads,
        tile_url: state.tile_url.clone(),
        tile_attribution: state.tile_attribution.clone(),
    })
}

pub async fn events(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Page<StoredEvent>>> {
    let filter = params(query)?.filter(EVENT_PAGE, &state.kb)?;
    Ok(Json(state.db.read(move |s| s.events(&filter)).await?))
}

pub async fn incidents(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Page<Incident>>> {
    let filter = params(query)?.filter(EVENT_PAGE, &state.kb)?;
    Ok(Json(state.db.read(move |s| s.incidents(&filter)).await?))
}

pub async fn stats(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Stats>> {
    let filter = params(query)?.filter(EVENT_PAGE, &state.kb)?;
    Ok(Json(state.db.read(move |s| s.stats(&filter)).await?))
}

/// An event with its article and, when merged, its incident (whose
/// reports are the other articles telling the same thing).
#[derive(Serialize)]
pub struct EventWithIncident {
    #[serde(flatten)]
    pub detail: EventDetail,
    pub incident: Option<Incident>,
}

pub async fn event(
    _: ReadAccess,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<EventWithIncident>> {
    let found = state
        .db
        .read(move |s| {
            let Some(detail) = s.event(&id)? else {
                return Ok(Err(id));
            };
            let incident = match detail.event.incident_id {
                Some(incident_id) => s.incident(incident_id)?,
                None => None,
            };
            Ok(Ok(EventWithIncident { detail, incident }))
        })
        .await?;
    found
        .map(Json)
        .map_err(|id| ApiError::not_found(format!("no event with id {id:?}")))
}

/// An article with the events extracted from it.
#[derive(Serialize)]
pub struct ArticleWithEvents {
    #[serde(flatten)]
    pub article: StoredArticle,
    pub events: Vec<StoredEvent>,
}

pub async fn article(
    _: ReadAccess,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<ArticleWithEvents>> {
    let found = state
        .db
        .read(move |s| {
            let Some(article) = s.article(&id)? else {
                return Ok(Err(id));
            };
            let events = s.article_events(&article.id)?;
            Ok(Ok(ArticleWithEvents { article, events }))
        })
        .await?;
    found
        .map(Json)
        .map_err(|id| ApiError::not_found(format!("no article with id {id:?}")))
}

pub async fn events_geojson(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Response> {
    let filter = params(query)?.filter(GEOJSON_PAGE, &state.kb)?;
    let page = state.db.read(move |s| s.events(&filter)).await?;
    let features: Vec<Value> = page.items.iter().map(feature).collect();
    let body = json!({
        "type": "FeatureCollection",
        "features": features,
        "next_cursor": page.next_cursor,
    });
    Ok((
        [(header::CONTENT_TYPE, "application/geo+json")],
        body.to_string(),
    )
        .into_response())
}

/// A map point: coordinates and what a marker and its list row show.
fn feature(stored: &StoredEvent) -> Value {
    let e = &stored.event;
    let geometry = match (e.longitude, e.latitude) {
        (Some(lon), Some(lat)) => json!({ "type": "Point", "coordinates": [lon, lat] }),
        _ => Value::Null,
    };
    json!({
        "type": "Feature",
        "id": e.event_id,
        "geometry": geometry,
        "properties": {
            "event_id": e.event_id,
            "event_date": e.event_date,
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "fatalities": e.fatalities,
            "country": e.country,
            "country_code": e.country_code,
            "admin1": e.admin1,
            "location": e.location,
            "geo_precision": e.geo_precision,
            "actor1": e.actor1.as_ref().map(|a| &a.name),
            "actor2": e.actor2.as_ref().map(|a| &a.name),
            "incident_id": stored.incident_id,
        }
    })
}

/// One stored article of a POST and the events now stored for it.
#[derive(Serialize)]
pub struct IngestedArticle {
    pub item: usize,
    pub article_id: String,
    pub outcome: IngestOutcome,
    pub events: Vec<StoredEvent>,
}

#[derive(Serialize)]
pub struct IngestResponse {
    pub articles: Vec<IngestedArticle>,
    pub errors: Vec<ItemError>,
}

pub async fn post_articles(
    _: WriteAccess,
    State(state): State<AppState>,
    query: Result<Query<PlainTextParams>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let plain = params(query)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let kind = BodyKind::from_content_type(content_type)?;
    let bytes = read_body(body, state.max_body_bytes).await?;
    let parsed = ingest::parse(kind, &bytes, plain)?;
    if parsed.articles.is_empty() {
        let first = parsed
            .errors
            .first()
            .map(|e| format!("item {}: {}", e.item, e.error))
            .unwrap_or_default();
        return Err(ApiError::bad_request(format!(
            "no article could be read: {first}"
        )));
    }

    let kb = Arc::clone(&state.kb);
    let items: Vec<usize> = parsed.articles.iter().map(|(item, _)| *item).collect();
    let batch = tokio::task::spawn_blocking(move || {
        parsed
            .articles
            .into_iter()
            .map(|(_, article)| {
                let extraction = rasd_core::extract(&article, &kb);
                (article, extraction)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| ApiError::internal(format!("extraction failed: {e}")))?;

    let stored = state
        .db
        .write(move |s| {
            let reports = s.ingest_batch(&batch)?;
            reports
                .into_iter()
                .map(|report| {
                    let events = s.article_events(&report.article_id)?;
                    Ok((report, events))
                })
                .collect::<rasd_store::Result<Vec<_>>>()
        })
        .await?;

    let any_new = stored
        .iter()
        .any(|(r, _)| matches!(r.outcome, IngestOutcome::New | IngestOutcome::Updated));
    let response = IngestResponse {
        articles: stored
            .into_iter()
            .zip(items)
            .map(|((report, events), item)| IngestedArticle {
                item,
                article_id: report.article_id,
                outcome: report.outcome,
                events,
            })
            .collect(),
        errors: parsed.errors,
    };
    let status = if any_new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(response)).into_response())
}

/// Reads the whole body, refusing (413) more than `limit` bytes.
async fn read_body(body: Body, limit: usize) -> ApiResult<axum::body::Bytes> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body is larger than {limit} bytes"),
            )
        } else {
            ApiError::bad_request(format!("request body could not be read: {e}"))
        }
    })
}
