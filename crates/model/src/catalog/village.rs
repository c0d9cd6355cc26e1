//! Villages and their development status.

use serde::{Deserialize, Serialize};

use crate::gazetteer::VillageKind;
use crate::Lang;

/// A village (desa or kelurahan) whose products are listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Village {
    /// URL slug, e.g. `sepatin`; unique within the catalog. This is the village's URL name,
    /// derived from its name and so subject to change (a namesake joining the gazetteer
    /// lengthens it); [`code`](Self::code) is what identifies the village.
    pub slug: String,
    /// The Kemendagri village code, e.g. `64.02.04.2001`: the village's stable identity,
    /// shared with the gazetteer. `None` for a village not (yet) matched to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub name: String,
    /// District (kecamatan), e.g. `Anggana`.
    pub kecamatan: String,
    /// Regency (kabupaten), e.g. `Kutai Kartanegara`.
    pub kabupaten: String,
    pub province: String,
    /// The village's status in the Indeks Desa Membangun; `None` where no figures have been
    /// entered, which pages say as such ("belum ada data IDM") rather than guess.
    #[serde(default)]
    pub idm_status: Option<IdmStatus>,
    /// The IDM score, 0..1 with four decimals as published (e.g. 0.7123), with the status.
    #[serde(default)]
    pub idm_score: Option<f32>,
    /// The village cooperative that aggregates and ships, e.g.
    /// `Koperasi Desa Merah Putih Sepatin`.
    pub cooperative: String,
    /// The cooperative's WhatsApp contact (`+62…`), where it has one.
    #[serde(default)]
    pub cooperative_whatsapp: Option<String>,
    /// The cooperative's legal entity number (nomor badan hukum), where registered.
    #[serde(default)]
    pub cooperative_legal_number: Option<String>,
    /// The cooperative's office address, where the district entered one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooperative_address: Option<String>,
    pub description_id: String,
    pub description_en: String,
}

impl Village {
    /// Desa or kelurahan, read from the code's last segment; `None` without a village code.
    pub fn kind(&self) -> Option<VillageKind> {
        self.code.as_deref().and_then(VillageKind::from_code)
    }

    pub fn description(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.description_id,
            Lang::En => &self.description_en,
        }
    }
}

/// The village's status in the Indeks Desa Membangun (Village Development Index) of the
/// Ministry of Villages. Buyers who source for impact filter on it, so it is part of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum IdmStatus {
    SangatTertinggal,
    Tertinggal,
    Berkembang,
    Maju,
    Mandiri,
}

impl IdmStatus {
    /// From least to most developed.
    pub const ALL: [IdmStatus; 5] = [
        IdmStatus::SangatTertinggal,
        IdmStatus::Tertinggal,
        IdmStatus::Berkembang,
        IdmStatus::Maju,
        IdmStatus::Mandiri,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            IdmStatus::SangatTertinggal => "sangat-tertinggal",
            IdmStatus::Tertinggal => "tertinggal",
            IdmStatus::Berkembang => "berkembang",
            IdmStatus::Maju => "maju",
            IdmStatus::Mandiri => "mandiri",
        }
    }

    /// A village's status as a chip says it, or that there are no figures yet: never a
    /// guess. `"none"` is the slug (for styling) of a village without figures.
    pub fn describe(status: Option<IdmStatus>, lang: Lang) -> (&'static str, &'static str) {
        match (status, lang) {
            (Some(s), lang) => (s.slug(), s.label(lang)),
            (None, Lang::Id) => ("none", "Belum ada data IDM"),
            (None, Lang::En) => ("none", "No IDM data yet"),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IdmStatus::SangatTertinggal, Lang::Id) => "Sangat Tertinggal",
            (IdmStatus::Tertinggal, Lang::Id) => "Tertinggal",
            (IdmStatus::Berkembang, Lang::Id) => "Berkembang",
            (IdmStatus::Maju, Lang::Id) => "Maju",
            (IdmStatus::Mandiri, Lang::Id) => "Mandiri",
            (IdmStatus::SangatTertinggal, Lang::En) => "Very underdeveloped",
            (IdmStatus::Tertinggal, Lang::En) => "Underdeveloped",
            (IdmStatus::Berkembang, Lang::En) => "Developing",
            (IdmStatus::Maju, Lang::En) => "Advanced",
            (IdmStatus::Mandiri, Lang::En) => "Independent",
        }
    }

    /// The status an IDM score falls in, by the ministry's thresholds (Permendesa 2/2016):
    /// each status's score is at most its [`ceiling`](Self::ceiling), and above the
    /// ceiling of the status below it. A score at a threshold belongs to the lower status:
    /// 0.7072 is Berkembang, 0.7073 Maju.
    pub fn for_score(score: f32) -> IdmStatus {
        IdmStatus::ALL
            .into_iter()
            .find(|s| s.ceiling().is_none_or(|max| score <= max))
            .unwrap_or(IdmStatus::Mandiri)
    }

    /// The highest score of this status, as published (four decimals); `None` for Mandiri,
    /// which has no ceiling.
    pub fn ceiling(self) -> Option<f32> {
        match self {
            IdmStatus::SangatTertinggal => Some(0.4907),
            IdmStatus::Tertinggal => Some(0.5989),
            IdmStatus::Berkembang => Some(0.7072),
            IdmStatus::Maju => Some(0.8155),
            IdmStatus::Mandiri => None,
        }
    }
}

