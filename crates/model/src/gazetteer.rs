//! The gazetteer: East Kalimantan's regencies, kecamatan and villages (desa and kelurahan)
//! under their Kemendagri codes, parsed from the committed CSV (`data/gazetteer/64.csv` in
//! this crate, written by `cargo xtask gazetteer` from `idn-area-data` 4.0.1; the data is
//! under the ODbL 1.0, see the README beside it).
//!
//! The file is one sorted `code,name` table: `64` is the province, `64.02` a regency,
//! `64.02.04` a kecamatan, `64.02.04.2001` a village. A row's parent is its code less the last
//! segment; in a village's last segment `1xxx` is a kelurahan and `2xxx` a desa.
//!
//! Everything here is pure: [`Gazetteer::parse`] takes the text, [`EAST_KALIMANTAN`] embeds
//! it, and [`Gazetteer::region`] narrows it to the region the deployment serves (`64.02`,
//! Kutai Kartanegara, by default; `64` for the whole province).

use std::collections::BTreeMap;

use crate::catalog::Village;
use crate::Lang;

/// The committed gazetteer of Kalimantan Timur (province `64`), as CSV text.
pub const EAST_KALIMANTAN: &str = include_str!("../data/gazetteer/64.csv");

/// The region served unless configured otherwise: Kabupaten Kutai Kartanegara.
pub const DEFAULT_REGION: &str = "64.02";

/// A province or a regency (kabupaten or kota): `64` Kalimantan Timur,
/// `64.02` Kabupaten Kutai Kartanegara. Names keep the source's `Kabupaten`/`Kota` prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name: String,
}

/// A district: `64.02.04` Anggana.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kecamatan {
    pub code: String,
    pub name: String,
}

impl Kecamatan {
    /// `64.02` for `64.02.04`.
    pub fn regency_code(&self) -> &str {
        parent(&self.code)
    }
}

/// A desa or kelurahan: `64.02.04.2001` Sepatin, a desa in Anggana.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerVillage {
    pub code: String,
    pub name: String,
    /// `64.02.04`.
    pub kecamatan_code: String,
    pub kind: VillageKind,
}

impl GazetteerVillage {
    /// `64.02` for `64.02.04.2001`.
    pub fn regency_code(&self) -> &str {
        parent(&self.kecamatan_code)
    }
}

/// Whether a village is a desa (self-governing, `2xxx` codes) or a kelurahan (an urban
/// subdivision run by the regency, `1xxx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VillageKind {
    Desa,
    Kelurahan,
}

impl VillageKind {
    pub const ALL: [VillageKind; 2] = [VillageKind::Desa, VillageKind::Kelurahan];

    /// From a village code's last segment: `64.02.04.2001` is a desa, `64.02.15.1003` a
    /// kelurahan; anything else (not a village code, another first digit) is `None`.
    pub fn from_code(code: &str) -> Option<VillageKind> {
        if level(code) != Some(Level::Village) {
            return None;
        }
        match code.as_bytes()[code.len() - 4] {
            b'1' => Some(VillageKind::Kelurahan),
            b'2' => Some(VillageKind::Desa),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            VillageKind::Desa => "desa",
            VillageKind::Kelurahan => "kelurahan",
        }
    }

    /// The administrative terms stay Indonesian in English, glossed as the app glosses
    /// "Kecamatan (district)".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (VillageKind::Desa, Lang::Id) => "Desa",
            (VillageKind::Kelurahan, Lang::Id) => "Kelurahan",
            (VillageKind::Desa, Lang::En) => "Desa (village)",
            (VillageKind::Kelurahan, Lang::En) => "Kelurahan (urban village)",
        }
    }
}

impl VillageKind {
    /// The village's cooperative under the national programme: Koperasi Desa Merah Putih
    /// for a desa, Koperasi Kelurahan Merah Putih for a kelurahan.
    pub fn cooperative_name(self, village: &str) -> String {
        match self {
            VillageKind::Desa => format!("Koperasi Desa Merah Putih {village}"),
            VillageKind::Kelurahan => format!("Koperasi Kelurahan Merah Putih {village}"),
        }
    }
}

