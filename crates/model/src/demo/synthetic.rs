//! Large synthetic catalogs for benchmarks and load tests, generated deterministically from a
//! seed with an in-crate splitmix64 (no `rand`, so it also runs in the browser).
//!
//! Listings are recombined from the same word stock a real catalog of this region has:
//! product types per category in both languages, variants, pack sizes, made-up brand and
//! seller names (which grow the vocabulary the way real names do), real kecamatan names, and
//! descriptions assembled from category phrases. The point is realistic search load, not
//! realistic prose.

use super::{demo_catalog, DEMO_VERSION};
use crate::catalog::{
    Catalog, Category, Certificate, CertificateKind, IdmStatus, ListingStatus, Photo, PriceTier,
    Product, Seller, Unit, Village,
};
use crate::{Date, Rupiah};

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// 64 hex digits, as the SHA-256 an uploaded photo is named by: random to brotli as a
    /// real hash is, so the catalog's size is honest.
    fn sha256_hex(&mut self) -> String {
        (0..4).map(|_| format!("{:016x}", self.next())).collect()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A made-up proper name of two or three syllables, e.g. `Larimang`.
    fn name(&mut self) -> String {
        const SYL: &[&str] = &[
            "ba", "bu", "da", "di", "ga", "ka", "ke", "la", "li", "lo", "ma", "me", "na", "ni",
            "ra", "ri", "sa", "se", "ta", "tu", "ya", "wa", "an", "ang", "ing", "ung", "rim",
            "lan", "jun", "kut", "mah", "tel",
        ];
        let mut s: String = (0..2 + self.below(2)).map(|_| *self.pick(SYL)).collect();
        s[..1].make_ascii_uppercase();
        s
    }
}

/// name (id), name (en), unit, typical price per unit.
type Kind = (&'static str, &'static str, Unit, u64);

