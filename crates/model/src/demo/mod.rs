//! Demo data: a small, realistic catalog of village products from Kutai Kartanegara, for
//! development, screenshots and tests, plus a deterministic generator of large synthetic
//! catalogs for benchmarks.
//!
//! **Everything here is illustrative.** The villages and kecamatan are real (the gazetteer's,
//! under their Kemendagri codes; tested), but the IDM
//! scores, sellers, WhatsApp numbers (all `+62 812 0000 xxxx`), prices and certificate numbers
//! are made up to look plausible; none of it is an official figure or a real business.
//! Photos point at `/media/demo/{product id}-400.jpg` and `-1600.jpg`, which the server draws
//! as illustrations coloured by [`demo_photo_color`]. The partners are made-up organisations
//! (named "… (demo)", `demo: true`) in the spirit of the district's 2025 village MoUs.

mod partners;
mod products;
mod synthetic;

use crate::catalog::{Catalog, Category, IdmStatus, ListingStatus, Seller, Village};
use crate::gazetteer::VillageKind;
use crate::inquiry::{PurchaseInquiry, PurchaseItem};
use crate::moderation::Verification;
use crate::Date;

pub use synthetic::synthetic_catalog;

/// The version string of the demo catalog.
pub const DEMO_VERSION: &str = "demo-2026-11";

/// The demo catalog: 20 villages of Kutai Kartanegara under their Kemendagri codes, 24
/// sellers, 55 listings (53 published, one draft, one unpublished), some certificates expired
/// on purpose; 4 partners with 6 partnerships (one signed, three running, two finished).
pub fn demo_catalog() -> Catalog {
    let villages = villages();
    let sellers = sellers(&villages);
    let products = products::products(&sellers);
    Catalog {
        fx: None,
        version: DEMO_VERSION.to_owned(),
        products,
        sellers,
        villages,
        partners: partners::partners(),
        partnerships: partners::partnerships(),
        reply_minutes: Default::default(),
    }
}

/// A valid hotel purchase inquiry for two published products of two different sellers of
/// `catalog` (the demo catalog has such a pair), each at its minimum order. For the tests and
/// the load generator, which need an inquiry the server accepts and splits between sellers;
/// the demo inbox itself is seeded by the server with more varied ones.
///
/// # Panics
/// If `catalog` has no two published products of different sellers.
pub fn hotel_purchase(catalog: &Catalog, organisation: &str, wanted_by: Date) -> PurchaseInquiry {
    let mut published = catalog
        .products
        .iter()
        .filter(|p| p.status == ListingStatus::Published);
    let first = published.next().expect("a published product");
    let second = published
        .find(|p| p.seller_id != first.seller_id)
        .expect("published products of two sellers");
    PurchaseInquiry {
        organisation: organisation.into(),
        contact_name: "Dewi Lestari".into(),
        email: "purchasing@hotel-mahakam.example".into(),
        whatsapp: "0812 7777 8888".into(),
        city: "Samarinda".into(),
        items: [first, second]
            .iter()
            .map(|p| PurchaseItem {
                product_id: p.id.clone(),
                quantity: p.moq.max(1),
                unit: p.unit,
            })
            .collect(),
        wanted_by: Some(wanted_by),
        note: "Untuk restoran hotel, kirim sampel dulu.".into(),
        ..PurchaseInquiry::default()
    }
}

/// Background colour for a category's illustrative photo, so cards of one category look alike
/// (golden crackers, sea-green seaweed, amber honey…).
pub fn demo_photo_color(category: Category) -> [u8; 3] {
    match category {
        Category::Kerupuk => [232, 160, 72],
        Category::OlahanIkan => [176, 98, 72],
        Category::RumputLaut => [62, 138, 98],
        Category::Madu => [222, 170, 40],
        Category::GulaAren => [140, 82, 42],
        Category::Kopi => [92, 60, 40],
        Category::Rempah => [120, 110, 50],
        Category::Camilan => [240, 200, 90],
        Category::PupukKompos => [96, 110, 56],
        Category::Kerajinan => [168, 120, 72],
    }
}

