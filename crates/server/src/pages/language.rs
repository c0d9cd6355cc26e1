//! Which language a public page is answered in. The URL says it (`/en/…` is English), but
//! a visitor who chose a language (the app's switch sets [`LANG_COOKIE`]) is sent to the
//! page in that language, and a first visit to an Indonesian address, with no choice made,
//! follows the browser's `Accept-Language`. Crawlers send neither, so they index each
//! address as it is.

use axum::http::{header, HeaderMap, HeaderValue};
use etalase_model::{split_path_language, Lang, LANG_COOKIE};

/// What to do about the visitor's language on a public page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Answer the page as addressed.
    Stay,
    /// Send the visitor to the page's twin in this language.
    Redirect(Lang),
    /// Answer the page as addressed and remember its language: the visitor followed the
    /// language link of a page the server wrote, before (or without) the app, which would
    /// otherwise have remembered it.
    Remember(Lang),
}

/// Decides for a request of a public page in `url_lang`, on this site (`origin`).
pub fn decide(headers: &HeaderMap, url_lang: Lang, origin: &str) -> Decision {
    // Moving around the site by a full page load: the address followed is the visitor's
    // choice. Only a first arrival (a shared link, a search result) follows the browser.
    if let Some(from) = referrer_path(headers, origin) {
        let from_lang = split_path_language(from).0;
        return if from_lang != url_lang && chosen(headers) != Some(url_lang) {
            Decision::Remember(url_lang)
        } else {
            Decision::Stay
        };
    }
    match redirect(headers, url_lang) {
        Some(lang) => Decision::Redirect(lang),
        None => Decision::Stay,
    }
}

/// The `Set-Cookie` value that remembers `lang` for a year (the app writes the same).
pub fn remember(lang: Lang) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.tag()
    ))
    .expect("ASCII")
}

/// The path of the page the visitor came from, if it is on this site.
fn referrer_path<'h>(headers: &'h HeaderMap, origin: &str) -> Option<&'h str> {
    let referrer = headers.get(header::REFERER)?.to_str().ok()?;
    let rest = referrer.strip_prefix(origin)?;
    let path = rest.split(['?', '#']).next().unwrap_or("");
    match path {
        "" => Some("/"),
        p if p.starts_with('/') => Some(p),
        // `https://etalase.example.evil/…` shares the prefix but not the site.
        _ => None,
    }
}

/// The language to send the visitor to instead of `url_lang`, if any.
fn redirect(headers: &HeaderMap, url_lang: Lang) -> Option<Lang> {
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

    #[test]
    fn moving_around_the_site_is_never_redirected_and_a_language_link_is_remembered() {
        const SITE: &str = "https://etalase.example";
        let en_browser = ("accept-language", "en-GB,en;q=0.9");
        // Arriving from elsewhere follows the browser.
        let outside = headers(&[en_browser, ("referer", "https://www.google.com/")]);
        assert_eq!(
            decide(&outside, Lang::Id, SITE),
            Decision::Redirect(Lang::En)
        );
        // The written page's "ID" link, followed before the app took over.
        let switched = headers(&[
            en_browser,
            ("referer", "https://etalase.example/en/desa/sepatin"),
        ]);
        assert_eq!(
            decide(&switched, Lang::Id, SITE),
            Decision::Remember(Lang::Id)
        );
        let chose_id = headers(&[
            en_browser,
            ("referer", "https://etalase.example/en/desa/sepatin"),
            ("cookie", "etalase_lang=id"),
        ]);
        assert_eq!(decide(&chose_id, Lang::Id, SITE), Decision::Stay);
        // A link within one language.
        let within = headers(&[
            en_browser,
            ("referer", "https://etalase.example/desa/sepatin?x=1"),
        ]);
        assert_eq!(decide(&within, Lang::Id, SITE), Decision::Stay);
        let home = headers(&[("referer", "https://etalase.example")]);
        assert_eq!(decide(&home, Lang::En, SITE), Decision::Remember(Lang::En));
        // A look-alike host is not this site.
        let lookalike = headers(&[en_browser, ("referer", "https://etalase.example.evil/en/x")]);
        assert_eq!(
            decide(&lookalike, Lang::Id, SITE),
            Decision::Redirect(Lang::En)
        );
        assert_eq!(
            remember(Lang::En),
            "etalase_lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
        );
    }
}
