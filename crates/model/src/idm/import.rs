//! The import of the ministry's IDM table, as a preview: every row read, checked and kept
//! with its line number and problems, so a facilitator sees the whole file before anything
//! is stored, and the server commits only a file without a bad row.
//!
//! The table comes from a spreadsheet, so the reader takes what spreadsheets write: `;` or
//! `,` between cells (whichever the header uses), `0,6123` or `0.6123` (a decimal comma in
//! a comma-separated file must be quoted), a UTF-8 byte-order mark, CRLF line ends, header
//! cells in Indonesian or English in any case, codes with or without dots, and columns the
//! import does not read (`no`, `provinsi`, `kecamatan`), which are ignored.

use std::collections::{BTreeSet, HashMap};

use crate::IdmStatus;

use super::{
    check_figures, normalize_village_code, year_in_range, Column, FileProblem, IdmRecord,
    RowProblem, IMPORT_MAX_BYTES,
};

/// Every row of an import, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The separator read from the header: `;`, `,` or a tab.
    pub separator: char,
    /// In file order; blank lines are skipped.
    pub rows: Vec<PreviewRow>,
}

/// One row of the file, with what could be read of it and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// 1-based, counting the header as line 1.
    pub line: u32,
    /// Dotted when it was a well-formed code, otherwise as written.
    pub village_code: String,
    /// As written in the file; empty without a name column.
    pub village_name: String,
    pub year: Option<u16>,
    pub iks: Option<f32>,
    pub ike: Option<f32>,
    pub ikl: Option<f32>,
    pub score: Option<f32>,
    /// As written, or, where the file has no status, the score's.
    pub status: Option<IdmStatus>,
    /// Errors and warnings: cells as they are read, then the figures against each other,
    /// then the year, then a repeat of an earlier row.
    pub problems: Vec<RowProblem>,
}

impl PreviewRow {
    /// Whether the row has a problem that is not only a warning.
    pub fn is_bad(&self) -> bool {
        self.problems.iter().any(|p| !p.is_warning())
    }

    /// The row's figures, if it is not bad.
    pub fn record(&self) -> Option<IdmRecord> {
        if self.is_bad() {
            return None;
        }
        Some(IdmRecord {
            village_code: self.village_code.clone(),
            year: self.year?,
            iks: self.iks?,
            ike: self.ike?,
            ikl: self.ikl?,
            score: self.score?,
            status: self.status?,
        })
    }
}

impl ImportPreview {
    pub fn good_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.is_bad()).count()
    }

    pub fn bad_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.is_bad()).count()
    }

    /// Rows with only warnings.
    pub fn rows_with_warnings(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !r.is_bad() && !r.problems.is_empty())
            .count()
    }

    /// The years the file's rows are for, ascending, once each (bad rows included, where
    /// their year could be read).
    pub fn years(&self) -> Vec<u16> {
        let years: BTreeSet<u16> = self.rows.iter().filter_map(|r| r.year).collect();
        years.into_iter().collect()
    }

    /// A file may be stored only whole: it has rows, and none of them is bad.
    pub fn can_commit(&self) -> bool {
        !self.rows.is_empty() && self.bad_rows() == 0
    }

    /// What to store: every row's figures, if [`can_commit`](Self::can_commit).
    pub fn records(&self) -> Option<Vec<IdmRecord>> {
        if !self.can_commit() {
            return None;
        }
        self.rows.iter().map(PreviewRow::record).collect()
    }
}

