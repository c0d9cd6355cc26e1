//! A page's `<head>`: title, description, canonical URL, Open Graph and Twitter tags for
//! link previews (WhatsApp's crawler runs no JavaScript and reads only these), and
//! schema.org JSON-LD for search engines. Every value is escaped for where it goes.

use etalase_model::Lang;
use html_escape::encode_double_quoted_attribute as attr;
use html_escape::encode_text as text;
use serde_json::Value;

/// A photo for link previews, with its size (WhatsApp and Facebook want both).
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewImage {
    /// Absolute URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The page's language (`<html lang>`, `og:locale`).
    pub lang: Lang,
    pub title: String,
    pub description: String,
    /// Absolute URL of the page.
    pub canonical: String,
    /// The page in each language (absolute URLs), for `hreflang` alternates; empty on pages
    /// without twins (not-found pages).
    pub twins: Vec<(Lang, String)>,
    /// `website` or `product`.
    pub og_type: &'static str,
    pub image: Option<PreviewImage>,
    /// schema.org documents, each written as its own JSON-LD block.
    pub json_ld: Vec<Value>,
    /// Kept out of search engines (private pages, not-found pages).
    pub noindex: bool,
}

impl Head {
    pub fn html(&self) -> String {
        let mut h = String::with_capacity(2048);
        let meta = |h: &mut String, key: &str, name: &str, content: &str| {
            h.push_str(&format!(
                "<meta {key}=\"{name}\" content=\"{}\">",
                attr(content)
            ));
        };
        h.push_str(&format!("<title>{}</title>", text(&self.title)));
        meta(&mut h, "name", "description", &self.description);
        if self.noindex {
            meta(&mut h, "name", "robots", "noindex");
        } else {
            h.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}\">",
                attr(&self.canonical)
            ));
            for (lang, url) in &self.twins {
                h.push_str(&format!(
                    "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                    lang.tag(),
                    attr(url)
                ));
            }
            // Indonesian is the default for anyone else.
            if let Some((_, url)) = self.twins.iter().find(|(l, _)| *l == Lang::Id) {
                h.push_str(&format!(
                    "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
                    attr(url)
                ));
            }
        }
        meta(&mut h, "property", "og:site_name", "Etalase Desa");
        meta(&mut h, "property", "og:type", self.og_type);
        meta(&mut h, "property", "og:title", &self.title);
        meta(&mut h, "property", "og:description", &self.description);
        meta(&mut h, "property", "og:url", &self.canonical);
        meta(&mut h, "property", "og:locale", locale(self.lang));
        meta(
            &mut h,
            "property",
            "og:locale:alternate",
            locale(self.lang.other()),
        );
        match &self.image {
            Some(image) => {
                meta(&mut h, "property", "og:image", &image.url);
                meta(&mut h, "property", "og:image:type", "image/jpeg");
                meta(
                    &mut h,
                    "property",
                    "og:image:width",
                    &image.width.to_string(),
                );
                meta(
                    &mut h,
                    "property",
                    "og:image:height",
                    &image.height.to_string(),
                );
                meta(&mut h, "property", "og:image:alt", &image.alt);
                meta(&mut h, "name", "twitter:card", "summary_large_image");
            }
            None => meta(&mut h, "name", "twitter:card", "summary"),
        }
        for doc in &self.json_ld {
            h.push_str("<script type=\"application/ld+json\">");
            h.push_str(&json_for_script(doc));
            h.push_str("</script>");
        }
        h
    }
}

/// Open Graph's locale for a language.
fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id_ID",
        Lang::En => "en_US",
    }
}

/// JSON safe inside `<script>`: `<`, `>` and `&` as `\u` escapes, so no value (a product
/// named `</script><script>…`) can end the block. A data block is never run, so the
/// Content-Security-Policy needs no hash for it.
pub fn json_for_script(value: &Value) -> String {
    let raw = serde_json::to_string(value).expect("JSON serialises");
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_values_stay_values() {
        let name = r#"</script><script>alert(1)</script>" onload="x"#;
        let head = Head {
            lang: Lang::Id,
            twins: Vec::new(),
            title: name.into(),
            description: name.into(),
            canonical: "https://etalase.example/produk/x".into(),
            og_type: "product",
            image: None,
            json_ld: vec![serde_json::json!({ "name": name })],
            noindex: false,
        };
        let html = head.html();
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html.contains("onload=\"x\""), "{html}");
        assert!(html.contains("content=\"&lt;/script&gt;"), "{html}");
        let block = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .unwrap();
        let json = block.strip_suffix("</script>").unwrap();
        let parsed: Value = serde_json::from_str(json).unwrap();
        assert_eq!(parsed["name"], name);
    }
}
