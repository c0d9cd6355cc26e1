//! A listing's card, as HTML: written here once, so the server's first view of a page
//! and the app that takes it over draw the same card (no flash, no shift between them).
//!
//! The app sets it with `innerHTML` (see `ProductCard` there for why); the server writes it
//! into the page. Every value from a listing is escaped.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::{format_rupiah, Date, Lang, Product};

/// The card's words, once per language (the app's string table takes these from here).
pub struct CardTexts {
    pub moq_short: &'static str,
    pub days_unit: &'static str,
    pub from_village: &'static str,
    pub export_badge: &'static str,
    pub verified_badge: &'static str,
}

pub const ID: CardTexts = CardTexts {
    moq_short: "Min. {} {}",
    days_unit: "{} hari",
    from_village: "Desa {}",
    export_badge: "Siap ekspor",
    verified_badge: "Terverifikasi",
};

pub const EN: CardTexts = CardTexts {
    moq_short: "Min. {} {}",
    days_unit: "{} days",
    from_village: "{} village",
    export_badge: "Export-ready",
    verified_badge: "Verified",
};

pub fn texts(lang: Lang) -> &'static CardTexts {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// Fills each `{}` in a template with the next argument, in order. Templates keep word order
/// in the translation's hands ("Desa {}" vs "{} village") without a formatting crate.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut parts = template.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            if let Some(arg) = args.next() {
                out.push_str(&arg.to_string());
            }
        }
    }
    out
}

/// The URL path of a product's page in `lang`.
pub fn product_path(id: &str, lang: Lang) -> String {
    format!("{}/produk/{id}", lang.path_prefix())
}

/// When a card's photo is fetched.
///
/// While a search is typed, each keystroke replaces the page of cards, and most of those
/// cards are gone a keystroke later. Their photos would cost a phone data it pays for, and
/// their responses land on the main thread inside the keystroke's frame. So a card made
/// while typing names its photo in `data-src`, and the app moves it to `src` when typing
/// pauses (the pause that writes the URL). In interleaved runs at 4× CPU the slowest
/// keystrokes (p95) took 97 ms against 150 ms (BENCHMARKS.md, page load and search
/// keystrokes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoLoad {
    /// Fetched when it nears the screen (`loading="lazy"`).
    Now,
    WhenTypingPauses,
    /// At once, among the page's first requests: the first cards of a page the server
    /// writes, on screen from the start (the largest paint of a village page). A lazy image
    /// is only requested after layout.
    Eager,
}

/// What a card shows besides the listing itself.
#[derive(Clone, Copy, Debug)]
pub struct CardContext<'a> {
    /// Name of the village the listing comes from.
    pub village: &'a str,
    /// Whether its seller is verified.
    pub verified: bool,
    pub lang: Lang,
    /// Today, for which certificates are still valid.
    pub day: Date,
    pub photo_load: PhotoLoad,
}

/// The card's contents (what goes inside `<article class="card product-card">`).
pub fn card_html(product: &Product, cx: CardContext<'_>) -> String {
    let lang = cx.lang;
    let t = texts(lang);
    let href = product_path(&product.id, lang);
    let photo = product.photos.first();
    let name = product.name(lang);
    let alt = photo.map_or(name, |ph| ph.alt(lang));
    let thumb = photo.map_or("", |ph| ph.thumb.as_str());
    let unit = product.unit.label(lang);
    let price = product
        .base_price()
        .map(|r| format!("{} / {unit}", format_rupiah(r.0)))
        .unwrap_or_default();
    let moq = fill(t.moq_short, &[&product.moq, &unit]);
    let lead = fill(t.days_unit, &[&product.lead_time_days]);
    let origin = fill(t.from_village, &[&cx.village]);

    let mut html = String::with_capacity(1024);
    let _ = write!(
        html,
        r#"<a href="{href}" class="card-photo" tabindex="-1" aria-hidden="true"><img {src}="{thumb}" alt="{alt}" loading="{loading}" decoding="async" width="400" height="300">"#,
        href = attr(&href),
        src = match cx.photo_load {
            PhotoLoad::Now | PhotoLoad::Eager => "src",
            PhotoLoad::WhenTypingPauses => "data-src",
        },
        loading = match cx.photo_load {
            PhotoLoad::Eager => "eager",
            PhotoLoad::Now | PhotoLoad::WhenTypingPauses => "lazy",
        },
        thumb = attr(thumb),
        alt = attr(alt),
    );
    if product.export_ready {
        let _ = write!(
            html,
            r#"<span class="badge export">{}</span>"#,
            text(t.export_badge)
        );
    }
    let _ = write!(
        html,
        r#"</a><div class="card-body"><p class="card-category">{category}</p><h3 class="card-title"><a href="{href}">{name}</a></h3><p class="card-origin">{origin}</p>{verified}<p class="card-price">{price}</p><p class="card-terms"><span>{moq}</span><span aria-hidden="true"> · </span><span>{lead}</span></p>"#,
        category = text(product.category.label(lang)),
        href = attr(&href),
        name = text(name),
        origin = text(&origin),
        verified = if cx.verified {
            format!(
                r#"<p class="badge verified inline card-verified">{}</p>"#,
                text(t.verified_badge)
            )
        } else {
            String::new()
        },
        price = text(&price),
        moq = text(&moq),
        lead = text(&lead),
    );
    // Certificates valid today: an expired one is not a claim a card should make (the
    // product page lists it as expired).
    let mut valid = product
        .certificates
        .iter()
        .filter(|c| c.is_valid_on(cx.day))
        .peekable();
    if valid.peek().is_some() {
        html.push_str(r#"<ul class="cert-badges">"#);
        for c in valid {
            let _ = write!(
                html,
                r#"<li class="badge cert cert-{}">{}</li>"#,
                attr(c.kind.slug()),
                text(c.kind.label(lang)),
            );
        }
        html.push_str("</ul>");
    }
    html.push_str("</div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_takes_arguments_in_order_and_tolerates_too_few() {
        assert_eq!(fill("Min. {} {}", &[&20, &"pak"]), "Min. 20 pak");
        assert_eq!(fill("{} dan {}", &[&1]), "1 dan ");
    }

    #[test]
    fn a_hostile_listing_is_escaped_and_the_badges_follow_the_context() {
        let catalog = crate::demo::demo_catalog();
        let mut product = catalog.products[0].clone();
        product.name_id = r#"</h3><script>alert(1)</script>"#.into();
        let cx = CardContext {
            village: "Sepatin <b>",
            verified: true,
            lang: Lang::Id,
            day: product.created,
            photo_load: PhotoLoad::Now,
        };
        let html = card_html(&product, cx);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;/h3&gt;&lt;script&gt;"), "{html}");
        assert!(html.contains("Desa Sepatin &lt;b&gt;"), "{html}");
        assert!(html.contains(r#"class="badge verified inline card-verified">Terverifikasi<"#));
        let unverified = card_html(
            &product,
            CardContext {
                verified: false,
                photo_load: PhotoLoad::WhenTypingPauses,
                ..cx
            },
        );
        assert!(!unverified.contains("card-verified"));
        assert!(unverified.contains(" data-src=\""));
    }
}
