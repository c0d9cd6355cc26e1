//! Text normalisation shared by the index and the query, so both sides agree on what a word
//! is: lowercase, Latin diacritics folded to ASCII (`é` → `e`, `ß` → `ss`), and anything that
//! is not a letter or digit a word boundary (`Sanga-Sanga` is two words, `250g` is one).
//!
//! The fold table is hand-written for Latin-1, Latin Extended-A/B and Latin Extended
//! Additional (Vietnamese) rather than pulled from a Unicode normalisation crate: a few
//! kilobytes in the wasm bundle instead of a hundred. Combining marks (U+0300–U+036F), as in
//! decomposed input, are dropped; other scripts pass through lowercased.

/// `text` lowercased, folded, with words separated by single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for_each_token(text, &mut word, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// The normalised words of `text`, in order.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for_each_token(text, &mut word, |w| words.push(w.to_owned()));
    words
}

/// Calls `f` with each normalised word of `text`, reusing `buf` so indexing does not allocate
/// per word.
pub(crate) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        if c.is_ascii() {
            // Fast path: almost all catalog text is ASCII.
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase());
            } else {
                flush(buf, &mut f);
            }
            continue;
        }
        for lower in c.to_lowercase() {
            if is_combining_mark(lower) {
                continue;
            }
            if let Some(folded) = fold(lower) {
                buf.push_str(folded);
            } else if lower.is_alphanumeric() {
                buf.push(lower);
            } else {
                flush(buf, &mut f);
            }
        }
    }
    flush(buf, &mut f);
}

fn flush(buf: &mut String, f: &mut impl FnMut(&str)) {
    if !buf.is_empty() {
        f(buf);
        buf.clear();
    }
}

fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The ASCII spelling of a lowercase Latin letter with diacritics, if it has one.
fn fold(c: char) -> Option<&'static str> {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
    match c {
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'œ' => Some("oe"),
        'ĳ' => Some("ij"),
        'þ' => Some("th"),
        _ => {
            let i = FOLD.binary_search_by_key(&c, |&(from, _)| from).ok()?;
            let b = usize::from(FOLD[i].1 - b'a');
            Some(&LETTERS[b..b + 1])
        }
    }
}

