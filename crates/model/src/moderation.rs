//! Trust and moderation in a public catalog: who vouched for a seller, what a visitor may
//! report, why staff hid a listing or suspended a seller, and the record of every staff
//! change. The server enforces these; the app shows them; both word them from here.

use serde::{Deserialize, Serialize};

use crate::rules::{Errors, FieldError, Rule};
use crate::{Date, Lang};

/// Why a visitor reports a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReportReason {
    /// Goods that may not be sold (protected species, drugs, …).
    Prohibited,
    /// Not what it claims: counterfeit, a false certificate.
    Misleading,
    /// Asks for payment up front and never ships, or a fake seller.
    Scam,
    /// Insulting, indecent or hateful words or photos.
    Offensive,
    /// Price, stock or contact plainly wrong.
    WrongDetails,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Prohibited,
        ReportReason::Misleading,
        ReportReason::Scam,
        ReportReason::Offensive,
        ReportReason::WrongDetails,
        ReportReason::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ReportReason::Prohibited => "prohibited",
            ReportReason::Misleading => "misleading",
            ReportReason::Scam => "scam",
            ReportReason::Offensive => "offensive",
            ReportReason::WrongDetails => "wrong-details",
            ReportReason::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ReportReason::Prohibited, Lang::Id) => "Barang terlarang",
            (ReportReason::Prohibited, Lang::En) => "Prohibited goods",
            (ReportReason::Misleading, Lang::Id) => "Palsu atau menyesatkan",
            (ReportReason::Misleading, Lang::En) => "Fake or misleading",
            (ReportReason::Scam, Lang::Id) => "Penipuan",
            (ReportReason::Scam, Lang::En) => "Scam",
            (ReportReason::Offensive, Lang::Id) => "Menyinggung atau tidak pantas",
            (ReportReason::Offensive, Lang::En) => "Offensive or inappropriate",
            (ReportReason::WrongDetails, Lang::Id) => "Harga, stok atau kontak salah",
            (ReportReason::WrongDetails, Lang::En) => "Wrong price, stock or contact",
            (ReportReason::Other, Lang::Id) => "Lainnya",
            (ReportReason::Other, Lang::En) => "Other",
        }
    }
}

crate::from_slug!(ReportReason, "report reason", display);

/// Longest text a report or a staff reason may carry.
pub const REPORT_TEXT_MAX: u32 = 1000;
pub const NOTICE_MAX: u32 = 500;
/// Reports per address per hour: enough for a buyer who finds several bad listings, not
/// for a flood.
pub const REPORTS_PER_HOUR: usize = 10;

/// A visitor's report of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub reason: ReportReason,
    /// What is wrong, in the visitor's words; required for `other`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub text: String,
}

pub fn check_report(report: &Report) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if report.reason == ReportReason::Other {
        errors.text("text", &report.text, REPORT_TEXT_MAX);
    } else {
        errors.max_len("text", &report.text, REPORT_TEXT_MAX);
    }
    errors.0
}

/// What staff tell a seller (and buyers), in both languages, because the seller reads one
/// and a buyer abroad the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub en: String,
}

impl Notice {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

pub fn check_notice(notice: &Notice) -> Vec<FieldError> {
    let mut errors = Errors::default();
    errors.text("id", &notice.id, NOTICE_MAX);
    errors.text("en", &notice.en, NOTICE_MAX);
    errors.0
}

/// A seller someone checked in person: shown to buyers as "Diverifikasi oleh … , 12 Des
/// 2026". Exporters ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    /// Who vouches: the village cooperative's name, or the facilitator's office and name.
    pub by: String,
    pub on: Date,
    /// The seller's Nomor Induk Berusaha (13 digits), where they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nib: Option<String>,
}

/// A NIB is 13 digits; spaces and dots people type are dropped.
pub fn normalize_nib(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    (digits.len() == 13 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// What staff send to verify a seller.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyBody {
    #[serde(default)]
    pub nib: Option<String>,
}

pub fn check_verify(body: &VerifyBody) -> Vec<FieldError> {
    let mut errors = Errors::default();
    if let Some(nib) = body.nib.as_deref().filter(|n| !n.trim().is_empty()) {
        if normalize_nib(nib).is_none() {
            errors.add("nib", Rule::NibNumber);
        }
    }
    errors.0
}

/// The name a verification shows: the cooperative for its operator, the office for
/// facilitators and the district.
pub fn verifier_name(
    role: crate::cooperative::StaffRole,
    staff_name: &str,
    cooperative: Option<&str>,
) -> String {
    use crate::cooperative::StaffRole;
    match (role, cooperative) {
        (StaffRole::Operator, Some(name)) => name.to_string(),
        (StaffRole::Admin, _) => format!("DPMD · {staff_name}"),
        _ => format!("Pendamping desa · {staff_name}"),
    }
}

/// A listing staff took out of the public catalog, as its seller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingHold {
    pub product_id: String,
    pub reason: Notice,
    /// UTC, `2026-12-05T10:00:00.000Z`.
    pub at: String,
    /// Whether the seller has since asked for it to be looked at again.
    pub review_requested: bool,
}

