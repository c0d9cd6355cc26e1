//! Listings as the seller's editor fills them in.

use crate::catalog::{CertificateError, ListingStatus, Photo, Product};

use super::{Errors, FieldError, Rule};

/// Photos per listing: enough for front, back, packaging, label and use; more only costs
/// buyers' data.
pub const MAX_PHOTOS: usize = 8;
/// Wholesale price tiers per listing.
pub const MAX_TIERS: usize = 5;

pub const NAME_MAX: u32 = 100;
pub const DESCRIPTION_MAX: u32 = 2000;
pub const SHORT_TEXT_MAX: u32 = 160;
const ALT_MAX: u32 = 150;

/// Checks every field of a listing and returns all problems at once, in form order, so the
/// editor can mark each field. A draft may be incomplete; these rules are what publishing
/// (and saving on the server) requires. English text is required only for export-ready
/// listings; elsewhere the app falls back to Indonesian.
pub fn check_listing(p: &Product) -> Vec<FieldError> {
    let mut e = Errors::default();
    let publishing = p.status == ListingStatus::Published;
    let export = p.export_ready;

    e.text("name_id", &p.name_id, NAME_MAX);
    english(&mut e, "name_en", &p.name_en, NAME_MAX, export);
    if publishing {
        e.text("description_id", &p.description_id, DESCRIPTION_MAX);
    } else {
        e.max_len("description_id", &p.description_id, DESCRIPTION_MAX);
    }
    english(
        &mut e,
        "description_en",
        &p.description_en,
        DESCRIPTION_MAX,
        export && publishing,
    );

    e.range("moq", p.moq.into(), 1, 1_000_000);
    tiers(&mut e, p);
    e.range("lead_time_days", p.lead_time_days.into(), 0, 365);
    e.range(
        "monthly_capacity",
        p.monthly_capacity.into(),
        p.moq.max(1).into(),
        100_000_000,
    );
    if let Some(days) = p.shelf_life_days {
        e.range("shelf_life_days", days.into(), 1, 3650);
    }
    if let Some(case) = &p.case_size {
        e.max_len("case_size", case, SHORT_TEXT_MAX);
    }
    e.max_len("packaging_id", &p.packaging_id, SHORT_TEXT_MAX);
    e.max_len("storage_id", &p.storage_id, SHORT_TEXT_MAX);
    if !p.packaging_id.trim().is_empty() {
        english(
            &mut e,
            "packaging_en",
            &p.packaging_en,
            SHORT_TEXT_MAX,
            export,
        );
    }
    if !p.storage_id.trim().is_empty() {
        english(&mut e, "storage_en", &p.storage_en, SHORT_TEXT_MAX, export);
    }
    if let Some(hs) = &p.hs_code {
        let digits = hs.chars().filter(char::is_ascii_digit).count();
        let shape = hs.chars().all(|c| c.is_ascii_digit() || c == '.');
        if !shape || !(4..=10).contains(&digits) {
            e.add("hs_code", Rule::HsCode);
        }
    }
    certificates(&mut e, p);
    photos(&mut e, &p.photos, publishing);
    e.0
}

/// English text: required when `required`, bounded always.
fn english(e: &mut Errors, field: &str, value: &str, max: u32, required: bool) {
    if required && value.trim().is_empty() {
        e.add(field, Rule::EnglishForExport);
    } else {
        e.max_len(field, value, max);
    }
}

fn tiers(e: &mut Errors, p: &Product) {
    let Some(first) = p.tiers.first() else {
        e.add("tiers", Rule::Required);
        return;
    };
    if p.tiers.len() > MAX_TIERS {
        e.add(
            "tiers",
            Rule::AtMost {
                max: MAX_TIERS as u64,
            },
        );
    }
    if first.min_qty != p.moq {
        e.add("tiers.0.min_qty", Rule::FirstTierAtMoq);
    }
    for (i, pair) in p.tiers.windows(2).enumerate() {
        if pair[1].min_qty <= pair[0].min_qty {
            e.add(format!("tiers.{}.min_qty", i + 1), Rule::TiersAscending);
        }
    }
    for (i, tier) in p.tiers.iter().enumerate() {
        e.range(&format!("tiers.{i}.price"), tier.price.0, 1, 1_000_000_000);
    }
}