/// Lowercase Latin letters with diacritics and their base letter, sorted by code point.
/// Generated from Unicode canonical decompositions, plus the letters that have none
/// (`ø`, `ł`, `đ`, `ı`, …).
const FOLD: [(char, u8); 266] = [
    ('à', b'a'),
    ('á', b'a'),
    ('â', b'a'),
    ('ã', b'a'),
    ('ä', b'a'),
    ('å', b'a'),
    ('ç', b'c'),
    ('è', b'e'),
    ('é', b'e'),
    ('ê', b'e'),
    ('ë', b'e'),
    ('ì', b'i'),
    ('í', b'i'),
    ('î', b'i'),
    ('ï', b'i'),
    ('ð', b'd'),
    ('ñ', b'n'),
    ('ò', b'o'),
    ('ó', b'o'),
    ('ô', b'o'),
    ('õ', b'o'),
    ('ö', b'o'),
    ('ø', b'o'),
    ('ù', b'u'),
    ('ú', b'u'),
    ('û', b'u'),
    ('ü', b'u'),
    ('ý', b'y'),
    ('ÿ', b'y'),
    ('ā', b'a'),
    ('ă', b'a'),
    ('ą', b'a'),
    ('ć', b'c'),
    ('ĉ', b'c'),
    ('ċ', b'c'),
    ('č', b'c'),
    ('ď', b'd'),
    ('đ', b'd'),
    ('ē', b'e'),
    ('ĕ', b'e'),
    ('ė', b'e'),
    ('ę', b'e'),
    ('ě', b'e'),
    ('ĝ', b'g'),
    ('ğ', b'g'),
    ('ġ', b'g'),
    ('ģ', b'g'),
    ('ĥ', b'h'),
    ('ħ', b'h'),
    ('ĩ', b'i'),
    ('ī', b'i'),
    ('ĭ', b'i'),
    ('į', b'i'),
    ('ı', b'i'),
    ('ĵ', b'j'),
    ('ķ', b'k'),
    ('ĸ', b'k'),
    ('ĺ', b'l'),
    ('ļ', b'l'),
    ('ľ', b'l'),
    ('ŀ', b'l'),
    ('ł', b'l'),
    ('ń', b'n'),
    ('ņ', b'n'),
    ('ň', b'n'),
    ('ŋ', b'n'),
    ('ō', b'o'),
    ('ŏ', b'o'),
    ('ő', b'o'),
    ('ŕ', b'r'),
    ('ŗ', b'r'),
    ('ř', b'r'),
    ('ś', b's'),
    ('ŝ', b's'),
    ('ş', b's'),
    ('š', b's'),
    ('ţ', b't'),
    ('ť', b't'),
    ('ŧ', b't'),
    ('ũ', b'u'),
    ('ū', b'u'),
    ('ŭ', b'u'),
    ('ů', b'u'),
    ('ű', b'u'),
    ('ų', b'u'),
    ('ŵ', b'w'),
    ('ŷ', b'y'),
    ('ź', b'z'),
    ('ż', b'z'),
    ('ž', b'z'),
    ('ſ', b's'),
    ('ƀ', b'b'),
    ('ƚ', b'l'),
    ('ơ', b'o'),
    ('ư', b'u'),
    ('ƶ', b'z'),
    ('ǎ', b'a'),
    ('ǐ', b'i'),
    ('ǒ', b'o'),
    ('ǔ', b'u'),
    ('ǖ', b'u'),
    ('ǘ', b'u'),
    ('ǚ', b'u'),
    ('ǜ', b'u'),
    ('ǟ', b'a'),
    ('ǡ', b'a'),
    ('ǥ', b'g'),
    ('ǧ', b'g'),
    ('ǩ', b'k'),
    ('ǫ', b'o'),
    ('ǭ', b'o'),
    ('ǰ', b'j'),
    ('ǵ', b'g'),
    ('ǹ', b'n'),
    ('ǻ', b'a'),
    ('ȁ', b'a'),
    ('ȃ', b'a'),
    ('ȅ', b'e'),
    ('ȇ', b'e'),
    ('ȉ', b'i'),
    ('ȋ', b'i'),
    ('ȍ', b'o'),
    ('ȏ', b'o'),
    ('ȑ', b'r'),
    ('ȓ', b'r'),
    ('ȕ', b'u'),
    ('ȗ', b'u'),
    ('ș', b's'),
    ('ț', b't'),
    ('ȟ', b'h'),
    ('ȧ', b'a'),
    ('ȩ', b'e'),
    ('ȫ', b'o'),
    ('ȭ', b'o'),
    ('ȯ', b'o'),
    ('ȱ', b'o'),
    ('ȳ', b'y'),
    ('ȼ', b'c'),
    ('ɇ', b'e'),
    ('ɉ', b'j'),
    ('ɍ', b'r'),
    ('ɏ', b'y'),
    ('ḁ', b'a'),
    ('ḃ', b'b'),
    ('ḅ', b'b'),
    ('ḇ', b'b'),
    ('ḉ', b'c'),
    ('ḋ', b'd'),
    ('ḍ', b'd'),
    ('ḏ', b'd'),
    ('ḑ', b'd'),
    ('ḓ', b'd'),
    ('ḕ', b'e'),
    ('ḗ', b'e'),
    ('ḙ', b'e'),
    ('ḛ', b'e'),
    ('ḝ', b'e'),
    ('ḟ', b'f'),
    ('ḡ', b'g'),
    ('ḣ', b'h'),
    ('ḥ', b'h'),
    ('ḧ', b'h'),
    ('ḩ', b'h'),
    ('ḫ', b'h'),
    ('ḭ', b'i'),
    ('ḯ', b'i'),
    ('ḱ', b'k'),
    ('ḳ', b'k'),
    ('ḵ', b'k'),
    ('ḷ', b'l'),
    ('ḹ', b'l'),
    ('ḻ', b'l'),
    ('ḽ', b'l'),
    ('ḿ', b'm'),
    ('ṁ', b'm'),
    ('ṃ', b'm'),
    ('ṅ', b'n'),
    ('ṇ', b'n'),
    ('ṉ', b'n'),
    ('ṋ', b'n'),
    ('ṍ', b'o'),
    ('ṏ', b'o'),
    ('ṑ', b'o'),
    ('ṓ', b'o'),
    ('ṕ', b'p'),
    ('ṗ', b'p'),
    ('ṙ', b'r'),
    ('ṛ', b'r'),
    ('ṝ', b'r'),
    ('ṟ', b'r'),
    ('ṡ', b's'),
    ('ṣ', b's'),
    ('ṥ', b's'),
    ('ṧ', b's'),
    ('ṩ', b's'),
    ('ṫ', b't'),
    ('ṭ', b't'),
    ('ṯ', b't'),
    ('ṱ', b't'),
    ('ṳ', b'u'),
    ('ṵ', b'u'),
    ('ṷ', b'u'),
    ('ṹ', b'u'),
    ('ṻ', b'u'),
    ('ṽ', b'v'),
    ('ṿ', b'v'),
    ('ẁ', b'w'),
    ('ẃ', b'w'),
    ('ẅ', b'w'),
    ('ẇ', b'w'),
    ('ẉ', b'w'),
    ('ẋ', b'x'),
    ('ẍ', b'x'),
    ('ẏ', b'y'),
    ('ẑ', b'z'),
    ('ẓ', b'z'),
    ('ẕ', b'z'),
    ('ẖ', b'h'),
    ('ẗ', b't'),
    ('ẘ', b'w'),
    ('ẙ', b'y'),
    ('ạ', b'a'),
    ('ả', b'a'),
    ('ấ', b'a'),
    ('ầ', b'a'),
    ('ẩ', b'a'),
    ('ẫ', b'a'),
    ('ậ', b'a'),
    ('ắ', b'a'),
    ('ằ', b'a'),
    ('ẳ', b'a'),
    ('ẵ', b'a'),
    ('ặ', b'a'),
    ('ẹ', b'e'),
    ('ẻ', b'e'),
    ('ẽ', b'e'),
    ('ế', b'e'),
    ('ề', b'e'),
    ('ể', b'e'),
    ('ễ', b'e'),
    ('ệ', b'e'),
    ('ỉ', b'i'),
    ('ị', b'i'),
    ('ọ', b'o'),
    ('ỏ', b'o'),
    ('ố', b'o'),
    ('ồ', b'o'),
    ('ổ', b'o'),
    ('ỗ', b'o'),
    ('ộ', b'o'),
    ('ớ', b'o'),
    ('ờ', b'o'),
    ('ở', b'o'),
    ('ỡ', b'o'),
    ('ợ', b'o'),
    ('ụ', b'u'),
    ('ủ', b'u'),
    ('ứ', b'u'),
    ('ừ', b'u'),
    ('ử', b'u'),
    ('ữ', b'u'),
    ('ự', b'u'),
    ('ỳ', b'y'),
    ('ỵ', b'y'),
    ('ỷ', b'y'),
    ('ỹ', b'y'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_folds_and_splits() {
        assert_eq!(
            normalize("Kópi Liberika — Sanga-Sanga!"),
            "kopi liberika sanga sanga"
        );
        assert_eq!(normalize("  Kerupuk   Udang 250g "), "kerupuk udang 250g");
        assert_eq!(
            normalize("Crème BRÛLÉE, Straße, Œuvre, Łódź"),
            "creme brulee strasse oeuvre lodz"
        );
        assert_eq!(normalize("Việt Nam"), "viet nam");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("—!?"), "");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(normalize("Ko\u{301}pi"), "kopi");
        assert_eq!(normalize("İstanbul"), "istanbul");
    }

    #[test]
    fn other_scripts_pass_through_lowercased() {
        assert_eq!(tokenize("蜂蜜 Madu ΜΈΛΙ"), vec!["蜂蜜", "madu", "μέλι"]);
    }

    #[test]
    fn fold_table_is_sorted_and_maps_to_letters() {
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FOLD.iter().all(|&(_, b)| b.is_ascii_lowercase()));
    }
}