const KUKAR: &str = "Kutai Kartanegara";
const KALTIM: &str = "Kalimantan Timur";

/// slug, Kemendagri code, name, kecamatan, IDM score, description (id, en). Slug, name and
/// kecamatan are the gazetteer's for the code (in region 64.02; tested); the kabupaten is
/// Kutai Kartanegara and the status follows from the score.
type VillageRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f32,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const VILLAGES: &[VillageRow] = &[
    ("sepatin", "64.02.04.2001", "Sepatin", "Anggana", 0.6518,
     "Desa nelayan di Delta Mahakam, sentra kerupuk udang dari tambak udang windu.",
     "Fishing village in the Mahakam Delta, known for prawn crackers from its tiger-prawn ponds."),
    ("tani-baru", "64.02.04.2003", "Tani Baru", "Anggana", 0.6347,
     "Desa pesisir di muara Sungai Mahakam; warganya membudidayakan rumput laut dan mengolah terasi.",
     "Coastal village at the mouth of the Mahakam; residents farm seaweed and make shrimp paste."),
    ("muara-pantuan", "64.02.04.2002", "Muara Pantuan", "Anggana", 0.5874,
     "Desa delta dengan tambak dan nelayan, dikenal dengan ikan asin dan rumput laut Gracilaria.",
     "Delta village of ponds and fishers, known for salted fish and Gracilaria seaweed."),
    ("saliki", "64.02.05.2001", "Saliki", "Muara Badak", 0.7186,
     "Desa pesisir Muara Badak, sentra amplang ikan pipih.",
     "Coastal village of Muara Badak, home of amplang made from featherback fish."),
    ("muara-badak-ulu", "64.02.05.2003", "Muara Badak Ulu", "Muara Badak", 0.8231,
     "Desa di Muara Badak dengan banyak UMKM makanan ringan berbahan ikan.",
     "Village in Muara Badak with many small fish-snack businesses."),
    ("loa-kulu-kota", "64.02.02.2004", "Loa Kulu Kota", "Loa Kulu", 0.8412,
     "Pusat Kecamatan Loa Kulu di tepi Mahakam, dengan kebun kopi liberika rakyat.",
     "Centre of Loa Kulu district on the Mahakam, with smallholder Liberica coffee gardens."),
    ("jembayan-tengah", "64.02.02.2011", "Jembayan Tengah", "Loa Kulu", 0.7624,
     "Desa pertanian; kelompok wanita tani mengolah kompos, pupuk cair dan tanaman obat.",
     "Farming village where the women farmers' group makes compost, liquid fertiliser and herbal products."),
    ("lung-anai", "64.02.02.2010", "Lung Anai", "Loa Kulu", 0.6935,
     "Kampung budaya Dayak Kenyah, terkenal dengan anyaman rotan dan manik-manik.",
     "Dayak Kenyah cultural village, known for rattan weaving and beadwork."),
    ("loh-sumber", "64.02.02.2005", "Loh Sumber", "Loa Kulu", 0.7203,
     "Desa dengan pohon aren yang disadap untuk gula aren cetak dan gula semut.",
     "Village whose sugar palms are tapped for block and granulated palm sugar."),
    ("loa-duri-ilir", "64.02.03.2007", "Loa Duri Ilir", "Loa Janan", 0.7788,
     "Desa yang bank sampahnya mengubah sampah plastik dan kertas menjadi kerajinan.",
     "Village whose waste bank turns plastic and paper waste into crafts."),
    ("loa-janan-ulu", "64.02.03.2003", "Loa Janan Ulu", "Loa Janan", 0.8306,
     "Desa peternak lebah kelulut dan pekebun lada.",
     "Village of stingless-bee keepers and pepper growers."),
    ("bukit-raya-tenggarong-seberang", "64.02.16.2002", "Bukit Raya", "Tenggarong Seberang", 0.7891,
     "Desa transmigrasi dengan kebun kopi robusta dan sayuran.",
     "Transmigration village with robusta coffee and vegetable farms."),
    ("bangun-rejo", "64.02.16.2004", "Bangun Rejo", "Tenggarong Seberang", 0.8577,
     "Desa transmigrasi lumbung padi; kelompok taninya memproduksi pupuk kompos dan keripik.",
     "Rice-growing transmigration village whose farmer groups make compost and chips."),
    ("kedang-ipil", "64.02.19.2001", "Kedang Ipil", "Kota Bangun Darat", 0.6712,
     "Desa adat Kutai di tepi hutan; penghasil madu hutan dan anyaman purun.",
     "Traditional Kutai village at the forest edge, producing wild honey and purun sedge weaving."),
    ("sanga-sanga-dalam", "64.02.15.1003", "Sanga-Sanga Dalam", "Sanga Sanga", 0.7415,
     "Kelurahan bersejarah di Sanga Sanga dengan UMKM amplang dan camilan ikan.",
     "Historic kelurahan (urban village) in Sanga Sanga with amplang and fish-snack makers."),
    ("muara-enggelam", "64.02.18.2007", "Muara Enggelam", "Muara Wis", 0.5632,
     "Desa terapung di Danau Melintang; nelayan danau mengolah ikan salai dan ikan asin.",
     "Floating village on Lake Melintang; lake fishers smoke and salt their catch."),
    ("sungai-merdeka", "64.02.20.1002", "Sungai Merdeka", "Samboja Barat", 0.7502,
     "Kelurahan di jalan Balikpapan–Samarinda dengan budidaya lebah kelulut.",
     "Kelurahan (urban village) on the Balikpapan–Samarinda road with stingless-bee farms."),
    ("tani-bhakti-samboja-barat", "64.02.20.2004", "Tani Bhakti", "Samboja Barat", 0.7350,
     "Desa pertanian di Samboja Barat, tak jauh dari Ibu Kota Nusantara; petaninya berkebun kopi dan menyadap aren.",
     "Farming village in Samboja Barat, not far from the new capital Nusantara; its farmers grow coffee and tap sugar palms."),
    // Two villages with no seller yet: what the facilitators' view lists for coaching.
    ("tuana-tuha", "64.02.09.2008", "Tuana Tuha", "Kenohan", 0.5841,
     "Desa di tepi Danau Semayang; nelayan danau mulai mengolah ikan asap.",
     "Village on Lake Semayang; lake fishers are starting to smoke their catch."),
    ("jantur-baru", "64.02.01.2013", "Jantur Baru", "Muara Muntai", 0.6518,
     "Desa rawa gambut dengan anyaman purun dan kerupuk ikan rumahan.",
     "Peat-swamp village with purun sedge weaving and home-made fish crackers."),
];

