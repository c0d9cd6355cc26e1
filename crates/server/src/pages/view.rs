//! What a public page says before any script runs: its `<head>` (see [`head`](super::head))
//! and its first view, from the published catalog. Pure: the catalog, the path and the
//! site's origin in, HTML out.
//!
//! The first view is written in the app's own classes and words (`etalase_model::texts`,
//! `etalase_model::card`), so the app that takes it over draws the same page.

use std::fmt::Write as _;

use etalase_model::card::{card_html, fill, CardContext, PhotoLoad};
use etalase_model::inquiry::reply_time::reply_time_text;
use etalase_model::texts::{texts, Texts};
use etalase_model::{format_rupiah, Catalog, Date, Lang, Product, Village};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::{json, Value};

use super::head::{Head, PreviewImage};
use super::route::ShopRoute;

/// How many cards the home page's first view shows: a phone's first screens.
const HOME_CARDS: usize = 8;
/// How many of a written page's first cards fetch their photo at once rather than lazily.
const EAGER_CARDS: usize = 2;

/// A page ready to be written into the app's shell.
#[derive(Debug)]
pub struct PageView {
    /// 200, or 404 for an unknown or no longer listed item.
    pub found: bool,
    pub head: Head,
    /// The contents of the shell's first-view slot.
    pub body: String,
}

/// `filtered`: the URL carries a search or filters, which only the app applies; the home
/// page's first view then shows no cards rather than the wrong ones.
/// `path` is the page's path without its language prefix (`/produk/x` for `/en/produk/x`).
pub fn view(
    catalog: &Catalog,
    route: ShopRoute<'_>,
    lang: Lang,
    path: &str,
    origin: &str,
    today: Date,
    filtered: bool,
) -> PageView {
    let t = texts(lang);
    let path = if path.is_empty() { "/" } else { path };
    let canonical = format!("{origin}{}", lang.page_path(path));
    let twins = Lang::ALL.map(|l| (l, format!("{origin}{}", l.page_path(path))));
    let twin = lang.other().page_path(path);
    let page = |title: String, description: String, main: String| PageView {
        found: true,
        head: Head {
            lang,
            title,
            description,
            canonical: canonical.clone(),
            twins: twins.to_vec(),
            og_type: "website",
            image: None,
            json_ld: Vec::new(),
            noindex: false,
        },
        body: frame(t, lang, Some(&twin), &main),
    };
    match route {
        ShopRoute::Home => {
            let mut v = page(
                format!("Etalase Desa — {}", t.brand_tagline),
                t.home_meta.to_string(),
                home(catalog, t, lang, today, filtered),
            );
            v.head.json_ld.push(json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": "Etalase Desa",
                "url": canonical,
                "inLanguage": lang.tag(),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": format!("{origin}{}", lang.page_path("/?q={search_term_string}")),
                    "query-input": "required name=search_term_string",
                },
            }));
            v
        }
        ShopRoute::Product(id) => match catalog.product(id) {
            Some(p) => {
                let mut view = product_page(catalog, p, &canonical, &twin, origin, lang, today);
                view.head.twins = twins.to_vec();
                view
            }
            None => not_found(t, lang, &canonical, t.product_not_found),
        },
        ShopRoute::Village(slug) => match catalog.village(slug) {
            Some(v) => {
                let count = catalog.products_of_village(&v.slug).count();
                let title = fill(t.page_village_title, &[&village_word(v, t), &v.name, &v.kecamatan, &v.kabupaten]);
                let mut description = fill(
                    t.page_village_meta,
                    &[
                        &v.name,
                        &v.kecamatan,
                        &v.kabupaten,
                        &count,
                        &t.idm_label,
                        &v.idm_status.map_or(t.idm_unknown, |s| s.label(lang)),
                    ],
                );
                description.push(' ');
                description.push_str(&shorten(v.description(lang), 120));
                let mut view = page(title, description, village_main(catalog, v, lang, today));
                view.head.json_ld.push(place(v, &canonical));
                view.head.json_ld.push(breadcrumbs(origin, lang, &[(&v.name, &canonical)]));
                view
            }
            None => not_found(t, lang, &canonical, t.village_not_found),
        },
        ShopRoute::Cooperative(slug) => {
            let members: Vec<&str> = catalog.cooperative_members(slug).collect();
            match catalog.village(slug).filter(|_| !members.is_empty()) {
                Some(v) => {
                    let cards = catalog
                        .products
                        .iter()
                        .filter(|p| members.contains(&p.seller_id.as_str()))
                        .take(HOME_CARDS);
                    let main = format!(
                        "<section class=\"panel\"><h1>{}</h1><p class=\"lead\">{} — {} {}</p></section>{}",
                        text(&v.cooperative),
                        text(t.cooperative_page_label),
                        text(village_word(v, t)),
                        text(&v.name),
                        card_grid(catalog, cards, lang, today),
                    );
                    page(
                        v.cooperative.clone(),
                        fill(t.page_cooperative_meta, &[&t.cooperative_page_label, &village_word(v, t), &v.name, &v.kecamatan]),
                        main,
                    )
                }
                None => not_found(t, lang, &canonical, t.cooperative_not_found),
            }
        }
        ShopRoute::Partner(slug) => match catalog.partner(slug) {
            Some(partner) => {
                let villages = catalog.villages_of_partner(&partner.slug);
                let names: Vec<&str> = villages.iter().map(|v| v.name.as_str()).collect();
                let main = format!(
                    "<section class=\"panel\"><p class=\"card-category\">{}</p><h1>{}</h1><p class=\"lead\">{}</p></section>",
                    text(partner.kind.label(lang)),
                    text(&partner.name),
                    text(&names.join(", ")),
                );
                page(
                    partner.name.clone(),
                    fill(t.page_partner_meta, &[&partner.name, &partner.kind.label(lang), &names.join(", ")]),
                    main,
                )
            }
            None => not_found(t, lang, &canonical, t.not_found_body),
        },
        ShopRoute::About => page(
            t.about_title.to_string(),
            t.about_meta.to_string(),
            format!(
                "<section class=\"panel prose\"><h1>{}</h1><p class=\"lead\">{}</p><h2>{}</h2><p>{}</p></section>",
                text(t.about_title),
                text(t.about_body),
                text(t.about_data_heading),
                text(t.about_data_body),
            ),
        ),
        ShopRoute::Insights => page(
            format!("{} — Etalase Desa", t.insights_title),
            t.insights_lead.to_string(),
            format!(
                "<section class=\"panel insights\"><h1>{}</h1><p class=\"lead\">{}</p></section>",
                text(t.insights_title),
                text(t.insights_lead)
            ),
        ),
        ShopRoute::Private => {
            let mut v = page("Etalase Desa".to_string(), t.home_meta.to_string(), String::new());
            v.head.noindex = true;
            v.body = String::new();
            v
        }
        ShopRoute::Unknown => not_found(t, lang, &canonical, t.not_found_body),
    }
}

