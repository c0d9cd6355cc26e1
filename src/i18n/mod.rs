//! Every user-visible string, once per language, in one typed table.
//!
//! A missing translation is a compile error (each language is a full `Texts` value), which
//! is why this is a struct rather than a key/value file. Components read the table through
//! [`I18n`], so switching language re-renders only the text that changed.

use etalase_model::Lang;
use leptos::prelude::*;

use crate::storage;

pub mod cooperative;
pub mod inquiry;
pub mod moderation;
pub mod partners;
pub mod seller;

pub use cooperative::CoopTexts;
pub use inquiry::InquiryTexts;
pub use moderation::ModerationTexts;
pub use partners::PartnerTexts;
pub use seller::{Said, SellerTexts};

/// Declares one area's string table: each entry names a field once with its Indonesian
/// and English text side by side, so a translation cannot go missing and a reviewer reads
/// both at once. Makes the struct, its `ID` and `EN` values, `texts(lang)` and (in tests)
/// the pairs for [`check_pairs`].
macro_rules! text_table {
    ($(#[$doc:meta])* $name:ident; $($field:ident: $id:literal, $en:literal;)*) => {
        $(#[$doc])*
        pub struct $name { $(pub $field: &'static str,)* }
        pub const ID: $name = $name { $($field: $id,)* };
        pub const EN: $name = $name { $($field: $en,)* };
        #[cfg(test)]
        const PAIRS: &[(&str, &str, &str)] = &[$((stringify!($field), $id, $en),)*];

        /// The table for a language.
        pub fn texts(lang: etalase_model::Lang) -> &'static $name {
            match lang {
                etalase_model::Lang::Id => &ID,
                etalase_model::Lang::En => &EN,
            }
        }
    };
}
pub(crate) use text_table;

/// Both languages of every entry have the same `{}` holes, none is empty, and none was
/// left untranslated.
#[cfg(test)]
pub(crate) fn check_pairs(pairs: &[(&str, &str, &str)]) {
    for (field, id, en) in pairs {
        assert_eq!(
            id.matches("{}").count(),
            en.matches("{}").count(),
            "{field}"
        );
        assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{field}");
    }
    let same: Vec<_> = pairs.iter().filter(|(_, id, en)| id == en).collect();
    assert!(same.is_empty(), "untranslated: {same:?}");
}

const STORAGE_KEY: &str = "etalase.lang";

/// The user-facing strings of one language.
pub struct Texts {
    pub lang_name: &'static str,
    pub switch_lang_label: &'static str,
    pub skip_to_content: &'static str,
    pub brand_tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_catalog: &'static str,
    pub nav_sellers: &'static str,
    pub nav_inquiry: &'static str,
    pub nav_about: &'static str,
    pub nav_sign_in: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_meta: &'static str,
    pub home_cta_browse: &'static str,
    pub home_cta_sell: &'static str,
    pub product_title: &'static str,
    pub village_title: &'static str,
    pub seller_title: &'static str,
    pub seller_lead: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub inquiry_title: &'static str,
    pub inquiry_lead: &'static str,
    pub about_title: &'static str,
    pub about_body: &'static str,
    pub about_meta: &'static str,
    /// The gazetteer's credit, which its licence (ODbL) asks for where the data is shown.
    pub about_data_heading: &'static str,
    pub about_data_body: &'static str,
    pub server_status: &'static str,
    pub server_ok: &'static str,
    pub server_degraded: &'static str,
    pub loading: &'static str,
    pub coming_soon: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,
    pub footer_about: &'static str,
    pub footer_region: &'static str,
    pub footer_demo_note: &'static str,
    pub catalog_heading: &'static str,
    pub results_count_one: &'static str,
    pub results_count_many: &'static str,
    pub sort_label: &'static str,
    pub filters_button: &'static str,
    pub filters_heading: &'static str,
    pub filter_category: &'static str,
    pub filter_kecamatan: &'static str,
    pub filter_village: &'static str,
    pub filter_certificate: &'static str,
    pub filter_max_moq: &'static str,
    pub filter_price: &'static str,
    pub filter_price_min: &'static str,
    pub filter_price_max: &'static str,
    pub filter_lead: &'static str,
    pub filter_export: &'static str,
    pub filter_idm: &'static str,
    pub filter_any: &'static str,
    pub filter_days: &'static str,
    pub clear_filters: &'static str,
    pub show_results: &'static str,
    pub empty_title: &'static str,
    pub catalog_empty_title: &'static str,
    pub catalog_empty_body: &'static str,
    pub catalog_empty_join: &'static str,
    pub empty_body: &'static str,
    pub show_more: &'static str,
    pub load_error: &'static str,
    pub offline_cached: &'static str,
    pub per_unit: &'static str,
    pub moq_short: &'static str,
    pub export_badge: &'static str,
    pub from_village: &'static str,
    pub product_not_found: &'static str,
    pub inquiry_not_found: &'static str,
    pub terms_heading: &'static str,
    pub term_unit: &'static str,
    pub term_moq: &'static str,
    pub term_prices: &'static str,
    pub term_tier_from: &'static str,
    pub term_usd_note: &'static str,
    pub term_case: &'static str,
    pub term_lead: &'static str,
    pub term_capacity: &'static str,
    pub term_shelf: &'static str,
    pub term_packaging: &'static str,
    pub term_storage: &'static str,
    pub term_hs: &'static str,
    pub certs_heading: &'static str,
    pub cert_none: &'static str,
    pub cert_valid_until: &'static str,
    pub cert_expired: &'static str,
    pub cert_no_expiry: &'static str,
    pub cert_issuer: &'static str,
    pub seller_heading: &'static str,
    pub cooperative_label: &'static str,
    /// "Sold through {cooperative}", on a member's product.
    pub sold_through: &'static str,
    pub verified_by: &'static str,
    pub idm_trend: &'static str,
    pub cooperative_address: &'static str,
    pub verified_badge: &'static str,
    pub filter_verified: &'static str,
    pub verified_nib: &'static str,
    pub report_open: &'static str,
    pub report_title: &'static str,
    pub report_lead: &'static str,
    pub report_reason: &'static str,
    pub report_text: &'static str,
    pub report_send: &'static str,
    pub report_sending: &'static str,
    pub report_sent: &'static str,
    pub report_failed: &'static str,
    pub report_too_many: &'static str,
    pub report_gone: &'static str,
    pub filter_cooperative: &'static str,
    pub cooperative_page_label: &'static str,
    pub cooperative_members: &'static str,
    pub cooperative_products: &'static str,
    pub cooperative_no_products: &'static str,
    pub cooperative_not_found: &'static str,
    pub cooperative_contact: &'static str,
    pub cooperative_legal: &'static str,
    pub cooperative_in_catalog: &'static str,
    pub share_whatsapp: &'static str,
    pub contact_whatsapp: &'static str,
    pub request_quote: &'static str,
    pub whatsapp_hello: &'static str,
    pub back_to_catalog: &'static str,
    pub photo_open: &'static str,
    pub village_profile: &'static str,
    pub village_not_found: &'static str,
    pub village_products: &'static str,
    pub village_no_products: &'static str,
    pub idm_label: &'static str,
    pub kecamatan_label: &'static str,
    pub kabupaten_label: &'static str,
    pub view_village: &'static str,
    pub days_unit: &'static str,
}

pub const ID: Texts = Texts {
    lang_name: "Bahasa Indonesia",
    // Starts with the button's visible code, so a voice user who says "click EN" reaches it.
    switch_lang_label: "EN: Switch to English",
    skip_to_content: "Langsung ke isi",
    brand_tagline: "Produk desa Kutai Kartanegara",
    nav_label: "Menu utama",
    nav_catalog: "Katalog",
    nav_sellers: "Untuk penjual",
    nav_inquiry: "Minta penawaran",
    nav_about: "Tentang",
    nav_sign_in: "Masuk",
    search_label: "Cari produk",
    search_placeholder: "Kerupuk udang, madu kelulut, rumput laut…",
    search_button: "Cari",
    home_title: "Produk desa, langsung dari UMKM dan koperasi",
    home_lead: "Kerupuk udang Sepatin, amplang, terasi, rumput laut kering, madu kelulut dan kerajinan daur ulang dari desa-desa Kutai Kartanegara — dengan sertifikat, minimal pesanan dan harga yang jelas.",
    home_meta: "Katalog produk UMKM dan koperasi desa Kutai Kartanegara untuk hotel, restoran dan eksportir.",
    home_cta_browse: "Lihat katalog",
    home_cta_sell: "Jual produk desa Anda",
    product_title: "Produk",
    village_title: "Desa",
    seller_title: "Area penjual",
    seller_lead: "Daftarkan usaha Anda, unggah foto dari HP, dan terbitkan produk untuk pembeli hotel dan eksportir.",
    sign_in_title: "Masuk",
    sign_in_lead: "Masuk dengan nomor WhatsApp dan kata sandi usaha Anda.",
    inquiry_title: "Minta penawaran",
    inquiry_lead: "Kirim permintaan pembelian atau RFQ ekspor ke penjual desa.",
    about_title: "Tentang Etalase Desa",
    about_body: "Etalase Desa mempertemukan UMKM dan Koperasi Desa Merah Putih di Kutai Kartanegara dengan pembeli hotel, restoran dan eksportir. Aplikasi ini dibuat ringan untuk HP murah dan sinyal lemah.",
    about_meta: "Tentang Etalase Desa: katalog produk desa Kutai Kartanegara.",
    about_data_heading: "Data wilayah",
    about_data_body: "Nama dan kode kecamatan serta desa/kelurahan (kode Kemendagri) berasal dari idn-area-data 4.0.1, dengan lisensi Open Database License (ODbL) 1.0.",
    server_status: "Status server",
    server_ok: "Server dan basis data berjalan normal",
    server_degraded: "Basis data sedang bermasalah",
    loading: "Memuat…",
    coming_soon: "Bagian ini sedang disiapkan.",
    retry: "Coba lagi",
    error_network: "Tidak dapat terhubung ke server. Periksa koneksi internet Anda.",
    error_server: "Server sedang bermasalah. Silakan coba lagi sebentar lagi.",
    not_found_title: "Halaman tidak ditemukan",
    not_found_body: "Alamat ini tidak ada di Etalase Desa. Mungkin tautannya salah ketik atau produknya sudah tidak dijual.",
    not_found_home: "Kembali ke katalog",
    footer_about: "Etalase Desa — etalase produk UMKM dan koperasi desa.",
    footer_region: "Kabupaten Kutai Kartanegara, Kalimantan Timur",
    footer_demo_note: "Data contoh untuk demonstrasi.",
    catalog_heading: "Katalog produk desa",
    results_count_one: "1 produk",
    results_count_many: "{} produk",
    sort_label: "Urutkan",
    filters_button: "Filter",
    filters_heading: "Saring produk",
    filter_category: "Kategori",
    filter_kecamatan: "Kecamatan",
    filter_village: "Desa",
    filter_certificate: "Sertifikat berlaku",
    filter_max_moq: "Minimal pesanan paling banyak",
    filter_price: "Harga (per satuan)",
    filter_price_min: "Harga terendah (Rp)",
    filter_price_max: "Harga tertinggi (Rp)",
    filter_lead: "Waktu siap kirim paling lama",
    filter_export: "Siap ekspor",
    filter_idm: "Status desa (IDM)",
    filter_any: "Semua",
    filter_days: "{} hari",
    clear_filters: "Hapus semua filter",
    show_results: "Lihat hasil",
    empty_title: "Tidak ada produk yang cocok",
    catalog_empty_title: "Katalog baru dibuka",
    catalog_empty_body: "Belum ada produk yang tayang. UMKM dan koperasi desa sedang mendaftar; kembali lagi sebentar lagi.",
    catalog_empty_join: "Anda penjual di desa? Daftar di sini",
    empty_body: "Coba kata lain atau kurangi filter.",
    show_more: "Tampilkan lebih banyak",
    load_error: "Katalog tidak dapat dimuat.",
    offline_cached: "Anda sedang offline. Menampilkan katalog yang tersimpan.",
    per_unit: "per {}",
    moq_short: "Min. {} {}",
    export_badge: "Siap ekspor",
    from_village: "Desa {}",
    product_not_found: "Produk ini tidak ditemukan atau sudah tidak dijual.",
    inquiry_not_found: "Permintaan ini tidak ditemukan. Periksa tautan lacak Anda.",
    terms_heading: "Ketentuan pembelian",
    term_unit: "Satuan",
    term_moq: "Minimal pesanan",
    term_prices: "Harga bertingkat",
    term_tier_from: "mulai {} {}",
    term_usd_note: "Perkiraan USD dengan kurs Rp {} per US$1 ({}).",
    term_case: "Isi per karton",
    term_lead: "Waktu siap kirim",
    term_capacity: "Kapasitas per bulan",
    term_shelf: "Masa simpan",
    term_packaging: "Kemasan",
    term_storage: "Penyimpanan",
    term_hs: "Kode HS",
    certs_heading: "Sertifikat",
    cert_none: "Belum ada sertifikat tercatat.",
    cert_valid_until: "Berlaku sampai {}",
    cert_expired: "Kedaluwarsa {}",
    cert_no_expiry: "Tanpa masa berlaku",
    cert_issuer: "Penerbit",
    seller_heading: "Penjual",
    cooperative_label: "Koperasi",
    sold_through: "Dijual melalui {}",
    verified_by: "Diverifikasi oleh {}, {}",
    idm_trend: "Tren IDM: {}",
    cooperative_address: "Alamat",
    verified_badge: "Terverifikasi",
    filter_verified: "Hanya penjual terverifikasi",
    verified_nib: "NIB {}",
    report_open: "Laporkan produk ini",
    report_title: "Laporkan produk",
    report_lead: "Pendamping desa akan memeriksa laporan Anda. Identitas Anda tidak dikirim ke penjual.",
    report_reason: "Alasan",
    report_text: "Keterangan (wajib untuk \"Lainnya\")",
    report_send: "Kirim laporan",
    report_sending: "Mengirim…",
    report_sent: "Terima kasih. Laporan Anda sudah diterima dan akan diperiksa pendamping desa.",
    report_failed: "Laporan belum terkirim. Periksa koneksi lalu coba lagi.",
    report_too_many: "Terlalu banyak laporan dari jaringan ini. Coba lagi dalam satu jam.",
    report_gone: "Produk ini sudah tidak ada di katalog.",
    filter_cooperative: "Koperasi",
    cooperative_page_label: "Koperasi desa",
    cooperative_members: "{} anggota menjual lewat koperasi ini",
    cooperative_products: "Produk anggota",
    cooperative_no_products: "Belum ada produk anggota yang tayang.",
    cooperative_not_found: "Koperasi ini tidak dikenal, atau belum menjual untuk anggotanya.",
    cooperative_contact: "Hubungi koperasi lewat WhatsApp",
    cooperative_legal: "Nomor badan hukum",
    cooperative_in_catalog: "Lihat di katalog dengan filter",
    share_whatsapp: "Bagikan lewat WhatsApp",
    contact_whatsapp: "Hubungi penjual di WhatsApp",
    request_quote: "Minta penawaran",
    whatsapp_hello: "Halo, saya tertarik dengan {} di Etalase Desa: {}",
    back_to_catalog: "Kembali ke katalog",
    photo_open: "Buka foto ukuran besar",
    village_profile: "Profil desa",
    village_not_found: "Desa ini tidak ditemukan.",
    village_products: "Produk dari desa ini",
    village_no_products: "Belum ada produk yang dijual dari desa ini.",
    idm_label: "Indeks Desa Membangun (IDM)",
    kecamatan_label: "Kecamatan",
    kabupaten_label: "Kabupaten",
    view_village: "Lihat profil desa",
    days_unit: "{} hari",
};

pub const EN: Texts = Texts {
    lang_name: "English",
    switch_lang_label: "ID: Ganti ke Bahasa Indonesia",
    skip_to_content: "Skip to content",
    brand_tagline: "Village products of Kutai Kartanegara",
    nav_label: "Main menu",
    nav_catalog: "Catalog",
    nav_sellers: "For sellers",
    nav_inquiry: "Request a quote",
    nav_about: "About",
    nav_sign_in: "Sign in",
    search_label: "Search products",
    search_placeholder: "Prawn crackers, stingless-bee honey, seaweed…",
    search_button: "Search",
    home_title: "Village products, straight from small businesses and cooperatives",
    home_lead: "Sepatin prawn crackers, amplang, shrimp paste, dried seaweed, stingless-bee honey and recycled crafts from the villages of Kutai Kartanegara — with clear certificates, minimum orders and prices.",
    home_meta: "Catalog of village products from Kutai Kartanegara's small businesses and cooperatives, for hotels, restaurants and exporters.",
    home_cta_browse: "Browse the catalog",
    home_cta_sell: "Sell your village's products",
    product_title: "Product",
    village_title: "Village",
    seller_title: "Seller area",
    seller_lead: "Register your business, upload photos from your phone and publish products for hotel buyers and exporters.",
    sign_in_title: "Sign in",
    sign_in_lead: "Sign in with your business's WhatsApp number and password.",
    inquiry_title: "Request a quote",
    inquiry_lead: "Send a purchase inquiry or an export RFQ to village sellers.",
    about_title: "About Etalase Desa",
    about_body: "Etalase Desa connects small businesses and the Koperasi Desa Merah Putih cooperatives of Kutai Kartanegara with hotel, restaurant and export buyers. It is built to stay light on cheap phones and weak signal.",
    about_meta: "About Etalase Desa: a catalog of village products from Kutai Kartanegara.",
    about_data_heading: "Area data",
    about_data_body: "The names and codes of districts (kecamatan) and villages (desa/kelurahan, Kemendagri codes) come from idn-area-data 4.0.1, under the Open Database License (ODbL) 1.0.",
    server_status: "Server status",
    server_ok: "Server and database are running normally",
    server_degraded: "The database is having problems",
    loading: "Loading…",
    coming_soon: "This section is being prepared.",
    retry: "Try again",
    error_network: "Cannot reach the server. Check your internet connection.",
    error_server: "The server is having problems. Please try again shortly.",
    not_found_title: "Page not found",
    not_found_body: "This address does not exist on Etalase Desa. The link may be mistyped, or the product is no longer listed.",
    not_found_home: "Back to the catalog",
    footer_about: "Etalase Desa — a shop window for village businesses and cooperatives.",
    footer_region: "Kutai Kartanegara Regency, East Kalimantan",
    footer_demo_note: "Demo data for demonstration.",
    catalog_heading: "Village product catalog",
    results_count_one: "1 product",
    results_count_many: "{} products",
    sort_label: "Sort by",
    filters_button: "Filters",
    filters_heading: "Filter products",
    filter_category: "Category",
    filter_kecamatan: "District (kecamatan)",
    filter_village: "Village",
    filter_certificate: "Valid certificate",
    filter_max_moq: "Minimum order at most",
    filter_price: "Price (per unit)",
    filter_price_min: "Lowest price (Rp)",
    filter_price_max: "Highest price (Rp)",
    filter_lead: "Lead time at most",
    filter_export: "Export-ready",
    filter_idm: "Village status (IDM)",
    filter_any: "Any",
    filter_days: "{} days",
    clear_filters: "Clear all filters",
    show_results: "Show results",
    empty_title: "No matching products",
    catalog_empty_title: "The catalog has just opened",
    catalog_empty_body: "No product is listed yet. Village businesses and cooperatives are signing up; come back soon.",
    catalog_empty_join: "Selling from a village? Register here",
    empty_body: "Try other words or fewer filters.",
    show_more: "Show more",
    load_error: "The catalog could not be loaded.",
    offline_cached: "You are offline. Showing the saved catalog.",
    per_unit: "per {}",
    moq_short: "Min. {} {}",
    export_badge: "Export-ready",
    from_village: "{} village",
    product_not_found: "This product was not found or is no longer listed.",
    inquiry_not_found: "This request was not found. Check your tracking link.",
    terms_heading: "Purchase terms",
    term_unit: "Unit",
    term_moq: "Minimum order",
    term_prices: "Tier prices",
    term_tier_from: "from {} {}",
    term_usd_note: "Indicative USD at Rp {} per US$1 ({}).",
    term_case: "Case size",
    term_lead: "Lead time",
    term_capacity: "Monthly capacity",
    term_shelf: "Shelf life",
    term_packaging: "Packaging",
    term_storage: "Storage",
    term_hs: "HS code",
    certs_heading: "Certificates",
    cert_none: "No certificates on record.",
    cert_valid_until: "Valid until {}",
    cert_expired: "Expired {}",
    cert_no_expiry: "No expiry",
    cert_issuer: "Issuer",
    seller_heading: "Seller",
    cooperative_label: "Cooperative",
    sold_through: "Sold through {}",
    verified_by: "Verified by {}, {}",
    idm_trend: "IDM trend: {}",
    cooperative_address: "Address",
    verified_badge: "Verified",
    filter_verified: "Verified sellers only",
    verified_nib: "Business number (NIB) {}",
    report_open: "Report this listing",
    report_title: "Report a listing",
    report_lead: "A village facilitator will look into your report. The seller is not told who you are.",
    report_reason: "Reason",
    report_text: "Details (required for \"Other\")",
    report_send: "Send report",
    report_sending: "Sending…",
    report_sent: "Thank you. Your report was received and a village facilitator will check it.",
    report_failed: "The report was not sent. Check your connection and try again.",
    report_too_many: "Too many reports from this network. Try again within the hour.",
    report_gone: "This listing is no longer in the catalog.",
    filter_cooperative: "Cooperative",
    cooperative_page_label: "Village cooperative",
    cooperative_members: "{} members sell through this cooperative",
    cooperative_products: "Members' products",
    cooperative_no_products: "No member product is published yet.",
    cooperative_not_found: "This cooperative is unknown, or does not sell for its members yet.",
    cooperative_contact: "Contact the cooperative on WhatsApp",
    cooperative_legal: "Legal entity number",
    cooperative_in_catalog: "See in the catalog, filtered",
    share_whatsapp: "Share on WhatsApp",
    contact_whatsapp: "Contact seller on WhatsApp",
    request_quote: "Request a quote",
    whatsapp_hello: "Hello, I am interested in {} on Etalase Desa: {}",
    back_to_catalog: "Back to the catalog",
    photo_open: "Open the large photo",
    village_profile: "Village profile",
    village_not_found: "This village was not found.",
    village_products: "Products from this village",
    village_no_products: "No products are listed from this village yet.",
    idm_label: "Village Development Index (IDM)",
    kecamatan_label: "District",
    kabupaten_label: "Regency",
    view_village: "View village profile",
    days_unit: "{} days",
};

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

/// The table for a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// The app-wide language, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Starts from the stored choice, else Indonesian (the product's default, whatever the
    /// browser's language: most sellers' phones are set to English UI anyway).
    pub fn from_storage() -> I18n {
        let lang = storage::get(STORAGE_KEY)
            .and_then(|t| Lang::from_tag(&t))
            .unwrap_or_default();
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current strings (tracked).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The seller area's strings (tracked).
    pub fn s(&self) -> &'static SellerTexts {
        seller::texts(self.lang.get())
    }

    /// The cooperative pages' strings (tracked).
    pub fn c(&self) -> &'static CoopTexts {
        cooperative::texts(self.lang.get())
    }

    /// The inquiry pages' strings (tracked).
    pub fn q(&self) -> &'static InquiryTexts {
        inquiry::texts(self.lang.get())
    }

    /// Moderation and district admin strings (tracked).
    pub fn m(&self) -> &'static ModerationTexts {
        moderation::texts(self.lang.get())
    }

    /// The partnership strings (tracked).
    pub fn p(&self) -> &'static PartnerTexts {
        partners::texts(self.lang.get())
    }

    /// Changes language, remembers it and updates `<html lang>` for screen readers.
    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        storage::set(STORAGE_KEY, lang.tag());
    }

    /// Keeps `<html lang>` in sync; call once from `App`.
    pub fn sync_document_lang(&self) {
        let lang = self.lang;
        Effect::new(move |_| {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.get().tag());
            }
        });
    }
}

