//! Demo inquiries: about thirty made-up purchase inquiries and export RFQs over the past six
//! months, seeded with the demo catalog, so the seller inbox, the buyer's tracking page and
//! the insights have something to show on a first start.
//!
//! Everything is invented (buyers, numbers, `.example` addresses). The inquiries are built
//! from the catalog they are seeded into, picking published products by category, so a
//! changed demo catalog changes the picks instead of breaking the seed; a category with no
//! products is skipped. Only the tracking tokens are random.

use std::collections::HashMap;

use etalase_model::inquiry::{
    split_by_seller, ExportInquiry, ExportItem, Incoterm, InquiryKind, InquiryStatus, InquiryUnit,
    PurchaseInquiry, PurchaseItem, Quote, QuoteUnit, Recurrence,
};
use etalase_model::{Catalog, Category, Date, Lang, ListingStatus, Product, Unit};
use serde::Serialize;

use crate::auth::random_hex;
use crate::clock::iso_utc;
use crate::store::{NewInquiry, NewQuote, PartUpdate, Store, StoreError};

/// A domestic buyer: organisation, contact, e-mail, WhatsApp, city.
type Domestic = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const DOMESTIC: [Domestic; 5] = [
    (
        "Hotel Tepian Mahakam",
        "Rina Wulandari",
        "purchasing@tepian-mahakam.example",
        "0812 5500 1001",
        "Samarinda",
    ),
    (
        "Hotel Teluk Balikpapan",
        "Agus Salim",
        "fnb@teluk-balikpapan.example",
        "0813 5500 1002",
        "Balikpapan",
    ),
    (
        "Hotel Kedaton Tenggarong",
        "Yuliana Putri",
        "dapur@kedaton-tenggarong.example",
        "0821 5500 1003",
        "Tenggarong",
    ),
    (
        "Restoran Tepian Samarinda",
        "Hendra Gunawan",
        "order@resto-tepian.example",
        "0852 5500 1004",
        "Samarinda",
    ),
    (
        "Toko Oleh-oleh Kilo Lima",
        "Siti Aminah",
        "toko@kilolima.example",
        "0811 5500 1005",
        "Balikpapan",
    ),
];

/// An importer: company, contact, e-mail, phone, country (= destination), port, Incoterm.
type Importer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Incoterm,
);

const IMPORTERS: [Importer; 7] = [
    (
        "Lion City Provisions Pte Ltd",
        "Tan Wei Ming",
        "sourcing@lioncity.example",
        "+65 6123 4567",
        "SG",
        "Singapore",
        Incoterm::Fob,
    ),
    (
        "Kansai Foods Trading K.K.",
        "Sato Haruka",
        "import@kansaifoods.example",
        "+81 6 1234 5678",
        "JP",
        "Osaka",
        Incoterm::Cif,
    ),
    (
        "Zeewier Import B.V.",
        "Pieter de Vries",
        "inkoop@zeewier.example",
        "+31 10 555 0100",
        "NL",
        "Rotterdam",
        Incoterm::Cfr,
    ),
    (
        "Qingdao Ocean Hydrocolloids Co.",
        "Li Na",
        "purchase@qdocean.example",
        "+86 532 1234 5678",
        "CN",
        "Qingdao",
        Incoterm::Fob,
    ),
    (
        "Gulf Fine Foods LLC",
        "Omar Haddad",
        "buying@gulffine.example",
        "+971 4 123 4567",
        "AE",
        "Jebel Ali",
        Incoterm::Cif,
    ),
    (
        "Pacific Pantry Imports Inc.",
        "Emily Carter",
        "sourcing@pacificpantry.example",
        "+1 415 555 0100",
        "US",
        "Los Angeles",
        Incoterm::Fob,
    ),
    (
        "Borneo Mart Sdn Bhd",
        "Ahmad Faizal",
        "beli@borneomart.example",
        "+60 88 123 456",
        "MY",
        "Kota Kinabalu",
        Incoterm::Dap,
    ),
];

/// What one line asks for.
#[derive(Clone, Copy)]
enum Pick {
    /// The n-th published product of a category (wrapping).
    Category(Category, usize),
    /// A product of the demo catalog's first seller, the one with a demo sign-in, so its
    /// inbox is never empty.
    DemoSeller(usize),
}

