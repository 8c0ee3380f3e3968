//! The SQLite implementation of [`Store`].
//!
//! One file, WAL journal: readers see the last committed state while a
//! writer works, and a killed process loses at most its open transaction.
//! The SQL is kept to what PostgreSQL also accepts where that costs
//! nothing; the one SQLite-specific piece is the `rasd_km` distance function
//! registered on each connection.

use crate::filter::{order, Cursor};
use crate::merge::{self, MergeConfig, MergeKey, Report, ReportSource, Summary};
use crate::{
    Count, EventDetail, EventFilter, Incident, IncidentReport, IngestOutcome, IngestReport, Page,
    Result, Stats, Store, StoreError, StoredArticle, StoredEvent, Totals,
};
use rasd_core::{Article, Event, Extraction};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Schema migrations, in order; each runs once, in a transaction, when a
/// database older than it is opened.
const MIGRATIONS: &[&str] = &[
    // 1: articles, events, incidents
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT UNIQUE,
        outlet TEXT,
        published TEXT,
        title TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        fetched_at BIGINT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        event_date TEXT,
        time_precision INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        country_code TEXT,
        admin1 TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        geo_precision INTEGER NOT NULL,
        fatalities BIGINT NOT NULL,
        sources INTEGER NOT NULL,
        actors TEXT NOT NULL,
        actor_keys TEXT NOT NULL,
        search TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX incidents_country_date ON incidents (country_code, event_date);
    CREATE INDEX incidents_date ON incidents (event_date);
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_id TEXT NOT NULL REFERENCES articles (id),
        incident_id INTEGER REFERENCES incidents (id),
        event_date TEXT,
        time_precision INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        country_code TEXT,
        admin1 TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        geo_precision INTEGER NOT NULL,
        fatalities BIGINT NOT NULL,
        actors TEXT NOT NULL,
        actor_keys TEXT NOT NULL,
        search TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX events_article ON events (article_id);
    CREATE INDEX events_incident ON events (incident_id);
    CREATE INDEX events_country_date ON events (country_code, event_date);
    CREATE INDEX events_date ON events (event_date);",
    // 2: indexes in the listings' own order (newest first, by the sort
    // expression), alone and after the usual equality filters, so that a
    // filtered page reads only its own rows
    "DROP INDEX events_country_date;
    DROP INDEX events_date;
    DROP INDEX incidents_country_date;
    DROP INDEX incidents_date;
    CREATE INDEX events_order ON events (coalesce(event_date, ''), seq);
    CREATE INDEX events_country_order ON events (country_code, coalesce(event_date, ''), seq);
    CREATE INDEX events_country_type_order ON events (country_code, event_type, coalesce(event_date, ''), seq);
    CREATE INDEX events_type_order ON events (event_type, coalesce(event_date, ''), seq);
    CREATE INDEX events_sub_type_order ON events (sub_event_type, coalesce(event_date, ''), seq);
    CREATE INDEX incidents_order ON incidents (coalesce(event_date, ''), id);
    CREATE INDEX incidents_country_order ON incidents (country_code, coalesce(event_date, ''), id);
    CREATE INDEX incidents_country_type_order ON incidents (country_code, event_type, coalesce(event_date, ''), id);
    CREATE INDEX incidents_type_order ON incidents (event_type, coalesce(event_date, ''), id);",
];

/// A [`Store`] over one SQLite database file.
pub struct SqliteStore {
    conn: Connection,
    merge: MergeConfig,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        // WAL: readers and one writer work at the same time; NORMAL sync is
        // durable against a killed process (not a power cut mid-commit)
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 32 MB of page cache: the indexes of a large ingest stay in memory
        conn.pragma_update(None, "cache_size", -32_000)?;
        // checkpoint every 16 MB of WAL rather than 4: a page that many
        // batches rewrite (an index page) is copied back once, not each time
        conn.pragma_update(None, "wal_autocheckpoint", 4_000)?;
        SqliteStore::setup(conn)
    }

    /// A private database in memory (tests, evaluations).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // ingesting one article runs about 17 distinct statements: with
        // rusqlite's default of 16 cached, each was evicted before its turn
        // came again and parsed anew every time
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.create_scalar_function(
            "rasd_km",
            4,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let arg = |i| ctx.get::<Option<f64>>(i);
                Ok(match (arg(0)?, arg(1)?, arg(2)?, arg(3)?) {
                    (Some(a), Some(b), Some(c), Some(d)) => {
                        Some(rasd_core::km_between((a, b), (c, d)))
                    }
                    _ => None,
                })
            },
        )?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            conn,
            merge: MergeConfig::default(),
        })
    }

    /// Uses other merge thresholds for what is ingested from now on.
    pub fn with_merge_config(mut self, config: MergeConfig) -> SqliteStore {
        self.merge = config;
        self
    }

    pub fn merge_config(&self) -> &MergeConfig {
        &self.merge
    }

    /// The schema version: the number of migrations applied.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?
            .unwrap_or(0))
    }
}

