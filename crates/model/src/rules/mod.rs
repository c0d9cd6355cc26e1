//! Input rules shared by the browser and the server, written once.
//!
//! Every check returns [`FieldError`]s: which field, which [`Rule`] it broke. The message
//! text lives here too ([`Rule::message`]), so a seller sees the same sentence whether the
//! form caught the mistake or the server did, in Indonesian or English. The server answers
//! invalid input with `422` and the same list, serialised.

mod account;
mod listing;
mod partnership;

use serde::{Deserialize, Serialize};

use crate::Lang;

pub use account::{
    check_claim, check_new_member, check_registration, check_sign_in, new_id, normalize_whatsapp,
    Claim, NewMember, Registration, SignIn, BUSINESS_NAME_MAX, NOT_BLANK_PATTERN,
    PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, WHATSAPP_PATTERN,
};
pub use listing::{
    check_listing, is_media_path, DESCRIPTION_MAX, MAX_PHOTOS, MAX_TIERS, NAME_MAX, SHORT_TEXT_MAX,
};
pub use partnership::{
    check_partner, check_partnership, is_slug, is_web_url, slug_from_name, PARTNERSHIP_DETAIL_MAX,
    PARTNERSHIP_VILLAGES_MAX, PARTNER_NAME_MAX, SLUG_MAX, WEBSITE_MAX, YEAR_MAX, YEAR_MIN,
};

/// One broken rule on one field. `field` is the form field's name, with indices for list
/// items (`tiers.1.price`, `certificates.0.number`) so the form can put the message beside
/// the right input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub rule: Rule,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: Rule) -> FieldError {
        FieldError {
            field: field.into(),
            rule,
        }
    }
}

/// The rules, with the numbers a message needs. Serialised with a `rule` tag so a client in
/// any language can show its own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Rule {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    AtLeast {
        min: u64,
    },
    AtMost {
        max: u64,
    },
    /// Not an Indonesian mobile number (WhatsApp runs on mobile numbers: 08…, +62 8…).
    WhatsApp,
    /// The number already has an account (checked by the server only).
    AlreadyRegistered,
    UnknownVillage,
    /// English text is required once a listing is marked export-ready.
    EnglishForExport,
    FirstTierAtMoq,
    TiersAscending,
    HsCode,
    PirtNumber,
    HalalNumber,
    BpomMdNumber,
    DuplicateCertificate,
    PhotoUrl,
    /// Not an e-mail address of the simple `name@domain.tld` shape.
    Email,
    /// Not an international phone number: `+`, country code and number, 7–15 digits.
    Phone,
    /// Not an ISO 3166-1 alpha-2 country code.
    CountryCode,
    /// The product is not (or no longer) in the catalog.
    UnknownProduct,
    /// The same product (with the same details) is already on the list.
    DuplicateProduct,
    /// The date must come after today.
    AfterToday,
    /// The date may be today but not earlier.
    NotBeforeToday,
    /// The date is more than `days` days ahead (most likely a typo in the year).
    TooFarAhead {
        days: u32,
    },
    /// An RFQ must close for quotes on or before the day the goods are required.
    ValidUntilAfterRequiredBy,
    /// The inquiry's stage cannot move to the requested one from where it is (stages only go
    /// forward; won, lost and closed are final). Checked by the server only, against the
    /// stored stage.
    IllegalStatusMove,
    /// Not an inquiry reference (`PQ-2026-000123`, `RFQ-2026-000123`; see
    /// [`crate::inquiry::parse_reference`]).
    InquiryReference,
    /// Not a Nomor Induk Berusaha: 13 digits.
    NibNumber,
    /// An admin may not deactivate their own account.
    OwnAccount,
    /// An import file with bad rows (or none) cannot be stored; its preview says which.
    ImportHasProblems,
    /// Only a cooperative operator belongs to a cooperative.
    OnlyForOperators,
    /// The invitation link was used already or is older than a week.
    InviteExpired,
    /// Not a slug: lowercase letters and digits in words joined by dashes.
    Slug,
    /// Not an `http://` or `https://` web address.
    WebsiteUrl,
    /// A partnership cannot end before the year it started.
    EndBeforeStart,
    /// No partner has this slug (checked by the server only).
    UnknownPartner,
    /// The seller changed the quote (or it was already answered) since the buyer looked:
    /// the answer was not recorded. Checked by the server only.
    QuoteChanged,
    /// The quote's validity has passed: it can no longer be accepted.
    QuoteLapsed,
    /// A browser's push subscription this site cannot send to (an unknown push service, or
    /// keys that are not a P-256 key and a 16-byte secret). Checked by the server only.
    PushSubscription,
}