from_slug!(VillageKind, "village kind");

/// Why the gazetteer text was refused; every variant names the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    #[error("line 1: expected the header `code,name`, found {found:?}")]
    Header { found: String },
    #[error("line {line}: expected 2 fields (code,name), found {found}")]
    Fields { line: usize, found: usize },
    #[error("line {line}: unbalanced quotes")]
    Quote { line: usize },
    #[error("line {line}: `{code}` is not a code like 64, 64.02, 64.02.04 or 64.02.04.2001")]
    Code { line: usize, code: String },
    #[error("line {line}: `{code}` has no name")]
    Name { line: usize, code: String },
    #[error("line {line}: `{code}` does not come after the line before it (codes are sorted and unique)")]
    Order { line: usize, code: String },
    #[error("line {line}: the parent `{parent}` of `{code}` is not listed before it")]
    Parent {
        line: usize,
        code: String,
        parent: String,
    },
    #[error("line {line}: `{code}` is neither a kelurahan (1xxx) nor a desa (2xxx)")]
    Kind { line: usize, code: String },
}

impl GazetteerError {
    /// The 1-based line the problem is on.
    pub fn line(&self) -> usize {
        match self {
            GazetteerError::Header { .. } => 1,
            GazetteerError::Fields { line, .. }
            | GazetteerError::Quote { line }
            | GazetteerError::Code { line, .. }
            | GazetteerError::Name { line, .. }
            | GazetteerError::Order { line, .. }
            | GazetteerError::Parent { line, .. }
            | GazetteerError::Kind { line, .. } => *line,
        }
    }
}

/// Why [`Gazetteer::region`] refused a prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionError {
    #[error("`{0}` is not a region code like 64, 64.02 or 64.02.04")]
    Malformed(String),
    #[error("there is no region `{0}` in the gazetteer")]
    Unknown(String),
}

/// Provinces, regencies, kecamatan and villages, each sorted by code. Every village's
/// kecamatan, every kecamatan's regency and every regency's province is present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gazetteer {
    provinces: Vec<Region>,
    regencies: Vec<Region>,
    kecamatan: Vec<Kecamatan>,
    villages: Vec<GazetteerVillage>,
}