from_slug!(IdmStatus, "IDM status");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idm_thresholds() {
        assert_eq!(IdmStatus::for_score(0.45), IdmStatus::SangatTertinggal);
        assert_eq!(IdmStatus::for_score(0.7123), IdmStatus::Maju);
        assert_eq!(IdmStatus::for_score(0.0), IdmStatus::SangatTertinggal);
        assert_eq!(IdmStatus::for_score(1.0), IdmStatus::Mandiri);
    }

    #[test]
    fn a_score_at_a_threshold_belongs_to_the_lower_status() {
        // Each boundary as published, and one ten-thousandth above it.
        let cases = [
            (0.4907, IdmStatus::SangatTertinggal, IdmStatus::Tertinggal),
            (0.5989, IdmStatus::Tertinggal, IdmStatus::Berkembang),
            (0.7072, IdmStatus::Berkembang, IdmStatus::Maju),
            (0.8155, IdmStatus::Maju, IdmStatus::Mandiri),
        ];
        for (at, below, above) in cases {
            assert_eq!(IdmStatus::for_score(at), below, "{at}");
            assert_eq!(IdmStatus::for_score(at + 0.0001), above, "{at} + 0.0001");
            assert_eq!(below.ceiling(), Some(at));
        }
        assert_eq!(IdmStatus::Mandiri.ceiling(), None);
    }

    #[test]
    fn slugs_and_labels() {
        for s in IdmStatus::ALL {
            assert_eq!(s.slug().parse::<IdmStatus>(), Ok(s));
        }
        assert_eq!(
            IdmStatus::SangatTertinggal.label(Lang::Id),
            "Sangat Tertinggal"
        );
        assert_eq!(IdmStatus::Mandiri.label(Lang::En), "Independent");
    }

    fn village(code: Option<&str>) -> Village {
        Village {
            slug: "sepatin".into(),
            code: code.map(str::to_owned),
            name: "Sepatin".into(),
            kecamatan: "Anggana".into(),
            kabupaten: "Kutai Kartanegara".into(),
            province: "Kalimantan Timur".into(),
            idm_status: Some(IdmStatus::Berkembang),
            idm_score: Some(0.6518),
            cooperative: "Koperasi Desa Merah Putih Sepatin".into(),
            cooperative_whatsapp: None,
            cooperative_legal_number: None,
            cooperative_address: None,
            description_id: String::new(),
            description_en: String::new(),
        }
    }

    #[test]
    fn the_code_gives_the_kind() {
        assert_eq!(
            village(Some("64.02.04.2001")).kind(),
            Some(VillageKind::Desa)
        );
        assert_eq!(
            village(Some("64.02.15.1003")).kind(),
            Some(VillageKind::Kelurahan)
        );
        assert_eq!(village(Some("64.02.04")).kind(), None);
        assert_eq!(village(None).kind(), None);
    }

    #[test]
    fn the_code_is_optional_on_the_wire() {
        let with = serde_json::to_value(village(Some("64.02.04.2001"))).unwrap();
        assert_eq!(with["code"], "64.02.04.2001");
        let mut without = serde_json::to_value(village(None)).unwrap();
        assert!(without.get("code").is_none(), "omitted when unknown");
        // Villages stored before the field existed still load.
        without.as_object_mut().unwrap().remove("code");
        let back: Village = serde_json::from_value(without).unwrap();
        assert_eq!(back, village(None));
    }
}
