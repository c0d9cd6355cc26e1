//! The quote basket: a buyer collects products of several sellers and sends one request; it
//! is delivered as one part per seller, and each part then has its own
//! [`InquiryStatus`](super::InquiryStatus).

use serde::{Deserialize, Serialize};

use super::{ExportItem, PurchaseItem};
use crate::rules::{FieldError, Rule};

/// An inquiry line: anything that names the product it asks about.
pub trait InquiryLine {
    fn product_id(&self) -> &str;
}

impl InquiryLine for PurchaseItem {
    fn product_id(&self) -> &str {
        &self.product_id
    }
}

impl InquiryLine for ExportItem {
    fn product_id(&self) -> &str {
        &self.product_id
    }
}

/// The lines of one seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerPart<T> {
    pub seller_id: String,
    pub items: Vec<T>,
}

/// A line whose product has no seller (not in the catalog any more).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("item {index} names unknown product {product_id:?}")]
pub struct UnknownProduct {
    /// The line's position in the basket.
    pub index: usize,
    pub product_id: String,
}

impl From<UnknownProduct> for FieldError {
    /// The same error the form checks report, on the same field.
    fn from(e: UnknownProduct) -> FieldError {
        FieldError::new(
            format!("items.{}.product_id", e.index),
            Rule::UnknownProduct,
        )
    }
}

/// Splits a basket into one part per seller. `product_owner` answers which seller lists a
/// product (the server asks its store). Order is stable: sellers in the order their first
/// line appears in the basket, and each seller's lines in basket order. The first line whose
/// product has no owner fails the whole split, so no seller receives a part of a request the
/// buyer has to correct.
pub fn split_by_seller<T: InquiryLine>(
    items: impl IntoIterator<Item = T>,
    product_owner: impl Fn(&str) -> Option<String>,
) -> Result<Vec<SellerPart<T>>, UnknownProduct> {
    let mut parts: Vec<SellerPart<T>> = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let Some(seller_id) = product_owner(item.product_id()) else {
            return Err(UnknownProduct {
                index,
                product_id: item.product_id().to_owned(),
            });
        };
        // Baskets hold at most a few dozen lines: a linear search beats a map here.
        match parts.iter_mut().find(|p| p.seller_id == seller_id) {
            Some(part) => part.items.push(item),
            None => parts.push(SellerPart {
                seller_id,
                items: vec![item],
            }),
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Unit;
    use crate::inquiry::InquiryUnit;

    fn line(product: &str, quantity: u32) -> PurchaseItem {
        PurchaseItem {
            product_id: product.into(),
            quantity,
            unit: Unit::Pack,
        }
    }

    /// Products are named `<seller>/<product>` in these tests.
    fn owner(product: &str) -> Option<String> {
        product.split_once('/').map(|(seller, _)| seller.to_owned())
    }

    fn summary<T: InquiryLine>(parts: &[SellerPart<T>]) -> Vec<(&str, Vec<&str>)> {
        parts
            .iter()
            .map(|p| {
                (
                    p.seller_id.as_str(),
                    p.items.iter().map(|i| i.product_id()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn groups_by_seller_in_order_of_first_appearance() {
        let basket = vec![
            line("sepatin/kerupuk", 10),
            line("muara/madu", 2),
            line("sepatin/amplang", 5),
            line("tanjung/terasi", 1),
            line("muara/gula", 3),
            line("sepatin/terasi", 7),
        ];
        let parts = split_by_seller(basket.clone(), owner).unwrap();
        assert_eq!(
            summary(&parts),
            vec![
                (
                    "sepatin",
                    vec!["sepatin/kerupuk", "sepatin/amplang", "sepatin/terasi"]
                ),
                ("muara", vec!["muara/madu", "muara/gula"]),
                ("tanjung", vec!["tanjung/terasi"]),
            ]
        );
        // Nothing lost, nothing changed.
        assert_eq!(parts.iter().map(|p| p.items.len()).sum::<usize>(), 6);
        assert_eq!(parts[0].items[1], basket[2]);
    }

    #[test]
    fn one_seller_gives_one_part_and_empty_gives_none() {
        let parts = split_by_seller(vec![line("a/1", 1), line("a/2", 1)], owner).unwrap();
        assert_eq!(summary(&parts), vec![("a", vec!["a/1", "a/2"])]);
        assert_eq!(
            split_by_seller(Vec::<PurchaseItem>::new(), owner).unwrap(),
            vec![]
        );
    }

    #[test]
    fn works_for_export_lines_too() {
        let item = |p: &str| ExportItem {
            product_id: p.into(),
            unit: InquiryUnit::Container20,
            quantity: 1,
            ..ExportItem::default()
        };
        let parts = split_by_seller(vec![item("b/x"), item("a/y"), item("b/z")], owner).unwrap();
        assert_eq!(
            summary(&parts),
            vec![("b", vec!["b/x", "b/z"]), ("a", vec!["a/y"])]
        );
    }

    #[test]
    fn an_unknown_product_fails_with_its_index() {
        let basket = vec![line("a/1", 1), line("ghost", 1), line("nobody", 1)];
        let err = split_by_seller(basket, owner).unwrap_err();
        assert_eq!(
            err,
            UnknownProduct {
                index: 1,
                product_id: "ghost".into()
            }
        );
        assert_eq!(
            FieldError::from(err),
            FieldError::new("items.1.product_id", Rule::UnknownProduct)
        );
    }

    #[test]
    fn parts_serialise() {
        let part = SellerPart {
            seller_id: "a".to_string(),
            items: vec![line("a/1", 3)],
        };
        let json = serde_json::to_string(&part).unwrap();
        assert_eq!(
            json,
            r#"{"seller_id":"a","items":[{"product_id":"a/1","quantity":3,"unit":"pack"}]}"#
        );
        assert_eq!(
            serde_json::from_str::<SellerPart<PurchaseItem>>(&json).unwrap(),
            part
        );
    }
}