impl Gazetteer {
    /// Parses the `code,name` CSV described in the module docs. LF or CRLF line ends; a
    /// name may be quoted (RFC 4180, `""` for a quote) but not span lines.
    pub fn parse(text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut lines = text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l));
        let header = lines.next().unwrap_or_default();
        if header != "code,name" {
            return Err(GazetteerError::Header {
                found: header.to_owned(),
            });
        }
        let mut g = Gazetteer::default();
        // The last code seen at each level: since the rows are sorted, a row's parent is the
        // last row one level up, or it is missing.
        let mut last: [Option<String>; 4] = Default::default();
        let mut previous = String::new();
        for (i, line) in lines.enumerate() {
            let line_no = i + 2;
            let fields = split_fields(line).ok_or(GazetteerError::Quote { line: line_no })?;
            let [code, name]: [String; 2] =
                fields
                    .try_into()
                    .map_err(|f: Vec<String>| GazetteerError::Fields {
                        line: line_no,
                        found: f.len(),
                    })?;
            let Some(level) = level(&code) else {
                return Err(GazetteerError::Code {
                    line: line_no,
                    code,
                });
            };
            if name.trim().is_empty() {
                return Err(GazetteerError::Name {
                    line: line_no,
                    code,
                });
            }
            if code <= previous {
                return Err(GazetteerError::Order {
                    line: line_no,
                    code,
                });
            }
            if level != Level::Province {
                let parent = parent(&code);
                if last[level as usize - 1].as_deref() != Some(parent) {
                    return Err(GazetteerError::Parent {
                        line: line_no,
                        parent: parent.to_owned(),
                        code,
                    });
                }
            }
            previous.clone_from(&code);
            last[level as usize] = Some(code.clone());
            match level {
                Level::Province => g.provinces.push(Region { code, name }),
                Level::Regency => g.regencies.push(Region { code, name }),
                Level::Kecamatan => g.kecamatan.push(Kecamatan { code, name }),
                Level::Village => {
                    let Some(kind) = VillageKind::from_code(&code) else {
                        return Err(GazetteerError::Kind {
                            line: line_no,
                            code,
                        });
                    };
                    g.villages.push(GazetteerVillage {
                        kecamatan_code: parent(&code).to_owned(),
                        code,
                        name,
                        kind,
                    });
                }
            }
        }
        Ok(g)
    }

    /// The committed East Kalimantan gazetteer ([`EAST_KALIMANTAN`]), parsed.
    pub fn east_kalimantan() -> Gazetteer {
        Gazetteer::parse(EAST_KALIMANTAN).expect("the committed gazetteer parses (tested)")
    }

    /// The part under `prefix`, a province, regency or kecamatan code (`64`, `64.02`,
    /// `64.02.04`), with the regions above it kept so every village still has its kecamatan,
    /// regency and province.
    pub fn region(&self, prefix: &str) -> Result<Gazetteer, RegionError> {
        if !matches!(
            level(prefix),
            Some(Level::Province | Level::Regency | Level::Kecamatan)
        ) {
            return Err(RegionError::Malformed(prefix.to_owned()));
        }
        if self.name(prefix).is_none() {
            return Err(RegionError::Unknown(prefix.to_owned()));
        }
        // In the region, or above it (`64` for `64.02`).
        let keep = |code: &str| within(code, prefix) || within(prefix, code);
        Ok(Gazetteer {
            provinces: self
                .provinces
                .iter()
                .filter(|r| keep(&r.code))
                .cloned()
                .collect(),
            regencies: self
                .regencies
                .iter()
                .filter(|r| keep(&r.code))
                .cloned()
                .collect(),
            kecamatan: self
                .kecamatan
                .iter()
                .filter(|k| keep(&k.code))
                .cloned()
                .collect(),
            villages: self
                .villages
                .iter()
                .filter(|v| keep(&v.code))
                .cloned()
                .collect(),
        })
    }

    pub fn provinces(&self) -> &[Region] {
        &self.provinces
    }

    pub fn regencies(&self) -> &[Region] {
        &self.regencies
    }

    pub fn kecamatan(&self) -> &[Kecamatan] {
        &self.kecamatan
    }

    pub fn villages(&self) -> &[GazetteerVillage] {
        &self.villages
    }

    /// Every village as the catalog first knows it: named, placed and coded, with its
    /// programme cooperative's name, and nothing the gazetteer does not say (no IDM figures,
    /// no description, no contact), which the district adds later.
    pub fn catalog_villages(&self) -> Vec<Village> {
        let slugs = self.village_slugs();
        self.villages
            .iter()
            .zip(slugs)
            .map(|(v, slug)| {
                let regency = v.regency_code();
                let province = &regency[..2];
                Village {
                    slug,
                    code: Some(v.code.clone()),
                    name: v.name.clone(),
                    kecamatan: self.name(&v.kecamatan_code).unwrap_or_default().to_owned(),
                    kabupaten: regency_short_name(self.name(regency).unwrap_or_default())
                        .to_owned(),
                    province: self.name(province).unwrap_or_default().to_owned(),
                    idm_status: None,
                    idm_score: None,
                    cooperative: v.kind.cooperative_name(&v.name),
                    cooperative_whatsapp: None,
                    cooperative_legal_number: None,
                    cooperative_address: None,
                    description_id: String::new(),
                    description_en: String::new(),
                }
            })
            .collect()
    }

    /// The name of any code's place: province, regency, kecamatan or village.
    pub fn name(&self, code: &str) -> Option<&str> {
        match level(code)? {
            Level::Province => find(&self.provinces, code).map(|r| r.name.as_str()),
            Level::Regency => find(&self.regencies, code).map(|r| r.name.as_str()),
            Level::Kecamatan => find(&self.kecamatan, code).map(|k| k.name.as_str()),
            Level::Village => find(&self.villages, code).map(|v| v.name.as_str()),
        }
    }

    pub fn village_by_code(&self, code: &str) -> Option<&GazetteerVillage> {
        find(&self.villages, code)
    }

    pub fn kecamatan_by_code(&self, code: &str) -> Option<&Kecamatan> {
        find(&self.kecamatan, code)
    }

    /// The villages of one kecamatan, in code order.
    pub fn villages_in(&self, kecamatan_code: &str) -> &[GazetteerVillage] {
        let start = self
            .villages
            .partition_point(|v| v.kecamatan_code.as_str() < kecamatan_code);
        let len = self.villages[start..]
            .iter()
            .take_while(|v| v.kecamatan_code == kecamatan_code)
            .count();
        &self.villages[start..start + len]
    }

    /// A URL slug for every village, in the order of [`villages`](Self::villages), unique
    /// within this gazetteer. A name no other village here shares is just the name
    /// (`sepatin`); villages sharing a name add their kecamatan (`bukit-raya-tenggarong-seberang`),
    /// then their regency without `Kabupaten`/`Kota`, until they differ; a slug that still
    /// clashes with another village's takes the code's digits instead
    /// (`sumber-sari-6402022014`).
    ///
    /// Slugs depend on which villages are present: pick the region first
    /// ([`region`](Self::region)), and expect a village's slug to grow a suffix when a
    /// namesake joins (a wider region, a newer edition of the data).
    pub fn village_slugs(&self) -> Vec<String> {
        let regency_slug = |v: &GazetteerVillage| {
            slugify(regency_short_name(
                self.name(v.regency_code()).unwrap_or_default(),
            ))
        };
        // Each village's slug at each level of disambiguation.
        let candidates: Vec<[String; 4]> = self
            .villages
            .iter()
            .map(|v| {
                let base = slugify(&v.name);
                let kecamatan = slugify(self.name(&v.kecamatan_code).unwrap_or_default());
                [
                    base.clone(),
                    format!("{base}-{kecamatan}"),
                    format!("{base}-{kecamatan}-{}", regency_slug(v)),
                    format!("{base}-{}", v.code.replace('.', "")),
                ]
            })
            .collect();
        let mut namesakes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, c) in candidates.iter().enumerate() {
            namesakes.entry(&c[0]).or_default().push(i);
        }
        let mut levels: Vec<usize> = (0..candidates.len())
            .map(|i| {
                let group = &namesakes[candidates[i][0].as_str()];
                (0..3)
                    .find(|&l| {
                        group
                            .iter()
                            .all(|&j| j == i || candidates[j][l] != candidates[i][l])
                    })
                    .unwrap_or(3)
            })
            .collect();
        // A suffixed slug can still equal another village's (`Sumber Sari` in a kecamatan
        // `Jaya` and a village named `Sumber Sari Jaya`): the suffixed one takes the code.
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, &l) in levels.iter().enumerate() {
            *uses.entry(&candidates[i][l]).or_default() += 1;
        }
        let clashing: Vec<usize> = (0..levels.len())
            .filter(|&i| levels[i] > 0 && uses[candidates[i][levels[i]].as_str()] > 1)
            .collect();
        for i in clashing {
            levels[i] = 3;
        }
        candidates
            .into_iter()
            .zip(levels)
            .map(|(mut c, l)| std::mem::take(&mut c[l]))
            .collect()
    }

    /// The slug of the village with this code (see [`village_slugs`](Self::village_slugs);
    /// to slug many villages, call that once instead).
    pub fn village_slug(&self, code: &str) -> Option<String> {
        let i = self
            .villages
            .binary_search_by(|v| v.code().cmp(code))
            .ok()?;
        Some(self.village_slugs().swap_remove(i))
    }
}