fn villages() -> Vec<Village> {
    VILLAGES
        .iter()
        .map(|&(slug, code, name, kecamatan, score, id, en)| Village {
            slug: slug.to_owned(),
            code: Some(code.to_owned()),
            name: name.to_owned(),
            kecamatan: kecamatan.to_owned(),
            kabupaten: KUKAR.to_owned(),
            province: KALTIM.to_owned(),
            idm_status: Some(IdmStatus::for_score(score)),
            idm_score: Some(score),
            // The programme is Koperasi Desa/Kelurahan Merah Putih: a kelurahan's
            // cooperative is a Koperasi Kelurahan.
            cooperative: VillageKind::from_code(code)
                .unwrap_or(VillageKind::Desa)
                .cooperative_name(name),
            // Sepatin's cooperative runs the demo operator account: it has the contact
            // details a registered cooperative shows (demo values).
            cooperative_whatsapp: (slug == "sepatin").then(|| "+6281200000900".to_owned()),
            cooperative_legal_number: (slug == "sepatin")
                .then(|| "AHU-0012345.AH.01.29.TAHUN 2025 (demo)".to_owned()),
            cooperative_address: None,
            description_id: id.to_owned(),
            description_en: en.to_owned(),
        })
        .collect()
}

/// id, name, village slug, whether the seller sells through the village cooperative.
const SELLERS: &[(&str, &str, &str, bool)] = &[
    (
        "kerupuk-sepatin-jaya",
        "UD Kerupuk Udang Sepatin Jaya",
        "sepatin",
        true,
    ),
    (
        "kub-nelayan-sepatin",
        "KUB Nelayan Sepatin Bersatu",
        "sepatin",
        true,
    ),
    (
        "kwn-tani-baru",
        "Kelompok Wanita Nelayan Tani Baru",
        "tani-baru",
        true,
    ),
    (
        "terasi-delta-mahakam",
        "UMKM Terasi Delta Mahakam",
        "tani-baru",
        false,
    ),
    (
        "pokdakan-muara-pantuan",
        "Pokdakan Rumput Laut Muara Pantuan",
        "muara-pantuan",
        true,
    ),
    (
        "ikan-asin-bahari",
        "UD Ikan Asin Bahari Pantuan",
        "muara-pantuan",
        false,
    ),
    (
        "amplang-saliki-berkah",
        "Amplang Saliki Berkah",
        "saliki",
        true,
    ),
    (
        "dapur-ibu-sri",
        "Dapur Ibu Sri Muara Badak",
        "muara-badak-ulu",
        false,
    ),
    (
        "kopi-liberika-loa-kulu",
        "Kopi Liberika Loa Kulu",
        "loa-kulu-kota",
        true,
    ),
    (
        "kwt-jembayan-lestari",
        "KWT Jembayan Lestari",
        "jembayan-tengah",
        true,
    ),
    (
        "sanggar-lung-anai",
        "Sanggar Anyaman Lamin Lung Anai",
        "lung-anai",
        true,
    ),
    (
        "gula-aren-loh-sumber",
        "Gula Aren Loh Sumber Manis",
        "loh-sumber",
        true,
    ),
    (
        "bank-sampah-loa-duri",
        "Bank Sampah Loa Duri Berseri",
        "loa-duri-ilir",
        false,
    ),
    (
        "kelulut-loa-janan",
        "Madu Kelulut Loa Janan Ulu",
        "loa-janan-ulu",
        true,
    ),
    (
        "kebun-lada-bu-ratna",
        "Kebun Lada Bu Ratna",
        "loa-janan-ulu",
        false,
    ),
    (
        "kopi-bukit-raya",
        "Kopi Robusta Bukit Raya",
        "bukit-raya-tenggarong-seberang",
        true,
    ),
    (
        "poktan-subur-makmur",
        "Poktan Subur Makmur Bangun Rejo",
        "bangun-rejo",
        true,
    ),
    (
        "keripik-mbak-tutik",
        "Keripik Pisang Mbak Tutik",
        "bangun-rejo",
        false,
    ),
    (
        "madu-hutan-kedang-ipil",
        "Madu Hutan Kedang Ipil",
        "kedang-ipil",
        true,
    ),
    (
        "purun-kedang-ipil",
        "Kerajinan Purun Kedang Ipil",
        "kedang-ipil",
        true,
    ),
    (
        "amplang-sanga-sanga",
        "Amplang & Kerupuk Sanga-Sanga Asli",
        "sanga-sanga-dalam",
        false,
    ),
    (
        "salai-danau-melintang",
        "Ikan Salai Danau Melintang",
        "muara-enggelam",
        true,
    ),
    (
        "meliponikultur-samboja",
        "Meliponikultur Sungai Merdeka",
        "sungai-merdeka",
        true,
    ),
    (
        "kopi-tani-bhakti",
        "Kopi & Gula Aren Tani Bhakti",
        "tani-bhakti-samboja-barat",
        false,
    ),
];