fn not_found(t: &Texts, lang: Lang, canonical: &str, message: &str) -> PageView {
    PageView {
        found: false,
        head: Head {
            lang,
            title: format!("{} — Etalase Desa", t.not_found_title),
            description: message.to_string(),
            canonical: canonical.to_string(),
            twins: Vec::new(),
            og_type: "website",
            image: None,
            json_ld: Vec::new(),
            noindex: true,
        },
        body: frame(
            t,
            lang,
            None,
            &format!(
                "<section class=\"panel not-found\"><h1>{}</h1><p>{}</p><a class=\"button primary\" href=\"{}\">{}</a></section>",
                text(t.not_found_title),
                text(message),
                lang.page_path("/"),
                text(t.back_to_catalog),
            ),
        ),
    }
}

/// The header the app draws, so the page keeps its shape when the app takes over; `twin` is
/// the page in the other language (its link works without JavaScript).
fn frame(t: &Texts, lang: Lang, twin: Option<&str>, main: &str) -> String {
    let other = lang.other();
    let switch = twin.map_or(String::new(), |href| {
        format!(
            concat!(
                "<a class=\"lang-switch\" href=\"{href}\" hreflang=\"{tag}\" lang=\"{tag}\" aria-label=\"{label}\">",
                "<svg aria-hidden=\"true\" class=\"lang-globe\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\">",
                "<circle cx=\"12\" cy=\"12\" r=\"9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\"/>",
                "<path d=\"M3 12h18M12 3c2.6 2.6 3.8 5.6 3.8 9s-1.2 6.4-3.8 9c-2.6-2.6-3.8-5.6-3.8-9S9.4 5.6 12 3z\" ",
                "fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\"/></svg>{code}</a>"
            ),
            href = attr(href),
            tag = other.tag(),
            label = attr(t.switch_lang_label),
            code = other.tag().to_uppercase(),
        )
    });
    format!(
        concat!(
            "<header class=\"site-header\"><div class=\"header-top\"><a href=\"{home}\" class=\"brand\">",
            "<span class=\"brand-mark\" aria-hidden=\"true\"></span><span class=\"brand-text\">",
            "<span class=\"brand-name\">Etalase Desa</span><span class=\"brand-tagline\">{tagline}</span></span></a>{switch}</div>",
            // The app's search box takes this room when it starts; held empty until then, so
            // nothing below moves down (a search before the app would be lost at takeover).
            "<div class=\"search-box reserved\" aria-hidden=\"true\"><input type=\"search\" tabindex=\"-1\" disabled>",
            "<button type=\"button\" tabindex=\"-1\" disabled><svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\"></svg></button></div>",
            "<nav class=\"main-nav\" aria-label=\"{nav}\"><a href=\"{home}\">{catalog}</a><a href=\"/permintaan\">{inquiry}</a>",
            "<a href=\"/penjual\">{sellers}</a><a href=\"{insights_href}\">{insights}</a><a href=\"{about_href}\">{about}</a></nav></header>",
            // No `id="main"`: the app's own `<main>` has it, and both exist for a moment.
            "<main>{main}</main>"
        ),
        tagline = text(t.brand_tagline),
        nav = attr(t.nav_label),
        catalog = text(t.nav_catalog),
        inquiry = text(t.nav_inquiry),
        sellers = text(t.nav_sellers),
        about = text(t.nav_about),
        insights = text(t.nav_insights),
        home = lang.page_path("/"),
        insights_href = lang.page_path("/wawasan"),
        about_href = lang.page_path("/tentang"),
        main = main,
        switch = switch,
    )
}

