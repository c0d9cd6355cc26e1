//! Finding one's own village by name, as a seller registering on a phone types it: often
//! misspelt (`sepatn`, `loa dury ulu`), sometimes without knowing the kecamatan.
//!
//! The regency has a few hundred villages, so this is a plain scan rather than the product
//! search's index: every query word must fit a word of the village's name (or, worth less,
//! of its kecamatan) exactly, as a prefix, or within a typo or two, and the village is scored
//! by how well its words fit. The query with its spaces removed is also compared with the
//! name's, so `loajanan` finds `Loa Janan` and `sanga sanga` finds `Sanga-Sanga`.
//! An exact word always outranks a prefix, and a prefix a typo, so a correctly spelt name
//! comes before its near misses.

use super::{edit_distance, tokenize};
use crate::catalog::Village;

/// Each kecamatan of `villages` with how many villages it has, sorted by name.
pub fn kecamatan_counts(villages: &[Village]) -> Vec<(&str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in villages {
        match counts.iter_mut().find(|(name, _)| *name == v.kecamatan) {
            Some((_, n)) => *n += 1,
            None => counts.push((&v.kecamatan, 1)),
        }
    }
    counts.sort_by_cached_key(|(name, _)| (super::normalize(name), name.to_string()));
    counts
}

/// The villages of `kecamatan` (of every kecamatan when `None`) that fit `query`, best first.
///
/// A query without words finds every village in scope, in name order. Equal scores go to the
/// name with fewer words (`Loa Duri` before `Loa Duri Ulu` would), then by name and kecamatan,
/// so results are deterministic.
pub fn search_villages<'a>(
    villages: &'a [Village],
    kecamatan: Option<&str>,
    query: &str,
) -> Vec<&'a Village> {
    let words = tokenize(query);
    let mut hits: Vec<(u32, usize, String, &Village)> = villages
        .iter()
        .filter(|v| kecamatan.is_none_or(|k| v.kecamatan == k))
        .filter_map(|v| {
            let name = tokenize(&v.name);
            let score = if words.is_empty() {
                0
            } else {
                score(&words, &name, &tokenize(&v.kecamatan))?
            };
            // Without words every score is 0 and the list is simply in name order.
            let length = if words.is_empty() { 0 } else { name.len() };
            Some((score, length, name.join(" "), v))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.3.kecamatan.cmp(&b.3.kecamatan))
    });
    hits.into_iter().map(|(.., v)| v).collect()
}

/// How a query word fits a word of a name, from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Within the typo budget of the start of a longer word (for words of five letters or
    /// more): `spati` of `sepatin`.
    TypoPrefix,
    /// Within the typo budget of the whole word: `sepatn` of `sepatin`.
    Typo,
    /// The start of the word: `sepa` of `sepatin`.
    Prefix,
    Exact,
}

impl Fit {
    /// A fit in the village's own name; the kecamatan's words count a quarter of this, so
    /// a typo in the name still outranks an exact kecamatan.
    fn name_weight(self) -> u32 {
        match self {
            Fit::TypoPrefix => 12,
            Fit::Typo => 16,
            Fit::Prefix => 24,
            Fit::Exact => 32,
        }
    }
}

/// The village's score for the query `words`, or `None` if some word fits nowhere.
fn score(words: &[String], name: &[String], kecamatan: &[String]) -> Option<u32> {
    let by_words: Option<u32> = words
        .iter()
        .map(|w| {
            let in_name = name.iter().filter_map(|t| fit(w, t)).max();
            let in_kecamatan = kecamatan.iter().filter_map(|t| fit(w, t)).max();
            match (in_name, in_kecamatan) {
                (None, None) => None,
                (n, k) => Some(
                    n.map_or(0, Fit::name_weight)
                        .max(k.map_or(0, |k| k.name_weight() / 4)),
                ),
            }
        })
        .sum();
    let joined = fit(&words.concat(), &name.concat())
        .map(|f| f.name_weight() * u32::try_from(words.len()).unwrap_or(u32::MAX));
    by_words.max(joined)
}

/// How `word` fits `term`, if it does.
fn fit(word: &str, term: &str) -> Option<Fit> {
    if word == term {
        return Some(Fit::Exact);
    }
    if term.starts_with(word) {
        return Some(Fit::Prefix);
    }
    let budget = typo_budget(word);
    if budget == 0 {
        return None;
    }
    if edit_distance(word, term) <= budget {
        return Some(Fit::Typo);
    }
    // The word may be a mistyped start of the term: compare it with the term's starts of
    // about its own length (one letter more or less, for a letter dropped or doubled).
    // Four letters are too few for that: `sepa` would start `sema…`, `sela…` and `cepa…`.
    let len = word.chars().count();
    if len < 5 {
        return None;
    }
    term.char_indices()
        .map(|(i, _)| i)
        .chain([term.len()])
        .enumerate()
        .skip(len.saturating_sub(budget))
        .take(2 * budget + 1)
        .filter(|&(_, end)| end < term.len())
        .any(|(_, end)| edit_distance(word, &term[..end]) <= budget)
        .then_some(Fit::TypoPrefix)
}

