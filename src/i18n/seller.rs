//! The seller area's strings: sign-in, registration, the listing editor and photo upload.
//!
//! Each entry names the field once with its Indonesian and English text side by side, so a
//! translation cannot go missing and a reviewer reads both at once.

#[cfg(test)]
use etalase_photo::PhotoError;
use etalase_photo::PhotoHint;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::fill;

crate::i18n::text_table! {
    /// The seller area's strings of one language.
    SellerTexts;
    auth_title: "Masuk penjual", "Seller sign in";
    account_disabled: "Akun ini ditangguhkan atau dinonaktifkan oleh DPMD. Hubungi koperasi desa atau pendamping desa Anda.", "This account was suspended or deactivated by the district. Contact your village cooperative or facilitator.";
    auth_lead: "Untuk UMKM dan koperasi desa: daftarkan usaha, lalu terbitkan produk dari HP.", "For village businesses and cooperatives: register, then publish products from your phone.";
    tab_sign_in: "Masuk", "Sign in";
    tab_register: "Daftar baru", "Register";
    field_business_name: "Nama usaha", "Business name";
    business_name_hint: "Contoh: KUB Bunga Tanjung", "E.g. KUB Bunga Tanjung";
    field_whatsapp: "Nomor WhatsApp", "WhatsApp number";
    whatsapp_hint: "Contoh: 0812 3456 7890. Pembeli menghubungi Anda di nomor ini.", "E.g. 0812 3456 7890. Buyers contact you on this number.";
    field_password: "Kata sandi", "Password";
    password_hint: "Minimal 8 karakter.", "At least 8 characters.";
    show_password: "Tampilkan kata sandi", "Show password";
    submit_sign_in: "Masuk", "Sign in";
    submit_register: "Daftar dan masuk", "Register and sign in";
    submitting: "Mengirim…", "Sending…";
    wrong_credentials: "Nomor WhatsApp atau kata sandi salah.", "Wrong WhatsApp number or password.";
    rate_limited: "Terlalu banyak percobaan. Coba lagi dalam {} menit.", "Too many attempts. Try again in {} minutes.";
    needs_connection: "Tidak ada koneksi internet. Coba lagi saat sinyal kembali.", "No internet connection. Try again when you have signal.";
    error_code: "Terjadi kesalahan ({}). Coba lagi.", "Something went wrong ({}). Please try again.";
    server_full: "Penyimpanan server penuh. Isian Anda tetap di perangkat ini; coba lagi nanti.", "The server's storage is full. What you entered stays on this device; try again later.";
    server_busy: "Server sedang sibuk. Coba lagi sebentar lagi; isian Anda tetap tersimpan.", "The server is busy. Try again in a moment; what you entered is kept.";
    too_large: "Data yang dikirim terlalu besar.", "What was sent is too large.";
    timed_out: "Pengiriman terlalu lama (sinyal lemah?). Coba lagi.", "Sending took too long (weak signal?). Try again.";
    form_has_errors: "Periksa isian yang ditandai.", "Please check the marked fields.";
    must_sign_in: "Masuk dulu untuk mengelola produk Anda.", "Sign in to manage your products.";
    session_expired: "Sesi Anda berakhir. Silakan masuk lagi; draf tetap tersimpan di HP ini.", "Your session ended. Please sign in again; your drafts stay on this phone.";

    dashboard_title: "Produk saya", "My products";
    signed_in_as: "Masuk sebagai {}", "Signed in as {}";
    sign_out: "Keluar", "Sign out";
    new_listing: "Tambah produk", "Add a product";
    no_listings: "Belum ada produk. Tambahkan produk pertama Anda: nama, harga dan foto dari HP sudah cukup untuk mulai.", "No products yet. Add your first one: a name, a price and a phone photo are enough to start.";
    loading_listings: "Memuat produk Anda…", "Loading your products…";
    status_draft: "Draf", "Draft";
    status_published: "Tayang", "Published";
    status_unpublished: "Diturunkan", "Unpublished";
    status_waiting: "Menunggu koneksi", "Waiting for connection";
    edit: "Ubah", "Edit";
    view_in_catalog: "Lihat di katalog", "View in catalog";
    local_only: "Hanya di HP ini", "Only on this phone";
    outbox_waiting: "{} perubahan menunggu koneksi dan akan dikirim otomatis.", "{} change(s) waiting for a connection; they will be sent automatically.";
    outbox_sent: "Perubahan yang tertunda sudah terkirim.", "Pending changes have been sent.";

    editor_new_title: "Produk baru", "New product";
    editor_edit_title: "Ubah produk", "Edit product";
    back_to_products: "← Produk saya", "← My products";
    section_basic: "Informasi produk", "Product information";
    section_price: "Harga dan pesanan", "Price and ordering";
    section_supply: "Pasokan dan kemasan", "Supply and packaging";
    section_export: "Ekspor", "Export";
    section_certs: "Sertifikat", "Certificates";
    section_photos: "Foto produk", "Product photos";
    field_name_id: "Nama produk (Bahasa Indonesia)", "Product name (Indonesian)";
    field_name_en: "Nama produk (Bahasa Inggris)", "Product name (English)";
    field_category: "Kategori", "Category";
    field_description_id: "Deskripsi (Bahasa Indonesia)", "Description (Indonesian)";
    field_description_en: "Deskripsi (Bahasa Inggris)", "Description (English)";
    field_unit: "Satuan jual", "Selling unit";
    field_moq: "Minimal pesanan", "Minimum order";
    field_tiers: "Harga grosir per satuan", "Wholesale price per unit";
    tier_from: "Mulai dari (jumlah)", "From (quantity)";
    tier_price: "Harga (Rp)", "Price (Rp)";
    add_tier: "Tambah tingkat harga", "Add a price tier";
    remove: "Hapus", "Remove";
    field_lead_time: "Siap kirim dalam (hari)", "Ready to ship in (days)";
    field_capacity: "Kapasitas per bulan", "Monthly capacity";
    field_shelf_life: "Masa simpan (hari, boleh kosong)", "Shelf life (days, optional)";
    field_case_size: "Isi per karton (boleh kosong)", "Case size (optional)";
    field_packaging_id: "Kemasan (Bahasa Indonesia)", "Packaging (Indonesian)";
    field_packaging_en: "Kemasan (Bahasa Inggris)", "Packaging (English)";
    field_storage_id: "Cara simpan (Bahasa Indonesia)", "Storage (Indonesian)";
    field_storage_en: "Cara simpan (Bahasa Inggris)", "Storage (English)";
    field_export_ready: "Siap ekspor: isian bahasa Inggris menjadi wajib", "Export-ready: English fields become required";
    field_hs_code: "Kode HS (boleh kosong)", "HS code (optional)";
    cert_kind: "Jenis", "Type";
    cert_number: "Nomor", "Number";
    cert_issuer: "Penerbit", "Issuer";
    cert_expires: "Berlaku sampai (boleh kosong)", "Valid until (optional)";
    add_cert: "Tambah sertifikat", "Add a certificate";
    no_certs: "Belum ada sertifikat. Pembeli hotel sering meminta Halal dan P-IRT.", "No certificates yet. Hotel buyers often ask for Halal and P-IRT.";

    photos_hint: "Hingga 8 foto. Foto diperkecil di HP Anda sebelum dikirim (hemat kuota) dan lokasi GPS dihapus. Foto pertama menjadi sampul.", "Up to 8 photos. Photos are made smaller on your phone before sending (saves data) and GPS location is removed. The first photo is the cover.";
    add_photos: "Tambah foto", "Add photos";
    photo_cover: "Sampul", "Cover";
    make_cover: "Jadikan sampul", "Make cover";
    move_earlier: "Geser ke depan", "Move earlier";
    move_later: "Geser ke belakang", "Move later";
    photo_alt: "Foto {} dari {}", "Photo {} of {}";
    photos_overall: "Memproses foto {} dari {}", "Processing photo {} of {}";
    photos_full: "Sudah 8 foto, batas maksimal.", "Already 8 photos, the maximum.";
    stage_queued: "Menunggu giliran", "Queued";
    stage_decode: "Membaca foto", "Reading photo";
    stage_resize: "Mengecilkan", "Resizing";
    stage_encode: "Menyimpan JPEG", "Encoding JPEG";
    stage_upload: "Mengunggah", "Uploading";
    stage_done: "Selesai", "Done";
    stage_retry: "Koneksi terputus. Mencoba lagi dalam {} detik…", "Connection lost. Retrying in {} seconds…";
    photo_heic: "Foto HEIC (iPhone) tidak bisa dibaca di browser ini. Di iPhone buka Pengaturan › Kamera › Format dan pilih “Paling Kompatibel”, atau bagikan foto sebagai JPEG, lalu pilih lagi.", "This HEIC (iPhone) photo cannot be read in this browser. On the iPhone open Settings › Camera › Formats and choose “Most Compatible”, or share the photo as JPEG, then pick it again.";
    photo_corrupt: "Foto rusak atau tidak lengkap. Ambil ulang fotonya atau pilih foto lain.", "The photo is damaged or incomplete. Take it again or choose another photo.";
    photo_incomplete: "Foto ini tidak lengkap (mungkin belum selesai diunduh). Buka foto aslinya di galeri, lalu coba lagi.", "This photo is incomplete (it may not have finished downloading). Open the original in your gallery, then try again.";
    photo_too_large: "Foto terlalu besar. Maksimal 50 megapiksel dan 12.000 piksel per sisi.", "The photo is too large. The maximum is 50 megapixels and 12,000 pixels a side.";
    photo_unsupported: "Format foto tidak didukung. Gunakan JPEG, PNG atau WebP.", "Unsupported photo format. Use JPEG, PNG or WebP.";
    photo_failed: "Foto gagal diproses ({}). Coba foto lain.", "The photo could not be processed ({}). Try another photo.";
    coach_heading: "Foto ini bisa lebih baik", "This photo could be better";
    coach_kept: "Foto tetap diunggah. Kalau sempat, ambil ulang lalu ganti.", "It is uploaded anyway. If you have a moment, retake it and swap it in.";
    coach_preview: "Foto yang diproses", "The processed photo";
    hint_cut_off: "Bagian bawah foto kosong", "The bottom of the photo is blank";
    hint_cut_off_tip: "Foto mungkin belum selesai diunduh. Buka foto aslinya di galeri sampai tampil utuh, lalu pilih lagi.", "The photo may not have finished downloading. Open the original in your gallery until it shows whole, then pick it again.";
    hint_too_dark: "Terlalu gelap", "Too dark";
    hint_too_dark_tip: "Foto di dekat jendela atau di teras saat siang, tanpa lampu kilat.", "Shoot by a window or on the porch in daylight, without the flash.";
    hint_washed_out: "Pucat, terlalu terang", "Washed out";
    hint_washed_out_tip: "Lap lensa kamera dan jangan memotret melawan matahari; cari tempat teduh yang terang.", "Wipe the camera lens and do not shoot into the sun; find bright shade.";
    hint_blurry: "Kurang tajam", "Blurry";
    hint_blurry_tip: "Sentuh produk di layar agar fokus, pegang HP dengan dua tangan, lalu diam sejenak saat memotret.", "Tap the product on the screen to focus, hold the phone with both hands and keep still as you shoot.";
    hint_too_small: "Ukuran terlalu kecil", "Too small";
    hint_too_small_tip: "Pilih foto asli dari kamera atau galeri, bukan kiriman WhatsApp atau tangkapan layar.", "Pick the original from the camera or gallery, not one received over WhatsApp or a screenshot.";

    save_draft: "Simpan draf", "Save draft";
    preview: "Pratinjau", "Preview";
    close_preview: "Tutup pratinjau", "Close preview";
    preview_heading: "Begini produk Anda tampil di katalog", "This is how buyers will see it";
    publish: "Terbitkan", "Publish";
    save_changes: "Simpan perubahan", "Save changes";
    unpublish: "Turunkan dari katalog", "Unpublish";
    draft_saved_local: "Draf tersimpan otomatis di HP ini.", "Draft saved on this phone automatically.";
    saved_server: "Tersimpan.", "Saved.";
    published_ok: "Produk tayang di katalog.", "Your product is live in the catalog.";
    unpublished_ok: "Produk diturunkan dari katalog.", "The product was taken out of the catalog.";
    queued_offline: "Tidak ada koneksi. Perubahan disimpan di HP dan dikirim otomatis saat sinyal kembali.", "No connection. The change is kept on this phone and sent automatically when signal returns.";
    not_owner: "Produk ini milik penjual lain.", "This product belongs to another seller.";
    photos_busy: "Tunggu sampai semua foto selesai diunggah.", "Wait until all photos have finished uploading.";
    notices_heading: "Pemberitahuan email", "E-mail notices";
    notices_lead: "Dapatkan email saat ada permintaan baru dan saat pembeli menjawab penawaran Anda.", "Get an e-mail when a new inquiry arrives and when a buyer answers your quotation.";
    notices_email: "Email untuk pemberitahuan", "E-mail for notices";
    notices_email_hint: "Kosongkan untuk berhenti menerima email.", "Leave it empty to stop the e-mails.";
    notices_save: "Simpan email", "Save the e-mail";
    notices_off: "Situs ini belum mengirim email; alamat Anda disimpan dan dipakai begitu pengiriman aktif.", "This site does not send e-mail yet; your address is kept for when it does.";
}

