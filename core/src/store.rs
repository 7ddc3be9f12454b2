//! The SQLite file: opening, pragmas, migrations and raw row access.
//!
//! Two tables with neutral names: `h` holds the header, the two sealed
//! directory rows (one per space; an unused one holds random bytes of the
//! same shape), the lock row and the cover's drop box for failed unlocks; `b` holds sealed records keyed by a
//! random 16-byte id. Nothing
//! in the schema says what the file is for, and nothing in a row is readable
//! without the data key.
//!
//! Opening an existing file reads `PRAGMA user_version` before anything is
//! written, so a file from a newer version, or one that is not a vault, is
//! refused untouched.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::record::RecordId;
use crate::{Result, VaultError};

/// The schema version this code writes. Each entry of [`MIGRATIONS`] moves
/// the file one version up; entry `i` leads from version `i` to `i + 1`.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the header table and the sealed-record table.
    "CREATE TABLE h (k INTEGER PRIMARY KEY, v BLOB NOT NULL);
     CREATE TABLE b (id BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;",
];

/// Rows of table `h`.
pub(crate) const HEADER_ROW: i64 = 0;
/// The two directory rows; which space uses which is chosen at random.
pub(crate) const DIRECTORY_ROWS: [i64; 2] = [1, 2];
/// The lock policy and failed-unlock count (see `lockout`).
pub(crate) const LOCK_ROW: i64 = 3;
/// The cover space's drop box for failed unlocks (see `cover_box`).
pub(crate) const COVER_BOX_ROW: i64 = 4;

/// How long to wait for another connection's write lock.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Creates a new file at `path`, with the schema and the rows of `h`
/// written in one transaction: either all of it exists afterwards, or the
/// file holds no vault at all (and is removed). On Unix the file is made
/// readable by its owner only (0600) before SQLite opens it, and SQLite
/// gives its `-wal` and `-shm` files the same mode.
pub(crate) fn create(path: &Path, meta: &[(i64, Vec<u8>)]) -> Result<Connection> {
    if path.exists() {
        return Err(VaultError::AlreadyExists);
    }
    create_private_file(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let result = Connection::open_with_flags(path, flags)
        .map_err(VaultError::from)
        .and_then(|mut conn| {
            configure(&conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            migrate(&tx, 0)?;
            for (row, value) in meta {
                upsert_meta(&tx, *row, value)?;
            }
            tx.commit()?;
            Ok(conn)
        });
    if result.is_err() {
        // Only files this call created are removed: `path` did not exist.
        remove_files(path);
    }
    result.map_err(|e| match e {
        VaultError::NotFound => VaultError::Storage,
        other => other,
    })
}

/// Creates an empty file at `path` that only its owner can read and
/// write; `AlreadyExists` if something is there.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(VaultError::AlreadyExists),
        Err(_) => Err(VaultError::Storage),
    }
}

/// Opens an existing vault file and brings its schema up to date.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(VaultError::NotFound),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(VaultError::NotFound),
        Err(_) => return Err(VaultError::Storage),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Read-only checks first: nothing is written to a file we will refuse.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(VaultError::UnsupportedVersion);
    }
    if version < 1 {
        return Err(VaultError::Corrupt);
    }
    let has_tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('h', 'b')",
        [],
        |r| r.get(0),
    )?;
    if has_tables != 2 {
        return Err(VaultError::Corrupt);
    }
    configure(&conn)?;
    let mut conn = conn;
    if version < SCHEMA_VERSION {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        migrate(&tx, version)?;
        tx.commit()?;
    }
    Ok(conn)
}

/// The pragmas every connection runs with. `synchronous=FULL` makes every
/// committed write durable across a power cut (see the README).
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(VaultError::Storage);
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA trusted_schema = OFF;
         PRAGMA cell_size_check = ON;",
    )?;
    Ok(())
}

