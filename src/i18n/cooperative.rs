//! Strings of the cooperative operator's pages, the member's claim page and consent.

crate::i18n::text_table! {
    /// The cooperative pages' strings of one language.
    CoopTexts;
    tab_staff: "Koperasi / pendamping", "Cooperative / facilitator";
    staff_lead: "Untuk operator Koperasi Desa Merah Putih dan pendamping desa. Akun dibuat oleh DPMD.", "For Koperasi Desa Merah Putih operators and village facilitators. Accounts are issued by the district (DPMD).";
    coop_title: "Anggota koperasi", "Cooperative members";
    coop_notices_heading: "Pemberitahuan email koperasi", "Cooperative e-mail notices";
    coop_notices_lead: "Dapatkan email setiap ada permintaan baru untuk anggota koperasi, agar dapat dibalas atas nama mereka.", "Get an e-mail for every new inquiry to a member of the cooperative, so you can answer on their behalf.";
    coop_meta: "Kelola usaha anggota koperasi: tambah anggota, terbitkan produk mereka, jawab permintaan.", "Manage the cooperative's member businesses: add members, publish their products, answer inquiries.";
    operator_as: "Operator koperasi: {}", "Cooperative operator: {}";
    operator_only: "Halaman ini untuk operator koperasi. Masuk dengan akun operator Anda.", "This page is for cooperative operators. Sign in with your operator account.";
    staff_sign_in: "Masuk sebagai operator", "Sign in as operator";
    sign_out: "Keluar", "Sign out";
    add_member_title: "Tambah anggota", "Add a member";
    village_sellers_heading: "Penjual lain di desa ini ({})", "Other sellers in this village ({})";
    village_sellers_lead: "Mereka mendaftar sendiri dan menjual di katalog. Verifikasi yang sudah Anda kenal usahanya; pembeli melihat nama koperasi Anda sebagai pemeriksanya.", "They registered themselves and sell in the catalog. Verify those whose business you know; buyers see your cooperative's name as who checked them.";
    add_member_lead: "Anggota menerima tautan WhatsApp untuk membuat kata sandinya sendiri. Sampai itu, Anda dapat mengelola produknya.", "The member gets a WhatsApp link to set their own password. Until then you can manage their products.";
    field_member_name: "Nama usaha anggota", "Member's business name";
    field_member_whatsapp: "Nomor WhatsApp anggota", "Member's WhatsApp number";
    add_member_submit: "Tambah anggota", "Add member";
    adding: "Menyimpan…", "Saving…";
    member_added: "{} sudah ditambahkan. Kirim tautan ini agar ia bisa membuat kata sandi:", "{} has been added. Send this link so they can set a password:";
    send_claim_whatsapp: "Kirim tautan lewat WhatsApp", "Send the link on WhatsApp";
    claim_link_label: "Tautan klaim (sekali pakai)", "Claim link (works once)";
    members_heading: "Anggota ({})", "Members ({})";
    no_members: "Belum ada anggota. Tambahkan usaha pertama di atas.", "No members yet. Add the first business above.";
    loading_members: "Memuat anggota…", "Loading members…";
    chip_claimed: "Punya akun", "Has an account";
    chip_unclaimed: "Belum klaim akun", "Account not claimed";
    chip_no_consent: "Izin dicabut", "Permission withdrawn";
    member_counts: "{} produk · {} tayang", "{} products · {} published";
    manage_products: "Kelola produk", "Manage products";
    no_consent_note: "Anggota ini mencabut izin koperasi untuk mengelola produknya.", "This member has withdrawn the cooperative's permission to manage their products.";
    acting_for: "Anda mengelola produk {} atas nama koperasi. Setiap perubahan dicatat atas nama Anda.", "You are managing {}'s products for the cooperative. Every change is recorded under your name.";
    back_to_members: "← Semua anggota", "← All members";
    back_to_member: "← Produk {}", "← {}'s products";
    new_for_member: "Tambah produk anggota", "Add a product for this member";
    member_not_found: "Anggota ini tidak ada di koperasi Anda, atau telah mencabut izin.", "This member is not in your cooperative, or has withdrawn permission.";
    claim_title: "Buat kata sandi Anda", "Set your password";
    claim_lead: "Koperasi desa Anda sudah mendaftarkan usaha Anda. Buat kata sandi untuk masuk sendiri ke Etalase Desa.", "Your village cooperative registered your business. Set a password to sign in to Etalase Desa yourself.";
    claim_submit: "Simpan kata sandi dan masuk", "Save password and sign in";
    claim_used: "Tautan ini sudah dipakai atau tidak dikenal. Minta tautan baru ke operator koperasi, atau masuk dengan kata sandi Anda.", "This link has been used or is unknown. Ask the cooperative's operator for a new one, or sign in with your password.";
    consent_heading: "Koperasi Anda", "Your cooperative";
    consent_on: "{} boleh menambah dan mengubah produk Anda serta menjawab permintaan atas nama Anda.", "{} may add and edit your products and answer inquiries for you.";
    consent_off: "{} tidak lagi boleh mengelola produk Anda.", "{} may no longer manage your products.";
    consent_withdraw: "Cabut izin koperasi", "Withdraw the cooperative's permission";
    consent_give: "Izinkan koperasi lagi", "Allow the cooperative again";
    history_heading: "Riwayat perubahan", "Change history";
    history_none: "Belum ada perubahan tercatat.", "No recorded changes yet.";
    history_by_operator: "operator koperasi", "cooperative operator";
    history_by_seller: "penjual", "seller";
    wrong_role: "Akun Anda tidak berwenang untuk ini.", "Your account may not do this.";
    facilitator_title: "Pantauan desa", "Village monitoring";
    facilitator_meta: "Untuk pendamping desa: penjual, produk, permintaan, foto dan sertifikat per kecamatan dan desa.", "For village facilitators: sellers, products, inquiries, photos and certificates per kecamatan and village.";
    facilitator_as: "Pendamping: {}", "Facilitator: {}";
    facilitator_only: "Halaman ini untuk pendamping desa (DPMD / KPMD). Masuk dengan akun pendamping.", "This page is for village facilitators (DPMD / KPMD). Sign in with a facilitator account.";
    download_csv: "Unduh CSV", "Download CSV";
    to_coach_heading: "Desa berkembang yang belum punya produk", "Developing villages with no product yet";
    to_coach_lead: "Desa Sangat Tertinggal, Tertinggal dan Berkembang tanpa produk tayang: prioritas pendampingan.", "Sangat Tertinggal, Tertinggal and Berkembang villages with no published product: coach these first.";
    to_coach_none: "Semua desa berkembang sudah punya produk tayang.", "Every developing village has a published product.";
    chart_listings: "Produk tayang per kecamatan", "Published products per kecamatan";
    column_kecamatan: "Kecamatan", "Kecamatan (district)";
    count_products: "produk", "products";
    table_heading: "Per kecamatan dan desa", "By kecamatan and village";
    col_village: "Desa", "Village";
    col_idm: "Status IDM", "IDM status";
    col_sellers: "Penjual aktif", "Active sellers";
    col_listings: "Produk tayang", "Published products";
    col_inquiries: "Permintaan 30 / 90 hari", "Inquiries 30 / 90 days";
    col_photos: "Foto baik", "Good photos";
    col_certs: "Sertifikat berlaku", "Valid certificates";
    not_measured: "belum diukur", "not measured";
    kecamatan_total: "Jumlah {} ({} desa)", "Total {} ({} villages)";
    loading_report: "Memuat pantauan…", "Loading the report…";
    market_title: "Peta pasar ekspor", "Export market map";
    market_meta: "Permintaan, penawaran harga dan transaksi per negara tujuan dan produk.", "Inquiries, quotations and deals by destination country and product.";
    market_link: "Peta pasar", "Market map";
    market_lead: "Dari permintaan, penawaran terakhir penjual dan jawaban pembeli. Volume dalam kg bila satuannya berat; satuan lain dihitung apa adanya.", "From the inquiries, the sellers' latest quotations and the buyers' answers. Volumes in kg where the unit is a weight; other units are counted as they are.";
    market_from: "Dari bulan", "From month";
    market_to: "Sampai bulan", "To month";
    market_kecamatan: "Kecamatan", "Kecamatan (district)";
    market_all: "Semua kecamatan", "All kecamatan";
    market_apply: "Tampilkan", "Show";
    market_empty: "Belum ada permintaan pada periode ini.", "No inquiries in this period.";
    market_chart: "Volume diminta per negara tujuan", "Volume requested by destination";
    market_col_country: "Negara tujuan", "Destination";
    market_col_product: "Produk", "Product";
    market_col_inquiries: "Permintaan", "Inquiries";
    market_col_volume: "Volume diminta", "Volume requested";
    market_col_quoted: "Nilai penawaran", "Quoted value";
    market_col_won: "Nilai deal", "Won value";
    market_kg: "kilogram", "kilograms";
    market_rate: "Nilai USD memakai kurs Rp {} per US$ bila penjual tidak memberi harga USD.", "USD values use Rp {} per US$ where the seller gave no USD price.";
    market_loading: "Memuat peta pasar…", "Loading the market map…";
    market_table: "Per negara tujuan dan produk", "By destination and product";
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders_and_differ() {
        crate::i18n::check_pairs(super::PAIRS);
    }
}
