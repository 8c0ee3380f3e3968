//! The database as the async handlers see it: SQLite calls run on tokio's
//! blocking threads, never on the executor; at most [`READERS`] reads run
//! at once, each on a pooled connection kept open (its page cache stays
//! warm), while the single writer writes (WAL).

use crate::error::ApiError;
use rasd_store::SqliteStore;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Reads running at once, and read connections kept open. More would only
/// queue for the same cores and open cold connections.
const READERS: usize = 8;

pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    read_permits: Semaphore,
    writer: Mutex<SqliteStore>,
}

impl Db {
    /// Opens (creating if needed) the database, checking it can be read.
    pub fn open(path: PathBuf) -> rasd_store::Result<Db> {
        let writer = SqliteStore::open(&path)?;
        Ok(Db {
            path,
            idle: Mutex::new(Vec::new()),
            read_permits: Semaphore::new(READERS),
            writer: Mutex::new(writer),
        })
    }

    /// Runs a read on a pooled connection, off the executor.
    pub async fn read<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> rasd_store::Result<T> + Send + 'static,
    {
        let _permit = self
            .read_permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the database is closed"))?;
        let db = Arc::clone(self);
        run_blocking(move || {
            let pooled = db.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let store = match pooled {
                Some(store) => store,
                None => SqliteStore::open(&db.path)?,
            };
            let result = query(&store);
            db.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(store);
            result
        })
        .await
    }

    /// Runs a write on the one writing connection, off the executor.
    pub async fn write<T, F>(self: &Arc<Self>, update: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteStore) -> rasd_store::Result<T> + Send + 'static,
    {
        let db = Arc::clone(self);
        run_blocking(move || {
            let mut writer = db.writer.lock().unwrap_or_else(|e| e.into_inner());
            update(&mut writer)
        })
        .await
    }
}

async fn run_blocking<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> rasd_store::Result<T> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(e) => Err(ApiError::internal(format!("database task failed: {e}"))),
    }
}
