//! Parts that close themselves: a quote whose validity passed without an answer, and an RFQ
//! past its "valid until" that no quote answered, become Closed (reason `expired`), and both
//! sides are told. The rule is the model's ([`part_expires`]); this applies it to the open
//! parts, once before the server serves and then every hour (replicas may all run it: a part closes once,
//! since closing re-checks what was seen).

use std::sync::Arc;
use std::time::Duration;

use etalase_model::inquiry::{part_expires, ExportInquiry, InquiryStatus, Quote};
use etalase_model::Date;

use crate::clock::today_in_kalimantan;
use crate::notices::facts::for_expiry;
use crate::notices::sender::Wake;
use crate::snapshot::Snapshots;
use crate::store::{ExpiredPart, OpenPart, Store, StoreError};

const EVERY: Duration = Duration::from_secs(3600);

/// Whether closing a part tells its buyer and seller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tell {
    Both,
    /// The demo's made-up history, closed as it is seeded: nobody to tell.
    Nobody,
}

/// Closes every open part that has lapsed on `today`; returns how many. `seller_name`
/// names the seller in the notices.
pub async fn expire_lapsed(
    store: &dyn Store,
    today: Date,
    seller_name: impl Fn(&str) -> String,
    tell: Tell,
) -> Result<usize, StoreError> {
    let mut closed = 0;
    for part in store.open_parts().await? {
        let Some(mut expired) = lapsed(&part, today, &seller_name) else {
            continue;
        };
        if tell == Tell::Nobody {
            expired.notices.clear();
        }
        if store.expire_part(expired).await? {
            tracing::info!(reference = %part.reference, seller = %part.seller_id, "part expired");
            closed += 1;
        }
    }
    Ok(closed)
}

/// The closing of `part`, if it has lapsed on `today`. A row that does not read is left
/// open (and logged): closing on a misread date would be worse.
fn lapsed(
    part: &OpenPart,
    today: Date,
    seller_name: &impl Fn(&str) -> String,
) -> Option<ExpiredPart> {
    let status: InquiryStatus = part.status.parse().ok()?;
    let quote: Option<Quote> = match &part.latest_quote {
        Some(q) => match serde_json::from_str(&q.doc) {
            Ok(quote) => Some(quote),
            Err(e) => {
                tracing::warn!(reference = %part.reference, error = %e, "unreadable quote");
                return None;
            }
        },
        None => None,
    };
    let valid_until = if part.kind == "export" {
        serde_json::from_str::<ExportInquiry>(&part.doc)
            .ok()
            .and_then(|f| f.valid_until)
    } else {
        None
    };
    part_expires(status, quote.as_ref(), valid_until, today).then(|| ExpiredPart {
        reference: part.reference.clone(),
        seller_id: part.seller_id.clone(),
        status_seen: status,
        revision_seen: part.latest_quote.as_ref().map(|q| q.revision),
        notices: for_expiry(&part.seller_id, &seller_name(&part.seller_id)),
    })
}

/// Runs [`expire_lapsed`] every hour (the server runs it once before it serves), waking the
/// notices' sender after a closing, and republishes the catalog, whose sellers' typical
/// reply times move with the answers of the hour (an unchanged catalog keeps its version).
pub fn spawn(store: Arc<dyn Store>, snapshots: Arc<Snapshots>, wake: Wake) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            snapshots.request_rebuild(Arc::clone(&store));
            let catalog = snapshots.current().catalog.clone();
            let name = |id: &str| {
                catalog
                    .seller(id)
                    .map_or_else(|| id.to_string(), |s| s.name.clone())
            };
            match expire_lapsed(store.as_ref(), today_in_kalimantan(), name, Tell::Both).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(parts = n, "closed lapsed parts");
                    wake.now();
                }
                Err(e) => tracing::warn!(error = %e, "could not close lapsed parts"),
            }
        }
    });
}
