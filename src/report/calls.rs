//! The general call log (the seed's "reporte general de llamadas") as CSV or Excel.

use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Month;
use crate::locale::Lang;
use crate::store::calls::LogEntry;
use crate::store::from_millis;
use crate::t;

/// One row per attempt: who asked, whom, where, the number, result and agent.
fn call_rows(entries: &[LogEntry], tz: Tz, lang: &Lang) -> Vec<Vec<Cell>> {
    let when = |ms: i64| from_millis(ms).with_timezone(&tz).naive_local();
    let mut rows = Vec::new();
    for entry in entries {
        let call = &entry.call;
        let status = t!(lang, "report-call-status", status = call.status.as_str());
        for (index, attempt) in entry.attempts.iter().enumerate() {
            let result = t!(
                lang,
                "report-call-result",
                result = attempt.result.as_deref().unwrap_or("pending")
            );
            rows.push(vec![
                Cell::Number(call.id as f64),
                Cell::Time(when(call.created_at)),
                Cell::Text(call.requester_name.clone()),
                Cell::Text(call.requester_email.clone()),
                Cell::Text(call.person.clone()),
                Cell::Text(call.place.clone()),
                Cell::Number((index + 1) as f64),
                Cell::Text(attempt.number.clone()),
                Cell::Time(when(attempt.posted_at)),
                Cell::Text(result),
                attempt
                    .result_at
                    .map(|ms| Cell::Time(when(ms)))
                    .unwrap_or(Cell::Empty),
                Cell::Text(attempt.agent_name.clone().unwrap_or_default()),
                Cell::Text(status.clone()),
            ]);
        }
    }
    rows
}

enum Cell {
    Text(String),
    Number(f64),
    Time(chrono::NaiveDateTime),
    Empty,
}

fn headers(lang: &Lang) -> Vec<String> {
    t!(lang, "report-calls-columns")
        .split('|')
        .map(|h| h.trim().to_owned())
        .collect()
}

/// The call log as CSV (UTF-8, one row per attempt).
pub fn calls_csv(entries: &[LogEntry], tz: Tz, lang: &Lang) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers(lang))?;
    for row in call_rows(entries, tz, lang) {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Time(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Empty => String::new(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// The call log as an Excel workbook, with real dates and numbers.
pub fn calls_xlsx(
    entries: &[LogEntry],
    tz: Tz,
    lang: &Lang,
    month: Month,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    write_call_sheet(workbook.add_worksheet(), entries, tz, lang, month)?;
    workbook.save_to_buffer()
}

/// The call log on one sheet of a workbook.
pub fn write_call_sheet(
    sheet: &mut Worksheet,
    entries: &[LogEntry],
    tz: Tz,
    lang: &Lang,
    month: Month,
) -> Result<(), XlsxError> {
    sheet.set_name(t!(lang, "report-calls-sheet", month = month.label()))?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (column, header) in headers(lang).iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, header, &bold)?;
    }
    for (index, row) in call_rows(entries, tz, lang).iter().enumerate() {
        let r = (index + 1) as u32;
        for (column, cell) in row.iter().enumerate() {
            let c = column as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(r, c, text)?,
                Cell::Number(n) => sheet.write_number(r, c, *n)?,
                Cell::Time(t) => sheet.write_datetime_with_format(r, c, t, &date)?,
                Cell::Empty => sheet,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    Ok(())
}