/// The registration's village picker, in a table of its own: the buyer's app words a few
/// seller strings (the header's link, refusals) and so carries `SellerTexts`, but never
/// shows these, and a table only the seller's app reads stays out of the buyer's bundle.
pub mod village_picker {
    crate::i18n::text_table! {
        /// The village picker's strings of one language.
        VillagePickerTexts;
        field_village: "Desa atau kelurahan", "Village (desa or kelurahan)";
        field_kecamatan: "Kecamatan", "Kecamatan (district)";
        all_kecamatan: "Semua kecamatan", "All kecamatan";
        kecamatan_option: "{} ({} desa/kelurahan)", "{} ({} villages)";
        field_village_search: "Cari nama desa atau kelurahan", "Search for your village by name";
        village_search_hint: "Salah ketik tidak apa-apa. Tidak tahu kecamatannya? Biarkan “Semua kecamatan” dan ketik nama desa.", "Typos are fine. Not sure of the kecamatan? Leave “All kecamatan” and type the village's name.";
        village_results: "Desa dan kelurahan yang cocok", "Matching villages";
        village_count: "{} desa/kelurahan cocok.", "{} matching villages.";
        village_more: "Dan {} lainnya: ketik nama lebih lengkap.", "And {} more: type more of the name.";
        village_start: "Pilih kecamatan atau ketik nama desa.", "Choose a kecamatan or type your village's name.";
        village_none: "Tidak ada desa atau kelurahan yang cocok. Periksa ejaannya.", "No village matches. Check the spelling.";
        village_none_here: "Tidak ada yang cocok di Kec. {}.", "Nothing matches in {} district.";
        search_all_kecamatan: "Cari di semua kecamatan", "Search all kecamatan";
        villages_loading: "Memuat daftar desa…", "Loading the list of villages…";
        villages_failed: "Daftar desa belum bisa dimuat. Periksa koneksi, lalu muat ulang halaman.", "The list of villages could not be loaded. Check your connection, then reload the page.";
        in_kecamatan: "Kec. {}", "{} district";
        village_chosen: "{}, Kec. {}", "{}, {} district";
        change_village: "Ganti desa", "Change village";
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders_and_differ() {
            crate::i18n::check_pairs(super::PAIRS);
        }
    }
}