fn certificates(e: &mut Errors, p: &Product) {
    for (i, c) in p.certificates.iter().enumerate() {
        if p.certificates[..i]
            .iter()
            .any(|earlier| earlier.kind == c.kind)
        {
            e.add(format!("certificates.{i}.kind"), Rule::DuplicateCertificate);
        }
        let number = format!("certificates.{i}.number");
        match c.validate() {
            Ok(()) => {}
            Err(CertificateError::EmptyNumber) => e.add(number, Rule::Required),
            Err(CertificateError::EmptyIssuer) => {
                e.add(format!("certificates.{i}.issuer"), Rule::Required)
            }
            Err(CertificateError::PirtNumber { .. }) => e.add(number, Rule::PirtNumber),
            Err(CertificateError::HalalNumber) => e.add(number, Rule::HalalNumber),
            Err(CertificateError::BpomMdNumber) => e.add(number, Rule::BpomMdNumber),
        }
    }
}

fn photos(e: &mut Errors, photos: &[Photo], publishing: bool) {
    if publishing && photos.is_empty() {
        e.add("photos", Rule::Required);
    }
    if photos.len() > MAX_PHOTOS {
        e.add(
            "photos",
            Rule::AtMost {
                max: MAX_PHOTOS as u64,
            },
        );
    }
    for (i, photo) in photos.iter().enumerate() {
        if !is_media_path(&photo.large)
            || !is_media_path(&photo.thumb)
            || photo.medium.as_deref().is_some_and(|m| !is_media_path(m))
        {
            e.add(format!("photos.{i}"), Rule::PhotoUrl);
        }
        e.max_len(&format!("photos.{i}.alt_id"), &photo.alt_id, ALT_MAX);
        e.max_len(&format!("photos.{i}.alt_en"), &photo.alt_en, ALT_MAX);
    }
}