fn kinds(category: Category) -> &'static [Kind] {
    use Unit::*;
    match category {
        Category::Kerupuk => &[
            ("Kerupuk Udang", "Prawn crackers", Pack, 22_000),
            ("Kerupuk Ikan", "Fish crackers", Pack, 17_000),
            ("Amplang", "Amplang fish crackers", Pack, 24_000),
            ("Kerupuk Kepiting", "Crab crackers", Pack, 26_000),
            ("Amplang Udang", "Prawn amplang", Pack, 28_000),
            ("Kerupuk Udang Curah", "Bulk prawn crackers", Kg, 85_000),
        ],
        Category::OlahanIkan => &[
            ("Terasi Udang", "Shrimp paste", Pack, 15_000),
            ("Ikan Asin Gulama", "Salted croaker", Pack, 40_000),
            ("Ikan Teri Asin", "Salted anchovies", Pack, 30_000),
            ("Ikan Salai Patin", "Smoked pangasius", Pack, 65_000),
            ("Ebi Udang Kering", "Dried shrimp", Pack, 45_000),
            ("Ikan Asin Belanak", "Salted mullet", Kg, 55_000),
            ("Abon Ikan", "Fish floss", Pack, 35_000),
        ],
        Category::RumputLaut => &[
            ("Rumput Laut Kering", "Dried seaweed", Kg, 10_000),
            ("Rumput Laut Gracilaria", "Gracilaria seaweed", Kg, 9_500),
            ("Rumput Laut Cottonii", "Cottonii seaweed", Kg, 18_000),
            ("Dodol Rumput Laut", "Seaweed dodol", Pack, 20_000),
            ("Stik Rumput Laut", "Seaweed sticks", Pack, 15_000),
        ],
        Category::Madu => &[
            (
                "Madu Kelulut",
                "Kelulut stingless-bee honey",
                Bottle,
                110_000,
            ),
            ("Madu Hutan", "Wild forest honey", Bottle, 130_000),
            ("Madu Kelulut Curah", "Bulk kelulut honey", Liter, 400_000),
            ("Propolis Kelulut", "Kelulut propolis", Bottle, 85_000),
        ],
        Category::GulaAren => &[
            ("Gula Aren Cetak", "Palm sugar blocks", Kg, 33_000),
            ("Gula Semut Aren", "Granulated palm sugar", Pack, 30_000),
            ("Gula Aren Cair", "Liquid palm sugar", Bottle, 35_000),
        ],
        Category::Kopi => &[
            (
                "Kopi Liberika Sangrai",
                "Roasted Liberica coffee",
                Pack,
                60_000,
            ),
            ("Kopi Robusta Bubuk", "Ground robusta coffee", Pack, 28_000),
            ("Kopi Robusta Green Bean", "Robusta green beans", Kg, 72_000),
            (
                "Kopi Liberika Green Bean",
                "Liberica green beans",
                Kg,
                85_000,
            ),
            (
                "Kopi Arabika Sangrai",
                "Roasted arabica coffee",
                Pack,
                75_000,
            ),
        ],
        Category::Rempah => &[
            ("Lada Hitam", "Black pepper", Kg, 78_000),
            ("Lada Putih", "White pepper", Kg, 115_000),
            (
                "Jahe Merah Instan",
                "Instant red ginger drink",
                Pack,
                25_000,
            ),
            ("Kunyit Bubuk", "Turmeric powder", Pack, 18_000),
            ("Serai Kering", "Dried lemongrass", Pack, 12_000),
        ],
        Category::Camilan => &[
            ("Keripik Pisang", "Banana chips", Pack, 14_000),
            ("Keripik Singkong", "Cassava chips", Pack, 13_000),
            ("Stik Ikan Gabus", "Snakehead fish sticks", Pack, 19_000),
            ("Dodol Durian", "Durian dodol", Pack, 25_000),
            ("Kue Bingka", "Bingka custard cake", Pcs, 30_000),
        ],
        Category::PupukKompos => &[
            ("Pupuk Kompos", "Compost", Sack, 35_000),
            ("Pupuk Kascing", "Vermicompost", Pack, 22_000),
            (
                "Pupuk Organik Cair",
                "Liquid organic fertiliser",
                Bottle,
                25_000,
            ),
            ("Pupuk Bokashi", "Bokashi fertiliser", Sack, 30_000),
        ],
        Category::Kerajinan => &[
            ("Tas Anyaman Rotan", "Rattan woven bag", Pcs, 280_000),
            ("Tikar Purun", "Purun sedge mat", Pcs, 170_000),
            (
                "Tas Daur Ulang Bungkus Kopi",
                "Recycled coffee-sachet bag",
                Pcs,
                65_000,
            ),
            (
                "Keranjang Kertas Koran",
                "Recycled newspaper basket",
                Pcs,
                45_000,
            ),
            ("Kalung Manik Dayak", "Dayak beaded necklace", Pcs, 95_000),
            ("Topi Anyaman Pandan", "Woven pandan hat", Pcs, 40_000),
            (
                "Vas Bunga Botol Plastik Bekas",
                "Vase from recycled plastic bottles",
                Pcs,
                35_000,
            ),
        ],
    }
}