fn home(catalog: &Catalog, t: &Texts, lang: Lang, today: Date, filtered: bool) -> String {
    let cards = if filtered {
        String::new()
    } else {
        card_grid(
            catalog,
            catalog.products.iter().take(HOME_CARDS),
            lang,
            today,
        )
    };
    format!(
        "<section class=\"hero\"><h1>{}</h1><p class=\"lead\">{}</p></section>{cards}",
        text(t.home_title),
        text(t.home_lead),
    )
}

fn card_grid<'a>(
    catalog: &Catalog,
    products: impl Iterator<Item = &'a Product>,
    lang: Lang,
    today: Date,
) -> String {
    let mut html = String::from("<ul class=\"card-grid\" role=\"list\">");
    for (i, p) in products.enumerate() {
        let village = catalog.village_of(p).map_or("", |v| v.name.as_str());
        let cx = CardContext {
            village,
            verified: catalog.seller_verified(p),
            lang,
            day: today,
            // A phone's first row (two columns) is on screen from the start.
            photo_load: if i < EAGER_CARDS {
                PhotoLoad::Eager
            } else {
                PhotoLoad::Now
            },
        };
        let _ = write!(
            html,
            "<li><article class=\"card product-card\">{}</article></li>",
            card_html(p, cx)
        );
    }
    html.push_str("</ul>");
    html
}

fn village_word(v: &Village, t: &Texts) -> &'static str {
    match v.kind() {
        Some(etalase_model::gazetteer::VillageKind::Kelurahan) => "Kelurahan",
        _ => t.village_title,
    }
}

fn village_main(catalog: &Catalog, v: &Village, lang: Lang, today: Date) -> String {
    let t = texts(lang);
    format!(
        "<section class=\"panel village-profile\"><p class=\"card-category\">{}</p><h1>{} {}</h1><p>Kec. {}, {}</p><p>{}</p></section><section class=\"village-products\"><h2>{}</h2>{}</section>",
        text(t.village_profile),
        text(village_word(v, t)),
        text(&v.name),
        text(&v.kecamatan),
        text(&v.kabupaten),
        text(v.description(lang)),
        text(t.village_products),
        card_grid(catalog, catalog.products_of_village(&v.slug), lang, today),
    )
}