/// A regency's name as the catalog writes it, without the `Kabupaten `/`Kota ` prefix the
/// gazetteer keeps: `Kabupaten Kutai Kartanegara` → `Kutai Kartanegara`, `Kota Samarinda` →
/// `Samarinda`; any other name as it is.
pub fn regency_short_name(name: &str) -> &str {
    name.strip_prefix("Kabupaten ")
        .or_else(|| name.strip_prefix("Kota "))
        .unwrap_or(name)
}

/// A place name as a URL slug: lowercase ASCII words joined by `-`, diacritics folded as the
/// search folds them, apostrophes dropped so a word stays whole: `Long La'ai` → `long-laai`,
/// `Sanga-Sanga Dalam` → `sanga-sanga-dalam`, `Kota Bangun III` → `kota-bangun-iii`.
pub fn slugify(name: &str) -> String {
    let joined: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '`'))
        .collect();
    crate::search::normalize(&joined).replace(' ', "-")
}

/// The rows' common key, for lookups in the code-sorted lists.
trait Coded {
    fn code(&self) -> &str;
}

impl Coded for Region {
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for Kecamatan {
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for GazetteerVillage {
    fn code(&self) -> &str {
        &self.code
    }
}

/// The item with this code in a list sorted by code.
fn find<'a, T: Coded>(items: &'a [T], code: &str) -> Option<&'a T> {
    let i = items.binary_search_by(|t| t.code().cmp(code)).ok()?;
    Some(&items[i])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province = 0,
    Regency = 1,
    Kecamatan = 2,
    Village = 3,
}

