//! The catalog's card index: what a listing's card, the filters, the facets and the search
//! need of 10,000 listings, and nothing a product page alone shows. Published with every
//! snapshot beside the full catalog; a product's full data is fetched when it is opened.
//!
//! It is laid out by column (one vector per field, listings in the catalog's order), which
//! compresses far better than a list of records, and names a listing's seller and village
//! by position in the whole `sellers` and `villages` it carries. A photo is named by a
//! short key of its thumbnail (`card_photo_path`): 64 hex digits of SHA-256 per rendition
//! were two thirds of the catalog's bytes after brotli (BENCHMARKS.md).
//!
//! [`CardIndex::to_catalog`] rebuilds a [`Catalog`] of card-sized products, so the filters,
//! the facets, the search index and the card's HTML run on it unchanged: a product's
//! description comes back as its distinct search words (the search index keeps words, not
//! their order or count), its price as one tier, its certificates without number or issuer.

use serde::{Deserialize, Serialize};

use super::{
    Catalog, Category, Certificate, CertificateKind, FxRate, ListingStatus, Partner, Partnership,
    Photo, PriceTier, Product, Seller, Unit, Village,
};
use crate::search::tokenize;
use crate::{Date, Rupiah};

/// The index of a catalog's published listings. `C` is its columns: [`Cards`], or, while
/// a page reads them a slice at a time ([`super::CatalogSteps`]), their JSON still unread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardIndex<C = Cards> {
    /// The snapshot's version: details fetched for a listing must be of the same one.
    pub version: String,
    pub sellers: Vec<Seller>,
    pub villages: Vec<Village>,
    pub fx: Option<FxRate>,
    pub partners: Vec<Partner>,
    pub partnerships: Vec<Partnership>,
    pub reply_minutes: std::collections::BTreeMap<String, u32>,
    /// The catalog is too large for a phone to search: pages ask the server for every
    /// query with words (`/api/catalog/search`) and build no search index of their own.
    /// Set by the server when it publishes (an index of an older server reads `false`).
    #[serde(default)]
    pub searched_by_server: bool,
    pub cards: C,
}

/// The listings, one vector per field, all of the same length.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cards {
    pub ids: Vec<String>,
    /// Position in [`CardIndex::sellers`].
    pub seller: Vec<u32>,
    /// Position in [`CardIndex::villages`].
    pub village: Vec<u32>,
    pub category: Vec<Category>,
    pub name_id: Vec<String>,
    pub name_en: Vec<String>,
    pub unit: Vec<Unit>,
    pub moq: Vec<u32>,
    /// The first tier's unit price (what the card shows and the price filter compares).
    pub price: Vec<u64>,
    pub lead_time_days: Vec<u16>,
    pub export_ready: Vec<bool>,
    pub created: Vec<Date>,
    /// Kind and last day of each certificate (the "valid certificate" filter).
    pub certificates: Vec<Vec<(CertificateKind, Option<Date>)>>,
    /// The card's photo: its key (see [`photo_key`]), width and height; `None`: no photo.
    pub photo: Vec<Option<(String, u16, u16)>>,
    /// The distinct normalised words of both descriptions, space-separated.
    pub words: Vec<String>,
}

/// Why an index cannot be turned back into listings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("the index's columns differ in length")]
    Ragged,
    #[error("listing {0} names a seller or village the index does not have")]
    Dangling(String),
}

