//! `/sitemap.xml`: every public page of the published catalog in both languages, each with
//! its twin as an `hreflang` alternate; `/robots.txt`: where it is,
//! and what crawlers should leave alone (the seller's and staff pages, the API).

use std::fmt::Write as _;

use etalase_model::{Catalog, Lang};
use html_escape::encode_text as text;

pub fn sitemap(catalog: &Catalog, origin: &str) -> String {
    // (path, last modified): listings carry the day they were made; other pages change
    // with the catalog and say nothing rather than guess.
    let mut urls: Vec<(String, Option<String>)> = ["/", "/tentang", "/wawasan"]
        .iter()
        .map(|p| (p.to_string(), None))
        .collect();
    urls.extend(
        catalog
            .products
            .iter()
            .map(|p| (format!("/produk/{}", p.id), Some(p.created.to_string()))),
    );
    urls.extend(
        catalog
            .villages
            .iter()
            .map(|v| (format!("/desa/{}", v.slug), None)),
    );
    urls.extend(
        catalog
            .active_cooperatives()
            .into_iter()
            .map(|v| (format!("/koperasi/{}", v.slug), None)),
    );
    urls.extend(
        catalog
            .partners
            .iter()
            .map(|p| (format!("/mitra/{}", p.slug), None)),
    );
    let mut xml = String::with_capacity(urls.len() * 2 * 300 + 200);
    xml.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    let origin = text(origin);
    for (path, lastmod) in &urls {
        for lang in Lang::ALL {
            let _ = write!(
                xml,
                "<url><loc>{origin}{}</loc>",
                text(&lang.page_path(path))
            );
            if let Some(day) = lastmod {
                let _ = write!(xml, "<lastmod>{day}</lastmod>");
            }
            for twin in Lang::ALL {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{origin}{}\"/>",
                    twin.tag(),
                    text(&twin.page_path(path))
                );
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(origin: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /api/\nDisallow: /penjual\nDisallow: /masuk\nDisallow: /permintaan\n\nSitemap: {origin}/sitemap.xml\n"
    )
}