fn migrate(conn: &mut Connection) -> Result<()> {
    // an up-to-date database is only read here, so that opening one never
    // waits for a writer's lock
    let up_to_date = conn
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .ok()
        .flatten()
        == Some(MIGRATIONS.len() as i64);
    if up_to_date {
        return Ok(());
    }
    // IMMEDIATE: two processes opening a new file at once migrate it once
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
        [],
    )?;
    let current: i64 = tx.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    if current > MIGRATIONS.len() as i64 {
        return Err(StoreError::Invalid(format!(
            "the database has schema version {current}, newer than this program's {}: use a newer rasd",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > current {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                params![version, now()],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// FNV-1a over the text with runs of white space made one space, so that
/// re-wrapped copies of an article count as the same text.
pub(crate) fn content_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    let mut feed = |b: u8| {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x100000001b3);
    };
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b' ');
        }
        word.bytes().for_each(&mut feed);
    }
    format!("{hash:016x}")
}

impl Store for SqliteStore {
    fn ingest(&mut self, article: &Article, extraction: &Extraction) -> Result<IngestReport> {
        let tx = self.conn.transaction()?;
        let mut reports = IncidentReports::new();
        let report = ingest_one(&tx, &self.merge, article, extraction, now(), &mut reports)?;
        tx.commit()?;
        Ok(report)
    }

    fn ingest_batch(&mut self, batch: &[(Article, Extraction)]) -> Result<Vec<IngestReport>> {
        let tx = self.conn.transaction()?;
        let at = now();
        let mut incident_reports = IncidentReports::new();
        let reports = batch
            .iter()
            .map(|(article, extraction)| {
                ingest_one(
                    &tx,
                    &self.merge,
                    article,
                    extraction,
                    at,
                    &mut incident_reports,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(reports)
    }

    fn events(&self, filter: &EventFilter) -> Result<Page<StoredEvent>> {
        page(
            &self.conn,
            filter,
            "SELECT seq, coalesce(event_date, ''), record, incident_id, a.outlet FROM events JOIN articles a ON a.id = article_id",
            "seq",
            |row| {
                Ok(StoredEvent {
                    event: serde_json::from_str(&row.get::<_, String>(2)?)?,
                    incident_id: row.get(3)?,
                    source: row.get(4)?,
                })
            },
        )
    }

    fn incidents(&self, filter: &EventFilter) -> Result<Page<Incident>> {
        page(
            &self.conn,
            filter,
            "SELECT id, coalesce(event_date, ''), record FROM incidents",
            "id",
            |row| incident_from(row.get(0)?, &row.get::<_, String>(2)?),
        )
    }

    fn event(&self, id: &str) -> Result<Option<EventDetail>> {
        let row = self
            .conn
            .query_row(
                "SELECT record, incident_id, article_id FROM events WHERE id = ?",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?;
        let Some((record, incident_id, article_id)) = row else {
            return Ok(None);
        };
        let article = self.article(&article_id)?.ok_or_else(|| {
            StoreError::Invalid(format!("event {id}: its article {article_id} is missing"))
        })?;
        Ok(Some(EventDetail {
            event: StoredEvent {
                event: serde_json::from_str(&record)?,
                incident_id,
                source: article.outlet.clone(),
            },
            article,
        }))
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, url, outlet, published, title, text, content_hash, fetched_at FROM articles WHERE id = ?",
                [id],
                article_from_row,
            )
            .optional()?)
    }

    fn article_events(&self, article_id: &str) -> Result<Vec<StoredEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.record, e.incident_id, a.outlet FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? ORDER BY e.seq",
        )?;
        let rows = stmt.query_map([article_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (record, incident_id, source) = row?;
            Ok(StoredEvent {
                event: serde_json::from_str(&record)?,
                incident_id,
                source,
            })
        })
        .collect()
    }

