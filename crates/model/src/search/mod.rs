//! Typo-tolerant product search, run on every keystroke in the buyer's search box.
//!
//! The index is an inverted index over normalised words ([`normalize`], [`tokenize`]): a
//! sorted vocabulary (see `vocab`) and, per term, a posting list of product indices with a
//! bit set of the fields the term occurs in. A query word matches terms three ways:
//!
//! * **exact**: the term is the word;
//! * **prefix**: only for the last word while it is being typed (the query does not end in a
//!   space or punctuation): the term starts with the word, so `kerup` finds `kerupuk`;
//! * **typo**: for words of five letters or more, the term is one edit away (insert, delete,
//!   substitute, or swap two neighbours); shorter words are too ambiguous to correct (`kopi` →
//!   `kapi`, `topi`, `kopa`…). For the last word the typo may be in its typed prefix.
//!
//! Every query word must match (AND). A product's score is the sum over query words of the
//! best `kind weight × field weight` among the terms the word matched in it, with the field
//! weight dominating: a typo in the name outranks an exact word in the village or seller
//! name, which outranks an exact word in the description. Equal scores keep catalog order,
//! so results are deterministic.
//!
//! Matching works per word on posting lists: the cheapest word (fewest postings) goes first
//! and sets the candidates; later words either scan their postings against a dense
//! per-product array, or, when few candidates are left, binary-search each candidate in their
//! lists. Over 10 000 synthetic listings a keystroke typically costs tens of microseconds
//! natively, and a one-letter query that matches everything a few hundred (see
//! `examples/search_bench.rs`). Results for many hits are ordered by a counting sort on the
//! (small, integer) scores rather than a comparison sort.
//!
//! [`village`] is the smaller search a seller registering uses to find their own village by
//! name, typos and all; a few hundred names need no index.

mod bytes;
mod text;
pub mod village;
mod vocab;

use std::collections::HashMap;

pub use bytes::IndexBytesError;
pub use text::{normalize, tokenize};
pub use vocab::edit_distance;

use crate::catalog::{Catalog, Seller, Village};
use crate::Lang;
use text::for_each_token;
use vocab::Vocab;

/// Relevance of a product to a query; higher is better. Only comparable within one query.
pub type Score = u32;

/// Product fields as posting bits, from most to least telling.
const NAME: u8 = 1;
/// Village name and kecamatan, seller name, and the category label in both languages.
const META: u8 = 2;
const DESCRIPTION: u8 = 4;

/// Weight of the best field in a posting's field bits (index = bits).
const FIELD_WEIGHT: [Score; 8] = [0, 10, 3, 10, 1, 10, 3, 10];

/// Query words shorter than this (in letters) must match exactly or as a prefix.
pub const MIN_TYPO_LEN: usize = 5;

/// How a query word matched a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    Typo,
    Prefix,
    Exact,
}

impl MatchKind {
    fn weight(self) -> Score {
        match self {
            MatchKind::Typo => 2,
            MatchKind::Prefix => 3,
            MatchKind::Exact => 4,
        }
    }
}

/// The terms one query word matched.
struct WordMatches {
    terms: Vec<(u32, MatchKind)>,
    /// Total postings of those terms: what scanning them costs.
    postings: usize,
}

/// A search index over the products of one catalog. Indices it returns are positions in that
/// catalog's `products`; rebuild it whenever the catalog changes.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    vocab: Vocab,
    /// Postings of term `t` are `docs[starts[t]..starts[t + 1]]` (ascending) with `fields`
    /// alongside.
    starts: Vec<u32>,
    docs: Vec<u32>,
    fields: Vec<u8>,
    doc_count: usize,
}

impl SearchIndex {
    /// An index of `catalog`'s listings without their words, made at once: it answers a
    /// query without words (every listing, in catalog order) as [`SearchIndex::build`]'s
    /// does, and finds nothing for words. Building the whole index of 10,000 listings takes
    /// 260–280 ms in wasm, so an app can show the catalog with this one and build the real
    /// index after the first listings are on screen.
    pub fn without_words(catalog: &Catalog) -> SearchIndex {
        SearchIndex {
            vocab: Vocab::default(),
            starts: vec![0],
            docs: Vec::new(),
            fields: Vec::new(),
            doc_count: catalog.products.len(),
        }
    }

    /// Whether `query` has words to look up, so that only a built index can answer it.
    pub fn has_words(query: &str) -> bool {
        !tokenize(query).is_empty()
    }

