//! The Indeks Desa Membangun (Village Development Index) per village and year: the
//! ministry's figures, the checks they must pass, the import of its published table
//! ([`preview_import`]) and a village's trend across years ([`trend`]).
//!
//! A year's figures are three indices, social (IKS), economic (IKE) and ecological (IKL),
//! each 0..1; the IDM score is their mean, rounded by the ministry to four decimals; the
//! status follows from the score ([`IdmStatus::for_score`]). Like the rest of the crate this
//! is pure: the import takes the file's text and a lookup of known village codes.

mod import;
mod problem;
mod trend;

use serde::{Deserialize, Serialize};

use crate::IdmStatus;

pub use import::{preview_import, ImportPreview, PreviewRow};
pub use problem::{Column, FileProblem, RowProblem};
pub use trend::{latest, trend, IdmTrend, TrendDirection};

/// The first year of the index.
pub const FIRST_YEAR: u16 = 2015;
/// The last year accepted: beyond it a year is a typo.
pub const LAST_YEAR: u16 = 2100;
/// How far a published score may be from the mean of its three indices: the ministry
/// rounds each figure to four decimals, so the mean of rounded indices and the rounded
/// score can differ by up to half of the last place.
pub const SCORE_TOLERANCE: f32 = 0.0005;
/// The largest import the server reads: 2 MB of CSV text, far more than the ministry's
/// table for a whole province (East Kalimantan has about 1,000 villages, ~100 bytes a row).
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;

/// One village's IDM figures for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmRecord {
    /// The Kemendagri village code, dotted: `64.02.04.2001`.
    pub village_code: String,
    pub year: u16,
    /// Indeks Ketahanan Sosial (social resilience), 0..1.
    pub iks: f32,
    /// Indeks Ketahanan Ekonomi (economic resilience), 0..1.
    pub ike: f32,
    /// Indeks Ketahanan Lingkungan/Ekologi (ecological resilience), 0..1.
    pub ikl: f32,
    /// The IDM score: the mean of the three, four decimals.
    pub score: f32,
    pub status: IdmStatus,
}

impl IdmRecord {
    /// A year's figures entered by hand: the score is the mean of the indices rounded to
    /// four decimals, as the ministry publishes it, and the status follows from the score.
    /// Check the result with [`problems`](Self::problems) (indices out of range, the year).
    pub fn from_indices(village_code: String, year: u16, iks: f32, ike: f32, ikl: f32) -> Self {
        let score = round4(mean(iks, ike, ikl));
        IdmRecord {
            village_code,
            year,
            iks,
            ike,
            ikl,
            score,
            status: IdmStatus::for_score(score),
        }
    }

    /// What is wrong with these figures, if anything: the year, an index or the score out
    /// of 0..1, a score that is not the mean of the indices, a status the score contradicts.
    /// (Whether the village exists is the caller's to check.)
    pub fn problems(&self) -> Vec<RowProblem> {
        let mut problems = Vec::new();
        if !year_in_range(self.year) {
            problems.push(RowProblem::BadYear {
                text: self.year.to_string(),
            });
        }
        check_figures(
            &mut problems,
            [
                Some(self.iks),
                Some(self.ike),
                Some(self.ikl),
                Some(self.score),
            ],
            Some(self.status),
        );
        problems
    }
}

/// Whether `score` is, within [`SCORE_TOLERANCE`], the mean of the three indices.
pub fn score_matches_indices(score: f32, iks: f32, ike: f32, ikl: f32) -> bool {
    // The indices and score were decimals before they were f32s: allow for their
    // representation error so that a difference of exactly 0.0005 passes.
    (f64::from(score) - mean(iks, ike, ikl)).abs() <= f64::from(SCORE_TOLERANCE) + 1e-6
}

/// A village code as the gazetteer writes it (`64.02.04.2001`), from that or the dotless
/// ten digits spreadsheets keep (`6402042001`); spaces around it are ignored. `None` for
/// anything else.
pub fn normalize_village_code(text: &str) -> Option<String> {
    let text = text.trim();
    let digits: String = text.chars().filter(|c| *c != '.').collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let dotted = format!(
        "{}.{}.{}.{}",
        &digits[..2],
        &digits[2..4],
        &digits[4..6],
        &digits[6..]
    );
    // Dots, where written, must be in their places: `640.20.42.001` is not a code.
    (text == digits || text == dotted).then_some(dotted)
}

/// Whether a year is one the index can have: [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn year_in_range(year: u16) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

fn mean(iks: f32, ike: f32, ikl: f32) -> f64 {
    (f64::from(iks) + f64::from(ike) + f64::from(ikl)) / 3.0
}

/// To four decimals, as the ministry publishes.
fn round4(x: f64) -> f32 {
    ((x * 10_000.0).round() / 10_000.0) as f32
}

/// The checks on a row's figures that need no lookup: each of IKS, IKE, IKL and the score
/// (in that order, `None` where unreadable) within 0..1; then, where all are, the score
/// against their mean; and, where the score is, the status against it.
fn check_figures(
    problems: &mut Vec<RowProblem>,
    values: [Option<f32>; 4],
    status: Option<IdmStatus>,
) {
    let columns = [Column::Iks, Column::Ike, Column::Ikl, Column::Score];
    let mut in_range = [None; 4];
    for ((column, value), ok) in columns.into_iter().zip(values).zip(&mut in_range) {
        if let Some(value) = value {
            if (0.0..=1.0).contains(&value) {
                *ok = Some(value);
            } else {
                problems.push(RowProblem::ScoreOutOfRange { column, value });
            }
        }
    }
    if let [Some(iks), Some(ike), Some(ikl), Some(score)] = in_range {
        if !score_matches_indices(score, iks, ike, ikl) {
            problems.push(RowProblem::ScoreNotMeanOfIndices {
                score,
                mean: round4(mean(iks, ike, ikl)),
            });
        }
    }
    if let (Some(score), Some(status)) = (in_range[3], status) {
        let expected = IdmStatus::for_score(score);
        if status != expected {
            problems.push(RowProblem::StatusContradictsScore { status, expected });
        }
    }
}

#[cfg(test)]
mod tests;
