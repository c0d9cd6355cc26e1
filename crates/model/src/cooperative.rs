//! Village cooperatives (Koperasi Desa Merah Putih) acting for their members.
//!
//! Every village has one cooperative, so a cooperative is named by its village's slug. Many
//! members will never run an account themselves: an operator adds them, lists and edits
//! their products and answers their inquiries. Who may do that, and the record of who did,
//! are defined here once for the server and the app.

use serde::{Deserialize, Serialize};

use crate::{ListingStatus, Seller};

/// What a signed-in staff account is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StaffRole {
    /// Runs a cooperative's account: acts for the members who allow it.
    Operator,
    /// A village facilitator (DPMD / KPMD): reads across villages, verifies sellers and
    /// moderates listings.
    Facilitator,
    /// The district (DPMD of the regency): everything a facilitator does, plus staff
    /// accounts and suspending sellers.
    Admin,
}

impl StaffRole {
    /// Reviews reports and hides or restores listings.
    pub fn may_moderate(self) -> bool {
        matches!(self, StaffRole::Facilitator | StaffRole::Admin)
    }

    /// Suspends sellers, manages staff accounts and reads the audit log.
    pub fn is_admin(self) -> bool {
        self == StaffRole::Admin
    }

    /// Whether staff of this role (and, for an operator, this cooperative) may mark a
    /// seller of `seller_village` verified: the operator of the seller's own village's
    /// cooperative, who knows them, or anyone who moderates.
    pub fn may_verify(self, cooperative: Option<&str>, seller_village: &str) -> bool {
        match self {
            StaffRole::Operator => cooperative == Some(seller_village),
            StaffRole::Facilitator | StaffRole::Admin => true,
        }
    }
}

/// A signed-in operator or facilitator, as the app shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffProfile {
    pub id: String,
    pub name: String,
    pub role: StaffRole,
    /// The village slug of the operator's cooperative; `None` for facilitators.
    pub cooperative: Option<String>,
}

/// A seller's tie to their village's cooperative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    /// The cooperative's village slug.
    pub cooperative: String,
    /// The member's consent: a member who has claimed the account can withdraw it, and the
    /// operator then can no longer change anything of theirs.
    pub operator_may_act: bool,
    /// Whether the member has set their own password.
    pub claimed: bool,
}

impl Membership {
    /// Whether the operator of `cooperative` may act for this member. The one rule every
    /// on-behalf endpoint asks; answered the same for an unknown and a foreign member, so
    /// an operator cannot probe other cooperatives' members.
    pub fn lets_operator_of(&self, cooperative: &str) -> bool {
        self.operator_may_act && self.cooperative == cooperative
    }
}

/// A member as the operator's list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub seller: Seller,
    pub membership: Membership,
    /// Listings of every status.
    pub listings: u32,
    pub published: u32,
}

/// Who made a change: the seller themselves or an operator for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActorKind {
    Seller,
    Operator,
}

/// One save of a listing, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingChange {
    /// UTC, `2026-11-23T10:00:00.000Z`.
    pub at: String,
    pub actor: ActorKind,
    /// The name as it was then: the seller's business or the operator's own name.
    pub actor_name: String,
    /// The listing's status after this save.
    pub status: ListingStatus,
}

/// The link a new member receives on WhatsApp to claim the account: the app's claim page
/// with the token, and the `wa.me` link that sends it from the operator's phone.
pub fn claim_links(
    origin: &str,
    member_whatsapp: &str,
    token: &str,
    member_name: &str,
    cooperative_name: &str,
) -> (String, String) {
    let page = format!("{}/masuk/klaim/{token}", origin.trim_end_matches('/'));
    let text = format!(
        "Halo {member_name}, {cooperative_name} sudah mendaftarkan usaha Anda di Etalase Desa. \
         Buka tautan ini untuk membuat kata sandi Anda sendiri: {page}"
    );
    let number = member_whatsapp.trim_start_matches('+');
    let wa = format!("https://wa.me/{number}?text={}", uri_component(&text));
    (page, wa)
}

/// `encodeURIComponent`'s encoding, so the server builds the same links the app does.
pub(crate) fn uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operator_acts_only_for_consenting_members_of_its_own_cooperative() {
        let member = |cooperative: &str, operator_may_act: bool| Membership {
            cooperative: cooperative.into(),
            operator_may_act,
            claimed: true,
        };
        let table = [
            (member("sepatin", true), "sepatin", true),
            (member("sepatin", false), "sepatin", false),
            (member("muara-pantuan", true), "sepatin", false),
            (member("muara-pantuan", false), "sepatin", false),
        ];
        for (membership, operator_of, expected) in table {
            assert_eq!(
                membership.lets_operator_of(operator_of),
                expected,
                "{membership:?} / operator of {operator_of}"
            );
        }
    }

    #[test]
    fn the_claim_link_carries_the_token_and_the_message_is_encoded() {
        let (page, wa) = claim_links(
            "https://etalase.example/",
            "+6281350001234",
            "a1b2c3",
            "Ibu Rahmah",
            "Koperasi Desa Merah Putih Sepatin",
        );
        assert_eq!(page, "https://etalase.example/masuk/klaim/a1b2c3");
        assert!(
            wa.starts_with("https://wa.me/6281350001234?text=Halo%20Ibu%20Rahmah"),
            "{wa}"
        );
        assert!(wa.contains("masuk%2Fklaim%2Fa1b2c3"), "{wa}");
        assert!(!wa.contains(' '));
    }
}
