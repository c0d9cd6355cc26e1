//! The values the [`Store`](super::Store) trait takes and gives: records of accounts and
//! sessions, inquiries and their parts as stored, and the outcomes of writes. Plain data,
//! the same for every engine; the HTTP edge turns them into the model's wire types.

use etalase_model::cooperative::{ActorKind, StaffProfile};
use etalase_model::inquiry::{IllegalTransition, InquiryStatus};
use etalase_model::{ListingStatus, Seller};

/// A seller's sign-in credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub seller_id: String,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// A signed-in browser, found by the SHA-256 of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub seller_id: String,
    /// Sent back by the app in a header on every state-changing request.
    pub csrf_token: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A staff member's sign-in credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub profile: StaffProfile,
    /// argon2id PHC string.
    pub password_hash: String,
    /// `false` once the district deactivated the account: it can no longer sign in.
    pub active: bool,
}

/// The staff member making a change, for the audit log (their name as it is now, so the
/// log reads right after a rename).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditActor {
    pub id: String,
    pub name: String,
}

impl From<&StaffProfile> for AuditActor {
    fn from(profile: &StaffProfile) -> AuditActor {
        AuditActor {
            id: profile.id.clone(),
            name: profile.name.clone(),
        }
    }
}

/// A signed-in staff browser, found by the SHA-256 of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSessionRecord {
    pub staff_id: String,
    pub csrf_token: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Who is saving a listing, recorded in its history in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    /// Seller or staff id.
    pub id: String,
    /// The name shown in the history.
    pub name: String,
}

/// A member added by an operator, not yet claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMemberRecord {
    pub seller: Seller,
    /// The operator's cooperative (village slug).
    pub cooperative: String,
    pub added_by: String,
    /// SHA-256 of the claim link's token.
    pub claim_token_hash: String,
}

/// A stored photo file, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub sha256: String,
    pub seller_id: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// Whether the photo coach found nothing to improve; `None` if it did not measure.
    pub good_photo: Option<bool>,
}

/// What saving a listing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored; `previous` is the status before (`None` for a new listing), so the caller
    /// knows whether the public catalog changed.
    Saved {
        previous: Option<ListingStatus>,
        /// The listing's creation day (kept from the first save).
        created: etalase_model::Date,
    },
    /// The id belongs to another seller's listing; nothing was written.
    NotOwner,
}

/// An inquiry to store: the form as JSON and one part per seller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub kind: etalase_model::InquiryKind,
    /// Reference year (the seq is the row id).
    pub year: u16,
    pub idempotency_key: String,
    /// Unguessable; the buyer's private tracking link.
    pub tracking_token: String,
    pub doc: String,
    /// Seller id and that seller's lines as JSON.
    pub parts: Vec<(String, String)>,
    /// UTC timestamp (`2026-11-23T10:00:00.000Z`); `None` is the moment of the commit. Only
    /// demo data backdates, so the insights have months to show.
    pub created_at: Option<String>,
    /// Notices of this inquiry (the buyer's receipt, each seller's), written to the outbox
    /// in its transaction, due at once; none when the key had been used already.
    pub notices: Vec<NewNotice>,
}

/// A notice to write to the outbox with the event that causes it. The store keeps `notice`
/// as it is given (the sender's facts, JSON); its key is the inquiry's id, the event's id
/// for an answer, `name` and the channel, so writing the same event twice adds one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    /// What the notice is about within its inquiry (`receipt`, `seller:{id}`…).
    pub name: String,
    pub channel: NoticeChannel,
    /// The seller it is for or about, if any: a seller's address is read when it is sent.
    pub seller_id: Option<String>,
    pub notice: String,
}

impl NewNotice {
    /// `{inquiry}:{name}:{channel}`, or `{inquiry}:{event}:{name}:{channel}` for an answer's.
    pub fn key(&self, inquiry_id: i64, event_id: Option<i64>) -> String {
        let channel = self.channel.slug();
        match event_id {
            Some(event) => format!("{inquiry_id}:{event}:{}:{channel}", self.name),
            None => format!("{inquiry_id}:{}:{channel}", self.name),
        }
    }
}

