//! Seller accounts: registration and sign-in forms.

use serde::{Deserialize, Serialize};

use super::{Errors, FieldError, Rule};

/// Fewer than this is guessable offline from a leaked hash, even with argon2id.
pub const PASSWORD_MIN_CHARS: u32 = 8;
/// Bounds the hashing work one request can cause.
pub const PASSWORD_MAX_CHARS: u32 = 128;
pub const BUSINESS_NAME_MAX: u32 = 80;

/// The numbers [`normalize_whatsapp`] accepts, in the plain spelling the API description
/// states: an Indonesian mobile number (`8…`, 9 to 12 digits) after `+62`, `62`, `0` or
/// nothing. Every match is accepted (a test holds it to that); the function also takes the
/// same digits with spaces, dots, dashes or brackets, as people type them, which a pattern
/// could say only with nested repetition that the fuzzing tool's generator chokes on.
pub const WHATSAPP_PATTERN: &str = r"^(\+62|62|0)?8[0-9]{8,11}$";

/// Text with something besides spaces: what "required" means for a name.
pub const NOT_BLANK_PATTERN: &str = r"\S";

/// What a new seller types in. (The `schema` attributes repeat the rules' numbers and
/// patterns because they take only literals; the server's `openapi_drift` test holds the two
/// together.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S", max_length = 80))]
    pub business_name: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(\+62|62|0)?8[0-9]{8,11}$"))]
    pub whatsapp: String,
    /// One of the catalog's villages (`GET /api/catalog`, `villages[].slug`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S"))]
    pub village_slug: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

/// What a returning seller types in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(\+62|62|0)?8[0-9]{8,11}$"))]
    pub whatsapp: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub password: String,
}

/// Normalises an Indonesian mobile number to E.164 (`+628…`), the form wa.me links and
/// account lookups use. Accepts what people write: `0812-3456-7890`, `+62 812 3456 7890`,
/// `62812…`, `812…`. Landlines (`021…`) and foreign numbers are refused: sellers are reached
/// on WhatsApp, which needs a mobile number.
pub fn normalize_whatsapp(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty()
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))
        || trimmed.chars().skip(1).any(|c| c == '+')
    {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        if trimmed.starts_with('+') {
            return None;
        }
        rest
    } else if trimmed.starts_with('+') {
        return None;
    } else {
        &digits
    };
    // Indonesian mobile numbers: 8xx followed by 6 to 9 digits.
    let ok = national.starts_with('8') && (9..=12).contains(&national.len());
    ok.then(|| format!("+62{national}"))
}

/// Checks a registration. `village_exists` answers whether a village slug is in the
/// catalog (the browser asks its cached catalog, the server its database).
pub fn check_registration(
    form: &Registration,
    village_exists: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut errors = Errors::default();
    errors.text("business_name", &form.business_name, BUSINESS_NAME_MAX);
    whatsapp(&mut errors, &form.whatsapp);
    if form.village_slug.trim().is_empty() {
        errors.add("village_slug", Rule::Required);
    } else if !village_exists(&form.village_slug) {
        errors.add("village_slug", Rule::UnknownVillage);
    }
    new_password(&mut errors, &form.password);
    errors.0
}

/// Checks a sign-in form's shape (not the password itself: that is the server's job).
pub fn check_sign_in(form: &SignIn) -> Vec<FieldError> {
    let mut errors = Errors::default();
    whatsapp(&mut errors, &form.whatsapp);
    if form.password.is_empty() {
        errors.add("password", Rule::Required);
    } else {
        errors.max_len("password", &form.password, PASSWORD_MAX_CHARS);
    }
    errors.0
}

/// A new, readable, unguessable-enough id: `KUB Bunga Tanjung` + `3f9a1c` →
/// `kub-bunga-tanjung-3f9a1c`. The suffix (random, from the caller) keeps ids unique
/// without a lookup, so a phone can name a draft offline.
pub fn new_id(name: &str, suffix: &str) -> String {
    let slug = crate::search::normalize(name).replace(' ', "-");
    let slug: String = slug.chars().take(48).collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        suffix.to_string()
    } else {
        format!("{slug}-{suffix}")
    }
}

/// A member business a cooperative operator adds: the member gets a link on WhatsApp to
/// claim the account and choose a password, so the operator never knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S", max_length = 80))]
    pub business_name: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(\+62|62|0)?8[0-9]{8,11}$"))]
    pub whatsapp: String,
}

/// Checks a new member: the same name and number rules as a seller's own registration.
pub fn check_new_member(form: &NewMember) -> Vec<FieldError> {
    let mut errors = Errors::default();
    errors.text("business_name", &form.business_name, BUSINESS_NAME_MAX);
    whatsapp(&mut errors, &form.whatsapp);
    errors.0
}

/// A member claiming the account their cooperative made: the token from the WhatsApp link
/// and the password they choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Claim {
    /// The one-time token of the member's claim link.
    #[cfg_attr(feature = "openapi", schema(pattern = r"\S"))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

/// Checks a claim's password with the registration's rule; the token is the server's to judge.
pub fn check_claim(form: &Claim) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if form.token.trim().is_empty() {
        errors.add("token", Rule::Required);
    }
    new_password(&mut errors, &form.password);
    errors.0
}

fn new_password(errors: &mut Errors, password: &str) {
    let chars = password.chars().count() as u32;
    if chars == 0 {
        errors.add("password", Rule::Required);
    } else if chars < PASSWORD_MIN_CHARS {
        errors.add(
            "password",
            Rule::TooShort {
                min: PASSWORD_MIN_CHARS,
            },
        );
    } else if chars > PASSWORD_MAX_CHARS {
        errors.add(
            "password",
            Rule::TooLong {
                max: PASSWORD_MAX_CHARS,
            },
        );
    }
}

