//! Food-safety and quality certificates, and the number formats of the Indonesian schemes.

use serde::{Deserialize, Serialize};

use crate::{Date, Lang};

/// A food-safety or quality certificate attached to a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub kind: CertificateKind,
    pub number: String,
    pub issuer: String,
    /// Last day of validity; `None` for certificates that do not lapse (halal certificates
    /// issued since 2023 stay valid while the recipe is unchanged).
    pub expires: Option<Date>,
}

/// The certificate schemes buyers ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CertificateKind {
    /// Halal certificate from BPJPH.
    Halal,
    /// Home-industry food permit (Sertifikat Produksi Pangan Industri Rumah Tangga).
    Pirt,
    /// BPOM registration for processed food (MD = made domestically).
    BpomMd,
    /// Indonesian National Standard product certificate.
    Sni,
    Haccp,
    Organic,
}

/// Why a certificate was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    #[error("certificate number is empty")]
    EmptyNumber,
    #[error("certificate issuer is empty")]
    EmptyIssuer,
    /// P-IRT numbers have exactly 15 digits; dots, dashes and spaces between them are allowed.
    #[error("a P-IRT number has 15 digits, this one has {digits}")]
    PirtNumber { digits: usize },
    /// BPJPH numbers are `ID` followed by 17 digits, e.g. `ID64110000123450125`.
    #[error("a halal certificate number is ID followed by 17 digits")]
    HalalNumber,
    /// BPOM numbers are `MD` followed by 12 digits, optionally preceded by `BPOM RI`.
    #[error("a BPOM MD number is MD followed by 12 digits")]
    BpomMdNumber,
}

impl CertificateKind {
    pub const ALL: [CertificateKind; 6] = [
        CertificateKind::Halal,
        CertificateKind::Pirt,
        CertificateKind::BpomMd,
        CertificateKind::Sni,
        CertificateKind::Haccp,
        CertificateKind::Organic,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            CertificateKind::Halal => "halal",
            CertificateKind::Pirt => "pirt",
            CertificateKind::BpomMd => "bpom-md",
            CertificateKind::Sni => "sni",
            CertificateKind::Haccp => "haccp",
            CertificateKind::Organic => "organic",
        }
    }

    /// The name as printed on labels; only "organic" differs between the languages.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CertificateKind::Halal => "Halal",
            CertificateKind::Pirt => "P-IRT",
            CertificateKind::BpomMd => "BPOM MD",
            CertificateKind::Sni => "SNI",
            CertificateKind::Haccp => "HACCP",
            CertificateKind::Organic => match lang {
                Lang::Id => "Organik",
                Lang::En => "Organic",
            },
        }
    }
}

from_slug!(CertificateKind, "certificate kind");

impl Certificate {
    /// Whether the certificate still holds on `today` (the expiry day itself included).
    pub fn is_valid_on(&self, today: Date) -> bool {
        self.expires.is_none_or(|last| today <= last)
    }

    /// Checks the number against the scheme's format. Schemes whose numbers vary by issuer
    /// (SNI, HACCP, organic) only need a number and an issuer.
    pub fn validate(&self) -> Result<(), CertificateError> {
        let number = self.number.trim();
        if number.is_empty() {
            return Err(CertificateError::EmptyNumber);
        }
        if self.issuer.trim().is_empty() {
            return Err(CertificateError::EmptyIssuer);
        }
        match self.kind {
            CertificateKind::Pirt => {
                let separators_ok = number
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ' '));
                let digits = number.chars().filter(char::is_ascii_digit).count();
                if !separators_ok || digits != 15 {
                    return Err(CertificateError::PirtNumber { digits });
                }
            }
            CertificateKind::Halal => {
                if !prefixed_digits(number, "ID", 17) {
                    return Err(CertificateError::HalalNumber);
                }
            }
            CertificateKind::BpomMd => {
                let bare = number.strip_prefix("BPOM RI").unwrap_or(number);
                let compact: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
                if !prefixed_digits(&compact, "MD", 12) {
                    return Err(CertificateError::BpomMdNumber);
                }
            }
            CertificateKind::Sni | CertificateKind::Haccp | CertificateKind::Organic => {}
        }
        Ok(())
    }
}

/// `prefix` followed by exactly `digits` ASCII digits.
fn prefixed_digits(s: &str, prefix: &str, digits: usize) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| rest.len() == digits && rest.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn cert(kind: CertificateKind, number: &str) -> Certificate {
        Certificate {
            kind,
            number: number.into(),
            issuer: "BPJPH".into(),
            expires: None,
        }
    }

    #[test]
    fn certificate_validity_includes_the_last_day() {
        let mut c = cert(CertificateKind::Halal, "ID64110000123450125");
        assert!(c.is_valid_on(date("2030-01-01")));
        c.expires = Some(date("2026-11-23"));
        assert!(c.is_valid_on(date("2026-11-23")));
        assert!(!c.is_valid_on(date("2026-11-24")));
    }

    #[test]
    fn certificate_numbers_are_checked_per_scheme() {
        assert_eq!(
            cert(CertificateKind::Pirt, "2066402010123-26").validate(),
            Ok(())
        );
        assert_eq!(
            cert(CertificateKind::Pirt, "206 6402 0101 2326").validate(),
            Ok(())
        );
        assert_eq!(
            cert(CertificateKind::Pirt, "20664020101232").validate(),
            Err(CertificateError::PirtNumber { digits: 14 })
        );
        assert!(cert(CertificateKind::Pirt, "2066402010123X6")
            .validate()
            .is_err());
        assert_eq!(
            cert(CertificateKind::Halal, "ID64110000123450125").validate(),
            Ok(())
        );
        assert_eq!(
            cert(CertificateKind::Halal, "64110000123450125").validate(),
            Err(CertificateError::HalalNumber)
        );
        assert_eq!(
            cert(CertificateKind::BpomMd, "BPOM RI MD 224213001234").validate(),
            Ok(())
        );
        assert_eq!(
            cert(CertificateKind::BpomMd, "MD 22421300123").validate(),
            Err(CertificateError::BpomMdNumber)
        );
        assert_eq!(
            cert(CertificateKind::Sni, " ").validate(),
            Err(CertificateError::EmptyNumber)
        );
        let mut no_issuer = cert(CertificateKind::Sni, "SNI 19-7030-2004");
        no_issuer.issuer.clear();
        assert_eq!(no_issuer.validate(), Err(CertificateError::EmptyIssuer));
    }

    #[test]
    fn slugs_and_labels() {
        for k in CertificateKind::ALL {
            assert_eq!(k.slug().parse::<CertificateKind>(), Ok(k));
        }
        assert_eq!(CertificateKind::Organic.label(Lang::Id), "Organik");
        assert_eq!(CertificateKind::BpomMd.label(Lang::En), "BPOM MD");
    }
}
