//! The buyer's catalog query: search words plus filters and a sort order, as one value that
//! lives in the URL (so results can be shared and the back button works) and runs the same
//! way in the app and on the server.
//!
//! URL keys are short Indonesian words (`?q=madu&kategori=madu&ekspor=1&mitra=1&urut=harga-naik`);
//! defaults are left out so links stay short, and anything unknown or malformed is ignored
//! rather than refused: a stale or hand-edited link should still show something.

mod run;

use serde::{Deserialize, Serialize};

use crate::catalog::{Category, CertificateKind, IdmStatus};
use crate::{Lang, Rupiah};

pub use run::{facet_counts, run_query, run_query_on_hits, run_query_with_facets};

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Search rank; catalog order when there are no search words.
    #[default]
    Relevance,
    /// Cheapest base price (price at MOQ) first.
    PriceAsc,
    PriceDesc,
    /// Most recently listed first.
    Newest,
    /// Villages that need it most first (Sangat Tertinggal … Mandiri, then villages
    /// without IDM figures), relevance within each: for buyers who source for impact.
    DevelopingFirst,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Newest,
        Sort::DevelopingFirst,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Sort::Relevance => "relevan",
            Sort::PriceAsc => "harga-naik",
            Sort::PriceDesc => "harga-turun",
            Sort::Newest => "terbaru",
            Sort::DevelopingFirst => "desa-berkembang",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Sort::Relevance, Lang::Id) => "Paling relevan",
            (Sort::PriceAsc, Lang::Id) => "Harga terendah",
            (Sort::PriceDesc, Lang::Id) => "Harga tertinggi",
            (Sort::Newest, Lang::Id) => "Terbaru",
            (Sort::DevelopingFirst, Lang::Id) => "Desa tertinggal dulu",
            (Sort::Relevance, Lang::En) => "Most relevant",
            (Sort::PriceAsc, Lang::En) => "Lowest price",
            (Sort::PriceDesc, Lang::En) => "Highest price",
            (Sort::Newest, Lang::En) => "Newest",
            (Sort::DevelopingFirst, Lang::En) => "Least developed villages first",
        }
    }

    pub fn from_slug(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|v| v.slug() == s)
    }
}

/// What the buyer asked for. `Default` is "everything, most relevant first".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CatalogQuery {
    /// Search words, as typed.
    pub q: String,
    pub category: Option<Category>,
    /// Matched against the village's kabupaten, ignoring case, accents and dashes.
    pub kabupaten: Option<String>,
    pub kecamatan: Option<String>,
    /// A village slug (a village name also works).
    pub village: Option<String>,
    /// Only listings with a certificate of this kind that is valid today.
    pub certificate: Option<CertificateKind>,
    /// Only listings whose MOQ is at most this.
    pub max_moq: Option<u32>,
    /// Bounds on the base price (the price at the MOQ), inclusive.
    pub price_min: Option<Rupiah>,
    pub price_max: Option<Rupiah>,
    pub max_lead_days: Option<u16>,
    /// Only export-ready listings when true; false means no filter.
    pub export_ready: bool,
    /// Only listings from villages of these IDM statuses (any of them); empty means no
    /// filter. Kept sorted and without repeats, so equal queries are equal.
    pub idm: Vec<IdmStatus>,
    pub sort: Sort,
    /// Only listings backed by a partner (their village has a signed or running
    /// partnership) when true; false means no filter.
    pub partner_backed: bool,
    /// Only listings sold through this village's cooperative (its slug).
    pub cooperative: Option<String>,
    /// Only listings of sellers someone verified (a cooperative, a facilitator, the
    /// district) when true; false means no filter.
    pub verified: bool,
}

