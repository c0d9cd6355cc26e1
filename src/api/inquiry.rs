//! Buyers' inquiries on the wire: sending, tracking, the seller's inbox and the demand
//! insights. Bodies and forms are the shared model's types, so what the app checks and reads
//! is exactly what the server checks and writes.

use std::collections::HashMap;

pub use etalase_model::api::{
    Count, Created, DecisionBody, Event, InboxView, InquiryBody, InquiryForm, Insights, Lines,
    PartView, SellerContact, Tracked, TrackedPart, UpdateBody,
};
use etalase_model::inquiry::InquiryStatus;
use etalase_model::inquiry::Quote;
use gloo_net::http::Request;

use super::{json_or_refusal, refusal, send_json, ApiError};

/// Where the signed-in seller's inbox is downloaded as CSV (a plain link: the cookie goes
/// along).
pub const INBOX_CSV: &str = "/api/seller/inquiries.csv";

/// Sends an inquiry. `key` is fixed per submission, so a retry after a lost answer returns
/// the same inquiry instead of a second one.
pub async fn send(key: &str, body: &InquiryBody) -> Result<Created, ApiError> {
    send_json(
        Request::post("/api/inquiries").header("idempotency-key", key),
        body,
    )
    .await
}

/// `GET /api/inquiries/track/{token}`.
pub async fn track(token: &str) -> Result<Tracked, ApiError> {
    let res = Request::get(&format!("/api/inquiries/track/{token}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// What the seller has on screen: the pages loaded so far, with the whole inbox's counts
/// kept true as parts are read and answered here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inbox {
    /// Unread parts in the whole inbox.
    pub unread: usize,
    /// Parts in the whole inbox at each stage.
    pub counts: HashMap<InquiryStatus, usize>,
    pub parts: Vec<PartView>,
    /// The cursor for the next page; `None` once the last page is here.
    pub next: Option<String>,
}

impl From<InboxView> for Inbox {
    fn from(page: InboxView) -> Inbox {
        Inbox {
            unread: page.unread as usize,
            counts: page
                .counts
                .into_iter()
                .map(|(status, n)| (status, n as usize))
                .collect(),
            parts: page.parts,
            next: page.next,
        }
    }
}

impl Inbox {
    /// Parts in the whole inbox at `status`, or at any stage.
    pub fn count(&self, status: Option<InquiryStatus>) -> usize {
        match status {
            Some(s) => self.counts.get(&s).copied().unwrap_or(0),
            None => self.counts.values().sum(),
        }
    }

    /// Appends the next page. A part already on screen (the cursor makes that unlikely) is
    /// not shown twice; the counts and cursor become the newer page's.
    pub fn extend(&mut self, page: Inbox) {
        let Inbox {
            unread,
            counts,
            parts,
            next,
        } = page;
        for part in parts {
            if !self.parts.iter().any(|p| p.reference == part.reference) {
                self.parts.push(part);
            }
        }
        self.unread = unread;
        self.counts = counts;
        self.next = next;
    }

    /// Puts the server's answer for a part in place of the one on screen, moving it between
    /// the stage counts and off the unread count as it changed.
    pub fn replace(&mut self, updated: PartView) {
        let Some(old) = self
            .parts
            .iter_mut()
            .find(|p| p.reference == updated.reference)
        else {
            return;
        };
        if old.status != updated.status {
            if let Some(n) = self.counts.get_mut(&old.status) {
                *n = n.saturating_sub(1);
            }
            *self.counts.entry(updated.status).or_default() += 1;
        }
        if !old.read && updated.read {
            self.unread = self.unread.saturating_sub(1);
        }
        *old = updated;
    }

    /// Marks a part on screen read.
    pub fn mark_read(&mut self, reference: &str) {
        if let Some(part) = self.parts.iter().find(|p| p.reference == reference) {
            let read = PartView {
                read: true,
                ..part.clone()
            };
            self.replace(read);
        }
    }
}

/// A page of the parts at `base` (`Base::inquiries`: the signed-in seller's, or a member's
/// for their operator), newest first: at one stage or all, after the `before` cursor or from
/// the top.
pub async fn inbox(
    base: &str,
    status: Option<InquiryStatus>,
    before: Option<&str>,
) -> Result<Inbox, ApiError> {
    let mut query: Vec<(&str, &str)> = Vec::new();
    if let Some(status) = status {
        query.push(("status", status.slug()));
    }
    if let Some(before) = before {
        query.push(("before", before));
    }
    let res = Request::get(base)
        .query(query)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal::<InboxView>(res).await.map(Inbox::from)
}

/// Marks a part as opened.
pub async fn mark_read(csrf: &str, reference: &str) -> Result<(), ApiError> {
    let res = Request::post(&format!("/api/seller/inquiries/{reference}/read"))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        Err(refusal(res).await)
    }
}

/// Moves the part at `url` (`Base::inquiry`) on and/or replies to the buyer; the server
/// checks the move is legal.
pub async fn update(
    url: &str,
    csrf: &str,
    status: Option<InquiryStatus>,
    reply: Option<&str>,
) -> Result<PartView, ApiError> {
    let body = UpdateBody {
        status: status.map(|s| s.slug().to_string()),
        reply: reply.map(str::to_string),
    };
    send_json(Request::post(url).header("x-csrf-token", csrf), &body).await
}

/// Sends a quote for the part at `url` (`Base::quote`): the next revision.
pub async fn send_quote(url: &str, csrf: &str, quote: &Quote) -> Result<PartView, ApiError> {
    send_json(Request::post(url).header("x-csrf-token", csrf), quote).await
}

/// The buyer accepts or declines `seller_id`'s quote; answers the inquiry as it now is.
pub async fn decide(
    token: &str,
    seller_id: &str,
    body: &DecisionBody,
) -> Result<Tracked, ApiError> {
    send_json(
        Request::post(&format!(
            "/api/inquiries/track/{token}/parts/{seller_id}/decision"
        )),
        body,
    )
    .await
}

/// `GET /api/insights`: where demand comes from, as counts of inquiries.
pub async fn insights() -> Result<Insights, ApiError> {
    let res = Request::get("/api/insights")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use InquiryStatus::*;

    fn part(reference: &str, status: InquiryStatus, read: bool) -> PartView {
        PartView {
            reference: reference.into(),
            form: InquiryForm::Purchase(Box::default()),
            created_at: "2026-11-25T01:00:00.000Z".into(),
            updated_at: "2026-11-25T01:00:00.000Z".into(),
            status,
            read,
            events: Vec::new(),
            quotes: Vec::new(),
        }
    }

    fn page(parts: Vec<PartView>, counts: &[(InquiryStatus, usize)], unread: usize) -> Inbox {
        Inbox {
            unread,
            counts: counts.iter().copied().collect(),
            parts,
            next: None,
        }
    }

    #[test]
    fn an_answer_moves_a_part_between_the_counts_and_off_unread() {
        let mut inbox = page(
            vec![part("PQ-1", New, false), part("PQ-2", New, true)],
            &[(New, 5), (Won, 1)],
            3,
        );
        assert_eq!((inbox.count(None), inbox.count(Some(New))), (6, 5));
        inbox.replace(part("PQ-1", Quoted, true));
        assert_eq!(inbox.count(Some(New)), 4);
        assert_eq!(inbox.count(Some(Quoted)), 1);
        assert_eq!(inbox.count(None), 6, "a move, not a new part");
        assert_eq!(inbox.unread, 2);
        assert_eq!(inbox.parts[0].status, Quoted);
        // A reply alone changes neither; a part not on screen changes nothing.
        inbox.replace(part("PQ-1", Quoted, true));
        inbox.replace(part("PQ-9", Won, true));
        assert_eq!(
            (
                inbox.count(Some(Quoted)),
                inbox.count(Some(Won)),
                inbox.unread
            ),
            (1, 1, 2)
        );
    }

    #[test]
    fn reading_counts_once() {
        let mut inbox = page(vec![part("PQ-1", New, false)], &[(New, 1)], 1);
        inbox.mark_read("PQ-1");
        inbox.mark_read("PQ-1");
        assert_eq!(inbox.unread, 0);
        assert!(inbox.parts[0].read);
        assert_eq!(inbox.count(Some(New)), 1);
    }

    #[test]
    fn the_next_page_appends_without_repeats_and_brings_fresh_counts() {
        let mut inbox = page(
            vec![part("PQ-3", New, false), part("PQ-2", New, false)],
            &[(New, 3)],
            3,
        );
        inbox.next = Some("PQ-2".into());
        let older = page(
            vec![part("PQ-2", New, false), part("PQ-1", Won, true)],
            &[(New, 3), (Won, 1)],
            4,
        );
        inbox.extend(older);
        let refs: Vec<&str> = inbox.parts.iter().map(|p| p.reference.as_str()).collect();
        assert_eq!(refs, ["PQ-3", "PQ-2", "PQ-1"]);
        assert_eq!(
            (inbox.count(None), inbox.unread, inbox.next.as_deref()),
            (4, 4, None)
        );
    }

    #[test]
    fn counts_decode_by_stage_slug() {
        let inbox: InboxView = serde_json::from_str(
            r#"{"unread":1,"counts":{"new":2,"quoted":1,"won":0,"lost":0,"closed":0,"replied":0},"parts":[],"next":"PQ-2026-000007"}"#,
        )
        .unwrap();
        let inbox = Inbox::from(inbox);
        assert_eq!(inbox.count(Some(New)), 2);
        assert_eq!(inbox.count(None), 3);
        assert_eq!(inbox.next.as_deref(), Some("PQ-2026-000007"));
    }
}