/// The language context; panics only if used outside `App`, a programming error.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_arguments_in_order() {
        assert_eq!(fill(ID.from_village, &[&"Sepatin"]), "Desa Sepatin");
        assert_eq!(fill(EN.from_village, &[&"Sepatin"]), "Sepatin village");
        assert_eq!(fill(ID.moq_short, &[&50, &"pak"]), "Min. 50 pak");
        assert_eq!(fill("no holes", &[&1]), "no holes");
    }

    #[test]
    fn templates_have_the_same_holes_in_both_languages() {
        // Compare every field pairwise through the Debug-free route: count "{}" per line of
        // the two tables as written in this file.
        let src = include_str!("mod.rs");
        let table = |start: &str| -> Vec<(String, usize)> {
            let body = &src[src.find(start).unwrap()..];
            let body = &body[..body.find("\n};").unwrap()];
            body.lines()
                .filter_map(|l| l.trim().split_once(": \""))
                .map(|(k, v)| (k.to_string(), v.matches("{}").count()))
                .collect()
        };
        let (id, en) = (table("pub const ID: Texts"), table("pub const EN: Texts"));
        assert_eq!(id.len(), en.len());
        for (a, b) in id.iter().zip(&en) {
            assert_eq!(a, b, "placeholders differ");
        }
    }

    #[test]
    fn languages_differ_where_they_should() {
        // A copy-pasted table would show Indonesian to English readers.
        assert_ne!(ID.search_label, EN.search_label);
        assert_eq!(ID.search_label, "Cari produk");
        assert_eq!(EN.search_label, "Search products");
        assert_ne!(ID.not_found_title, EN.not_found_title);
        // The switch button is labelled in the language it switches *to*.
        assert_eq!(ID.switch_lang_label, "EN: Switch to English");
        assert_eq!(EN.switch_lang_label, "ID: Ganti ke Bahasa Indonesia");
    }
}
