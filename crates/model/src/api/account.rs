//! Sessions: what the app learns about whoever signed in, and a member's consent.

use serde::{Deserialize, Serialize};

use crate::cooperative::StaffProfile;
use crate::Seller;

/// The signed-in seller, as `GET /api/auth/me`, register, login and claim answer. The CSRF
/// token is here because the session cookie is HttpOnly: this answer is the only way the
/// app's code learns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub seller: Seller,
    pub csrf_token: String,
}

/// The signed-in operator or facilitator and their CSRF token (`/api/staff/me`, login).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMe {
    pub staff: StaffProfile,
    pub csrf_token: String,
}

/// A member's consent, as `PUT /api/seller/cooperative` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    /// Whether the cooperative's operator may list, edit and answer for this seller.
    pub operator_may_act: bool,
}
