//! The IDM figures over HTTP: a facilitator posts the ministry's table for a preview
//! ([`IdmImportBody`] → [`IdmImportPreview`]), commits a file without bad rows
//! ([`IdmImportDone`]), or enters one village's year by hand ([`IdmEntryBody`]); a village
//! page reads its years ([`IdmHistory`]).

use serde::{Deserialize, Serialize};

use crate::idm::{self, FileProblem, IdmRecord, IdmTrend, ImportPreview, PreviewRow, RowProblem};
use crate::rules::{Errors, FieldError, Rule};
use crate::{IdmStatus, Lang};

/// The most CSV text an import takes: 2 MB ([`idm::IMPORT_MAX_BYTES`]), which
/// [`idm::preview_import`] enforces.
pub const IDM_IMPORT_MAX_BYTES: usize = idm::IMPORT_MAX_BYTES;

/// The largest JSON body that can carry [`IDM_IMPORT_MAX_BYTES`] of CSV: escaping doubles
/// a line end or a quote at most, plus room for the envelope. The server's body limit.
pub const IDM_IMPORT_BODY_MAX_BYTES: usize = 2 * IDM_IMPORT_MAX_BYTES + 1024;

/// The ministry's table as the file's text (the app reads the file; the server neither
/// stores nor parses uploads for it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmImportBody {
    /// CSV, at most [`IDM_IMPORT_MAX_BYTES`] bytes.
    #[cfg_attr(feature = "openapi", schema(max_length = 2097152))]
    pub csv: String,
}

/// What the import would store, row by row, with every problem in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmImportPreview {
    /// Set when the file is refused whole (empty, too large, a required column missing);
    /// then there are no rows.
    pub refused: Option<IdmFileRefusal>,
    /// In file order.
    pub rows: Vec<IdmPreviewRow>,
    pub good_rows: u32,
    pub bad_rows: u32,
    /// Good rows with a warning (a name unlike the gazetteer's).
    pub rows_with_warnings: u32,
    /// The years in the file, ascending.
    pub years: Vec<u16>,
    /// There are rows and none is bad: committing stores every row.
    pub can_commit: bool,
}

/// Why a whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmFileRefusal {
    pub detail: FileProblem,
    pub message_id: String,
    pub message_en: String,
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmPreviewRow {
    /// 1-based, the header being line 1.
    pub line: u32,
    /// Dotted where it was a well-formed code, otherwise as written.
    pub village_code: String,
    /// As written; empty without a name column.
    pub village_name: String,
    pub year: Option<u16>,
    pub status: Option<IdmStatus>,
    pub score: Option<f32>,
    pub problems: Vec<IdmProblem>,
}

/// A row's problem: typed (`detail.problem` is its stable code, e.g.
/// `unknown_village_code`), and worded in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmProblem {
    pub detail: RowProblem,
    /// Shown, but does not stop the import.
    pub warning: bool,
    pub message_id: String,
    pub message_en: String,
}

/// What a committed import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmImportDone {
    /// Ascending.
    pub years: Vec<u16>,
    pub rows: u32,
}

/// One village's year entered by hand (the village is the request's path). The score is
/// the indices' mean and the status the score's ([`IdmRecord::from_indices`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmEntryBody {
    #[cfg_attr(feature = "openapi", schema(minimum = 2015, maximum = 2100))]
    pub year: u16,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1))]
    pub iks: f32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1))]
    pub ike: f32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1))]
    pub ikl: f32,
}

/// A village's IDM years, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdmHistory {
    pub village_code: String,
    pub records: Vec<IdmRecord>,
}

impl IdmImportPreview {
    /// The wire form of [`idm::preview_import`]'s answer.
    pub fn new(preview: &Result<ImportPreview, FileProblem>) -> IdmImportPreview {
        match preview {
            Err(refused) => IdmImportPreview {
                refused: Some(IdmFileRefusal {
                    detail: refused.clone(),
                    message_id: refused.message(Lang::Id),
                    message_en: refused.message(Lang::En),
                }),
                rows: Vec::new(),
                good_rows: 0,
                bad_rows: 0,
                rows_with_warnings: 0,
                years: Vec::new(),
                can_commit: false,
            },
            Ok(preview) => IdmImportPreview {
                refused: None,
                rows: preview.rows.iter().map(IdmPreviewRow::new).collect(),
                good_rows: count(preview.good_rows()),
                bad_rows: count(preview.bad_rows()),
                rows_with_warnings: count(preview.rows_with_warnings()),
                years: preview.years(),
                can_commit: preview.can_commit(),
            },
        }
    }
}

impl IdmPreviewRow {
    pub fn new(row: &PreviewRow) -> IdmPreviewRow {
        IdmPreviewRow {
            line: row.line,
            village_code: row.village_code.clone(),
            village_name: row.village_name.clone(),
            year: row.year,
            status: row.status,
            score: row.score,
            problems: row.problems.iter().cloned().map(IdmProblem::new).collect(),
        }
    }
}

impl IdmProblem {
    pub fn new(detail: RowProblem) -> IdmProblem {
        IdmProblem {
            warning: detail.is_warning(),
            message_id: detail.message(Lang::Id),
            message_en: detail.message(Lang::En),
            detail,
        }
    }
}

