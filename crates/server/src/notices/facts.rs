//! What the outbox stores for each notice: the facts of the event, as JSON, from which the
//! sender writes the message when it sends it (links need the site's address, which the
//! store does not know). Rows outlive releases, so these names are a stored format.

use etalase_model::inquiry::{InquiryStatus, Quote};
use serde::{Deserialize, Serialize};

use crate::store::{NewNotice, NoticeChannel};

/// One notice's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "snake_case")]
pub enum Facts {
    /// To the buyer: the inquiry was received and passed to these sellers (by name).
    Receipt { sellers: Vec<String> },
    /// To a seller: a new inquiry with `lines` of their products.
    NewInquiry { lines: usize },
    /// To the buyer: a seller sent a quote (or a revision).
    Quote { seller: String, quote: Quote },
    /// To the seller: the buyer accepted or declined their quote.
    Decision {
        accepted: bool,
        #[serde(default)]
        reason: Option<String>,
    },
    /// To the buyer or the seller: the part closed itself, its quote's validity or the
    /// RFQ's "valid until" having passed.
    Expired { seller: String, to_seller: bool },
    /// To the buyer: a seller answered (a written reply, a status, or both).
    Answer {
        seller: String,
        #[serde(default)]
        status: Option<InquiryStatus>,
        #[serde(default)]
        reply: Option<String>,
    },
}

impl Facts {
    fn notice(&self, name: String, channel: NoticeChannel, seller_id: Option<&str>) -> NewNotice {
        NewNotice {
            name,
            channel,
            seller_id: seller_id.map(str::to_string),
            notice: serde_json::to_string(self).expect("facts serialise"),
        }
    }
}

/// A new inquiry's notices: the buyer's receipt, and each seller's by e-mail (sent if the
/// seller gave an address) and by push (sent to the browsers they turned it on in).
/// `sellers` are (seller id, name, lines).
pub fn for_new_inquiry(sellers: &[(String, String, usize)]) -> Vec<NewNotice> {
    let receipt = Facts::Receipt {
        sellers: sellers.iter().map(|(_, name, _)| name.clone()).collect(),
    };
    std::iter::once(receipt.notice("receipt".into(), NoticeChannel::Email, None))
        .chain(sellers.iter().flat_map(|(id, _, lines)| {
            [NoticeChannel::Email, NoticeChannel::Push].map(|channel| {
                Facts::NewInquiry { lines: *lines }.notice(
                    format!("seller:{id}"),
                    channel,
                    Some(id),
                )
            })
        }))
        .collect()
}

/// An answer's notice to the buyer: a written reply, or a move that decides the part (the
/// seller recording a deal made by other means as won or lost, or closing it); quotes have
/// their own notice.
pub fn for_answer(
    seller_id: &str,
    seller: &str,
    status: Option<InquiryStatus>,
    reply: Option<&str>,
) -> Vec<NewNotice> {
    let tells_buyer = reply.is_some()
        || matches!(
            status,
            Some(InquiryStatus::Won | InquiryStatus::Lost | InquiryStatus::Closed)
        );
    if !tells_buyer {
        return Vec::new();
    }
    let facts = Facts::Answer {
        seller: seller.to_string(),
        status,
        reply: reply.map(str::to_string),
    };
    vec![facts.notice("buyer".into(), NoticeChannel::Email, Some(seller_id))]
}

/// A quote's notice to the buyer.
pub fn for_quote(seller_id: &str, seller: &str, quote: &Quote) -> Vec<NewNotice> {
    let facts = Facts::Quote {
        seller: seller.to_string(),
        quote: quote.clone(),
    };
    vec![facts.notice("buyer".into(), NoticeChannel::Email, Some(seller_id))]
}

/// The buyer's decision, told to the seller.
pub fn for_decision(seller_id: &str, accepted: bool, reason: Option<&str>) -> Vec<NewNotice> {
    let facts = Facts::Decision {
        accepted,
        reason: reason.map(str::to_string),
    };
    vec![facts.notice("seller".into(), NoticeChannel::Email, Some(seller_id))]
}

/// A lapsed part, told to both sides.
pub fn for_expiry(seller_id: &str, seller: &str) -> Vec<NewNotice> {
    [false, true]
        .into_iter()
        .map(|to_seller| {
            let facts = Facts::Expired {
                seller: seller.to_string(),
                to_seller,
            };
            let name = if to_seller { "seller" } else { "buyer" };
            facts.notice(name.into(), NoticeChannel::Email, Some(seller_id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_inquiry_tells_the_buyer_once_and_each_seller() {
        let notices = for_new_inquiry(&[
            ("s1".into(), "UD Sepatin".into(), 2),
            ("s2".into(), "Madu Kelulut".into(), 1),
        ]);
        let names: Vec<_> = notices
            .iter()
            .map(|n| (n.name.as_str(), n.channel))
            .collect();
        use NoticeChannel::{Email, Push};
        assert_eq!(
            names,
            [
                ("receipt", Email),
                ("seller:s1", Email),
                ("seller:s1", Push),
                ("seller:s2", Email),
                ("seller:s2", Push)
            ]
        );
        assert_eq!(notices[0].seller_id, None);
        assert_eq!(notices[4].seller_id.as_deref(), Some("s2"));
        assert_eq!(notices[2].key(7, None), "7:seller:s1:push");
        let receipt: Facts = serde_json::from_str(&notices[0].notice).unwrap();
        assert_eq!(
            receipt,
            Facts::Receipt {
                sellers: vec!["UD Sepatin".into(), "Madu Kelulut".into()]
            }
        );
        assert_eq!(notices[0].key(7, None), "7:receipt:email");
        assert_eq!(notices[1].key(7, Some(3)), "7:3:seller:s1:email");
    }

    #[test]
    fn the_buyer_hears_of_replies_and_decisions_not_bookkeeping() {
        assert!(for_answer("s", "UD", Some(InquiryStatus::Replied), None).is_empty());
        assert_eq!(
            for_answer("s", "UD", Some(InquiryStatus::Won), None).len(),
            1
        );
        assert_eq!(for_answer("s", "UD", None, Some("Bisa")).len(), 1);
        assert_eq!(
            for_answer("s", "UD", Some(InquiryStatus::Closed), None).len(),
            1
        );
    }
}
