//! The district's export market map: from the stored inquiries, the sellers' latest quotes
//! and the buyers' decisions, what each destination country asked of each product, in
//! kilograms where the unit is a mass (and as counted where it is not), and what was quoted
//! and won, in rupiah and US dollars, by WITA month. A pure function of the catalog and the
//! demand rows.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use etalase_model::api::{CountryTotal, MarketMap, MarketQuery, MarketRow, UnitVolume};
use etalase_model::inquiry::{Quote, QuoteUnit};
use etalase_model::rules::{FieldError, Rule};
use etalase_model::{Catalog, Date, Lang};

use crate::store::DemandRow;

/// A month as `(year, month)`.
pub type Month = (u16, u8);

/// What the map covers: months inclusive, and a kecamatan or all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Month,
    pub to: Month,
    pub kecamatan: Option<String>,
}

/// A month parsed from `YYYY-MM`.
fn month(text: &str) -> Option<Month> {
    let (y, m) = text.trim().split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (y >= 2000 && (1..=12).contains(&m)).then_some((y, m))
}

/// The WITA month of a store timestamp: the district's calendar, as the default period is.
fn wita_month(timestamp: &str) -> Option<Month> {
    let seconds = etalase_model::inquiry::reply_time::parse_utc(timestamp)?;
    let day = Date::from_days_since_epoch((seconds + 8 * 3600).div_euclid(86_400));
    Some((day.year(), day.month()))
}

fn month_text((y, m): Month) -> String {
    format!("{y:04}-{m:02}")
}

/// The period and kecamatan asked for, checked; absent months are the twelve ending with
/// `today`'s.
pub fn period(query: &MarketQuery, today: Date) -> Result<Period, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut read = |field: &str, value: &Option<String>, default: Month| match value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => default,
        Some(v) => month(v).unwrap_or_else(|| {
            errors.push(FieldError::new(field, Rule::Required));
            default
        }),
    };
    let this = (today.year(), today.month());
    let year_ago = if this.1 == 12 {
        (this.0, 1)
    } else {
        (this.0 - 1, this.1 + 1)
    };
    let from = read("from", &query.from, year_ago);
    let to = read("to", &query.to, this);
    if errors.is_empty() && from > to {
        errors.push(FieldError::new("to", Rule::EndBeforeStart));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let kecamatan = query
        .kecamatan
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string);
    Ok(Period {
        from,
        to,
        kecamatan,
    })
}

