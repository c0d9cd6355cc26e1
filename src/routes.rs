//! Every page's address, in one place: [`AppPath`] writes the links, [`AppPath::parse`]
//! reads them back, and the route tables below tell each app's router which page answers.
//!
//! Links are built from the enum rather than typed as strings, so a renamed path changes
//! here and the compiler finds every link; the tests check that each address the enum
//! writes is one the router matches (with the parameters the pages read) in the app that
//! `etalase_model::AppArea` says owns it.

use std::cell::Cell;
use std::fmt;

use etalase_model::{split_path_language, Lang};

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// The editor's id for a listing that does not exist yet: the editor makes a draft and
/// moves to the draft's own address.
pub const NEW_LISTING: &str = "baru";
/// The inquiry form's query parameter naming a product to put in the basket.
pub const PRODUCT_QUERY: &str = "produk";
/// The sign-in page's query parameter that opens the staff tab.
pub const STAFF_QUERY: &str = "staf";

/// A page of either app, with what its address carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppPath<'a> {
    /// `/`: the catalog; `query` is its filter (`CatalogQuery::to_query_string`), empty
    /// for the whole catalog.
    Catalog {
        query: &'a str,
    },
    Product {
        id: &'a str,
    },
    Village {
        slug: &'a str,
    },
    Partner {
        slug: &'a str,
    },
    Cooperative {
        slug: &'a str,
    },
    /// The inquiry form; `product` is put in the basket on arrival.
    Inquiry {
        product: Option<&'a str>,
    },
    /// A sent inquiry's private tracking page (the server hands out its address).
    Track {
        token: &'a str,
    },
    /// One seller's quotation for a tracked inquiry, laid out to print (or save as PDF).
    Quotation {
        token: &'a str,
        seller: &'a str,
    },
    Insights,
    About,
    /// `staff` opens the cooperative staff's tab.
    SignIn {
        staff: bool,
    },
    /// Where a member added by their cooperative sets a password (the server writes the
    /// WhatsApp link to it).
    Claim {
        token: &'a str,
    },
    SellerDashboard,
    /// The listing editor; `None` starts a new listing.
    SellerEditor {
        id: Option<&'a str>,
    },
    SellerInbox,
    /// A cooperative operator's members.
    CoopMembers,
    /// A member's listings, for their operator.
    MemberListings {
        seller: &'a str,
    },
    MemberEditor {
        seller: &'a str,
        id: Option<&'a str>,
    },
    MemberInbox {
        seller: &'a str,
    },
    Facilitator,
    /// The district's export market map.
    MarketMap,
    /// Reports, hidden listings and suspended sellers, for facilitators and admins.
    Moderation,
    /// The district admin's staff accounts and audit log.
    DistrictAdmin,
    /// Importing the ministry's IDM table (facilitators and admins).
    IdmImport,
    /// A staff invitation link: the invitee chooses a password.
    StaffInvite {
        token: &'a str,
    },
    /// Recording partners and their partnerships with villages (facilitators and admins).
    Partnerships,
}

impl AppPath<'_> {
    /// The whole catalog.
    pub const HOME: AppPath<'static> = AppPath::Catalog { query: "" };
}

thread_local! {
    /// The language links are written in: the page's (see [`set_link_language`]).
    static LINK_LANGUAGE: Cell<Lang> = const { Cell::new(Lang::Id) };
}

/// Makes [`AppPath::href`] write public pages' links in `lang` (`/en/…` for English).
/// `I18n` calls it whenever the language changes, before any page that reads it renders.
pub fn set_link_language(lang: Lang) {
    LINK_LANGUAGE.with(|l| l.set(lang));
}

impl<'a> AppPath<'a> {
    /// The address to link or navigate to, in the page's language.
    pub fn href(&self) -> String {
        self.href_in(LINK_LANGUAGE.with(Cell::get))
    }

