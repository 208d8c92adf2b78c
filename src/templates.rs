//! The desk's saved replies ("plantillas"): texts an agent sends to a user
//! with `/plantilla nombre` instead of typing them again. Data the desk
//! edits (`mesabot template add|list|remove|export|import`): one text per
//! name and locale, the user's locale chosen when the reply is sent.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;

/// Longest name: it is typed after `/plantilla`.
const MAX_NAME_CHARS: usize = 32;
/// Telegram's limit for one message is 4,096 characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// A template's name: one word, lowercase, without accents, so `/plantilla
/// Bienvenida` and `/plantilla bienvenida` find the same one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TemplateName(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error(
        "«{0}» is not a template name: one word of letters, digits, «-» or «_», at most {MAX_NAME_CHARS} characters"
    )]
    BadName(String),
    #[error("the template «{0}» has no text")]
    Empty(String),
    #[error(
        "the template «{name}» has {chars} characters; a Telegram message holds {MAX_TEXT_CHARS}"
    )]
    TooLong { name: String, chars: usize },
    #[error("the template «{name}» appears twice for {locale}")]
    Repeated { name: String, locale: Locale },
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
}

impl TemplateName {
    pub fn parse(raw: &str) -> Result<TemplateName, TemplateError> {
        let folded = crate::words::fold(raw.trim());
        let fits = !folded.is_empty()
            && folded.chars().count() <= MAX_NAME_CHARS
            && folded
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if fits {
            Ok(TemplateName(folded))
        } else {
            Err(TemplateError::BadName(raw.trim().to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TemplateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A saved reply in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub name: TemplateName,
    pub locale: Locale,
    pub text: String,
}

impl Template {
    pub fn new(name: TemplateName, locale: Locale, text: &str) -> Result<Template, TemplateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TemplateError::Empty(name.0));
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(TemplateError::TooLong {
                name: name.0,
                chars,
            });
        }
        Ok(Template {
            name,
            locale,
            text: text.to_owned(),
        })
    }
}

/// The file `template export` writes and `template import` reads.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    #[serde(default, rename = "template")]
    templates: Vec<TemplateRow>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateRow {
    name: String,
    locale: String,
    text: String,
}

const FILE_HEADER: &str = "# Respuestas guardadas de la Mesa de Ayuda: un [[template]] por nombre e idioma.\n\
# Los agentes las envían con /plantilla nombre; se usa la del idioma de la persona usuaria.\n\
# Saved replies: one [[template]] per name and locale (es-MX or en).\n\n";

/// Reads a templates file, every entry checked: the first bad one is named.
pub fn read_file(path: &Path) -> Result<Vec<Template>, TemplateError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| TemplateError::Read {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    parse_file(&text, &shown)
}

pub fn parse_file(text: &str, shown: &str) -> Result<Vec<Template>, TemplateError> {
    let file: TemplateFile = toml::from_str(text).map_err(|e| TemplateError::Syntax {
        path: shown.to_owned(),
        message: e.to_string(),
    })?;
    let mut templates: Vec<Template> = Vec::with_capacity(file.templates.len());
    for (n, row) in file.templates.into_iter().enumerate() {
        let at = |message: String| TemplateError::Syntax {
            path: shown.to_owned(),
            message: format!("template {}: {message}", n + 1),
        };
        let locale: Locale = row.locale.parse().map_err(|e| at(format!("{e}")))?;
        let name = TemplateName::parse(&row.name).map_err(|e| at(e.to_string()))?;
        let template = Template::new(name, locale, &row.text).map_err(|e| at(e.to_string()))?;
        if templates
            .iter()
            .any(|t| t.name == template.name && t.locale == template.locale)
        {
            return Err(at(TemplateError::Repeated {
                name: template.name.0,
                locale,
            }
            .to_string()));
        }
        templates.push(template);
    }
    Ok(templates)
}

/// The file for `templates`, ready to edit and import again.
pub fn to_file(templates: &[Template]) -> String {
    let file = TemplateFile {
        templates: templates
            .iter()
            .map(|t| TemplateRow {
                name: t.name.0.clone(),
                locale: t.locale.tag().to_owned(),
                text: t.text.clone(),
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&file).unwrap_or_default();
    format!("{FILE_HEADER}{body}")
}
