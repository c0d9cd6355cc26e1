//! Inquiry references as buyers and sellers quote them on the phone: `PQ-2026-000123`,
//! `RFQ-2026-000123` (kind, year, sequence number within the year).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::InquiryKind;

/// The sequence is zero-padded to this many digits (and grows past it when it must).
const SEQ_DIGITS: usize = 6;

/// A parsed reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference {
    pub kind: InquiryKind,
    /// The year the inquiry was sent, 0–9999.
    pub year: u16,
    /// The number within the kind and year, from 1.
    pub seq: u32,
}

/// Why a reference was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Not `PQ-` or `RFQ-`.
    #[error("a reference starts with PQ- or RFQ-")]
    Prefix,
    /// Not four digits of year.
    #[error("a reference has a four-digit year")]
    Year,
    /// Not at least six digits of sequence, or padded more than needed.
    #[error("a reference ends with a six-digit number")]
    Seq,
}

/// `PQ-2026-000123` for a purchase inquiry, `RFQ-2026-000123` for an export RFQ.
pub fn format_reference(kind: InquiryKind, year: u16, seq: u32) -> String {
    format!("{}-{year:04}-{seq:0SEQ_DIGITS$}", kind.prefix())
}

/// Reads a reference back. Surrounding space and lower case are forgiven (people type them
/// from a WhatsApp message); anything else must be exactly the formatted shape, so each
/// inquiry has one spelling.
pub fn parse_reference(s: &str) -> Result<Reference, ReferenceError> {
    let upper = s.trim().to_ascii_uppercase();
    let mut parts = upper.splitn(3, '-');
    let kind = match parts.next() {
        Some("PQ") => InquiryKind::Purchase,
        Some("RFQ") => InquiryKind::Export,
        _ => return Err(ReferenceError::Prefix),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let year = parts.next().unwrap_or("");
    if year.len() != 4 || !digits(year) {
        return Err(ReferenceError::Year);
    }
    let seq = parts.next().unwrap_or("");
    let canonical = seq.len() == SEQ_DIGITS || (seq.len() > SEQ_DIGITS && !seq.starts_with('0'));
    if !digits(seq) || !canonical {
        return Err(ReferenceError::Seq);
    }
    Ok(Reference {
        kind,
        year: year.parse().map_err(|_| ReferenceError::Year)?,
        seq: seq.parse().map_err(|_| ReferenceError::Seq)?,
    })
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_reference(self.kind, self.year, self.seq))
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<Reference, ReferenceError> {
        parse_reference(s)
    }
}

impl TryFrom<String> for Reference {
    type Error = ReferenceError;

    fn try_from(s: String) -> Result<Reference, ReferenceError> {
        parse_reference(&s)
    }
}

impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_prefix_year_and_padded_sequence() {
        assert_eq!(
            format_reference(InquiryKind::Purchase, 2026, 123),
            "PQ-2026-000123"
        );
        assert_eq!(
            format_reference(InquiryKind::Export, 2026, 123),
            "RFQ-2026-000123"
        );
        assert_eq!(
            format_reference(InquiryKind::Export, 2027, 1_234_567),
            "RFQ-2027-1234567"
        );
        assert_eq!(
            format_reference(InquiryKind::Purchase, 999, 1),
            "PQ-0999-000001"
        );
    }

    #[test]
    fn round_trips() {
        for kind in InquiryKind::ALL {
            for year in [0, 1999, 2026, 9999] {
                for seq in [0, 1, 123, 999_999, 1_000_000, u32::MAX] {
                    let text = format_reference(kind, year, seq);
                    let parsed = parse_reference(&text).unwrap();
                    assert_eq!(parsed, Reference { kind, year, seq }, "{text}");
                    assert_eq!(parsed.to_string(), text);
                }
            }
        }
    }

    #[test]
    fn forgives_case_and_space_only() {
        let r = Reference {
            kind: InquiryKind::Export,
            year: 2026,
            seq: 42,
        };
        assert_eq!(parse_reference("  rfq-2026-000042 "), Ok(r));
        assert_eq!("Rfq-2026-000042".parse::<Reference>(), Ok(r));
    }

    #[test]
    fn refuses_other_shapes() {
        use ReferenceError::*;
        for (text, err) in [
            ("", Prefix),
            ("PO-2026-000123", Prefix),
            ("PQ2026000123", Prefix),
            ("RFQ 2026 000123", Prefix),
            ("PQ-26-000123", Year),
            ("PQ-20260-000123", Year),
            ("PQ-2O26-000123", Year),
            ("PQ-2026", Seq),
            ("PQ-2026-", Seq),
            ("PQ-2026-123", Seq),
            ("PQ-2026-0000123", Seq),
            ("PQ-2026-00012a", Seq),
            ("PQ-2026-000123-1", Seq),
            ("PQ-2026-+00123", Seq),
            ("PQ-2026-9999999999", Seq),
        ] {
            assert_eq!(parse_reference(text), Err(err), "{text:?}");
        }
    }

    #[test]
    fn serde_uses_the_text_form() {
        let r = Reference {
            kind: InquiryKind::Purchase,
            year: 2026,
            seq: 7,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, "\"PQ-2026-000007\"");
        assert_eq!(serde_json::from_str::<Reference>(&json).unwrap(), r);
        assert!(serde_json::from_str::<Reference>("\"PQ-2026-7\"").is_err());
    }
}