/// A sentence about products of the category, (id, en).
fn phrases(category: Category) -> &'static [(&'static str, &'static str)] {
    match category {
        Category::Kerupuk | Category::Camilan => &[
            (
                "Renyah dan gurih tanpa pengawet.",
                "Crisp and savoury with no preservatives.",
            ),
            ("Digoreng dengan minyak kelapa.", "Fried in coconut oil."),
            (
                "Oleh-oleh khas Kalimantan Timur.",
                "A classic East Kalimantan souvenir.",
            ),
            (
                "Bahan udang dan ikan segar dari nelayan setempat.",
                "Made with fresh prawns and fish from local fishers.",
            ),
        ],
        Category::OlahanIkan => &[
            ("Dijemur alami di bawah matahari.", "Naturally sun-dried."),
            ("Kadar garam rendah.", "Low in salt."),
            (
                "Hasil tangkapan nelayan Delta Mahakam.",
                "Caught by Mahakam Delta fishers.",
            ),
            ("Aroma kuat untuk sambal.", "Strong aroma for sambal."),
        ],
        Category::RumputLaut => &[
            (
                "Kadar air di bawah 18 persen.",
                "Moisture below 18 percent.",
            ),
            (
                "Dibudidayakan di tambak pesisir.",
                "Farmed in coastal ponds.",
            ),
            (
                "Bahan baku agar-agar dan karagenan.",
                "Raw material for agar and carrageenan.",
            ),
        ],
        Category::Madu => &[
            (
                "Dipanen dari stup kelulut di kebun warga.",
                "Harvested from stingless-bee hives in village gardens.",
            ),
            ("Rasa manis asam yang segar.", "A fresh sweet-tart taste."),
            ("Tanpa campuran gula.", "No added sugar."),
        ],
        Category::GulaAren => &[
            (
                "Dari nira aren yang dimasak di tungku kayu.",
                "From sugar-palm sap cooked over wood fires.",
            ),
            (
                "Indeks glikemik lebih rendah dari gula pasir.",
                "Lower glycaemic index than cane sugar.",
            ),
        ],
        Category::Kopi => &[
            (
                "Petik merah dan proses natural.",
                "Red-cherry picked, natural process.",
            ),
            (
                "Sangrai medium dengan rasa cokelat.",
                "Medium roast with chocolate notes.",
            ),
            ("Ditanam di kebun rakyat.", "Grown by smallholders."),
        ],
        Category::Rempah => &[
            ("Dijemur di terpal bersih.", "Dried on clean tarpaulins."),
            ("Aroma tajam dan segar.", "Sharp, fresh aroma."),
        ],
        Category::PupukKompos => &[
            (
                "Cocok untuk sayuran dan tanaman hias.",
                "Good for vegetables and pot plants.",
            ),
            (
                "Matang sempurna dan tidak berbau.",
                "Fully mature and odourless.",
            ),
            (
                "Dari limbah organik desa.",
                "Made from village organic waste.",
            ),
        ],
        Category::Kerajinan => &[
            (
                "Dianyam tangan oleh perajin desa.",
                "Hand-woven by village artisans.",
            ),
            (
                "Dari sampah yang didaur ulang bank sampah.",
                "Made from waste recycled by the waste bank.",
            ),
            ("Motif khas Dayak dan Kutai.", "Dayak and Kutai motifs."),
        ],
    }
}

const VARIANTS: &[(&str, &str)] = &[
    ("", ""),
    ("", ""),
    ("Premium", "Premium"),
    ("Asli", "Original"),
    ("Pedas", "Spicy"),
    ("Spesial", "Special"),
    ("Khas Kutai", "Kutai-style"),
    ("Organik", "Organic"),
    ("Tradisional", "Traditional"),
    ("Oleh-Oleh", "Souvenir"),
];

const KECAMATAN: &[&str] = &[
    "Anggana",
    "Kembang Janggut",
    "Kenohan",
    "Kota Bangun",
    "Kota Bangun Darat",
    "Loa Janan",
    "Loa Kulu",
    "Marang Kayu",
    "Muara Badak",
    "Muara Jawa",
    "Muara Kaman",
    "Muara Muntai",
    "Muara Wis",
    "Samboja",
    "Samboja Barat",
    "Sanga Sanga",
    "Sebulu",
    "Tabang",
    "Tenggarong",
    "Tenggarong Seberang",
];

const VILLAGE_WORDS: &[&str] = &[
    "Loa", "Muara", "Sungai", "Long", "Tanjung", "Bukit", "Sumber", "Lung", "Teluk", "Tani",
    "Rempanga", "Jembayan",
];

const SELLER_PREFIXES: &[&str] = &[
    "UD",
    "CV",
    "KUB",
    "KWT",
    "Poktan",
    "UMKM",
    "Dapur",
    "Kelompok Tani",
    "Sanggar",
];
const SELLER_SUFFIXES: &[&str] = &[
    "Berkah",
    "Jaya",
    "Makmur",
    "Lestari",
    "Sejahtera",
    "Mandiri",
    "Bersama",
    "Sentosa",
    "Abadi",
    "Maju",
];