fn product_page(
    catalog: &Catalog,
    p: &Product,
    canonical: &str,
    twin: &str,
    origin: &str,
    lang: Lang,
    today: Date,
) -> PageView {
    let t = texts(lang);
    let name = p.name(lang);
    let village = catalog.village_of(p);
    let seller = catalog.seller_of(p);
    let unit = p.unit.label(lang);
    let prices: Vec<u64> = p.tiers.iter().map(|tier| tier.price.0).collect();
    let (low, high) = (
        prices.iter().min().copied().unwrap_or(0),
        prices.iter().max().copied().unwrap_or(0),
    );
    let range = if low == high {
        format!("{} / {unit}", format_rupiah(low))
    } else {
        format!("{} – {} / {unit}", format_rupiah(low), format_rupiah(high))
    };
    let place = village.map(|v| {
        format!(
            "{} {}, Kec. {}, {}",
            village_word(v, t),
            v.name,
            v.kecamatan,
            v.kabupaten
        )
    });
    let title = match &village {
        Some(v) => format!("{name} — {}, {} | Etalase Desa", v.name, v.kabupaten),
        None => format!("{name} | Etalase Desa"),
    };
    let description = format!(
        "{range}. {} {} {unit}. {}{}",
        t.term_moq,
        p.moq,
        place
            .as_deref()
            .map(|pl| format!("{pl}. "))
            .unwrap_or_default(),
        shorten(p.description(lang), 110),
    );
    let photo = p.photos.first();
    let image = photo.map(|ph| {
        // The 400 px rendition: well under WhatsApp's 300 KB for previews.
        let (w, h) = ph.size_at(etalase_model::Photo::THUMB_EDGE);
        PreviewImage {
            url: format!("{origin}{}", ph.thumb),
            width: w,
            height: h,
            alt: ph.alt(lang).to_string(),
        }
    });

    // The app's product page in its own classes (src/buyer/pages/product.rs): the same photo
    // at the same size, so its arrival is not a second, later "largest paint".
    let mut main = String::with_capacity(4096);
    let _ = write!(
        main,
        "<nav class=\"crumbs\"><a href=\"{}\">{}</a></nav><article class=\"product\">",
        lang.page_path("/"),
        text(t.back_to_catalog)
    );
    match photo {
        Some(ph) => {
            let _ = write!(
                main,
                concat!(
                    "<div class=\"gallery\"><a href=\"{large}\" class=\"gallery-main\">",
                    "<img src=\"{thumb}\" srcset=\"{srcset}\" sizes=\"(min-width: 64rem) 34rem, 100vw\" ",
                    "alt=\"{alt}\" width=\"{w}\" height=\"{h}\" fetchpriority=\"high\" decoding=\"async\"></a></div>"
                ),
                large = attr(&ph.large),
                thumb = attr(&ph.thumb),
                srcset = attr(&ph.srcset()),
                w = ph.width,
                h = ph.height,
                alt = attr(ph.alt(lang)),
            );
        }
        None => main.push_str("<div class=\"gallery empty\"></div>"),
    }
    let _ = write!(
        main,
        "<div class=\"product-main\"><p class=\"card-category\">{}</p><h1>{}</h1>",
        text(p.category.label(lang)),
        text(name)
    );
    if let Some(v) = village {
        let _ = write!(
            main,
            "<p class=\"card-origin\"><a href=\"{}\">{}</a> · {}</p>",
            attr(&lang.page_path(&format!("/desa/{}", v.slug))),
            text(&fill(t.from_village, &[&v.name])),
            text(&v.kecamatan),
        );
    }
    if let Some(base) = p.base_price() {
        let _ = write!(
            main,
            "<p class=\"price-big\">{}<span class=\"per\"> / {unit}</span></p>",
            text(&format_rupiah(base.0))
        );
    }
    if p.export_ready {
        let _ = write!(
            main,
            "<span class=\"badge export inline\">{}</span>",
            text(t.export_badge)
        );
    }
    if seller.is_some_and(|s| s.verified.is_some()) {
        let _ = write!(
            main,
            "<span class=\"badge verified inline\">{}</span>",
            text(t.verified_badge)
        );
    }
    let _ = write!(
        main,
        "<p class=\"description\">{}</p></div></article><div class=\"product-details\"><section class=\"panel terms\"><h2>{}</h2><ul class=\"tiers\">",
        text(p.description(lang)),
        text(t.term_prices),
    );
    for tier in &p.tiers {
        let _ = write!(
            main,
            "<li>{}: {} / {unit}</li>",
            text(&fill(t.term_tier_from, &[&tier.min_qty, &unit])),
            text(&format_rupiah(tier.price.0)),
        );
    }
    let _ = write!(
        main,
        "</ul><dl><dt>{}</dt><dd>{} {unit}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} {unit}</dd></dl></section><div class=\"product-side\">",
        text(t.term_moq),
        p.moq,
        text(t.term_lead),
        text(&fill(t.days_unit, &[&p.lead_time_days])),
        text(t.term_capacity),
        p.monthly_capacity,
    );
    let certs: Vec<_> = p
        .certificates
        .iter()
        .filter(|c| c.is_valid_on(today))
        .collect();
    if !certs.is_empty() {
        main.push_str("<section class=\"panel\"><ul class=\"cert-badges\">");
        for c in certs {
            let _ = write!(
                main,
                "<li class=\"badge cert cert-{}\">{}</li>",
                attr(c.kind.slug()),
                text(c.kind.label(lang))
            );
        }
        main.push_str("</ul></section>");
    }
    if let Some(s) = seller {
        let _ = write!(
            main,
            "<section class=\"panel seller-card\"><h2>{}</h2><p class=\"seller-name\">{}</p>",
            text(t.seller_heading),
            text(&s.name)
        );
        if let Some(minutes) = catalog.reply_minutes.get(&s.id) {
            let _ = write!(
                main,
                "<p class=\"reply-time\">{}</p>",
                text(&reply_time_text(*minutes, lang))
            );
        }
        if let Some(pl) = &place {
            let _ = write!(main, "<p class=\"muted\">{}</p>", text(pl));
        }
        main.push_str("</section>");
    }
    main.push_str("</div></div>");

    let mut json_ld = vec![product_json(catalog, p, canonical, origin, lang)];
    if let Some(v) = village {
        json_ld.push(breadcrumbs(
            origin,
            lang,
            &[(&v.name, &village_url(origin, lang, v)), (name, canonical)],
        ));
    }
    PageView {
        found: true,
        head: Head {
            lang,
            twins: Vec::new(),
            title,
            description,
            canonical: canonical.to_string(),
            og_type: "product",
            image,
            json_ld,
            noindex: false,
        },
        body: frame(t, lang, Some(twin), &main),
    }
}