    /// The address in `lang`: public pages have an English twin under `/en`; the others
    /// (forms, tracking, the seller's and staff pages) have one address for both.
    pub fn href_in(&self, lang: Lang) -> String {
        let pieces = self.pieces();
        let mut href = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
        pieces.iter().for_each(|piece| href.push_str(piece));
        if self.is_public() {
            lang.page_path(&href)
        } else {
            href
        }
    }

    /// A page for search engines and shared links, written by the server too, with an
    /// English twin.
    pub fn is_public(&self) -> bool {
        use AppPath::*;
        matches!(
            self,
            Catalog { .. }
                | Product { .. }
                | Village { .. }
                | Partner { .. }
                | Cooperative { .. }
                | Insights
                | About
        )
    }

    /// The address in four pieces, to be joined: the page's fixed text around its (at most
    /// two) parameters. Small tables rather than a `format!` per page, so the code both
    /// bundles carry stays small.
    fn pieces(&self) -> [&'a str; 4] {
        let [first, second] = self.parameters();
        [self.before(), first, self.between(), second]
    }

    /// The text before the first parameter.
    fn before(&self) -> &'static str {
        use AppPath::*;
        match *self {
            Catalog { query: "" } => "/",
            Catalog { .. } => "/?",
            Product { .. } => "/produk/",
            Village { .. } => "/desa/",
            Partner { .. } => "/mitra/",
            Cooperative { .. } => "/koperasi/",
            Inquiry { product: None } => "/permintaan",
            // `produk` is PRODUCT_QUERY (the round-trip test holds them together).
            Inquiry { product: Some(_) } => "/permintaan?produk=",
            Track { .. } | Quotation { .. } => "/permintaan/lacak/",
            Insights => "/wawasan",
            About => "/tentang",
            SignIn { staff: false } => "/masuk",
            // `staf` is STAFF_QUERY.
            SignIn { staff: true } => "/masuk?staf=1",
            Claim { .. } => "/masuk/klaim/",
            SellerDashboard => "/penjual",
            SellerEditor { .. } => "/penjual/produk/",
            SellerInbox => "/penjual/permintaan",
            CoopMembers => "/penjual/koperasi",
            MemberListings { .. } => "/penjual/koperasi/anggota/",
            MemberEditor { .. } => "/penjual/koperasi/anggota/",
            MemberInbox { .. } => "/penjual/koperasi/anggota/",
            Facilitator => "/penjual/fasilitator",
            MarketMap => "/penjual/pasar",
            Moderation => "/penjual/moderasi",
            DistrictAdmin => "/penjual/dpmd",
            IdmImport => "/penjual/idm",
            StaffInvite { .. } => "/masuk/undangan/",
            Partnerships => "/penjual/kemitraan",
        }
    }

    /// The text between the first parameter and the second.
    fn between(&self) -> &'static str {
        match self {
            AppPath::MemberEditor { .. } => "/produk/",
            AppPath::MemberInbox { .. } => "/permintaan",
            AppPath::Quotation { .. } => "/penawaran/",
            _ => "",
        }
    }

    /// The parameters, `""` where there are fewer than two.
    fn parameters(&self) -> [&'a str; 2] {
        use AppPath::*;
        match *self {
            Catalog { query: one }
            | Product { id: one }
            | Village { slug: one }
            | Partner { slug: one }
            | Cooperative { slug: one }
            | Track { token: one }
            | Claim { token: one }
            | StaffInvite { token: one }
            | MemberListings { seller: one }
            | MemberInbox { seller: one }
            | Inquiry { product: Some(one) } => [one, ""],
            SellerEditor { id } => [id.unwrap_or(NEW_LISTING), ""],
            MemberEditor { seller, id } => [seller, id.unwrap_or(NEW_LISTING)],
            Quotation { token, seller } => [token, seller],
            Inquiry { product: None }
            | Insights
            | About
            | SignIn { .. }
            | SellerDashboard
            | SellerInbox
            | CoopMembers
            | Facilitator
            | MarketMap
            | Moderation
            | DistrictAdmin
            | IdmImport
            | Partnerships => ["", ""],
        }
    }
}

impl fmt::Display for AppPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.href())
    }
}

