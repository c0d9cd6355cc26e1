//! Partners and partnerships over HTTP: staff `PUT` a partner under its slug
//! ([`PartnerBody`]) or a partnership under its id ([`PartnershipBody`]), and end one
//! ([`EndPartnershipBody`]). The answers are the catalog's own [`Partner`] and
//! [`Partnership`], as buyers will see them.

use serde::{Deserialize, Serialize};

use crate::catalog::{Partner, PartnerKind, Partnership, PartnershipStatus, ProgrammeKind};
use crate::Date;

/// A partner as staff write it; the slug is the path's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerBody {
    #[cfg_attr(feature = "openapi", schema(max_length = 120))]
    pub name: String,
    pub kind: PartnerKind,
    /// `http://` or `https://`; blank or absent for none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub website: Option<String>,
}

impl PartnerBody {
    /// The partner to store under `slug`: text trimmed, a blank website none. New partners
    /// are real data (`demo` false); the store keeps a known partner's flag.
    pub fn into_partner(self, slug: &str) -> Partner {
        Partner {
            slug: slug.to_owned(),
            name: self.name.trim().to_owned(),
            kind: self.kind,
            website: self
                .website
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty()),
            demo: false,
        }
    }
}

/// A partnership as staff write it; the id is the path's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnershipBody {
    pub partner_slug: String,
    /// One to 100 village slugs, in the agreement's order; a repeat counts once.
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub village_slugs: Vec<String>,
    pub programme: ProgrammeKind,
    #[cfg_attr(feature = "openapi", schema(max_length = 400))]
    pub detail_id: String,
    /// Optional; English pages show the Indonesian text without it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 400))]
    pub detail_en: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub start_year: u16,
    pub status: PartnershipStatus,
    #[serde(default)]
    pub mou_date: Option<Date>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub end_year: Option<u16>,
}

impl PartnershipBody {
    /// The partnership to store under `id`: text trimmed, villages each once in the order
    /// given.
    pub fn into_partnership(self, id: &str) -> Partnership {
        let mut villages: Vec<String> = Vec::with_capacity(self.village_slugs.len());
        for v in self.village_slugs {
            let v = v.trim().to_owned();
            if !v.is_empty() && !villages.contains(&v) {
                villages.push(v);
            }
        }
        Partnership {
            id: id.to_owned(),
            partner_slug: self.partner_slug.trim().to_owned(),
            village_slugs: villages,
            programme: self.programme,
            detail_id: self.detail_id.trim().to_owned(),
            detail_en: self.detail_en.trim().to_owned(),
            start_year: self.start_year,
            status: self.status,
            mou_date: self.mou_date,
            end_year: self.end_year,
        }
    }
}

impl From<&Partnership> for PartnershipBody {
    fn from(p: &Partnership) -> PartnershipBody {
        PartnershipBody {
            partner_slug: p.partner_slug.clone(),
            village_slugs: p.village_slugs.clone(),
            programme: p.programme,
            detail_id: p.detail_id.clone(),
            detail_en: p.detail_en.clone(),
            start_year: p.start_year,
            status: p.status,
            mou_date: p.mou_date,
            end_year: p.end_year,
        }
    }
}

/// Ends a partnership: it becomes finished, ending in this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndPartnershipBody {
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub end_year: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_trim_and_drop_repeats() {
        let p = PartnerBody {
            name: "  PT Contoh Tambang Kaltim ".into(),
            kind: PartnerKind::Company,
            website: Some("  ".into()),
        }
        .into_partner("pt-contoh");
        assert_eq!(p.name, "PT Contoh Tambang Kaltim");
        assert_eq!((p.website, p.demo), (None, false));
        let body: PartnershipBody = serde_json::from_str(
            r#"{"partner_slug":"pt-contoh","village_slugs":["sepatin"," tani-baru","sepatin",""],
                "programme":"umkm_coaching","detail_id":" Pembukuan ","start_year":2025,
                "status":"running","mou_date":"2025-03-14"}"#,
        )
        .unwrap();
        let ship = body.into_partnership("pt-contoh-umkm-2025");
        assert_eq!(ship.village_slugs, ["sepatin", "tani-baru"]);
        assert_eq!(ship.detail_id, "Pembukuan");
        assert_eq!(ship.detail_en, "");
        assert_eq!(ship.end_year, None);
        assert_eq!(ship.mou_date, Some(Date::new(2025, 3, 14).unwrap()));
        assert_eq!(
            PartnershipBody::from(&ship).into_partnership(&ship.id),
            ship
        );
    }
}