/// The dashboard's push notices panel, a table of its own for the seller's app only.
pub mod push {
    crate::i18n::text_table! {
        /// The push panel's strings of one language.
        PushTexts;
        heading: "Pemberitahuan di ponsel", "Notifications on your phone";
        lead: "Ketahui permintaan baru saat itu juga, walau Etalase Desa sedang tertutup: ponsel menampilkan nama pembeli dan nomor permintaan; ketuk untuk membuka kotak masuk. Browser akan meminta izin. Anda dapat mematikannya kapan saja di sini.", "Hear of a new inquiry at once, even with Etalase Desa closed: your phone shows the buyer's name and the inquiry's reference; tap it to open your inbox. The browser will ask for your permission. You can turn it off here at any time.";
        turn_on: "Aktifkan pemberitahuan", "Turn on notifications";
        turn_off: "Matikan di ponsel ini", "Turn off on this phone";
        checking: "Memeriksa pemberitahuan di browser ini…", "Checking notifications in this browser…";
        on_here: "Pemberitahuan aktif di ponsel ini.", "Notifications are on for this phone.";
        devices: "Aktif di {} perangkat Anda.", "On for {} of your devices.";
        turned_on: "Pemberitahuan aktif. Permintaan baru akan muncul di ponsel ini.", "Notifications are on. New inquiries will appear on this phone.";
        turned_off: "Pemberitahuan dimatikan di ponsel ini.", "Notifications are off for this phone.";
        unsupported: "Browser ini tidak dapat menerima pemberitahuan. Pakai Chrome atau Firefox terbaru; di iPhone, tambahkan Etalase Desa ke Layar Utama lebih dulu.", "This browser cannot receive notifications. Use a recent Chrome or Firefox; on an iPhone, add Etalase Desa to the Home Screen first.";
        blocked: "Pemberitahuan untuk situs ini diblokir. Izinkan di pengaturan situs browser (ikon gembok di samping alamat), lalu coba lagi.", "Notifications are blocked for this site. Allow them in the browser's site settings (the padlock beside the address), then try again.";
        service: "Layanan pemberitahuan browser tidak dapat dihubungi. Periksa koneksi lalu coba lagi.", "The browser's notification service could not be reached. Check your connection and try again.";
        installing: "Etalase Desa sedang disimpan di ponsel ini; pemberitahuan aktif sesudahnya. Biarkan halaman ini terbuka…", "Etalase Desa is being kept on this phone; notifications turn on after that. Keep this page open…";
        not_ready: "Etalase Desa belum selesai disimpan di ponsel ini. Biarkan koneksi menyala sebentar, lalu coba lagi.", "Etalase Desa has not finished being kept on this phone. Stay connected for a moment, then try again.";
        server_off: "Situs ini belum mengirim pemberitahuan ke ponsel.", "This site does not send phone notifications yet.";
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders_and_differ() {
            crate::i18n::check_pairs(super::PAIRS);
        }
    }
}