/// `n` listings generated from `seed`, the same for the same arguments on every platform.
/// Villages are the demo villages plus about one per 50 listings; sellers about one per 20.
pub fn synthetic_catalog(n: usize, seed: u64) -> Catalog {
    let mut rng = Rng(seed);
    let demo = demo_catalog();
    let mut villages = demo.villages;
    for i in 0..n / 50 {
        let name = format!("{} {}", rng.pick(VILLAGE_WORDS), rng.name());
        let score = 0.45 + (rng.below(4_500) as f32) / 10_000.0;
        villages.push(Village {
            slug: format!("{}-{i}", slugify(&name)),
            code: None,
            kecamatan: rng.pick(KECAMATAN).to_string(),
            kabupaten: "Kutai Kartanegara".to_owned(),
            province: "Kalimantan Timur".to_owned(),
            idm_status: Some(IdmStatus::for_score(score)),
            idm_score: Some(score),
            cooperative: format!("Koperasi Desa Merah Putih {name}"),
            cooperative_whatsapp: None,
            cooperative_legal_number: None,
            cooperative_address: None,
            description_id: format!("Desa {name} di Kutai Kartanegara."),
            description_en: format!("{name} village in Kutai Kartanegara."),
            name,
        });
    }
    let sellers: Vec<Seller> = (0..(n / 20).max(1))
        .map(|i| {
            let village = rng.pick(&villages);
            Seller {
                id: format!("seller-{i}"),
                name: format!(
                    "{} {} {}",
                    rng.pick(SELLER_PREFIXES),
                    rng.name(),
                    rng.pick(SELLER_SUFFIXES)
                ),
                whatsapp: format!("+62812{:08}", i % 100_000_000),
                village_slug: village.slug.clone(),
                cooperative: rng.chance(60).then(|| village.cooperative.clone()),
                verified: None,
            }
        })
        .collect();
    let year_start = Date::new(2026, 1, 1).expect("valid").days_since_epoch();
    let products = (0..n)
        .map(|i| {
            let category = *rng.pick(&Category::ALL);
            let &(kind_id, kind_en, unit, price) = rng.pick(kinds(category));
            let &(var_id, var_en) = rng.pick(VARIANTS);
            let seller = rng.pick(&sellers);
            let village = villages
                .iter()
                .find(|v| v.slug == seller.village_slug)
                .expect("seller village exists");
            let brand = rng.chance(40).then(|| rng.name());
            let mut name_id = join(&[kind_id, var_id, brand.as_deref().map_or("", |_| "Cap")]);
            let mut name_en = if var_en.is_empty() {
                kind_en.to_owned()
            } else {
                format!("{kind_en} ({var_en})")
            };
            if let Some(b) = &brand {
                name_id = format!("{name_id} {b}");
                name_en = format!("{name_en}, {b} brand");
            }
            name_id = format!("{name_id} {}", village.name);
            let stock = phrases(category);
            let first = rng.below(stock.len());
            let second = (first + 1 + rng.below(stock.len() - 1)) % stock.len();
            let (p1, p2) = (&stock[first], &stock[second]);
            let description_id = format!(
                "{} {} Diproduksi oleh {} di Desa {}, Kecamatan {}.",
                p1.0, p2.0, seller.name, village.name, village.kecamatan
            );
            let description_en = format!(
                "{} {} Made by {} in {} village, {} district.",
                p1.1, p2.1, seller.name, village.name, village.kecamatan
            );
            let base = price * (80 + rng.below(50) as u64) / 100 / 100 * 100;
            let moq = [5, 10, 12, 20, 24, 50, 100][rng.below(7)];
            let tiers = (0..1 + rng.below(3))
                .map(|t| PriceTier {
                    min_qty: moq * [1, 5, 20][t],
                    price: Rupiah(base * (100 - 6 * t as u64) / 100),
                })
                .collect();
            let id = format!("{}-{i}", slugify(&name_id));
            let certificates = synthetic_certificates(&mut rng, category, year_start);
            let export_ready = rng.chance(15);
            Product {
                // Each rendition is its own file named by its hash, as uploads are (the demo
                // route draws any demo photo of the catalog, by its name).
                photos: vec![Photo {
                    thumb: format!("/media/demo/{}-400.jpg", rng.sha256_hex()),
                    large: format!("/media/demo/{}-1600.jpg", rng.sha256_hex()),
                    medium: Some(format!("/media/demo/{}-800.jpg", rng.sha256_hex())),
                    alt_id: name_id.clone(),
                    alt_en: name_en.clone(),
                    width: 1600,
                    height: 1200,
                }],
                id,
                seller_id: seller.id.clone(),
                village_slug: village.slug.clone(),
                category,
                name_id,
                name_en,
                description_id,
                description_en,
                unit,
                moq,
                tiers,
                case_size: None,
                lead_time_days: [3, 5, 7, 10, 14, 21, 30][rng.below(7)],
                monthly_capacity: moq * (10 + rng.below(200) as u32),
                shelf_life_days: (category != Category::Kerajinan
                    && category != Category::PupukKompos)
                    .then(|| [90, 120, 180, 270, 365, 730][rng.below(6)]),
                packaging_id: String::new(),
                packaging_en: String::new(),
                storage_id: String::new(),
                storage_en: String::new(),
                export_ready,
                hs_code: export_ready.then(|| category.hs_code_hint().to_owned()),
                certificates,
                status: if rng.chance(97) {
                    ListingStatus::Published
                } else {
                    ListingStatus::Unpublished
                },
                created: Date::from_days_since_epoch(year_start + rng.below(330) as i64),
            }
        })
        .collect();
    Catalog {
        fx: None,
        version: format!("{DEMO_VERSION}-synthetic-{n}-{seed}"),
        products,
        sellers,
        villages,
        // The demo's partnerships name only demo villages, which every synthetic catalog
        // starts with, so the partner filter has real work at 10,000 listings.
        partners: demo.partners,
        partnerships: demo.partnerships,
        reply_minutes: Default::default(),
    }
}