/// Runs the migrations from `from` up to [`SCHEMA_VERSION`] inside the
/// caller's transaction, then records the new version.
fn migrate(conn: &Connection, from: i64) -> Result<()> {
    let start = usize::try_from(from).map_err(|_| VaultError::Corrupt)?;
    for step in MIGRATIONS.iter().skip(start) {
        conn.execute_batch(step)?;
    }
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// Removes a vault file, the files SQLite keeps beside it and the hold
/// file (`hold`). Best effort.
pub(crate) fn remove_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", crate::hold::SUFFIX] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

pub(crate) fn read_meta(conn: &Connection, row: i64) -> Result<Vec<u8>> {
    read_meta_opt(conn, row)?.ok_or(VaultError::Corrupt)
}

/// A row of `h`, or `None` when the file predates it.
pub(crate) fn read_meta_opt(conn: &Connection, row: i64) -> Result<Option<Vec<u8>>> {
    // A value of the wrong type (a tampered row) reads as empty.
    let value = conn
        .query_row("SELECT v FROM h WHERE k = ?1", [row], |r| {
            Ok(r.get_ref(0)?.as_blob().unwrap_or_default().to_vec())
        })
        .optional()?;
    Ok(value)
}

fn upsert_meta(conn: &Connection, row: i64, value: &[u8]) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT OR REPLACE INTO h (k, v) VALUES (?1, ?2)")?;
    stmt.execute(params![row, value])?;
    Ok(())
}

/// Writes rows of `h` (header, directories, lock row) together, atomically.
pub(crate) fn write_meta(conn: &mut Connection, rows: &[(i64, &[u8])]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (row, value) in rows {
        upsert_meta(&tx, *row, value)?;
    }
    tx.commit()?;
    Ok(())
}

/// Writes rows of `h` inside the caller's transaction.
pub(crate) fn write_meta_in(conn: &Connection, rows: &[(i64, &[u8])]) -> Result<()> {
    for (row, value) in rows {
        upsert_meta(conn, *row, value)?;
    }
    Ok(())
}

/// Inserts a record, or replaces the one with the same id.
pub(crate) fn upsert_record(conn: &Connection, id: &[u8], blob: &[u8]) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT OR REPLACE INTO b (id, v) VALUES (?1, ?2)")?;
    stmt.execute(params![id, blob])?;
    Ok(())
}

/// Deletes a record; returns whether it existed. With `secure_delete` the
/// freed page content is zeroed in the database file.
pub(crate) fn delete_record(conn: &Connection, id: &[u8]) -> Result<bool> {
    let mut stmt = conn.prepare_cached("DELETE FROM b WHERE id = ?1")?;
    Ok(stmt.execute([id])? > 0)
}

/// Calls `f` with every stored record's id and sealed blob.
pub(crate) fn for_each_record(conn: &Connection, mut f: impl FnMut(&[u8], &[u8])) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id, v FROM b")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        // A value of the wrong type (a tampered row) is passed on as empty,
        // so that it is reported as damaged without hiding the other rows.
        let id = row.get_ref(0)?.as_blob().unwrap_or_default();
        let blob = row.get_ref(1)?.as_blob().unwrap_or_default();
        f(id, blob);
    }
    Ok(())
}

/// Every sealed record, as `(id, blob)`.
pub(crate) fn all_records(conn: &Connection) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut rows = Vec::new();
    for_each_record(conn, |id, blob| rows.push((id.to_vec(), blob.to_vec())))?;
    Ok(rows)
}

/// Deletes the records `delete` and stores `records`, in one transaction.
pub(crate) fn replace_records(
    conn: &mut Connection,
    delete: &[Vec<u8>],
    records: &[(RecordId, Vec<u8>)],
) -> Result<()> {
    let tx = conn.transaction()?;
    for id in delete {
        delete_record(&tx, id)?;
    }
    for (id, blob) in records {
        upsert_record(&tx, &id.0, blob)?;
    }
    tx.commit()?;
    checkpoint(conn);
    Ok(())
}

pub(crate) fn count_records(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM b", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Copies the WAL into the database file and truncates it, so that pages a
/// deletion overwrote do not linger in the WAL. Best effort: a reader
/// holding the WAL open makes it a no-op, never an error.
pub(crate) fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// The id of every stored record (for a pass that rewrites rows one by one
/// inside a transaction, without holding every blob in memory).
pub(crate) fn record_ids(conn: &Connection) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM b")?;
    let mut rows = stmt.query([])?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        ids.push(row.get_ref(0)?.as_blob().unwrap_or_default().to_vec());
    }
    Ok(ids)
}

/// One stored record's sealed blob (empty when it is not a blob).
pub(crate) fn read_record(conn: &Connection, id: &[u8]) -> Result<Option<Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT v FROM b WHERE id = ?1")?;
    let value = stmt
        .query_row([id], |r| {
            Ok(r.get_ref(0)?.as_blob().unwrap_or_default().to_vec())
        })
        .optional()?;
    Ok(value)
}
