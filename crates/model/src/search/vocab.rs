//! The sorted vocabulary of the index and the two ways a query word finds terms in it.
//!
//! Terms are kept sorted in one string, so every term starting with a prefix is a contiguous
//! id range found by two binary searches. Typos are found by walking the sorted terms as if
//! they were a trie and running a Levenshtein automaton (distance ≤ 1, with transpositions)
//! over them: terms sharing a prefix with the previous term reuse its DP rows, and as soon as
//! a prefix is two edits away from the query word every term under it is skipped with one
//! more (galloping) search. The walk touches only the few trie nodes within one edit of the word,
//! so it costs microseconds regardless of vocabulary size.

/// Sorted, deduplicated terms.
#[derive(Debug, Clone, Default)]
pub(super) struct Vocab {
    text: String,
    /// `ends[i]` is the end of term `i` in `text`; it starts where term `i - 1` ends.
    ends: Vec<u32>,
}

impl Vocab {
    /// `terms` must be sorted and unique.
    pub(super) fn from_sorted<'a>(terms: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut v = Vocab::default();
        for t in terms {
            v.text.push_str(t);
            v.ends.push(v.text.len() as u32);
        }
        debug_assert!((1..v.len()).all(|i| v.bytes(i - 1) < v.bytes(i)));
        v
    }

    /// The text and ends, for [`super::SearchIndex::to_bytes`].
    pub(super) fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    /// From checked parts (see [`super::SearchIndex::from_bytes`]).
    pub(super) fn from_parts(text: String, ends: Vec<u32>) -> Vocab {
        Vocab { text, ends }
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn term(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Term `i` as bytes: the hot loops compare bytes and need no char-boundary checks.
    fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }

    /// First id in `lo..hi` whose term is not `pred`-true, assuming `pred` is true then false.
    fn partition_point(&self, mut lo: usize, mut hi: usize, pred: impl Fn(&[u8]) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.bytes(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// End of the run of terms from `from` on that start with `stem` (term `from` does).
    /// Gallops first: the runs the typo walk skips are mostly short, so this is usually a
    /// couple of comparisons rather than a binary search over the whole vocabulary.
    fn stem_end(&self, from: usize, stem: &[u8]) -> usize {
        // Terms in from..lo are known to start with `stem`; term `hi` (or the end) does not.
        let mut lo = from + 1;
        let mut step = 1;
        let hi = loop {
            let probe = from + step;
            if probe >= self.len() || !self.bytes(probe).starts_with(stem) {
                break probe.min(self.len());
            }
            lo = probe + 1;
            step *= 2;
        };
        self.partition_point(lo, hi, |t| t.starts_with(stem))
    }

    pub(super) fn find(&self, word: &str) -> Option<usize> {
        let w = word.as_bytes();
        let i = self.partition_point(0, self.len(), |t| t < w);
        (i < self.len() && self.bytes(i) == w).then_some(i)
    }

    /// Ids of the terms starting with `prefix` (including `prefix` itself if it is a term).
    pub(super) fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let p = prefix.as_bytes();
        let start = self.partition_point(0, self.len(), |t| t < p);
        let end = self.partition_point(start, self.len(), |t| t.starts_with(p));
        start..end
    }

    /// Calls `hit` with every term at edit distance exactly 1 from `word` (insertion, deletion,
    /// substitution or transposition of neighbours). With `prefix`, a term also counts when one
    /// of its prefixes is one edit away and none is an exact match, which is how a word still
    /// being typed is matched.
    pub(super) fn one_edit_away(&self, word: &[u8], prefix: bool, mut hit: impl FnMut(usize)) {
        let n = word.len();
        let width = n + 1;
        // rows[d * width + j]: edit distance between the term's first d bytes and word[..j],
        // capped at 2 (only "0, 1 or more" matters, and capping keeps the min-plus DP exact
        // below the cap). best[d]: min over depths ≤ d of the last column (prefix mode).
        let mut rows: Vec<u8> = (0..width).map(|j| j.min(2) as u8).collect();
        let mut best: Vec<u8> = vec![rows[n]];
        let mut valid = 0; // rows are computed for depths 0..=valid of `prev`
        let mut prev: &[u8] = &[];
        let mut i = 0;
        while i < self.len() {
            let t = self.bytes(i);
            let mut d = common_prefix(prev, t).min(valid);
            let mut pruned = false;
            while d < t.len() {
                d += 1;
                if best.len() <= d {
                    rows.resize((d + 1) * width, 2);
                    best.resize(d + 1, 2);
                }
                let c = t[d - 1];
                let (above, row) = rows.split_at_mut(d * width);
                let up = &above[(d - 1) * width..];
                row[0] = d.min(2) as u8;
                let mut row_min = row[0];
                for j in 1..width {
                    let mut v = (up[j] + 1)
                        .min(row[j - 1] + 1)
                        .min(up[j - 1] + u8::from(c != word[j - 1]));
                    if d >= 2 && j >= 2 && c == word[j - 2] && t[d - 2] == word[j - 1] {
                        v = v.min(above[(d - 2) * width + j - 2] + 1);
                    }
                    row[j] = v.min(2);
                    row_min = row_min.min(row[j]);
                }
                best[d] = best[d - 1].min(row[n]);
                if row_min > 1 {
                    pruned = true;
                    break;
                }
            }
            valid = d;
            prev = t;
            if pruned {
                // No extension of t[..d] can come back within one edit, so every term under
                // it ends the same way: in prefix mode all match if t[..d] already did (with
                // one edit), otherwise none does. Either way the subtree is done.
                let end = self.stem_end(i, &t[..d]);
                if prefix && best[d] == 1 {
                    (i..end).for_each(&mut hit);
                }
                i = end;
                continue;
            }
            let distance = if prefix {
                best[t.len()]
            } else {
                rows[t.len() * width + n]
            };
            if distance == 1 {
                hit(i);
            }
            i += 1;
        }
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Plain optimal-string-alignment distance over bytes (normalised text is ASCII but for other
/// scripts), the reference the automaton is tested against and the benchmark's naive search
/// uses.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..width {
            let mut v = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + usize::from(a[i - 1] != b[j - 1]));
            if i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = v;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut w: Vec<&str> = words.to_vec();
        w.sort_unstable();
        w.dedup();
        Vocab::from_sorted(w)
    }

    fn typos(v: &Vocab, word: &str, prefix: bool) -> Vec<String> {
        let mut out = Vec::new();
        v.one_edit_away(word.as_bytes(), prefix, |i| out.push(v.term(i).to_owned()));
        out
    }

    const WORDS: &[&str] = &[
        "amplang",
        "anyaman",
        "kerupuk",
        "kerupukan",
        "keruh",
        "kelulut",
        "kopi",
        "kompos",
        "udang",
        "undang",
        "dang",
        "madu",
        "madura",
        "sepatin",
        "sepat",
        "liberika",
        "laut",
        "rumput",
        "rumah",
    ];

    #[test]
    fn prefix_ranges_and_lookup() {
        let v = vocab(WORDS);
        let names = |r: std::ops::Range<usize>| r.map(|i| v.term(i).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            names(v.prefix_range("keru")),
            ["keruh", "kerupuk", "kerupukan"]
        );
        assert_eq!(names(v.prefix_range("kerupuk")), ["kerupuk", "kerupukan"]);
        assert!(v.prefix_range("zz").is_empty());
        assert_eq!(v.find("kopi").map(|i| v.term(i)), Some("kopi"));
        assert_eq!(v.find("kop"), None);
    }

    #[test]
    fn whole_word_typos() {
        let v = vocab(WORDS);
        assert_eq!(typos(&v, "kerupk", false), ["kerupuk"]);
        assert_eq!(typos(&v, "udnag", false), ["udang"]);
        assert_eq!(typos(&v, "udang", false), ["dang", "undang"]);
        assert_eq!(typos(&v, "amplagn", false), ["amplang"]);
        assert_eq!(typos(&v, "kelulit", false), ["kelulut"]);
        assert!(
            typos(&v, "kerupuk", false).is_empty(),
            "exact match is not a typo"
        );
    }

    #[test]
    fn prefix_typos() {
        let v = vocab(WORDS);
        // "kerpu" is a transposed "kerup", the start of both kerupuk words; "keru" is "kerpu"
        // less a letter, so "keruh" counts too.
        assert_eq!(typos(&v, "kerpu", true), ["keruh", "kerupuk", "kerupukan"]);
        assert_eq!(typos(&v, "amplag", true), ["amplang"]);
        // A plain prefix is distance 0, not a typo.
        assert!(!typos(&v, "kerup", true).contains(&"kerupuk".to_owned()));
    }

    #[test]
    fn automaton_agrees_with_reference_distance() {
        let words: Vec<String> = (0..400u32)
            .map(|i| {
                let sy = ["ka", "ke", "ru", "pu", "an", "ng", "la", "ut", "ma", "du"];
                let mut s = String::new();
                let mut x = i.wrapping_mul(2_654_435_761);
                for _ in 0..(2 + i % 4) {
                    s.push_str(sy[(x % 10) as usize]);
                    x /= 10;
                }
                s
            })
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let v = vocab(&refs);
        for q in ["kerupu", "kaarnu", "madula", "pukeru", "ngruan", "laudu"] {
            let got = typos(&v, q, false);
            let want: Vec<String> = (0..v.len())
                .map(|i| v.term(i))
                .filter(|t| edit_distance(q, t) == 1)
                .map(str::to_owned)
                .collect();
            assert_eq!(got, want, "query {q}");
            let got = typos(&v, q, true);
            let want: Vec<String> = (0..v.len())
                .map(|i| v.term(i))
                .filter(|t| (0..=t.len()).map(|k| edit_distance(q, &t[..k])).min() == Some(1))
                .map(str::to_owned)
                .collect();
            assert_eq!(got, want, "prefix query {q}");
        }
    }
}