fn sellers(villages: &[Village]) -> Vec<Seller> {
    SELLERS
        .iter()
        .enumerate()
        .map(|(i, &(id, name, village, via_coop))| {
            let cooperative = via_coop
                .then(|| {
                    villages
                        .iter()
                        .find(|v| v.slug == village)
                        .map(|v| v.cooperative.clone())
                })
                .flatten();
            Seller {
                id: id.to_owned(),
                name: name.to_owned(),
                whatsapp: format!("+628120000{:04}", i + 1),
                village_slug: village.to_owned(),
                // The cooperative has checked the members it sells for.
                verified: cooperative.clone().map(|by| Verification {
                    by,
                    on: Date::new(2026, 11, 12).expect("valid"),
                    nib: None,
                }),
                cooperative,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{ListingStatus, Unit};
    use crate::Date;

    #[test]
    fn demo_catalog_is_consistent_and_big_enough() {
        let c = demo_catalog();
        assert_eq!(c.integrity_problems(), Vec::<String>::new());
        assert_eq!(c.villages.len(), 20);
        assert!(c.sellers.len() >= 20);
        assert!(c.published().count() >= 44);
        for p in &c.products {
            assert_eq!(p.validate(), Ok(()), "{}", p.id);
            assert_eq!(p.photos.len(), 1);
            assert_eq!(p.photos[0].thumb, format!("/media/demo/{}-400.jpg", p.id));
            assert_eq!(c.seller(&p.seller_id).unwrap().village_slug, p.village_slug);
            assert_eq!(p.created.year(), 2026);
            assert!(p.export_ready == p.hs_code.is_some(), "{}", p.id);
        }
        for s in &c.sellers {
            assert!(s.whatsapp.starts_with("+628120000") && s.whatsapp.len() == 14);
        }
        for v in &c.villages {
            assert_eq!(v.idm_score.map(IdmStatus::for_score), v.idm_status);
            assert!(
                v.idm_status.is_some(),
                "the demo's villages all have figures"
            );
        }
    }

    /// The server loads the gazetteer's villages and overlays the demo's on them by slug, so
    /// every demo village must be the gazetteer's village of its code, named and slugged alike.
    #[test]
    fn demo_villages_are_real_villages_of_kutai_kartanegara() {
        use crate::gazetteer::{regency_short_name, Gazetteer, DEFAULT_REGION};
        let kukar = Gazetteer::east_kalimantan().region(DEFAULT_REGION).unwrap();
        let c = demo_catalog();
        let mut codes = std::collections::HashSet::new();
        for v in &c.villages {
            let code = v
                .code
                .as_deref()
                .unwrap_or_else(|| panic!("{} has a code", v.slug));
            assert!(codes.insert(code), "{code} is used once");
            let g = kukar
                .village_by_code(code)
                .unwrap_or_else(|| panic!("{code} ({}) is in {DEFAULT_REGION}", v.slug));
            assert_eq!(v.name, g.name, "{code}");
            assert_eq!(
                Some(v.kecamatan.as_str()),
                kukar.name(&g.kecamatan_code),
                "{code}"
            );
            assert_eq!(
                Some(v.kabupaten.as_str()),
                kukar.name(g.regency_code()).map(regency_short_name),
                "{code}"
            );
            assert_eq!(Some(v.province.as_str()), kukar.name("64"), "{code}");
            assert_eq!(
                kukar.village_slug(code).as_deref(),
                Some(v.slug.as_str()),
                "{code}"
            );
            assert_eq!(v.kind(), Some(g.kind), "{code}");
            let coop = match g.kind {
                VillageKind::Desa => "Koperasi Desa Merah Putih",
                VillageKind::Kelurahan => "Koperasi Kelurahan Merah Putih",
            };
            assert_eq!(v.cooperative, format!("{coop} {}", v.name), "{code}");
        }
        // Both kinds appear (Sanga-Sanga Dalam and Sungai Merdeka are kelurahan).
        let kinds: std::collections::HashSet<_> = c.villages.iter().map(|v| v.kind()).collect();
        assert_eq!(kinds.len(), 2);
    }

    /// Every slug the demo uses for a village, wherever it appears, is a demo village's.
    #[test]
    fn demo_references_name_demo_villages() {
        let c = demo_catalog();
        let known = |slug: &str| c.village(slug).is_some();
        for s in &c.sellers {
            assert!(known(&s.village_slug), "seller {}", s.id);
            if let Some(coop) = &s.cooperative {
                assert_eq!(
                    coop,
                    &c.village(&s.village_slug).unwrap().cooperative,
                    "seller {} sells through its own village's cooperative",
                    s.id
                );
            }
        }
        for p in &c.products {
            assert!(known(&p.village_slug), "product {}", p.id);
        }
        for ship in &c.partnerships {
            for v in &ship.village_slugs {
                assert!(known(v), "partnership {} names {v}", ship.id);
            }
        }
        // The demo operator runs Sepatin's cooperative (a cooperative is named by its
        // village's slug): the one with contact details.
        let with_contact: Vec<&str> = c
            .villages
            .iter()
            .filter(|v| v.cooperative_whatsapp.is_some())
            .map(|v| v.slug.as_str())
            .collect();
        assert_eq!(with_contact, ["sepatin"]);
        let mut slugs: Vec<&str> = c.villages.iter().map(|v| v.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), c.villages.len(), "village slugs are unique");
    }

    #[test]
    fn demo_catalog_covers_what_the_app_shows() {
        let c = demo_catalog();
        for cat in Category::ALL {
            assert!(c.products.iter().any(|p| p.category == cat), "{cat:?}");
        }
        let today = Date::new(2026, 11, 23).unwrap();
        let expired = c
            .products
            .iter()
            .flat_map(|p| &p.certificates)
            .filter(|x| !x.is_valid_on(today))
            .count();
        assert!(expired >= 2, "some certificates are expired on purpose");
        assert!(c.products.iter().any(|p| p.status == ListingStatus::Draft));
        assert!(c.products.iter().any(|p| p.unit == Unit::Sack));
        let statuses: std::collections::HashSet<_> =
            c.villages.iter().map(|v| v.idm_status).collect();
        assert!(statuses.len() >= 4);
        let ids: std::collections::HashSet<_> = c.products.iter().map(|p| &p.id).collect();
        assert_eq!(ids.len(), c.products.len());
    }

    #[test]
    fn demo_partnerships_back_products_of_the_mou_villages() {
        let c = demo_catalog();
        assert!(c
            .partners
            .iter()
            .all(|p| p.demo && p.name.ends_with("(demo)")));
        let backed = c.backed_village_slugs();
        for v in [
            "lung-anai",
            "loh-sumber",
            "loa-kulu-kota",
            "jembayan-tengah",
            "loa-duri-ilir",
        ] {
            assert!(backed.contains(v), "{v}");
            assert!(c.products_of_village(v).count() >= 1, "{v} has products");
        }
        let statuses: std::collections::HashSet<_> =
            c.partnerships.iter().map(|p| p.status).collect();
        assert_eq!(statuses.len(), 3, "every status is shown somewhere");
        let kinds: std::collections::HashSet<_> = c.partners.iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), 4);
    }

    #[test]
    fn demo_catalog_serialises() {
        let c = demo_catalog();
        let json = serde_json::to_string(&c).unwrap();
        let back: Catalog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn the_sample_hotel_purchase_passes_the_shared_rules_and_spans_two_sellers() {
        let c = demo_catalog();
        let today = Date::from_days_since_epoch(20_000);
        let wanted = Date::from_days_since_epoch(20_014);
        let form = hotel_purchase(&c, "Hotel Mahakam", wanted);
        let errors = crate::inquiry::check_purchase(&form, today, |id| {
            c.products.iter().any(|p| p.id == id)
        });
        assert_eq!(errors, vec![]);
        let sellers: std::collections::HashSet<_> = form
            .items
            .iter()
            .map(|i| {
                &c.products
                    .iter()
                    .find(|p| p.id == i.product_id)
                    .unwrap()
                    .seller_id
            })
            .collect();
        assert_eq!(sellers.len(), 2);
    }
}