/// A browser a seller receives push notices in: its push service's endpoint and its keys
/// for message encryption (base64url, as the browser gave them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscriptionRecord {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// How a notice travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeChannel {
    Email,
    Push,
}

impl NoticeChannel {
    pub fn slug(self) -> &'static str {
        match self {
            NoticeChannel::Email => "email",
            NoticeChannel::Push => "push",
        }
    }

    pub fn from_slug(slug: &str) -> Option<NoticeChannel> {
        match slug {
            "email" => Some(NoticeChannel::Email),
            "push" => Some(NoticeChannel::Push),
            _ => None,
        }
    }
}

/// A due notice the sender has claimed (until `lease` runs out), with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedNotice {
    pub id: i64,
    /// Unique per event and channel: the e-mail's Message-ID is made from it, so a copy
    /// sent again after a crash is recognisably the same message.
    pub key: String,
    pub channel: NoticeChannel,
    pub notice: String,
    /// This claim's number (1 for the first try); finishing names it, so a sender whose
    /// lease ran out cannot overwrite a later claim's outcome.
    pub attempt: u32,
    pub reference: String,
    pub kind: String,
    pub tracking_token: String,
    /// The buyer's form, as stored.
    pub doc: String,
    pub seller_id: Option<String>,
    /// The address the seller gave for notices, read now.
    pub seller_email: Option<String>,
    /// The addresses the active operators of the seller's cooperative gave, read now.
    pub cooperative_emails: Vec<String>,
}

/// What became of one claimed notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeOutcome {
    Sent,
    /// Not sent, and never will be: no address, or the channel is off. The reason is kept.
    Off(String),
    /// Failed for now; claimed again at `due_at_ms` (Unix milliseconds).
    Retry {
        due_at_ms: i64,
        error: String,
    },
    /// Failed for good (refused, or out of retries); staff see it.
    Failed(String),
}

/// A notice that could not be delivered, for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedNotice {
    pub key: String,
    pub channel: NoticeChannel,
    pub reference: String,
    pub attempts: u32,
    pub created_at: String,
    pub failed_at: Option<String>,
    pub error: String,
}

/// A stored inquiry as its sender sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInquiry {
    pub reference: String,
    pub tracking_token: String,
    /// False when the idempotency key had already been used: this is the earlier inquiry.
    pub created: bool,
}

/// An inquiry found by its tracking token.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedInquiry {
    pub reference: String,
    pub kind: String,
    pub created_at: String,
    pub doc: String,
    pub parts: Vec<BuyerPart>,
}

/// One seller's part as the buyer sees it: who answers, where it stands, what was said.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerPart {
    pub seller_id: String,
    /// `None` only if the seller row is gone (it never is deleted today).
    pub seller: Option<Seller>,
    /// The seller's village by name, for the buyer who does not know the slug.
    pub village_name: Option<String>,
    pub status: String,
    /// The part's lines as JSON.
    pub items: String,
    pub updated_at: String,
    pub events: Vec<PartEvent>,
    /// Every revision of the seller's quote, oldest first.
    pub quotes: Vec<StoredQuote>,
}

/// One entry of a part's history: a status change, a reply, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartEvent {
    /// UTC, `2026-11-23T10:00:00.000Z`.
    pub at: String,
    /// The acting seller's business name when it happened: history keeps the name the buyer
    /// saw, even if the seller renames later.
    pub actor: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reply: Option<String>,
    /// Why the system moved the part (`expired`); `None` for people's moves.
    pub reason: Option<String>,
}

/// One seller's part of an inquiry, with what the seller needs to answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxPart {
    pub reference: String,
    pub kind: String,
    pub created_at: String,
    /// The buyer's whole form as JSON, every seller's lines included: the HTTP edge keeps
    /// only this seller's ([`InboxPart::items`]).
    pub doc: String,
    pub status: String,
    /// This seller's lines as JSON.
    pub items: String,
    pub read: bool,
    pub updated_at: String,
    /// Oldest first.
    pub events: Vec<PartEvent>,
    /// Every revision of the seller's quote, oldest first.
    pub quotes: Vec<StoredQuote>,
}