/// Listings may only show photos this server stores: uploads (`/media/u/<sha256>.jpg`) or
/// the demo illustrations. No hotlinking, no `javascript:` URLs.
pub fn is_media_path(path: &str) -> bool {
    if let Some(name) = path.strip_prefix("/media/u/") {
        return name.strip_suffix(".jpg").is_some_and(|hash| {
            hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        });
    }
    path.strip_prefix("/media/demo/").is_some_and(|name| {
        name.ends_with(".jpg")
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            && !name.contains("..")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Certificate, CertificateKind, PriceTier};
    use crate::Rupiah;

    /// A valid published, export-ready demo listing to break one field at a time.
    fn listing() -> Product {
        let mut p = crate::demo_catalog()
            .products
            .into_iter()
            .find(|p| p.export_ready && p.status == ListingStatus::Published)
            .expect("demo has an export-ready listing");
        p.description_en = "Dried seaweed".into();
        p
    }

    fn rules_of(p: &Product) -> Vec<(String, Rule)> {
        check_listing(p)
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    fn one(field: &str, rule: Rule) -> Vec<(String, Rule)> {
        vec![(field.to_string(), rule)]
    }

    #[test]
    fn every_published_demo_listing_passes() {
        for p in crate::demo_catalog().products {
            if p.status == ListingStatus::Published {
                let problems = check_listing(&p);
                assert!(problems.is_empty(), "{}: {problems:?}", p.id);
            }
        }
    }

    #[test]
    fn english_is_required_only_for_export() {
        let mut p = listing();
        p.name_en.clear();
        p.description_en.clear();
        assert_eq!(
            rules_of(&p),
            vec![
                ("name_en".to_string(), Rule::EnglishForExport),
                ("description_en".to_string(), Rule::EnglishForExport)
            ]
        );
        p.export_ready = false;
        assert_eq!(rules_of(&p), vec![]);
    }

    #[test]
    fn drafts_may_lack_description_and_photos_but_not_a_name() {
        let mut p = listing();
        p.status = ListingStatus::Draft;
        p.description_id.clear();
        p.photos.clear();
        assert_eq!(rules_of(&p), vec![]);
        p.status = ListingStatus::Published;
        assert_eq!(
            rules_of(&p),
            vec![
                ("description_id".to_string(), Rule::Required),
                ("photos".to_string(), Rule::Required)
            ]
        );
        p.name_id = "  ".into();
        assert_eq!(rules_of(&p)[0], ("name_id".to_string(), Rule::Required));
    }

    #[test]
    fn tiers_start_at_moq_ascend_and_have_prices() {
        let mut p = listing();
        p.moq = 10;
        p.monthly_capacity = 1000;
        p.tiers = vec![
            PriceTier {
                min_qty: 5,
                price: Rupiah(10_000),
            },
            PriceTier {
                min_qty: 50,
                price: Rupiah(0),
            },
            PriceTier {
                min_qty: 50,
                price: Rupiah(9_000),
            },
        ];
        assert_eq!(
            rules_of(&p),
            vec![
                ("tiers.0.min_qty".to_string(), Rule::FirstTierAtMoq),
                ("tiers.2.min_qty".to_string(), Rule::TiersAscending),
                ("tiers.1.price".to_string(), Rule::AtLeast { min: 1 }),
            ]
        );
        p.tiers.clear();
        assert_eq!(rules_of(&p), one("tiers", Rule::Required));
        p.tiers = (0..6)
            .map(|i| PriceTier {
                min_qty: 10 + i * 10,
                price: Rupiah(1000),
            })
            .collect();
        assert_eq!(rules_of(&p), one("tiers", Rule::AtMost { max: 5 }));
    }

    #[test]
    fn numbers_are_bounded() {
        let mut p = listing();
        p.lead_time_days = 400;
        assert_eq!(
            rules_of(&p),
            one("lead_time_days", Rule::AtMost { max: 365 })
        );
        let mut p = listing();
        p.monthly_capacity = p.moq - 1;
        assert_eq!(
            rules_of(&p),
            one("monthly_capacity", Rule::AtLeast { min: p.moq.into() })
        );
        let mut p = listing();
        p.shelf_life_days = Some(0);
        assert_eq!(
            rules_of(&p),
            one("shelf_life_days", Rule::AtLeast { min: 1 })
        );
    }

    #[test]
    fn hs_codes_are_digits_and_dots() {
        let mut p = listing();
        for ok in ["1212.21", "121221", "0306.36.10"] {
            p.hs_code = Some(ok.into());
            assert_eq!(rules_of(&p), vec![], "{ok}");
        }
        for bad in ["12", "12a2.21", "1212.21.00.00.9"] {
            p.hs_code = Some(bad.into());
            assert_eq!(rules_of(&p), one("hs_code", Rule::HsCode), "{bad}");
        }
    }

    #[test]
    fn certificates_are_checked_by_scheme_and_not_repeated() {
        let mut p = listing();
        p.certificates = vec![
            Certificate {
                kind: CertificateKind::Pirt,
                number: "1234".into(),
                issuer: "Dinkes Kukar".into(),
                expires: None,
            },
            Certificate {
                kind: CertificateKind::Pirt,
                number: "2066402010123-29".into(),
                issuer: "".into(),
                expires: None,
            },
        ];
        assert_eq!(
            rules_of(&p),
            vec![
                ("certificates.0.number".to_string(), Rule::PirtNumber),
                (
                    "certificates.1.kind".to_string(),
                    Rule::DuplicateCertificate
                ),
                ("certificates.1.issuer".to_string(), Rule::Required),
            ]
        );
    }

    #[test]
    fn photos_must_be_our_uploads_and_at_most_eight() {
        let mut p = listing();
        let hash = "ab".repeat(32);
        let upload = Photo {
            thumb: format!("/media/u/{hash}.jpg"),
            large: format!("/media/u/{hash}.jpg"),
            medium: Some(format!("/media/u/{hash}.jpg")),
            alt_id: String::new(),
            alt_en: String::new(),
            width: 1600,
            height: 1200,
        };
        p.photos = vec![upload.clone(); 8];
        assert_eq!(rules_of(&p), vec![]);
        p.photos.push(upload.clone());
        assert_eq!(rules_of(&p), one("photos", Rule::AtMost { max: 8 }));
        for bad in [
            "https://example.com/x.jpg",
            "javascript:alert(1)",
            "/media/u/../../etc/passwd",
            "/media/demo/../x.jpg",
        ] {
            p.photos = vec![Photo {
                large: bad.into(),
                ..upload.clone()
            }];
            assert_eq!(rules_of(&p), one("photos.0", Rule::PhotoUrl), "{bad}");
            p.photos = vec![Photo {
                medium: Some(bad.into()),
                ..upload.clone()
            }];
            assert_eq!(
                rules_of(&p),
                one("photos.0", Rule::PhotoUrl),
                "medium {bad}"
            );
        }
        // Photos from before the phone-sized rendition have none, and stay valid.
        p.photos = vec![Photo {
            medium: None,
            ..upload.clone()
        }];
        assert_eq!(rules_of(&p), vec![]);
    }
}
