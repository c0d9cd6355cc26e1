//! Every user-visible string, once per language, in one typed table.
//!
//! A missing translation is a compile error (each language is a full `Texts` value), which
//! is why this is a struct rather than a key/value file. Components read the table through
//! [`I18n`], so switching language re-renders only the text that changed.

use etalase_model::Lang;
use leptos::prelude::*;

use crate::storage;

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
}

pub const ID: Texts = Texts {
    lang_name: "Bahasa Indonesia",
    switch_lang_label: "Switch to English",
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
};

pub const EN: Texts = Texts {
    lang_name: "English",
    switch_lang_label: "Ganti ke Bahasa Indonesia",
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
};

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
    fn languages_differ_where_they_should() {
        // A copy-pasted table would show Indonesian to English readers.
        assert_ne!(ID.search_label, EN.search_label);
        assert_eq!(ID.search_label, "Cari produk");
        assert_eq!(EN.search_label, "Search products");
        assert_ne!(ID.not_found_title, EN.not_found_title);
        // The switch button is labelled in the language it switches *to*.
        assert_eq!(ID.switch_lang_label, "Switch to English");
        assert_eq!(EN.switch_lang_label, "Ganti ke Bahasa Indonesia");
    }
}
