//! The desk's saved replies (see `templates`).

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use crate::locale::Locale;
use crate::templates::{Template, TemplateName};

/// Adds a template, or replaces the text of the one with that name and locale.
pub async fn save(writer: &Writer, template: &Template, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO reply_templates (name, locale, body, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name, locale) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(template.name.as_str())
    .bind(template.locale.tag())
    .bind(&template.text)
    .bind(at_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// Every template, by name then locale.
pub async fn list(pool: &AnyPool) -> Result<Vec<Template>, StoreError> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name, locale, body FROM reply_templates ORDER BY name, locale")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(name, locale, body)| {
            let invalid = |e: String| StoreError::Invalid(format!("template «{name}»: {e}"));
            Ok(Template {
                name: TemplateName::parse(&name).map_err(|e| invalid(e.to_string()))?,
                locale: locale
                    .parse()
                    .map_err(|e: crate::locale::UnknownLocale| invalid(e.to_string()))?,
                text: body,
            })
        })
        .collect()
}

/// Removes a template in one locale, or in every locale; how many went.
pub async fn remove(
    writer: &Writer,
    name: &TemplateName,
    locale: Option<Locale>,
) -> Result<u64, StoreError> {
    let done = match locale {
        Some(locale) => {
            sqlx::query("DELETE FROM reply_templates WHERE name = $1 AND locale = $2")
                .bind(name.as_str())
                .bind(locale.tag())
                .execute(&mut *writer.conn().await?)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM reply_templates WHERE name = $1")
                .bind(name.as_str())
                .execute(&mut *writer.conn().await?)
                .await?
        }
    };
    Ok(done.rows_affected())
}

/// The desk's templates become exactly these, all or nothing.
pub async fn replace_all(
    writer: &Writer,
    templates: &[Template],
    at_ms: i64,
) -> Result<(), StoreError> {
    let mut tx = writer.begin().await?;
    sqlx::query("DELETE FROM reply_templates")
        .execute(&mut *tx)
        .await?;
    for template in templates {
        sqlx::query(
            "INSERT INTO reply_templates (name, locale, body, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(template.name.as_str())
        .bind(template.locale.tag())
        .bind(&template.text)
        .bind(at_ms)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The text of `name` in the first of `locales` that has it, else in any.
pub async fn find(
    conn: &mut AnyConnection,
    name: &TemplateName,
    locales: &[Locale],
) -> Result<Option<String>, StoreError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT locale, body FROM reply_templates WHERE name = $1 ORDER BY locale")
            .bind(name.as_str())
            .fetch_all(conn)
            .await?;
    let preferred = locales
        .iter()
        .find_map(|l| rows.iter().find(|(locale, _)| locale == l.tag()));
    Ok(preferred.or(rows.first()).map(|(_, body)| body.clone()))
}

/// The names there are, for an agent who asks for one that is not.
pub async fn names(conn: &mut AnyConnection) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT name FROM reply_templates ORDER BY name")
            .fetch_all(conn)
            .await?,
    )
}
