//! Listing drafts and the outbox, kept on the phone.
//!
//! Every edit is written to localStorage at once, so a reload, a closed tab or a dead
//! battery loses nothing. A save or publish that cannot reach the server waits in the
//! outbox (the draft with `pending` set) and is sent when the browser says it is online
//! again; the server's PUT is idempotent, so sending twice is harmless.

use etalase_model::rules::new_id;
use etalase_model::{Category, Date, ListingStatus, PriceTier, Product, Rupiah, Unit};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::seller::put_listing;
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::CatalogResource;
use crate::retry_waiting::retry_waiting;
use crate::seller::staff_session::{use_staff_session, StaffSession};
use crate::seller::workspace::{MemberRef, Workspace};
use crate::session::{use_session, Session};
use crate::storage;

const PREFIX: &str = "etalase.draft.";
/// Prefix of ids the app gives listings that have never reached the server.
pub const NEW_PREFIX: &str = "baru-";

/// A listing as edited on this phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub product: Product,
    /// Random part of the id, kept so the id can follow the name until the first save.
    pub suffix: String,
    /// Whether the server has this listing (then its id is fixed).
    pub on_server: bool,
    /// Waiting in the outbox to be sent with this status.
    pub pending: Option<ListingStatus>,
    /// The staff id of the cooperative operator who edits this draft for its seller on this
    /// phone; `None` when the seller does. Only that operator's session sends it, so a
    /// shared phone never sends a member's own draft under the operator's name.
    #[serde(default)]
    pub made_by: Option<String>,
}

impl Draft {
    /// An empty listing of `seller_id` with a fresh random id. The owner is stamped now
    /// because a phone may be shared: drafts are only ever shown to, and sent for, the
    /// seller who wrote them.
    pub fn new(today: Date, seller_id: &str) -> Draft {
        let suffix = random_suffix();
        Draft {
            product: Product {
                id: format!("{NEW_PREFIX}{suffix}"),
                seller_id: seller_id.to_string(),
                village_slug: String::new(),
                category: Category::Kerupuk,
                name_id: String::new(),
                name_en: String::new(),
                description_id: String::new(),
                description_en: String::new(),
                unit: Unit::Pack,
                moq: 10,
                tiers: vec![PriceTier {
                    min_qty: 10,
                    price: Rupiah(0),
                }],
                case_size: None,
                lead_time_days: 3,
                monthly_capacity: 100,
                shelf_life_days: None,
                packaging_id: String::new(),
                packaging_en: String::new(),
                storage_id: String::new(),
                storage_en: String::new(),
                export_ready: false,
                hs_code: None,
                certificates: Vec::new(),
                photos: Vec::new(),
                status: ListingStatus::Draft,
                created: today,
            },
            suffix,
            on_server: false,
            pending: None,
            made_by: None,
        }
    }

    /// A listing loaded from the server.
    pub fn from_server(product: Product) -> Draft {
        let suffix = product
            .id
            .rsplit('-')
            .next()
            .unwrap_or_default()
            .to_string();
        Draft {
            product,
            suffix,
            on_server: true,
            pending: None,
            made_by: None,
        }
    }

    /// The product as it will be sent with `status`. A listing that never reached the
    /// server gets its readable id now (`amplang-ikan-pipih-3f9a1c`); after that the id
    /// never changes, so retries land on the same row.
    pub fn outgoing(&self, status: ListingStatus) -> Product {
        let mut product = self.product.clone();
        product.status = status;
        if !self.on_server {
            product.id = new_id(&product.name_id, &self.suffix);
        }
        product
    }
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 4];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(crypto) = crypto {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 4] {
        let r = js_sys::Math::random();
        bytes = ((r * f64::from(u32::MAX)) as u32).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a draft (under its current id).
pub fn save(draft: &Draft) {
    if let Ok(json) = serde_json::to_string(draft) {
        storage::set(&format!("{PREFIX}{}", draft.product.id), &json);
    }
}

pub fn load(id: &str) -> Option<Draft> {
    serde_json::from_str(&storage::get(&format!("{PREFIX}{id}"))?).ok()
}

pub fn remove(id: &str) {
    storage::remove(&format!("{PREFIX}{id}"));
}

/// A draft by id, if it belongs to `seller_id` (another seller may have used this phone).
pub fn load_own(id: &str, seller_id: &str) -> Option<Draft> {
    load(id).filter(|d| d.product.seller_id == seller_id)
}

/// `seller_id`'s drafts on this phone, sorted by name. Drafts of other sellers who signed
/// in on the same phone stay where they are, unseen, until their owner signs in again.
pub fn all(seller_id: &str) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = storage::keys_with_prefix(PREFIX)
        .iter()
        .filter_map(|key| load_own(&key[PREFIX.len()..], seller_id))
        .collect();
    drafts.sort_by(|a, b| a.product.name_id.cmp(&b.product.name_id));
    drafts
}

/// What happened to one send.
#[derive(Debug, Clone, PartialEq)]
pub enum SendResult {
    /// The server has it; the saved product (with the server's owner and dates).
    Sent(Box<Product>),
    /// No connection: it waits in the outbox.
    Queued,
    /// The server refused it; nothing will be retried until the seller changes something.
    Refused(ApiError),
}