impl IdmEntryBody {
    /// The form's rules, as the `422` lists them: the year within 2015..=2100, each index
    /// within 0..1.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Errors::default();
        errors.range(
            "year",
            u64::from(self.year),
            u64::from(idm::FIRST_YEAR),
            u64::from(idm::LAST_YEAR),
        );
        for (field, value) in [("iks", self.iks), ("ike", self.ike), ("ikl", self.ikl)] {
            if value > 1.0 {
                errors.add(field, Rule::AtMost { max: 1 });
            } else if value < 0.0 || value.is_nan() {
                errors.add(field, Rule::AtLeast { min: 0 });
            }
        }
        errors.0
    }

    /// The record to store for `village_code`.
    pub fn record(&self, village_code: &str) -> IdmRecord {
        IdmRecord::from_indices(
            village_code.to_owned(),
            self.year,
            self.iks,
            self.ike,
            self.ikl,
        )
    }
}

impl IdmHistory {
    /// For the village page: `None` without records.
    pub fn trend(&self) -> Option<IdmTrend> {
        idm::trend(&self.records)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn preview(text: &str) -> IdmImportPreview {
        let g = Gazetteer::east_kalimantan();
        IdmImportPreview::new(&idm::preview_import(text, |code| {
            g.village_by_code(code).map(|v| v.name.as_str())
        }))
    }

    #[test]
    fn the_schema_states_the_import_limit() {
        // The literal in `IdmImportBody`'s schema attribute, which cannot name the const.
        assert_eq!(IDM_IMPORT_MAX_BYTES, 2097152);
    }

    #[test]
    fn a_preview_carries_typed_problems_in_both_languages() {
        let p = preview(
            "kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun\n\
             64.02.04.2001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n\
             64.02.04.2999;Entah;0,6994;0,6209;0,6691;0,6631;Maju;2024\n",
        );
        assert_eq!((p.good_rows, p.bad_rows, p.can_commit), (1, 1, false));
        assert_eq!(p.years, [2024]);
        let json = serde_json::to_value(&p).unwrap();
        let problems = &json["rows"][1]["problems"];
        assert_eq!(problems[0]["detail"]["problem"], "unknown_village_code");
        assert_eq!(problems[0]["detail"]["code"], "64.02.04.2999");
        assert_eq!(problems[0]["warning"], false);
        assert_eq!(
            problems[0]["message_id"],
            "Tidak ada desa berkode 64.02.04.2999 di daftar desa."
        );
        assert_eq!(problems[1]["detail"]["problem"], "status_contradicts_score");
        assert_eq!(problems[1]["detail"]["expected"], "berkembang");
        assert_eq!(json["rows"][1]["line"], 3);
        assert_eq!(serde_json::from_value::<IdmImportPreview>(json).unwrap(), p);
    }

    #[test]
    fn a_refused_file_says_why_and_has_no_rows() {
        let p = preview("kode_desa;iks;ike;nilai_idm;tahun\n6402042001;0,6;0,6;0,6;2024\n");
        let refused = p.refused.expect("no IKL column");
        assert_eq!(
            refused.detail,
            FileProblem::MissingColumn {
                column: idm::Column::Ikl
            }
        );
        assert!(refused
            .message_en
            .starts_with("The header has no IKL column."));
        assert!(p.rows.is_empty() && !p.can_commit);
        let json = serde_json::to_value(&refused.detail).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"problem": "missing_column", "column": "ikl"})
        );
    }

    #[test]
    fn an_entry_derives_its_score_and_status_and_checks_its_ranges() {
        let entry = IdmEntryBody {
            year: 2025,
            iks: 0.7840,
            ike: 0.6742,
            ikl: 0.7199,
        };
        assert_eq!(entry.check(), vec![]);
        let r = entry.record("64.02.02.2010");
        assert_eq!((r.score, r.status), (0.7260, IdmStatus::Maju));
        assert_eq!(r.problems(), vec![]);

        let bad = IdmEntryBody {
            year: 2014,
            iks: 1.5,
            ike: -0.1,
            ikl: f32::NAN,
        };
        assert_eq!(
            bad.check(),
            vec![
                FieldError::new("year", Rule::AtLeast { min: 2015 }),
                FieldError::new("iks", Rule::AtMost { max: 1 }),
                FieldError::new("ike", Rule::AtLeast { min: 0 }),
                FieldError::new("ikl", Rule::AtLeast { min: 0 }),
            ]
        );
    }

    #[test]
    fn a_history_gives_the_village_trend() {
        let history = IdmHistory {
            village_code: "64.02.02.2010".into(),
            records: vec![
                IdmEntryBody {
                    year: 2025,
                    iks: 0.7840,
                    ike: 0.6742,
                    ikl: 0.7199,
                }
                .record("64.02.02.2010"),
                IdmEntryBody {
                    year: 2024,
                    iks: 0.7360,
                    ike: 0.6558,
                    ikl: 0.6654,
                }
                .record("64.02.02.2010"),
            ],
        };
        let json = serde_json::to_string(&history).unwrap();
        assert!(json.contains(r#""status":"maju""#), "{json}");
        let back: IdmHistory = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.trend().unwrap().summary(Lang::En),
            "Developing 2024 → Advanced 2025"
        );
        let done = IdmImportDone {
            years: vec![2024, 2025],
            rows: 12,
        };
        assert_eq!(
            serde_json::to_string(&done).unwrap(),
            r#"{"years":[2024,2025],"rows":12}"#
        );
    }
}