impl<'a> AppPath<'a> {
    /// The page at `url` (a path, optionally with its query), as [`AppPath::href`] writes
    /// it; `None` for an address neither app has. The query only counts where the page
    /// reads it.
    pub fn parse(url: &'a str) -> Option<AppPath<'a>> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        match split_path_language(path) {
            (Lang::Id, path) => Self::parse_path(path, query),
            // Only public pages have an English twin.
            (Lang::En, path) => Self::parse_path(path, query).filter(AppPath::is_public),
        }
    }

    /// The language a page's address is in: `Some` for public pages (`/en/…` English,
    /// others Indonesian), `None` for pages with one address for both.
    pub fn language_of(url: &str) -> Option<Lang> {
        let page = AppPath::parse(url)?;
        page.is_public()
            .then(|| split_path_language(url.split('?').next().unwrap_or(url)).0)
    }

    fn parse_path(path: &'a str, query: &'a str) -> Option<AppPath<'a>> {
        use AppPath::*;
        let path = path.strip_prefix('/')?;
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        if segments.len() > 1 && segments.iter().any(|s| s.is_empty()) {
            return None;
        }
        let listing = |id: &'a str| (id != NEW_LISTING).then_some(id);
        Some(match segments[..] {
            [""] => Catalog { query },
            ["produk", id] => Product { id },
            ["desa", slug] => Village { slug },
            ["mitra", slug] => Partner { slug },
            ["koperasi", slug] => Cooperative { slug },
            ["permintaan"] => Inquiry {
                product: query_value(query, PRODUCT_QUERY),
            },
            ["permintaan", "lacak", token] => Track { token },
            ["permintaan", "lacak", token, "penawaran", seller] => Quotation { token, seller },
            ["wawasan"] => Insights,
            ["tentang"] => About,
            ["masuk"] => SignIn {
                staff: query_value(query, STAFF_QUERY).is_some(),
            },
            ["masuk", "klaim", token] => Claim { token },
            ["masuk", "undangan", token] => StaffInvite { token },
            ["penjual"] => SellerDashboard,
            ["penjual", "produk", id] => SellerEditor { id: listing(id) },
            ["penjual", "permintaan"] => SellerInbox,
            ["penjual", "koperasi"] => CoopMembers,
            ["penjual", "fasilitator"] => Facilitator,
            ["penjual", "pasar"] => MarketMap,
            ["penjual", "moderasi"] => Moderation,
            ["penjual", "dpmd"] => DistrictAdmin,
            ["penjual", "idm"] => IdmImport,
            ["penjual", "kemitraan"] => Partnerships,
            ["penjual", "koperasi", "anggota", seller] => MemberListings { seller },
            ["penjual", "koperasi", "anggota", seller, "produk", id] => MemberEditor {
                seller,
                id: listing(id),
            },
            ["penjual", "koperasi", "anggota", seller, "permintaan"] => MemberInbox { seller },
            _ => return None,
        })
    }
}

/// The value of `name` in a query string (`a=1&b=2`); a bare `name` counts, as empty.
fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

/// Replaces the address bar's path without a route change (which would remount the page
/// mid-edit), so a reload or a shared link opens what is on screen.
pub fn show_url(page: AppPath<'_>) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page.href()));
    }
}

