//! Strings of moderation and the district's pages (staff), and of a hidden listing as its
//! seller sees it.

crate::i18n::text_table! {
    /// Moderation and district admin strings of one language.
    ModerationTexts;
    moderation_title: "Moderasi katalog", "Catalog moderation";
    moderation_meta: "Laporan pengunjung, produk yang disembunyikan dan penjual yang ditangguhkan.", "Visitors' reports, hidden listings and suspended sellers.";
    moderation_only: "Halaman ini untuk pendamping desa dan admin DPMD.", "This page is for village facilitators and district admins.";
    signed_in_as: "Masuk sebagai {}", "Signed in as {}";
    loading: "Memuat…", "Loading…";
    reports_title: "Laporan pengunjung ({})", "Visitors' reports ({})";
    no_reports: "Tidak ada laporan yang menunggu.", "No reports waiting.";
    open_product: "Lihat produk", "View listing";
    hide: "Sembunyikan", "Hide";
    dismiss: "Abaikan laporan", "Dismiss reports";
    reason_id: "Alasan untuk penjual (Bahasa Indonesia)", "Reason for the seller (Indonesian)";
    reason_en: "Alasan (Bahasa Inggris)", "Reason (English)";
    reason_hint: "Penjual membaca alasan ini: tulis apa yang harus diperbaiki.", "The seller reads this: say what must be fixed.";
    confirm_hide: "Sembunyikan dari katalog", "Hide from the catalog";
    confirm_suspend: "Tangguhkan penjual", "Suspend the seller";
    cancel: "Batal", "Cancel";
    held_title: "Produk disembunyikan ({})", "Hidden listings ({})";
    no_held: "Tidak ada produk yang disembunyikan.", "No hidden listings.";
    review_requested: "Penjual minta ditinjau ulang", "The seller asks for a review";
    hidden_since: "Disembunyikan {}", "Hidden {}";
    restore: "Tampilkan lagi", "Restore";
    suspend: "Tangguhkan penjual", "Suspend seller";
    suspended_title: "Penjual ditangguhkan ({})", "Suspended sellers ({})";
    no_suspended: "Tidak ada penjual yang ditangguhkan.", "No suspended sellers.";
    reinstate: "Pulihkan", "Reinstate";
    done_hidden: "Produk disembunyikan; katalog sudah tanpa produk ini.", "Hidden; the catalog no longer shows it.";
    done_restored: "Produk tampil lagi di katalog.", "The listing is back in the catalog.";
    done_dismissed: "Laporan ditutup.", "Reports closed.";
    done_suspended: "Penjual ditangguhkan dan sudah dikeluarkan dari semua perangkat.", "The seller is suspended and signed out everywhere.";
    done_reinstated: "Penjual dipulihkan.", "The seller is reinstated.";
    admin_link: "Akun staf dan log audit", "Staff accounts and audit log";
    moderation_link: "Moderasi katalog", "Catalog moderation";
    admin_title: "Admin DPMD", "District admin";
    admin_meta: "Akun staf dan log audit perubahan.", "Staff accounts and the audit log of changes.";
    admin_only: "Halaman ini untuk admin DPMD.", "This page is for district admins.";
    staff_title: "Akun staf", "Staff accounts";
    role_operator: "Operator koperasi", "Cooperative operator";
    role_facilitator: "Pendamping desa", "Village facilitator";
    role_admin: "Admin DPMD", "District admin";
    active: "Aktif", "Active";
    inactive: "Nonaktif", "Deactivated";
    deactivate: "Nonaktifkan", "Deactivate";
    reactivate: "Aktifkan lagi", "Reactivate";
    audit_title: "Log audit", "Audit log";
    no_audit: "Belum ada perubahan oleh staf.", "No staff changes yet.";
    held_notice: "Disembunyikan oleh pengelola katalog", "Hidden by the catalog's moderators";
    held_reason: "Alasan: {}", "Reason: {}";
    ask_review: "Sudah diperbaiki, minta ditinjau", "Fixed: ask for a review";
    review_sent: "Permintaan tinjau ulang terkirim.", "Review requested.";
    verify: "Verifikasi", "Verify";
    unverify: "Cabut verifikasi", "Withdraw verification";
    verified: "Terverifikasi oleh {}", "Verified by {}";
    nib: "NIB (opsional, 13 angka)", "NIB business number (optional, 13 digits)";
    idm_link: "Impor data IDM", "Import IDM figures";
    invite_title: "Undang staf", "Invite staff";
    invite_lead: "Tautan berlaku 7 hari dan sekali pakai. Orang yang diundang membuat kata sandinya sendiri.", "The link works once, for 7 days. The person invited chooses their own password.";
    field_role: "Peran", "Role";
    field_cooperative: "Koperasi desa (untuk operator)", "Village cooperative (for an operator)";
    choose_village: "Pilih desa…", "Choose a village…";
    field_name: "Nama", "Name";
    field_whatsapp: "Nomor WhatsApp", "WhatsApp number";
    invite_submit: "Buat tautan undangan", "Make the invitation link";
    invite_made: "Tautan untuk {} siap. Kirim lewat WhatsApp, atau salin:", "The link for {} is ready. Send it on WhatsApp, or copy it:";
    invite_send: "Kirim lewat WhatsApp", "Send on WhatsApp";
    invite_link_label: "Tautan undangan", "Invitation link";
    coop_edit_title: "Koperasi desa", "Village cooperatives";
    coop_edit_lead: "Nama, nomor badan hukum, WhatsApp dan alamat yang dilihat pembeli dan anggota.", "The name, legal number, WhatsApp and address buyers and members see.";
    field_village: "Desa", "Village";
    field_coop_name: "Nama koperasi", "Cooperative's name";
    field_legal_number: "Nomor badan hukum (opsional)", "Legal entity number (optional)";
    field_coop_whatsapp: "WhatsApp koperasi (opsional)", "Cooperative's WhatsApp (optional)";
    field_address: "Alamat (opsional)", "Address (optional)";
    save: "Simpan", "Save";
    saving: "Menyimpan…", "Saving…";
    coop_saved: "Tersimpan. Halaman koperasi sudah memakai data baru.", "Saved. The cooperative's page shows it now.";
    accept_title: "Undangan staf Etalase Desa", "Etalase Desa staff invitation";
    accept_lead: "{}, Anda diundang sebagai {}. Buat kata sandi untuk masuk.", "{}, you are invited as {}. Choose a password to sign in.";
    accept_for: "Untuk {}", "For {}";
    accept_submit: "Buat kata sandi dan masuk", "Set the password and sign in";
    accept_gone: "Tautan undangan ini sudah dipakai atau kedaluwarsa. Minta tautan baru ke DPMD.", "This invitation link was used or has expired. Ask the district for a new one.";
    idm_title: "Data IDM desa", "Village IDM figures";
    idm_meta: "Impor tabel Indeks Desa Membangun dari Kemendes, dengan pratinjau sebelum disimpan.", "Import the ministry's Indeks Desa Membangun table, previewed before anything is stored.";
    idm_lead: "Pilih berkas CSV seperti tabel Kemendes (kode desa, nama desa, IKS, IKE, IKL, nilai IDM, status, tahun; pemisah titik koma atau koma, desimal koma boleh). Tidak ada yang disimpan sebelum Anda menyetujui pratinjau; impor ulang satu tahun menggantikan tahun itu.", "Choose a CSV shaped like the ministry's table (village code, village name, IKS, IKE, IKL, IDM score, status, year; semicolons or commas, decimal commas accepted). Nothing is stored until you approve the preview; importing a year again replaces that year.";
    idm_file: "Berkas CSV", "CSV file";
    idm_paste: "Atau tempel isi tabel di sini", "Or paste the table here";
    idm_preview: "Lihat pratinjau", "Preview";
    idm_previewing: "Memeriksa…", "Checking…";
    idm_summary: "{} baris benar, {} baris salah, {} dengan catatan · tahun {}", "{} good rows, {} bad rows, {} with a note · year {}";
    idm_fix_first: "Perbaiki baris yang salah di berkas, lalu lihat pratinjau lagi. Belum ada yang disimpan.", "Fix the bad rows in the file, then preview again. Nothing has been stored.";
    idm_commit: "Simpan {} baris", "Store {} rows";
    idm_saving: "Menyimpan…", "Storing…";
    idm_saved: "Tersimpan: {} baris untuk tahun {}. Katalog sudah memakai status terbaru.", "Stored: {} rows for year {}. The catalog shows the latest status.";
    idm_col_line: "Baris", "Line";
    idm_col_village: "Desa", "Village";
    idm_col_year: "Tahun", "Year";
    idm_col_status: "Status IDM", "IDM status";
    idm_col_score: "Nilai", "Score";
    idm_ok: "Benar", "OK";
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders_and_differ() {
        crate::i18n::check_pairs(super::PAIRS);
    }
}
