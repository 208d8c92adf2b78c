//! The agents' groups by service (see `agents::routes`).

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use crate::agents::routes::{GroupChatId, ServiceRoute};

/// A service of the catalogue named by its code or its name (accents and
/// case aside): its code.
pub async fn service_code(pool: &AnyPool, named: &str) -> Result<Option<String>, StoreError> {
    let services: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM services")
        .fetch_all(pool)
        .await?;
    let wanted = crate::words::fold(named.trim());
    Ok(services
        .into_iter()
        .find(|(code, name)| {
            crate::words::fold(code) == wanted || crate::words::fold(name) == wanted
        })
        .map(|(code, _)| code))
}

/// The catalogue's services, code and name, for a refused name.
pub async fn services(pool: &AnyPool) -> Result<Vec<(String, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT code, name FROM services ORDER BY sort_order, id")
            .fetch_all(pool)
            .await?,
    )
}

/// Routes a service's conversations to `group` (or moves them there).
pub async fn set(
    writer: &Writer,
    service_code: &str,
    group: GroupChatId,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agent_routes (service_code, group_chat_id, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (service_code) DO UPDATE
            SET group_chat_id = excluded.group_chat_id, updated_at = excluded.updated_at",
    )
    .bind(service_code)
    .bind(group.get())
    .bind(at_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// Every route, in catalogue order.
pub async fn list(conn: &mut AnyConnection) -> Result<Vec<ServiceRoute>, StoreError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT s.code, s.name, r.group_chat_id FROM agent_routes r
           JOIN services s ON s.code = r.service_code ORDER BY s.sort_order, s.id",
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(code, name, group)| {
            let group = GroupChatId::new(group)
                .map_err(|e| StoreError::Invalid(format!("route of «{code}»: {e}")))?;
            Ok(ServiceRoute { code, name, group })
        })
        .collect()
}

/// Removes a service's route: its conversations go to the general group.
pub async fn remove(writer: &Writer, service_code: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM agent_routes WHERE service_code = $1")
        .bind(service_code)
        .execute(&mut *writer.conn().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The desk's routes become exactly these (service codes), all or nothing.
pub async fn replace_all(
    writer: &Writer,
    routes: &[(String, GroupChatId)],
    at_ms: i64,
) -> Result<(), StoreError> {
    let mut tx = writer.begin().await?;
    sqlx::query("DELETE FROM agent_routes")
        .execute(&mut *tx)
        .await?;
    for (code, group) in routes {
        sqlx::query(
            "INSERT INTO agent_routes (service_code, group_chat_id, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(code)
        .bind(group.get())
        .bind(at_ms)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a chat is a service's agents' group, or was one and still has
/// conversations open (its route removed or moved meanwhile).
pub async fn is_group(pool: &AnyPool, chat_id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT group_chat_id FROM agent_routes WHERE group_chat_id = $1
         UNION ALL
         SELECT group_chat_id FROM handoffs WHERE group_chat_id = $1 AND ended_at IS NULL
         LIMIT 1",
    )
    .bind(chat_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}
