//! What can be wrong with an IDM import, as typed values with their sentences in both
//! languages (as [`crate::rules::Rule`] carries its own), so the app's preview and the
//! server's refusal say the same thing.

use serde::{Deserialize, Serialize};

use crate::{IdmStatus, Lang};

use super::{FIRST_YEAR, IMPORT_MAX_BYTES, LAST_YEAR};

/// A column of the ministry's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Column {
    VillageCode,
    VillageName,
    Iks,
    Ike,
    Ikl,
    Score,
    Status,
    Year,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::VillageCode,
        Column::VillageName,
        Column::Iks,
        Column::Ike,
        Column::Ikl,
        Column::Score,
        Column::Status,
        Column::Year,
    ];

    /// The name is only checked against the gazetteer, and the status follows from the
    /// score; every other column must be in the header.
    pub fn is_required(self) -> bool {
        !matches!(self, Column::VillageName | Column::Status)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Column::VillageCode, Lang::Id) => "kode desa",
            (Column::VillageCode, Lang::En) => "village code",
            (Column::VillageName, Lang::Id) => "nama desa",
            (Column::VillageName, Lang::En) => "village name",
            (Column::Iks, _) => "IKS",
            (Column::Ike, _) => "IKE",
            (Column::Ikl, _) => "IKL",
            (Column::Score, Lang::Id) => "nilai IDM",
            (Column::Score, Lang::En) => "IDM score",
            (Column::Status, Lang::Id) => "status IDM",
            (Column::Status, Lang::En) => "IDM status",
            (Column::Year, Lang::Id) => "tahun",
            (Column::Year, Lang::En) => "year",
        }
    }

    /// The column a header cell names, in Indonesian or English, in any case, with
    /// underscores, hyphens or spaces: `kode_desa`, `Kode Desa`, `village_code`,
    /// `NILAI IDM`, `status_idm`, `Tahun`. Headers of other columns (`no`, `provinsi`,
    /// `kecamatan`) are `None` and ignored.
    pub fn from_header(cell: &str) -> Option<Column> {
        let words = crate::search::normalize(cell);
        let column = match words.as_str() {
            "kode desa" | "kode" | "kode wilayah" | "kode kemendagri" | "village code" | "code" => {
                Column::VillageCode
            }
            "nama desa" | "desa" | "nama" | "village name" | "village" | "name" => {
                Column::VillageName
            }
            "iks" => Column::Iks,
            "ike" => Column::Ike,
            "ikl" => Column::Ikl,
            "nilai idm" | "skor idm" | "idm" | "nilai" | "skor" | "idm score" | "score" => {
                Column::Score
            }
            "status idm" | "status" | "idm status" => Column::Status,
            "tahun" | "tahun idm" | "year" => Column::Year,
            _ => return None,
        };
        Some(column)
    }
}

/// Why a whole file is refused before any row is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FileProblem {
    /// No text, or only blank lines.
    Empty,
    /// More than [`IMPORT_MAX_BYTES`].
    TooLarge { max_bytes: u64 },
    /// The header has no cell naming this required column.
    MissingColumn { column: Column },
    /// Two header cells name the same column, so which one holds it is unclear.
    DuplicateColumn { column: Column },
    /// A header and nothing under it.
    NoRows,
}

impl FileProblem {
    pub fn message(&self, lang: Lang) -> String {
        use FileProblem::*;
        match (self, lang) {
            (Empty, Lang::Id) => "Berkas kosong.".into(),
            (Empty, Lang::En) => "The file is empty.".into(),
            (TooLarge { max_bytes }, Lang::Id) => {
                format!("Berkas lebih besar dari {} MB.", max_bytes / (1024 * 1024))
            }
            (TooLarge { max_bytes }, Lang::En) => {
                format!("The file is larger than {} MB.", max_bytes / (1024 * 1024))
            }
            (MissingColumn { column }, Lang::Id) => format!(
                "Baris judul tidak memuat kolom {}. Kolom yang wajib ada: {}.",
                column.label(lang),
                required_list(lang)
            ),
            (MissingColumn { column }, Lang::En) => format!(
                "The header has no {} column. Required columns: {}.",
                column.label(lang),
                required_list(lang)
            ),
            (DuplicateColumn { column }, Lang::Id) => {
                format!(
                    "Kolom {} muncul dua kali di baris judul.",
                    column.label(lang)
                )
            }
            (DuplicateColumn { column }, Lang::En) => {
                format!("The header names the {} column twice.", column.label(lang))
            }
            (NoRows, Lang::Id) => "Berkas hanya berisi baris judul, tanpa data.".into(),
            (NoRows, Lang::En) => "The file has a header but no rows.".into(),
        }
    }