/// A message chosen now but worded when shown, so it follows a language switch.
#[derive(Clone, Debug)]
pub enum Said {
    /// A fixed sentence from the table.
    Text(fn(&'static SellerTexts) -> &'static str),
    /// Why the server (or the network) refused a request.
    Refusal(ApiError),
    /// Why the photo worker could not process a photo, by its stable code.
    Photo(String),
}

impl Said {
    pub fn render(&self, s: &'static SellerTexts) -> String {
        match self {
            Said::Text(pick) => pick(s).to_string(),
            Said::Refusal(err) => refusal(s, err),
            Said::Photo(code) => match code.as_str() {
                "heic" => s.photo_heic.into(),
                "incomplete" => s.photo_incomplete.into(),
                "corrupt" | "empty" | "read" | "invalid_pixels" => s.photo_corrupt.into(),
                "too_large" | "too_big" => s.photo_too_large.into(),
                "unsupported" => s.photo_unsupported.into(),
                other => fill(s.photo_failed, &[&other]),
            },
        }
    }
}

/// A photo coach hint's short title and its retake tip.
pub fn photo_hint(s: &'static SellerTexts, hint: PhotoHint) -> (&'static str, &'static str) {
    match hint {
        PhotoHint::CutOff => (s.hint_cut_off, s.hint_cut_off_tip),
        PhotoHint::TooDark => (s.hint_too_dark, s.hint_too_dark_tip),
        PhotoHint::WashedOut => (s.hint_washed_out, s.hint_washed_out_tip),
        PhotoHint::Blurry => (s.hint_blurry, s.hint_blurry_tip),
        PhotoHint::TooSmall => (s.hint_too_small, s.hint_too_small_tip),
    }
}

fn refusal(s: &'static SellerTexts, err: &ApiError) -> String {
    match err {
        ApiError::Invalid(_) => s.form_has_errors.to_string(),
        ApiError::Network => s.needs_connection.to_string(),
        ApiError::RateLimited(secs) => fill(s.rate_limited, &[&secs.div_ceil(60).max(1)]),
        ApiError::Refused(code) => match code {
            ErrorCode::WrongCredentials => s.wrong_credentials.to_string(),
            ErrorCode::NotOwner => s.not_owner.to_string(),
            ErrorCode::AccountDisabled => s.account_disabled.to_string(),
            ErrorCode::SignInRequired => s.session_expired.to_string(),
            ErrorCode::StorageFull => s.server_full.to_string(),
            ErrorCode::StoreBusy | ErrorCode::StoreUnavailable => s.server_busy.to_string(),
            ErrorCode::BodyTooLarge => s.too_large.to_string(),
            ErrorCode::Timeout => s.timed_out.to_string(),
            code => match code.photo() {
                // The server's re-check of an upload answers with the photo pipeline's codes.
                Some(photo) => Said::Photo(photo.to_string()).render(s),
                None => fill(s.error_code, &[&code.as_str()]),
            },
        },
        ApiError::Status(status) => fill(s.error_code, &[status]),
        ApiError::Decode => fill(s.error_code, &[&"decode"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_placeholders_and_differ() {
        crate::i18n::check_pairs(super::PAIRS);
    }

    /// A photo cut short says so and what to do, whether the worker or the server's re-check
    /// of an upload found it; other refusals of an upload by a photo code are worded too.
    #[test]
    fn an_incomplete_photo_is_named_from_the_worker_and_from_the_server() {
        for s in [&ID, &EN] {
            let from_worker = Said::Photo("incomplete".into()).render(s);
            assert_eq!(from_worker, s.photo_incomplete);
            let from_server =
                Said::Refusal(ApiError::Refused(ErrorCode::PhotoIncomplete)).render(s);
            assert_eq!(from_server, s.photo_incomplete);
            for code in PhotoError::CODES {
                let refused = ErrorCode::from_photo(code).unwrap();
                let said = Said::Refusal(ApiError::Refused(refused)).render(s);
                assert_ne!(said, fill(s.error_code, &[&code]), "{code}");
            }
        }
        assert!(ID.photo_incomplete.contains("belum selesai diunduh"));
    }

    #[test]
    fn every_coach_hint_has_a_title_and_a_tip() {
        for s in [&ID, &EN] {
            for hint in PhotoHint::ALL {
                let (title, tip) = photo_hint(s, hint);
                assert!(!title.is_empty() && tip.len() > title.len(), "{hint:?}");
            }
        }
    }
}