    fn incident(&self, id: i64) -> Result<Option<Incident>> {
        let record: Option<String> = self
            .conn
            .query_row("SELECT record FROM incidents WHERE id = ?", [id], |r| {
                r.get(0)
            })
            .optional()?;
        record.map(|r| incident_from(id, &r)).transpose()
    }

    fn stats(&self, filter: &EventFilter) -> Result<Stats> {
        let table = if filter.incidents {
            "incidents"
        } else {
            "events"
        };
        let key = if filter.incidents { "id" } else { "seq" };
        let clause = filter.clause(key, false)?;
        let (events, fatalities) = self.conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(fatalities), 0) FROM {table} WHERE {}",
                clause.sql
            ),
            params_from_iter(&clause.params),
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )?;
        let counts = |column: &str, extra: &str, order: &str| -> Result<Vec<Count>> {
            let sql = format!(
                "SELECT {column}, count(*), coalesce(sum(fatalities), 0) FROM {table} WHERE {}{extra} GROUP BY {column} ORDER BY {order}",
                clause.sql
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(&clause.params), |r| {
                Ok(Count {
                    key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    events: r.get::<_, i64>(1)? as u64,
                    fatalities: r.get::<_, i64>(2)? as u64,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            events: events as u64,
            fatalities: fatalities as u64,
            by_day: counts("event_date", " AND event_date IS NOT NULL", "event_date")?,
            by_type: counts("event_type", "", "count(*) DESC, event_type")?,
            by_country: counts("country_code", "", "count(*) DESC, country_code")?,
        })
    }

    fn totals(&self) -> Result<Totals> {
        let count = |table: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Totals {
            articles: count("articles")?,
            events: count("events")?,
            incidents: count("incidents")?,
        })
    }
}

fn article_from_row(r: &rusqlite::Row) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: r.get(0)?,
        url: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
        title: r.get(4)?,
        text: r.get(5)?,
        content_hash: r.get(6)?,
        fetched_at: r.get(7)?,
    })
}

/// One page of a listing: rows in the common order, one extra fetched to
/// know whether another page follows.
fn page<T>(
    conn: &Connection,
    filter: &EventFilter,
    select: &str,
    key: &str,
    read: impl Fn(&rusqlite::Row) -> Result<T>,
) -> Result<Page<T>> {
    let clause = filter.clause(key, true)?;
    let limit = if filter.limit == 0 {
        String::new()
    } else {
        format!(" LIMIT {}", filter.limit + 1)
    };
    let sql = format!(
        "{select} WHERE {} ORDER BY {}{limit}",
        clause.sql,
        order(key)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&clause.params))?;
    let mut items = Vec::new();
    let mut last: Option<Cursor> = None;
    while let Some(row) = rows.next()? {
        if filter.limit > 0 && items.len() == filter.limit {
            return Ok(Page {
                items,
                next_cursor: last.map(|c| c.encode()),
            });
        }
        last = Some(Cursor {
            seq: row.get(0)?,
            date: row.get(1)?,
        });
        items.push(read(row)?);
    }
    Ok(Page {
        items,
        next_cursor: None,
    })
}

/// What the incidents table's `record` column holds: the incident without
/// its id, which is the row's key.
#[derive(Serialize, Deserialize)]
struct IncidentBody {
    record: Event,
    fatalities_min: u64,
    fatalities_max: u64,
    sources: usize,
    reports: Vec<IncidentReport>,
}

fn incident_from(id: i64, json: &str) -> Result<Incident> {
    let body: IncidentBody = serde_json::from_str(json)?;
    let mut record = body.record;
    record.event_id = format!("inc-{id}");
    Ok(Incident {
        id,
        record,
        fatalities_min: body.fatalities_min,
        fatalities_max: body.fatalities_max,
        sources: body.sources,
        reports: body.reports,
    })
}

/// The stored article that `article` is a version of: same URL, or same id.
struct Existing {
    id: String,
    url: Option<String>,
    content_hash: String,
}