impl Rule {
    /// The sentence shown under the field.
    pub fn message(&self, lang: Lang) -> String {
        use Rule::*;
        match (self, lang) {
            (Required, Lang::Id) => "Wajib diisi.".into(),
            (Required, Lang::En) => "Required.".into(),
            (TooShort { min }, Lang::Id) => format!("Minimal {min} karakter."),
            (TooShort { min }, Lang::En) => format!("At least {min} characters."),
            (TooLong { max }, Lang::Id) => format!("Maksimal {max} karakter."),
            (TooLong { max }, Lang::En) => format!("At most {max} characters."),
            (AtLeast { min }, Lang::Id) => format!("Minimal {min}."),
            (AtLeast { min }, Lang::En) => format!("Must be at least {min}."),
            (AtMost { max }, Lang::Id) => format!("Maksimal {max}."),
            (AtMost { max }, Lang::En) => format!("Must be at most {max}."),
            (WhatsApp, Lang::Id) => {
                "Nomor WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.".into()
            }
            (WhatsApp, Lang::En) => {
                "Not a valid Indonesian WhatsApp number. Example: 0812 3456 7890 or +62 812 3456 7890."
                    .into()
            }
            (AlreadyRegistered, Lang::Id) => {
                "Nomor ini sudah terdaftar. Silakan masuk dengan nomor ini.".into()
            }
            (AlreadyRegistered, Lang::En) => {
                "This number is already registered. Please sign in with it.".into()
            }
            (UnknownVillage, Lang::Id) => "Pilih desa dari daftar.".into(),
            (UnknownVillage, Lang::En) => "Choose a village from the list.".into(),
            (EnglishForExport, Lang::Id) => {
                "Wajib diisi dalam bahasa Inggris untuk produk siap ekspor.".into()
            }
            (EnglishForExport, Lang::En) => "Required in English for export-ready products.".into(),
            (FirstTierAtMoq, Lang::Id) => {
                "Harga pertama harus berlaku mulai dari minimal pesanan.".into()
            }
            (FirstTierAtMoq, Lang::En) => {
                "The first price must start at the minimum order quantity.".into()
            }
            (TiersAscending, Lang::Id) => {
                "Jumlah tiap tingkat harga harus lebih besar dari tingkat sebelumnya.".into()
            }
            (TiersAscending, Lang::En) => {
                "Each price tier must start at a larger quantity than the one before.".into()
            }
            (HsCode, Lang::Id) => "Kode HS berupa 4–10 angka, contoh 1905.90.".into(),
            (HsCode, Lang::En) => "An HS code has 4–10 digits, e.g. 1905.90.".into(),
            (PirtNumber, Lang::Id) => "Nomor P-IRT terdiri dari 15 angka.".into(),
            (PirtNumber, Lang::En) => "A P-IRT number has 15 digits.".into(),
            (HalalNumber, Lang::Id) => {
                "Nomor sertifikat halal: ID diikuti 17 angka (ID64110000123450125).".into()
            }
            (HalalNumber, Lang::En) => {
                "A halal certificate number is ID followed by 17 digits (ID64110000123450125)."
                    .into()
            }
            (BpomMdNumber, Lang::Id) => "Nomor BPOM: MD diikuti 12 angka.".into(),
            (BpomMdNumber, Lang::En) => "A BPOM number is MD followed by 12 digits.".into(),
            (DuplicateCertificate, Lang::Id) => "Sertifikat ini sudah dicantumkan.".into(),
            (DuplicateCertificate, Lang::En) => "This certificate is already listed.".into(),
            (PhotoUrl, Lang::Id) => "Foto harus diunggah lewat formulir ini.".into(),
            (PhotoUrl, Lang::En) => "Photos must be uploaded through this form.".into(),
            (Email, Lang::Id) => "Alamat email tidak valid. Contoh: nama@hotel.co.id.".into(),
            (Email, Lang::En) => "Not a valid email address. Example: name@company.com.".into(),
            (Phone, Lang::Id) => {
                "Tulis nomor dengan kode negara: + diikuti 7–15 angka, contoh +65 6123 4567.".into()
            }
            (Phone, Lang::En) => {
                "Write the number with its country code: + and 7–15 digits, e.g. +65 6123 4567."
                    .into()
            }
            (CountryCode, Lang::Id) => "Pilih negara dari daftar.".into(),
            (CountryCode, Lang::En) => "Choose a country from the list.".into(),
            (UnknownProduct, Lang::Id) => "Produk ini tidak ada (lagi) di katalog.".into(),
            (UnknownProduct, Lang::En) => "This product is not (or no longer) in the catalog.".into(),
            (DuplicateProduct, Lang::Id) => "Produk ini sudah ada di daftar.".into(),
            (DuplicateProduct, Lang::En) => "This product is already on the list.".into(),
            (AfterToday, Lang::Id) => "Tanggal harus setelah hari ini.".into(),
            (AfterToday, Lang::En) => "The date must be after today.".into(),
            (NotBeforeToday, Lang::Id) => "Tanggal tidak boleh sebelum hari ini.".into(),
            (NotBeforeToday, Lang::En) => "The date cannot be before today.".into(),
            (TooFarAhead { days }, Lang::Id) => {
                format!("Paling lambat {days} hari dari hari ini.")
            }
            (TooFarAhead { days }, Lang::En) => format!("At most {days} days from today."),
            (ValidUntilAfterRequiredBy, Lang::Id) => {
                "Batas penawaran tidak boleh setelah tanggal barang dibutuhkan.".into()
            }
            (ValidUntilAfterRequiredBy, Lang::En) => {
                "Quotes must close on or before the date the goods are required.".into()
            }
            (OnlyForOperators, Lang::Id) => "Hanya operator koperasi yang memilih koperasi.".into(),
            (OnlyForOperators, Lang::En) => "Only a cooperative operator has a cooperative.".into(),
            (InviteExpired, Lang::Id) => {
                "Tautan undangan ini sudah dipakai atau kedaluwarsa. Minta tautan baru ke DPMD.".into()
            }
            (InviteExpired, Lang::En) => {
                "This invitation link was used or has expired. Ask the district for a new one.".into()
            }
            (ImportHasProblems, Lang::Id) => {
                "Berkas ini punya baris yang salah. Perbaiki sesuai pratinjau lalu impor lagi.".into()
            }
            (ImportHasProblems, Lang::En) => {
                "This file has rows with problems. Fix them as the preview shows, then import again."
                    .into()
            }
            (Slug, Lang::Id) => "Hanya huruf kecil, angka dan tanda hubung (-).".into(),
            (Slug, Lang::En) => "Only lowercase letters, digits and dashes (-).".into(),
            (WebsiteUrl, Lang::Id) => {
                "Alamat situs diawali http:// atau https://, contoh https://baznas.go.id.".into()
            }
            (WebsiteUrl, Lang::En) => {
                "A website address starts with http:// or https://, e.g. https://baznas.go.id."
                    .into()
            }
            (EndBeforeStart, Lang::Id) => "Tahun selesai tidak boleh sebelum tahun mulai.".into(),
            (EndBeforeStart, Lang::En) => "The end year cannot be before the start year.".into(),
            (QuoteChanged, Lang::Id) => {
                "Penawaran ini sudah berubah atau sudah dijawab. Muat ulang untuk melihat yang terbaru.".into()
            }
            (QuoteChanged, Lang::En) => {
                "This quotation has changed or was already answered. Reload to see the latest.".into()
            }
            (PushSubscription, Lang::Id) => {
                "Browser ini tidak dapat menerima pemberitahuan dari Etalase Desa; coba Chrome atau Firefox terbaru.".into()
            }
            (PushSubscription, Lang::En) => {
                "This browser cannot receive notifications from Etalase Desa; try a recent Chrome or Firefox.".into()
            }
            (QuoteLapsed, Lang::Id) => {
                "Masa berlaku penawaran ini sudah lewat; minta penawaran baru kepada penjual.".into()
            }
            (QuoteLapsed, Lang::En) => {
                "This quotation is no longer valid; ask the seller for a new one.".into()
            }
            (UnknownPartner, Lang::Id) => "Pilih mitra dari daftar.".into(),
            (UnknownPartner, Lang::En) => "Choose a partner from the list.".into(),
            (OwnAccount, Lang::Id) => "Anda tidak dapat menonaktifkan akun Anda sendiri.".into(),
            (OwnAccount, Lang::En) => "You cannot deactivate your own account.".into(),
            (NibNumber, Lang::Id) => "NIB terdiri dari 13 angka.".into(),
            (NibNumber, Lang::En) => "A NIB (business number) has 13 digits.".into(),
            (IllegalStatusMove, Lang::Id) => "Status ini tidak bisa diubah ke sana lagi.".into(),
            (IllegalStatusMove, Lang::En) => {
                "The inquiry cannot move to that status from where it is.".into()
            }
            (InquiryReference, Lang::Id) => {
                "Bukan nomor permintaan. Contoh: PQ-2026-000123 atau RFQ-2026-000123.".into()
            }
            (InquiryReference, Lang::En) => {
                "Not a request reference. Example: PQ-2026-000123 or RFQ-2026-000123.".into()
            }
        }
    }
}