fn synthetic_certificates(rng: &mut Rng, category: Category, year_start: i64) -> Vec<Certificate> {
    let mut out = Vec::new();
    if category == Category::Kerajinan || category == Category::PupukKompos {
        return out;
    }
    if rng.chance(50) {
        out.push(Certificate {
            kind: CertificateKind::Halal,
            number: format!("ID6411{:013}", rng.next() % 10_000_000_000_000),
            issuer: "BPJPH".to_owned(),
            expires: None,
        });
    }
    if rng.chance(60) {
        out.push(Certificate {
            kind: CertificateKind::Pirt,
            number: format!("2066402{:08}", rng.next() % 100_000_000),
            issuer: "DPMPTSP Kabupaten Kutai Kartanegara".to_owned(),
            // From a year ago to four years ahead: some have lapsed.
            expires: Some(Date::from_days_since_epoch(
                year_start - 365 + rng.below(5 * 365) as i64,
            )),
        });
    }
    out
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Madu Kelulut Premium` → `madu-kelulut-premium`.
fn slugify(s: &str) -> String {
    crate::search::normalize(s).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_consistent() {
        let a = synthetic_catalog(500, 7);
        assert_eq!(a, synthetic_catalog(500, 7));
        assert_ne!(a.products, synthetic_catalog(500, 8).products);
        assert_eq!(a.products.len(), 500);
        assert_eq!(a.integrity_problems(), Vec::<String>::new());
        for p in &a.products {
            assert_eq!(p.validate(), Ok(()), "{}", p.id);
        }
        assert!(Category::ALL
            .iter()
            .all(|c| a.products.iter().any(|p| p.category == *c)));
    }

    #[test]
    fn kecamatan_are_the_gazetteers() {
        let kukar = crate::gazetteer::Gazetteer::east_kalimantan()
            .region(crate::gazetteer::DEFAULT_REGION)
            .unwrap();
        let mut real: Vec<&str> = kukar.kecamatan().iter().map(|k| k.name.as_str()).collect();
        real.sort_unstable();
        assert_eq!(KECAMATAN, real);
    }
}
