//! The village facilitators' view (DPMD / KPMD): per kecamatan and village, how far the
//! village's businesses have come on the platform, to plan coaching.
//!
//! A pure function of the published catalog, the demand rows and the photo coach's verdicts,
//! so it is tested without a database. Counts only, no buyer details.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use etalase_model::api::{FacilitatorReport, Figures, KecamatanActivity, VillageActivity};
use etalase_model::{Catalog, Date, IdmStatus};

use crate::store::DemandRow;

/// Builds the report. `photo_good` answers, for a photo's URL path, whether the coach passed
/// it (`None`: never measured). `today` is the WITA day.
pub fn report(
    catalog: &Catalog,
    demand: &[DemandRow],
    photo_good: impl Fn(&str) -> Option<bool>,
    today: Date,
) -> FacilitatorReport {
    let mut figures: HashMap<&str, Figures> = HashMap::new();
    let mut active: HashMap<&str, HashSet<&str>> = HashMap::new();
    for product in &catalog.products {
        let f = figures.entry(product.village_slug.as_str()).or_default();
        f.listings += 1;
        active
            .entry(product.village_slug.as_str())
            .or_default()
            .insert(product.seller_id.as_str());
        if product.certificates.iter().any(|c| c.is_valid_on(today)) {
            f.valid_certificates += 1;
        }
        // The large rendition's verdict: the 400 px thumbnail is small by design.
        let verdicts: Vec<bool> = product
            .photos
            .iter()
            .filter_map(|p| photo_good(&p.large))
            .collect();
        if !verdicts.is_empty() {
            f.photos_measured += 1;
            if verdicts.iter().all(|good| *good) {
                f.photos_good += 1;
            }
        }
    }
    for (village, sellers) in &active {
        figures.entry(village).or_default().active_sellers = sellers.len();
    }
    let day = today.days_since_epoch();
    let mut recent: HashMap<&str, (BTreeSet<i64>, BTreeSet<i64>)> = HashMap::new();
    for row in demand {
        let Some(at) = row
            .created_at
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
        else {
            continue;
        };
        let age = day - at.days_since_epoch();
        let sets = recent.entry(row.village_slug.as_str()).or_default();
        if (0..30).contains(&age) {
            sets.0.insert(row.inquiry_id);
        }
        if (0..90).contains(&age) {
            sets.1.insert(row.inquiry_id);
        }
    }
    for (village, (d30, d90)) in &recent {
        let f = figures.entry(village).or_default();
        f.inquiries_30 = d30.len();
        f.inquiries_90 = d90.len();
    }

    let mut villages: Vec<VillageActivity> = catalog
        .villages
        .iter()
        .map(|v| VillageActivity {
            slug: v.slug.clone(),
            name: v.name.clone(),
            kecamatan: v.kecamatan.clone(),
            idm_status: v.idm_status,
            figures: figures.get(v.slug.as_str()).cloned().unwrap_or_default(),
        })
        .collect();
    villages.sort_by(|a, b| (&a.kecamatan, &a.name).cmp(&(&b.kecamatan, &b.name)));

    let mut by_kecamatan: BTreeMap<&str, KecamatanActivity> = BTreeMap::new();
    for v in &villages {
        let k = by_kecamatan
            .entry(v.kecamatan.as_str())
            .or_insert_with(|| KecamatanActivity {
                kecamatan: v.kecamatan.clone(),
                villages: 0,
                figures: Figures::default(),
            });
        k.villages += 1;
        k.figures.add(&v.figures);
    }

    let mut to_coach: Vec<&VillageActivity> = villages
        .iter()
        .filter(|v| v.idm_status.is_some_and(still_developing) && v.figures.listings == 0)
        .collect();
    to_coach.sort_by_key(|v| (v.idm_status, v.kecamatan.clone(), v.name.clone()));
    FacilitatorReport {
        to_coach: to_coach.iter().map(|v| v.slug.clone()).collect(),
        kecamatan: by_kecamatan.into_values().collect(),
        villages,
    }
}

/// Sangat Tertinggal, Tertinggal and Berkembang: the IDM stages DPMD coaches first.
pub fn still_developing(status: IdmStatus) -> bool {
    matches!(
        status,
        IdmStatus::SangatTertinggal | IdmStatus::Tertinggal | IdmStatus::Berkembang
    )
}