/// The buyer's app's routes (`crate::app::App`). The parameter names are the ones the
/// pages read with `use_params_map`.
pub fn shop_routes() -> impl MatchNestedRoutes + Clone + Send + 'static {
    use crate::buyer::pages::{
        AboutPage, CooperativePage, HomePage, InquiryPage, InsightsPage, PartnerPage, ProductPage,
        QuotationPage, TrackPage, VillagePage,
    };
    // Written with `view!` (its `<Route>`s are a tuple of routes) rather than with
    // `NestedRoute::new`, which made the seller's bundle 13 KB bigger.
    view! {
        <Route path=path!("/") view=HomePage/>
        <Route path=path!("/produk/:id") view=ProductPage/>
        <Route path=path!("/desa/:slug") view=VillagePage/>
        <Route path=path!("/mitra/:slug") view=PartnerPage/>
        <Route path=path!("/koperasi/:slug") view=CooperativePage/>
        <Route path=path!("/permintaan") view=InquiryPage/>
        <Route path=path!("/permintaan/lacak/:token") view=TrackPage/>
        <Route path=path!("/permintaan/lacak/:token/penawaran/:seller") view=QuotationPage/>
        <Route path=path!("/wawasan") view=InsightsPage/>
        <Route path=path!("/tentang") view=AboutPage/>
        // The public pages' English twins (`etalase_model::Lang::page_path`).
        <Route path=path!("/en") view=HomePage/>
        <Route path=path!("/en/produk/:id") view=ProductPage/>
        <Route path=path!("/en/desa/:slug") view=VillagePage/>
        <Route path=path!("/en/mitra/:slug") view=PartnerPage/>
        <Route path=path!("/en/koperasi/:slug") view=CooperativePage/>
        <Route path=path!("/en/wawasan") view=InsightsPage/>
        <Route path=path!("/en/tentang") view=AboutPage/>
    }
    .into_inner()
}

/// The seller's app's routes (`crate::app::SellerApp`). A member's pages sit under the
/// member's workspace, which makes the editor and inbox work for that member.
pub fn seller_routes() -> impl MatchNestedRoutes + Clone + Send + 'static {
    use crate::seller::pages::{
        ClaimPage, CooperativePage, DistrictAdminPage, FacilitatorPage, IdmImportPage, InboxPage,
        ListingEditorPage, MarketMapPage, MemberListings, MemberWorkspace, ModerationPage,
        PartnershipsPage, SellerPage, SignInPage, StaffInvitePage,
    };
    view! {
        <Route path=path!("/masuk") view=SignInPage/>
        <Route path=path!("/masuk/klaim/:token") view=ClaimPage/>
        <Route path=path!("/masuk/undangan/:token") view=StaffInvitePage/>
        <Route path=path!("/penjual") view=SellerPage/>
        <Route path=path!("/penjual/produk/:id") view=ListingEditorPage/>
        <Route path=path!("/penjual/permintaan") view=InboxPage/>
        <Route path=path!("/penjual/koperasi") view=CooperativePage/>
        <Route path=path!("/penjual/fasilitator") view=FacilitatorPage/>
        <Route path=path!("/penjual/pasar") view=MarketMapPage/>
        <Route path=path!("/penjual/moderasi") view=ModerationPage/>
        <Route path=path!("/penjual/dpmd") view=DistrictAdminPage/>
        <Route path=path!("/penjual/idm") view=IdmImportPage/>
        <Route path=path!("/penjual/kemitraan") view=PartnershipsPage/>
        <ParentRoute path=path!("/penjual/koperasi/anggota/:seller") view=MemberWorkspace>
            <Route path=path!("") view=MemberListings/>
            <Route path=path!("produk/:id") view=ListingEditorPage/>
            <Route path=path!("permintaan") view=InboxPage/>
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(test)]
mod tests {
    use etalase_model::AppArea;
    use leptos_router::{MatchParams, RouteDefs};

    use super::*;

