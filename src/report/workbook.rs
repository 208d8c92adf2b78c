//! The month as a workbook: the indicators beside the previous month, the
//! month's conversations and tickets, the call log, and what the knowledge
//! base missed; one sheet each.

use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Month;
use super::indicators::{Indicators, MonthRows, rows};
use crate::locale::Lang;
use crate::t;

/// The workbook: the indicators, the month's conversations, tickets and calls.
pub fn indicators_xlsx(
    i: &Indicators,
    rows_of_month: &MonthRows,
    tz: Tz,
    lang: &Lang,
    month: Month,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    indicators_sheet(workbook.add_worksheet(), i, lang)?;
    conversations_sheet(workbook.add_worksheet(), rows_of_month, tz, lang)?;
    tickets_sheet(workbook.add_worksheet(), rows_of_month, tz, lang)?;
    super::calls::write_call_sheet(
        workbook.add_worksheet(),
        &rows_of_month.calls,
        tz,
        lang,
        month,
    )?;
    i.knowledge.write_sheet(&mut workbook, lang)?;
    i.agents.write_sheet(&mut workbook, lang)?;
    workbook.save_to_buffer()
}

/// The month beside the previous one, numbers as numbers.
fn indicators_sheet(sheet: &mut Worksheet, i: &Indicators, lang: &Lang) -> Result<(), XlsxError> {
    sheet.set_name(t!(lang, "report-sheet-indicators"))?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, t!(lang, "report-column-metric"), &bold)?;
    sheet.write_string_with_format(0, 1, &i.month, &bold)?;
    sheet.write_string_with_format(0, 2, &i.previous_month, &bold)?;
    for (index, (metric, value, previous)) in rows(i, lang).iter().enumerate() {
        let r = (index + 1) as u32;
        sheet.write_string(r, 0, metric)?;
        for (column, text) in [(1u16, value), (2, previous)] {
            match text.parse::<f64>() {
                Ok(number) => sheet.write_number(r, column, number)?,
                Err(_) => sheet.write_string(r, column, text.as_str())?,
            };
        }
    }
    sheet.set_column_width(0, 60)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 14)?;
    Ok(())
}

/// A sheet's name and its bold header row, from `columns` ("a|b|c").
fn headed(sheet: &mut Worksheet, name: String, columns: &str) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    for (column, header) in columns.split('|').enumerate() {
        sheet.write_string_with_format(0, column as u16, header.trim(), &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A stored time as the desk's local time, for a date cell.
fn local(ms: i64, tz: Tz) -> chrono::NaiveDateTime {
    crate::store::from_millis(ms)
        .with_timezone(&tz)
        .naive_local()
}

fn conversations_sheet(
    sheet: &mut Worksheet,
    rows_of_month: &MonthRows,
    tz: Tz,
    lang: &Lang,
) -> Result<(), XlsxError> {
    let columns = t!(lang, "report-conversations-columns");
    headed(sheet, t!(lang, "report-sheet-conversations"), &columns)?;
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (index, c) in rows_of_month.conversations.iter().enumerate() {
        let r = (index + 1) as u32;
        sheet.write_number(r, 0, c.id as f64)?;
        sheet.write_string(r, 1, &c.channel)?;
        sheet.write_string(r, 2, c.user_name.as_deref().unwrap_or_default())?;
        sheet.write_datetime_with_format(r, 3, local(c.started_at, tz), &date)?;
        if let Some(ms) = c.first_response_at {
            sheet.write_number(r, 4, (ms - c.started_at) as f64 / 1000.0)?;
        }
        if let Some(ms) = c.ended_at {
            sheet.write_datetime_with_format(r, 5, local(ms, tz), &date)?;
        }
        sheet.write_string(r, 6, c.outcome.as_deref().unwrap_or_default())?;
        sheet.write_string(r, 7, &c.handled_by)?;
    }
    sheet.autofit();
    Ok(())
}

fn tickets_sheet(
    sheet: &mut Worksheet,
    rows_of_month: &MonthRows,
    tz: Tz,
    lang: &Lang,
) -> Result<(), XlsxError> {
    let columns = t!(lang, "report-tickets-columns");
    headed(sheet, t!(lang, "report-sheet-tickets"), &columns)?;
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (index, ticket) in rows_of_month.tickets.iter().enumerate() {
        let r = (index + 1) as u32;
        let status = t!(lang, "status-name", status = ticket.status.as_str());
        sheet.write_number(r, 0, ticket.number as f64)?;
        sheet.write_datetime_with_format(r, 1, local(ticket.created_at, tz), &date)?;
        sheet.write_string(r, 2, &ticket.service)?;
        sheet.write_string(r, 3, &ticket.kind)?;
        sheet.write_number(r, 4, ticket.priority as f64)?;
        sheet.write_string(r, 5, status)?;
        sheet.write_string(r, 6, &ticket.resolver_name)?;
    }
    sheet.autofit();
    Ok(())
}
