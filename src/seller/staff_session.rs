//! The signed-in cooperative operator or facilitator, if any, apart from the seller session:
//! an operator who opens the app without signal still reaches the drafts made for members.

use etalase_model::cooperative::{StaffProfile, StaffRole};

use crate::api::staff::{self, StaffMe};
use crate::api::ApiError;
use crate::signed_in::{provide_signed_in, use_signed_in, Account, SignedIn};

/// The signed-in staff member, if any.
pub type StaffSession = SignedIn<StaffMe>;

impl Account for StaffMe {
    type Who = StaffProfile;
    const STORAGE_KEY: &'static str = "etalase.staff";

    fn who(&self) -> &StaffProfile {
        &self.staff
    }

    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    fn from_parts(staff: StaffProfile, csrf_token: String) -> Self {
        StaffMe { staff, csrf_token }
    }

    async fn ask_server() -> Result<Option<StaffMe>, ApiError> {
        staff::me().await
    }
}

impl SignedIn<StaffMe> {
    /// The signed-in operator's staff id, without tracking; `None` for a facilitator.
    pub fn operator_id(&self) -> Option<String> {
        self.with_me(|me| (me.staff.role == StaffRole::Operator).then(|| me.staff.id.clone()))
            .flatten()
    }
}

/// Provides the staff session and checks it with the server; call once in `SellerApp`.
pub fn provide_staff_session() {
    provide_signed_in::<StaffMe>();
}

pub fn use_staff_session() -> StaffSession {
    use_signed_in()
}
