//! The desk's business hours, e.g. "lun-vie 09:00-18:00; sab 09:00-13:00", in
//! the desk's time zone. Outside them nobody is waited for.

use chrono::{DateTime, Datelike, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    spans: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    days: Vec<Weekday>,
    from: NaiveTime,
    to: NaiveTime,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "«{0}» is not like \"lun-vie 09:00-18:00\" (days lun mar mie jue vie sab dom; several spans with ';')"
)]
pub struct HoursError(String);

fn weekday(text: &str) -> Option<Weekday> {
    let folded = crate::words::fold(text);
    Some(match folded.trim() {
        "lun" | "lunes" | "mon" => Weekday::Mon,
        "mar" | "martes" | "tue" => Weekday::Tue,
        "mie" | "miercoles" | "wed" => Weekday::Wed,
        "jue" | "jueves" | "thu" => Weekday::Thu,
        "vie" | "viernes" | "fri" => Weekday::Fri,
        "sab" | "sabado" | "sat" => Weekday::Sat,
        "dom" | "domingo" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn days(text: &str) -> Option<Vec<Weekday>> {
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((first, last)) => {
                let (mut day, last) = (weekday(first)?, weekday(last)?);
                loop {
                    days.push(day);
                    if day == last {
                        break;
                    }
                    day = day.succ();
                }
            }
            None => days.push(weekday(part)?),
        }
    }
    Some(days)
}

impl BusinessHours {
    pub fn parse(text: &str) -> Result<BusinessHours, HoursError> {
        let error = || HoursError(text.to_owned());
        let mut spans = Vec::new();
        for span in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let (day_part, time_part) = span.split_once(char::is_whitespace).ok_or_else(error)?;
            let (from, to) = time_part.trim().split_once('-').ok_or_else(error)?;
            let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| error());
            let span = Span {
                days: days(day_part).ok_or_else(error)?,
                from: time(from)?,
                to: time(to)?,
            };
            if span.from >= span.to {
                return Err(error());
            }
            spans.push(span);
        }
        if spans.is_empty() {
            return Err(error());
        }
        Ok(BusinessHours { spans })
    }

    pub fn is_open(&self, now: DateTime<Utc>, tz: Tz) -> bool {
        let local = now.with_timezone(&tz);
        let time = local.time();
        self.spans
            .iter()
            .any(|s| s.days.contains(&local.weekday()) && s.from <= time && time < s.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        // November 2026: the 23rd is a Monday.
        chrono_tz::America::Mexico_City
            .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
            .single()
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn weekdays_from_nine_to_six_in_local_time() {
        let hours = BusinessHours::parse("lun-vie 09:00-18:00").expect("valid");
        let tz = chrono_tz::America::Mexico_City;
        assert!(hours.is_open(at(23, 9, 0), tz));
        assert!(hours.is_open(at(27, 17, 59), tz));
        assert!(!hours.is_open(at(27, 18, 0), tz));
        assert!(!hours.is_open(at(23, 8, 59), tz));
        assert!(!hours.is_open(at(28, 10, 0), tz), "Saturday");
    }

    #[test]
    fn several_spans_and_accents() {
        let hours = BusinessHours::parse("lun-vie 09:00-18:00; sáb 09:00-13:00").expect("valid");
        let tz = chrono_tz::America::Mexico_City;
        assert!(hours.is_open(at(28, 12, 0), tz));
        assert!(!hours.is_open(at(29, 12, 0), tz), "Sunday");
    }

    #[test]
    fn nonsense_is_refused() {
        for text in [
            "",
            "siempre",
            "lun-vie",
            "lun-vie 18:00-09:00",
            "xyz 09:00-10:00",
        ] {
            assert!(BusinessHours::parse(text).is_err(), "{text}");
        }
    }
}