/// Builds the map for inquiries sent in the period's months (WITA) from villages
/// of its kecamatan (all if `None`).
pub fn market_map(catalog: &Catalog, demand: &[DemandRow], period: Period) -> MarketMap {
    let Period {
        from,
        to,
        kecamatan,
    } = period;
    let idr_per_usd = catalog.fx.map(|fx| fx.idr_per_usd);
    #[derive(Default)]
    struct Acc {
        inquiries: HashSet<i64>,
        volume_kg: u64,
        other: BTreeMap<String, u64>,
        quoted_idr: u64,
        won_idr: u64,
        quoted_usd_cents: u64,
        won_usd_cents: u64,
    }
    let mut rows: BTreeMap<(String, String), Acc> = BTreeMap::new();
    // Distinct inquiries per country: an inquiry asking for two products counts once.
    let mut asked_by: BTreeMap<String, HashSet<i64>> = BTreeMap::new();
    for row in demand {
        let Some(sent) = wita_month(&row.created_at) else {
            continue;
        };
        if sent < from || sent > to {
            continue;
        }
        if let Some(k) = &kecamatan {
            let here = catalog
                .village(&row.village_slug)
                .is_some_and(|v| &v.kecamatan == k);
            if !here {
                continue;
            }
        }
        let country = if row.kind == "export" {
            row.destination_country
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "??".into())
        } else {
            "ID".into()
        };
        asked_by
            .entry(country.clone())
            .or_default()
            .insert(row.inquiry_id);
        let quote: Option<Quote> = row
            .latest_quote
            .as_deref()
            .and_then(|q| serde_json::from_str(q).ok());
        let (quoted_idr, quoted_usd) = quote.as_ref().map_or((0, 0), |q| {
            let idr = q.total_idr().unwrap_or(0);
            let usd = match (q.unit_price_usd_cents, idr_per_usd) {
                (Some(cents), _) => cents.saturating_mul(q.quantity),
                (None, Some(rate)) if rate > 0 => idr.saturating_mul(100) / u64::from(rate),
                (None, _) => 0,
            };
            (idr, usd)
        });
        let won = row.status == "won";
        // A quote covers the whole part: shared evenly among its lines.
        let lines = row.lines.len().max(1) as u64;
        for (i, line) in row.lines.iter().enumerate() {
            let share = |total: u64| total / lines + if i == 0 { total % lines } else { 0 };
            let acc = rows
                .entry((country.clone(), line.product_id.clone()))
                .or_default();
            acc.inquiries.insert(row.inquiry_id);
            let unit: Option<QuoteUnit> =
                serde_json::from_value(serde_json::Value::String(line.unit.clone())).ok();
            match unit.and_then(|u| u.kilograms(line.quantity)) {
                Some(kg) => acc.volume_kg = acc.volume_kg.saturating_add(kg),
                None => {
                    let other = acc.other.entry(line.unit.clone()).or_default();
                    *other = other.saturating_add(line.quantity);
                }
            }
            acc.quoted_idr = acc.quoted_idr.saturating_add(share(quoted_idr));
            acc.quoted_usd_cents = acc.quoted_usd_cents.saturating_add(share(quoted_usd));
            if won {
                acc.won_idr = acc.won_idr.saturating_add(share(quoted_idr));
                acc.won_usd_cents = acc.won_usd_cents.saturating_add(share(quoted_usd));
            }
        }
    }
    let mut rows: Vec<MarketRow> = rows
        .into_iter()
        .map(|((country, product_id), acc)| {
            let product = catalog.product(&product_id);
            MarketRow {
                product_name: product
                    .map_or_else(|| product_id.clone(), |p| p.name(Lang::Id).to_string()),
                category: product.map(|p| p.category),
                country,
                product_id,
                inquiries: acc.inquiries.len() as u32,
                volume_kg: acc.volume_kg,
                other_volume: acc
                    .other
                    .into_iter()
                    .map(|(unit, quantity)| UnitVolume { unit, quantity })
                    .collect(),
                quoted_idr: acc.quoted_idr,
                won_idr: acc.won_idr,
                quoted_usd_cents: acc.quoted_usd_cents,
                won_usd_cents: acc.won_usd_cents,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.volume_kg, b.inquiries, &a.country, &a.product_id).cmp(&(
            a.volume_kg,
            a.inquiries,
            &b.country,
            &b.product_id,
        ))
    });
    let mut countries: BTreeMap<String, CountryTotal> = BTreeMap::new();
    for r in &rows {
        let total = countries
            .entry(r.country.clone())
            .or_insert_with(|| CountryTotal {
                country: r.country.clone(),
                inquiries: asked_by.get(&r.country).map_or(0, |ids| ids.len() as u32),
                ..CountryTotal::default()
            });
        total.volume_kg = total.volume_kg.saturating_add(r.volume_kg);
        total.quoted_idr = total.quoted_idr.saturating_add(r.quoted_idr);
        total.won_idr = total.won_idr.saturating_add(r.won_idr);
    }
    let mut countries: Vec<CountryTotal> = countries.into_values().collect();
    countries.sort_by(|a, b| {
        (b.won_idr, b.volume_kg, &a.country).cmp(&(a.won_idr, a.volume_kg, &b.country))
    });
    let kecamatan_options: BTreeSet<String> = catalog
        .villages
        .iter()
        .map(|v| v.kecamatan.clone())
        .collect();
    MarketMap {
        from: month_text(from),
        to: month_text(to),
        kecamatan,
        kecamatan_options: kecamatan_options.into_iter().collect(),
        idr_per_usd,
        rows,
        countries,
    }
}

