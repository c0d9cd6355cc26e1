//! Strings of village partnerships: the village page's partner section, the partner page,
//! the catalog filter and the product page's mark.

crate::i18n::text_table! {
    /// The partnership strings of one language.
    PartnerTexts;
    filter_backed: "Didukung mitra", "Backed by a partner";
    backed_mark: "Didukung mitra", "Backed by a partner";
    backed_by: "Didukung {}", "Backed by {}";
    village_partners: "Mitra desa", "Village partners";
    village_partners_lead: "Program yang dijalin fasilitator desa dengan perusahaan, lembaga dan perguruan tinggi.", "Programmes village facilitators have arranged with companies, agencies and universities.";
    since_year: "Sejak {}", "Since {}";
    years_span: "Tahun {}", "Years {}";
    partner_website: "Situs web mitra", "Partner's website";
    status_label: "Status kerja sama", "Partnership status";
    programme_label: "Program", "Programme";
    demo_note: "Data contoh: mitra dan program ini ilustrasi, bukan kerja sama resmi.", "Demo data: these partners and programmes are illustrations, not real agreements.";
    partner_title: "Mitra", "Partner";
    partner_not_found: "Mitra ini tidak ditemukan.", "This partner was not found.";
    partner_meta: "{}: desa yang didukung dan produknya di Etalase Desa.", "{}: the villages it backs and their products on Etalase Desa.";
    partner_programmes: "Program dengan desa", "Programmes with villages";
    partner_villages: "Desa yang didukung", "Villages it backs";
    partner_no_programmes: "Belum ada program yang tercatat untuk mitra ini.", "No programmes are recorded for this partner yet.";
    partner_products: "Produk dari desa yang didukung", "Products from the villages it backs";
    partner_no_products: "Belum ada produk dari desa yang sedang didukung mitra ini. Program yang sudah selesai tidak dihitung.", "No products yet from villages this partner currently backs. Finished programmes do not count.";
    village_count: "{} desa", "{} villages";
    view_partner: "Lihat mitra {}", "View partner {}";
    see_backed_products: "Lihat semua produk yang didukung mitra", "See all partner-backed products";
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders_and_differ() {
        crate::i18n::check_pairs(super::PAIRS);
    }
}
