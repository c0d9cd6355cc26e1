//! Partners and partnerships as district staff record them. The store checks what only it
//! can know (that the partner and the villages exist); everything else is here, so the
//! staff form and the server's `422` say the same thing.

use crate::catalog::{Partner, Partnership};

use super::{Errors, FieldError, Rule};

pub const PARTNER_NAME_MAX: u32 = 120;
pub const WEBSITE_MAX: u32 = 200;
/// A programme's detail in either language: a sentence or two, as pages show it.
pub const PARTNERSHIP_DETAIL_MAX: u32 = 400;
/// Villages one agreement may name; a regency has a few hundred, a programme far fewer.
pub const PARTNERSHIP_VILLAGES_MAX: usize = 100;
/// Partner slugs and partnership ids, which appear in addresses and the audit log.
pub const SLUG_MAX: u32 = 80;
/// The years a partnership may start, end or be signed in: anything else is a typo.
pub const YEAR_MIN: u16 = 2000;
pub const YEAR_MAX: u16 = 2100;

/// Checks a partner as it would be stored: its slug, a name, a website if given.
pub fn check_partner(p: &Partner) -> Vec<FieldError> {
    let mut e = Errors::default();
    slug(&mut e, "slug", &p.slug);
    e.text("name", &p.name, PARTNER_NAME_MAX);
    if let Some(site) = &p.website {
        if site.chars().count() > WEBSITE_MAX as usize {
            e.add("website", Rule::TooLong { max: WEBSITE_MAX });
        } else if !is_web_url(site) {
            e.add("website", Rule::WebsiteUrl);
        }
    }
    e.0
}

/// Checks a partnership as it would be stored, in form order: its id, a partner, one to
/// [`PARTNERSHIP_VILLAGES_MAX`] distinct villages (`village_slugs`), an Indonesian detail
/// (English optional), years within [`YEAR_MIN`]`..=`[`YEAR_MAX`] with the end not before
/// the start, and an MoU date in the same span.
pub fn check_partnership(p: &Partnership) -> Vec<FieldError> {
    let mut e = Errors::default();
    slug(&mut e, "id", &p.id);
    if p.partner_slug.trim().is_empty() {
        e.add("partner_slug", Rule::Required);
    }
    if p.village_slugs.is_empty() {
        e.add("village_slugs", Rule::Required);
    } else if p.village_slugs.len() > PARTNERSHIP_VILLAGES_MAX {
        e.add(
            "village_slugs",
            Rule::AtMost {
                max: PARTNERSHIP_VILLAGES_MAX as u64,
            },
        );
    }
    e.text("detail_id", &p.detail_id, PARTNERSHIP_DETAIL_MAX);
    e.max_len("detail_en", &p.detail_en, PARTNERSHIP_DETAIL_MAX);
    if let Some(date) = p.mou_date {
        year(&mut e, "mou_date", date.year());
    }
    year(&mut e, "start_year", p.start_year);
    if let Some(end) = p.end_year {
        let before = e.0.len();
        year(&mut e, "end_year", end);
        if e.0.len() == before && end < p.start_year {
            e.add("end_year", Rule::EndBeforeStart);
        }
    }
    e.0
}

/// A partner's slug from its name: `PT Contoh Tambang Kaltim` → `pt-contoh-tambang-kaltim`,
/// cut at a word to at most [`SLUG_MAX`] characters.
pub fn slug_from_name(name: &str) -> String {
    let full = crate::gazetteer::slugify(name);
    if full.len() <= SLUG_MAX as usize {
        return full;
    }
    let cut = &full[..SLUG_MAX as usize];
    cut.rsplit_once('-')
        .map_or(cut, |(head, _)| head)
        .to_owned()
}

/// Whether `s` is a slug: lowercase ASCII letters and digits in words joined by single
/// dashes, at most [`SLUG_MAX`] characters.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SLUG_MAX as usize
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `s` is an `http://` or `https://` address with a dotted host and no spaces.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    host.split('.').count() >= 2
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn slug(e: &mut Errors, field: &str, value: &str) {
    if value.is_empty() {
        e.add(field, Rule::Required);
    } else if value.len() > SLUG_MAX as usize {
        e.add(field, Rule::TooLong { max: SLUG_MAX });
    } else if !is_slug(value) {
        e.add(field, Rule::Slug);
    }
}