/// The report as CSV, one row per village: a byte-order mark first (Excel reads UTF-8 only
/// with it). Names come from the catalog, which sellers and staff edit, so cells that a
/// spreadsheet would run as formulas are neutralised.
pub fn csv(report: &FacilitatorReport) -> Result<Vec<u8>, csv::Error> {
    use crate::spreadsheet::neutralise;
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record([
        "kecamatan",
        "desa",
        "status_idm",
        "penjual_aktif",
        "produk_tayang",
        "permintaan_30_hari",
        "permintaan_90_hari",
        "produk_foto_diukur",
        "produk_foto_baik",
        "produk_sertifikat_berlaku",
        "perlu_pendampingan",
    ])?;
    let coach: HashSet<&str> = report.to_coach.iter().map(String::as_str).collect();
    for v in &report.villages {
        let f = &v.figures;
        out.write_record([
            neutralise(&v.kecamatan).as_ref(),
            neutralise(&v.name).as_ref(),
            v.idm_status.map_or("", |s| s.slug()),
            &f.active_sellers.to_string(),
            &f.listings.to_string(),
            &f.inquiries_30.to_string(),
            &f.inquiries_90.to_string(),
            &f.photos_measured.to_string(),
            &f.photos_good.to_string(),
            &f.valid_certificates.to_string(),
            if coach.contains(v.slug.as_str()) {
                "ya"
            } else {
                "tidak"
            },
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_model::{demo_catalog, ListingStatus};

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn row(id: i64, village: &str, at: &str) -> DemandRow {
        DemandRow {
            inquiry_id: id,
            kind: "purchase".into(),
            created_at: format!("{at}T03:00:00.000Z"),
            destination_country: None,
            village_slug: village.into(),
            product_ids: vec![],
            status: "new".into(),
            lines: vec![],
            latest_quote: None,
        }
    }

    #[test]
    fn counts_per_village_and_kecamatan_and_lists_developing_villages_without_listings() {
        let mut catalog = demo_catalog();
        catalog
            .products
            .retain(|p| p.status == ListingStatus::Published);
        let today = day("2026-11-24");
        let sepatin: Vec<_> = catalog
            .products
            .iter()
            .filter(|p| p.village_slug == "sepatin")
            .collect();
        let sellers: HashSet<_> = sepatin.iter().map(|p| p.seller_id.as_str()).collect();
        let with_certs = sepatin
            .iter()
            .filter(|p| p.certificates.iter().any(|c| c.is_valid_on(today)))
            .count();
        // One uploaded photo that passed and one that did not, on two Sepatin listings.
        let (good, bad) = (
            sepatin[0].photos[0].large.clone(),
            sepatin[1].photos[0].large.clone(),
        );
        let demand = [
            row(1, "sepatin", "2026-11-20"),
            row(1, "sepatin", "2026-11-20"), // a second part of the same inquiry
            row(2, "sepatin", "2026-09-10"),
            row(3, "sepatin", "2026-05-01"),
            row(4, "tani-baru", "2026-11-01"),
        ];
        let r = report(
            &catalog,
            &demand,
            |path| {
                (path == good)
                    .then_some(true)
                    .or((path == bad).then_some(false))
            },
            today,
        );
        let v = r.villages.iter().find(|v| v.slug == "sepatin").unwrap();
        assert_eq!(v.figures.listings, sepatin.len());
        assert_eq!(v.figures.active_sellers, sellers.len());
        assert_eq!(v.figures.valid_certificates, with_certs);
        assert_eq!((v.figures.inquiries_30, v.figures.inquiries_90), (1, 2));
        assert_eq!((v.figures.photos_measured, v.figures.photos_good), (2, 1));

        let k = r
            .kecamatan
            .iter()
            .find(|k| k.kecamatan == v.kecamatan)
            .unwrap();
        let in_k: Vec<_> = r
            .villages
            .iter()
            .filter(|x| x.kecamatan == v.kecamatan)
            .collect();
        assert_eq!(k.villages, in_k.len());
        assert_eq!(
            k.figures.listings,
            in_k.iter().map(|x| x.figures.listings).sum::<usize>()
        );

        // A developing village with no listing is to be coached; one with listings is not.
        for v in &r.villages {
            let expected = v.idm_status.is_some_and(still_developing) && v.figures.listings == 0;
            assert_eq!(r.to_coach.contains(&v.slug), expected, "{}", v.slug);
        }
        let mut empty = catalog.clone();
        empty.products.retain(|p| p.village_slug != "sepatin");
        let sepatin_status = catalog.village("sepatin").unwrap().idm_status;
        let r2 = report(&empty, &[], |_| None, today);
        assert_eq!(
            r2.to_coach.contains(&"sepatin".to_string()),
            sepatin_status.is_some_and(still_developing)
        );
    }

    #[test]
    fn the_csv_has_a_row_per_village_and_neutralises_formulas() {
        let mut catalog = demo_catalog();
        catalog.villages[0].name = "=HYPERLINK(\"x\")".into();
        let r = report(&catalog, &[], |_| None, day("2026-11-24"));
        let bytes = csv(&r).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text.lines().count(), catalog.villages.len() + 1);
        assert!(text.contains("'=HYPERLINK"), "{text}");
    }
}
