//! Bodies of the district admin's cooperative and invitation endpoints.

use serde::{Deserialize, Serialize};

use crate::cooperative::StaffRole;

/// `POST /api/staff/invites`: the link to send, and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteCreated {
    /// The invitation page with its one-time token.
    pub link: String,
    /// `wa.me` with the message, to send from the admin's phone.
    pub whatsapp_url: String,
    /// UTC, `2026-12-12T10:00:00Z`.
    pub expires_at: String,
}

/// `GET /api/staff/invites/{token}`: whom the link invites, before they choose a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteView {
    pub name: String,
    pub role: StaffRole,
    /// The cooperative's name, for an operator.
    pub cooperative_name: Option<String>,
    pub expires_at: String,
}
