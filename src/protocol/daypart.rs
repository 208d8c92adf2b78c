//! The part of the day in the desk's time zone, which picks the protocol's
//! greeting (morning, afternoon or night in `greeting`) and farewell.

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Tz;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Night,
}

impl PartOfDay {
    /// Morning from 05:00, afternoon from 12:00, night from 19:00 local time,
    /// as greetings are used in Mexico.
    pub fn at(now: DateTime<Utc>, tz: Tz) -> PartOfDay {
        match now.with_timezone(&tz).hour() {
            5..=11 => PartOfDay::Morning,
            12..=18 => PartOfDay::Afternoon,
            _ => PartOfDay::Night,
        }
    }

    /// The selector used by the Fluent messages.
    pub fn key(self) -> &'static str {
        match self {
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Night => "night",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn local(hour: u32, minute: u32) -> DateTime<Utc> {
        chrono_tz::America::Mexico_City
            .with_ymd_and_hms(2026, 11, 26, hour, minute, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .expect("a valid local time")
    }

    #[test]
    fn boundaries_follow_local_time_not_utc() {
        let tz = chrono_tz::America::Mexico_City;
        assert_eq!(PartOfDay::at(local(4, 59), tz), PartOfDay::Night);
        assert_eq!(PartOfDay::at(local(5, 0), tz), PartOfDay::Morning);
        assert_eq!(PartOfDay::at(local(11, 59), tz), PartOfDay::Morning);
        assert_eq!(PartOfDay::at(local(12, 0), tz), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::at(local(18, 59), tz), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::at(local(19, 0), tz), PartOfDay::Night);
    }
}