fn village_url(origin: &str, lang: Lang, v: &Village) -> String {
    format!("{origin}{}", lang.page_path(&format!("/desa/{}", v.slug)))
}

/// schema.org `Product`: an `AggregateOffer` in IDR over the price tiers, the MOQ as the
/// eligible quantity, the seller an `Organization` in its village's `Place`.
fn product_json(
    catalog: &Catalog,
    p: &Product,
    canonical: &str,
    origin: &str,
    lang: Lang,
) -> Value {
    let prices = p.tiers.iter().map(|t| t.price.0);
    let (low, high) = (prices.clone().min().unwrap_or(0), prices.max().unwrap_or(0));
    let mut product = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name(lang),
        "description": p.description(lang),
        "sku": p.id,
        "url": canonical,
        "category": p.category.label(lang),
        "image": p.photos.iter().map(|ph| format!("{origin}{}", ph.large)).collect::<Vec<_>>(),
        "offers": {
            "@type": "AggregateOffer",
            "priceCurrency": "IDR",
            "lowPrice": low,
            "highPrice": high,
            "offerCount": p.tiers.len(),
            "availability": "https://schema.org/InStock",
            "eligibleQuantity": {
                "@type": "QuantitativeValue",
                "minValue": p.moq,
                "unitText": p.unit.label(lang),
            },
        },
    });
    if let Some(seller) = catalog.seller_of(p) {
        let mut org = json!({ "@type": "Organization", "name": seller.name });
        if let Some(v) = catalog.village_of(p) {
            org["location"] = place(v, &village_url(origin, lang, v));
        }
        product["offers"]["seller"] = org;
    }
    product
}

