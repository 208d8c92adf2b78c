//! Personal data: anonymising what is old and closed, one chat's data for
//! its owner (ARCO rights), and backups of all of it.

use chrono::Utc;

use super::Admin;
use crate::store;
use crate::t;

/// Where `privacy purge` cuts: what closed before it is anonymised.
#[derive(Clone, Copy, Debug)]
pub enum CutOff {
    DaysAgo(u32),
    /// The start of this day in the desk's time zone.
    Day(chrono::NaiveDate),
}

impl Admin<'_> {
    /// Anonymises closed conversations and tickets older than `days`.
    pub async fn privacy_purge(&self, cut_off: CutOff) -> anyhow::Result<()> {
        let before = match cut_off {
            CutOff::DaysAgo(days) => Utc::now() - chrono::Duration::days(i64::from(days)),
            CutOff::Day(day) => day
                .and_hms_opt(0, 0, 0)
                .and_then(|midnight| midnight.and_local_timezone(self.tz).earliest())
                .map(|local| local.with_timezone(&Utc))
                .ok_or_else(|| anyhow::anyhow!("{day} has no midnight in {}", self.tz))?,
        };
        let since = before
            .with_timezone(&self.tz)
            .format("%d/%m/%Y %H:%M")
            .to_string();
        let blank = serde_json::to_string(&crate::protocol::Conversation::default())?;
        let mut tx = self.store.begin().await?;
        let purged = store::privacy::purge(&mut tx, store::to_millis(before), &blank).await?;
        tx.commit().await?;
        // Old versions of rows linger in free space until it is reused: on
        // SQLite, VACUUM and an emptied log leave the data gone from the disk
        // too; on PostgreSQL, VACUUM marks the space for reuse (README says
        // what backups and the write-ahead log keep).
        let mut conn = self.store.writer().conn().await?;
        sqlx::query("VACUUM").execute(&mut *conn).await?;
        if self.store.dialect() == store::Dialect::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await?;
        }
        drop(conn);
        println!(
            "{}",
            t!(
                self.lang,
                "cli-privacy-purged",
                before = since,
                conversations = purged.conversations,
                messages = purged.messages,
                tickets = purged.tickets,
                mails = purged.mails,
                calls = purged.calls
            )
        );
        Ok(())
    }

    /// Everything stored about one chat, as JSON on the screen.
    pub async fn privacy_export(&self, chat_id: i64) -> anyhow::Result<()> {
        let mut conn = self.store.reader().acquire().await?;
        let data = store::privacy::export(&mut conn, chat_id).await?;
        println!("{}", serde_json::to_string_pretty(&data)?);
        Ok(())
    }
}

impl Admin<'_> {
    /// `mesabot backup FILE`: the copy, then its check; `false` when the copy
    /// is not sound.
    pub async fn backup(&self, file: &std::path::Path) -> anyhow::Result<bool> {
        store::backup::write(self.store, file).await?;
        let checked = store::backup::check(file).await?;
        let path = file.display().to_string();
        if checked.sound() {
            println!(
                "{}",
                t!(
                    self.lang,
                    "cli-backup-written",
                    path = path,
                    conversations = checked.conversations,
                    tickets = checked.tickets
                )
            );
            Ok(true)
        } else {
            eprintln!(
                "{}",
                t!(
                    self.lang,
                    "cli-backup-unsound",
                    path = path,
                    integrity = checked.integrity
                )
            );
            Ok(false)
        }
    }
}
