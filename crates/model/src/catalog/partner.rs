//! Partners (companies' CSR programmes, state enterprises, zakat agencies, foundations,
//! universities) and the partnerships village facilitators broker between them and villages.
//! District staff record both (`rules::check_partner`, `rules::check_partnership`).
//!
//! A product is **backed by a partner** when its village has a partnership that is signed
//! (MoU) or running. Finished partnerships stay on the village and partner pages as
//! history, but no longer back anything: a buyer who filters for partner-backed products
//! expects coaching, equipment or certification support that is there now.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Catalog, Product, Village};
use crate::{Date, Lang};

/// An organisation that supports villages through programmes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    /// URL slug, e.g. `baznas-kukar`; unique within the catalog (`/mitra/{slug}`).
    pub slug: String,
    pub name: String,
    pub kind: PartnerKind,
    /// The organisation's own site, `http(s)://…`; absent in catalogs from before staff
    /// could record it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Illustrative data, not a real organisation or agreement; pages that show it say so.
    #[serde(default)]
    pub demo: bool,
}

/// What sort of organisation a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PartnerKind {
    /// A company, usually through its CSR (TJSL) programme.
    Company,
    /// A foundation (yayasan) or NGO.
    Foundation,
    /// A zakat agency such as the district's Baznas (productive zakat for small businesses).
    ZakatAgency,
    /// A university or polytechnic (community service, laboratory tests).
    University,
    /// A state-owned enterprise (BUMN), through its TJSL programme.
    StateEnterprise,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 5] = [
        PartnerKind::Company,
        PartnerKind::StateEnterprise,
        PartnerKind::Foundation,
        PartnerKind::ZakatAgency,
        PartnerKind::University,
    ];

    /// The serde name with dashes, so `FromStr` takes either.
    pub fn slug(self) -> &'static str {
        match self {
            PartnerKind::Company => "company",
            PartnerKind::Foundation => "foundation",
            PartnerKind::ZakatAgency => "zakat-agency",
            PartnerKind::University => "university",
            PartnerKind::StateEnterprise => "state-enterprise",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PartnerKind::Company, Lang::Id) => "Perusahaan (CSR)",
            (PartnerKind::Foundation, Lang::Id) => "Yayasan",
            (PartnerKind::ZakatAgency, Lang::Id) => "Lembaga zakat",
            (PartnerKind::University, Lang::Id) => "Perguruan tinggi",
            (PartnerKind::Company, Lang::En) => "Company (CSR)",
            (PartnerKind::Foundation, Lang::En) => "Foundation",
            (PartnerKind::ZakatAgency, Lang::En) => "Zakat agency",
            (PartnerKind::University, Lang::En) => "University",
            (PartnerKind::StateEnterprise, Lang::Id) => "BUMN",
            (PartnerKind::StateEnterprise, Lang::En) => "State enterprise",
        }
    }
}

from_slug!(PartnerKind, "partner kind");

/// What a partnership provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProgrammeKind {
    /// Coaching of small businesses (pembinaan UMKM): bookkeeping, pricing, selling online.
    UmkmCoaching,
    /// Production equipment, e.g. seaweed drying racks, presses, sealers.
    Equipment,
    /// Packaging and labels.
    Packaging,
    /// Certification fees and preparation (halal, P-IRT, BPOM).
    Certification,
    /// Working capital, e.g. productive zakat or revolving funds.
    Capital,
    /// Marketing: trade fairs, catalogues, buyer meetings.
    Marketing,
}

