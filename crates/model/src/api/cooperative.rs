//! A cooperative operator's answers about their members.

use serde::{Deserialize, Serialize};

use crate::cooperative::Member;

/// A member just added (`POST /api/coop/members`), with the link that lets them claim the
/// account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddedMember {
    pub member: Member,
    /// The claim page, to send to the member. Works once.
    pub claim_url: String,
    /// A `wa.me` link that opens WhatsApp with the claim message to the member's number.
    pub whatsapp_url: String,
}