fn find_existing(tx: &Transaction, article: &Article, id: &str) -> Result<Option<Existing>> {
    let read = |r: &rusqlite::Row| {
        Ok(Existing {
            id: r.get(0)?,
            url: r.get(1)?,
            content_hash: r.get(2)?,
        })
    };
    if let Some(url) = article.url.as_deref().filter(|u| !u.is_empty()) {
        let by_url = tx
            .prepare_cached("SELECT id, url, content_hash FROM articles WHERE url = ?")?
            .query_row([url], read)
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    let by_id = tx
        .prepare_cached("SELECT id, url, content_hash FROM articles WHERE id = ?")?
        .query_row([id], read)
        .optional()?;
    // the same id under another URL is another article whose id collides
    Ok(by_id.filter(|e| e.url.is_none() || article.url.is_none() || e.url == article.url))
}

/// The reports of the incidents a transaction has touched, by incident, as
/// [`refresh_incident`] reads them from the database: a report joining an
/// incident is added here instead of every record of the incident being
/// read and parsed again.
type IncidentReports = HashMap<i64, Vec<Report>>;

fn ingest_one(
    tx: &Transaction,
    config: &MergeConfig,
    article: &Article,
    extraction: &Extraction,
    fetched_at: i64,
    reports: &mut IncidentReports,
) -> Result<IngestReport> {
    let hash = content_hash(&article.text);
    let url = article.url.as_deref().filter(|u| !u.is_empty());
    if let Some(existing) = find_existing(tx, article, &extraction.article_id)? {
        if existing.content_hash == hash {
            return Ok(IngestReport {
                outcome: IngestOutcome::Unchanged,
                article_id: existing.id,
                events: 0,
            });
        }
        // events leave their incidents: read them from the database again
        reports.clear();
        let affected = remove_events(tx, &existing.id)?;
        tx.prepare_cached(
            "UPDATE articles SET url = coalesce(?, url), outlet = ?, published = ?, title = ?, text = ?, content_hash = ?, fetched_at = ? WHERE id = ?",
        )?
        .execute(params![
            url,
            article.source,
            article.published.map(|d| d.to_string()),
            article.title,
            article.text,
            hash,
            fetched_at,
            existing.id
        ])?;
        for incident in affected {
            refresh_incident(tx, incident, reports)?;
        }
        let events = store_events(tx, config, &existing.id, article, extraction, reports)?;
        return Ok(IngestReport {
            outcome: IngestOutcome::Updated,
            article_id: existing.id,
            events,
        });
    }
    let duplicate: Option<String> = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ? LIMIT 1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?;
    if let Some(id) = duplicate {
        return Ok(IngestReport {
            outcome: IngestOutcome::Duplicate,
            article_id: id,
            events: 0,
        });
    }
    let id = free_article_id(tx, &extraction.article_id)?;
    tx.prepare_cached(
        "INSERT INTO articles (id, url, outlet, published, title, text, content_hash, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        id,
        url,
        article.source,
        article.published.map(|d| d.to_string()),
        article.title,
        article.text,
        hash,
        fetched_at
    ])?;
    let events = store_events(tx, config, &id, article, extraction, reports)?;
    Ok(IngestReport {
        outcome: IngestOutcome::New,
        article_id: id,
        events,
    })
}

/// `id`, or `id~2`, `id~3` ... when another article holds it.
fn free_article_id(tx: &Transaction, id: &str) -> Result<String> {
    let mut stmt = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?")?;
    let mut candidate = id.to_owned();
    let mut n = 1;
    while stmt.exists([&candidate])? {
        n += 1;
        candidate = format!("{id}~{n}");
    }
    Ok(candidate)
}

