//! The indicators as a picture for the agents' group: the month's outcomes,
//! and the seed's four percentages over the last six months. Rendered in
//! memory with an embedded font, so no system fonts are needed.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

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
        let bars = [
            ("first_level", now.first_level),
            ("second_level", now.second_level),
            ("transferred", now.transferred),
            ("external", now.external),
            ("out_of_scope", now.out_of_scope),
            ("abandoned", now.abandoned),
        ];
        let top = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        let mut chart = ChartBuilder::on(&left)
            .caption(
                t!(lang, "report-chart-outcomes", month = month),
                ("sans-serif", 20),
            )
            .margin(12)
            .x_label_area_size(70)
            .y_label_area_size(50)
            .build_cartesian_2d(
                (0..bars.len() as i32 - 1).into_segmented(),
                0..top + top / 10 + 1,
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
            .disable_x_mesh()
            .x_labels(bars.len())
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => names.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .x_label_style(("sans-serif", 11))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, (_, n))| {
                let i = i as i32;
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0),
                        (SegmentValue::Exact(i + 1), *n),
                    ],
                    Palette99::pick(i as usize).filled(),
                );
                bar.set_margin(0, 0, 6, 6);
                bar
            }))
            .map_err(err)?;

        let mut lines = ChartBuilder::on(&right)
            .caption(t!(lang, "report-chart-trend"), ("sans-serif", 20))
            .margin(12)
            .margin_right(36)
            .x_label_area_size(40)
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
            let color = Palette99::pick(index);
            let points: Vec<(i32, f64)> = trend
                .iter()
                .enumerate()
                .map(|(x, (_, o))| (x as i32, percent(count(o), o.received).unwrap_or(0.0)))
                .collect();
            lines
                .draw_series(LineSeries::new(points, color.stroke_width(2)))
                .map_err(err)?
                .label(t!(lang, "report-chart-outcome", outcome = key))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2))
                });
        }
        lines
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .label_font(("sans-serif", 11))
            .draw()
            .map_err(err)?;
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
