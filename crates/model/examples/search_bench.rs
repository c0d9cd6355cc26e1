//! Keystroke search benchmark over a synthetic catalog of 10 000 listings.
//!
//! For each query it types one character at a time and times every prefix, as the search box
//! does, comparing the index with a naive linear scan (substring `contains` per word plus a
//! per-word edit-distance ≤ 1 check for words of five letters or more) in the same run. The
//! naive scan only finds the matching set; the index also scores and ranks it.
//!
//! Run: `cargo run --release -p etalase-model --example search_bench [listings]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use etalase_model::search::{edit_distance, normalize, tokenize, MIN_TYPO_LEN};
use etalase_model::{synthetic_catalog, Catalog, Lang, SearchIndex};

#[path = "../tests/common/queries.rs"]
mod queries;
use queries::{QUERIES, RUNS};

/// The reference: every product's searchable text, normalised, scanned in full per query.
struct Naive {
    texts: Vec<String>,
    words: Vec<Vec<String>>,
}

impl Naive {
    fn build(c: &Catalog) -> Naive {
        let texts: Vec<String> = c
            .products
            .iter()
            .map(|p| {
                let village = c.village_of(p).map_or("", |v| v.name.as_str());
                let seller = c.seller_of(p).map_or("", |s| s.name.as_str());
                normalize(&format!(
                    "{} {} {village} {seller} {} {} {} {}",
                    p.name_id,
                    p.name_en,
                    p.category.label(Lang::Id),
                    p.category.label(Lang::En),
                    p.description_id,
                    p.description_en
                ))
            })
            .collect();
        let words = texts
            .iter()
            .map(|t| t.split(' ').map(str::to_owned).collect())
            .collect();
        Naive { texts, words }
    }

    fn search(&self, query: &str) -> Vec<usize> {
        let q = tokenize(query);
        (0..self.texts.len())
            .filter(|&i| {
                q.iter().all(|w| {
                    self.texts[i].contains(w.as_str())
                        || (w.len() >= MIN_TYPO_LEN
                            && self.words[i]
                                .iter()
                                .any(|t| within_one_edit(w.as_bytes(), t.as_bytes())))
                })
            })
            .collect()
    }
}

/// Levenshtein distance ≤ 1 (with adjacent transposition), without allocating: after the
/// common prefix, the rests must agree once one byte is dropped, replaced or swapped.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[p..], &b[p..]);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => a == &b[1..],
        std::cmp::Ordering::Greater => &a[1..] == b,
        std::cmp::Ordering::Equal => {
            a.is_empty()
                || a[1..] == b[1..]
                || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Times every keystroke prefix of every query `RUNS` times; returns per-keystroke times.
fn time_keystrokes(mut search: impl FnMut(&str) -> usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for q in QUERIES {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = &q[..end];
            for _ in 0..RUNS {
                let t = Instant::now();
                black_box(search(black_box(typed)));
                times.push(t.elapsed());
            }
        }
    }
    times.sort_unstable();
    times
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let catalog = synthetic_catalog(n, 42);
    println!(
        "synthetic_catalog({n}): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let t = Instant::now();
    let index = SearchIndex::build(&catalog);
    let build = t.elapsed();
    println!(
        "SearchIndex::build: {:.1} ms ({} terms)",
        build.as_secs_f64() * 1e3,
        index.term_count()
    );
    let t = Instant::now();
    let naive = Naive::build(&catalog);
    println!(
        "naive build (normalise all text): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    // The naive reference's fast typo check must agree with the real edit distance.
    let sample: Vec<&String> = naive.words.iter().take(200).flatten().collect();
    for a in [
        "kerupuk", "udnag", "amplagn", "kelulit", "seawed", "liberka",
    ] {
        for b in &sample {
            let slow = edit_distance(a, b) <= 1;
            assert_eq!(within_one_edit(a.as_bytes(), b.as_bytes()), slow, "{a} {b}");
        }
    }

    println!("\nper query (final text): index hits / naive hits, index median µs");
    for q in QUERIES {
        let hits = index.search(q).len();
        let mut ts: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                black_box(index.search(q));
                t.elapsed()
            })
            .collect();
        ts.sort_unstable();
        println!(
            "  {q:<15} {hits:>5} / {:>5}   {:>8.1} µs",
            naive.search(q).len(),
            us(percentile(&ts, 0.5))
        );
    }

    let keystrokes: usize = QUERIES.iter().map(|q| q.chars().count()).sum();
    println!("\n{keystrokes} keystrokes × {RUNS} runs each");
    let fast = time_keystrokes(|q| index.search(q).len());
    let slow = time_keystrokes(|q| naive.search(q).len());
    let row = |name: &str, t: &[Duration]| {
        println!(
            "  {name:<6} median {:>9.1} µs   p95 {:>9.1} µs   max {:>9.1} µs",
            us(percentile(t, 0.5)),
            us(percentile(t, 0.95)),
            us(*t.last().expect("timed"))
        );
    };
    row("index", &fast);
    row("naive", &slow);
    println!(
        "  speedup: {:.0}× at the median, {:.0}× at p95",
        us(percentile(&slow, 0.5)) / us(percentile(&fast, 0.5)),
        us(percentile(&slow, 0.95)) / us(percentile(&fast, 0.95))
    );

    // Slowest keystrokes of the index, to see where the time goes.
    let mut per_prefix: Vec<(Duration, String, usize)> = QUERIES
        .iter()
        .flat_map(|q| {
            q.char_indices()
                .map(move |(i, c)| q[..i + c.len_utf8()].to_owned())
        })
        .map(|typed| {
            let mut ts: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    black_box(index.search(&typed));
                    t.elapsed()
                })
                .collect();
            ts.sort_unstable();
            let hits = index.search(&typed).len();
            (percentile(&ts, 0.5), typed, hits)
        })
        .collect();
    per_prefix.sort_by_key(|p| std::cmp::Reverse(p.0));
    println!("  slowest keystrokes (index, median):");
    for (t, typed, hits) in per_prefix.iter().take(6) {
        println!(
            "    {:<16} {:>8.1} µs  {hits:>5} hits",
            format!("{typed:?}"),
            us(*t)
        );
    }
    let goal = Duration::from_millis(2);
    let p95 = percentile(&fast, 0.95);
    println!(
        "  goal ≤ 2 ms per keystroke: {}",
        if p95 <= goal {
            "met (p95)"
        } else {
            "NOT met (p95)"
        }
    );
}