impl CatalogQuery {
    /// The query as URL pairs, in a fixed order, defaults omitted.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut push = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.push((k, v));
            }
        };
        push("q", Some(self.q.trim().to_owned()));
        push("kategori", self.category.map(|c| c.slug().to_owned()));
        push("kab", self.kabupaten.clone());
        push("kec", self.kecamatan.clone());
        push("desa", self.village.clone());
        push("sertifikat", self.certificate.map(|c| c.slug().to_owned()));
        push("moq", self.max_moq.map(|n| n.to_string()));
        push("harga_min", self.price_min.map(|r| r.0.to_string()));
        push("harga_max", self.price_max.map(|r| r.0.to_string()));
        push("waktu", self.max_lead_days.map(|n| n.to_string()));
        push("ekspor", self.export_ready.then(|| "1".to_owned()));
        push(
            "idm",
            Some(
                self.idm
                    .iter()
                    .map(|s| s.slug())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        );
        push("mitra", self.partner_backed.then(|| "1".to_owned()));
        push("koperasi", self.cooperative.clone());
        push("terverifikasi", self.verified.then(|| "1".to_owned()));
        push(
            "urut",
            (self.sort != Sort::Relevance).then(|| self.sort.slug().to_owned()),
        );
        out
    }

    /// Reads URL pairs (already percent-decoded). Unknown keys and invalid values are
    /// ignored; a repeated key keeps its last value.
    pub fn from_query_pairs<I, K, V>(pairs: I) -> CatalogQuery
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = CatalogQuery::default();
        for (k, v) in pairs {
            let v = v.as_ref().trim();
            let text = || (!v.is_empty()).then(|| v.to_owned());
            match k.as_ref() {
                "q" => q.q = v.to_owned(),
                "kategori" => q.category = v.parse().ok(),
                "kab" => q.kabupaten = text(),
                "kec" => q.kecamatan = text(),
                "desa" => q.village = text(),
                "sertifikat" => q.certificate = v.parse().ok(),
                "moq" => q.max_moq = v.parse().ok(),
                "harga_min" => q.price_min = v.parse().ok().map(Rupiah),
                "harga_max" => q.price_max = v.parse().ok().map(Rupiah),
                "waktu" => q.max_lead_days = v.parse().ok(),
                "ekspor" => q.export_ready = matches!(v, "1" | "true" | "ya" | "yes"),
                "idm" => {
                    q.idm = v.split(',').filter_map(|s| s.parse().ok()).collect();
                    q.idm.sort();
                    q.idm.dedup();
                }
                "mitra" => q.partner_backed = matches!(v, "1" | "true" | "ya" | "yes"),
                "koperasi" => q.cooperative = text(),
                "terverifikasi" => q.verified = matches!(v, "1" | "true" | "ya" | "yes"),
                "urut" => q.sort = Sort::from_slug(v).unwrap_or_default(),
                _ => {}
            }
        }
        q
    }

    /// `q=kerupuk+udang&kategori=kerupuk` (no leading `?`; empty for the default query).
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<String> = self
            .to_query_pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
            .collect();
        pairs.join("&")
    }

    /// Parses a query string with or without the leading `?`.
    pub fn from_query_string(s: &str) -> CatalogQuery {
        let s = s.strip_prefix('?').unwrap_or(s);
        CatalogQuery::from_query_pairs(s.split('&').filter(|p| !p.is_empty()).map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        }))
    }

    /// Whether any filter (not the search words or sort) is set, e.g. to show "clear filters".
    pub fn has_filters(&self) -> bool {
        let bare = CatalogQuery {
            q: self.q.clone(),
            sort: self.sort,
            ..CatalogQuery::default()
        };
        *self != bare
    }
}

/// Form-style encoding: unreserved characters as they are, space as `+`, the rest `%XX`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The inverse of [`percent_encode`]; malformed escapes are kept literally.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() && hex(b[i + 1]).is_some() && hex(b[i + 2]).is_some() => {
                out.push((hex(b[i + 1]).unwrap_or(0) * 16 + hex(b[i + 2]).unwrap_or(0)) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