fn year(e: &mut Errors, field: &str, year: u16) {
    e.range(field, year.into(), YEAR_MIN.into(), YEAR_MAX.into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{PartnerKind, PartnershipStatus, ProgrammeKind};
    use crate::Date;

    fn partner() -> Partner {
        Partner {
            slug: "pt-contoh-tambang-kaltim".into(),
            name: "PT Contoh Tambang Kaltim".into(),
            kind: PartnerKind::Company,
            website: Some("https://contoh-tambang.example.co.id/csr".into()),
            demo: false,
        }
    }

    fn ship() -> Partnership {
        Partnership {
            id: "pt-contoh-tambang-kaltim-umkm-2025".into(),
            partner_slug: "pt-contoh-tambang-kaltim".into(),
            village_slugs: vec!["sepatin".into(), "tani-baru".into()],
            programme: ProgrammeKind::UmkmCoaching,
            detail_id: "Pendampingan pembukuan dan pemasaran daring.".into(),
            detail_en: String::new(),
            start_year: 2025,
            status: PartnershipStatus::Running,
            mou_date: Some(Date::new(2025, 3, 14).unwrap()),
            end_year: Some(2027),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &Rule)> {
        errors.iter().map(|e| (e.field.as_str(), &e.rule)).collect()
    }

    #[test]
    fn a_complete_partner_and_partnership_pass() {
        assert_eq!(check_partner(&partner()), vec![]);
        assert_eq!(
            check_partner(&Partner {
                website: None,
                ..partner()
            }),
            vec![]
        );
        assert_eq!(check_partnership(&ship()), vec![]);
        let open_ended = Partnership {
            mou_date: None,
            end_year: None,
            ..ship()
        };
        assert_eq!(check_partnership(&open_ended), vec![]);
    }

    #[test]
    fn a_partner_needs_a_name_a_slug_and_a_web_address() {
        let p = Partner {
            slug: "PT Contoh".into(),
            name: "  ".into(),
            website: Some("contoh-tambang.co.id".into()),
            ..partner()
        };
        assert_eq!(
            fields(&check_partner(&p)),
            [
                ("slug", &Rule::Slug),
                ("name", &Rule::Required),
                ("website", &Rule::WebsiteUrl)
            ]
        );
        let long = Partner {
            name: "x".repeat(121),
            ..partner()
        };
        assert_eq!(
            fields(&check_partner(&long)),
            [("name", &Rule::TooLong { max: 120 })]
        );
    }

    #[test]
    fn web_addresses() {
        for good in [
            "https://baznas.go.id",
            "http://www.unmul.ac.id/pengabdian",
            "HTTPS://Contoh.CO.ID:8443/csr?tahun=2025#umkm",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "",
            "baznas.go.id",
            "ftp://baznas.go.id",
            "https://",
            "https://localhost",
            "https://baznas .go.id",
            "https://baznas..go.id",
            "javascript:alert(1)",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn a_partnership_names_villages_a_detail_and_sensible_years() {
        let p = Partnership {
            id: "umkm 2025".into(),
            partner_slug: String::new(),
            village_slugs: vec![],
            detail_id: String::new(),
            detail_en: "y".repeat(401),
            start_year: 1999,
            mou_date: Some(Date::new(2101, 1, 1).unwrap()),
            end_year: Some(2026),
            ..ship()
        };
        assert_eq!(
            fields(&check_partnership(&p)),
            [
                ("id", &Rule::Slug),
                ("partner_slug", &Rule::Required),
                ("village_slugs", &Rule::Required),
                ("detail_id", &Rule::Required),
                ("detail_en", &Rule::TooLong { max: 400 }),
                ("mou_date", &Rule::AtMost { max: 2100 }),
                ("start_year", &Rule::AtLeast { min: 2000 }),
            ]
        );
        let backwards = Partnership {
            start_year: 2026,
            end_year: Some(2025),
            ..ship()
        };
        assert_eq!(
            fields(&check_partnership(&backwards)),
            [("end_year", &Rule::EndBeforeStart)]
        );
        let same_year = Partnership {
            end_year: Some(2025),
            ..ship()
        };
        assert_eq!(check_partnership(&same_year), vec![]);
        let far = Partnership {
            end_year: Some(2200),
            ..ship()
        };
        assert_eq!(
            fields(&check_partnership(&far)),
            [("end_year", &Rule::AtMost { max: 2100 })]
        );
        let crowded = Partnership {
            village_slugs: (0..101).map(|i| format!("desa-{i}")).collect(),
            ..ship()
        };
        assert_eq!(
            fields(&check_partnership(&crowded)),
            [("village_slugs", &Rule::AtMost { max: 100 })]
        );
    }

    #[test]
    fn slugs_from_names() {
        assert_eq!(
            slug_from_name("PT Contoh Tambang Kaltim"),
            "pt-contoh-tambang-kaltim"
        );
        assert_eq!(
            slug_from_name("Baznas Kutai Kartanegara"),
            "baznas-kutai-kartanegara"
        );
        let long = slug_from_name(&"Yayasan Pemberdayaan ".repeat(10));
        assert!(long.len() <= 80 && is_slug(&long), "{long}");
        assert!(is_slug("tml-umkm-2025"));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "ä"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
