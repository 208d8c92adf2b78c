//! Reports: months in the desk's time zone, the monthly indicators (the
//! seed's MEDICIÓN), and the general call log.

mod agents;
mod calls;
mod chart;
mod indicators;
mod knowledge;
mod ticket;
mod workbook;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

pub use agents::{AgentFigures, AgentLine};
pub use calls::{calls_csv, calls_xlsx, write_call_sheet};
pub use chart::{HEIGHT as CHART_HEIGHT, WIDTH as CHART_WIDTH, chart_png};
pub use indicators::{
    Indicators, MonthRows, indicators_csv, indicators_json, indicators_text, trend,
};
pub use ticket::ticket_detail;
pub use workbook::indicators_xlsx;

/// A calendar month in the desk's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("«{0}» is not a month like 2026-11")]
pub struct BadMonth(pub String);

impl Month {
    pub fn parse(text: &str) -> Result<Month, BadMonth> {
        let bad = || BadMonth(text.to_owned());
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let month = Month {
            year: year.parse().map_err(|_| bad())?,
            month: month.parse().map_err(|_| bad())?,
        };
        NaiveDate::from_ymd_opt(month.year, month.month, 1).ok_or_else(bad)?;
        Ok(month)
    }

    pub fn containing(now: DateTime<Utc>, tz: Tz) -> Month {
        let local = now.with_timezone(&tz);
        Month {
            year: local.year(),
            month: local.month(),
        }
    }

    pub fn previous(self) -> Month {
        match self.month {
            1 => Month {
                year: self.year - 1,
                month: 12,
            },
            m => Month {
                year: self.year,
                month: m - 1,
            },
        }
    }

    fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            m => Month {
                year: self.year,
                month: m + 1,
            },
        }
    }

    /// Local midnight at the start of the month, in milliseconds UTC.
    fn start_ms(self, tz: Tz) -> i64 {
        let day = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default();
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        tz.from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc).timestamp_millis())
            .unwrap_or_default()
    }

    /// [start, end) of the month in milliseconds UTC: a conversation at 23:30
    /// local time on the last day belongs to the month, whatever UTC says.
    pub fn range_ms(self, tz: Tz) -> (i64, i64) {
        (self.start_ms(tz), self.next().start_ms(tz))
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::from_millis;

    #[test]
    fn months_are_local_ranges() {
        let tz = chrono_tz::America::Mexico_City;
        let month = Month::parse("2026-11").expect("valid");
        let (start, end) = month.range_ms(tz);
        // Mexico City is UTC-6 all year since 2022.
        assert_eq!(from_millis(start).to_rfc3339(), "2026-11-01T06:00:00+00:00");
        assert_eq!(from_millis(end).to_rfc3339(), "2026-12-01T06:00:00+00:00");
        assert_eq!(month.previous().label(), "2026-10");
        assert_eq!(
            Month::parse("2026-01").expect("valid").previous().label(),
            "2025-12"
        );
        assert!(Month::parse("2026-13").is_err());
        assert!(Month::parse("noviembre").is_err());
    }
}