impl ProgrammeKind {
    pub const ALL: [ProgrammeKind; 6] = [
        ProgrammeKind::UmkmCoaching,
        ProgrammeKind::Equipment,
        ProgrammeKind::Packaging,
        ProgrammeKind::Certification,
        ProgrammeKind::Capital,
        ProgrammeKind::Marketing,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ProgrammeKind::UmkmCoaching => "umkm-coaching",
            ProgrammeKind::Equipment => "equipment",
            ProgrammeKind::Packaging => "packaging",
            ProgrammeKind::Certification => "certification",
            ProgrammeKind::Capital => "capital",
            ProgrammeKind::Marketing => "marketing",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProgrammeKind::UmkmCoaching, Lang::Id) => "Pembinaan UMKM",
            (ProgrammeKind::Equipment, Lang::Id) => "Bantuan peralatan produksi",
            (ProgrammeKind::Packaging, Lang::Id) => "Kemasan & label",
            (ProgrammeKind::Certification, Lang::Id) => "Biaya sertifikasi",
            (ProgrammeKind::Capital, Lang::Id) => "Modal usaha",
            (ProgrammeKind::Marketing, Lang::Id) => "Pemasaran",
            (ProgrammeKind::UmkmCoaching, Lang::En) => "Small-business coaching",
            (ProgrammeKind::Equipment, Lang::En) => "Production equipment",
            (ProgrammeKind::Packaging, Lang::En) => "Packaging & labels",
            (ProgrammeKind::Certification, Lang::En) => "Certification fees",
            (ProgrammeKind::Capital, Lang::En) => "Working capital",
            (ProgrammeKind::Marketing, Lang::En) => "Marketing",
        }
    }
}

from_slug!(ProgrammeKind, "programme kind");

/// Where a partnership is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PartnershipStatus {
    /// The memorandum of understanding is signed; work has not started yet.
    MouSigned,
    Running,
    /// Over; kept as history, no longer backs the village's products.
    Finished,
}

impl PartnershipStatus {
    pub const ALL: [PartnershipStatus; 3] = [
        PartnershipStatus::MouSigned,
        PartnershipStatus::Running,
        PartnershipStatus::Finished,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PartnershipStatus::MouSigned => "mou-signed",
            PartnershipStatus::Running => "running",
            PartnershipStatus::Finished => "finished",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PartnershipStatus::MouSigned, Lang::Id) => "MoU ditandatangani",
            (PartnershipStatus::Running, Lang::Id) => "Berjalan",
            (PartnershipStatus::Finished, Lang::Id) => "Selesai",
            (PartnershipStatus::MouSigned, Lang::En) => "MoU signed",
            (PartnershipStatus::Running, Lang::En) => "Running",
            (PartnershipStatus::Finished, Lang::En) => "Finished",
        }
    }

    /// Whether a partnership in this status backs its villages' products (signed or
    /// running; see the module documentation).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            PartnershipStatus::MouSigned | PartnershipStatus::Running
        )
    }
}

from_slug!(PartnershipStatus, "partnership status");

/// One programme of one partner with one or more villages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partnership {
    /// Unique within the catalog, e.g. `tml-umkm-2025`.
    pub id: String,
    pub partner_slug: String,
    /// The villages it covers, in the order the agreement lists them.
    pub village_slugs: Vec<String>,
    pub programme: ProgrammeKind,
    /// What exactly, in both languages, e.g. "solar seaweed dryers for two farmer groups".
    pub detail_id: String,
    pub detail_en: String,
    /// The year the MoU was signed or the work started.
    #[cfg_attr(feature = "openapi", schema(maximum = 65535))]
    pub start_year: u16,
    pub status: PartnershipStatus,
    /// The day the memorandum of understanding was signed, when known. Absent (like
    /// `end_year`) in catalogs from before staff recorded partnerships, which still parse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mou_date: Option<Date>,
    /// The year it ends or ended (planned, or set when staff end it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 65535))]
    pub end_year: Option<u16>,
}

impl Partnership {
    /// What it provides, in `lang`; the Indonesian text when no English was written
    /// (staff must write Indonesian, English is welcome but optional).
    pub fn detail(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.detail_en.trim().is_empty() => &self.detail_en,
            _ => &self.detail_id,
        }
    }

    /// The years it runs, e.g. `2025–2027`, or `2025` while no end year is known.
    pub fn years(&self) -> String {
        match self.end_year {
            Some(end) if end != self.start_year => format!("{}–{end}", self.start_year),
            _ => self.start_year.to_string(),
        }
    }

    pub fn covers(&self, village_slug: &str) -> bool {
        self.village_slugs.iter().any(|v| v == village_slug)
    }
}

