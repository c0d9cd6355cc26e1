//! Strings of the buyers' inquiry forms, the tracking page, the seller's inbox and the
//! demand insights.

crate::i18n::text_table! {
    /// The inquiry pages' strings of one language.
    InquiryTexts;
    page_title: "Minta penawaran", "Request a quote";
    page_lead: "Satu permintaan untuk beberapa produk dari beberapa penjual desa. Kami membaginya per penjual; setiap penjual membalas bagiannya.", "One request for several products from several village sellers. We split it per seller; each seller answers their part.";
    kind_label: "Jenis permintaan", "Kind of request";
    tab_purchase: "Pembelian (hotel, restoran, toko)", "Purchase (hotel, restaurant, shop)";
    tab_export: "RFQ ekspor", "Export RFQ";
    purchase_lead: "Untuk pembeli dalam negeri: jumlah dalam satuan jual produk, dikirim ke kota Anda.", "For domestic buyers: quantities in each product's selling unit, delivered to your city.";
    export_lead: "Untuk pembeli luar negeri: jumlah dalam kg, ton, karton atau kontainer, dengan Incoterm dan sertifikat yang dibutuhkan.", "For foreign buyers: quantities in kg, tonnes, cartons or containers, with the Incoterm and certificates you need.";
    section_products: "Produk yang diminta", "Products requested";
    section_buyer: "Data pembeli", "Buyer details";
    section_terms: "Syarat dan jadwal", "Terms and schedule";
    one_seller: "Permintaan ini dikirim ke penjualnya.", "This request goes to its seller.";
    split_hint: "Produk dari {} penjual: permintaan dibagi per penjual, masing-masing dengan status sendiri.", "Products from {} sellers: the request is split per seller, each part with its own status.";
    no_products_yet: "Tambahkan minimal satu produk.", "Add at least one product.";
    add_product: "Tambah produk", "Add a product";
    add_product_hint: "Ketik nama produk, misalnya rumput laut", "Type a product name, e.g. seaweed";
    add_named: "Tambah {}", "Add {}";
    remove_line: "Hapus {} dari permintaan", "Remove {} from the request";
    field_quantity: "Jumlah", "Quantity";
    field_unit: "Satuan", "Unit";
    moq_hint: "Minimal pesanan penjual: {} {}", "Seller's minimum order: {} {}";
    field_specification: "Spesifikasi (mutu, ukuran, kadar air, kemasan)", "Specification (grade, size, moisture, packing)";
    specification_hint: "Contoh: kadar air maks. 35%, bersih dari pasir", "E.g. max. 35% moisture, free of sand";
    field_target_price: "Harga target per satuan (boleh kosong)", "Target price per unit (optional)";
    target_price_short: "Harga target", "Target";
    field_currency: "Mata uang", "Currency";
    field_organisation: "Nama hotel, restoran atau usaha", "Hotel, restaurant or business name";
    organisation_hint: "Contoh: Hotel Bumi Senyiur", "E.g. Hotel Bumi Senyiur";
    field_company: "Nama perusahaan", "Company name";
    field_contact_name: "Nama kontak", "Contact name";
    field_email: "Email", "E-mail";
    field_whatsapp: "Nomor WhatsApp", "WhatsApp number";
    whatsapp_hint: "Penjual membalas lewat WhatsApp. Contoh: 0812 3456 7890.", "Sellers answer on WhatsApp. E.g. 0812 3456 7890.";
    field_phone: "WhatsApp atau telepon", "WhatsApp or phone";
    phone_hint: "Dengan kode negara, misalnya +65 6123 4567.", "With the country code, e.g. +65 6123 4567.";
    field_city: "Kota pengiriman", "Delivery city";
    city_hint: "Contoh: Balikpapan", "E.g. Balikpapan";
    field_country: "Negara perusahaan", "Company country";
    choose_country: "Pilih negara…", "Choose a country…";
    field_recurrence: "Frekuensi", "Frequency";
    field_wanted_by: "Dibutuhkan tanggal", "Wanted by";
    field_note: "Catatan (boleh kosong)", "Note (optional)";
    note_hint: "Hal lain yang perlu diketahui penjual.", "Anything else the seller should know.";
    field_incoterm: "Ketentuan Incoterm", "Incoterm";
    field_destination_country: "Negara tujuan", "Destination country";
    field_port: "Pelabuhan tujuan (boleh kosong)", "Destination port (optional)";
    field_port_required: "Pelabuhan atau tempat tujuan", "Destination port or place";
    port_hint: "Wajib untuk CFR, CIF dan DAP. Contoh: Singapore, Rotterdam.", "Required for CFR, CIF and DAP. E.g. Singapore, Rotterdam.";
    field_payment_terms: "Syarat pembayaran (boleh kosong)", "Payment terms (optional)";
    payment_hint: "Contoh: 30% T/T di muka, 70% saat B/L", "E.g. 30% T/T in advance, 70% against B/L copy";
    field_required_by: "Barang tiba paling lambat", "Goods required by";
    field_valid_until: "Penawaran diterima sampai", "Quotes accepted until";
    field_sample: "Minta sampel dulu", "Sample wanted first";
    field_certificates: "Sertifikat yang dibutuhkan", "Certificates required";
    sending: "Mengirim…", "Sending…";
    send_purchase: "Kirim permintaan", "Send the inquiry";
    send_export: "Kirim RFQ", "Send the RFQ";
    privacy_note: "Data Anda hanya dikirim ke penjual produk yang Anda pilih.", "Your details go only to the sellers of the products you chose.";
    sent_ok: "Permintaan {} terkirim dan tersimpan.", "Request {} was sent and stored.";
    sent_next: "Simpan tautan lacak: di sana Anda melihat status dan balasan setiap penjual.", "Keep the tracking link: it shows each seller's status and replies.";
    open_tracking: "Buka halaman lacak", "Open the tracking page";
    queued: "Tidak ada koneksi. Permintaan disimpan di perangkat ini dan dikirim otomatis saat sinyal kembali.", "No connection. The request is kept on this device and sent automatically when signal returns.";
    outbox_waiting: "{} permintaan menunggu koneksi dan akan dikirim otomatis.", "{} request(s) waiting for a connection; they will be sent automatically.";
    waiting_short: "Permintaan menunggu koneksi", "Requests waiting for a connection";
    returned: "Permintaan yang menunggu ditolak server saat dikirim. Isiannya dikembalikan ke formulir: periksa lalu kirim lagi.", "A waiting request was refused when it was finally sent. It is back in the form: check it and send again.";
    rate_limited: "Terlalu banyak permintaan dari jaringan ini. Coba lagi dalam {} menit; isian Anda tetap tersimpan.", "Too many requests from this network. Try again in {} minutes; your form is kept.";
    my_inquiries: "Permintaan saya di perangkat ini", "My requests on this device";
    track_title: "Lacak permintaan", "Track a request";
    track_lead: "Status dan balasan setiap penjual.", "Each seller's status and replies.";
    track_heading: "Permintaan {}", "Request {}";
    track_private: "Halaman ini pribadi: siapa pun yang punya tautannya dapat melihatnya. Jangan bagikan ke orang lain.", "This page is private: anyone with its link can see it. Do not share it.";
    back_to_form: "Minta penawaran", "Request a quote";
    refresh: "Perbarui", "Refresh";
    replies_heading: "Balasan dan status", "Replies and status";
    no_events: "Belum ada balasan.", "No reply yet.";
    moved_to: "Status menjadi", "Status changed to";
    whatsapp_button: "Hubungi {} lewat WhatsApp", "Message {} on WhatsApp";
    whatsapp_seller: "Halo {}, saya mengirim permintaan {} di Etalase Desa: {}", "Hello {}, I sent request {} on Etalase Desa: {}";
    inbox_title: "Permintaan masuk", "Incoming requests";
    unread_count: "{} belum dibaca", "{} unread";
    unread: "Belum dibaca", "Unread";
    download_csv: "Unduh CSV", "Download CSV";
    filter_label: "Saring menurut status", "Filter by status";
    all_statuses: "Semua", "All";
    loading_inbox: "Memuat permintaan…", "Loading requests…";
    inbox_empty: "Belum ada permintaan. Permintaan pembeli untuk produk Anda muncul di sini.", "No requests yet. Buyers' requests for your products appear here.";
    inbox_filter_empty: "Tidak ada permintaan dengan status ini.", "No requests with this status.";
    inbox_shown_of: "{} dari {} permintaan ditampilkan", "Showing {} of {} requests";
    show_older: "Tampilkan yang lebih lama", "Show older requests";
    loading_older: "Memuat yang lebih lama…", "Loading older requests…";
    history_heading: "Riwayat", "History";
    reply_label: "Balasan untuk pembeli", "Reply to the buyer";
    reply_hint: "Contoh: Stok ada 500 kg, harga FOB Samarinda Rp 18.000/kg, siap kirim 2 minggu.", "E.g. 500 kg in stock, FOB Samarinda Rp 18,000/kg, ready in 2 weeks.";
    send_reply: "Kirim balasan", "Send reply";
    mark_as: "Tandai: {}", "Mark as: {}";
    final_status: "Permintaan ini sudah selesai.", "This request is finished.";
    reply_whatsapp: "Balas lewat WhatsApp", "Reply on WhatsApp";
    whatsapp_buyer: "Halo {}, terima kasih atas permintaan {} di Etalase Desa.", "Hello {}, thank you for request {} on Etalase Desa.";
    yes: "Ya", "Yes";
    no: "Tidak", "No";
    insights_total: "{} permintaan tercatat", "{} requests recorded";
    insights_empty: "Belum ada permintaan tercatat.", "No requests recorded yet.";
    inquiries_count: "Jumlah permintaan", "Number of requests";
    by_category: "Menurut kategori produk", "By product category";
    by_village: "Menurut desa", "By village";
    by_country: "Menurut negara tujuan", "By destination country";
    by_month: "Menurut bulan", "By month";
    column_category: "Kategori", "Category";
    column_village: "Desa", "Village";
    column_country: "Negara", "Country";
    column_month: "Bulan", "Month";
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders_and_differ() {
        crate::i18n::check_pairs(super::PAIRS);
    }
}
