//! Search behaviour on a small hand-made catalog (exact control over every field) and on the
//! demo catalog (realistic text).

use super::*;
use crate::catalog::{Category, ListingStatus, PriceTier, Product, Unit};
use crate::{demo_catalog, Date, Rupiah};

/// (name id, name en, description id, village slug, seller id, category)
const ROWS: &[(&str, &str, &str, &str, &str, Category)] = &[
    (
        "Kerupuk Udang Sepatin",
        "Prawn crackers",
        "Dari udang windu.",
        "sepatin",
        "s1",
        Category::Kerupuk,
    ),
    (
        "Madu Kelulut",
        "Stingless-bee honey",
        "Cocok dimakan dengan kerupuk.",
        "loa-janan",
        "s2",
        Category::Madu,
    ),
    (
        "Amplang Ikan",
        "Fish amplang",
        "Renyah.",
        "saliki",
        "s3",
        Category::Kerupuk,
    ),
    (
        "Rumput Laut Kering",
        "Dried seaweed",
        "Dari tambak.",
        "tani-baru",
        "s4",
        Category::RumputLaut,
    ),
    (
        "Kópi Liberika",
        "Liberica coffee",
        "Sangrai medium.",
        "loa-kulu",
        "s5",
        Category::Kopi,
    ),
    (
        "Kerupuk Ikan",
        "Fish crackers",
        "Tanpa udang sama sekali.",
        "saliki",
        "s3",
        Category::Kerupuk,
    ),
    (
        "Topi Anyaman",
        "Woven hat",
        "Untuk ke ladang.",
        "lung-anai",
        "s6",
        Category::Kerajinan,
    ),
    (
        "Terasi",
        "Shrimp paste",
        "Udang rebon dari Sepatin.",
        "tani-baru",
        "s4",
        Category::OlahanIkan,
    ),
];

fn fixture() -> Catalog {
    let village = |slug: &str| crate::catalog::Village {
        slug: slug.into(),
        code: None,
        name: match slug {
            "sepatin" => "Sepatin",
            "loa-janan" => "Loa Janan Ulu",
            "saliki" => "Saliki",
            "tani-baru" => "Tani Baru",
            "loa-kulu" => "Loa Kulu Kota",
            _ => "Lung Anai",
        }
        .into(),
        kecamatan: "Anggana".into(),
        kabupaten: "Kutai Kartanegara".into(),
        province: "Kalimantan Timur".into(),
        idm_status: Some(crate::IdmStatus::Maju),
        idm_score: Some(0.75),
        cooperative: String::new(),
        cooperative_whatsapp: None,
        cooperative_legal_number: None,
        cooperative_address: None,
        description_id: String::new(),
        description_en: String::new(),
    };
    let mut slugs: Vec<&str> = ROWS.iter().map(|r| r.3).collect();
    slugs.sort_unstable();
    slugs.dedup();
    let sellers = (1..=6)
        .map(|i| crate::catalog::Seller {
            id: format!("s{i}"),
            name: [
                "UD Maju",
                "Kelulut Bu Ani",
                "Amplang Berkah",
                "KWN Pesisir",
                "Kopi Pak Darto",
                "Sanggar Lamin",
            ][i - 1]
                .into(),
            whatsapp: format!("+62812000000{i:02}"),
            village_slug: String::new(),
            cooperative: None,
            verified: None,
        })
        .collect();
    let products = ROWS
        .iter()
        .enumerate()
        .map(
            |(i, &(name_id, name_en, desc, village, seller, category))| Product {
                id: format!("p{i}"),
                seller_id: seller.into(),
                village_slug: village.into(),
                category,
                name_id: name_id.into(),
                name_en: name_en.into(),
                description_id: desc.into(),
                description_en: String::new(),
                unit: Unit::Pack,
                moq: 1,
                tiers: vec![PriceTier {
                    min_qty: 1,
                    price: Rupiah(10_000),
                }],
                case_size: None,
                lead_time_days: 3,
                monthly_capacity: 100,
                shelf_life_days: None,
                packaging_id: String::new(),
                packaging_en: String::new(),
                storage_id: String::new(),
                storage_en: String::new(),
                export_ready: false,
                hs_code: None,
                certificates: vec![],
                photos: vec![],
                status: ListingStatus::Published,
                created: Date::new(2026, 1, 1).unwrap(),
            },
        )
        .collect();
    Catalog {
        fx: None,
        version: "t".into(),
        products,
        sellers,
        villages: slugs.into_iter().map(village).collect(),
        partners: Vec::new(),
        partnerships: Vec::new(),
        reply_minutes: Default::default(),
    }
}

fn ids(index: &SearchIndex, q: &str) -> Vec<usize> {
    index.search(q).into_iter().map(|(i, _)| i).collect()
}

#[test]
fn empty_query_returns_everything_in_order() {
    let index = SearchIndex::build(&fixture());
    assert_eq!(ids(&index, ""), (0..ROWS.len()).collect::<Vec<_>>());
    assert_eq!(ids(&index, "  ,. "), (0..ROWS.len()).collect::<Vec<_>>());
    assert!(index.search("").iter().all(|&(_, s)| s == 0));
}

#[test]
fn name_match_outranks_description_match() {
    let index = SearchIndex::build(&fixture());
    // "kerupuk" is in the names of 0 and 5, in the category label ("Kerupuk & Amplang") of 2,
    // and only in the description of 1 (madu).
    assert_eq!(ids(&index, "kerupuk "), vec![0, 5, 2, 1]);
    // "udang": name of 0, description of 5 and 7. Ties keep catalog order.
    assert_eq!(ids(&index, "udang "), vec![0, 5, 7]);
}

