//! The desk's phrase files (see `understand`), one per locale; a locale
//! without a stored file uses the one shipped with mesabot.

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use crate::locale::Locale;

/// The stored file of each locale that has one.
pub async fn stored(conn: &mut AnyConnection) -> Result<Vec<(Locale, String)>, StoreError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT locale, body FROM phrasebooks ORDER BY locale")
            .fetch_all(conn)
            .await?;
    rows.into_iter()
        .map(|(locale, body)| {
            let locale = locale
                .parse()
                .map_err(|e: crate::locale::UnknownLocale| StoreError::Invalid(e.to_string()))?;
            Ok((locale, body))
        })
        .collect()
}

/// One locale's stored file, if the desk imported one.
pub async fn get(pool: &AnyPool, locale: Locale) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT body FROM phrasebooks WHERE locale = $1")
            .bind(locale.tag())
            .fetch_optional(pool)
            .await?,
    )
}

/// Stores a locale's file (already checked by the caller), replacing the previous one.
pub async fn replace(
    writer: &Writer,
    locale: Locale,
    body: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO phrasebooks (locale, body, imported_at) VALUES ($1, $2, $3)
         ON CONFLICT (locale) DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at",
    )
    .bind(locale.tag())
    .bind(body)
    .bind(at_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// Back to the shipped file.
pub async fn reset(writer: &Writer, locale: Locale) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM phrasebooks WHERE locale = $1")
        .bind(locale.tag())
        .execute(&mut *writer.conn().await?)
        .await?;
    Ok(done.rows_affected() > 0)
}