    /// Indexes every product of `catalog`, whatever its status: filtering by status is the
    /// caller's business (see [`crate::filter::run_query`]).
    pub fn build(catalog: &Catalog) -> SearchIndex {
        let villages: HashMap<&str, &Village> = catalog
            .villages
            .iter()
            .map(|v| (v.slug.as_str(), v))
            .collect();
        let sellers: HashMap<&str, &Seller> =
            catalog.sellers.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut b = Builder::default();
        // (term in first-seen numbering, product, field bits), in product order.
        let mut triples: Vec<(u32, u32, u8)> = Vec::new();
        for (doc, p) in catalog.products.iter().enumerate() {
            b.local.clear();
            b.add(&p.name_id, NAME);
            b.add(&p.name_en, NAME);
            if let Some(v) = villages.get(p.village_slug.as_str()) {
                b.add(&v.name, META);
                b.add(&v.kecamatan, META);
            }
            if let Some(s) = sellers.get(p.seller_id.as_str()) {
                b.add(&s.name, META);
            }
            b.add(p.category.label(Lang::Id), META);
            b.add(p.category.label(Lang::En), META);
            b.add(&p.description_id, DESCRIPTION);
            b.add(&p.description_en, DESCRIPTION);
            b.local.sort_unstable();
            let mut k = 0;
            while k < b.local.len() {
                let (term, mut bits) = b.local[k];
                k += 1;
                while k < b.local.len() && b.local[k].0 == term {
                    bits |= b.local[k].1;
                    k += 1;
                }
                triples.push((term, doc as u32, bits));
            }
        }

        // Number terms in sorted order, then lay postings out term by term (counting sort
        // keeps each list in product order).
        let mut order: Vec<u32> = (0..b.terms.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.terms[x as usize].cmp(&b.terms[y as usize]));
        let mut rank = vec![0u32; order.len()];
        for (sorted, &first_seen) in order.iter().enumerate() {
            rank[first_seen as usize] = sorted as u32;
        }
        let vocab = Vocab::from_sorted(order.iter().map(|&i| &*b.terms[i as usize]));
        let mut starts = vec![0u32; order.len() + 1];
        for &(term, _, _) in &triples {
            starts[rank[term as usize] as usize + 1] += 1;
        }
        for t in 1..starts.len() {
            starts[t] += starts[t - 1];
        }
        let mut fill: Vec<u32> = starts[..order.len()].to_vec();
        let mut docs = vec![0u32; triples.len()];
        let mut fields = vec![0u8; triples.len()];
        for &(term, doc, bits) in &triples {
            let slot = &mut fill[rank[term as usize] as usize];
            docs[*slot as usize] = doc;
            fields[*slot as usize] = bits;
            *slot += 1;
        }
        SearchIndex {
            vocab,
            starts,
            docs,
            fields,
            doc_count: catalog.products.len(),
        }
    }

    /// Number of products indexed.
    pub fn len(&self) -> usize {
        self.doc_count
    }

    pub fn is_empty(&self) -> bool {
        self.doc_count == 0
    }

    /// Number of distinct words indexed.
    pub fn term_count(&self) -> usize {
        self.vocab.len()
    }

