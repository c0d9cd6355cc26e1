//! How foreign and domestic buyers are reached: e-mail, international phone numbers and
//! ISO 3166-1 country codes. Deliberately simple shapes: the real test of an address is
//! whether the seller's reply arrives.

/// Longest e-mail address that fits the SMTP path limit.
pub const EMAIL_MAX_CHARS: u32 = 254;

/// An e-mail address of the plain `local@domain.tld` shape: no spaces or control
/// characters, one `@`, something before it, and a domain of at least two non-empty
/// dot-separated labels. Length is checked separately ([`EMAIL_MAX_CHARS`]).
pub fn is_email(input: &str) -> bool {
    let s = input.trim();
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// Normalises an international phone number to E.164 (`+6561234567`): a leading `+`, then
/// the country code and number, 7–15 digits in all, the first not zero. Spaces, dashes, dots
/// and brackets between digits are dropped. Without the `+` the country is unknown, so the
/// number is refused.
pub fn normalize_phone(input: &str) -> Option<String> {
    let rest = input.trim().strip_prefix('+')?;
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let ok = (7..=15).contains(&digits.len()) && !digits.starts_with('0');
    ok.then(|| format!("+{digits}"))
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code, written as stored: two capital
/// letters (`ID`, `SG`, `NL`). Forms offer a list, so nothing else needs forgiving; see
/// [`normalize_country`] for typed input.
pub fn is_country_code(code: &str) -> bool {
    COUNTRY_CODES.binary_search(&code).is_ok()
}

/// Typed input (`" sg "`, `nl`) to the stored form, if it names a country.
pub fn normalize_country(input: &str) -> Option<String> {
    let code = input.trim().to_ascii_uppercase();
    is_country_code(&code).then_some(code)
}

/// The officially assigned ISO 3166-1 alpha-2 codes (249), sorted for binary search.
#[rustfmt::skip]
pub const COUNTRY_CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
    "DE", "DJ", "DK", "DM", "DO", "DZ",
    "EC", "EE", "EG", "EH", "ER", "ES", "ET",
    "FI", "FJ", "FK", "FM", "FO", "FR",
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
    "HK", "HM", "HN", "HR", "HT", "HU",
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
    "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
    "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM",
    "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
    "QA",
    "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
    "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
    "UA", "UG", "UM", "US", "UY", "UZ",
    "VA", "VC", "VE", "VG", "VI", "VN", "VU",
    "WF", "WS",
    "YE", "YT",
    "ZA", "ZM", "ZW",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_email_addresses_pass() {
        for ok in [
            "pembelian@hotelmesra.co.id",
            "a.b+rfq@example.com",
            " buyer@trade.sg ",
            "x@y.z",
            "buyer@example.com\n", // surrounding space is trimmed
        ] {
            assert!(is_email(ok), "{ok}");
        }
    }

    #[test]
    fn malformed_email_addresses_are_refused() {
        for bad in [
            "",
            "buyer",
            "buyer@",
            "@example.com",
            "buyer@example",
            "buyer@@example.com",
            "a@b@example.com",
            "buyer@example..com",
            "buyer@.example.com",
            "buyer@example.com.",
            "buyer name@example.com",
            "buyer@exa mple.com",
            "buyer\t@example.com",
            "buyer@exa\u{7}mple.com",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn international_numbers_normalise_to_e164() {
        for (input, want) in [
            ("+65 6123 4567", "+6561234567"),
            ("+31 (20) 555-0100", "+31205550100"),
            ("+62 812 3456 7890", "+6281234567890"),
            ("+1.415.555.0100", "+14155550100"),
            ("+1234567", "+1234567"),
            ("+123456789012345", "+123456789012345"),
        ] {
            assert_eq!(normalize_phone(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn numbers_without_country_code_or_of_wrong_length_are_refused() {
        for bad in [
            "",
            "+",
            "6561234567",
            "0812 3456 7890",
            "+123456",
            "+1234567890123456",
            "+0 812 3456",
            "+65 6123 4567 ext 2",
            "+65+61234567",
            "++6561234567",
        ] {
            assert_eq!(normalize_phone(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn country_codes_are_the_assigned_ones() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]), "sorted");
        assert!(COUNTRY_CODES
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        for ok in ["ID", "SG", "NL", "US", "JP", "AE", "ZW", "AD"] {
            assert!(is_country_code(ok), "{ok}");
        }
        for bad in ["", "id", "XX", "UK", "EU", "IDN", "I", " ID"] {
            assert!(!is_country_code(bad), "{bad:?}");
        }
        assert_eq!(normalize_country(" sg ").as_deref(), Some("SG"));
        assert_eq!(normalize_country("uk"), None);
    }
}