/// schema.org `Place` for a village, within its kecamatan and regency.
fn place(v: &Village, url: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": v.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": v.name,
            "addressRegion": v.province,
            "addressCountry": "ID",
        },
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": format!("Kecamatan {}", v.kecamatan),
            "containedInPlace": { "@type": "AdministrativeArea", "name": format!("Kabupaten {}", v.kabupaten) },
        },
    })
}

fn breadcrumbs(origin: &str, lang: Lang, trail: &[(&str, &str)]) -> Value {
    let mut items = vec![
        json!({ "@type": "ListItem", "position": 1, "name": "Etalase Desa", "item": format!("{origin}{}", lang.page_path("/")) }),
    ];
    for (i, (name, url)) in trail.iter().enumerate() {
        items.push(json!({ "@type": "ListItem", "position": i + 2, "name": name, "item": url }));
    }
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items })
}

/// At most `max` characters, cut at a word with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_sizes_in_srcset_and_previews_are_the_pipelines() {
        for (w, h) in [
            (1600, 1200),
            (1200, 1600),
            (1600, 1600),
            (1000, 750),
            (333, 999),
            (600, 200),
        ] {
            let photo = etalase_model::Photo {
                thumb: String::new(),
                large: String::new(),
                medium: None,
                alt_id: String::new(),
                alt_en: String::new(),
                width: w,
                height: h,
            };
            for edge in [etalase_photo::THUMB_EDGE, etalase_photo::MEDIUM_EDGE] {
                assert_eq!(
                    photo.size_at(edge),
                    etalase_photo::fit(w, h, edge),
                    "{w}x{h} at {edge}"
                );
            }
        }
        assert_eq!(etalase_model::Photo::THUMB_EDGE, etalase_photo::THUMB_EDGE);
        assert_eq!(
            etalase_model::Photo::MEDIUM_EDGE,
            etalase_photo::MEDIUM_EDGE
        );
    }

    #[test]
    fn the_first_row_of_cards_fetches_its_photos_at_once() {
        let catalog = etalase_model::demo_catalog();
        let page = view(
            &catalog,
            ShopRoute::Village("sepatin"),
            Lang::Id,
            "/desa/sepatin",
            "https://etalase.example",
            catalog.products[0].created,
            false,
        );
        assert!(catalog.products_of_village("sepatin").count() > EAGER_CARDS);
        assert_eq!(page.body.matches("loading=\"eager\"").count(), EAGER_CARDS);
        let first_lazy = page.body.find("loading=\"lazy\"").unwrap();
        assert!(page.body.rfind("loading=\"eager\"").unwrap() < first_lazy);
    }

    #[test]
    fn a_hostile_product_name_stays_text_in_head_body_and_json_ld() {
        let mut catalog = etalase_model::demo_catalog();
        let hostile = r#"</script><script>alert(1)</script><img src=x onerror=alert(2)>"#;
        catalog.products[0].name_id = hostile.into();
        catalog.products[0].description_id = hostile.into();
        let id = catalog.products[0].id.clone();
        let path = format!("/produk/{id}");
        let page = view(
            &catalog,
            ShopRoute::parse(&path),
            Lang::Id,
            &path,
            "https://etalase.example",
            catalog.products[0].created,
            false,
        );
        assert!(page.found);
        let html = format!("{}{}", page.head.html(), page.body);
        assert_eq!(
            html.matches("<script").count(),
            page.head.json_ld.len(),
            "{html}"
        );
        assert!(!html.contains("<img src=x"), "{html}");
        let docs: Vec<Value> = html
            .split("<script type=\"application/ld+json\">")
            .skip(1)
            .map(|b| serde_json::from_str(b.split("</script>").next().unwrap()).unwrap())
            .collect();
        assert_eq!(docs[0]["name"], hostile);
    }
}