fn whatsapp(errors: &mut Errors, value: &str) {
    if value.trim().is_empty() {
        errors.add("whatsapp", Rule::Required);
    } else if normalize_whatsapp(value).is_none() {
        errors.add("whatsapp", Rule::WhatsApp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_member_needs_a_name_and_a_mobile_number_and_a_claim_a_real_password() {
        let ok = NewMember {
            business_name: "Ibu Rahmah Amplang".into(),
            whatsapp: "0813 5000 1234".into(),
        };
        assert!(check_new_member(&ok).is_empty());
        let fields = |errors: Vec<FieldError>| -> Vec<(String, Rule)> {
            errors.into_iter().map(|e| (e.field, e.rule)).collect()
        };
        let bad = NewMember {
            business_name: "  ".into(),
            whatsapp: "0541 123456".into(),
        };
        assert_eq!(
            fields(check_new_member(&bad)),
            vec![
                ("business_name".to_string(), Rule::Required),
                ("whatsapp".to_string(), Rule::WhatsApp)
            ]
        );
        let short = Claim {
            token: "abc".into(),
            password: "pendek".into(),
        };
        assert_eq!(
            fields(check_claim(&short)),
            vec![(
                "password".to_string(),
                Rule::TooShort {
                    min: PASSWORD_MIN_CHARS
                }
            )]
        );
        let no_token = Claim {
            token: " ".into(),
            password: "cukup-panjang".into(),
        };
        assert_eq!(
            fields(check_claim(&no_token)),
            vec![("token".to_string(), Rule::Required)]
        );
    }

    #[test]
    fn whatsapp_numbers_normalise_to_e164() {
        for input in [
            "081234567890",
            "0812-3456-7890",
            "0812 3456 7890",
            "+62 812 3456 7890",
            "+62-812-3456-7890",
            "6281234567890",
            "81234567890",
            "(0812) 3456.7890",
        ] {
            assert_eq!(
                normalize_whatsapp(input).as_deref(),
                Some("+6281234567890"),
                "{input}"
            );
        }
        assert_eq!(
            normalize_whatsapp("0811 555 666").as_deref(),
            Some("+62811555666")
        );
    }

    #[test]
    fn non_mobile_and_malformed_numbers_are_refused() {
        for input in [
            "",
            "   ",
            "021 555 1234",    // Jakarta landline
            "+1 415 555 0100", // not Indonesian
            "+0812345678",
            "0812", // too short
            "08123456789012345",
            "0812abc34567",
            "0812+3456789",
            "+62 0812 3456 7890",
        ] {
            assert_eq!(normalize_whatsapp(input), None, "{input:?}");
        }
    }

    fn form() -> Registration {
        Registration {
            business_name: "KUB Bunga Tanjung".into(),
            whatsapp: "0812 3456 7890".into(),
            village_slug: "sepatin".into(),
            password: "amplang-enak-2026".into(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &Rule)> {
        errors.iter().map(|e| (e.field.as_str(), &e.rule)).collect()
    }

    #[test]
    fn a_complete_registration_passes() {
        assert_eq!(check_registration(&form(), |s| s == "sepatin"), vec![]);
    }

    #[test]
    fn each_registration_field_is_checked() {
        let empty = Registration::default();
        assert_eq!(
            fields(&check_registration(&empty, |_| true)),
            vec![
                ("business_name", &Rule::Required),
                ("whatsapp", &Rule::Required),
                ("village_slug", &Rule::Required),
                ("password", &Rule::Required),
            ]
        );
        let bad = Registration {
            business_name: "x".repeat(81),
            whatsapp: "021 555 1234".into(),
            village_slug: "atlantis".into(),
            password: "pendek".into(),
        };
        assert_eq!(
            fields(&check_registration(&bad, |s| s == "sepatin")),
            vec![
                ("business_name", &Rule::TooLong { max: 80 }),
                ("whatsapp", &Rule::WhatsApp),
                ("village_slug", &Rule::UnknownVillage),
                ("password", &Rule::TooShort { min: 8 }),
            ]
        );
        let long = Registration {
            password: "p".repeat(129),
            ..form()
        };
        assert_eq!(
            fields(&check_registration(&long, |_| true)),
            vec![("password", &Rule::TooLong { max: 128 })]
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Eight characters, sixteen bytes: long enough.
        let form = Registration {
            password: "éééééééé".into(),
            ..form()
        };
        assert_eq!(check_registration(&form, |_| true), vec![]);
    }

    #[test]
    fn ids_are_slugs_with_a_suffix() {
        assert_eq!(
            new_id("KUB Bunga Tanjung", "3f9a1c"),
            "kub-bunga-tanjung-3f9a1c"
        );
        assert_eq!(
            new_id("Amplang Ikan Pipih (500 g)!", "a1"),
            "amplang-ikan-pipih-500-g-a1"
        );
        assert_eq!(new_id("  ", "a1"), "a1");
        let long = new_id(&"kerupuk ".repeat(20), "a1");
        assert!(long.len() <= 48 + 3 && !long.contains("--"), "{long}");
    }

    #[test]
    fn sign_in_checks_shape_only() {
        assert_eq!(
            check_sign_in(&SignIn {
                whatsapp: "0812 3456 7890".into(),
                password: "x".into()
            }),
            vec![]
        );
        assert_eq!(
            fields(&check_sign_in(&SignIn::default())),
            vec![("whatsapp", &Rule::Required), ("password", &Rule::Required)]
        );
    }
}
