//! What the district (DPMD) runs from the browser: each village's cooperative's details,
//! and the one-time links that bring operators and facilitators in, so staff choose their
//! own passwords and nobody types one on the server for them.

use serde::{Deserialize, Serialize};

use crate::cooperative::{uri_component, StaffRole};
use crate::rules::{normalize_whatsapp, Errors, FieldError, Rule, BUSINESS_NAME_MAX};

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;
pub const COOPERATIVE_NAME_MAX: u32 = 120;
pub const LEGAL_NUMBER_MAX: u32 = 80;
pub const ADDRESS_MAX: u32 = 300;

/// A village cooperative's details (Koperasi Desa Merah Putih …), as the admin edits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CooperativeDetails {
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S", max_length = 120))]
    pub name: String,
    /// The legal entity number (nomor badan hukum), where registered.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub legal_number: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(\+62|62|0)?8[0-9]{8,11}$"))]
    pub whatsapp: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub address: Option<String>,
}

pub fn check_cooperative(details: &CooperativeDetails) -> Vec<FieldError> {
    let mut errors = Errors::default();
    errors.text("name", &details.name, COOPERATIVE_NAME_MAX);
    if let Some(n) = details.whatsapp.as_deref().filter(|n| !n.trim().is_empty()) {
        if normalize_whatsapp(n).is_none() {
            errors.add("whatsapp", Rule::WhatsApp);
        }
    }
    errors.max_len(
        "legal_number",
        details.legal_number.as_deref().unwrap_or(""),
        LEGAL_NUMBER_MAX,
    );
    errors.max_len(
        "address",
        details.address.as_deref().unwrap_or(""),
        ADDRESS_MAX,
    );
    errors.0
}

/// Blank optional text is no text.
pub fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// An invitation the admin sends on WhatsApp: who, in which role, for which cooperative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInvite {
    pub role: StaffRole,
    /// The village slug of the cooperative, for an operator; none for other roles.
    #[serde(default)]
    pub cooperative: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S", max_length = 80))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(\+62|62|0)?8[0-9]{8,11}$"))]
    pub whatsapp: String,
}

/// Checks an invitation; `village_exists` says whether a cooperative's village is known.
pub fn check_invite(invite: &NewInvite, village_exists: impl Fn(&str) -> bool) -> Vec<FieldError> {
    let mut errors = Errors::default();
    errors.text("name", &invite.name, BUSINESS_NAME_MAX);
    if invite.whatsapp.trim().is_empty() {
        errors.add("whatsapp", Rule::Required);
    } else if normalize_whatsapp(&invite.whatsapp).is_none() {
        errors.add("whatsapp", Rule::WhatsApp);
    }
    let cooperative = invite
        .cooperative
        .as_deref()
        .filter(|c| !c.trim().is_empty());
    match (invite.role, cooperative) {
        (StaffRole::Operator, None) => errors.add("cooperative", Rule::Required),
        (StaffRole::Operator, Some(slug)) if !village_exists(slug) => {
            errors.add("cooperative", Rule::UnknownVillage)
        }
        (StaffRole::Operator, Some(_)) => {}
        (_, Some(_)) => errors.add("cooperative", Rule::OnlyForOperators),
        (_, None) => {}
    }
    errors.0
}

/// The invitation page and the `wa.me` link that sends it from the admin's phone.
pub fn invite_links(origin: &str, whatsapp: &str, token: &str, name: &str) -> (String, String) {
    let page = format!("{}/masuk/undangan/{token}", origin.trim_end_matches('/'));
    let text = format!(
        "Halo {name}, DPMD mengundang Anda ke Etalase Desa. Buka tautan ini dalam {INVITE_DAYS} \
         hari untuk membuat kata sandi Anda: {page}"
    );
    let number = whatsapp.trim_start_matches('+');
    let wa = format!("https://wa.me/{number}?text={}", uri_component(&text));
    (page, wa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invite(role: StaffRole, cooperative: Option<&str>) -> NewInvite {
        NewInvite {
            role,
            cooperative: cooperative.map(str::to_string),
            name: "Siti Aminah".into(),
            whatsapp: "0812 3456 7001".into(),
        }
    }

    #[test]
    fn an_operator_is_invited_for_a_known_village_and_nobody_else_for_one() {
        let known = |slug: &str| slug == "sepatin";
        assert!(check_invite(&invite(StaffRole::Operator, Some("sepatin")), known).is_empty());
        let none = check_invite(&invite(StaffRole::Operator, None), known);
        assert_eq!(
            (none[0].field.as_str(), &none[0].rule),
            ("cooperative", &Rule::Required)
        );
        let unknown = check_invite(&invite(StaffRole::Operator, Some("atlantis")), known);
        assert_eq!(unknown[0].rule, Rule::UnknownVillage);
        let facilitator = check_invite(&invite(StaffRole::Facilitator, Some("sepatin")), known);
        assert_eq!(facilitator[0].rule, Rule::OnlyForOperators);
        assert!(check_invite(&invite(StaffRole::Admin, None), known).is_empty());
        let landline = NewInvite {
            whatsapp: "0541 734 000".into(),
            ..invite(StaffRole::Facilitator, None)
        };
        assert_eq!(check_invite(&landline, known)[0].rule, Rule::WhatsApp);
    }

    #[test]
    fn cooperative_details_need_a_name_and_a_mobile_number_if_any() {
        let ok = CooperativeDetails {
            name: "Koperasi Desa Merah Putih Sepatin".into(),
            whatsapp: Some(" ".into()),
            ..Default::default()
        };
        assert!(check_cooperative(&ok).is_empty());
        let bad = CooperativeDetails {
            name: " ".into(),
            whatsapp: Some("0541 734 000".into()),
            address: Some("x".repeat(ADDRESS_MAX as usize + 1)),
            ..Default::default()
        };
        let errors = check_cooperative(&bad);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "whatsapp", "address"]);
    }

    #[test]
    fn the_invitation_link_carries_the_token_and_a_message() {
        let (page, wa) = invite_links(
            "https://etalase.example/",
            "+6281234567001",
            "abc123",
            "Siti",
        );
        assert_eq!(page, "https://etalase.example/masuk/undangan/abc123");
        assert!(wa.starts_with("https://wa.me/6281234567001?text=Halo%20Siti"));
        assert!(wa.contains("abc123"));
    }
}