/// What a staff member changed, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    StaffDeactivated,
    StaffReactivated,
    SellerVerified,
    SellerUnverified,
    ListingHidden,
    ListingRestored,
    ReportsDismissed,
    SellerSuspended,
    SellerReinstated,
    IdmImported,
    IdmEntered,
    CooperativeSaved,
    StaffInvited,
    PartnerSaved,
    PartnershipSaved,
    PartnershipEnded,
}

impl AuditAction {
    pub const ALL: [AuditAction; 16] = [
        AuditAction::StaffDeactivated,
        AuditAction::StaffReactivated,
        AuditAction::SellerVerified,
        AuditAction::SellerUnverified,
        AuditAction::ListingHidden,
        AuditAction::ListingRestored,
        AuditAction::ReportsDismissed,
        AuditAction::SellerSuspended,
        AuditAction::SellerReinstated,
        AuditAction::IdmImported,
        AuditAction::IdmEntered,
        AuditAction::CooperativeSaved,
        AuditAction::StaffInvited,
        AuditAction::PartnerSaved,
        AuditAction::PartnershipSaved,
        AuditAction::PartnershipEnded,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            AuditAction::StaffDeactivated => "staff_deactivated",
            AuditAction::StaffReactivated => "staff_reactivated",
            AuditAction::SellerVerified => "seller_verified",
            AuditAction::SellerUnverified => "seller_unverified",
            AuditAction::ListingHidden => "listing_hidden",
            AuditAction::ListingRestored => "listing_restored",
            AuditAction::ReportsDismissed => "reports_dismissed",
            AuditAction::SellerSuspended => "seller_suspended",
            AuditAction::SellerReinstated => "seller_reinstated",
            AuditAction::IdmImported => "idm_imported",
            AuditAction::IdmEntered => "idm_entered",
            AuditAction::CooperativeSaved => "cooperative_saved",
            AuditAction::StaffInvited => "staff_invited",
            AuditAction::PartnerSaved => "partner_saved",
            AuditAction::PartnershipSaved => "partnership_saved",
            AuditAction::PartnershipEnded => "partnership_ended",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AuditAction::StaffDeactivated, Lang::Id) => "Menonaktifkan akun staf",
            (AuditAction::StaffDeactivated, Lang::En) => "Deactivated a staff account",
            (AuditAction::StaffReactivated, Lang::Id) => "Mengaktifkan kembali akun staf",
            (AuditAction::StaffReactivated, Lang::En) => "Reactivated a staff account",
            (AuditAction::SellerVerified, Lang::Id) => "Memverifikasi penjual",
            (AuditAction::SellerVerified, Lang::En) => "Verified a seller",
            (AuditAction::SellerUnverified, Lang::Id) => "Mencabut verifikasi penjual",
            (AuditAction::SellerUnverified, Lang::En) => "Withdrew a seller's verification",
            (AuditAction::ListingHidden, Lang::Id) => "Menyembunyikan produk",
            (AuditAction::ListingHidden, Lang::En) => "Hid a listing",
            (AuditAction::ListingRestored, Lang::Id) => "Menampilkan kembali produk",
            (AuditAction::ListingRestored, Lang::En) => "Restored a listing",
            (AuditAction::ReportsDismissed, Lang::Id) => "Menutup laporan",
            (AuditAction::ReportsDismissed, Lang::En) => "Dismissed reports",
            (AuditAction::SellerSuspended, Lang::Id) => "Menangguhkan penjual",
            (AuditAction::SellerSuspended, Lang::En) => "Suspended a seller",
            (AuditAction::SellerReinstated, Lang::Id) => "Memulihkan penjual",
            (AuditAction::SellerReinstated, Lang::En) => "Reinstated a seller",
            (AuditAction::IdmImported, Lang::Id) => "Mengimpor data IDM",
            (AuditAction::IdmImported, Lang::En) => "Imported IDM figures",
            (AuditAction::IdmEntered, Lang::Id) => "Mengisi data IDM desa",
            (AuditAction::IdmEntered, Lang::En) => "Entered a village's IDM figures",
            (AuditAction::CooperativeSaved, Lang::Id) => "Mengubah data koperasi desa",
            (AuditAction::CooperativeSaved, Lang::En) => "Edited a village cooperative",
            (AuditAction::StaffInvited, Lang::Id) => "Mengundang staf",
            (AuditAction::StaffInvited, Lang::En) => "Invited a staff member",
            (AuditAction::PartnerSaved, Lang::Id) => "Menyimpan data mitra",
            (AuditAction::PartnerSaved, Lang::En) => "Saved a partner",
            (AuditAction::PartnershipSaved, Lang::Id) => "Menyimpan kemitraan",
            (AuditAction::PartnershipSaved, Lang::En) => "Saved a partnership",
            (AuditAction::PartnershipEnded, Lang::Id) => "Mengakhiri kemitraan",
            (AuditAction::PartnershipEnded, Lang::En) => "Ended a partnership",
        }
    }
}

