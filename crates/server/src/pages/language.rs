//! Which language a public page is answered in. The URL says it (`/en/…` is English), but
//! a visitor who chose a language (the app's switch sets [`LANG_COOKIE`]) is sent to the
//! page in that language, and a first visit to an Indonesian address, with no choice made,
//! follows the browser's `Accept-Language`. Crawlers send neither, so they index each
//! address as it is.

use axum::http::{header, HeaderMap};
use etalase_model::{Lang, LANG_COOKIE};

/// The language to send the visitor to instead of `url_lang`, if any.
pub fn redirect(headers: &HeaderMap, url_lang: Lang) -> Option<Lang> {
    let wanted = match chosen(headers) {
        Some(lang) => lang,
        // Only the default (Indonesian) addresses follow the browser: an `/en/` link was
        // chosen by whoever shared it.
        None if url_lang == Lang::Id => headers
            .get_all(header::ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(Lang::preferred)?,
        None => return None,
    };
    (wanted != url_lang).then_some(wanted)
}

/// The language remembered in the visitor's cookie.
fn chosen(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LANG_COOKIE)
                .then(|| Lang::from_tag(value))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        h
    }

    #[test]
    fn a_choice_beats_the_browser_and_the_browser_only_moves_default_addresses() {
        let en_browser = ("accept-language", "en-GB,en;q=0.9");
        let id_browser = ("accept-language", "id-ID,id;q=0.9,en;q=0.5");
        assert_eq!(redirect(&headers(&[en_browser]), Lang::Id), Some(Lang::En));
        assert_eq!(redirect(&headers(&[en_browser]), Lang::En), None);
        assert_eq!(redirect(&headers(&[id_browser]), Lang::Id), None);
        // A shared English link stays English for an Indonesian browser without a choice.
        assert_eq!(redirect(&headers(&[id_browser]), Lang::En), None);
        let chose_id = ("cookie", "session=x; etalase_lang=id");
        assert_eq!(redirect(&headers(&[chose_id, en_browser]), Lang::Id), None);
        assert_eq!(redirect(&headers(&[chose_id]), Lang::En), Some(Lang::Id));
        let chose_en = ("cookie", "etalase_lang=en");
        assert_eq!(
            redirect(&headers(&[chose_en, id_browser]), Lang::Id),
            Some(Lang::En)
        );
        // Crawlers: neither header.
        assert_eq!(redirect(&HeaderMap::new(), Lang::Id), None);
        assert_eq!(redirect(&HeaderMap::new(), Lang::En), None);
        // A cookie we do not understand is no choice.
        let odd = ("cookie", "etalase_lang=fr");
        assert_eq!(redirect(&headers(&[odd]), Lang::En), None);
    }
}