    /// One of every variant (both forms of those with an optional part), with the route
    /// parameters its page reads.
    fn examples() -> Vec<(AppPath<'static>, Vec<(&'static str, &'static str)>)> {
        use AppPath::*;
        vec![
            (AppPath::HOME, vec![]),
            (
                Catalog {
                    query: "q=amplang&kategori=makanan",
                },
                vec![],
            ),
            (
                Product {
                    id: "amplang-ikan-pipih-1a2b",
                },
                vec![("id", "amplang-ikan-pipih-1a2b")],
            ),
            (
                Village {
                    slug: "muara-badak",
                },
                vec![("slug", "muara-badak")],
            ),
            (Partner { slug: "csr-pupuk" }, vec![("slug", "csr-pupuk")]),
            (Cooperative { slug: "sepatin" }, vec![("slug", "sepatin")]),
            (Inquiry { product: None }, vec![]),
            (
                Inquiry {
                    product: Some("terasi-udang-9f"),
                },
                vec![],
            ),
            (Track { token: "t0k3n" }, vec![("token", "t0k3n")]),
            (
                Quotation {
                    token: "t0k3n",
                    seller: "ud-sepatin",
                },
                vec![("token", "t0k3n"), ("seller", "ud-sepatin")],
            ),
            (Insights, vec![]),
            (About, vec![]),
            (SignIn { staff: false }, vec![]),
            (SignIn { staff: true }, vec![]),
            (Claim { token: "a1b2c3" }, vec![("token", "a1b2c3")]),
            (StaffInvite { token: "d4e5f6" }, vec![("token", "d4e5f6")]),
            (SellerDashboard, vec![]),
            (SellerEditor { id: None }, vec![("id", NEW_LISTING)]),
            (
                SellerEditor {
                    id: Some("baru-x1y2"),
                },
                vec![("id", "baru-x1y2")],
            ),
            (SellerInbox, vec![]),
            (CoopMembers, vec![]),
            (
                MemberListings {
                    seller: "kwt-melati-7f",
                },
                vec![("seller", "kwt-melati-7f")],
            ),
            (
                MemberEditor {
                    seller: "kwt-melati-7f",
                    id: None,
                },
                vec![("seller", "kwt-melati-7f"), ("id", NEW_LISTING)],
            ),
            (
                MemberEditor {
                    seller: "kwt-melati-7f",
                    id: Some("kerupuk-3c"),
                },
                vec![("seller", "kwt-melati-7f"), ("id", "kerupuk-3c")],
            ),
            (
                MemberInbox {
                    seller: "kwt-melati-7f",
                },
                vec![("seller", "kwt-melati-7f")],
            ),
            (Facilitator, vec![]),
            (MarketMap, vec![]),
            (Moderation, vec![]),
            (DistrictAdmin, vec![]),
            (IdmImport, vec![]),
            (Partnerships, vec![]),
        ]
    }

    /// The parameters `routes` matches `path` with (a nested route's include its
    /// parent's), or `None` when no route matches.
    fn route<R: MatchNestedRoutes>(
        routes: &RouteDefs<R>,
        path: &str,
    ) -> Option<Vec<(String, String)>> {
        let matched = routes.match_route(path)?;
        Some(
            matched
                .to_params()
                .into_iter()
                .map(|(name, value)| (name.into_owned(), value))
                .collect(),
        )
    }

    /// Guards against an `examples` list that misses a variant added later.
    fn covered(page: AppPath<'_>) {
        use AppPath::*;
        match page {
            Catalog { .. }
            | Product { .. }
            | Village { .. }
            | Partner { .. }
            | Cooperative { .. } => {}
            Inquiry { .. } | Track { .. } | Quotation { .. } | Insights | About => {}
            SignIn { .. } | Claim { .. } | StaffInvite { .. } => {}
            SellerDashboard | SellerEditor { .. } | SellerInbox => {}
            CoopMembers | MemberListings { .. } | MemberEditor { .. } | MemberInbox { .. } => {}
            Facilitator | MarketMap | Moderation | DistrictAdmin | IdmImport | Partnerships => {}
        }
    }

    #[test]
    fn every_address_reads_back_as_itself() {
        for (page, _) in examples() {
            covered(page);
            let href = page.href();
            assert_eq!(AppPath::parse(&href), Some(page), "{href}");
        }
    }

    #[test]
    fn every_address_is_routed_in_the_app_that_owns_it() {
        let shop = RouteDefs::new(shop_routes());
        let seller = RouteDefs::new(seller_routes());
        for (page, expected) in examples() {
            let href = page.href();
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            // The router and the server's choice of app both see the path, not the query.
            let path = href.split('?').next().unwrap_or_default();
            let (in_shop, in_seller) = (route(&shop, path), route(&seller, path));
            let (own, other) = match AppArea::of(path) {
                AppArea::Shop => (in_shop, in_seller),
                AppArea::Seller => (in_seller, in_shop),
            };
            assert_eq!(own, Some(expected), "{href} in its own app");
            assert_eq!(other, None, "{href} in the other app");
        }
    }

