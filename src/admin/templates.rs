//! The administrators' commands for the desk's saved replies (`/plantilla`).

use std::path::Path;

use chrono::Utc;

use super::Admin;
use crate::locale::Locale;
use crate::store::{self, to_millis};
use crate::t;
use crate::templates::{self, Template, TemplateError, TemplateName};

impl Admin<'_> {
    pub async fn template_add(
        &self,
        name: &str,
        text: &str,
        locale: Locale,
    ) -> anyhow::Result<bool> {
        let template = TemplateName::parse(name).and_then(|n| Template::new(n, locale, text));
        let template = match template {
            Ok(template) => template,
            Err(error) => {
                eprintln!("{}", self.template_refused(name, &error));
                return Ok(false);
            }
        };
        store::templates::save(self.store.writer(), &template, to_millis(Utc::now())).await?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-template-added",
                name = template.name.as_str(),
                locale = locale.tag()
            )
        );
        Ok(true)
    }

    fn template_refused(&self, name: &str, error: &TemplateError) -> String {
        match error {
            TemplateError::Empty(_) => t!(self.lang, "cli-template-no-text", name = name),
            TemplateError::TooLong { chars, .. } => {
                let (chars, most) = (*chars, templates::MAX_TEXT_CHARS);
                t!(
                    self.lang,
                    "cli-template-too-long",
                    name = name,
                    chars = chars,
                    most = most
                )
            }
            _ => t!(self.lang, "cli-template-bad-name", name = name),
        }
    }

    pub async fn template_list(&self) -> anyhow::Result<()> {
        let all = store::templates::list(self.store.reader()).await?;
        if all.is_empty() {
            println!("{}", t!(self.lang, "cli-template-empty"));
        }
        for template in all {
            let first_line = template.text.lines().next().unwrap_or_default();
            println!(
                "{:<20} {:<6} {first_line}",
                template.name.as_str(),
                template.locale.tag()
            );
        }
        Ok(())
    }

    pub async fn template_remove(
        &self,
        name: &str,
        locale: Option<Locale>,
    ) -> anyhow::Result<bool> {
        let removed = match TemplateName::parse(name) {
            Ok(parsed) => store::templates::remove(self.store.writer(), &parsed, locale).await?,
            Err(_) => 0,
        };
        if removed == 0 {
            eprintln!("{}", t!(self.lang, "cli-template-not-found", name = name));
            return Ok(false);
        }
        println!(
            "{}",
            t!(
                self.lang,
                "cli-template-removed",
                name = name,
                count = removed
            )
        );
        Ok(true)
    }

    pub async fn template_export(&self, file: &Path) -> anyhow::Result<()> {
        let all = store::templates::list(self.store.reader()).await?;
        let path = super::write_for_editing(file, &templates::to_file(&all))?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-template-exported",
                count = all.len(),
                path = path
            )
        );
        Ok(())
    }

    /// Checks the whole file first: a bad one changes nothing.
    pub async fn template_import(&self, file: &Path) -> anyhow::Result<bool> {
        let all = templates::read_file(file)?;
        store::templates::replace_all(self.store.writer(), &all, to_millis(Utc::now())).await?;
        println!(
            "{}",
            t!(self.lang, "cli-template-imported", count = all.len())
        );
        Ok(true)
    }
}
