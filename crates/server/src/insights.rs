//! Demand insights: what buyers ask for, from where, and when, as counts of inquiries.
//!
//! Aggregation is a pure function of plain rows ([`DemandRow`]) so it is tested without a
//! database and any store can feed it. Only counts leave here: no names, addresses or
//! quantities, so the figures can be public.

use std::collections::{BTreeMap, BTreeSet};

pub use etalase_model::api::{Count, Insights};
use etalase_model::{Category, Date};

use crate::store::DemandRow;

/// Counts distinct inquiries per category (of each line's product; `category_of` answers,
/// and products it does not know are skipped), per village (of each part's seller), per
/// destination country (`ID` for domestic purchase inquiries) and per month. An inquiry that
/// spans two categories counts once in each, and once in the total.
pub fn aggregate(rows: &[DemandRow], category_of: impl Fn(&str) -> Option<Category>) -> Insights {
    type Tally = BTreeMap<String, BTreeSet<i64>>;
    let mut all = BTreeSet::new();
    let (mut category, mut village, mut country, mut month) =
        (Tally::new(), Tally::new(), Tally::new(), Tally::new());
    for row in rows {
        all.insert(row.inquiry_id);
        for c in row.product_ids.iter().filter_map(|id| category_of(id)) {
            category
                .entry(category_key(c))
                .or_default()
                .insert(row.inquiry_id);
        }
        village
            .entry(row.village_slug.clone())
            .or_default()
            .insert(row.inquiry_id);
        // Purchase inquiries are domestic by definition; an RFQ names its destination.
        let destination = if row.kind == "export" {
            row.destination_country.clone().filter(|c| !c.is_empty())
        } else {
            Some("ID".to_owned())
        };
        if let Some(code) = destination {
            country.entry(code).or_default().insert(row.inquiry_id);
        }
        if let Some(m) = month_in_wita(&row.created_at) {
            month.entry(m).or_default().insert(row.inquiry_id);
        }
    }
    let counts = |tally: Tally| -> Vec<Count> {
        tally
            .into_iter()
            .map(|(key, ids)| Count {
                key,
                count: ids.len() as u64,
            })
            .collect()
    };
    let by_count = |tally: Tally| {
        let mut list = counts(tally);
        // Keys come sorted from the map; a stable sort keeps them so within a count.
        list.sort_by_key(|c| std::cmp::Reverse(c.count));
        list
    };
    Insights {
        total: all.len() as u64,
        by_category: by_count(category),
        by_village: by_count(village),
        by_country: by_count(country),
        by_month: counts(month),
    }
}

/// The category as the catalog serialises it (`olahan_ikan`), so the app can match it to
/// the products it already has.
fn category_key(category: Category) -> String {
    serde_json::to_value(category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| category.slug().to_owned())
}

/// The month of a UTC timestamp (`2026-06-30T17:00:00.000Z`) in WITA (UTC+8): an inquiry
/// sent at 01:00 on the 1st in Samarinda belongs to that month, not the one before.
pub fn month_in_wita(created_at: &str) -> Option<String> {
    let date: Date = created_at.get(..10)?.parse().ok()?;
    let hour: i64 = created_at.get(11..13)?.parse().ok()?;
    let local = if hour + 8 >= 24 {
        Date::from_days_since_epoch(date.days_since_epoch() + 1)
    } else {
        date
    };
    Some(format!("{:04}-{:02}", local.year(), local.month()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        id: i64,
        kind: &str,
        at: &str,
        country: Option<&str>,
        village: &str,
        products: &[&str],
    ) -> DemandRow {
        DemandRow {
            inquiry_id: id,
            kind: kind.into(),
            created_at: at.into(),
            destination_country: country.map(Into::into),
            village_slug: village.into(),
            product_ids: products.iter().map(|p| p.to_string()).collect(),
            status: "new".into(),
            lines: vec![],
            latest_quote: None,
        }
    }

    fn category(id: &str) -> Option<Category> {
        match id {
            "amplang" | "kerupuk" => Some(Category::Kerupuk),
            "terasi" => Some(Category::OlahanIkan),
            "madu" => Some(Category::Madu),
            _ => None,
        }
    }

    #[test]
    fn counts_distinct_inquiries_per_dimension() {
        let rows = [
            // Inquiry 1: a basket over two sellers in two villages, two categories.
            row(
                1,
                "export",
                "2026-06-10T02:00:00.000Z",
                Some("SG"),
                "sepatin",
                &["amplang", "kerupuk"],
            ),
            row(
                1,
                "export",
                "2026-06-10T02:00:00.000Z",
                Some("SG"),
                "tani-baru",
                &["terasi"],
            ),
            row(
                2,
                "purchase",
                "2026-06-11T02:00:00.000Z",
                None,
                "sepatin",
                &["amplang"],
            ),
            row(
                3,
                "export",
                "2026-07-01T02:00:00.000Z",
                Some("JP"),
                "loa-janan-ulu",
                &["madu", "gone"],
            ),
            row(
                4,
                "purchase",
                "2026-07-02T02:00:00.000Z",
                None,
                "sepatin",
                &["gone"],
            ),
        ];
        let got = aggregate(&rows, category);
        assert_eq!(got.total, 4);
        let pairs = |list: &[Count]| -> Vec<(String, u64)> {
            list.iter().map(|c| (c.key.clone(), c.count)).collect()
        };
        let want = |list: &[(&str, u64)]| -> Vec<(String, u64)> {
            list.iter().map(|(k, c)| (k.to_string(), *c)).collect()
        };
        // Inquiry 1 has two kerupuk lines but counts once; the unknown product is skipped.
        assert_eq!(
            pairs(&got.by_category),
            want(&[("kerupuk", 2), ("madu", 1), ("olahan_ikan", 1)])
        );
        assert_eq!(
            pairs(&got.by_village),
            want(&[("sepatin", 3), ("loa-janan-ulu", 1), ("tani-baru", 1)])
        );
        assert_eq!(
            pairs(&got.by_country),
            want(&[("ID", 2), ("JP", 1), ("SG", 1)])
        );
        assert_eq!(
            pairs(&got.by_month),
            want(&[("2026-06", 2), ("2026-07", 2)])
        );
    }

    #[test]
    fn months_are_kalimantan_months() {
        assert_eq!(
            month_in_wita("2026-06-30T15:59:59.999Z").as_deref(),
            Some("2026-06")
        );
        assert_eq!(
            month_in_wita("2026-06-30T16:00:00.000Z").as_deref(),
            Some("2026-07")
        );
        assert_eq!(
            month_in_wita("2026-12-31T20:00:00.000Z").as_deref(),
            Some("2027-01")
        );
        assert_eq!(
            month_in_wita("2028-02-28T23:00:00.000Z").as_deref(),
            Some("2028-02")
        );
        assert_eq!(month_in_wita("garbage"), None);
    }

    #[test]
    fn nothing_in_nothing_out() {
        let got = aggregate(&[], category);
        assert_eq!(got.total, 0);
        assert!(got.by_category.is_empty() && got.by_month.is_empty());
        let json = serde_json::to_value(&got).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"total": 0, "by_category": [], "by_village": [], "by_country": [], "by_month": []})
        );
    }
}