impl Catalog {
    pub fn partner(&self, slug: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.slug == slug)
    }

    /// Every partnership naming the village, finished ones included, in catalog order.
    pub fn partnerships_of_village<'a>(
        &'a self,
        village_slug: &'a str,
    ) -> impl Iterator<Item = &'a Partnership> + 'a {
        self.partnerships
            .iter()
            .filter(move |p| p.covers(village_slug))
    }

    /// The distinct partners of a village (any status), in catalog order of partnerships.
    pub fn partners_of_village(&self, village_slug: &str) -> Vec<&Partner> {
        let mut seen = HashSet::new();
        self.partnerships_of_village(village_slug)
            .filter(|p| seen.insert(p.partner_slug.as_str()))
            .filter_map(|p| self.partner(&p.partner_slug))
            .collect()
    }

    /// Every partnership of a partner, finished ones included.
    pub fn partnerships_of_partner<'a>(
        &'a self,
        partner_slug: &'a str,
    ) -> impl Iterator<Item = &'a Partnership> + 'a {
        self.partnerships
            .iter()
            .filter(move |p| p.partner_slug == partner_slug)
    }

    /// The villages a partner works or worked with (any status), each once, in the order
    /// its partnerships name them; unknown slugs are skipped.
    pub fn villages_of_partner(&self, partner_slug: &str) -> Vec<&Village> {
        let mut seen = HashSet::new();
        self.partnerships_of_partner(partner_slug)
            .flat_map(|p| &p.village_slugs)
            .filter(|slug| seen.insert(slug.as_str()))
            .filter_map(|slug| self.village(slug))
            .collect()
    }

    /// Slugs of the villages with a signed or running partnership: what "backed by a
    /// partner" means. Built once per query, so filtering stays a set lookup per listing.
    pub fn backed_village_slugs(&self) -> HashSet<&str> {
        self.partnerships
            .iter()
            .filter(|p| p.status.is_active())
            .flat_map(|p| p.village_slugs.iter().map(String::as_str))
            .collect()
    }

    /// Whether the product's village has a signed or running partnership. Linear in the
    /// partnerships: for one product page; the catalog filter uses
    /// [`Catalog::backed_village_slugs`].
    pub fn is_partner_backed(&self, product: &Product) -> bool {
        self.partnerships
            .iter()
            .any(|p| p.status.is_active() && p.covers(&product.village_slug))
    }

    /// The published listings a partner backs now: those of villages it has a signed or
    /// running partnership with, in catalog order.
    pub fn products_backed_by<'a>(
        &'a self,
        partner_slug: &'a str,
    ) -> impl Iterator<Item = &'a Product> + 'a {
        let villages: HashSet<&str> = self
            .partnerships_of_partner(partner_slug)
            .filter(|p| p.status.is_active())
            .flat_map(|p| p.village_slugs.iter().map(String::as_str))
            .collect();
        self.products.iter().filter(move |p| {
            p.status == super::ListingStatus::Published
                && villages.contains(p.village_slug.as_str())
        })
    }

    /// Dangling partner or village references and duplicate slugs or ids of partnerships;
    /// part of [`Catalog::integrity_problems`].
    pub(super) fn partnership_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut slugs = HashSet::new();
        for p in &self.partners {
            if !slugs.insert(p.slug.as_str()) {
                problems.push(format!("duplicate partner slug {}", p.slug));
            }
        }
        let mut ids = HashSet::new();
        for ship in &self.partnerships {
            if !ids.insert(ship.id.as_str()) {
                problems.push(format!("duplicate partnership id {}", ship.id));
            }
            if self.partner(&ship.partner_slug).is_none() {
                problems.push(format!(
                    "partnership {} names unknown partner {}",
                    ship.id, ship.partner_slug
                ));
            }
            if ship.village_slugs.is_empty() {
                problems.push(format!("partnership {} names no village", ship.id));
            }
            for v in &ship.village_slugs {
                if self.village(v).is_none() {
                    problems.push(format!("partnership {} names unknown village {v}", ship.id));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_catalog;

    #[test]
    fn slugs_round_trip_and_serde_names_parse() {
        for k in PartnerKind::ALL {
            assert_eq!(k.slug().parse::<PartnerKind>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json.trim_matches('"').parse::<PartnerKind>(), Ok(k));
        }
        for k in ProgrammeKind::ALL {
            assert_eq!(k.slug().parse::<ProgrammeKind>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json.trim_matches('"').parse::<ProgrammeKind>(), Ok(k));
        }
        for s in PartnershipStatus::ALL {
            assert_eq!(s.slug().parse::<PartnershipStatus>(), Ok(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json.trim_matches('"').parse::<PartnershipStatus>(), Ok(s));
        }
        assert_eq!(
            serde_json::to_string(&PartnershipStatus::MouSigned).unwrap(),
            "\"mou_signed\""
        );
    }

    #[test]
    fn labels_in_both_languages_differ() {
        for k in PartnerKind::ALL {
            assert_ne!(k.label(Lang::Id), k.label(Lang::En));
        }
        for k in ProgrammeKind::ALL {
            assert_ne!(k.label(Lang::Id), k.label(Lang::En));
        }
        for s in PartnershipStatus::ALL {
            assert_ne!(s.label(Lang::Id), s.label(Lang::En));
        }
        assert_eq!(PartnerKind::ZakatAgency.label(Lang::En), "Zakat agency");
        assert_eq!(
            ProgrammeKind::UmkmCoaching.label(Lang::Id),
            "Pembinaan UMKM"
        );
    }

    #[test]
    fn only_signed_and_running_partnerships_back_products() {
        assert!(PartnershipStatus::MouSigned.is_active());
        assert!(PartnershipStatus::Running.is_active());
        assert!(!PartnershipStatus::Finished.is_active());
        let mut c = demo_catalog();
        let backed = c.backed_village_slugs();
        assert!(backed.contains("lung-anai"));
        // Saliki's only partnership (with the university) is finished.
        assert!(c.partnerships_of_village("saliki").count() >= 1);
        assert!(!backed.contains("saliki"));
        assert!(!backed.contains("sepatin"), "no partnership at all");
        let amplang = c.products_of_village("saliki").next().unwrap().clone();
        assert!(!c.is_partner_backed(&amplang));
        let anyaman = c.products_of_village("lung-anai").next().unwrap().clone();
        assert!(c.is_partner_backed(&anyaman));
        // Finishing every partnership of Lung Anai takes the mark away.
        for p in c.partnerships.iter_mut().filter(|p| p.covers("lung-anai")) {
            p.status = PartnershipStatus::Finished;
        }
        assert!(!c.is_partner_backed(&anyaman));
        assert!(!c.backed_village_slugs().contains("lung-anai"));
    }

    #[test]
    fn partners_of_a_village_and_villages_of_a_partner() {
        let c = demo_catalog();
        let partners: Vec<&str> = c
            .partners_of_village("lung-anai")
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        assert_eq!(partners, ["tambang-mahakam-lestari", "baznas-kukar"]);
        let villages: Vec<&str> = c
            .villages_of_partner("tambang-mahakam-lestari")
            .iter()
            .map(|v| v.slug.as_str())
            .collect();
        assert_eq!(
            villages,
            [
                "lung-anai",
                "loh-sumber",
                "loa-kulu-kota",
                "jembayan-tengah",
                "loa-duri-ilir"
            ]
        );
        let backed: Vec<&Product> = c.products_backed_by("tambang-mahakam-lestari").collect();
        assert!(backed.len() >= 5);
        assert!(backed
            .iter()
            .all(|p| villages.contains(&p.village_slug.as_str())
                && p.status == crate::ListingStatus::Published));
        // A partner whose only partnership is finished backs no product now.
        let uni = c
            .partners
            .iter()
            .find(|p| p.kind == PartnerKind::University)
            .unwrap();
        assert_eq!(c.products_backed_by(&uni.slug).count(), 0);
        assert!(!c.villages_of_partner(&uni.slug).is_empty());
        assert!(c.partner("nope").is_none());
        assert!(c.partners_of_village("nope").is_empty());
    }

    #[test]
    fn dangling_references_are_integrity_problems() {
        let mut c = demo_catalog();
        c.partnerships[0].partner_slug = "ghost".into();
        c.partnerships[1].village_slugs.push("atlantis".into());
        c.partnerships[2].id = c.partnerships[3].id.clone();
        let problems = c.integrity_problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn catalogs_without_partners_still_parse() {
        // A document from before partnerships existed (and the app's cached copy of one).
        let mut old = serde_json::to_value(demo_catalog()).unwrap();
        let obj = old.as_object_mut().unwrap();
        obj.remove("partners");
        obj.remove("partnerships");
        let c: Catalog = serde_json::from_value(old).unwrap();
        assert!(c.partners.is_empty() && c.partnerships.is_empty());
        assert!(c.backed_village_slugs().is_empty());
        // A partner written without the demo flag is real data.
        let p: Partner =
            serde_json::from_str(r#"{"slug":"x","name":"X","kind":"zakat_agency"}"#).unwrap();
        assert!(!p.demo);
        assert_eq!(p.kind, PartnerKind::ZakatAgency);
        assert_eq!(p.website, None);
    }

    #[test]
    fn partnerships_from_before_dates_and_websites_parse_and_are_written_the_same() {
        // A cached catalog from before staff recorded MoU dates, end years and websites.
        let old = r#"{"id":"a","partner_slug":"x","village_slugs":["sepatin"],
            "programme":"capital","detail_id":"Modal","detail_en":"Capital",
            "start_year":2024,"status":"running"}"#;
        let ship: Partnership = serde_json::from_str(old).unwrap();
        assert_eq!((ship.mou_date, ship.end_year), (None, None));
        // Unset fields are not written, so stored documents (and the catalog's ETag) stay
        // as they were until staff set them.
        let json = serde_json::to_string(&ship).unwrap();
        assert!(
            !json.contains("mou_date") && !json.contains("end_year"),
            "{json}"
        );
        assert_eq!(ship.years(), "2024");
        let ended = Partnership {
            end_year: Some(2026),
            mou_date: Some(crate::Date::new(2024, 2, 1).unwrap()),
            ..ship.clone()
        };
        let json = serde_json::to_string(&ended).unwrap();
        assert!(json.contains(r#""mou_date":"2024-02-01""#), "{json}");
        assert_eq!(serde_json::from_str::<Partnership>(&json).unwrap(), ended);
        assert_eq!(ended.years(), "2024–2026");
        let p: Partner = serde_json::from_str(
            r#"{"slug":"x","name":"X","kind":"state_enterprise","website":"https://x.co.id"}"#,
        )
        .unwrap();
        assert_eq!(p.kind, PartnerKind::StateEnterprise);
        assert_eq!(PartnerKind::StateEnterprise.label(Lang::Id), "BUMN");
        assert_eq!(p.website.as_deref(), Some("https://x.co.id"));
    }

    #[test]
    fn english_detail_falls_back_to_indonesian() {
        let mut ship = demo_catalog().partnerships[0].clone();
        assert_eq!(ship.detail(Lang::En), ship.detail_en);
        ship.detail_en = " ".into();
        assert_eq!(ship.detail(Lang::En), ship.detail_id);
    }
}
