//! What every CSV the server writes needs: cells a spreadsheet would run as formulas made
//! inert. Buyers and sellers typed these fields; staff open the files on their own computers.

use std::borrow::Cow;

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+62…` read as a sum, `@`,
/// or a leading tab or carriage return) gets a leading apostrophe.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+6561234567", "'+6561234567"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Hotel Mesra", "Hotel Mesra"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(input), want, "{input:?}");
        }
    }
}