#[test]
fn exact_outranks_prefix_outranks_typo() {
    let index = SearchIndex::build(&fixture());
    let hits = index.search("kerupuk");
    let scores: Vec<Score> = hits.iter().map(|h| h.1).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let exact = index.search("ikan ")[0].1;
    let prefix = index.search("ika")[0].1;
    assert!(exact > prefix);
    let typo = index.search("amplanf ")[0].1; // one substitution
    let exact_amplang = index.search("amplang ")[0].1;
    assert!(exact_amplang > typo && typo > 0);
}

#[test]
fn prefix_of_last_word_while_typing() {
    let index = SearchIndex::build(&fixture());
    assert_eq!(ids(&index, "kerup"), vec![0, 5, 2, 1]);
    assert_eq!(
        ids(&index, "k").len(),
        8,
        "every product has a k-word (kerupuk, kopi, kutai…)"
    );
    // A finished word (followed by a space) is not a prefix; earlier words never are.
    assert!(ids(&index, "kerup ").is_empty());
    assert!(ids(&index, "kerup udang").is_empty());
    assert_eq!(ids(&index, "kerupuk uda"), vec![0, 5]);
}

#[test]
fn typo_tolerance() {
    let index = SearchIndex::build(&fixture());
    assert_eq!(ids(&index, "kerupk")[..2], [0, 5]);
    assert_eq!(ids(&index, "kerupuk udnag"), vec![0, 5]);
    assert_eq!(ids(&index, "madu kelulit"), vec![1]);
    assert_eq!(ids(&index, "madu klulut "), vec![1]);
    // Typo in the name of 2, and in the category label of the other crackers.
    assert_eq!(ids(&index, "amplagn"), vec![2, 0, 5]);
    assert_eq!(ids(&index, "seawed"), vec![3]);
    assert!(
        ids(&index, "kerupuk uxxng").is_empty(),
        "two edits are too many"
    );
}

#[test]
fn short_words_get_no_typo_tolerance() {
    let index = SearchIndex::build(&fixture());
    assert!(
        ids(&index, "madi ").is_empty(),
        "madi is one edit from madu but has four letters"
    );
    assert!(ids(&index, "kopo").is_empty());
    assert_eq!(ids(&index, "kopi "), vec![4]);
}

#[test]
fn diacritics_and_case_are_ignored() {
    let index = SearchIndex::build(&fixture());
    assert_eq!(ids(&index, "kópi"), vec![4]);
    assert_eq!(ids(&index, "KOPI"), vec![4]);
    assert_eq!(ids(&index, "Kopí Libérika"), vec![4]);
}

#[test]
fn all_words_must_match() {
    let index = SearchIndex::build(&fixture());
    // 5 has both in its name; 2 has "ikan" in its name and "kerupuk" in its category label.
    assert_eq!(ids(&index, "kerupuk ikan"), vec![5, 2]);
    assert_eq!(ids(&index, "ikan kerupuk"), vec![5, 2]);
    assert_eq!(ids(&index, "kerupuk udang"), vec![0, 5]);
    assert!(ids(&index, "kerupuk kopi").is_empty());
    assert!(ids(&index, "zzz").is_empty());
}

#[test]
fn english_names_village_seller_and_category() {
    let index = SearchIndex::build(&fixture());
    assert_eq!(ids(&index, "seaweed"), vec![3]);
    assert_eq!(ids(&index, "prawn crackers"), vec![0]);
    // Village name: products of Sepatin, then the terasi whose description mentions it.
    assert_eq!(ids(&index, "sepatin"), vec![0, 7]);
    assert_eq!(ids(&index, "darto"), vec![4], "seller name");
    assert_eq!(ids(&index, "crafts"), vec![6], "English category label");
    assert_eq!(
        ids(&index, "kerajinan"),
        vec![6],
        "Indonesian category label"
    );
}

#[test]
fn demo_catalog_searches() {
    let catalog = demo_catalog();
    let index = SearchIndex::build(&catalog);
    let first = |q: &str| catalog.products[index.search(q)[0].0].id.clone();
    assert_eq!(first("kerupuk udang sepatin"), "kerupuk-udang-sepatin-250g");
    assert_eq!(
        first("kerupuk udnag"),
        catalog.products[index.search("kerupuk udang")[0].0].id
    );
    assert!(first("madu kelulit").starts_with("madu-kelulut"));
    assert!(first("seaweed").contains("rumput-laut"));
    assert!(first("palm sugar").contains("gula"));
    assert!(first("amplagn").contains("amplang"));
    assert!(first("kopi liberika").contains("liberika"));
    assert!(
        !index.search("bungkus kopi").is_empty(),
        "recycled-waste crafts"
    );
    // Every hit has the word (or a one-letter variant) somewhere searchable.
    for (i, _) in index.search("kerupuk ") {
        let p = &catalog.products[i];
        let seller = &catalog.seller_of(p).unwrap().name;
        let text = normalize(&format!(
            "{} {} {} {seller} {}",
            p.name_id,
            p.description_id,
            p.description_en,
            p.category.label(crate::Lang::Id)
        ));
        assert!(text.contains("kerupuk"), "{}", p.id);
    }
}

#[test]
fn results_are_deterministic_and_sorted() {
    let catalog = crate::synthetic_catalog(2_000, 3);
    let index = SearchIndex::build(&catalog);
    for q in [
        "k",
        "ke",
        "kerupuk u",
        "madu kelu",
        "amplagn",
        "seaweed",
        "kopi liberka",
    ] {
        let hits = index.search(q);
        assert_eq!(hits, SearchIndex::build(&catalog).search(q));
        assert!(
            hits.windows(2)
                .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)),
            "{q}"
        );
    }
}
