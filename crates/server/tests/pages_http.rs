//! The buyer's pages as a crawler sees them (no JavaScript): the real server binary with
//! demo data, an app shell shaped like the one Trunk writes, plain HTTP.

mod common;

use common::Server;
use serde_json::Value;

use common::APP_SHELL as SHELL;

fn start() -> (Server, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), SHELL).unwrap();
    std::fs::write(
        dist.join("penjual.html"),
        "<!doctype html><meta name=\"robots\" content=\"noindex\"><title>Penjual</title>",
    )
    .unwrap();
    let server = Server::start(&data.path().join("data"), &dist);
    (server, data)
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| serde_json::from_str(rest.split("</script>").next().unwrap()).unwrap())
        .collect()
}

/// The `content` of `<meta property|name="key">`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let at = html
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + 9;
    Some(&rest[start..start + rest[start..].find('"')?])
}

#[tokio::test]
async fn a_product_page_carries_its_preview_data_and_first_view() {
    let (server, _dir) = start();
    let http = reqwest::Client::new();
    let catalog = server.catalog().await;
    let product = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["tiers"].as_array().unwrap().len() > 1 && !p["photos"].as_array().unwrap().is_empty()
        })
        .expect("a demo listing with tiers and a photo")
        .clone();
    let id = product["id"].as_str().unwrap();
    let name = product["name_id"].as_str().unwrap();
    let res = http
        .get(server.url(&format!("/produk/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        !csp.contains("unsafe-inline")
            || !csp
                .split(';')
                .any(|d| d.trim().starts_with("script-src") && d.contains("unsafe-inline")),
        "{csp}"
    );
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let html = res.text().await.unwrap();

    // The written page starts the app after its `load` event, and the policy allows that
    // script by its hash (the JSON-LD blocks are data, which a policy does not govern).
    let loader = html
        .split("<script type=\"module\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the app's inline loader");
    assert!(
        loader.trim_start().starts_with("await new Promise") && loader.contains("'load'"),
        "{loader}"
    );
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");

    // One title and one description: the page's, not the shell's.
    assert_eq!(html.matches("<title>").count(), 1, "{html}");
    assert!(html.contains(&format!("<title>{}", html_escape::encode_text(name))));
    assert_eq!(html.matches("name=\"description\"").count(), 1);
    assert!(!html.contains("Katalog produk desa."));
    let url = server.url(&format!("/produk/{id}"));
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
    assert_eq!(meta(&html, "og:type"), Some("product"));
    assert_eq!(meta(&html, "og:url"), Some(url.as_str()));
    assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
    let image = meta(&html, "og:image").expect("og:image");
    assert!(image.starts_with(&server.base), "absolute: {image}");
    let width: u32 = meta(&html, "og:image:width").unwrap().parse().unwrap();
    assert!(width > 0 && width <= 400);
    let preview = http.get(image).send().await.unwrap();
    assert_eq!(preview.status(), 200);
    assert!(
        preview.bytes().await.unwrap().len() < 300_000,
        "previews stay under WhatsApp's limit"
    );

    // schema.org: a Product with an AggregateOffer in rupiah over the tiers, MOQ included.
    let docs = json_ld(&html);
    let p = docs
        .iter()
        .find(|d| d["@type"] == "Product")
        .expect("Product");
    assert_eq!(p["name"], name);
    assert!(p["image"][0].as_str().unwrap().starts_with("http"));
    let offers = &p["offers"];
    assert_eq!(offers["@type"], "AggregateOffer");
    assert_eq!(offers["priceCurrency"], "IDR");
    let prices: Vec<u64> = product["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["price"].as_u64().unwrap())
        .collect();
    assert_eq!(offers["lowPrice"], *prices.iter().min().unwrap());
    assert_eq!(offers["highPrice"], *prices.iter().max().unwrap());
    assert_eq!(offers["eligibleQuantity"]["minValue"], product["moq"]);
    assert_eq!(offers["seller"]["@type"], "Organization");
    assert_eq!(offers["seller"]["location"]["@type"], "Place");
    assert!(docs.iter().any(|d| d["@type"] == "BreadcrumbList"));

    // The first view, readable without JavaScript: name, price, photo.
    let body = html.split("<body>").nth(1).unwrap();
    assert!(body.contains("class=\"boot with-first-view\""));
    assert!(body.contains(&format!("<h1>{}</h1>", html_escape::encode_text(name))));
    assert!(body.contains(&etalase_model::format_rupiah(prices[0])));
    assert!(body.contains("fetchpriority=\"high\""));

    // The same page again costs no body.
    let again = http
        .get(server.url(&format!("/produk/{id}")))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn unknown_items_are_real_404s_and_private_pages_stay_out_of_search() {
    let (server, _dir) = start();
    let http = reqwest::Client::new();
    for path in [
        "/produk/tidak-ada",
        "/desa/tidak-ada",
        "/koperasi/tidak-ada",
        "/mitra/tidak-ada",
        "/sepatu",
    ] {
        let res = http.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let html = res.text().await.unwrap();
        assert_eq!(meta(&html, "robots"), Some("noindex"), "{path}");
        assert!(html.contains("Halaman tidak ditemukan"), "{path}");
    }
    for path in ["/permintaan", "/masuk", "/penjual"] {
        let res = http.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            meta(&res.text().await.unwrap(), "robots"),
            Some("noindex"),
            "{path}"
        );
    }
    let home = http.get(server.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert_eq!(meta(&html, "robots"), None);
    assert!(json_ld(&html).iter().any(|d| d["@type"] == "WebSite"));
    assert!(
        html.contains("class=\"card product-card\""),
        "the first cards"
    );
    // A search or filter in the URL is the app's to apply: no unfiltered cards meanwhile.
    let searched = http
        .get(server.url("/?q=madu"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(searched.contains("class=\"hero\""));
    assert!(!searched.contains("class=\"card product-card\""));
}

#[tokio::test]
async fn the_sitemap_lists_the_published_catalog_and_robots_points_to_it() {
    let (server, _dir) = start();
    let http = reqwest::Client::new();
    let catalog = server.catalog().await;
    let res = http.get(server.url("/sitemap.xml")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let xml = res.text().await.unwrap();
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let products: Vec<String> = catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| server.url(&format!("/produk/{}", p["id"].as_str().unwrap())))
        .collect();
    // Each page in both languages.
    let listed: Vec<&&str> = locs.iter().filter(|l| l.contains("/produk/")).collect();
    assert_eq!(listed.len(), products.len() * 2);
    for url in &products {
        assert!(locs.contains(&url.as_str()), "{url}");
        let english = url.replacen("/produk/", "/en/produk/", 1);
        assert!(locs.contains(&english.as_str()), "{english}");
        assert!(
            xml.contains(&format!("hreflang=\"en\" href=\"{english}\"")),
            "{english}"
        );
    }
    for village in catalog["villages"].as_array().unwrap() {
        assert!(locs.contains(
            &server
                .url(&format!("/desa/{}", village["slug"].as_str().unwrap()))
                .as_str()
        ));
    }
    assert!(!locs
        .iter()
        .any(|l| l.contains("/penjual") || l.contains("/masuk") || l.contains("/permintaan")));
    // Every listed page answers 200 (a sample: the first of each kind).
    for prefix in [
        "/produk/",
        "/desa/",
        "/koperasi/",
        "/mitra/",
        "/en/produk/",
        "/en/desa/",
    ] {
        if let Some(url) = locs.iter().find(|l| l.contains(prefix)) {
            assert_eq!(http.get(*url).send().await.unwrap().status(), 200, "{url}");
        }
    }
    let robots = http
        .get(server.url("/robots.txt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(robots.contains(&format!("Sitemap: {}", server.url("/sitemap.xml"))));
    assert!(robots.contains("Disallow: /penjual"));
}

#[tokio::test]
async fn bare_pages_answer_the_shell_as_it_was_built() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), SHELL).unwrap();
    let server = Server::start_with_env(
        &data.path().join("data"),
        &dist,
        &[("ETALASE_BARE_PAGES", "1")],
    );
    for path in [
        "/",
        "/produk/kerupuk-udang-sepatin-250g",
        "/produk/no-such-thing",
    ] {
        let res = reqwest::get(server.url(path)).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text().await.unwrap(), SHELL, "{path}");
    }
}

#[tokio::test]
async fn english_twins_and_the_visitors_language() {
    let (server, _dir) = start();
    let catalog = server.catalog().await;
    let product = &catalog["products"][0];
    let id = product["id"].as_str().unwrap();
    let english_name = product["name_en"].as_str().unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // The English twin: its language, its words, its links, and both twins named.
    let res = http
        .get(server.url(&format!("/en/produk/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains(&format!(
        "<title>{}",
        html_escape::encode_text(english_name)
    )));
    assert_eq!(meta(&html, "og:locale"), Some("en_US"));
    assert_eq!(meta(&html, "og:locale:alternate"), Some("id_ID"));
    let canonical = server.url(&format!("/en/produk/{id}"));
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
    for (tag, path) in [
        ("id", format!("/produk/{id}")),
        ("en", format!("/en/produk/{id}")),
        ("x-default", format!("/produk/{id}")),
    ] {
        let link = format!(
            "<link rel=\"alternate\" hreflang=\"{tag}\" href=\"{}\">",
            server.url(&path)
        );
        assert!(html.contains(&link), "{link}");
    }
    assert!(html.contains("href=\"/en/tentang\"") && html.contains("href=\"/en\""));
    // It links its Indonesian twin, which works without JavaScript.
    assert!(html.contains(&format!(
        "<a class=\"lang-switch\" href=\"/produk/{id}\" hreflang=\"id\" lang=\"id\""
    )));
    assert!(html.contains("Back to the catalog"));
    let product_ld = json_ld(&html)
        .into_iter()
        .find(|d| d["@type"] == "Product")
        .unwrap();
    assert_eq!(product_ld["name"], english_name);
    assert_eq!(product_ld["url"], canonical);
    // The home page's cards lead to English pages.
    let home = http.get(server.url("/en")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("href=\"/en/produk/"));
    // Only public pages have twins.
    for path in [
        "/en/permintaan",
        "/en/produk/no-such-thing",
        "/en/penjual-x",
    ] {
        let res = http.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert!(
            res.text().await.unwrap().contains("<html lang=\"en\""),
            "{path}"
        );
    }

    // A first visit from an English browser to an Indonesian address goes to the twin,
    // query and all; an Indonesian browser, or one that chose Indonesian, stays.
    let res = http
        .get(server.url("/?q=madu"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], "/en?q=madu");
    assert!(res.headers()["vary"]
        .to_str()
        .unwrap()
        .contains("accept-language"));
    for (accept, cookie) in [
        ("id-ID,id;q=0.9,en;q=0.8", ""),
        ("en-US,en;q=0.9", "etalase_lang=id"),
        ("", ""),
    ] {
        let mut req = http.get(server.url(&format!("/produk/{id}")));
        if !accept.is_empty() {
            req = req.header("accept-language", accept);
        }
        if !cookie.is_empty() {
            req = req.header("cookie", cookie);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200, "{accept} {cookie}");
        assert!(res.headers()["vary"].to_str().unwrap().contains("cookie"));
    }
    // A remembered English choice moves an Indonesian link; an English link stays English
    // for an Indonesian browser that chose nothing.
    let res = http
        .get(server.url("/desa/sepatin"))
        .header("cookie", "etalase_lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/en/desa/sepatin");
    let res = http
        .get(server.url("/en/desa/sepatin"))
        .header("accept-language", "id")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The written page's language link, followed without the app, is a choice: no
    // redirect back to the browser's language, and the server remembers it.
    let res = http
        .get(server.url("/desa/sepatin"))
        .header("accept-language", "en-US,en;q=0.9")
        .header("referer", server.url("/en/desa/sepatin"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("etalase_lang=id;"));
    // Private pages never move: the inquiry form keeps what is typed.
    let res = http
        .get(server.url("/permintaan"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