/// How many edits a query word may be away from a name's word: none under four letters
/// (`loa` would find every `lou`, `toa`…), one up to seven, two from eight.
fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn kukar() -> Vec<Village> {
        Gazetteer::east_kalimantan()
            .region("64.02")
            .unwrap()
            .catalog_villages()
    }

    fn names<'a>(hits: &[&'a Village]) -> Vec<&'a str> {
        hits.iter().map(|v| v.name.as_str()).collect()
    }

    fn village(name: &str, kecamatan: &str) -> Village {
        let mut v = kukar()[0].clone();
        v.slug = name.to_lowercase().replace(' ', "-");
        v.name = name.into();
        v.kecamatan = kecamatan.into();
        v
    }

    #[test]
    fn a_typo_finds_the_village() {
        let all = kukar();
        assert_eq!(names(&search_villages(&all, None, "sepatn"))[0], "Sepatin");
        assert_eq!(names(&search_villages(&all, None, "spatin"))[0], "Sepatin");
        assert_eq!(names(&search_villages(&all, None, "sepaitn"))[0], "Sepatin");
        let hit = search_villages(&all, None, "loa dury ulu");
        assert_eq!(names(&hit), ["Loa Duri Ulu"]);
        assert_eq!(hit[0].kecamatan, "Loa Janan");
    }

    #[test]
    fn a_prefix_finds_the_village_while_it_is_typed() {
        let all = kukar();
        assert_eq!(
            names(&search_villages(&all, None, "sepa")),
            ["Sepakat", "Separi", "Sepatin"]
        );
        // The prefix comes before near misses (`Sepakat`, `Selatan`).
        assert_eq!(names(&search_villages(&all, None, "sepat"))[0], "Sepatin");
        // A typo in a half-typed word still finds it.
        assert_eq!(names(&search_villages(&all, None, "spati"))[0], "Sepatin");
        let loa_duri = search_villages(&all, None, "loa dur");
        assert_eq!(names(&loa_duri), ["Loa Duri Ilir", "Loa Duri Ulu"]);
    }

    #[test]
    fn every_word_must_fit() {
        let all = kukar();
        assert_eq!(
            names(&search_villages(&all, None, "loa duri ilir")),
            ["Loa Duri Ilir"]
        );
        assert!(search_villages(&all, None, "sepatin zzzz").is_empty());
    }

    #[test]
    fn words_run_together_or_apart_still_fit() {
        let all = kukar();
        let hits = search_villages(&all, None, "sangasanga dalam");
        assert_eq!(names(&hits)[0], "Sanga-Sanga Dalam");
        let hits = search_villages(&all, None, "loaduri ulu");
        assert_eq!(names(&hits)[0], "Loa Duri Ulu");
    }

    #[test]
    fn exact_names_come_before_near_misses() {
        let list = [
            village("Sepaten", "Anggana"),
            village("Sepatin Baru", "Anggana"),
            village("Sepatin", "Anggana"),
            village("Sepatinggi", "Anggana"),
        ];
        let hits = search_villages(&list, None, "sepatin");
        assert_eq!(
            names(&hits),
            ["Sepatin", "Sepatin Baru", "Sepatinggi", "Sepaten"]
        );
        // A typo in the name outranks an exact word of the kecamatan only.
        let list = [village("Rapak", "Anggana"), village("Angana", "Sebulu")];
        assert_eq!(
            names(&search_villages(&list, None, "anggana")),
            ["Angana", "Rapak"]
        );
    }

    #[test]
    fn case_and_diacritics_do_not_matter() {
        let all = kukar();
        assert_eq!(names(&search_villages(&all, None, "SÉPATÍN"))[0], "Sepatin");
        assert_eq!(
            names(&search_villages(&all, None, "  Loa-DURI  ulu "))[0],
            "Loa Duri Ulu"
        );
    }

    #[test]
    fn a_kecamatan_narrows_the_search() {
        let all = kukar();
        let hits = search_villages(&all, Some("Anggana"), "sepatn");
        assert_eq!(names(&hits), ["Sepatin"]);
        assert!(search_villages(&all, Some("Tenggarong"), "sepatin").is_empty());
        // Its words find its villages, after any whose own name fits.
        let hits = search_villages(&all, None, "anggana");
        assert!(hits.len() >= 8);
        assert!(hits
            .iter()
            .all(|v| v.kecamatan == "Anggana" || v.name.contains("Anggana")));
    }

    #[test]
    fn an_empty_query_lists_the_kecamatan_in_name_order() {
        let all = kukar();
        let hits = search_villages(&all, Some("Anggana"), "");
        assert!(hits.len() >= 8);
        assert!(hits.iter().all(|v| v.kecamatan == "Anggana"));
        assert!(hits.windows(2).all(|w| w[0].name <= w[1].name));
        assert_eq!(search_villages(&all, None, " ,. ").len(), all.len());
    }

    #[test]
    fn short_words_are_not_corrected() {
        let all = kukar();
        // `loe` is no typo of `loa`: three letters are too few to guess from.
        let hits = search_villages(&all, None, "loe");
        assert!(
            hits.iter().all(|v| !v.name.starts_with("Loa")),
            "{:?}",
            names(&hits)
        );
    }

    #[test]
    fn kecamatan_are_counted_and_sorted() {
        let all = kukar();
        let counts = kecamatan_counts(&all);
        assert_eq!(counts.len(), 20);
        assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), all.len());
        assert_eq!(counts[0].0, "Anggana");
        assert!(counts.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
