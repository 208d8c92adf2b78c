//! Second-level tickets (operations 6-9): their number, kind, the seed's
//! impact and urgency scales, the priority derived from them, and status.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The consecutive number of a ticket, shown with the desk's optional prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TicketNumber(i64);

impl TicketNumber {
    pub fn new(number: i64) -> Option<TicketNumber> {
        (number > 0).then_some(TicketNumber(number))
    }

    pub fn value(self) -> i64 {
        self.0
    }

    /// Parses "123", "#123", "No. 123" or "MESA-123" (with `prefix` "MESA-").
    pub fn parse(text: &str, prefix: &str) -> Option<TicketNumber> {
        let mut rest = text.trim();
        if !prefix.is_empty()
            && rest.len() >= prefix.len()
            && rest.is_char_boundary(prefix.len())
            && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            rest = &rest[prefix.len()..];
        }
        let lower = rest.to_lowercase();
        let rest = lower
            .trim_start_matches("no.")
            .trim_start_matches("núm.")
            .trim_start_matches('#')
            .trim();
        if rest.is_empty() || rest.len() > 12 || !rest.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        rest.parse().ok().and_then(TicketNumber::new)
    }

    /// Finds a ticket number in a sentence such as "¿cómo va mi ticket 123?"
    /// or "folio MESA-45": a number right after "ticket", "folio" or "reporte",
    /// or a word with the desk's prefix.
    pub fn find_in(text: &str, prefix: &str) -> Option<TicketNumber> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '?' | '¿' | '!' | '¡' | ':'))
            .filter(|w| !w.is_empty())
            .collect();
        for (index, word) in words.iter().enumerate() {
            let lower = word.to_lowercase();
            if ["ticket", "tiket", "folio", "reporte"].contains(&lower.as_str()) {
                let next = words.get(index + 1).copied().unwrap_or_default();
                let next = if ["no.", "núm.", "número", "numero", "#"].contains(&next) {
                    words.get(index + 2).copied().unwrap_or_default()
                } else {
                    next
                };
                if let Some(number) = TicketNumber::parse(next, prefix) {
                    return Some(number);
                }
            }
            if !prefix.is_empty()
                && lower.starts_with(&prefix.to_lowercase())
                && let Some(number) = TicketNumber::parse(word, prefix)
            {
                return Some(number);
            }
        }
        None
    }

    pub fn display(self, prefix: &str) -> String {
        format!("{prefix}{}", self.0)
    }
}

/// Incident or requirement, as the seed defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Something that interrupts or degrades a service.
    Incidente,
    /// A request needed to reach a goal in an IT service.
    Requerimiento,
}

/// How many users a failure affects (seed: Extenso/Generalizado 100 %,
/// Significativo/Amplio 60 %, Moderado/Limitado 30 %, Menor/Localizado 5 %).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Menor,
    Moderado,
    Significativo,
    Extenso,
}

/// How much harm a failure does (seed: Crítica, Alta, Media, Baja).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Baja,
    Media,
    Alta,
    Critica,
}

/// 1 = highest … 4 = lowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Priority(u8);

impl Priority {
    /// The desk's priority matrix, the one place it is defined. Rows are
    /// urgency Baja → Crítica, columns impact Menor → Extenso.
    const MATRIX: [[u8; 4]; 4] = [
        [4, 4, 3, 3], // Baja
        [4, 3, 2, 2], // Media
        [3, 2, 2, 1], // Alta
        [3, 2, 1, 1], // Crítica
    ];

    pub fn assess(urgency: Urgency, impact: Impact) -> Priority {
        Priority(Self::MATRIX[urgency as usize][impact as usize])
    }

    pub fn from_level(level: i64) -> Option<Priority> {
        u8::try_from(level)
            .ok()
            .filter(|l| (1..=4).contains(l))
            .map(Priority)
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

/// Where a ticket stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Abierto,
    Asignado,
    EnProceso,
    EnEspera,
    Resuelto,
    Cerrado,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Abierto,
        Status::Asignado,
        Status::EnProceso,
        Status::EnEspera,
        Status::Resuelto,
        Status::Cerrado,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Abierto => "abierto",
            Status::Asignado => "asignado",
            Status::EnProceso => "en_proceso",
            Status::EnEspera => "en_espera",
            Status::Resuelto => "resuelto",
            Status::Cerrado => "cerrado",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().to_lowercase().replace([' ', '-'], "_");
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! text_names {
    ($type:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($name => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

text_names!(Kind { Incidente => "incidente", Requerimiento => "requerimiento" });
text_names!(Impact { Menor => "menor", Moderado => "moderado", Significativo => "significativo", Extenso => "extenso" });
text_names!(Urgency { Baja => "baja", Media => "media", Alta => "alta", Critica => "critica" });

impl Impact {
    pub const ALL: [Impact; 4] = [
        Impact::Menor,
        Impact::Moderado,
        Impact::Significativo,
        Impact::Extenso,
    ];
}

impl Urgency {
    pub const ALL: [Urgency; 4] = [
        Urgency::Baja,
        Urgency::Media,
        Urgency::Alta,
        Urgency::Critica,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_priority_matrix_is_the_desks() {
        let table: Vec<Vec<u8>> = Urgency::ALL
            .iter()
            .map(|u| {
                Impact::ALL
                    .iter()
                    .map(|i| Priority::assess(*u, *i).level())
                    .collect()
            })
            .collect();
        assert_eq!(
            table,
            vec![
                vec![4, 4, 3, 3],
                vec![4, 3, 2, 2],
                vec![3, 2, 2, 1],
                vec![3, 2, 1, 1]
            ]
        );
    }

    #[test]
    fn ticket_numbers_are_read_with_or_without_the_prefix() {
        let n = TicketNumber::new(123);
        assert_eq!(TicketNumber::parse("123", "MESA-"), n);
        assert_eq!(TicketNumber::parse(" mesa-123 ", "MESA-"), n);
        assert_eq!(TicketNumber::parse("#123", ""), n);
        assert_eq!(TicketNumber::parse("No. 123", ""), n);
        assert_eq!(TicketNumber::parse("0", ""), None);
        assert_eq!(TicketNumber::parse("12a", ""), None);
        assert_eq!(TicketNumber::parse("99999999999999999999", ""), None);
        assert_eq!(n.map(|n| n.display("MESA-")), Some("MESA-123".to_owned()));
    }

    #[test]
    fn ticket_numbers_are_found_in_sentences() {
        let n = TicketNumber::new(45);
        assert_eq!(TicketNumber::find_in("¿Cómo va mi ticket 45?", ""), n);
        assert_eq!(TicketNumber::find_in("estado del folio número 45", ""), n);
        assert_eq!(TicketNumber::find_in("mi reporte MESA-45", "MESA-"), n);
        assert_eq!(TicketNumber::find_in("tengo 45 años", ""), None);
        assert_eq!(TicketNumber::find_in("el ticket de ayer", ""), None);
    }
}