    /// Products matching every word of `query`, best first, as (product index, score). A
    /// query without words returns every product in catalog order with score 0.
    pub fn search(&self, query: &str) -> Vec<(usize, Score)> {
        let mut words = tokenize(query);
        if words.is_empty() {
            return (0..self.doc_count).map(|d| (d, 0)).collect();
        }
        // A pasted paragraph cannot match anyway; bound the work it causes.
        words.truncate(32);
        let typing = query
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c));
        let last = words.len() - 1;
        let mut matches: Vec<WordMatches> = words
            .iter()
            .enumerate()
            .map(|(k, w)| self.word_matches(w, typing && k == last))
            .collect();
        if matches.iter().any(|m| m.terms.is_empty()) {
            return Vec::new();
        }
        matches.sort_by_key(|m| m.postings);

        let n = self.doc_count;
        let mut total = vec![0 as Score; n];
        let mut best = vec![0 as Score; n];
        // round[d] = how many query words product d has matched; it stays in the running
        // while that equals the number of words processed.
        let mut round = vec![0u8; n];
        let mut alive: Vec<u32> = Vec::new();
        for (r, m) in matches.iter().enumerate() {
            let (r, next_round) = (r as u8, r as u8 + 1);
            let mut hit: Vec<u32> = Vec::new();
            if r > 0 && alive.len() * m.terms.len() * 16 < m.postings {
                // Few candidates: look each one up in the word's lists.
                for &d in &alive {
                    let s = m
                        .terms
                        .iter()
                        .filter_map(|&(t, kind)| self.posting(t, d).map(|bits| score(kind, bits)))
                        .max();
                    if let Some(s) = s {
                        best[d as usize] = s;
                        round[d as usize] = next_round;
                        hit.push(d);
                    }
                }
            } else {
                for &(t, kind) in &m.terms {
                    let range =
                        self.starts[t as usize] as usize..self.starts[t as usize + 1] as usize;
                    for (&d, &bits) in self.docs[range.clone()].iter().zip(&self.fields[range]) {
                        let s = score(kind, bits);
                        let du = d as usize;
                        if round[du] == r {
                            round[du] = next_round;
                            best[du] = s;
                            hit.push(d);
                        } else if round[du] == next_round && s > best[du] {
                            best[du] = s;
                        }
                    }
                }
            }
            for &d in &hit {
                total[d as usize] += best[d as usize];
            }
            alive = hit;
        }

        rank_hits(alive, &total, &round, matches.len() as u8)
    }

    fn word_matches(&self, word: &str, prefix: bool) -> WordMatches {
        let mut terms: Vec<(u32, MatchKind)> = Vec::new();
        if prefix {
            for t in self.vocab.prefix_range(word) {
                let kind = if self.vocab.term(t) == word {
                    MatchKind::Exact
                } else {
                    MatchKind::Prefix
                };
                terms.push((t as u32, kind));
            }
        } else if let Some(t) = self.vocab.find(word) {
            terms.push((t as u32, MatchKind::Exact));
        }
        if word.chars().count() >= MIN_TYPO_LEN {
            self.vocab.one_edit_away(word.as_bytes(), prefix, |t| {
                terms.push((t as u32, MatchKind::Typo))
            });
        }
        let postings = terms
            .iter()
            .map(|&(t, _)| (self.starts[t as usize + 1] - self.starts[t as usize]) as usize)
            .sum();
        WordMatches { terms, postings }
    }

    /// Field bits of product `doc` in the postings of `term`, if it occurs there.
    fn posting(&self, term: u32, doc: u32) -> Option<u8> {
        let (lo, hi) = (
            self.starts[term as usize] as usize,
            self.starts[term as usize + 1] as usize,
        );
        self.docs[lo..hi]
            .binary_search(&doc)
            .ok()
            .map(|k| self.fields[lo + k])
    }
}

/// Orders the surviving products by score, then index. Few hits are simply sorted; many (a
/// one-letter query matches nearly everything) are collected by a scan of `round` in index
/// order and bucketed by score, which is linear: scores are small integers.
fn rank_hits(alive: Vec<u32>, total: &[Score], round: &[u8], rounds: u8) -> Vec<(usize, Score)> {
    if alive.len() < 1_024 || alive.len() < total.len() / 8 {
        let mut out: Vec<(usize, Score)> = alive
            .into_iter()
            .map(|d| (d as usize, total[d as usize]))
            .collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        return out;
    }
    let max = alive.iter().map(|&d| total[d as usize]).max().unwrap_or(0) as usize;
    // starts[s] = where score s begins in the output, highest score first.
    let mut starts = vec![0usize; max + 2];
    for &d in &alive {
        starts[max - total[d as usize] as usize + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut out = vec![(0usize, 0 as Score); alive.len()];
    for (d, (&r, &score)) in round.iter().zip(total).enumerate() {
        if r == rounds {
            let slot = &mut starts[max - score as usize];
            out[*slot] = (d, score);
            *slot += 1;
        }
    }
    out
}

fn score(kind: MatchKind, bits: u8) -> Score {
    kind.weight() * FIELD_WEIGHT[usize::from(bits & 7)]
}

/// Interns words and collects one product's (term, field) pairs.
#[derive(Default)]
struct Builder {
    ids: HashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    local: Vec<(u32, u8)>,
    buf: String,
}

impl Builder {
    fn add(&mut self, text: &str, field: u8) {
        let Builder {
            ids,
            terms,
            local,
            buf,
        } = self;
        for_each_token(text, buf, |w| {
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    terms.push(w.into());
                    ids.insert(w.into(), id);
                    id
                }
            };
            local.push((id, field));
        });
    }
}

#[cfg(test)]
mod tests;
