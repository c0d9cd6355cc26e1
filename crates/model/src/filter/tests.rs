//! Filters, sorts, facets and the URL round-trip, on the demo catalog.

use super::*;
use crate::catalog::{Catalog, CertificateKind, IdmStatus, ListingStatus, Product};
use crate::search::SearchIndex;
use crate::{demo_catalog, Date, Rupiah};

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

struct Fixture {
    catalog: Catalog,
    index: SearchIndex,
}

impl Fixture {
    fn new() -> Fixture {
        let catalog = demo_catalog();
        let index = SearchIndex::build(&catalog);
        Fixture { catalog, index }
    }

    fn run(&self, q: &CatalogQuery) -> Vec<&Product> {
        run_query(&self.catalog, &self.index, q, today())
            .into_iter()
            .map(|i| &self.catalog.products[i])
            .collect()
    }

    fn ids(&self, q: &CatalogQuery) -> Vec<&str> {
        self.run(q).into_iter().map(|p| p.id.as_str()).collect()
    }
}

#[test]
fn default_query_lists_published_in_catalog_order() {
    let f = Fixture::new();
    let all = run_query(&f.catalog, &f.index, &CatalogQuery::default(), today());
    let published: Vec<usize> = f.catalog.published().collect();
    assert_eq!(all, published);
    assert!(
        !f.ids(&CatalogQuery::default())
            .contains(&"stik-rumput-laut-muara-pantuan-200g"),
        "draft hidden"
    );
}

#[test]
fn search_words_and_category() {
    let f = Fixture::new();
    let q = CatalogQuery {
        q: "madu".into(),
        category: Some(Category::Madu),
        ..Default::default()
    };
    let found = f.run(&q);
    assert!(found.len() >= 4);
    assert!(found.iter().all(|p| p.category == Category::Madu));
    // "gula aren" also appears in dodol/jahe descriptions, but the category keeps them out.
    let q = CatalogQuery {
        q: "gula aren".into(),
        category: Some(Category::GulaAren),
        ..Default::default()
    };
    assert!(f.run(&q).iter().all(|p| p.category == Category::GulaAren));
}

#[test]
fn place_filters() {
    let f = Fixture::new();
    let q = CatalogQuery {
        kecamatan: Some("anggana".into()),
        ..Default::default()
    };
    let found = f.run(&q);
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|p| ["sepatin", "tani-baru", "muara-pantuan"].contains(&p.village_slug.as_str())));
    let q = CatalogQuery {
        kecamatan: Some("Sanga Sanga".into()),
        ..Default::default()
    };
    assert!(f
        .run(&q)
        .iter()
        .all(|p| p.village_slug == "sanga-sanga-dalam"));
    let q = CatalogQuery {
        village: Some("sepatin".into()),
        ..Default::default()
    };
    let by_slug = f.ids(&q);
    let q = CatalogQuery {
        village: Some("Sepatin".into()),
        ..Default::default()
    };
    assert_eq!(f.ids(&q), by_slug);
    assert!(by_slug.contains(&"kerupuk-udang-sepatin-250g"));
    let q = CatalogQuery {
        kabupaten: Some("Penajam Paser Utara".into()),
        ..Default::default()
    };
    assert!(
        f.run(&q).is_empty(),
        "every demo village is in Kutai Kartanegara"
    );
    let q = CatalogQuery {
        kabupaten: Some("kutai-kartanegara".into()),
        ..Default::default()
    };
    assert_eq!(f.run(&q).len(), f.run(&CatalogQuery::default()).len());
    assert!(f.run(&q).len() > 40);
}

#[test]
fn certificate_filter_ignores_expired_certificates() {
    let f = Fixture::new();
    let q = CatalogQuery {
        certificate: Some(CertificateKind::Pirt),
        ..Default::default()
    };
    let ids = f.ids(&q);
    assert!(ids.contains(&"kerupuk-udang-sepatin-250g"));
    // Its only P-IRT lapsed on 2025-12-31.
    assert!(!ids.contains(&"kerupuk-ikan-bandeng-sepatin-250g"));
    // Lapsed 2026-03-31: found before, not after.
    assert!(!ids.contains(&"madu-hutan-kedang-ipil-500ml"));
    let before = run_query(&f.catalog, &f.index, &q, Date::new(2026, 3, 1).unwrap());
    assert!(before.contains(
        &f.catalog
            .product_index("madu-hutan-kedang-ipil-500ml")
            .unwrap()
    ));
    let q = CatalogQuery {
        certificate: Some(CertificateKind::BpomMd),
        ..Default::default()
    };
    assert_eq!(
        f.ids(&q),
        ["amplang-saliki-200g", "madu-kelulut-samboja-150ml"]
    );
}