/// The map as a spreadsheet: one row per country and product (UTF-8 with a byte-order mark,
/// text cells defused).
pub fn csv(map: &MarketMap) -> Result<Vec<u8>, csv::Error> {
    use crate::spreadsheet::neutralise;
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record([
        "negara_tujuan",
        "produk_id",
        "produk",
        "kategori",
        "permintaan",
        "volume_kg",
        "volume_lain",
        "nilai_penawaran_idr",
        "nilai_deal_idr",
        "nilai_penawaran_usd",
        "nilai_deal_usd",
        "periode",
        "kecamatan",
    ])?;
    let period = format!("{}..{}", map.from, map.to);
    let usd = |cents: u64| format!("{}.{:02}", cents / 100, cents % 100);
    for r in &map.rows {
        let other: Vec<String> = r
            .other_volume
            .iter()
            .map(|v| format!("{} {}", v.quantity, v.unit))
            .collect();
        out.write_record([
            r.country.as_str(),
            neutralise(&r.product_id).as_ref(),
            neutralise(&r.product_name).as_ref(),
            r.category.map_or("", |c| c.slug()),
            &r.inquiries.to_string(),
            &r.volume_kg.to_string(),
            &other.join("; "),
            &r.quoted_idr.to_string(),
            &r.won_idr.to_string(),
            &usd(r.quoted_usd_cents),
            &usd(r.won_usd_cents),
            &period,
            neutralise(map.kecamatan.as_deref().unwrap_or("")).as_ref(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DemandLine;

    fn line(product: &str, quantity: u64, unit: &str) -> DemandLine {
        DemandLine {
            product_id: product.into(),
            quantity,
            unit: unit.into(),
        }
    }

    fn row(
        id: i64,
        at: &str,
        country: Option<&str>,
        village: &str,
        lines: Vec<DemandLine>,
    ) -> DemandRow {
        DemandRow {
            inquiry_id: id,
            kind: if country.is_some() {
                "export"
            } else {
                "purchase"
            }
            .into(),
            created_at: format!("{at}-15T03:00:00.000Z"),
            destination_country: country.map(Into::into),
            village_slug: village.into(),
            product_ids: lines.iter().map(|l| l.product_id.clone()).collect(),
            status: "new".into(),
            lines,
            latest_quote: None,
        }
    }

    fn quoted(
        mut row: DemandRow,
        price: u64,
        quantity: u64,
        usd_cents: Option<u64>,
        won: bool,
    ) -> DemandRow {
        row.latest_quote = Some(
            serde_json::json!({
                "unit_price_idr": price, "unit_price_usd_cents": usd_cents, "quantity": quantity,
                "unit": "kg", "moq": 1, "lead_time_days": 7, "valid_until": "2026-12-31"
            })
            .to_string(),
        );
        row.status = if won { "won" } else { "quoted" }.into();
        row
    }

    #[test]
    fn volumes_in_kilograms_values_quoted_and_won_per_country_and_product() {
        let mut catalog = etalase_model::demo_catalog();
        catalog.fx = Some(etalase_model::FxRate {
            idr_per_usd: 16_250,
            as_of: "2026-11-01".parse().unwrap(),
        });
        let v = &catalog.villages[0];
        let other = catalog
            .villages
            .iter()
            .find(|o| o.kecamatan != v.kecamatan)
            .unwrap();
        let (a, b) = (&catalog.products[0].id, &catalog.products[1].id);
        let demand = vec![
            // Singapore: 2 t of A, quoted Rp 25.000/kg (US$1.60) for 2000 kg, won.
            quoted(
                row(1, "2026-10", Some("SG"), &v.slug, vec![line(a, 2, "ton")]),
                25_000,
                2000,
                Some(160),
                true,
            ),
            // Singapore again: a container of A (does not convert), quoted, not won.
            quoted(
                row(
                    2,
                    "2026-11",
                    Some("SG"),
                    &v.slug,
                    vec![line(a, 1, "container_20ft")],
                ),
                20_000,
                10_000,
                None,
                false,
            ),
            // A hotel in Indonesia: 40 packs of B and 5 kg of A, one quote shared by both.
            quoted(
                row(
                    3,
                    "2026-11",
                    None,
                    &v.slug,
                    vec![line(b, 40, "pack"), line(a, 5, "kg")],
                ),
                24_000,
                41,
                None,
                true,
            ),
            // Outside the period, and outside the kecamatan.
            row(4, "2025-01", Some("SG"), &v.slug, vec![line(a, 9, "ton")]),
            row(
                5,
                "2026-11",
                Some("JP"),
                &other.slug,
                vec![line(a, 7, "ton")],
            ),
        ];
        let year = |kecamatan| Period {
            from: (2026, 1),
            to: (2026, 12),
            kecamatan,
        };
        let map = market_map(&catalog, &demand, year(Some(v.kecamatan.clone())));
        let get = |country: &str, product: &str| {
            map.rows
                .iter()
                .find(|r| r.country == country && r.product_id == product)
                .unwrap()
        };
        let sg = get("SG", a);
        assert_eq!(sg.inquiries, 2);
        assert_eq!(sg.volume_kg, 2000);
        assert_eq!(
            sg.other_volume,
            vec![UnitVolume {
                unit: "container_20ft".into(),
                quantity: 1
            }]
        );
        assert_eq!(sg.quoted_idr, 50_000_000 + 200_000_000);
        assert_eq!(sg.won_idr, 50_000_000);
        let rate = 16_250;
        assert_eq!(sg.won_usd_cents, 160 * 2000);
        assert_eq!(sg.quoted_usd_cents, 160 * 2000 + 200_000_000 * 100 / rate);
        // The shared quote: Rp 984.000 split evenly between the two lines.
        assert_eq!(get("ID", b).quoted_idr, 492_000);
        assert_eq!(get("ID", a).won_idr, 492_000);
        assert_eq!(get("ID", a).volume_kg, 5);
        assert_eq!(get("ID", b).other_volume[0].quantity, 40);
        assert!(
            map.rows.iter().all(|r| r.country != "JP"),
            "other kecamatan"
        );
        assert_eq!(map.rows[0].country, "SG", "largest volume first");
        let countries: Vec<(&str, u32)> = map
            .countries
            .iter()
            .map(|c| (c.country.as_str(), c.inquiries))
            .collect();
        assert_eq!(
            countries,
            [("SG", 2), ("ID", 1)],
            "won value first; an inquiry counts once"
        );
        assert_eq!((map.from.as_str(), map.to.as_str()), ("2026-01", "2026-12"));

        let all = market_map(&catalog, &demand, year(None));
        assert!(all
            .rows
            .iter()
            .any(|r| r.country == "JP" && r.volume_kg == 7000));
    }

    #[test]
    fn the_period_defaults_to_twelve_months_and_refuses_nonsense() {
        let today: Date = "2026-12-06".parse().unwrap();
        let p = period(&MarketQuery::default(), today).unwrap();
        assert_eq!((p.from, p.to, p.kecamatan), ((2026, 1), (2026, 12), None));
        let q = |from: &str, to: &str| MarketQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            kecamatan: Some(" ".into()),
        };
        let p = period(&q("2026-03", "2026-05"), today).unwrap();
        assert_eq!((p.from, p.to, p.kecamatan), ((2026, 3), (2026, 5), None));
        assert_eq!(
            period(&q("2026-13", "2026-05"), today).unwrap_err()[0].field,
            "from"
        );
        assert_eq!(
            period(&q("2026-06", "2026-05"), today).unwrap_err()[0].rule,
            Rule::EndBeforeStart
        );
    }
}
