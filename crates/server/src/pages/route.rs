//! Which public page a path of the buyer's app names. The app's router (`AppPath` there)
//! owns the same paths; the server only needs to know which ones a crawler may see.

/// A path of the buyer's app, as the server sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopRoute<'a> {
    Home,
    Product(&'a str),
    Village(&'a str),
    Cooperative(&'a str),
    Partner(&'a str),
    About,
    Insights,
    /// The app's own pages that no search engine should index: the inquiry form, tracking.
    Private,
    /// No page of the app: a real 404.
    Unknown,
}

impl<'a> ShopRoute<'a> {
    /// A page for search engines and shared links, with an English twin under `/en`.
    pub fn is_public(self) -> bool {
        !matches!(self, ShopRoute::Private | ShopRoute::Unknown)
    }

    pub fn parse(path: &'a str) -> ShopRoute<'a> {
        let trimmed = path.trim_end_matches('/');
        let mut parts = trimmed.trim_start_matches('/').splitn(2, '/');
        let first = parts.next().unwrap_or("");
        let rest = parts.next();
        let one = |f: fn(&'a str) -> ShopRoute<'a>| match rest {
            Some(p) if !p.is_empty() && !p.contains('/') => f(p),
            _ => ShopRoute::Unknown,
        };
        match (first, rest) {
            ("", None) => ShopRoute::Home,
            ("produk", _) => one(ShopRoute::Product),
            ("desa", _) => one(ShopRoute::Village),
            ("koperasi", _) => one(ShopRoute::Cooperative),
            ("mitra", _) => one(ShopRoute::Partner),
            ("tentang", None) => ShopRoute::About,
            ("wawasan", None) => ShopRoute::Insights,
            ("permintaan", _) => ShopRoute::Private,
            _ => ShopRoute::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ShopRoute::{self, *};

    #[test]
    fn paths_name_their_pages() {
        for (path, route) in [
            ("/", Home),
            ("", Home),
            ("/produk/kerupuk-1", Product("kerupuk-1")),
            ("/produk/kerupuk-1/", Product("kerupuk-1")),
            ("/desa/sepatin", Village("sepatin")),
            ("/koperasi/sepatin", Cooperative("sepatin")),
            ("/mitra/baznas-kukar", Partner("baznas-kukar")),
            ("/tentang", About),
            ("/wawasan", Insights),
            ("/permintaan", Private),
            ("/permintaan/lacak/abc", Private),
            ("/produk", Unknown),
            ("/produk/a/b", Unknown),
            ("/tentang/x", Unknown),
            ("/sepatu", Unknown),
        ] {
            assert_eq!(ShopRoute::parse(path), route, "{path}");
        }
    }
}