#[test]
fn numeric_filters() {
    let f = Fixture::new();
    let q = CatalogQuery {
        max_moq: Some(10),
        ..Default::default()
    };
    assert!(f.run(&q).iter().all(|p| p.moq <= 10));
    let q = CatalogQuery {
        price_min: Some(Rupiah(20_000)),
        price_max: Some(Rupiah(30_000)),
        ..Default::default()
    };
    let found = f.run(&q);
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|p| (20_000..=30_000).contains(&p.base_price().unwrap().0)));
    let q = CatalogQuery {
        max_lead_days: Some(4),
        ..Default::default()
    };
    assert!(f.run(&q).iter().all(|p| p.lead_time_days <= 4));
    let q = CatalogQuery {
        export_ready: true,
        ..Default::default()
    };
    let found = f.run(&q);
    assert!(found.len() >= 10 && found.iter().all(|p| p.export_ready));
}

#[test]
fn idm_filter() {
    let f = Fixture::new();
    let q = CatalogQuery {
        idm: vec![IdmStatus::Tertinggal],
        ..Default::default()
    };
    let found = f.run(&q);
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|p| ["muara-pantuan", "muara-enggelam"].contains(&p.village_slug.as_str())));
    let q = CatalogQuery {
        idm: vec![IdmStatus::SangatTertinggal],
        ..Default::default()
    };
    assert!(f.run(&q).is_empty());
}

#[test]
fn sorts_are_stable() {
    let f = Fixture::new();
    let asc = f.run(&CatalogQuery {
        sort: Sort::PriceAsc,
        ..Default::default()
    });
    assert!(asc
        .windows(2)
        .all(|w| w[0].base_price() <= w[1].base_price()));
    let desc = f.run(&CatalogQuery {
        sort: Sort::PriceDesc,
        ..Default::default()
    });
    assert!(desc
        .windows(2)
        .all(|w| w[0].base_price() >= w[1].base_price()));
    assert_eq!(desc[0].id, "gula-semut-aren-curah-loh-sumber");
    let newest = f.run(&CatalogQuery {
        sort: Sort::Newest,
        ..Default::default()
    });
    assert!(newest.windows(2).all(|w| w[0].created >= w[1].created));
    // Ties keep catalog (relevance) order: both amplang listings with Rp 24.000 base… any equal pair.
    let idx = |p: &Product| f.catalog.product_index(&p.id).unwrap();
    for w in asc
        .windows(2)
        .filter(|w| w[0].base_price() == w[1].base_price())
    {
        assert!(idx(w[0]) < idx(w[1]));
    }
    // With search words, relevance order is the search rank.
    let q = CatalogQuery {
        q: "kerupuk udang".into(),
        ..Default::default()
    };
    assert_eq!(f.run(&q)[0].category, Category::Kerupuk);
}

#[test]
fn facets_ignore_the_category_filter_only() {
    let f = Fixture::new();
    let q = CatalogQuery {
        category: Some(Category::Madu),
        export_ready: true,
        ..Default::default()
    };
    let facets = facet_counts(&f.catalog, &f.index, &q, today());
    assert_eq!(facets.len(), Category::ALL.len());
    let count = |c: Category| facets.iter().find(|(x, _)| *x == c).unwrap().1;
    let export_of = |c: Category| {
        f.catalog
            .published()
            .filter(|&i| {
                let p = &f.catalog.products[i];
                p.category == c && p.export_ready
            })
            .count()
    };
    assert_eq!(count(Category::Madu), export_of(Category::Madu));
    assert_eq!(count(Category::RumputLaut), export_of(Category::RumputLaut));
    assert_eq!(count(Category::Madu), f.run(&q).len());
}

#[test]
fn url_round_trip() {
    let q = CatalogQuery {
        q: "kerupuk udang & amplang".into(),
        category: Some(Category::OlahanIkan),
        kabupaten: Some("Kutai Kartanegara".into()),
        kecamatan: Some("Sanga-Sanga".into()),
        village: Some("sepatin".into()),
        certificate: Some(CertificateKind::BpomMd),
        max_moq: Some(50),
        price_min: Some(Rupiah(10_000)),
        price_max: Some(Rupiah(250_000)),
        max_lead_days: Some(7),
        export_ready: true,
        idm: vec![IdmStatus::SangatTertinggal],
        sort: Sort::PriceDesc,
        partner_backed: true,
        cooperative: Some("sepatin".into()),
        verified: true,
    };
    let pairs = q.to_query_pairs();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            "q",
            "kategori",
            "kab",
            "kec",
            "desa",
            "sertifikat",
            "moq",
            "harga_min",
            "harga_max",
            "waktu",
            "ekspor",
            "idm",
            "mitra",
            "koperasi",
            "terverifikasi",
            "urut"
        ]
    );
    assert_eq!(CatalogQuery::from_query_pairs(pairs), q);
    let s = q.to_query_string();
    assert!(
        s.starts_with("q=kerupuk+udang+%26+amplang&kategori=olahan-ikan&kab=Kutai+Kartanegara"),
        "{s}"
    );
    assert_eq!(CatalogQuery::from_query_string(&format!("?{s}")), q);
}

