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
    /// To the operators of a seller's cooperative: a new inquiry for their member `seller`.
    MemberInquiry { seller: String, lines: usize },
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

/// A seller asked in a new inquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub id: String,
    pub name: String,
    /// How many of the inquiry's lines are theirs.
    pub lines: usize,
    /// Whether they sell through a cooperative, whose operators are told too.
    pub member: bool,
}

/// A new inquiry's notices: the buyer's receipt, and each seller's by e-mail (sent if the
/// seller gave an address) and by push (sent to the browsers they turned it on in); for a
/// cooperative's member, one to its operators (sent to those who gave an address).
pub fn for_new_inquiry(sellers: &[Asked]) -> Vec<NewNotice> {
    let receipt = Facts::Receipt {
        sellers: sellers.iter().map(|s| s.name.clone()).collect(),
    };
    let mut notices = vec![receipt.notice("receipt".into(), NoticeChannel::Email, None)];
    for seller in sellers {
        let id = Some(seller.id.as_str());
        for channel in [NoticeChannel::Email, NoticeChannel::Push] {
            let facts = Facts::NewInquiry {
                lines: seller.lines,
            };
            notices.push(facts.notice(format!("seller:{}", seller.id), channel, id));
        }
        if seller.member {
            let facts = Facts::MemberInquiry {
                seller: seller.name.clone(),
                lines: seller.lines,
            };
            notices.push(facts.notice(format!("coop:{}", seller.id), NoticeChannel::Email, id));
        }
    }
    notices
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
            Asked {
                id: "s1".into(),
                name: "UD Sepatin".into(),
                lines: 2,
                member: false,
            },
            Asked {
                id: "s2".into(),
                name: "Madu Kelulut".into(),
                lines: 1,
                member: true,
            },
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
                ("seller:s2", Push),
                ("coop:s2", Email)
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