/// Sends `draft` with `status` in `workspace` (the seller's own, or a member's for their
/// operator). On success the local copy is dropped (the server has it); without a
/// connection the draft is kept with `pending` set, for [`Outbox`] to send.
pub async fn send(workspace: &Workspace, mut draft: Draft, status: ListingStatus) -> SendResult {
    let Some(csrf) = workspace.csrf() else {
        return SendResult::Refused(ApiError::Refused(ErrorCode::SignInRequired));
    };
    let outgoing = draft.outgoing(status);
    let old_id = draft.product.id.clone();
    match put_listing(&workspace.api().listing(&outgoing.id), &csrf, &outgoing).await {
        Ok(saved) => {
            remove(&old_id);
            remove(&saved.id);
            SendResult::Sent(Box::new(saved))
        }
        Err(ApiError::Network) => {
            // Fix the id now: the queued copy must be retried under the same name.
            remove(&old_id);
            draft.product = outgoing;
            draft.pending = Some(status);
            save(&draft);
            SendResult::Queued
        }
        Err(err) => SendResult::Refused(err),
    }
}

/// Drafts waiting to be sent that operator `operator` made for members on this phone.
fn pending_made_by(operator: &str) -> Vec<Draft> {
    storage::keys_with_prefix(PREFIX)
        .iter()
        .filter_map(|key| load(&key[PREFIX.len()..]))
        .filter(|d| d.pending.is_some() && d.made_by.as_deref() == Some(operator))
        .collect()
}

/// How many of a seller's drafts wait to be sent. The buyer's app reads this for the header
/// badge; only the seller's app (which has the outbox) sends them.
pub fn waiting(seller_id: &str) -> usize {
    all(seller_id)
        .iter()
        .filter(|d| d.pending.is_some())
        .count()
}

/// The drafts waiting to be sent, visible to every page of the seller's app, sent when the connection returns.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Number of drafts waiting (tracked by the UI).
    pub waiting: RwSignal<usize>,
    /// How many were sent by the last flush, for a short confirmation.
    pub last_sent: RwSignal<usize>,
    session: Session,
    staff: StaffSession,
    catalog: Option<CatalogResource>,
    /// A flush is under way: a second one (the retry timer, `online`, a sign-in) does not
    /// send the same draft twice at once, but runs once the first ends (`again`), so a
    /// sign-in in the meantime still sends that person's drafts.
    sending: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl Outbox {
    /// Recounts the waiting drafts from storage: the signed-in seller's own, and those the
    /// signed-in operator made for members (counted too, or the retry every few seconds
    /// never ran for them and they waited for the phone's network to change).
    pub fn recount(&self) {
        let own = self.session.seller_id().map_or(0, |id| waiting(&id));
        let for_members = self
            .staff
            .operator_id()
            .map_or(0, |operator| pending_made_by(&operator).len());
        self.waiting.set(own + for_members);
    }

    /// Sends every waiting draft once: the seller's own, and those an operator made for
    /// members on this phone; stops at the first network failure.
    pub fn flush(&self) {
        if self.sending.get_value() {
            self.again.set_value(true);
            return;
        }
        self.sending.set_value(true);
        let outbox = *self;
        let (session, staff) = (self.session, self.staff);
        spawn_local(async move {
            let own_id = session.seller_id();
            let mut queue: Vec<(Workspace, Draft)> = Vec::new();
            if let Some(id) = &own_id {
                let own = Workspace::own(session, staff);
                queue.extend(
                    all(id)
                        .into_iter()
                        .filter(|d| d.pending.is_some() && d.made_by.is_none())
                        .map(|d| (own.clone(), d)),
                );
            }
            if let Some(operator) = staff.operator_id() {
                queue.extend(pending_made_by(&operator).into_iter().map(|d| {
                    let member = MemberRef {
                        seller_id: d.product.seller_id.clone(),
                        name: String::new(),
                        village_slug: d.product.village_slug.clone(),
                    };
                    (Workspace::for_member(member, session, staff), d)
                }));
            }
            let mut sent = 0;
            for (workspace, draft) in queue {
                let status = draft.pending.expect("filtered");
                match send(&workspace, draft.clone(), status).await {
                    SendResult::Sent(_) => sent += 1,
                    SendResult::Queued => break,
                    SendResult::Refused(ApiError::Refused(ErrorCode::SignInRequired)) => {
                        workspace.signed_out();
                        break;
                    }
                    SendResult::Refused(_) => {
                        // Keep the draft to fix (or, a member who withdrew consent, to
                        // hand over), but stop retrying it.
                        let mut d = draft;
                        d.pending = None;
                        save(&d);
                    }
                }
            }
            outbox.sending.set_value(false);
            if outbox
                .again
                .try_update_value(std::mem::take)
                .unwrap_or(false)
            {
                outbox.flush();
            }
            outbox.recount();
            if sent > 0 {
                outbox.last_sent.set(sent);
                // Published listings are in the catalog now; show them.
                if let Some(catalog) = outbox.catalog {
                    catalog.0.refetch();
                }
            }
        });
    }
}

/// Provides the outbox, sends what waits now, when the browser comes back online and every
/// few seconds while drafts wait.
/// Call once in `SellerApp`, after the session.
pub fn provide_outbox() {
    let session = use_session();
    let staff = use_staff_session();
    let outbox = Outbox {
        waiting: RwSignal::new(0),
        last_sent: RwSignal::new(0),
        session,
        staff,
        catalog: use_context::<CatalogResource>(),
        sending: StoredValue::new(false),
        again: StoredValue::new(false),
    };
    provide_context(outbox);
    // Whenever the signed-in seller changes (sign-in, sign-out, another seller on the same
    // phone), count and send that seller's waiting drafts; the CSRF token comes with them.
    Effect::new(move |_| {
        // Both tracked: an operator signing in sends the drafts made for members.
        let (seller_in, staff_in) = (session.me().is_some(), staff.me().is_some());
        let signed_in = seller_in || staff_in;
        outbox.recount();
        if signed_in {
            outbox.flush();
        }
    });
    retry_waiting(
        move || outbox.waiting.get_untracked() > 0,
        move || outbox.flush(),
    );
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}
