//! The indicators as a picture for the agents' group: the month's outcomes,
//! and the seed's four percentages over the last six months. Rendered in
//! memory with an embedded font, so no system fonts are needed.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::indicators::percent;
use crate::locale::Lang;
use crate::store::indicators::Outcomes;
use crate::t;

/// Reads one count out of a month's outcomes.
type Count = fn(&Outcomes) -> i64;

pub const WIDTH: u32 = 1000;
pub const HEIGHT: u32 = 500;

/// DejaVu Sans (Bitstream Vera licence, see assets/fonts).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

#[derive(Debug, thiserror::Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(String);

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if plotters::style::register_font("sans-serif", FontStyle::Normal, FONT).is_err() {
            tracing::error!("the embedded chart font could not be loaded");
        }
    });
}

fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

/// Colours that stay apart on white and for colour-blind readers (Okabe-Ito,
/// without its yellow).
const COLOURS: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x55, 0x55, 0x55),
];

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// The month's outcomes as horizontal bars: the names on the left have room,
/// and each bar says its count.
fn outcome_bars(area: &Area, month: &str, now: &Outcomes, lang: &Lang) -> Result<(), ChartError> {
    let bars = [
        ("first_level", now.first_level),
        ("second_level", now.second_level),
        ("transferred", now.transferred),
        ("external", now.external),
        ("out_of_scope", now.out_of_scope),
        ("abandoned", now.abandoned),
    ];
    let top = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    // The first outcome at the top, as the report reads.
    let row = |i: usize| (bars.len() - 1 - i) as i32;
    let mut chart = ChartBuilder::on(area)
        .caption(
            t!(lang, "report-chart-outcomes", month = month),
            ("sans-serif", 20),
        )
        .margin(12)
        .margin_right(24)
        .x_label_area_size(30)
        .y_label_area_size(120)
        // Room after the longest bar for its count.
        .build_cartesian_2d(
            0..top + top / 5 + 1,
            (0..bars.len() as i32 - 1).into_segmented(),
        )
        .map_err(err)?;
    let names: Vec<String> = bars
        .iter()
        .map(|(key, _)| {
            let key: &str = key;
            t!(lang, "report-chart-outcome", outcome = key)
        })
        .collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len())
        .y_label_formatter(&|y| match y {
            SegmentValue::CenterOf(r) => (0..bars.len())
                .find(|i| row(*i) == *r)
                .and_then(|i| names.get(i).cloned())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_style(("sans-serif", 13))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, n))| {
            let mut bar = Rectangle::new(
                [
                    (0, SegmentValue::Exact(row(i))),
                    (*n, SegmentValue::Exact(row(i) + 1)),
                ],
                COLOURS[i % COLOURS.len()].filled(),
            );
            bar.set_margin(6, 6, 0, 0);
            bar
        }))
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, n))| {
            Text::new(
                format!(" {n}"),
                (*n, SegmentValue::CenterOf(row(i))),
                TextStyle::from(("sans-serif", 13).into_font())
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))
        .map_err(err)?;
    Ok(())
}

/// The seed's four percentages over the months, with the legend below the
/// plot so it never covers a line.
fn trend_lines(area: &Area, trend: &[(String, Outcomes)], lang: &Lang) -> Result<(), ChartError> {
    let (plot, legend) = area.split_vertically(HEIGHT - 70);
    let mut lines = ChartBuilder::on(&plot)
        .caption(t!(lang, "report-chart-trend"), ("sans-serif", 20))
        .margin(12)
        .margin_right(36)
        .x_label_area_size(30)
        .y_label_area_size(45)
        .build_cartesian_2d(0..(trend.len().max(2) - 1) as i32, 0f64..100f64)
        .map_err(err)?;
    let labels: Vec<String> = trend.iter().map(|(label, _)| label.clone()).collect();
    lines
        .configure_mesh()
        .x_labels(trend.len())
        .x_label_formatter(&|x| labels.get(*x as usize).cloned().unwrap_or_default())
        .y_desc("%")
        .draw()
        .map_err(err)?;
    let series: [(&str, Count); 4] = [
        ("first_level", |o| o.first_level),
        ("second_level", |o| o.second_level),
        ("transferred", |o| o.transferred),
        ("external", |o| o.external),
    ];
    for (index, (key, count)) in series.into_iter().enumerate() {
        let colour = COLOURS[index];
        let points: Vec<(i32, f64)> = trend
            .iter()
            .enumerate()
            .map(|(x, (_, o))| (x as i32, percent(count(o), o.received).unwrap_or(0.0)))
            .collect();
        lines
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
            .map_err(err)?;
        lines
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 4, colour.filled())),
            )
            .map_err(err)?;
        // Two rows of two, under the plot.
        let (column, row) = ((index % 2) as i32, (index / 2) as i32);
        let (x, y) = (60 + column * 220, 18 + row * 26);
        legend
            .draw(&PathElement::new(
                [(x, y), (x + 24, y)],
                colour.stroke_width(3),
            ))
            .map_err(err)?;
        legend
            .draw(&Text::new(
                t!(lang, "report-chart-outcome", outcome = key),
                (x + 32, y - 8),
                ("sans-serif", 14),
            ))
            .map_err(err)?;
    }
    Ok(())
}

/// A PNG: the month's outcomes as bars, and the last months' four seed
/// percentages as lines (`trend` oldest first, the month last).
pub fn chart_png(
    month: &str,
    trend: &[(String, Outcomes)],
    lang: &Lang,
) -> Result<Vec<u8>, ChartError> {
    register_font();
    let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (left, right) = root.split_horizontally(WIDTH / 2);
        let now = trend.last().map(|(_, o)| o.clone()).unwrap_or_default();
        outcome_bars(&left, month, &now, lang)?;
        trend_lines(&right, trend, lang)?;
        root.present().map_err(err)?;
    }
    let image =
        image::RgbImage::from_raw(WIDTH, HEIGHT, pixels).ok_or_else(|| err("buffer size"))?;
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut png),
            image::ImageOutputFormat::Png,
        )
        .map_err(err)?;
    Ok(png)
}