/// Collects errors in field order while a check walks a form.
#[derive(Debug, Default)]
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn add(&mut self, field: impl Into<String>, rule: Rule) {
        self.0.push(FieldError::new(field, rule));
    }

    /// Text that must be present and at most `max` characters.
    pub(crate) fn text(&mut self, field: &str, value: &str, max: u32) {
        if value.trim().is_empty() {
            self.add(field, Rule::Required);
        } else {
            self.max_len(field, value, max);
        }
    }

    /// Optional text of at most `max` characters.
    pub(crate) fn max_len(&mut self, field: &str, value: &str, max: u32) {
        if value.chars().count() > max as usize {
            self.add(field, Rule::TooLong { max });
        }
    }

    /// A number within `min..=max`.
    pub(crate) fn range(&mut self, field: &str, value: u64, min: u64, max: u64) {
        if value < min {
            self.add(field, Rule::AtLeast { min });
        } else if value > max {
            self.add(field, Rule::AtMost { max });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_distinct_message_in_each_language() {
        let rules = [
            Rule::Required,
            Rule::TooShort { min: 8 },
            Rule::TooLong { max: 80 },
            Rule::AtLeast { min: 1 },
            Rule::AtMost { max: 9 },
            Rule::WhatsApp,
            Rule::AlreadyRegistered,
            Rule::UnknownVillage,
            Rule::EnglishForExport,
            Rule::FirstTierAtMoq,
            Rule::TiersAscending,
            Rule::HsCode,
            Rule::PirtNumber,
            Rule::HalalNumber,
            Rule::BpomMdNumber,
            Rule::DuplicateCertificate,
            Rule::PhotoUrl,
            Rule::Email,
            Rule::Phone,
            Rule::CountryCode,
            Rule::UnknownProduct,
            Rule::DuplicateProduct,
            Rule::AfterToday,
            Rule::NotBeforeToday,
            Rule::TooFarAhead { days: 730 },
            Rule::ValidUntilAfterRequiredBy,
            Rule::IllegalStatusMove,
            Rule::InquiryReference,
            Rule::NibNumber,
            Rule::OwnAccount,
            Rule::ImportHasProblems,
            Rule::OnlyForOperators,
            Rule::InviteExpired,
            Rule::Slug,
            Rule::WebsiteUrl,
            Rule::EndBeforeStart,
            Rule::UnknownPartner,
            Rule::QuoteChanged,
            Rule::QuoteLapsed,
            Rule::PushSubscription,
        ];
        // Adding a variant without listing it above stops this from compiling.
        for rule in &rules {
            match rule {
                Rule::Required
                | Rule::TooShort { .. }
                | Rule::TooLong { .. }
                | Rule::AtLeast { .. }
                | Rule::AtMost { .. }
                | Rule::WhatsApp
                | Rule::AlreadyRegistered
                | Rule::UnknownVillage
                | Rule::EnglishForExport
                | Rule::FirstTierAtMoq
                | Rule::TiersAscending
                | Rule::HsCode
                | Rule::PirtNumber
                | Rule::HalalNumber
                | Rule::BpomMdNumber
                | Rule::DuplicateCertificate
                | Rule::PhotoUrl
                | Rule::Email
                | Rule::Phone
                | Rule::CountryCode
                | Rule::UnknownProduct
                | Rule::DuplicateProduct
                | Rule::AfterToday
                | Rule::NotBeforeToday
                | Rule::TooFarAhead { .. }
                | Rule::ValidUntilAfterRequiredBy
                | Rule::IllegalStatusMove
                | Rule::InquiryReference
                | Rule::NibNumber
                | Rule::OwnAccount
                | Rule::ImportHasProblems
                | Rule::OnlyForOperators
                | Rule::InviteExpired
                | Rule::Slug
                | Rule::WebsiteUrl
                | Rule::EndBeforeStart
                | Rule::UnknownPartner
                | Rule::QuoteChanged
                | Rule::QuoteLapsed
                | Rule::PushSubscription => {}
            }
            assert_ne!(rule.message(Lang::Id), rule.message(Lang::En), "{rule:?}");
        }
        for lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for rule in &rules {
                let text = rule.message(lang);
                assert!(text.ends_with('.') || text.ends_with(')'), "{text}");
                assert!(seen.insert(text.clone()), "duplicate message {text}");
            }
        }
        assert_ne!(
            Rule::Required.message(Lang::Id),
            Rule::Required.message(Lang::En)
        );
        assert!(Rule::TooShort { min: 8 }.message(Lang::Id).contains('8'));
        assert!(Rule::TooFarAhead { days: 730 }
            .message(Lang::En)
            .contains("730"));
    }

    #[test]
    fn an_illegal_status_move_says_so_in_both_languages() {
        assert_eq!(
            Rule::IllegalStatusMove.message(Lang::Id),
            "Status ini tidak bisa diubah ke sana lagi."
        );
        assert_eq!(
            Rule::IllegalStatusMove.message(Lang::En),
            "The inquiry cannot move to that status from where it is."
        );
    }

    #[test]
    fn serialises_with_a_rule_tag() {
        let e = FieldError::new("password", Rule::TooShort { min: 8 });
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"field":"password","rule":{"rule":"too_short","min":8}}"#
        );
        assert_eq!(serde_json::from_str::<FieldError>(&json).unwrap(), e);
        let e = FieldError::new("status", Rule::IllegalStatusMove);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"field":"status","rule":{"rule":"illegal_status_move"}}"#
        );
    }
}