/// Deletes an article's events; returns the incidents they were part of.
fn remove_events(tx: &Transaction, article_id: &str) -> Result<Vec<i64>> {
    let incidents: Vec<i64> = tx
        .prepare_cached(
            "SELECT DISTINCT incident_id FROM events WHERE article_id = ? AND incident_id IS NOT NULL",
        )?
        .query_map([article_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM events WHERE article_id = ?")?
        .execute([article_id])?;
    Ok(incidents)
}

/// Stores the events of an article (under its stored id) and merges each.
fn store_events(
    tx: &Transaction,
    config: &MergeConfig,
    article_id: &str,
    article: &Article,
    extraction: &Extraction,
    reports: &mut IncidentReports,
) -> Result<usize> {
    let source = ReportSource {
        id: article_id.to_owned(),
        url: tx
            .prepare_cached("SELECT url FROM articles WHERE id = ?")?
            .query_row([article_id], |r| r.get(0))?,
        outlet: article.source.clone(),
        published: article.published,
    };
    // the incidents this article's events are in: two events of one
    // article are never one incident
    let mut taken = Vec::new();
    for event in &extraction.events {
        let mut event = event.clone();
        if article_id != extraction.article_id {
            event.event_id = event
                .event_id
                .replacen(&extraction.article_id, article_id, 1);
        }
        event.article_id = article_id.to_owned();
        let seq = insert_event(tx, &mut event)?;
        taken.push(merge_event(
            tx, config, seq, &event, &source, &taken, reports,
        )?);
    }
    Ok(extraction.events.len())
}

fn insert_event(tx: &Transaction, event: &mut Event) -> Result<i64> {
    let base = event.event_id.clone();
    let mut n = 1;
    let actors = crate::search::actors_text(event);
    let search = crate::search::search_text(event, &actors);
    loop {
        let record = serde_json::to_string(&*event)?;
        let inserted = tx
            .prepare_cached(
                "INSERT INTO events (id, article_id, event_date, time_precision, event_type, sub_event_type, country_code, admin1, latitude, longitude, geo_precision, fatalities, actors, actor_keys, search, record)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                event.event_id,
                event.article_id,
                event.event_date,
                event.time_precision,
                event.event_type,
                event.sub_event_type,
                event.country_code,
                event.admin1,
                event.latitude,
                event.longitude,
                event.geo_precision,
                event.fatalities as i64,
                actors,
                crate::search::actor_keys(event),
                search,
                record
            ]);
        match inserted {
            Ok(_) => return Ok(tx.last_insert_rowid()),
            // two events of one article with the same id: number the later
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation && n < 100 =>
            {
                n += 1;
                event.event_id = format!("{base}-{n}");
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Puts a stored event into the best-matching incident not in `taken`, or
/// a new one; returns the incident.
fn merge_event(
    tx: &Transaction,
    config: &MergeConfig,
    seq: i64,
    event: &Event,
    source: &ReportSource,
    taken: &[i64],
    reports: &mut IncidentReports,
) -> Result<i64> {
    let key = MergeKey::of(event);
    let mut best: Option<(f64, i64)> = None;
    if let (Some(date), Some(country)) = (key.date, key.country_code.as_deref()) {
        let window = config.date_window_days.max(config.precise_date_window_days);
        let from = (date - chrono::Days::new(window as u64)).to_string();
        let to = (date + chrono::Days::new(window as u64)).to_string();
        // every match is in the same admin1 or within the radius: a box
        // around the point narrows the rows read
        let (dlat, dlon) = key.point.map_or((0.0, 0.0), |(lat, _)| {
            let dlat = config.radius_km / 111.0 + 0.01;
            (dlat, dlat / lat.to_radians().cos().max(0.01))
        });
        let bounds = key
            .point
            .map(|(lat, lon)| [lat - dlat, lat + dlat, lon - dlon, lon + dlon]);
        let mut stmt = tx.prepare_cached(
            "SELECT id, event_date, time_precision, event_type, sub_event_type, admin1, latitude, longitude, geo_precision, actor_keys
             FROM incidents
             WHERE country_code = ? AND coalesce(event_date, '') BETWEEN ? AND ?
               AND (admin1 = ? OR (latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?))",
        )?;
        let mut rows = stmt.query(params![
            country,
            from,
            to,
            key.admin1,
            bounds.map(|b| b[0]),
            bounds.map(|b| b[1]),
            bounds.map(|b| b[2]),
            bounds.map(|b| b[3]),
        ])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if taken.contains(&id) {
                continue;
            }
            let candidate = MergeKey {
                date: r.get::<_, Option<String>>(1)?.and_then(|d| d.parse().ok()),
                time_precision: r.get(2)?,
                event_type: r.get(3)?,
                sub_event_type: r.get(4)?,
                country_code: Some(country.to_owned()),
                admin1: r.get(5)?,
                point: r.get::<_, Option<f64>>(6)?.zip(r.get::<_, Option<f64>>(7)?),
                geo_precision: r.get(8)?,
                actors: merge::parse_actor_keys(&r.get::<_, String>(9)?),
            };
            if let Some(score) = merge::match_score(&key, &candidate, config) {
                if !matches!(best, Some((b, _)) if b <= score) {
                    best = Some((score, id));
                }
            }
        }
    }
    let incident = match best {
        Some((_, incident)) => {
            tx.prepare_cached("UPDATE events SET incident_id = ? WHERE seq = ?")?
                .execute(params![incident, seq])?;
            // the newest event: the last report, as ORDER BY seq reads them
            if let Some(known) = reports.get_mut(&incident) {
                known.push(Report {
                    event: event.clone(),
                    article: source.clone(),
                });
            }
            refresh_incident(tx, incident, reports)?;
            incident
        }
        None => {
            let report = Report {
                event: event.clone(),
                article: source.clone(),
            };
            let summary = merge::summarize(std::slice::from_ref(&report));
            let id = write_incident(tx, None, &summary)?;
            tx.prepare_cached("UPDATE events SET incident_id = ? WHERE seq = ?")?
                .execute(params![id, seq])?;
            reports.insert(id, vec![report]);
            id
        }
    };
    Ok(incident)
}

/// Recomputes an incident from its reports (those of `known` if it holds
/// them, else read from the database and kept there); deletes it when none
/// is left.
fn refresh_incident(tx: &Transaction, incident: i64, known: &mut IncidentReports) -> Result<()> {
    if let std::collections::hash_map::Entry::Vacant(slot) = known.entry(incident) {
        slot.insert(read_reports(tx, incident)?);
    }
    let reports = &known[&incident];
    if reports.is_empty() {
        known.remove(&incident);
        tx.prepare_cached("DELETE FROM incidents WHERE id = ?")?
            .execute([incident])?;
    } else {
        write_incident(tx, Some(incident), &merge::summarize(reports))?;
    }
    Ok(())
}

/// An incident's reports from the database, in the order they were stored.
fn read_reports(tx: &Transaction, incident: i64) -> Result<Vec<Report>> {
    tx
        .prepare_cached(
            "SELECT e.record, a.id, a.url, a.outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id
             WHERE e.incident_id = ? ORDER BY e.seq",
        )?
        .query_map([incident], |r| {
            Ok((
                r.get::<_, String>(0)?,
                ReportSource {
                    id: r.get(1)?,
                    url: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|d| d.parse().ok()),
                },
            ))
        })?
        .map(|row| {
            let (record, article) = row?;
            Ok(Report {
                event: serde_json::from_str(&record)?,
                article,
            })
        })
        .collect()
}

fn write_incident(tx: &Transaction, id: Option<i64>, summary: &Summary) -> Result<i64> {
    let body = serde_json::to_string(&IncidentBody {
        record: summary.record.clone(),
        fatalities_min: summary.fatalities_min,
        fatalities_max: summary.fatalities_max,
        sources: summary.sources,
        reports: summary.reports.clone(),
    })?;
    let r = &summary.record;
    let actors = crate::search::actors_text(r);
    let search = crate::search::search_text(r, &actors);
    let values = params![
        r.event_date,
        r.time_precision,
        r.event_type,
        r.sub_event_type,
        r.country_code,
        r.admin1,
        r.latitude,
        r.longitude,
        r.geo_precision,
        r.fatalities as i64,
        summary.sources as i64,
        actors,
        summary.actor_keys,
        search,
        body,
    ];
    match id {
        Some(id) => {
            let mut stmt = tx.prepare_cached(
                "UPDATE incidents SET event_date = ?1, time_precision = ?2, event_type = ?3, sub_event_type = ?4, country_code = ?5, admin1 = ?6, latitude = ?7, longitude = ?8, geo_precision = ?9, fatalities = ?10, sources = ?11, actors = ?12, actor_keys = ?13, search = ?14, record = ?15 WHERE id = ?16",
            )?;
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            stmt.execute(all.as_slice())?;
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO incidents (event_date, time_precision, event_type, sub_event_type, country_code, admin1, latitude, longitude, geo_precision, fatalities, sources, actors, actor_keys, search, record)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(values)?;
            Ok(tx.last_insert_rowid())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_how_the_text_is_wrapped() {
        assert_eq!(
            content_hash("قتل  ثلاثة\nجنود "),
            content_hash("قتل ثلاثة جنود")
        );
        assert_ne!(
            content_hash("قتل ثلاثة جنود"),
            content_hash("قتل أربعة جنود")
        );
    }
}
