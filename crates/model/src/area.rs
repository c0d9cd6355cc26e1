//! Which of the two single-page apps owns a URL path.
//!
//! The buyer's pages (catalog, product, village, inquiries, insights) and the seller's pages
//! (sign-in, dashboard, editor, inbox) are two wasm bundles, so a hotel buyer on mobile data
//! never downloads the listing editor, the drafts outbox or the photo upload code. The server
//! answers a path with its area's HTML shell, and each app hands a path it does not own to
//! the other by a full page load; both ask this one function, so they cannot disagree (a
//! disagreement would be a reload loop).

/// One single-page app, with its own wasm bundle and HTML shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppArea {
    /// Everything a buyer sees; also the home of unknown paths (its 404 page).
    Shop,
    /// Sign-in and everything under `/penjual`.
    Seller,
}

impl AppArea {
    /// The area whose router owns `path` (a URL path, without query or fragment).
    pub fn of(path: &str) -> AppArea {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "masuk" | "penjual" => AppArea::Seller,
            _ => AppArea::Shop,
        }
    }

    /// The HTML file in `dist/` that starts this area's app.
    pub fn shell(self) -> &'static str {
        match self {
            AppArea::Shop => "index.html",
            AppArea::Seller => "penjual.html",
        }
    }

    pub const ALL: [AppArea; 2] = [AppArea::Shop, AppArea::Seller];
}

#[cfg(test)]
mod tests {
    use super::AppArea;

    #[test]
    fn seller_pages_belong_to_the_seller_app() {
        for path in [
            "/masuk",
            "/penjual",
            "/penjual/",
            "/penjual/produk/baru",
            "/penjual/permintaan",
        ] {
            assert_eq!(AppArea::of(path), AppArea::Seller, "{path}");
        }
    }

    #[test]
    fn buyer_pages_and_unknown_paths_belong_to_the_shop() {
        for path in [
            "/",
            "",
            "/produk/amplang-1",
            "/desa/sepatin",
            "/mitra/baznas-kukar",
            "/permintaan",
            "/permintaan/lacak/abc",
            "/wawasan",
            "/tentang",
            "/penjualan",
            "/masukan",
            "/no-such-page",
        ] {
            assert_eq!(AppArea::of(path), AppArea::Shop, "{path}");
        }
    }

    #[test]
    fn shells_are_distinct_files() {
        assert_ne!(AppArea::Shop.shell(), AppArea::Seller.shell());
    }
}