    pub(crate) fn too_large() -> FileProblem {
        FileProblem::TooLarge {
            max_bytes: IMPORT_MAX_BYTES as u64,
        }
    }
}

fn required_list(lang: Lang) -> String {
    Column::ALL
        .into_iter()
        .filter(|c| c.is_required())
        .map(|c| c.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with one row (or, for [`NameDiffers`](Self::NameDiffers), worth a look:
/// see [`is_warning`](Self::is_warning)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RowProblem {
    /// The row has more cells than the header: with comma separators, most likely an
    /// unquoted decimal comma (`0,6123` read as two cells).
    FieldCount { expected: u32, found: u32 },
    /// A required cell is blank.
    MissingValue { column: Column },
    /// Not a code like `64.02.04.2001` or `6402042001`.
    BadVillageCode { text: String },
    /// A well-formed code no known village has.
    UnknownVillageCode { code: String },
    /// Not a decimal number (`0,6123` or `0.6123`).
    BadNumber { column: Column, text: String },
    /// An index or the score outside 0..1.
    ScoreOutOfRange { column: Column, value: f32 },
    /// The score is more than [`super::SCORE_TOLERANCE`] from the mean of IKS, IKE and
    /// IKL (`mean`, rounded to four decimals).
    ScoreNotMeanOfIndices { score: f32, mean: f32 },
    /// Not one of the five statuses.
    BadStatus { text: String },
    /// The status written is not the one the score falls in.
    StatusContradictsScore {
        status: IdmStatus,
        expected: IdmStatus,
    },
    /// Not a year within [`FIRST_YEAR`]..=[`LAST_YEAR`].
    BadYear { text: String },
    /// The same village and year already came on an earlier line of the file.
    DuplicateVillageInFile { first_line: u32 },
    /// A warning: the file's name for the village is not the gazetteer's (`expected`). The
    /// code decides which village the row is for.
    NameDiffers { expected: String },
}

impl RowProblem {
    /// Warnings are shown but do not stop the import; every other problem does.
    pub fn is_warning(&self) -> bool {
        matches!(self, RowProblem::NameDiffers { .. })
    }

    /// The sentence shown beside the row.
    pub fn message(&self, lang: Lang) -> String {
        use RowProblem::*;
        match (self, lang) {
            (FieldCount { expected, found }, Lang::Id) if found > expected => format!(
                "Baris ini berisi {found} kolom, baris judul {expected}. Bila pemisahnya koma, \
                 angka berkoma desimal harus diberi tanda kutip (\"0,6123\")."
            ),
            (FieldCount { expected, found }, Lang::En) if found > expected => format!(
                "This row has {found} fields where the header has {expected}. With comma \
                 separators, a decimal comma must be quoted (\"0,6123\")."
            ),
            (FieldCount { expected, found }, Lang::Id) => {
                format!("Baris ini berisi {found} kolom, baris judul {expected}.")
            }
            (FieldCount { expected, found }, Lang::En) => {
                format!("This row has {found} fields where the header has {expected}.")
            }
            (MissingValue { column }, Lang::Id) => format!("Kolom {} kosong.", column.label(lang)),
            (MissingValue { column }, Lang::En) => {
                format!("The {} is missing.", column.label(lang))
            }
            (BadVillageCode { text }, Lang::Id) => {
                format!("Kode desa \"{text}\" tidak berbentuk 64.02.04.2001 atau 6402042001.")
            }
            (BadVillageCode { text }, Lang::En) => {
                format!("The village code \"{text}\" is not like 64.02.04.2001 or 6402042001.")
            }
            (UnknownVillageCode { code }, Lang::Id) => {
                format!("Tidak ada desa berkode {code} di daftar desa.")
            }
            (UnknownVillageCode { code }, Lang::En) => {
                format!("No village in the gazetteer has the code {code}.")
            }
            (BadNumber { column, text }, Lang::Id) => format!(
                "{} \"{text}\" bukan angka desimal (contoh 0,6123 atau 0.6123).",
                capitalize(column.label(lang))
            ),
            (BadNumber { column, text }, Lang::En) => format!(
                "The {} \"{text}\" is not a decimal number (e.g. 0.6123 or 0,6123).",
                column.label(lang)
            ),
            (ScoreOutOfRange { column, value }, Lang::Id) => format!(
                "{} harus antara 0 dan 1, bukan {}.",
                capitalize(column.label(lang)),
                decimal(*value, lang)
            ),
            (ScoreOutOfRange { column, value }, Lang::En) => format!(
                "The {} must be between 0 and 1, not {}.",
                column.label(lang),
                decimal(*value, lang)
            ),
            (ScoreNotMeanOfIndices { score, mean }, Lang::Id) => format!(
                "Nilai IDM {} bukan rata-rata IKS, IKE dan IKL, yaitu {}.",
                decimal(*score, lang),
                decimal(*mean, lang)
            ),
            (ScoreNotMeanOfIndices { score, mean }, Lang::En) => format!(
                "The IDM score {} is not the mean of IKS, IKE and IKL, which is {}.",
                decimal(*score, lang),
                decimal(*mean, lang)
            ),
            (BadStatus { text }, Lang::Id) => format!(
                "Status \"{text}\" tidak dikenal: tulis Sangat Tertinggal, Tertinggal, \
                 Berkembang, Maju atau Mandiri."
            ),
            (BadStatus { text }, Lang::En) => format!(
                "Unknown status \"{text}\": write Sangat Tertinggal, Tertinggal, Berkembang, \
                 Maju or Mandiri."
            ),
            (StatusContradictsScore { status, expected }, Lang::Id) => format!(
                "Status {} tidak sesuai nilai IDM, yang berstatus {}.",
                status.label(lang),
                expected.label(lang)
            ),
            (StatusContradictsScore { status, expected }, Lang::En) => format!(
                "The status {} ({}) does not match the IDM score, which is {} ({}).",
                status.label(Lang::Id),
                status.label(lang),
                expected.label(Lang::Id),
                expected.label(lang)
            ),
            (BadYear { text }, Lang::Id) => {
                format!("Tahun \"{text}\" harus antara {FIRST_YEAR} dan {LAST_YEAR}.")
            }
            (BadYear { text }, Lang::En) => {
                format!("The year \"{text}\" must be between {FIRST_YEAR} and {LAST_YEAR}.")
            }
            (DuplicateVillageInFile { first_line }, Lang::Id) => {
                format!("Desa dan tahun ini sudah ada di baris {first_line}.")
            }
            (DuplicateVillageInFile { first_line }, Lang::En) => {
                format!("This village and year already came on line {first_line}.")
            }
            (NameDiffers { expected }, Lang::Id) => format!(
                "Nama desa berbeda dengan daftar desa ({expected}); kode desa yang dipakai."
            ),
            (NameDiffers { expected }, Lang::En) => format!(
                "The name differs from the gazetteer's ({expected}); the code is what counts."
            ),
        }
    }

    /// The stable snake_case name of the problem, as serialised in its `problem` tag.
    pub fn code(&self) -> &'static str {
        use RowProblem::*;
        match self {
            FieldCount { .. } => "field_count",
            MissingValue { .. } => "missing_value",
            BadVillageCode { .. } => "bad_village_code",
            UnknownVillageCode { .. } => "unknown_village_code",
            BadNumber { .. } => "bad_number",
            ScoreOutOfRange { .. } => "score_out_of_range",
            ScoreNotMeanOfIndices { .. } => "score_not_mean_of_indices",
            BadStatus { .. } => "bad_status",
            StatusContradictsScore { .. } => "status_contradicts_score",
            BadYear { .. } => "bad_year",
            DuplicateVillageInFile { .. } => "duplicate_village_in_file",
            NameDiffers { .. } => "name_differs",
        }
    }
}

/// Four decimals, with the decimal comma in Indonesian: `0,6123` / `0.6123`.
fn decimal(value: f32, lang: Lang) -> String {
    let text = format!("{value:.4}");
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

fn capitalize(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