/// Reads and checks the ministry's IDM table. `village_name` looks a dotted village code up
/// among the villages the platform knows (the gazetteer: `|code|
/// gazetteer.village_by_code(code).map(|v| v.name.as_str())`) and gives its name.
///
/// A file is refused whole ([`FileProblem`]) only when it cannot be read as the table:
/// empty, too large, a required column missing from the header. Anything wrong in a row is
/// that row's problem, so one preview shows every mistake at once.
pub fn preview_import<'v>(
    text: &str,
    village_name: impl Fn(&str) -> Option<&'v str>,
) -> Result<ImportPreview, FileProblem> {
    if text.len() > IMPORT_MAX_BYTES {
        return Err(FileProblem::too_large());
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(FileProblem::Empty);
    };
    let separator = detect_separator(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Text in, so every record is UTF-8 and there is no I/O to fail: an error here could
    // only be the reader's own, and reading stops at it.
    let mut records = reader
        .records()
        .map_while(Result::ok)
        .filter(|r| r.iter().any(|cell| !cell.trim().is_empty()));
    let header = records.next().ok_or(FileProblem::Empty)?;
    let columns = read_header(&header)?;

    let mut rows = Vec::new();
    let mut first_line_of: HashMap<(String, u16), u32> = HashMap::new();
    // Lines are counted here, from the records' byte offsets, as a person (or a spreadsheet)
    // counts them: the reader's own line count falls behind on CRLF line ends, and a
    // record's offset can be the `\n` of the CRLF before it.
    let (mut counted_to, mut line) = (0, 1u32);
    for record in records {
        let mut start = record
            .position()
            .map_or(counted_to, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(counted_to, text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let newlines = text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        counted_to = start;
        let mut row = read_row(line, &record, header.len(), &columns, &village_name);
        if let (Some(year), false) = (row.year, row.village_code.is_empty()) {
            let key = (row.village_code.clone(), year);
            if let Some(&first_line) = first_line_of.get(&key) {
                row.problems
                    .push(RowProblem::DuplicateVillageInFile { first_line });
            } else {
                first_line_of.insert(key, line);
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(ImportPreview {
        separator: char::from(separator),
        rows,
    })
}

/// The header's most frequent separator: `;` where spreadsheets in Indonesian locales
/// write decimal commas, `,` elsewhere, or a tab (a table pasted from a sheet).
fn detect_separator(header: &str) -> u8 {
    [b';', b',', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|sep| header.bytes().filter(|b| b == sep).count())
        .unwrap_or(b';')
}

/// Where each column the import reads is, by index.
type Columns = HashMap<Column, usize>;

fn read_header(header: &csv::StringRecord) -> Result<Columns, FileProblem> {
    let mut columns = Columns::new();
    for (i, cell) in header.iter().enumerate() {
        if let Some(column) = Column::from_header(cell) {
            if columns.insert(column, i).is_some() {
                return Err(FileProblem::DuplicateColumn { column });
            }
        }
    }
    match Column::ALL
        .into_iter()
        .find(|c| c.is_required() && !columns.contains_key(c))
    {
        Some(column) => Err(FileProblem::MissingColumn { column }),
        None => Ok(columns),
    }
}

fn read_row<'v>(
    line: u32,
    record: &csv::StringRecord,
    header_len: usize,
    columns: &Columns,
    village_name: &impl Fn(&str) -> Option<&'v str>,
) -> PreviewRow {
    let cell = |column: Column| {
        columns
            .get(&column)
            .and_then(|&i| record.get(i))
            .map_or("", str::trim)
    };
    let mut row = PreviewRow {
        line,
        village_code: cell(Column::VillageCode).to_owned(),
        village_name: cell(Column::VillageName).to_owned(),
        year: None,
        iks: None,
        ike: None,
        ikl: None,
        score: None,
        status: None,
        problems: Vec::new(),
    };
    let extra = record.iter().skip(header_len);
    if extra.clone().any(|c| !c.trim().is_empty()) {
        // The cells have shifted: reading them by the header would report nonsense.
        row.problems.push(RowProblem::FieldCount {
            expected: u32::try_from(header_len).unwrap_or(u32::MAX),
            found: u32::try_from(record.len()).unwrap_or(u32::MAX),
        });
        return row;
    }
    let problems = &mut row.problems;

    let code = cell(Column::VillageCode);
    if code.is_empty() {
        problems.push(RowProblem::MissingValue {
            column: Column::VillageCode,
        });
    } else if let Some(code) = normalize_village_code(code) {
        match village_name(&code) {
            None => problems.push(RowProblem::UnknownVillageCode { code: code.clone() }),
            Some(expected) => {
                let named = cell(Column::VillageName);
                if !named.is_empty() && !same_name(named, expected) {
                    problems.push(RowProblem::NameDiffers {
                        expected: expected.to_owned(),
                    });
                }
            }
        }
        row.village_code = code;
    } else {
        problems.push(RowProblem::BadVillageCode {
            text: code.to_owned(),
        });
    }

    let mut number = |column: Column| {
        let text = cell(column);
        if text.is_empty() {
            problems.push(RowProblem::MissingValue { column });
            return None;
        }
        let value = parse_decimal(text);
        if value.is_none() {
            problems.push(RowProblem::BadNumber {
                column,
                text: text.to_owned(),
            });
        }
        value
    };
    row.iks = number(Column::Iks);
    row.ike = number(Column::Ike);
    row.ikl = number(Column::Ikl);
    row.score = number(Column::Score);

    let status_text = cell(Column::Status);
    let written_status = if status_text.is_empty() {
        None
    } else {
        let status = parse_status(status_text);
        if status.is_none() {
            problems.push(RowProblem::BadStatus {
                text: status_text.to_owned(),
            });
        }
        status
    };
    check_figures(
        problems,
        [row.iks, row.ike, row.ikl, row.score],
        written_status,
    );
    row.status = written_status.or_else(|| {
        // No status written: the score's, where it is a score.
        (status_text.is_empty())
            .then_some(row.score)
            .flatten()
            .filter(|s| (0.0..=1.0).contains(s))
            .map(IdmStatus::for_score)
    });

    let year_text = cell(Column::Year);
    if year_text.is_empty() {
        problems.push(RowProblem::MissingValue {
            column: Column::Year,
        });
    } else {
        row.year = year_text.parse::<u16>().ok().filter(|y| year_in_range(*y));
        if row.year.is_none() {
            problems.push(RowProblem::BadYear {
                text: year_text.to_owned(),
            });
        }
    }
    row
}

/// `0,6123` or `0.6123` (a sign allowed, so that `-0.1` is reported as out of range rather
/// than unreadable); not `1.234,5`, exponents, `inf` or `NaN`.
pub(super) fn parse_decimal(text: &str) -> Option<f32> {
    let text = text.replace(',', ".");
    let body = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let plain = !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|&b| b == b'.').count() <= 1
        && body.bytes().any(|b| b.is_ascii_digit());
    plain.then(|| text.parse::<f32>().ok()).flatten()
}

/// A status as the ministry or a person writes it: `MAJU`, `Sangat Tertinggal`,
/// `sangat-tertinggal`, `sangat_tertinggal`, or the English label (`Developing`).
fn parse_status(text: &str) -> Option<IdmStatus> {
    let words = crate::search::normalize(text);
    IdmStatus::ALL.into_iter().find(|s| {
        [s.label(crate::Lang::Id), s.label(crate::Lang::En)]
            .into_iter()
            .any(|label| crate::search::normalize(label) == words)
    })
}

/// Names compared as words, ignoring case, punctuation and a leading `Desa`/`Kelurahan`:
/// `LOA DURI ULU` and `Desa Loa Duri Ulu` are `Loa Duri Ulu`.
fn same_name(a: &str, b: &str) -> bool {
    fn words(name: &str) -> String {
        let words = crate::search::normalize(name);
        ["desa ", "kelurahan "]
            .into_iter()
            .find_map(|prefix| words.strip_prefix(prefix))
            .map_or(words.clone(), str::to_owned)
    }
    words(a) == words(b)
}
