//! The desk's people: the directory (transfers), the staff registry (calls
//! outside) and the agents' names.

use std::path::Path;

use chrono::Utc;

use super::Admin;
use crate::directory::{DirectoryEntry, DirectoryFile};
use crate::store::{self, handoffs};
use crate::t;

impl Admin<'_> {
    pub async fn directory_list(&self) -> anyhow::Result<()> {
        for entry in store::directory::list(self.store.reader()).await? {
            let email = entry.email.as_deref().unwrap_or("-");
            let chat = entry
                .telegram_chat_id
                .map(|c| format!(" · Telegram {c}"))
                .unwrap_or_default();
            println!(
                "{:>4}  {} · {} · ext. {} · {email}{chat}",
                entry.id, entry.name, entry.area, entry.extension
            );
        }
        Ok(())
    }

    pub async fn directory_import(&self, file: &Path) -> anyhow::Result<()> {
        let directory = DirectoryFile::read(file)?;
        store::directory::replace_all(self.store.writer(), &directory.entries).await?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-directory-imported",
                count = directory.entries.len()
            )
        );
        Ok(())
    }

    pub async fn directory_export(&self, file: &Path) -> anyhow::Result<()> {
        let entries: Vec<DirectoryEntry> = store::directory::list(self.store.reader())
            .await?
            .into_iter()
            .map(DirectoryEntry::from)
            .collect();
        let count = entries.len();
        DirectoryFile { entries }.write(file)?;
        let path = file.display().to_string();
        println!(
            "{}",
            t!(
                self.lang,
                "cli-directory-exported",
                count = count,
                path = path
            )
        );
        Ok(())
    }

    pub async fn staff_import(&self, file: &Path) -> anyhow::Result<bool> {
        let mut reader =
            csv::Reader::from_path(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let mut staff = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
            let email = crate::contact::Email::parse(&field(0)).map_err(|_| {
                anyhow::anyhow!(
                    "{}: row {}: «{}» is not an e-mail",
                    file.display(),
                    index + 2,
                    field(0)
                )
            })?;
            if field(1).is_empty() {
                anyhow::bail!("{}: row {}: the name is empty", file.display(), index + 2);
            }
            staff.push((email.to_string(), field(1), field(2)));
        }
        if staff.is_empty() {
            anyhow::bail!(
                "{} has no rows; refusing to empty the staff registry",
                file.display()
            );
        }
        store::calls::import_staff(self.store.writer(), &staff).await?;
        println!(
            "{}",
            t!(self.lang, "cli-staff-imported", count = staff.len())
        );
        Ok(true)
    }

    pub async fn staff_list(&self) -> anyhow::Result<()> {
        for (email, name, area) in store::calls::list_staff(self.store.reader()).await? {
            println!("{email:<40} {name} · {area}");
        }
        Ok(())
    }

    pub async fn agent_add(&self, user_id: i64, name: &str) -> anyhow::Result<bool> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            eprintln!("{}", t!(self.lang, "cli-agent-bad-name"));
            return Ok(false);
        }
        handoffs::add_agent(
            self.store.writer(),
            user_id,
            &name,
            store::to_millis(Utc::now()),
        )
        .await?;
        println!(
            "{}",
            t!(self.lang, "cli-agent-added", id = user_id, name = name)
        );
        Ok(true)
    }

    pub async fn agent_list(&self) -> anyhow::Result<()> {
        let agents = handoffs::list_agents(self.store.reader()).await?;
        if agents.is_empty() {
            println!("{}", t!(self.lang, "cli-agent-empty"));
        }
        for (user_id, name) in agents {
            println!("{user_id:>14}  {name}");
        }
        Ok(())
    }

    pub async fn agent_remove(&self, user_id: i64) -> anyhow::Result<bool> {
        let removed = handoffs::remove_agent(self.store.writer(), user_id).await?;
        if removed {
            println!("{}", t!(self.lang, "cli-agent-removed", id = user_id));
        } else {
            eprintln!("{}", t!(self.lang, "cli-agent-not-found", id = user_id));
        }
        Ok(removed)
    }
}
