//! A village's IDM across years, for its page ("Berkembang 2024 → Maju 2025"), and its
//! current status, which is its latest year's.

use std::collections::BTreeMap;

use crate::{Lang, Village};

use super::IdmRecord;

/// One village's records by year, as its page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct IdmTrend {
    /// One record per year, oldest first; never empty.
    pub by_year: Vec<IdmRecord>,
}

/// How the status moved from the year before the latest to the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendDirection {
    Up,
    Same,
    Down,
}

/// The trend of one village's records (as [`crate::api::IdmHistory`] holds them), in any
/// order; where a year comes twice the later record in the slice counts. `None` without
/// records.
pub fn trend(records: &[IdmRecord]) -> Option<IdmTrend> {
    let by_year: BTreeMap<u16, &IdmRecord> = records.iter().map(|r| (r.year, r)).collect();
    if by_year.is_empty() {
        return None;
    }
    Some(IdmTrend {
        by_year: by_year.into_values().cloned().collect(),
    })
}

/// The latest year's record for a village, among records of any villages.
pub fn latest<'r>(records: &'r [IdmRecord], village_code: &str) -> Option<&'r IdmRecord> {
    records
        .iter()
        .filter(|r| r.village_code == village_code)
        // `max_by_key` keeps the last of equal years, as `trend` does.
        .max_by_key(|r| r.year)
}

impl IdmTrend {
    pub fn latest(&self) -> &IdmRecord {
        self.by_year.last().expect("a trend has a record")
    }

    /// The year before the latest that has figures (a year may be missing).
    pub fn previous(&self) -> Option<&IdmRecord> {
        self.by_year.iter().rev().nth(1)
    }

    /// `None` with only one year.
    pub fn direction(&self) -> Option<TrendDirection> {
        let (previous, latest) = (self.previous()?, self.latest());
        Some(match latest.status.cmp(&previous.status) {
            std::cmp::Ordering::Greater => TrendDirection::Up,
            std::cmp::Ordering::Equal => TrendDirection::Same,
            std::cmp::Ordering::Less => TrendDirection::Down,
        })
    }

    /// The score's change from the previous year with figures, to four decimals.
    pub fn score_change(&self) -> Option<f32> {
        let change = f64::from(self.latest().score) - f64::from(self.previous()?.score);
        Some(((change * 10_000.0).round() / 10_000.0) as f32)
    }

    /// `Berkembang 2024 → Maju 2025`, or `Maju 2025` with one year.
    pub fn summary(&self, lang: Lang) -> String {
        let step = |r: &IdmRecord| format!("{} {}", r.status.label(lang), r.year);
        match self.previous() {
            Some(previous) => format!("{} → {}", step(previous), step(self.latest())),
            None => step(self.latest()),
        }
    }
}

impl Village {
    /// Sets the village's status and score to its latest year's among `records` (matched
    /// by [`code`](Self::code)) and says whether it found one; without one the fields are
    /// left as they are.
    pub fn apply_latest_idm(&mut self, records: &[IdmRecord]) -> bool {
        let Some(record) = self.code.as_deref().and_then(|code| latest(records, code)) else {
            return false;
        };
        self.idm_status = Some(record.status);
        self.idm_score = Some(record.score);
        true
    }
}