crate::from_slug!(AuditAction, "audit action");

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// UTC, `2026-12-05T10:00:00.000Z`.
    pub at: String,
    pub actor_id: String,
    /// The staff member's name as it was then.
    pub actor_name: String,
    pub action: AuditAction,
    /// What was changed: a staff id, seller id or listing id.
    pub subject: String,
    /// The reason or figures given, as written.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cooperative::StaffRole;

    #[test]
    fn other_needs_words_and_no_reason_takes_a_novel() {
        let other = Report {
            reason: ReportReason::Other,
            text: "  ".into(),
        };
        assert_eq!(check_report(&other)[0].rule, Rule::Required);
        let scam = Report {
            reason: ReportReason::Scam,
            text: String::new(),
        };
        assert!(check_report(&scam).is_empty());
        let long = Report {
            reason: ReportReason::Scam,
            text: "x".repeat(REPORT_TEXT_MAX as usize + 1),
        };
        assert_eq!(
            check_report(&long)[0].rule,
            Rule::TooLong {
                max: REPORT_TEXT_MAX
            }
        );
    }

    #[test]
    fn a_notice_says_it_in_both_languages() {
        let half = Notice {
            id: "Foto bukan produk ini".into(),
            en: String::new(),
        };
        let errors = check_notice(&half);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "en");
    }

    #[test]
    fn nib_is_thirteen_digits_as_typed() {
        assert_eq!(
            normalize_nib("1234 5678 9012 3").as_deref(),
            Some("1234567890123")
        );
        assert_eq!(normalize_nib("123456789012"), None);
        assert_eq!(normalize_nib("12345678901ab"), None);
        let blank = VerifyBody {
            nib: Some(" ".into()),
        };
        assert!(check_verify(&blank).is_empty(), "a blank NIB is no NIB");
        let bad = VerifyBody {
            nib: Some("123".into()),
        };
        assert_eq!(check_verify(&bad)[0].rule, Rule::NibNumber);
    }

    #[test]
    fn who_may_verify_whom() {
        assert!(StaffRole::Operator.may_verify(Some("sepatin"), "sepatin"));
        assert!(!StaffRole::Operator.may_verify(Some("sepatin"), "loa-duri-ulu"));
        assert!(StaffRole::Facilitator.may_verify(None, "loa-duri-ulu"));
        assert!(StaffRole::Admin.may_verify(None, "sepatin"));
        assert!(!StaffRole::Operator.may_moderate());
        assert!(StaffRole::Facilitator.may_moderate() && !StaffRole::Facilitator.is_admin());
    }

    #[test]
    fn verifier_names_say_who_vouches() {
        assert_eq!(
            verifier_name(
                StaffRole::Operator,
                "Wati",
                Some("Koperasi Desa Merah Putih Sepatin")
            ),
            "Koperasi Desa Merah Putih Sepatin"
        );
        assert_eq!(
            verifier_name(StaffRole::Facilitator, "Rahmat", None),
            "Pendamping desa · Rahmat"
        );
    }

    #[test]
    fn slugs_round_trip() {
        for r in ReportReason::ALL {
            assert_eq!(r.slug().parse::<ReportReason>().unwrap(), r);
            assert_ne!(r.label(Lang::Id), r.label(Lang::En));
        }
        for a in AuditAction::ALL {
            assert_eq!(a.slug().parse::<AuditAction>().unwrap(), a);
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.slug()));
        }
    }
}