/// One revision of a seller's quote, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQuote {
    pub revision: u32,
    /// Who sent it: the seller's business name, or their operator's.
    pub actor: String,
    /// The `Quote` as JSON.
    pub doc: String,
    pub sent_at: String,
}

/// A quote to send for a seller's part: the next revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuote {
    pub seller_id: String,
    pub reference: String,
    pub actor: String,
    /// The checked `Quote` as JSON.
    pub doc: String,
    /// UTC timestamp; `None` is now. Only demo data backdates its history.
    pub at: Option<String>,
    /// The buyer's notice, keyed by the event that records the quote.
    pub notices: Vec<NewNotice>,
}

/// The buyer's answer to revision `revision` of a seller's quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteAnswer {
    pub tracking_token: String,
    pub seller_id: String,
    pub revision: u32,
    /// Won (accepted) or Lost (declined).
    pub status: InquiryStatus,
    /// The buyer's organisation, for the history.
    pub actor: String,
    /// Why they declined.
    pub reason: Option<String>,
    pub notices: Vec<NewNotice>,
}

/// What answering a quote did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerOutcome {
    Answered,
    /// No such token, or no part of it for this seller.
    NotFound,
    /// The part is not waiting for an answer (not quoted, or already decided), or the
    /// seller has sent a newer revision since the buyer looked: nothing was written.
    Stale,
}

/// A part that may close itself: not yet decided, with its latest quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPart {
    pub reference: String,
    pub kind: String,
    /// The buyer's form (an RFQ's `valid_until` is in it).
    pub doc: String,
    pub seller_id: String,
    pub status: String,
    pub latest_quote: Option<StoredQuote>,
}

/// Closes a part as expired, if it is still as it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredPart {
    pub reference: String,
    pub seller_id: String,
    pub status_seen: InquiryStatus,
    pub revision_seen: Option<u32>,
    pub notices: Vec<NewNotice>,
}

/// Which page of a seller's inbox to read. The default is the whole inbox (the CSV).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxPage {
    /// Only parts at this stage.
    pub status: Option<InquiryStatus>,
    /// Only parts of inquiries older than this one: the last reference of the page before.
    /// A cursor rather than an offset, so an inquiry arriving between two pages neither
    /// repeats a part nor skips one. A reference without a part for this seller gives an
    /// empty page.
    pub before: Option<String>,
    /// At most this many parts.
    pub limit: Option<u32>,
}

impl InboxPage {
    /// The whole inbox at one stage.
    pub fn only(status: InquiryStatus) -> InboxPage {
        InboxPage {
            status: Some(status),
            ..InboxPage::default()
        }
    }
}

/// A page of a seller's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbox {
    /// Unread parts of the whole inbox, whatever the filter: it is the badge on the menu.
    pub unread: u32,
    /// Parts of the whole inbox at each stage, every stage listed (zero included), in
    /// [`InquiryStatus::ALL`]'s order: the filter tabs' counts, whatever page this is.
    pub counts: Vec<(InquiryStatus, u32)>,
    /// Newest inquiry first.
    pub parts: Vec<InboxPart>,
    /// Whether older parts (under the same filter) follow this page.
    pub more: bool,
}

impl Inbox {
    /// Builds the page from up to `limit + 1` parts read (the one beyond the page tells
    /// whether more follow) and the stores' `(status slug, count)` rows.
    pub(crate) fn from_rows(
        unread: u32,
        counted: impl IntoIterator<Item = (String, u32)>,
        mut parts: Vec<InboxPart>,
        limit: Option<u32>,
    ) -> Inbox {
        let counted: Vec<(String, u32)> = counted.into_iter().collect();
        let counts = InquiryStatus::ALL
            .into_iter()
            .map(|s| {
                let n = counted
                    .iter()
                    .filter(|(slug, _)| slug == s.slug())
                    .map(|(_, n)| n)
                    .sum();
                (s, n)
            })
            .collect();
        let more = limit.is_some_and(|l| parts.len() > l as usize);
        if let Some(l) = limit {
            parts.truncate(l as usize);
        }
        Inbox {
            unread,
            counts,
            parts,
            more,
        }
    }
}

