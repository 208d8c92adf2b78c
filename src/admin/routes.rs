//! The administrators' commands for the agents' groups by service.

use std::path::Path;

use chrono::Utc;

use super::Admin;
use crate::agents::routes::{self, GroupChatId};
use crate::store::{self, to_millis};
use crate::t;

impl Admin<'_> {
    /// The catalogue's code for `named`, else `None` having said which
    /// services there are.
    async fn service_named(&self, named: &str) -> anyhow::Result<Option<String>> {
        if let Some(code) = store::routes::service_code(self.store.reader(), named).await? {
            return Ok(Some(code));
        }
        let services = store::routes::services(self.store.reader())
            .await?
            .into_iter()
            .map(|(code, name)| format!("{code} ({name})"))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "{}",
            t!(
                self.lang,
                "cli-route-unknown-service",
                service = named,
                services = services
            )
        );
        Ok(None)
    }

    pub async fn route_set(&self, service: &str, chat_id: &str) -> anyhow::Result<bool> {
        let group = match GroupChatId::parse(chat_id) {
            Ok(group) => group,
            Err(_) => {
                eprintln!("{}", t!(self.lang, "cli-route-not-a-group", chat = chat_id));
                return Ok(false);
            }
        };
        let Some(code) = self.service_named(service).await? else {
            return Ok(false);
        };
        store::routes::set(self.store.writer(), &code, group, to_millis(Utc::now())).await?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-route-set",
                service = code,
                group = group.to_string()
            )
        );
        Ok(true)
    }

    pub async fn route_list(&self) -> anyhow::Result<()> {
        let mut conn = self.store.reader().acquire().await?;
        let all = store::routes::list(&mut conn).await?;
        if all.is_empty() {
            println!("{}", t!(self.lang, "cli-route-empty"));
        }
        for route in all {
            println!("{:<12} {:<16} {}", route.code, route.group, route.name);
        }
        Ok(())
    }

    pub async fn route_remove(&self, service: &str) -> anyhow::Result<bool> {
        let Some(code) = self.service_named(service).await? else {
            return Ok(false);
        };
        if !store::routes::remove(self.store.writer(), &code).await? {
            eprintln!("{}", t!(self.lang, "cli-route-none", service = code));
            return Ok(false);
        }
        println!("{}", t!(self.lang, "cli-route-removed", service = code));
        Ok(true)
    }

    pub async fn route_export(&self, file: &Path) -> anyhow::Result<()> {
        let mut conn = self.store.reader().acquire().await?;
        let all = store::routes::list(&mut conn).await?;
        let path = super::write_for_editing(file, &routes::to_file(&all))?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-route-exported",
                count = all.len(),
                path = path
            )
        );
        Ok(())
    }

    /// Checks the whole file first, services included: a bad one changes nothing.
    pub async fn route_import(&self, file: &Path) -> anyhow::Result<bool> {
        let read = routes::read_file(file)?;
        let mut resolved = Vec::with_capacity(read.len());
        for (n, route) in read.into_iter().enumerate() {
            let Some(code) = self.service_named(&route.service).await? else {
                let entry = n + 1;
                eprintln!(
                    "{}",
                    t!(
                        self.lang,
                        "cli-route-import-refused",
                        path = file.display().to_string(),
                        entry = entry
                    )
                );
                return Ok(false);
            };
            resolved.push((code, route.group));
        }
        store::routes::replace_all(self.store.writer(), &resolved, to_millis(Utc::now())).await?;
        println!(
            "{}",
            t!(self.lang, "cli-route-imported", count = resolved.len())
        );
        Ok(true)
    }
}
