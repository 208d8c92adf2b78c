//! How common a word is in everyday Spanish and English (`locales/*/common-words.txt`,
//! from wordfreq). A word the FAQ does not have says less about a message the
//! more common it is: "el teléfono fijo está muerto" is about the telephone,
//! "se me perdió mi gafete" is about something the FAQ does not cover.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::words;

const LISTS: [&str; 2] = [
    include_str!("../../locales/es-MX/common-words.txt"),
    include_str!("../../locales/en/common-words.txt"),
];

/// Zipf values: at or below `RARE` a word keeps its whole weight; at or above
/// `COMMON` it keeps [`COMMON_FACTOR`] of it; in between, a straight line.
const RARE: f32 = 4.0;
const COMMON: f32 = 6.0;
const COMMON_FACTOR: f32 = 0.4;

/// Folded word → the highest Zipf value either language gives it.
static ZIPF: LazyLock<HashMap<String, f32>> = LazyLock::new(|| parse(&LISTS));

fn parse(lists: &[&str]) -> HashMap<String, f32> {
    let mut zipf: HashMap<String, f32> = HashMap::new();
    for list in lists {
        for line in list.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, value)) = line.split_once(' ') else {
                continue;
            };
            let Ok(value) = value.trim().parse::<f32>() else {
                continue;
            };
            let word = words::shorten_runs(&words::fold(word));
            let slot = zipf.entry(word).or_insert(value);
            *slot = slot.max(value);
        }
    }
    zipf
}

/// The share (0.4–1) of an unknown word's weight it keeps, by how common it is.
pub(super) fn unknown_word_factor(folded: &str) -> f32 {
    factor(ZIPF.get(folded).copied())
}

fn factor(zipf: Option<f32>) -> f32 {
    match zipf {
        Some(z) if z > RARE => {
            let common = ((z - RARE) / (COMMON - RARE)).min(1.0);
            1.0 - common * (1.0 - COMMON_FACTOR)
        }
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_read_and_both_languages_count() {
        assert!(ZIPF.len() > 10_000, "{} words", ZIPF.len());
        // Spanish only, English only, and the higher of the two.
        assert!(ZIPF.contains_key("muerto"));
        assert!(ZIPF.contains_key("dead"));
        assert!(ZIPF["real"] >= 5.0);
    }

    #[test]
    fn a_common_word_keeps_less_weight_than_a_rare_one() {
        let everyday = unknown_word_factor("casa");
        let rarer = unknown_word_factor("muerto");
        assert!(everyday < rarer && rarer < 1.0, "{everyday} {rarer}");
        assert_eq!(unknown_word_factor("gafete"), 1.0);
        assert!((factor(Some(7.5)) - COMMON_FACTOR).abs() < 1e-6);
    }

    #[test]
    fn lines_are_folded_and_bad_lines_skipped() {
        let read = parse(&["# header\nCamión 4.5\nroto\nfoo bar\n", "camion 5.0\n"]);
        assert_eq!(read.len(), 1);
        assert_eq!(read["camion"], 5.0);
    }
}
