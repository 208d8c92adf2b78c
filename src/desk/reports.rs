//! The month's indicators asked for in the agents' group: `/indicadores`
//! (the text and the chart) and `/reporte` (the workbook), built by `report`.

use super::delivery::GroupSpot;
use super::{Delivery, Desk, DeskError};
use crate::protocol::Reply;
use crate::store::StoreError;
use crate::t;

impl Desk {
    /// `/indicadores` (text) and `/reporte` (the workbook) in the agents' group.
    pub(super) async fn month_report(
        &self,
        spot: GroupSpot,
        month: Option<&str>,
        document: bool,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let tz = self.settings.tz;
        let month = match month.map(crate::report::Month::parse) {
            None => crate::report::Month::containing((self.clock)(), tz),
            Some(Ok(month)) => month,
            Some(Err(_)) => {
                return Ok(vec![Delivery::Group {
                    group: spot.group,
                    thread: spot.thread,
                    reply: Reply::text(t!(lang, "agent-usage", command = "indicadores")),
                }]);
            }
        };
        let pool = self.store.reader();
        let indicators = crate::report::Indicators::gather(pool, month, tz).await?;
        if !document {
            let mut deliveries = vec![Delivery::Group {
                group: spot.group,
                thread: spot.thread,
                reply: Reply::text(crate::report::indicators_text(&indicators, lang)),
            }];
            // The chart: this month's outcomes and the last six months' trend.
            let trend = crate::report::trend(pool, month, tz).await?;
            match crate::report::chart_png(&month.label(), &trend, lang) {
                Ok(png) => deliveries.push(Delivery::GroupPhoto {
                    group: spot.group,
                    thread: spot.thread,
                    png,
                }),
                Err(error) => tracing::error!(%error, "indicators chart"),
            }
            return Ok(deliveries);
        }
        let rows = crate::report::MonthRows::load(pool, month, tz).await?;
        let bytes = crate::report::indicators_xlsx(&indicators, &rows, tz, lang, month)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        Ok(vec![Delivery::GroupDocument {
            group: spot.group,
            thread: spot.thread,
            file_name: format!("indicadores-{}.xlsx", month.label()),
            bytes,
        }])
    }
}