/// A seller's answer to their part: a status move, a reply, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartUpdate {
    pub seller_id: String,
    pub reference: String,
    /// The seller's business name, recorded with the event.
    pub actor: String,
    pub status: Option<InquiryStatus>,
    /// Already trimmed and checked; `None` for a status change alone.
    pub reply: Option<String>,
    /// UTC timestamp; `None` is now. Only demo data backdates its history.
    pub at: Option<String>,
    /// Notices of this answer (the buyer's), written with its event; keyed by the event.
    pub notices: Vec<NewNotice>,
}

/// What answering a part did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateOutcome {
    Updated(Box<InboxPart>),
    /// No such reference, or no part of it for this seller: the same answer, so nobody
    /// learns what other sellers were asked.
    NotFound,
    /// The stored status does not allow the move; nothing was written.
    Illegal(IllegalTransition),
}

/// One seller part as demand statistics need it: nothing that names the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandRow {
    /// Counts are of distinct inquiries, so parts of one basket share this.
    pub inquiry_id: i64,
    pub kind: String,
    pub created_at: String,
    /// Export RFQs only.
    pub destination_country: Option<String>,
    /// The village of the part's seller.
    pub village_slug: String,
    pub product_ids: Vec<String>,
    /// The part's stage, slug as stored.
    pub status: String,
    /// The part's lines: product, quantity and unit as the buyer wrote them.
    pub lines: Vec<DemandLine>,
    /// The seller's latest quote for the part (a `Quote` as JSON), if any.
    pub latest_quote: Option<String>,
}

/// One line of a part, for the district's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct DemandLine {
    pub product_id: String,
    #[serde(default)]
    pub quantity: u64,
    /// The unit's wire name (`kg`, `ton`, `container_20ft`, `bottle`…).
    #[serde(default)]
    pub unit: String,
}

/// The status a part moves to when its seller answers. Every [`Store`] applies this inside
/// the transaction that writes the answer, against the status it has just re-read, so two
/// answers at once cannot both move the part from the same stage.
///
/// A requested status must be a legal move; a reply alone to a new part answers it
/// (`replied`). `Ok(None)`: the status stays.
pub fn next_status(
    current: InquiryStatus,
    requested: Option<InquiryStatus>,
    replied: bool,
) -> Result<Option<InquiryStatus>, IllegalTransition> {
    match requested {
        Some(next) => current.transition(next).map(Some),
        None if replied && current == InquiryStatus::New => Ok(Some(InquiryStatus::Replied)),
        None => Ok(None),
    }
}

/// What `/api/health` reports about the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreHealth {
    /// Engine name, e.g. `sqlite`.
    pub engine: &'static str,
    /// Schema version after migrations.
    pub schema_version: usize,
}

/// Why a partnership was not saved or ended; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnershipRefusal {
    /// No partnership has the id (when ending one).
    NotFound,
    /// No partner has the partnership's `partner_slug`.
    UnknownPartner,
    /// These of its village slugs name no village, in the order given.
    UnknownVillages(Vec<String>),
    /// Ending it would break the model's rules (an end year before its start): the fields.
    Invalid(Vec<etalase_model::rules::FieldError>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use InquiryStatus::*;

    #[test]
    fn a_reply_alone_answers_only_a_new_part() {
        assert_eq!(next_status(New, None, true), Ok(Some(Replied)));
        assert_eq!(
            next_status(Quoted, None, true),
            Ok(None),
            "a revised quote stays quoted"
        );
        assert_eq!(next_status(Replied, None, true), Ok(None));
        assert_eq!(next_status(New, None, false), Ok(None));
        assert_eq!(next_status(New, Some(Quoted), true), Ok(Some(Quoted)));
        assert_eq!(
            next_status(New, Some(Won), true),
            Err(IllegalTransition { from: New, to: Won })
        );
        assert!(next_status(Won, Some(Closed), false).is_err(), "final");
        assert!(
            next_status(Quoted, Some(Quoted), true).is_err(),
            "staying is no move"
        );
    }
}

/// An invitation as stored: the SHA-256 of its token, whom it invites, until when (Unix
/// seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteRecord {
    pub token_hash: String,
    pub invite: etalase_model::district::NewInvite,
    pub expires_at: i64,
}