#[test]
fn defaults_are_omitted_and_junk_ignored() {
    assert!(CatalogQuery::default().to_query_pairs().is_empty());
    assert_eq!(CatalogQuery::default().to_query_string(), "");
    let q = CatalogQuery::from_query_string(
        "q=madu&kategori=sepatu&moq=banyak&harga_min=-5&ekspor=0&urut=acak&idm=maju&utm_source=wa&waktu=&desa=",
    );
    assert_eq!(
        q,
        CatalogQuery {
            q: "madu".into(),
            idm: vec![IdmStatus::Maju],
            ..Default::default()
        }
    );
    assert!(q.has_filters());
    assert!(!CatalogQuery {
        q: "x".into(),
        sort: Sort::Newest,
        ..Default::default()
    }
    .has_filters());
    assert_eq!(
        CatalogQuery::from_query_string("q=50%25+off%zz").q,
        "50% off%zz"
    );
}

#[test]
fn partner_backed_filter_keeps_villages_with_signed_or_running_partnerships() {
    let f = Fixture::new();
    let q = CatalogQuery {
        partner_backed: true,
        ..Default::default()
    };
    let found = f.run(&q);
    let all = f.run(&CatalogQuery::default());
    assert!(!found.is_empty() && found.len() < all.len());
    let backed = f.catalog.backed_village_slugs();
    for p in &all {
        assert_eq!(
            found.iter().any(|x| x.id == p.id),
            backed.contains(p.village_slug.as_str()),
            "{}",
            p.id
        );
        assert_eq!(
            f.catalog.is_partner_backed(p),
            backed.contains(p.village_slug.as_str())
        );
    }
    // Saliki's partnership is finished: its amplang is not partner-backed.
    assert!(all.iter().any(|p| p.village_slug == "saliki"));
    assert!(found.iter().all(|p| p.village_slug != "saliki"));
    // Combines with the other filters and search.
    let coffee = CatalogQuery {
        q: "kopi".into(),
        partner_backed: true,
        ..Default::default()
    };
    let ids = f.ids(&coffee);
    assert!(!ids.is_empty());
    assert!(f
        .run(&coffee)
        .iter()
        .all(|p| p.village_slug == "loa-kulu-kota" || backed.contains(p.village_slug.as_str())));
    assert!(q.has_filters());
    assert_eq!(q.to_query_string(), "mitra=1");
    assert_eq!(CatalogQuery::from_query_string("mitra=1"), q);
    assert!(!CatalogQuery::from_query_string("mitra=0").partner_backed);
}

#[test]
fn partner_backed_filter_matches_nothing_without_partnerships() {
    let mut f = Fixture::new();
    f.catalog.partnerships.clear();
    let q = CatalogQuery {
        partner_backed: true,
        ..Default::default()
    };
    assert!(f.run(&q).is_empty());
}

#[test]
fn the_cooperative_filter_keeps_only_its_members_listings() {
    let catalog = demo_catalog();
    let today: Date = "2026-11-24".parse().unwrap();
    let q = CatalogQuery {
        cooperative: Some("sepatin".into()),
        ..CatalogQuery::default()
    };
    let hits = crate::run_query(&catalog, &SearchIndex::build(&catalog), &q, today);
    let expected: Vec<_> = catalog
        .products
        .iter()
        .filter(|p| p.status == ListingStatus::Published)
        .filter(|p| {
            let s = catalog.seller_of(p).unwrap();
            s.cooperative.is_some() && s.village_slug == "sepatin"
        })
        .map(|p| p.id.as_str())
        .collect();
    assert!(!expected.is_empty());
    let mut got: Vec<_> = hits
        .iter()
        .map(|&i| catalog.products[i].id.as_str())
        .collect();
    let mut want = expected.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // A village whose cooperative sells for nobody gives nothing.
    let none = CatalogQuery {
        cooperative: Some("tuana-tuha".into()),
        ..CatalogQuery::default()
    };
    assert!(crate::run_query(&catalog, &SearchIndex::build(&catalog), &none, today).is_empty());
    let active: Vec<_> = catalog
        .active_cooperatives()
        .iter()
        .map(|v| v.slug.as_str())
        .collect();
    assert!(active.contains(&"sepatin") && !active.contains(&"tuana-tuha"));
}