/// The level of a well-formed code: segments of two, two, two and four digits.
fn level(code: &str) -> Option<Level> {
    const WIDTHS: [usize; 4] = [2, 2, 2, 4];
    let mut count = 0;
    for part in code.split('.') {
        let width = *WIDTHS.get(count)?;
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        count += 1;
    }
    Some(match count {
        1 => Level::Province,
        2 => Level::Regency,
        3 => Level::Kecamatan,
        _ => Level::Village,
    })
}

/// The code less its last segment (`64.02` for `64.02.04`); a province's is itself.
fn parent(code: &str) -> &str {
    code.rsplit_once('.').map_or(code, |(p, _)| p)
}

/// Whether `code` is `region` or lies under it, segment-wise (`64.02.04` is within `64.02`,
/// `64.021` would not be).
fn within(code: &str, region: &str) -> bool {
    code.strip_prefix(region)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// One line's fields: split at commas, a field in double quotes may hold commas and `""`.
/// `None` when quotes do not balance or text follows a closing quote.
fn split_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Some(fields);
                }
                Some(',') => fields.push(field),
                Some(_) => return None,
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Some(fields);
                    }
                    Some(',') => break,
                    Some('"') => return None,
                    Some(c) => field.push(c),
                }
            }
            fields.push(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// What the catalog starts from: every village of the region, placed and coded, with no
    /// invented figures; the demo's villages are the same places, told in more detail.
    #[test]
    fn catalog_villages_place_every_village_and_invent_nothing() {
        let kukar = Gazetteer::east_kalimantan().region("64.02").unwrap();
        let villages = kukar.catalog_villages();
        assert_eq!(villages.len(), 237);
        let sepatin = villages.iter().find(|v| v.slug == "sepatin").unwrap();
        assert_eq!(sepatin.code.as_deref(), Some("64.02.04.2001"));
        assert_eq!(
            (
                sepatin.kecamatan.as_str(),
                sepatin.kabupaten.as_str(),
                sepatin.province.as_str()
            ),
            ("Anggana", "Kutai Kartanegara", "Kalimantan Timur")
        );
        assert_eq!(sepatin.cooperative, "Koperasi Desa Merah Putih Sepatin");
        assert!(villages
            .iter()
            .all(|v| v.idm_status.is_none() && v.idm_score.is_none()));
        assert!(villages.iter().all(|v| v.description_id.is_empty()));
        let mut slugs: Vec<&str> = villages.iter().map(|v| v.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), 237, "slugs are the catalog's keys");

        for demo in crate::demo_catalog().villages {
            let plain = villages.iter().find(|v| v.slug == demo.slug).unwrap();
            assert_eq!(
                (
                    &plain.code,
                    &plain.name,
                    &plain.kecamatan,
                    &plain.kabupaten,
                    &plain.province
                ),
                (
                    &demo.code,
                    &demo.name,
                    &demo.kecamatan,
                    &demo.kabupaten,
                    &demo.province
                ),
                "{}",
                demo.slug
            );
            assert_eq!(plain.cooperative, demo.cooperative, "{}", demo.slug);
        }
    }

    fn kukar() -> Gazetteer {
        Gazetteer::east_kalimantan().region("64.02").unwrap()
    }

    fn village<'a>(g: &'a Gazetteer, code: &str) -> &'a GazetteerVillage {
        g.village_by_code(code)
            .unwrap_or_else(|| panic!("{code} is in the gazetteer"))
    }

    #[test]
    fn the_committed_file_has_east_kalimantan() {
        let g = Gazetteer::east_kalimantan();
        assert_eq!(
            g.provinces(),
            [Region {
                code: "64".into(),
                name: "Kalimantan Timur".into()
            }]
        );
        assert_eq!(g.regencies().len(), 10);
        assert_eq!(g.kecamatan().len(), 105);
        assert_eq!(g.villages().len(), 1038);
        let kelurahan = g
            .villages()
            .iter()
            .filter(|v| v.kind == VillageKind::Kelurahan)
            .count();
        assert_eq!((kelurahan, 1038 - kelurahan), (197, 841));
        assert_eq!(g.region("64").unwrap(), g);
    }

    #[test]
    fn kutai_kartanegara_has_20_kecamatan_and_237_villages() {
        let g = kukar();
        assert_eq!(g.kecamatan().len(), 20);
        assert_eq!(g.villages().len(), 237);
        assert_eq!(
            g.regencies(),
            [Region {
                code: "64.02".into(),
                name: "Kabupaten Kutai Kartanegara".into()
            }]
        );
        assert_eq!(
            g.provinces().len(),
            1,
            "the province stays above the region"
        );
        assert_eq!(g.name("64.02.04"), Some("Anggana"));

        let sepatin = village(&g, "64.02.04.2001");
        assert_eq!(sepatin.name, "Sepatin");
        assert_eq!(sepatin.kind, VillageKind::Desa);
        assert_eq!(sepatin.kecamatan_code, "64.02.04");
        assert_eq!(sepatin.regency_code(), "64.02");
        assert_eq!(g.kecamatan_by_code("64.02.04").unwrap().name, "Anggana");
        assert_eq!(village(&g, "64.02.02.2010").name, "Lung Anai");
        assert_eq!(g.name("64.02.02"), Some("Loa Kulu"));
        assert_eq!(village(&g, "64.02.03.2002").name, "Loa Duri Ulu");
        assert_eq!(g.name("64.02.03"), Some("Loa Janan"));

        // Anggana's villages, in code order.
        let anggana: Vec<&str> = g
            .villages_in("64.02.04")
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(&anggana[..3], ["Sepatin", "Muara Pantuan", "Tani Baru"]);
        assert!(g.villages_in("64.02.99").is_empty());
        let per_kecamatan: usize = g
            .kecamatan()
            .iter()
            .map(|k| g.villages_in(&k.code).len())
            .sum();
        assert_eq!(per_kecamatan, 237);
    }

    #[test]
    fn kelurahan_and_desa_follow_the_code() {
        let g = kukar();
        // Sanga-Sanga Dalam, in kecamatan Sanga Sanga, is a kelurahan: 1xxx.
        let dalam = village(&g, "64.02.15.1003");
        assert_eq!(dalam.name, "Sanga-Sanga Dalam");
        assert_eq!(dalam.kind, VillageKind::Kelurahan);
        let kelurahan = g
            .villages()
            .iter()
            .filter(|v| v.kind == VillageKind::Kelurahan)
            .count();
        assert_eq!((kelurahan, g.villages().len() - kelurahan), (44, 193));
        assert_eq!(
            VillageKind::from_code("64.02.04.2001"),
            Some(VillageKind::Desa)
        );
        assert_eq!(VillageKind::from_code("64.02.04.3001"), None);
        assert_eq!(VillageKind::from_code("64.02.04"), None);
        assert_eq!(VillageKind::Kelurahan.label(Lang::Id), "Kelurahan");
        assert_eq!(VillageKind::Desa.label(Lang::En), "Desa (village)");
        for k in VillageKind::ALL {
            assert_eq!(k.slug().parse::<VillageKind>(), Ok(k));
        }
    }

    #[test]
    fn regions_narrow_and_refuse_bad_prefixes() {
        let g = Gazetteer::east_kalimantan();
        let anggana = g.region("64.02.04").unwrap();
        assert_eq!(anggana.kecamatan().len(), 1);
        assert!(anggana
            .villages()
            .iter()
            .all(|v| v.kecamatan_code == "64.02.04"));
        assert_eq!(anggana.regencies().len(), 1);
        let samarinda = g.region("64.72").unwrap();
        assert_eq!(samarinda.regencies()[0].name, "Kota Samarinda");
        assert!(samarinda
            .villages()
            .iter()
            .all(|v| v.kind == VillageKind::Kelurahan));
        for bad in [
            "",
            "6",
            "64.",
            "64.2",
            "64.02.04.2001",
            "64,02",
            " 64.02",
            "64.02.04.20",
        ] {
            assert_eq!(
                g.region(bad),
                Err(RegionError::Malformed(bad.into())),
                "{bad:?}"
            );
        }
        assert_eq!(g.region("65"), Err(RegionError::Unknown("65".into())));
        assert_eq!(g.region("64.99"), Err(RegionError::Unknown("64.99".into())));
    }

    #[test]
    fn slugs_are_unique_in_the_province_and_in_kutai_kartanegara() {
        for g in [Gazetteer::east_kalimantan(), kukar()] {
            let slugs = g.village_slugs();
            assert_eq!(slugs.len(), g.villages().len());
            let unique: BTreeSet<&String> = slugs.iter().collect();
            assert_eq!(unique.len(), slugs.len());
            for s in &slugs {
                assert!(
                    !s.is_empty()
                        && s.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && !s.starts_with('-')
                        && !s.ends_with('-')
                        && !s.contains("--"),
                    "{s}"
                );
            }
            assert_eq!(g.village_slugs(), slugs, "deterministic");
        }
        let g = kukar();
        assert_eq!(g.village_slug("64.02.04.2001").as_deref(), Some("sepatin"));
        assert_eq!(
            g.village_slug("64.02.02.2010").as_deref(),
            Some("lung-anai")
        );
        assert_eq!(
            g.village_slug("64.02.15.1003").as_deref(),
            Some("sanga-sanga-dalam")
        );
        // Two Bukit Raya in Kutai Kartanegara (Samboja, Tenggarong Seberang).
        assert_eq!(
            g.village_slug("64.02.16.2002").as_deref(),
            Some("bukit-raya-tenggarong-seberang")
        );
        assert_eq!(
            g.village_slug("64.02.13.2016").as_deref(),
            Some("bukit-raya-samboja")
        );
        assert_eq!(g.village_slug("64.02.99.2001"), None);
        assert_eq!(
            g.village_slug("64.02.03.2005").as_deref(),
            Some("tani-bhakti-loa-janan")
        );
        // A name unique in the regency but not in the province (Batu-Batu is in Berau too)
        // gains its kecamatan in the wider region.
        let kaltim = Gazetteer::east_kalimantan();
        assert_eq!(
            g.village_slug("64.02.05.2011").as_deref(),
            Some("batu-batu")
        );
        assert_eq!(
            kaltim.village_slug("64.02.05.2011").as_deref(),
            Some("batu-batu-muara-badak")
        );
    }

    #[test]
    fn slugs_fall_back_to_the_regency_then_the_code() {
        let text = "code,name\n64,P\n64.01,Kabupaten Paser\n64.01.01,Jaya\n\
                    64.01.01.2001,Sumber Sari\n64.01.01.2002,Sumber Sari Jaya\n\
                    64.01.02,Muara\n64.01.02.2001,Sumber Sari\n\
                    64.02,Kota Bontang\n64.02.01,Muara\n64.02.01.1001,Sumber Sari\n\
                    64.02.01.1002,Long La'ai\n";
        let g = Gazetteer::parse(text).unwrap();
        assert_eq!(
            g.village_slugs(),
            [
                // `sumber-sari-jaya` would be the next village's own slug.
                "sumber-sari-6401012001",
                "sumber-sari-jaya",
                "sumber-sari-muara-paser",
                "sumber-sari-muara-bontang",
                "long-laai",
            ]
        );
    }

    #[test]
    fn slugify_folds_and_joins() {
        assert_eq!(slugify("Sepatin"), "sepatin");
        assert_eq!(slugify("Long La'ai"), "long-laai");
        assert_eq!(slugify("Tiong Bu\u{2019}u"), "tiong-buu");
        assert_eq!(slugify("Sanga-Sanga  Dalam"), "sanga-sanga-dalam");
        assert_eq!(slugify("Kota Bangun III"), "kota-bangun-iii");
        assert_eq!(slugify("Lubuk Pakam I,II"), "lubuk-pakam-i-ii");
    }

    #[test]
    fn regency_names_lose_their_prefix() {
        assert_eq!(
            regency_short_name("Kabupaten Kutai Kartanegara"),
            "Kutai Kartanegara"
        );
        assert_eq!(regency_short_name("Kota Samarinda"), "Samarinda");
        assert_eq!(regency_short_name("Kalimantan Timur"), "Kalimantan Timur");
        // Only a whole word is a prefix.
        assert_eq!(regency_short_name("Kotabaru"), "Kotabaru");
    }

    #[test]
    fn quoted_names_and_crlf_parse() {
        let g = Gazetteer::parse(
            "code,name\r\n64,\"Kalimantan, \"\"Timur\"\"\"\r\n64.02,K\r\n64.02.04,A\r\n64.02.04.2001,S\r\n",
        )
        .unwrap();
        assert_eq!(g.provinces()[0].name, "Kalimantan, \"Timur\"");
        assert_eq!(g.villages()[0].kecamatan_code, "64.02.04");
    }

    #[test]
    fn malformed_input_names_the_line() {
        let ok = "code,name\n64,P\n64.02,K\n64.02.04,A\n64.02.04.2001,S\n";
        assert!(Gazetteer::parse(ok).is_ok());
        let cases: [(&str, GazetteerError); 10] = [
            (
                "",
                GazetteerError::Header {
                    found: String::new(),
                },
            ),
            (
                "kode,nama\n64,P\n",
                GazetteerError::Header {
                    found: "kode,nama".into(),
                },
            ),
            (
                "code,name\n64,P\n64.02,K,extra\n",
                GazetteerError::Fields { line: 3, found: 3 },
            ),
            (
                "code,name\n64,P\n\n",
                GazetteerError::Fields { line: 3, found: 1 },
            ),
            ("code,name\n64,\"P\n", GazetteerError::Quote { line: 2 }),
            (
                "code,name\n64,P\n64.2,K\n",
                GazetteerError::Code {
                    line: 3,
                    code: "64.2".into(),
                },
            ),
            (
                "code,name\n64,P\n64.02, \n",
                GazetteerError::Name {
                    line: 3,
                    code: "64.02".into(),
                },
            ),
            (
                "code,name\n64,P\n64.02,K\n64.01,J\n",
                GazetteerError::Order {
                    line: 4,
                    code: "64.01".into(),
                },
            ),
            (
                "code,name\n64,P\n64.02,K\n64.02.04.2001,S\n",
                GazetteerError::Parent {
                    line: 4,
                    code: "64.02.04.2001".into(),
                    parent: "64.02.04".into(),
                },
            ),
            (
                "code,name\n64,P\n64.02,K\n64.02.04,A\n64.02.04.2001,S\n64.02.04.3001,T\n",
                GazetteerError::Kind {
                    line: 6,
                    code: "64.02.04.3001".into(),
                },
            ),
        ];
        for (text, want) in cases {
            let got = Gazetteer::parse(text).unwrap_err();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(got.line(), want.line());
            assert!(
                got.to_string()
                    .starts_with(&format!("line {}:", want.line())),
                "{got}"
            );
        }
        // A duplicate is out of order too.
        let dup = "code,name\n64,P\n64,Q\n";
        assert_eq!(Gazetteer::parse(dup).unwrap_err().line(), 3);
    }
}