/// How a part was answered, after how many days.
#[derive(Clone, Copy)]
enum Step {
    Read,
    Reply(&'static str, i64),
    Move(InquiryStatus, Option<&'static str>, i64),
}

use Category::*;
use InquiryStatus::{Closed, Lost, Quoted, Won};
use Pick::{Category as C, DemoSeller as D};
use Step::{Move, Read, Reply};

const STOCK: &str = "Stok tersedia, bisa kirim minggu depan. Mau dikirim sampel dulu?";
const QUOTE_ID: &str = "Harga Rp 21.500/pak untuk 200 pak, franko Samarinda. Berlaku 14 hari.";
const QUOTE_EN: &str =
    "Harga FOB Samarinda USD 2.10/kg, MOQ 1 ton, siap kirim 3 minggu setelah DP 30%.";
const CONFIRM: &str = "Terima kasih, pesanan dikonfirmasi. Kami kabari nomor resi.";
const EMPTY: &str = "Maaf, stok sedang kosong sampai panen berikutnya.";

/// An inquiry: export importer (index) or domestic buyer (index), its lines, and the answers
/// every part of it gets.
struct Spec {
    export: Option<usize>,
    domestic: usize,
    lines: &'static [Pick],
    steps: &'static [Step],
}

const fn ex(i: usize, lines: &'static [Pick], steps: &'static [Step]) -> Spec {
    Spec {
        export: Some(i),
        domestic: 0,
        lines,
        steps,
    }
}

const fn dom(i: usize, lines: &'static [Pick], steps: &'static [Step]) -> Spec {
    Spec {
        export: None,
        domestic: i,
        lines,
        steps,
    }
}

/// Newest first; the n-th is dated about 6 n days ago.
#[rustfmt::skip]
const SPECS: [Spec; 30] = [
    dom(0, &[D(0), C(Camilan, 0)], &[]),
    ex(0, &[D(1)], &[]),
    ex(2, &[C(RumputLaut, 0)], &[Read]),
    dom(1, &[D(2), C(Madu, 0)], &[Reply(STOCK, 1)]),
    ex(1, &[C(Kopi, 0), C(GulaAren, 1)], &[]),
    ex(3, &[C(RumputLaut, 1)], &[Move(Quoted, Some(QUOTE_EN), 2)]),
    dom(2, &[D(0), C(OlahanIkan, 0)], &[Move(Quoted, Some(QUOTE_ID), 1)]),
    ex(4, &[C(Madu, 1), C(Rempah, 0)], &[Reply(STOCK, 2)]),
    dom(3, &[C(OlahanIkan, 1), C(Kerupuk, 4)], &[Move(Quoted, Some(QUOTE_ID), 1), Move(Won, Some(CONFIRM), 5)]),
    ex(5, &[C(Kopi, 1), C(Kerajinan, 0)], &[]),
    ex(6, &[D(1), C(OlahanIkan, 2)], &[Move(Quoted, Some(QUOTE_EN), 3), Move(Won, Some(CONFIRM), 9)]),
    dom(4, &[C(Camilan, 1), C(Kerupuk, 5)], &[Reply(STOCK, 1), Move(Lost, None, 12)]),
    ex(0, &[C(OlahanIkan, 3), C(Kerupuk, 6)], &[Move(Quoted, Some(QUOTE_EN), 2)]),
    dom(0, &[D(0)], &[Reply(STOCK, 1), Move(Quoted, Some(QUOTE_ID), 3), Move(Won, Some(CONFIRM), 6)]),
    ex(2, &[C(GulaAren, 0), C(Rempah, 1)], &[Move(Closed, Some(EMPTY), 1)]),
    ex(1, &[C(Kerajinan, 1)], &[Reply(STOCK, 4)]),
    dom(1, &[C(Kopi, 2), C(GulaAren, 2)], &[Move(Quoted, Some(QUOTE_ID), 2), Move(Won, Some(CONFIRM), 7)]),
    ex(3, &[C(RumputLaut, 2)], &[Move(Quoted, Some(QUOTE_EN), 2), Move(Lost, None, 15)]),
    dom(2, &[C(Madu, 2), C(Kerajinan, 2)], &[]),
    ex(4, &[D(2), C(Madu, 0)], &[Move(Quoted, Some(QUOTE_EN), 3)]),
    dom(3, &[C(PupukKompos, 0)], &[Move(Closed, Some(EMPTY), 2)]),
    ex(5, &[C(Kopi, 3)], &[Move(Quoted, Some(QUOTE_EN), 4), Move(Won, Some(CONFIRM), 20)]),
    ex(6, &[C(Kerupuk, 1), C(Camilan, 2)], &[Reply(STOCK, 1)]),
    dom(4, &[D(1), C(Kerupuk, 2)], &[Move(Quoted, Some(QUOTE_ID), 2), Move(Won, Some(CONFIRM), 4)]),
    ex(2, &[C(Rempah, 2)], &[Move(Quoted, Some(QUOTE_EN), 5)]),
    dom(0, &[C(OlahanIkan, 4), C(Madu, 3)], &[Reply(STOCK, 2)]),
    ex(0, &[C(Madu, 4)], &[Move(Quoted, Some(QUOTE_EN), 2), Move(Won, Some(CONFIRM), 10)]),
    ex(3, &[C(GulaAren, 3), C(Kopi, 4)], &[Move(Closed, Some(EMPTY), 3)]),
    dom(1, &[D(2)], &[Reply(STOCK, 1), Move(Lost, None, 8)]),
    ex(1, &[C(Kerupuk, 0), C(RumputLaut, 3)], &[Move(Quoted, Some(QUOTE_EN), 3), Move(Won, Some(CONFIRM), 14)]),
];

/// Seeds the demo inquiries into `store`, dated back from `now` (Unix seconds). Returns how
/// many were new; a second run finds them by their idempotency keys and adds nothing.
pub async fn seed(store: &dyn Store, catalog: &Catalog, now: i64) -> Result<usize, StoreError> {
    let published: Vec<&Product> = catalog
        .products
        .iter()
        .filter(|p| p.status == ListingStatus::Published)
        .collect();
    let owners: HashMap<&str, &str> = published
        .iter()
        .map(|p| (p.id.as_str(), p.seller_id.as_str()))
        .collect();
    let names: HashMap<&str, &str> = catalog
        .sellers
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let demo_seller = catalog.sellers.first().map(|s| s.id.as_str());
    let pick = |p: Pick| -> Option<&Product> {
        let candidates: Vec<&&Product> = match p {
            Pick::Category(c, _) => published.iter().filter(|x| x.category == c).collect(),
            Pick::DemoSeller(_) => published
                .iter()
                .filter(|x| Some(x.seller_id.as_str()) == demo_seller)
                .collect(),
        };
        let (Pick::Category(_, n) | Pick::DemoSeller(n)) = p;
        (!candidates.is_empty()).then(|| *candidates[n % candidates.len()])
    };

    let mut created = 0;
    for (n, spec) in SPECS.iter().enumerate() {
        let mut products: Vec<&Product> = Vec::new();
        for &line in spec.lines {
            if let Some(p) = pick(line).filter(|p| !products.iter().any(|q| q.id == p.id)) {
                products.push(p);
            }
        }
        if products.is_empty() {
            continue;
        }
        // Spread over six months, during Samarinda's working day (09:00–15:00 WITA).
        let n = n as i64;
        let at = now - (2 + n * 6) * 86_400 - (n % 7) * 3_600 - 2 * 3_600;
        let created_at = iso_utc(at.min(now));
        let day = Date::from_days_since_epoch(at.div_euclid(86_400));
        let later = |days: i64| Some(Date::from_days_since_epoch(day.days_since_epoch() + days));
        let owner = |id: &str| owners.get(id).map(|s| (*s).to_owned());
        let (kind, doc, parts) = match spec.export {
            Some(i) => {
                let (company, contact, email, phone, country, port, incoterm) = IMPORTERS[i];
                let items: Vec<ExportItem> = products.iter().map(|p| export_item(p, n)).collect();
                let parts = split(items.clone(), owner)?;
                let form = ExportInquiry {
                    company: company.into(),
                    contact_name: contact.into(),
                    email: email.into(),
                    phone: phone.into(),
                    country: country.into(),
                    items,
                    recurrence: if n % 4 == 0 {
                        Recurrence::Monthly
                    } else {
                        Recurrence::OneTime
                    },
                    incoterm,
                    destination_country: country.into(),
                    destination_port: port.into(),
                    payment_terms: "30% T/T in advance, 70% against B/L copy".into(),
                    required_by: later(60),
                    valid_until: later(21),
                    sample_wanted: n % 3 == 0,
                    certificates: Vec::new(),
                    note: "Please include packing details and a photo of the product label.".into(),
                    lang: Lang::En,
                };
                (InquiryKind::Export, to_json(&form)?, parts)
            }
            None => {
                let (organisation, contact, email, whatsapp, city) = DOMESTIC[spec.domestic];
                let items: Vec<PurchaseItem> = products
                    .iter()
                    .map(|p| PurchaseItem {
                        product_id: p.id.clone(),
                        quantity: p.moq.max(1) * (1 + (n as u32 % 3)),
                        unit: p.unit,
                    })
                    .collect();
                let parts = split(items.clone(), owner)?;
                let form = PurchaseInquiry {
                    organisation: organisation.into(),
                    contact_name: contact.into(),
                    email: email.into(),
                    whatsapp: whatsapp.into(),
                    city: city.into(),
                    items,
                    recurrence: if n % 3 == 0 {
                        Recurrence::Weekly
                    } else {
                        Recurrence::OneTime
                    },
                    wanted_by: later(14),
                    note: "Untuk dapur hotel; mohon kirim contoh kemasan dulu.".into(),
                    lang: Lang::Id,
                };
                (InquiryKind::Purchase, to_json(&form)?, parts)
            }
        };
        let sellers: Vec<String> = parts.iter().map(|(s, _)| s.clone()).collect();
        let part_items: HashMap<String, String> = parts.iter().cloned().collect();
        let terms = spec.export.map(|i| (IMPORTERS[i].6, IMPORTERS[i].5));
        let stored = store
            .create_inquiry(NewInquiry {
                kind,
                year: day.year(),
                idempotency_key: format!("demo-inquiry-{n:02}"),
                tracking_token: random_hex(16),
                doc,
                parts,
                created_at: Some(created_at),
                // The demo's history never writes to anyone.
                notices: Vec::new(),
            })
            .await?;
        if !stored.created {
            continue;
        }
        created += 1;
        for seller_id in sellers {
            for &step in spec.steps {
                let (status, reply, days) = match step {
                    Read => {
                        store
                            .mark_part_read(seller_id.clone(), stored.reference.clone())
                            .await?;
                        continue;
                    }
                    Reply(text, days) => (None, Some(text), days),
                    Move(status, text, days) => (Some(status), text, days),
                };
                let when = (at + days * 86_400 + 3 * 3_600).min(now);
                // A price is a quote: the demo's sellers send real ones.
                if status == Some(Quoted) {
                    let valid_until = Date::from_days_since_epoch(when.div_euclid(86_400) + 14);
                    let quote = part_items.get(seller_id.as_str()).and_then(|items| {
                        demo_quote(
                            catalog,
                            kind,
                            items,
                            terms,
                            valid_until,
                            reply.unwrap_or(""),
                        )
                    });
                    if let Some(quote) = quote {
                        store
                            .send_quote(NewQuote {
                                seller_id: seller_id.clone(),
                                reference: stored.reference.clone(),
                                actor: names
                                    .get(seller_id.as_str())
                                    .copied()
                                    .unwrap_or("")
                                    .to_owned(),
                                doc: to_json(&quote)?,
                                at: Some(iso_utc(when)),
                                notices: Vec::new(),
                            })
                            .await?;
                        continue;
                    }
                }
                store
                    .update_part(PartUpdate {
                        seller_id: seller_id.clone(),
                        reference: stored.reference.clone(),
                        actor: names
                            .get(seller_id.as_str())
                            .copied()
                            .unwrap_or("")
                            .to_owned(),
                        status,
                        reply: reply.map(str::to_owned),
                        at: Some(iso_utc(when)),
                        notices: Vec::new(),
                    })
                    .await?;
            }
        }
    }
    Ok(created)
}

/// The quote a demo seller sends for their part's first line: the listing's price in the
/// line's unit, an indicative
/// USD price for export, the RFQ's Incoterm and port, a week's lead time.
fn demo_quote(
    catalog: &Catalog,
    kind: InquiryKind,
    items: &str,
    terms: Option<(Incoterm, &str)>,
    valid_until: Date,
    notes: &str,
) -> Option<Quote> {
    #[derive(serde::Deserialize)]
    struct Line {
        product_id: String,
        quantity: u64,
        unit: QuoteUnit,
    }
    let line = serde_json::from_str::<Vec<Line>>(items)
        .ok()?
        .into_iter()
        .next()?;
    let product = catalog.product(&line.product_id)?;
    let per_unit = product.tiers.first()?.price.0;
    // From the listing's unit to the line's: a tonne is 1,000 kg or 20 sacks of 50 kg, a
    // carton 24 packs or pieces.
    let factor = match (line.unit, product.unit) {
        (QuoteUnit::Trade(InquiryUnit::Ton), Unit::Sack) => 20,
        (QuoteUnit::Trade(InquiryUnit::Ton), _) => 1000,
        (QuoteUnit::Trade(InquiryUnit::Carton), Unit::Carton) => 1,
        (QuoteUnit::Trade(InquiryUnit::Carton), _) => 24,
        _ => 1,
    };
    let unit_price_idr = per_unit * factor;
    let export = kind == InquiryKind::Export;
    Some(Quote {
        unit_price_idr,
        // At the demo's rate (`ETALASE_USD_RATE`'s default), for the importer's convenience.
        unit_price_usd_cents: export.then(|| unit_price_idr * 100 / 16_250),
        quantity: line.quantity,
        unit: line.unit,
        moq: line.quantity.min(u64::from(product.moq.max(1))),
        incoterm: terms.map(|(incoterm, _)| incoterm),
        port: terms.map(|(_, port)| port.to_string()).unwrap_or_default(),
        lead_time_days: Some(7),
        delivery_date: None,
        valid_until,
        payment_terms: if export {
            "30% T/T in advance, 70% against B/L copy".into()
        } else {
            "Transfer 7 hari setelah barang diterima".into()
        },
        notes: notes.to_string(),
    })
}

/// Export quantities in what such goods ship in: tonnes of bulk commodities, cartons of
/// packed food, pieces of crafts.
fn export_item(p: &Product, n: i64) -> ExportItem {
    let n = n as u32;
    let (quantity, unit, specification) = match p.category {
        RumputLaut | GulaAren | Kopi | Rempah => (
            2 + n % 5,
            InquiryUnit::Ton,
            "Moisture max 15%, packed in 50 kg bags",
        ),
        Kerajinan => (
            100 + 50 * (n % 4),
            InquiryUnit::Pcs,
            "Natural colour, individually wrapped",
        ),
        _ => (
            40 + 10 * (n % 6),
            InquiryUnit::Carton,
            "Retail packs with English label",
        ),
    };
    ExportItem {
        product_id: p.id.clone(),
        specification: specification.into(),
        quantity,
        unit,
        target_price: None,
    }
}

fn split<T: etalase_model::inquiry::InquiryLine + Serialize>(
    items: Vec<T>,
    owner: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, StoreError> {
    // Every picked product is published, so it has an owner; the error is for form
    // input, not for this.
    let parts = split_by_seller(items, owner)
        .map_err(|e| StoreError::Database(format!("demo inquiry: {e}")))?;
    parts
        .into_iter()
        .map(|p| Ok((p.seller_id, to_json(&p.items)?)))
        .collect()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("encoding: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;

    #[tokio::test]
    async fn seeds_about_thirty_varied_inquiries_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let demo = etalase_model::demo_catalog();
        store.seed_catalog_if_empty(demo.clone()).await.unwrap();
        let now = 1_795_430_096; // 2026-11-23
        assert_eq!(seed(&store, &demo, now).await.unwrap(), 30);
        assert_eq!(seed(&store, &demo, now).await.unwrap(), 0, "idempotent");

        let rows = store.demand_rows().await.unwrap();
        let categories: HashMap<&str, Category> = demo
            .products
            .iter()
            .map(|p| (p.id.as_str(), p.category))
            .collect();
        let insights = crate::insights::aggregate(&rows, |id| categories.get(id).copied());
        assert_eq!(insights.total, 30);
        let countries: Vec<&str> = insights.by_country.iter().map(|c| c.key.as_str()).collect();
        for code in ["SG", "JP", "NL", "CN", "AE", "US", "MY", "ID"] {
            assert!(countries.contains(&code), "{code} in {countries:?}");
        }
        assert!(
            insights.by_category.len() >= 8,
            "{:?}",
            insights.by_category
        );
        assert!(insights.by_village.len() >= 8, "{:?}", insights.by_village);
        assert!(
            (6..=7).contains(&insights.by_month.len()),
            "six months: {:?}",
            insights.by_month
        );

        let inbox = store
            .seller_inbox(
                demo.sellers[0].id.clone(),
                crate::store::InboxPage::default(),
            )
            .await
            .unwrap();
        assert!(inbox.parts.len() >= 6, "{}", inbox.parts.len());
        assert!(inbox.unread >= 1);
        assert!(inbox
            .parts
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at));
        let won = inbox
            .parts
            .iter()
            .find(|p| p.status == "won")
            .expect("a won part");
        let last = won.events.last().unwrap();
        assert_eq!(last.actor, demo.sellers[0].name);
        assert_eq!(last.to_status.as_deref(), Some("won"));
        assert!(
            last.at.as_str() > won.created_at.as_str()
                && last.at.as_str() <= "2026-11-23T10:34:56.000Z"
        );
        assert!(won.read);
    }

    #[tokio::test]
    async fn a_catalog_without_those_categories_seeds_what_it_can() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let mut demo = etalase_model::demo_catalog();
        demo.products.retain(|p| p.category == Kopi);
        store.seed_catalog_if_empty(demo.clone()).await.unwrap();
        let n = seed(&store, &demo, 1_795_430_096).await.unwrap();
        assert!(n > 0 && n < 30, "{n}");
        let empty = Catalog::default();
        assert_eq!(seed(&store, &empty, 1_795_430_096).await.unwrap(), 0);
    }
}