/// The catalog's first view may run on an index without words (`without_words`): every
/// query without words, whatever its filters and sort, gets the same listings and facets as
/// from the built index, and a query with words is one the app must not give it.
#[test]
fn an_index_without_words_answers_queries_without_words() {
    let f = Fixture::new();
    let bare = SearchIndex::without_words(&f.catalog);
    let village = f.catalog.villages[0].slug.clone();
    let queries = [
        CatalogQuery::default(),
        CatalogQuery {
            q: "  ".into(),
            ..Default::default()
        },
        CatalogQuery {
            certificate: Some(CertificateKind::Halal),
            sort: Sort::PriceAsc,
            ..Default::default()
        },
        CatalogQuery {
            village: Some(village),
            sort: Sort::Newest,
            ..Default::default()
        },
    ];
    for q in &queries {
        assert!(!SearchIndex::has_words(&q.q), "{q:?}");
        let built = run_query_with_facets(&f.catalog, &f.index, q, today());
        assert!(!built.0.is_empty(), "{q:?}");
        assert_eq!(
            run_query_with_facets(&f.catalog, &bare, q, today()),
            built,
            "{q:?}"
        );
    }
    let words = CatalogQuery {
        q: "madu".into(),
        ..Default::default()
    };
    assert!(SearchIndex::has_words(&words.q));
    assert!(!f.run(&words).is_empty());
    assert!(run_query(&f.catalog, &bare, &words, today()).is_empty());
}

#[test]
fn the_verified_filter_keeps_sellers_someone_vouched_for() {
    let f = Fixture::new();
    let q = CatalogQuery {
        verified: true,
        ..Default::default()
    };
    let found = f.run(&q);
    let all = f.run(&CatalogQuery::default());
    assert!(
        !found.is_empty() && found.len() < all.len(),
        "some, not all"
    );
    for p in &all {
        let verified = f
            .catalog
            .sellers
            .iter()
            .any(|s| s.id == p.seller_id && s.verified.is_some());
        assert_eq!(found.iter().any(|x| x.id == p.id), verified, "{}", p.id);
    }
    assert!(q.has_filters());
    assert_eq!(q.to_query_string(), "terverifikasi=1");
    assert_eq!(CatalogQuery::from_query_string("terverifikasi=1"), q);
    assert!(!CatalogQuery::from_query_string("terverifikasi=0").verified);
}

#[test]
fn the_idm_filter_takes_several_statuses_and_the_order_can_favour_developing_villages() {
    let f = Fixture::new();
    let status_of = |p: &Product| {
        f.catalog
            .villages
            .iter()
            .find(|v| v.slug == p.village_slug)
            .and_then(|v| v.idm_status)
    };
    let both = CatalogQuery::from_query_string("idm=berkembang,tertinggal");
    assert_eq!(
        both.idm,
        [IdmStatus::Tertinggal, IdmStatus::Berkembang],
        "sorted"
    );
    assert_eq!(both.to_query_string(), "idm=tertinggal%2Cberkembang");
    assert_eq!(
        CatalogQuery::from_query_string(&both.to_query_string()),
        both
    );
    let found = f.run(&both);
    let all = f.run(&CatalogQuery::default());
    let wanted = |p: &Product| {
        matches!(
            status_of(p),
            Some(IdmStatus::Tertinggal | IdmStatus::Berkembang)
        )
    };
    assert_eq!(found.len(), all.iter().filter(|p| wanted(p)).count());
    assert!(found.iter().all(|p| wanted(p)));
    assert!(found
        .iter()
        .any(|p| status_of(p) == Some(IdmStatus::Tertinggal)));
    assert!(found
        .iter()
        .any(|p| status_of(p) == Some(IdmStatus::Berkembang)));

    let developing = CatalogQuery {
        sort: Sort::DevelopingFirst,
        ..Default::default()
    };
    assert_eq!(developing.to_query_string(), "urut=desa-berkembang");
    let ordered: Vec<Option<IdmStatus>> = f.run(&developing).iter().map(|p| status_of(p)).collect();
    assert_eq!(ordered.len(), all.len());
    let rank = |s: &Option<IdmStatus>| (s.is_none(), *s);
    assert!(
        ordered.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{ordered:?}"
    );
    assert_ne!(
        ordered.first(),
        ordered.last(),
        "the demo spans several statuses"
    );
}