    /// Public pages have an English twin, read back as the same page in English and routed
    /// to the same page; the others have one address for both languages.
    #[test]
    fn public_pages_have_english_twins_and_only_they_do() {
        let shop = RouteDefs::new(shop_routes());
        for (page, expected) in examples() {
            let english = page.href_in(Lang::En);
            if !page.is_public() {
                assert_eq!(english, page.href_in(Lang::Id), "{english}");
                let twin = Lang::En.page_path(&english);
                assert_eq!(AppPath::parse(&twin), None, "{twin}");
                continue;
            }
            assert!(english.starts_with("/en"), "{english}");
            assert_eq!(AppPath::parse(&english), Some(page), "{english}");
            assert_eq!(AppPath::language_of(&english), Some(Lang::En));
            assert_eq!(
                AppPath::language_of(&page.href_in(Lang::Id)),
                Some(Lang::Id)
            );
            let path = english.split('?').next().unwrap_or_default();
            assert_eq!(AppArea::of(path), AppArea::Shop, "{english}");
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(route(&shop, path), Some(expected), "{english}");
        }
        assert_eq!(AppPath::language_of("/permintaan"), None);
    }

    #[test]
    fn unknown_addresses_are_none() {
        for url in [
            "",
            "produk/x",
            "/produk",
            "/produk/",
            "/produk/a/b",
            "/penjual//permintaan",
            "/penjual/koperasi/anggota",
            "/sw.js",
        ] {
            assert_eq!(AppPath::parse(url), None, "{url}");
        }
    }

    #[test]
    fn a_trailing_slash_and_unread_queries_do_not_matter() {
        assert_eq!(AppPath::parse("/penjual/"), Some(AppPath::SellerDashboard));
        assert_eq!(
            AppPath::parse("/produk/x?utm=wa"),
            Some(AppPath::Product { id: "x" })
        );
        assert_eq!(
            AppPath::parse("/masuk?staf"),
            Some(AppPath::SignIn { staff: true })
        );
    }

    /// The claim link the model writes for a new member opens the claim page.
    #[test]
    fn the_models_claim_link_is_the_claim_page() {
        let origin = "https://etalase.example";
        let (page, _) =
            etalase_model::cooperative::claim_links(origin, "+628", "a1b2", "Ani", "KDMP");
        let path = page.strip_prefix(origin).unwrap_or_default();
        assert_eq!(AppPath::parse(path), Some(AppPath::Claim { token: "a1b2" }));
    }

    /// No string elsewhere in `src/` spells an app address (`api/` has the server's, which
    /// are not the app's): a link written by hand would escape the tests above.
    #[test]
    fn addresses_are_spelled_only_here() {
        let mut first_segments: Vec<String> = examples()
            .iter()
            .map(|(page, _)| {
                let href = page.href();
                let first = href[1..].split(['/', '?']).next().unwrap_or_default();
                first.to_string()
            })
            .filter(|s| !s.is_empty())
            .collect();
        first_segments.sort();
        first_segments.dedup();
        // An address starts a string (`"/produk/{id}"`) or follows a placeholder
        // (`"{base}/produk/{id}"`), and its first segment ends there.
        let mut patterns = vec!["\"/\"".to_string(), "\"/?".to_string()];
        for segment in &first_segments {
            for before in ['"', '}'] {
                for after in ['"', '/', '?', '{'] {
                    patterns.push(format!("{before}/{segment}{after}"));
                }
            }
        }
        let found: Vec<String> = crate::code_lines(&["routes.rs", "api"])
            .into_iter()
            .filter(|(_, _, line)| patterns.iter().any(|p| line.contains(p.as_str())))
            .map(|(file, n, line)| format!("src/{file}:{n}: {}", line.trim()))
            .collect();
        assert!(
            found.is_empty(),
            "app addresses spelled outside src/routes.rs (use AppPath):\n{}",
            found.join("\n")
        );
    }
}