/// The short key of a thumbnail path: 8 hex digits (FNV-1a, 32 bits) that change when the
/// photo does, so the card's photo address is cacheable for good.
pub fn photo_key(thumb: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in thumb.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

/// Where a card's photo is fetched: the server resolves the listing's current thumbnail.
pub fn card_photo_path(product_id: &str, key: &str) -> String {
    format!("/media/c/{product_id}-{key}.jpg")
}

impl CardIndex {
    /// The index of `catalog`'s published listings.
    pub fn from_catalog(catalog: &Catalog) -> CardIndex {
        let position = |ids: &mut dyn Iterator<Item = &str>| {
            ids.enumerate()
                .map(|(i, id)| (id.to_owned(), i as u32))
                .collect::<std::collections::HashMap<String, u32>>()
        };
        let sellers = position(&mut catalog.sellers.iter().map(|s| s.id.as_str()));
        let villages = position(&mut catalog.villages.iter().map(|v| v.slug.as_str()));
        let mut cards = Cards::default();
        for p in &catalog.products {
            if p.status != ListingStatus::Published {
                continue;
            }
            let (Some(&seller), Some(&village)) =
                (sellers.get(&p.seller_id), villages.get(&p.village_slug))
            else {
                // A listing of nobody the catalog has is not shown anywhere either.
                continue;
            };
            cards.ids.push(p.id.clone());
            cards.seller.push(seller);
            cards.village.push(village);
            cards.category.push(p.category);
            cards.name_id.push(p.name_id.clone());
            cards.name_en.push(p.name_en.clone());
            cards.unit.push(p.unit);
            cards.moq.push(p.moq);
            cards.price.push(p.base_price().map_or(0, |r| r.0));
            cards.lead_time_days.push(p.lead_time_days);
            cards.export_ready.push(p.export_ready);
            cards.created.push(p.created);
            cards
                .certificates
                .push(p.certificates.iter().map(|c| (c.kind, c.expires)).collect());
            cards.photo.push(p.photos.first().map(|photo| {
                (
                    photo_key(&photo.thumb),
                    u16::try_from(photo.width).unwrap_or(u16::MAX),
                    u16::try_from(photo.height).unwrap_or(u16::MAX),
                )
            }));
            cards
                .words
                .push(distinct_words(&[&p.description_id, &p.description_en]));
        }
        CardIndex {
            version: catalog.version.clone(),
            sellers: catalog.sellers.clone(),
            villages: catalog.villages.clone(),
            fx: catalog.fx,
            partners: catalog.partners.clone(),
            partnerships: catalog.partnerships.clone(),
            reply_minutes: catalog.reply_minutes.clone(),
            searched_by_server: false,
            cards,
        }
    }

    pub fn len(&self) -> usize {
        self.cards.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.ids.is_empty()
    }

    /// A catalog of card-sized listings (see the module's notes): what the list pages need.
    pub fn to_catalog(&self) -> Result<Catalog, IndexError> {
        self.check_lengths()?;
        let products = (0..self.len())
            .map(|i| self.product(i))
            .collect::<Result<_, _>>()?;
        Ok(self.catalog_of(products))
    }

    /// Every column has a value for every listing.
    pub(super) fn check_lengths(&self) -> Result<(), IndexError> {
        let c = &self.cards;
        let n = c.ids.len();
        let lengths = [
            c.seller.len(),
            c.village.len(),
            c.category.len(),
            c.name_id.len(),
            c.name_en.len(),
            c.unit.len(),
            c.moq.len(),
            c.price.len(),
            c.lead_time_days.len(),
            c.export_ready.len(),
            c.created.len(),
            c.certificates.len(),
            c.photo.len(),
            c.words.len(),
        ];
        if lengths.iter().any(|&l| l != n) {
            return Err(IndexError::Ragged);
        }
        Ok(())
    }

    /// Listing `i` as a card-sized product; the columns' lengths must have been checked.
    pub(super) fn product(&self, i: usize) -> Result<Product, IndexError> {
        let c = &self.cards;
        let id = &c.ids[i];
        let dangling = || IndexError::Dangling(id.clone());
        let seller = self
            .sellers
            .get(c.seller[i] as usize)
            .ok_or_else(dangling)?;
        let village = self
            .villages
            .get(c.village[i] as usize)
            .ok_or_else(dangling)?;
        let photos = c.photo[i]
            .as_ref()
            .map(|(key, width, height)| Photo {
                thumb: card_photo_path(id, key),
                large: card_photo_path(id, key),
                medium: None,
                alt_id: c.name_id[i].clone(),
                alt_en: c.name_en[i].clone(),
                width: u32::from(*width),
                height: u32::from(*height),
            })
            .into_iter()
            .collect();
        Ok(Product {
            id: id.clone(),
            seller_id: seller.id.clone(),
            village_slug: village.slug.clone(),
            category: c.category[i],
            name_id: c.name_id[i].clone(),
            name_en: c.name_en[i].clone(),
            description_id: c.words[i].clone(),
            description_en: String::new(),
            unit: c.unit[i],
            moq: c.moq[i],
            tiers: vec![PriceTier {
                min_qty: c.moq[i],
                price: Rupiah(c.price[i]),
            }],
            case_size: None,
            lead_time_days: c.lead_time_days[i],
            monthly_capacity: 0,
            shelf_life_days: None,
            packaging_id: String::new(),
            packaging_en: String::new(),
            storage_id: String::new(),
            storage_en: String::new(),
            export_ready: c.export_ready[i],
            hs_code: None,
            certificates: c.certificates[i]
                .iter()
                .map(|&(kind, expires)| Certificate {
                    kind,
                    number: String::new(),
                    issuer: String::new(),
                    expires,
                })
                .collect(),
            photos,
            status: ListingStatus::Published,
            created: c.created[i],
        })
    }

    /// The catalog of `products` (made from these cards) and the index's other data.
    pub(super) fn catalog_of(&self, products: Vec<Product>) -> Catalog {
        Catalog {
            version: self.version.clone(),
            products,
            sellers: self.sellers.clone(),
            villages: self.villages.clone(),
            fx: self.fx,
            partners: self.partners.clone(),
            partnerships: self.partnerships.clone(),
            reply_minutes: self.reply_minutes.clone(),
        }
    }
}

/// The distinct normalised words of `texts`, sorted, space-separated.
fn distinct_words(texts: &[&str]) -> String {
    let mut words: Vec<String> = texts.iter().flat_map(|t| tokenize(t)).collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        demo_catalog, run_query_with_facets, synthetic_catalog, CatalogQuery, SearchIndex,
    };

    fn published(mut catalog: Catalog) -> Catalog {
        catalog
            .products
            .retain(|p| p.status == ListingStatus::Published);
        catalog
    }

    #[test]
    fn the_index_keeps_every_published_listing_and_what_its_card_shows() {
        let full = demo_catalog();
        let index = CardIndex::from_catalog(&full);
        let cards = index.to_catalog().unwrap();
        let shown = published(full.clone());
        assert_eq!(cards.products.len(), shown.products.len());
        assert_eq!(cards.sellers, full.sellers);
        assert_eq!(cards.villages, full.villages);
        for (card, p) in cards.products.iter().zip(&shown.products) {
            assert_eq!(card.id, p.id);
            assert_eq!(
                (
                    &card.seller_id,
                    &card.village_slug,
                    card.category,
                    card.unit
                ),
                (&p.seller_id, &p.village_slug, p.category, p.unit)
            );
            assert_eq!((&card.name_id, &card.name_en), (&p.name_id, &p.name_en));
            assert_eq!(
                (
                    card.moq,
                    card.base_price(),
                    card.lead_time_days,
                    card.export_ready
                ),
                (p.moq, p.base_price(), p.lead_time_days, p.export_ready)
            );
            assert_eq!(card.created, p.created);
            let today = Date::new(2026, 12, 6).unwrap();
            for kind in [
                CertificateKind::Halal,
                CertificateKind::Pirt,
                CertificateKind::BpomMd,
            ] {
                assert_eq!(
                    card.has_valid_certificate(kind, today),
                    p.has_valid_certificate(kind, today),
                    "{}",
                    p.id
                );
            }
            let photo = &card.photos[0];
            assert_eq!(
                photo.thumb,
                card_photo_path(&p.id, &photo_key(&p.photos[0].thumb))
            );
            assert_eq!(
                (photo.width, photo.height),
                (p.photos[0].width, p.photos[0].height)
            );
        }
    }

    #[test]
    fn search_and_filters_answer_the_same_on_the_index_as_on_the_full_catalog() {
        let full = published(synthetic_catalog(2_000, 7));
        let cards = CardIndex::from_catalog(&full).to_catalog().unwrap();
        let (on_full, on_cards) = (SearchIndex::build(&full), SearchIndex::build(&cards));
        let today = Date::new(2026, 12, 6).unwrap();
        for query in [
            "",
            "q=kerupuk+udang",
            "q=madu+kelulut",
            "q=amplagn",
            "q=seaweed",
            "q=renyah",
            "kategori=madu",
            "q=kerupuk&ekspor=1",
            "q=kopi&sertifikat=halal",
            "harga_max=50000&moq=20",
            "waktu=7&urut=harga-naik",
            "q=kerupuk&urut=terbaru",
            "urut=desa-berkembang&idm=tertinggal",
            "terverifikasi=1&mitra=1",
        ] {
            let q = CatalogQuery::from_query_string(query);
            let (a, facets_a) = run_query_with_facets(&full, &on_full, &q, today);
            let (b, facets_b) = run_query_with_facets(&cards, &on_cards, &q, today);
            let ids = |r: &[usize], c: &Catalog| -> Vec<String> {
                r.iter().map(|&i| c.products[i].id.clone()).collect()
            };
            assert_eq!(ids(&a, &full), ids(&b, &cards), "{query}");
            assert_eq!(facets_a, facets_b, "{query}");
        }
    }

    #[test]
    fn the_index_round_trips_as_json() {
        let index = CardIndex::from_catalog(&synthetic_catalog(200, 3));
        let json = serde_json::to_string(&index).unwrap();
        let back: CardIndex = serde_json::from_str(&json).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.to_catalog().unwrap(), index.to_catalog().unwrap());
        let searched = CardIndex {
            searched_by_server: true,
            ..index
        };
        let json = serde_json::to_string(&searched).unwrap();
        assert!(
            serde_json::from_str::<CardIndex>(&json)
                .unwrap()
                .searched_by_server
        );
    }

    #[test]
    fn an_index_without_the_search_flag_is_searched_on_the_page() {
        // A copy kept offline from before the flag existed.
        let mut json = serde_json::to_value(CardIndex::from_catalog(&demo_catalog())).unwrap();
        json.as_object_mut().unwrap().remove("searched_by_server");
        let index: CardIndex = serde_json::from_value(json).unwrap();
        assert!(!index.searched_by_server);
    }

    #[test]
    fn a_ragged_or_dangling_index_is_refused() {
        let mut index = CardIndex::from_catalog(&demo_catalog());
        index.cards.moq.pop();
        assert_eq!(index.to_catalog().unwrap_err(), IndexError::Ragged);
        let mut index = CardIndex::from_catalog(&demo_catalog());
        index.cards.seller[0] = 9_999;
        assert!(matches!(index.to_catalog(), Err(IndexError::Dangling(_))));
    }

    #[test]
    fn a_photo_key_is_short_and_follows_the_photo() {
        let a = photo_key("/media/u/3f7c0a.jpg");
        assert_eq!(a.len(), 8);
        assert_eq!(a, photo_key("/media/u/3f7c0a.jpg"));
        assert_ne!(a, photo_key("/media/u/3f7c0b.jpg"));
    }
}

/// The candidate encodings of the card columns, for the benchmarks that chose one
/// (`examples/index_bench.rs`, `tests/wasm_index_bench.rs`). Only the columns: the
/// sellers, villages and partners keep optional fields that serde skips when empty, which
/// the schema-less binary formats cannot read back, and they are a few kilobytes.
#[cfg(feature = "bench")]
pub mod codecs {
    use super::Cards;

    pub const NAMES: [&str; 3] = ["serde_json", "postcard", "bitcode"];

    pub fn encode(codec: &str, cards: &Cards) -> Vec<u8> {
        match codec {
            "serde_json" => serde_json::to_vec(cards).expect("serialises"),
            "postcard" => postcard::to_allocvec(cards).expect("serialises"),
            "bitcode" => bitcode::serialize(cards).expect("serialises"),
            other => panic!("no codec {other}"),
        }
    }

    pub fn decode(codec: &str, bytes: &[u8]) -> Cards {
        match codec {
            "serde_json" => serde_json::from_slice(bytes).expect("decodes"),
            "postcard" => postcard::from_bytes(bytes).expect("decodes"),
            "bitcode" => bitcode::deserialize(bytes).expect("decodes"),
            other => panic!("no codec {other}"),
        }
    }
}
