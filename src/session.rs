//! Who is signed in as a seller, shared by the header and the seller pages.

use etalase_model::Seller;

use crate::api::seller::{self, Me};
use crate::api::ApiError;
use crate::signed_in::{provide_signed_in, use_signed_in, Account, SignedIn};

/// The signed-in seller, if any.
pub type Session = SignedIn<Me>;

impl Account for Me {
    type Who = Seller;
    const STORAGE_KEY: &'static str = "etalase.me";

    fn who(&self) -> &Seller {
        &self.seller
    }

    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    fn from_parts(seller: Seller, csrf_token: String) -> Self {
        Me { seller, csrf_token }
    }

    async fn ask_server() -> Result<Option<Me>, ApiError> {
        seller::me().await
    }
}

impl SignedIn<Me> {
    /// The signed-in seller's id, without tracking.
    pub fn seller_id(&self) -> Option<String> {
        self.with_me(|me| me.seller.id.clone())
    }
}

/// Provides the seller session and checks it with the server; call once in `App`.
pub fn provide_session() {
    provide_signed_in::<Me>();
}

pub fn use_session() -> Session {
    use_signed_in()
}
