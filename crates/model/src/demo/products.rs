//! The demo listings, one builder chain each. Storage advice and photos are filled in from
//! the category and the id; everything else is per listing.

use crate::catalog::{
    Category::{self, *},
    Certificate, CertificateKind, ListingStatus, Photo, PriceTier, Product, Seller,
    Unit::{self, *},
};
use crate::{Date, Rupiah};

/// A listing under construction.
struct L(Product);

fn date(s: &str) -> Date {
    s.parse().expect("demo dates are valid")
}

fn l(id: &str, seller: &str, category: Category, unit: Unit) -> L {
    let (storage_id, storage_en) = storage(category);
    L(Product {
        id: id.to_owned(),
        seller_id: seller.to_owned(),
        village_slug: String::new(),
        category,
        name_id: String::new(),
        name_en: String::new(),
        description_id: String::new(),
        description_en: String::new(),
        unit,
        moq: 0,
        tiers: Vec::new(),
        case_size: None,
        lead_time_days: 7,
        monthly_capacity: 0,
        shelf_life_days: None,
        packaging_id: String::new(),
        packaging_en: String::new(),
        storage_id: storage_id.to_owned(),
        storage_en: storage_en.to_owned(),
        export_ready: false,
        hs_code: None,
        certificates: Vec::new(),
        photos: Vec::new(),
        status: ListingStatus::Published,
        created: date("2026-01-01"),
    })
}

impl L {
    fn name(mut self, id: &str, en: &str) -> L {
        self.0.name_id = id.to_owned();
        self.0.name_en = en.to_owned();
        self
    }

    fn desc(mut self, id: &str, en: &str) -> L {
        self.0.description_id = id.to_owned();
        self.0.description_en = en.to_owned();
        self
    }

    /// (minimum quantity, rupiah per unit); the first tier's quantity is the MOQ.
    fn tiers(mut self, tiers: &[(u32, u64)]) -> L {
        self.0.moq = tiers[0].0;
        self.0.tiers = tiers
            .iter()
            .map(|&(min_qty, p)| PriceTier {
                min_qty,
                price: Rupiah(p),
            })
            .collect();
        self
    }

    /// Lead time in days, monthly capacity in units, shelf life in days (0 = not perishable).
    fn supply(mut self, lead: u16, monthly: u32, shelf: u16) -> L {
        self.0.lead_time_days = lead;
        self.0.monthly_capacity = monthly;
        self.0.shelf_life_days = (shelf > 0).then_some(shelf);
        self
    }

    /// Packaging in both languages and the shipping case ("" = none).
    fn pack(mut self, id: &str, en: &str, case: &str) -> L {
        self.0.packaging_id = id.to_owned();
        self.0.packaging_en = en.to_owned();
        self.0.case_size = (!case.is_empty()).then(|| case.to_owned());
        self
    }

    fn store(mut self, id: &str, en: &str) -> L {
        self.0.storage_id = id.to_owned();
        self.0.storage_en = en.to_owned();
        self
    }

    fn export(mut self, hs: &str) -> L {
        self.0.export_ready = true;
        self.0.hs_code = Some(hs.to_owned());
        self
    }

    /// A certificate from the usual issuer of its scheme; `expires` "" = does not lapse.
    fn cert(mut self, kind: CertificateKind, number: &str, expires: &str) -> L {
        let issuer = match kind {
            CertificateKind::Halal => "BPJPH",
            CertificateKind::Pirt => "DPMPTSP Kabupaten Kutai Kartanegara",
            CertificateKind::BpomMd => "Badan POM RI",
            CertificateKind::Sni => "LSPro Baristand Industri Samarinda",
            CertificateKind::Haccp => "PT Sucofindo",
            CertificateKind::Organic => "LSO Sucofindo",
        };
        self.0.certificates.push(Certificate {
            kind,
            number: number.to_owned(),
            issuer: issuer.to_owned(),
            expires: (!expires.is_empty()).then(|| date(expires)),
        });
        self
    }

    fn halal(self, number: &str) -> L {
        self.cert(CertificateKind::Halal, number, "")
    }

    fn pirt(self, number: &str, expires: &str) -> L {
        self.cert(CertificateKind::Pirt, number, expires)
    }

    fn on(mut self, created: &str) -> L {
        self.0.created = date(created);
        self
    }

    fn status(mut self, status: ListingStatus) -> L {
        self.0.status = status;
        self
    }
}

/// Storage advice that fits most listings of a category.
fn storage(category: Category) -> (&'static str, &'static str) {
    match category {
        Kerupuk | Camilan => (
            "Simpan di tempat kering dan sejuk, jauh dari sinar matahari. Tutup rapat setelah dibuka.",
            "Store in a cool, dry place away from sunlight. Reseal after opening.",
        ),
        OlahanIkan => (
            "Simpan di tempat kering dan sejuk; setelah dibuka simpan di lemari es.",
            "Keep cool and dry; refrigerate after opening.",
        ),
        RumputLaut => (
            "Simpan di gudang kering berventilasi, beri alas agar tidak menyentuh lantai.",
            "Store in a dry, ventilated warehouse on pallets, off the floor.",
        ),
        Madu => (
            "Simpan pada suhu ruang, jauh dari sinar matahari langsung. Tidak perlu lemari es.",
            "Store at room temperature away from direct sunlight. No need to refrigerate.",
        ),
        GulaAren => (
            "Simpan di wadah tertutup di tempat kering; gula aren menyerap lembap udara.",
            "Keep in a closed container in a dry place; palm sugar absorbs moisture from the air.",
        ),
        Kopi | Rempah => (
            "Simpan di wadah tertutup rapat, tempat sejuk dan kering.",
            "Keep tightly closed in a cool, dry place.",
        ),
        PupukKompos => ("Simpan di tempat teduh, terlindung dari hujan.", "Store in the shade, protected from rain."),
        Kerajinan => (
            "Simpan di tempat kering; angin-anginkan bila lembap agar tidak berjamur.",
            "Keep dry; air it if it gets damp to prevent mould.",
        ),
    }
}

const ROOM: (&str, &str) = ("Plastik vakum", "Vacuum-sealed bag");

/// The listings, with village and photos filled in from the seller and the id.
#[rustfmt::skip]
pub(super) fn products(sellers: &[Seller]) -> Vec<Product> {
    use CertificateKind::{BpomMd, Haccp, Organic, Sni};
    let rows = vec![
        // --- Kerupuk & amplang ---------------------------------------------------------------
        l("kerupuk-udang-sepatin-250g", "kerupuk-sepatin-jaya", Kerupuk, Pack)
            .name("Kerupuk Udang Sepatin 250 g", "Sepatin prawn crackers 250 g")
            .desc("Kerupuk mentah dari udang windu dan udang bintik tambak Sepatin, kandungan udang 40%. Goreng langsung dalam minyak panas.",
                  "Uncooked crackers made from tiger and speckled prawns from Sepatin's ponds, 40% prawn. Fry straight in hot oil.")
            .tiers(&[(20, 24_000), (100, 22_000), (500, 20_000)]).supply(5, 3_000, 270)
            .pack("Plastik PP tebal berlabel, 250 g", "Thick labelled PP bag, 250 g", "20 pack / karton")
            .export("1905.90").halal("ID64110000123450125").pirt("206640201012329", "2029-05-12").on("2026-01-12"),
        l("kerupuk-udang-sepatin-1kg", "kerupuk-sepatin-jaya", Kerupuk, Kg)
            .name("Kerupuk Udang Sepatin Curah 1 kg", "Sepatin prawn crackers, bulk 1 kg")
            .desc("Kerupuk udang mentah curah untuk rumah makan, hotel dan pengecer yang mengemas ulang.",
                  "Bulk uncooked prawn crackers for restaurants, hotels and retailers who repack.")
            .tiers(&[(10, 88_000), (50, 84_000), (200, 79_000)]).supply(7, 800, 270)
            .pack("Plastik 1 kg dalam karton 10 kg", "1 kg bags in 10 kg cartons", "10 kg / karton")
            .export("1905.90").halal("ID64110000123450125").on("2026-02-03"),
        l("kerupuk-udang-matang-sepatin-150g", "kerupuk-sepatin-jaya", Kerupuk, Pack)
            .name("Kerupuk Udang Siap Makan 150 g", "Ready-to-eat prawn crackers 150 g")
            .desc("Kerupuk udang Sepatin yang sudah digoreng, renyah dan gurih, siap dijual di toko oleh-oleh.",
                  "Sepatin prawn crackers, already fried, crisp and savoury, ready for souvenir shops.")
            .tiers(&[(24, 18_000), (120, 16_500)]).supply(4, 1_500, 120)
            .pack("Standing pouch ziplock 150 g", "Resealable stand-up pouch 150 g", "24 pouch / karton")
            .pirt("206640201012410", "2030-02-01").on("2026-04-21"),
        l("kerupuk-ikan-bandeng-sepatin-250g", "kub-nelayan-sepatin", Kerupuk, Pack)
            .name("Kerupuk Ikan Bandeng 250 g", "Milkfish crackers 250 g")
            .desc("Kerupuk mentah dari ikan bandeng tambak Delta Mahakam, tanpa pengawet.",
                  "Uncooked crackers from Mahakam Delta pond milkfish, no preservatives.")
            .tiers(&[(20, 17_000), (100, 15_500)]).supply(5, 1_000, 240)
            .pack("Plastik PP 250 g", "PP bag 250 g", "25 pack / karton")
            .pirt("206640201020920", "2025-12-31").on("2026-06-08"),
        l("amplang-saliki-200g", "amplang-saliki-berkah", Kerupuk, Pack)
            .name("Amplang Ikan Pipih Saliki 200 g", "Saliki amplang fish crackers 200 g")
            .desc("Amplang khas Kalimantan Timur dari ikan pipih (belida) dan tenggiri, digoreng dua kali sehingga renyah.",
                  "East Kalimantan's signature amplang, made from featherback and Spanish mackerel, fried twice for crunch.")
            .tiers(&[(20, 26_000), (100, 24_000), (300, 22_500)]).supply(5, 2_500, 180)
            .pack("Toples plastik PET 200 g", "PET jar 200 g", "24 toples / karton")
            .export("1905.90").halal("ID64110000234560225").cert(BpomMd, "MD 224213001234", "2030-08-31").on("2026-01-25"),
        l("amplang-saliki-curah-1kg", "amplang-saliki-berkah", Kerupuk, Kg)
            .name("Amplang Curah 1 kg", "Amplang, bulk 1 kg")
            .desc("Amplang ikan curah untuk pengecer dan toko oleh-oleh di Samarinda dan Balikpapan.",
                  "Bulk fish amplang for retailers and souvenir shops in Samarinda and Balikpapan.")
            .tiers(&[(5, 115_000), (25, 108_000), (100, 100_000)]).supply(7, 600, 180)
            .pack("Plastik tebal 1 kg dalam karton", "Thick 1 kg bags in cartons", "10 kg / karton")
            .halal("ID64110000234560225").on("2026-03-14"),
        l("amplang-pedas-muara-badak-150g", "dapur-ibu-sri", Kerupuk, Pack)
            .name("Amplang Pedas Muara Badak 150 g", "Spicy amplang from Muara Badak 150 g")
            .desc("Amplang tenggiri dengan bumbu cabai dan daun jeruk, pedas sedang.",
                  "Spanish mackerel amplang seasoned with chilli and lime leaf, medium hot.")
            .tiers(&[(30, 17_500), (150, 16_000)]).supply(3, 1_200, 150)
            .pack("Standing pouch 150 g", "Stand-up pouch 150 g", "30 pouch / karton")
            .pirt("206640202031127", "2027-04-30").on("2026-05-02"),
        l("kerupuk-ikan-tenggiri-muara-badak-500g", "dapur-ibu-sri", Kerupuk, Pack)
            .name("Kerupuk Ikan Tenggiri 500 g", "Spanish mackerel crackers 500 g")
            .desc("Kerupuk mentah dengan 50% daging ikan tenggiri segar dari nelayan Muara Badak.",
                  "Uncooked crackers with 50% fresh Spanish mackerel from Muara Badak fishers.")
            .tiers(&[(10, 38_000), (50, 35_000)]).supply(5, 600, 240)
            .pack("Plastik PP 500 g", "PP bag 500 g", "20 pack / karton").on("2026-07-19"),
        l("amplang-udang-sanga-sanga-250g", "amplang-sanga-sanga", Kerupuk, Pack)
            .name("Amplang Udang Sanga-Sanga 250 g", "Sanga-Sanga prawn amplang 250 g")
            .desc("Amplang dari udang dan ikan belida, resep keluarga sejak 1998.",
                  "Amplang of prawn and featherback fish, a family recipe since 1998.")
            .tiers(&[(20, 30_000), (100, 27_500)]).supply(4, 1_500, 180)
            .pack("Toples plastik 250 g", "Plastic jar 250 g", "20 toples / karton")
            .halal("ID64110000345670325").pirt("206640203045628", "2028-09-30").on("2026-08-05"),
        // --- Camilan ---------------------------------------------------------------------------
        l("stik-ikan-gabus-sanga-sanga-200g", "amplang-sanga-sanga", Camilan, Pack)
            .name("Stik Ikan Gabus 200 g", "Snakehead fish sticks 200 g")
            .desc("Camilan stik renyah dari ikan gabus rawa, tinggi protein, cocok untuk anak.",
                  "Crunchy sticks made from swamp snakehead fish, high in protein, good for children.")
            .tiers(&[(20, 19_000), (100, 17_500)]).supply(4, 900, 150)
            .pack("Standing pouch 200 g", "Stand-up pouch 200 g", "30 pouch / karton")
            .pirt("206640203045629", "2029-01-31").on("2026-09-10"),
        l("keripik-pisang-kepok-bangun-rejo-200g", "keripik-mbak-tutik", Camilan, Pack)
            .name("Keripik Pisang Kepok 200 g", "Kepok banana chips 200 g")
            .desc("Keripik pisang kepok manis gurih dari kebun warga Bangun Rejo, digoreng dengan minyak kelapa.",
                  "Sweet and savoury kepok banana chips from Bangun Rejo gardens, fried in coconut oil.")
            .tiers(&[(30, 14_000), (150, 12_500)]).supply(4, 2_000, 120)
            .pack("Plastik klip 200 g", "Zip bag 200 g", "40 pack / karton")
            .halal("ID64110000456780425").pirt("206640204011228", "2028-06-30").on("2026-03-17"),
        l("keripik-singkong-balado-bangun-rejo-250g", "keripik-mbak-tutik", Camilan, Pack)
            .name("Keripik Singkong Balado 250 g", "Spicy chilli (balado) cassava chips 250 g")
            .desc("Keripik singkong tipis dengan bumbu balado pedas manis.",
                  "Thin cassava chips with sweet and spicy balado chilli seasoning.")
            .tiers(&[(30, 13_000), (150, 11_500)]).supply(4, 2_000, 120)
            .pack("Plastik klip 250 g", "Zip bag 250 g", "40 pack / karton")
            .pirt("206640204011229", "2030-06-30").on("2026-07-02"),
        // --- Terasi & ikan asin ----------------------------------------------------------------
        l("terasi-udang-tani-baru-250g", "terasi-delta-mahakam", OlahanIkan, Pack)
            .name("Terasi Udang Tani Baru 250 g", "Tani Baru shrimp paste (terasi) 250 g")
            .desc("Terasi dari udang rebon segar, difermentasi dan dijemur secara tradisional di Tani Baru. Aroma kuat untuk sambal.",
                  "Shrimp paste from fresh krill, fermented and sun-dried the traditional way in Tani Baru. Strong aroma for sambal.")
            .tiers(&[(40, 16_000), (200, 14_500), (1_000, 13_000)]).supply(7, 4_000, 365)
            .pack("Dibungkus daun pisang kering lalu plastik vakum", "Wrapped in dried banana leaf, then vacuum-sealed", "40 pcs / karton")
            .export("2103.90").halal("ID64110000567890525").pirt("206640205012327", "2027-10-31").on("2026-02-17"),
        l("terasi-bubuk-sangrai-tani-baru-100g", "terasi-delta-mahakam", OlahanIkan, Pack)
            .name("Terasi Bubuk Sangrai 100 g", "Roasted shrimp paste powder 100 g")
            .desc("Terasi yang sudah disangrai dan dihaluskan, praktis untuk dapur rumah makan.",
                  "Shrimp paste, roasted and ground, convenient for restaurant kitchens.")
            .tiers(&[(50, 12_000), (250, 10_800)]).supply(7, 2_000, 365)
            .pack("Botol plastik 100 g", "Plastic jar 100 g", "50 pcs / karton")
            .pirt("206640205012328", "2030-12-31").on("2026-06-22"),
        l("terasi-rebon-curah-tani-baru-1kg", "kwn-tani-baru", OlahanIkan, Kg)
            .name("Terasi Udang Rebon Curah 1 kg", "Krill shrimp paste, bulk 1 kg")
            .desc("Terasi curah buatan kelompok wanita nelayan untuk pabrik sambal dan rumah makan.",
                  "Bulk shrimp paste made by the women fishers' group for sambal makers and restaurants.")
            .tiers(&[(10, 62_000), (50, 58_000), (250, 54_000)]).supply(10, 1_500, 365)
            .pack("Balok 1 kg dalam plastik vakum", "1 kg blocks, vacuum-sealed", "20 kg / karton")
            .export("2103.90").cert(CertificateKind::Halal, "ID64110000678900625", "2026-01-31").on("2026-03-30"),
        l("ikan-asin-gulama-muara-pantuan-500g", "ikan-asin-bahari", OlahanIkan, Pack)
            .name("Ikan Asin Gulama 500 g", "Salted croaker (gulama) 500 g")
            .desc("Ikan gulama hasil tangkapan nelayan Muara Pantuan, digarami rendah dan dijemur di para-para.",
                  "Croaker caught by Muara Pantuan fishers, lightly salted and dried on racks.")
            .tiers(&[(20, 42_000), (100, 39_000)]).supply(5, 1_200, 180)
            .pack(ROOM.0, ROOM.1, "20 pack / karton")
            .export("0305.59").pirt("206640206013126", "2031-03-31").on("2026-01-08"),
        l("ikan-teri-asin-muara-pantuan-250g", "ikan-asin-bahari", OlahanIkan, Pack)
            .name("Ikan Teri Asin Kering 250 g", "Dried salted anchovies 250 g")
            .desc("Teri nasi kering tawar-asin, bersih tanpa kepala rusak, untuk lauk dan sambal teri.",
                  "Dried lightly salted anchovies, clean and whole, for side dishes and anchovy sambal.")
            .tiers(&[(20, 32_000), (100, 29_500), (400, 27_000)]).supply(5, 1_500, 180)
            .pack(ROOM.0, ROOM.1, "40 pack / karton")
            .export("0305.59").halal("ID64110000789010725").on("2026-04-03"),
        l("ikan-asin-belanak-curah", "ikan-asin-bahari", OlahanIkan, Kg)
            .name("Ikan Asin Belanak Curah", "Salted mullet (belanak), bulk")
            .desc("Ikan belanak belah asin curah per kilogram, dikirim dalam karton berlapis plastik.",
                  "Split salted mullet in bulk per kilogram, shipped in plastic-lined cartons.")
            .tiers(&[(25, 55_000), (100, 51_000)]).supply(7, 900, 150)
            .pack("Karton berlapis plastik 25 kg", "Plastic-lined 25 kg cartons", "25 kg / karton").on("2026-07-07"),
        l("ebi-udang-kering-sepatin-250g", "kub-nelayan-sepatin", OlahanIkan, Pack)
            .name("Ebi Udang Kering 250 g", "Dried shrimp (ebi) 250 g")
            .desc("Udang kecil tambak Sepatin yang direbus, dijemur dan dikupas; gurih untuk masakan dan sambal.",
                  "Small Sepatin pond shrimp, boiled, sun-dried and peeled; savoury for cooking and sambal.")
            .tiers(&[(20, 45_000), (100, 42_000)]).supply(5, 800, 270)
            .pack(ROOM.0, ROOM.1, "40 pack / karton")
            .export("0306.95").halal("ID64110000890120825").on("2026-02-26"),
        l("ikan-salai-patin-muara-enggelam-500g", "salai-danau-melintang", OlahanIkan, Pack)
            .name("Ikan Salai Patin 500 g", "Smoked pangasius (salai patin) 500 g")
            .desc("Ikan patin danau yang diasap perlahan dengan kayu ulin selama dua hari di rumah terapung Muara Enggelam.",
                  "Lake pangasius slow-smoked over ironwood for two days in Muara Enggelam's floating houses.")
            .tiers(&[(10, 65_000), (50, 60_000)]).supply(7, 400, 90)
            .pack("Plastik vakum, dikirim dalam kotak styrofoam", "Vacuum-sealed, shipped in foam boxes", "10 pack / box")
            .store("Simpan di lemari es 0–4 °C, atau beku hingga 6 bulan.", "Refrigerate at 0–4 °C, or freeze for up to 6 months.")
            .on("2026-05-18"),
        l("ikan-salai-baung-muara-enggelam", "salai-danau-melintang", OlahanIkan, Kg)
            .name("Ikan Salai Baung", "Smoked baung catfish")
            .desc("Ikan baung asap utuh dari Danau Melintang, dijual per kilogram.",
                  "Whole smoked baung catfish from Lake Melintang, sold by the kilogram.")
            .tiers(&[(5, 145_000), (20, 135_000)]).supply(10, 150, 90)
            .pack("Plastik vakum 1 kg", "Vacuum-sealed 1 kg bags", "")
            .store("Simpan di lemari es 0–4 °C, atau beku hingga 6 bulan.", "Refrigerate at 0–4 °C, or freeze for up to 6 months.")
            .on("2026-08-28"),
        l("ikan-sepat-asin-muara-enggelam-250g", "salai-danau-melintang", OlahanIkan, Pack)
            .name("Ikan Sepat Asin 250 g", "Salted snakeskin gourami (sepat) 250 g")
            .desc("Ikan sepat siam danau yang diasinkan dan dijemur, lauk khas Kutai.",
                  "Salted, sun-dried lake snakeskin gourami, a Kutai household staple.")
            .tiers(&[(20, 21_000), (100, 19_000)]).supply(5, 600, 120)
            .pack(ROOM.0, ROOM.1, "40 pack / karton")
            .pirt("206640207014527", "2031-10-31").on("2026-10-04"),
        // --- Rumput laut -----------------------------------------------------------------------
        l("rumput-laut-gracilaria-kering-muara-pantuan", "pokdakan-muara-pantuan", RumputLaut, Kg)
            .name("Rumput Laut Gracilaria Kering", "Dried Gracilaria seaweed")
            .desc("Rumput laut Gracilaria dari tambak Muara Pantuan, dijemur di para-para, bahan baku agar-agar.",
                  "Gracilaria seaweed from Muara Pantuan ponds, rack-dried, raw material for agar.")
            .tiers(&[(500, 9_500), (2_000, 9_000), (10_000, 8_500)]).supply(14, 20_000, 365)
            .pack("Karung plastik 50 kg, kadar air ≤ 18%", "50 kg woven sacks, moisture ≤ 18%", "50 kg / karung")
            .export("1212.21").on("2026-01-20"),
        l("rumput-laut-gracilaria-premium-muara-pantuan", "pokdakan-muara-pantuan", RumputLaut, Kg)
            .name("Rumput Laut Gracilaria Premium Bersih", "Premium cleaned Gracilaria seaweed")
            .desc("Gracilaria yang dicuci air tawar dan disortir dari kotoran, rendemen agar tinggi.",
                  "Gracilaria washed in fresh water and sorted clean, high agar yield.")
            .tiers(&[(200, 12_500), (1_000, 11_800), (5_000, 11_000)]).supply(14, 8_000, 365)
            .pack("Karung plastik 50 kg berlapis", "Lined 50 kg woven sacks", "50 kg / karung")
            .export("1212.21").cert(Haccp, "HACCP-ID-0457-2026", "2027-06-30").on("2026-03-09"),
        l("rumput-laut-kering-tani-baru-karung", "kwn-tani-baru", RumputLaut, Sack)
            .name("Rumput Laut Kering Tani Baru, Karung 50 kg", "Tani Baru dried seaweed, 50 kg sack")
            .desc("Rumput laut kering asalan hasil budidaya ibu-ibu nelayan Tani Baru, harga per karung 50 kg.",
                  "Farm-grade dried seaweed grown by Tani Baru's women fishers, priced per 50 kg sack.")
            .tiers(&[(5, 450_000), (20, 430_000)]).supply(10, 200, 365)
            .pack("Karung plastik 50 kg", "50 kg woven sack", "")
            .export("1212.21").on("2026-05-27"),
        l("dodol-rumput-laut-tani-baru-250g", "kwn-tani-baru", RumputLaut, Pack)
            .name("Dodol Rumput Laut 250 g", "Seaweed dodol (chewy sweets) 250 g")
            .desc("Dodol kenyal dari rumput laut dan gula aren, dibungkus satu per satu.",
                  "Chewy sweets made from seaweed and palm sugar, individually wrapped.")
            .tiers(&[(20, 20_000), (100, 18_000)]).supply(5, 800, 120)
            .pack("Kotak karton 250 g", "Paper box 250 g", "40 kotak / karton")
            .pirt("206640205012429", "2031-08-31").on("2026-09-01"),
        l("stik-rumput-laut-muara-pantuan-200g", "pokdakan-muara-pantuan", RumputLaut, Pack)
            .name("Stik Rumput Laut 200 g", "Seaweed sticks 200 g")
            .desc("Stik renyah dari tepung dan rumput laut Gracilaria. Masih uji coba resep.",
                  "Crunchy sticks made with flour and Gracilaria seaweed. Recipe still being tested.")
            .tiers(&[(24, 15_000), (120, 13_500)]).supply(5, 500, 150)
            .pack("Standing pouch 200 g", "Stand-up pouch 200 g", "24 pouch / karton")
            .status(ListingStatus::Draft).on("2026-10-15"),
        // --- Madu ------------------------------------------------------------------------------
        l("madu-kelulut-loa-janan-250ml", "kelulut-loa-janan", Madu, Bottle)
            .name("Madu Kelulut Murni 250 ml", "Pure kelulut (stingless-bee) honey 250 ml")
            .desc("Madu lebah kelulut (Heterotrigona itama) dari stup di kebun Loa Janan Ulu; rasa manis-asam segar, kaya antioksidan.",
                  "Honey from kelulut stingless bees (Heterotrigona itama) kept in Loa Janan Ulu gardens; sweet-tart taste, rich in antioxidants.")
            .tiers(&[(12, 115_000), (48, 105_000), (120, 98_000)]).supply(7, 400, 730)
            .pack("Botol kaca 250 ml dengan segel", "250 ml glass bottle with tamper seal", "12 botol / karton")
            .export("0409.00").halal("ID64110000901230925").pirt("206640208015329", "2029-11-30").on("2026-01-30"),
        l("madu-kelulut-curah-loa-janan-1l", "kelulut-loa-janan", Madu, Liter)
            .name("Madu Kelulut Curah 1 liter", "Kelulut honey, bulk 1 litre")
            .desc("Madu kelulut curah untuk pengemas ulang dan produsen jamu.",
                  "Bulk kelulut honey for repackers and herbal-drink makers.")
            .tiers(&[(5, 420_000), (20, 395_000)]).supply(10, 80, 730)
            .pack("Jeriken food grade 1 liter", "Food-grade 1 litre jerrycan", "")
            .halal("ID64110000901230925").on("2026-06-11"),
        l("madu-hutan-kedang-ipil-500ml", "madu-hutan-kedang-ipil", Madu, Bottle)
            .name("Madu Hutan Kedang Ipil 500 ml", "Kedang Ipil wild forest honey 500 ml")
            .desc("Madu lebah hutan (Apis dorsata) dari pohon tinggi di hutan Kedang Ipil, dipanen lestari oleh warga adat.",
                  "Wild giant-honeybee (Apis dorsata) honey from tall trees in the Kedang Ipil forest, harvested sustainably by the community.")
            .tiers(&[(12, 135_000), (48, 125_000)]).supply(10, 200, 730)
            .pack("Botol kaca 500 ml", "500 ml glass bottle", "12 botol / karton")
            .export("0409.00").halal("ID64110001012341025").pirt("206640209016124", "2026-03-31").on("2026-02-12"),
        l("madu-kelulut-samboja-150ml", "meliponikultur-samboja", Madu, Bottle)
            .name("Madu Kelulut Samboja 150 ml", "Samboja kelulut honey 150 ml")
            .desc("Madu kelulut dari meliponikultur Sungai Merdeka, kadar air dijaga di bawah 25%.",
                  "Kelulut honey from Sungai Merdeka's stingless-bee farm, moisture kept below 25%.")
            .tiers(&[(24, 75_000), (96, 69_000)]).supply(5, 600, 730)
            .pack("Botol kaca 150 ml", "150 ml glass bottle", "24 botol / karton")
            .export("0409.00").halal("ID64110001123451125").cert(BpomMd, "MD 251113002345", "2031-04-30").on("2026-04-14"),
        l("propolis-kelulut-samboja-30ml", "meliponikultur-samboja", Madu, Bottle)
            .name("Propolis Kelulut 30 ml", "Kelulut propolis 30 ml")
            .desc("Ekstrak propolis lebah kelulut dalam botol tetes.",
                  "Kelulut stingless-bee propolis extract in a dropper bottle.")
            .tiers(&[(24, 85_000), (96, 79_000)]).supply(7, 300, 730)
            .pack("Botol tetes kaca 30 ml", "30 ml glass dropper bottle", "48 botol / karton")
            .pirt("206640210017226", "2031-07-31").on("2026-08-19"),
        // --- Gula aren -------------------------------------------------------------------------
        l("gula-aren-cetak-loh-sumber-1kg", "gula-aren-loh-sumber", GulaAren, Kg)
            .name("Gula Aren Cetak 1 kg", "Palm sugar blocks 1 kg")
            .desc("Gula aren murni dari nira pohon aren Loh Sumber, dimasak di tungku kayu dan dicetak bambu.",
                  "Pure palm sugar from Loh Sumber's sugar-palm sap, cooked over wood fires and set in bamboo moulds.")
            .tiers(&[(20, 34_000), (100, 31_500), (500, 29_000)]).supply(7, 2_500, 365)
            .pack("Dibungkus daun aren kering, plastik 1 kg", "Wrapped in dried palm leaf, 1 kg bags", "20 kg / karton")
            .export("1702.90").halal("ID64110001234561225").on("2026-01-16"),
        l("gula-semut-aren-loh-sumber-500g", "gula-aren-loh-sumber", GulaAren, Pack)
            .name("Gula Semut Aren 500 g", "Granulated palm sugar (gula semut) 500 g")
            .desc("Gula aren kristal yang mudah larut, untuk kopi susu, kue dan minuman sehat.",
                  "Free-flowing granulated palm sugar for iced coffee, baking and health drinks.")
            .tiers(&[(20, 32_000), (100, 29_500), (500, 27_000)]).supply(7, 1_500, 540)
            .pack("Standing pouch kraft 500 g", "Kraft stand-up pouch 500 g", "20 pouch / karton")
            .export("1702.90").halal("ID64110001234561225").cert(Organic, "LSO-012-IDN-2026-0112", "2029-03-31").on("2026-03-22"),
        l("gula-semut-aren-curah-loh-sumber", "gula-aren-loh-sumber", GulaAren, Sack)
            .name("Gula Semut Aren Curah, Karung 25 kg", "Granulated palm sugar, 25 kg sack")
            .desc("Gula semut curah untuk industri minuman dan kedai kopi, harga per karung 25 kg.",
                  "Bulk granulated palm sugar for beverage makers and coffee shops, priced per 25 kg sack.")
            .tiers(&[(4, 1_050_000), (20, 990_000)]).supply(14, 60, 540)
            .pack("Karung berlapis plastik food grade 25 kg", "25 kg sack with food-grade liner", "")
            .export("1702.90").on("2026-07-28"),
        l("gula-aren-batok-tani-bhakti-500g", "kopi-tani-bhakti", GulaAren, Pack)
            .name("Gula Aren Batok Tani Bhakti 500 g", "Tani Bhakti coconut-shell palm sugar 500 g")
            .desc("Gula aren cetak batok kelapa, warna cokelat gelap dan aroma karamel.",
                  "Palm sugar set in coconut shells, dark brown with a caramel aroma.")
            .tiers(&[(20, 18_000), (100, 16_500)]).supply(5, 900, 270)
            .pack("Plastik 500 g", "500 g bag", "40 pack / karton")
            .pirt("206640211014825", "2030-05-31").on("2026-05-09"),
        // --- Kopi ------------------------------------------------------------------------------
        l("kopi-liberika-sangrai-loa-kulu-250g", "kopi-liberika-loa-kulu", Kopi, Pack)
            .name("Kopi Liberika Biji Sangrai 250 g", "Liberica coffee, roasted beans 250 g")
            .desc("Kopi liberika kebun rakyat Loa Kulu, sangrai medium; rasa nangka dan cokelat dengan keasaman rendah.",
                  "Smallholder Liberica from Loa Kulu, medium roast; jackfruit and chocolate notes, low acidity.")
            .tiers(&[(12, 62_000), (48, 57_000)]).supply(5, 600, 365)
            .pack("Aluminium foil dengan katup satu arah", "Foil bag with one-way valve", "12 pack / karton")
            .export("0901.21").halal("ID64110001345671325").on("2026-02-08"),
        l("kopi-liberika-green-bean-loa-kulu", "kopi-liberika-loa-kulu", Kopi, Kg)
            .name("Kopi Liberika Green Bean", "Liberica green coffee beans")
            .desc("Biji kopi liberika mentah, proses natural, petik merah, kadar air 12%.",
                  "Raw Liberica beans, natural process, red-cherry picked, 12% moisture.")
            .tiers(&[(50, 85_000), (200, 80_000), (1_000, 76_000)]).supply(14, 1_500, 365)
            .pack("Karung goni 60 kg dengan plastik dalam", "60 kg jute sacks with hermetic liner", "60 kg / karung")
            .export("0901.11").on("2026-04-27"),
        l("kopi-robusta-bubuk-bukit-raya-200g", "kopi-bukit-raya", Kopi, Pack)
            .name("Kopi Robusta Bubuk Bukit Raya 200 g", "Bukit Raya ground robusta coffee 200 g")
            .desc("Kopi robusta tubruk dari Tenggarong Seberang, sangrai gelap, pahit tebal.",
                  "Robusta for Indonesian-style brewing from Tenggarong Seberang, dark roast, bold and bitter.")
            .tiers(&[(20, 28_000), (100, 25_500)]).supply(4, 1_200, 270)
            .pack("Aluminium foil 200 g", "Foil bag 200 g", "40 pack / karton")
            .halal("ID64110001456781425").pirt("206640212019026", "2030-09-30").on("2026-03-05"),
        l("kopi-robusta-green-bean-bukit-raya", "kopi-bukit-raya", Kopi, Kg)
            .name("Kopi Robusta Green Bean Grade 1", "Robusta green coffee beans, grade 1")
            .desc("Robusta mentah grade 1, sortasi manual, siap untuk roaster dan eksportir.",
                  "Grade 1 raw robusta, hand-sorted, ready for roasters and exporters.")
            .tiers(&[(100, 72_000), (500, 68_000)]).supply(14, 3_000, 365)
            .pack("Karung goni 60 kg", "60 kg jute sacks", "60 kg / karung")
            .export("0901.11").cert(Sni, "SNI 01-2907-2008/0331", "2027-12-31").on("2026-06-30"),
        l("kopi-bubuk-tani-bhakti-250g", "kopi-tani-bhakti", Kopi, Pack)
            .name("Kopi Bubuk Tani Bhakti 250 g", "Tani Bhakti ground coffee 250 g")
            .desc("Campuran robusta dan liberika dari kebun Samboja Barat, sangrai medium.",
                  "A blend of robusta and Liberica from Samboja Barat gardens, medium roast.")
            .tiers(&[(20, 30_000), (100, 27_000)]).supply(5, 800, 270)
            .pack("Aluminium foil 250 g", "Foil bag 250 g", "40 pack / karton")
            .pirt("206640212020125", "2030-01-31").on("2026-09-18"),
        // --- Rempah ----------------------------------------------------------------------------
        l("lada-hitam-loa-janan", "kebun-lada-bu-ratna", Rempah, Kg)
            .name("Lada Hitam Butir", "Black peppercorns")
            .desc("Lada hitam dari kebun lada Loa Janan, pedas tajam, dijemur di terpal bersih.",
                  "Black pepper from Loa Janan pepper gardens, sharp and hot, dried on clean tarpaulins.")
            .tiers(&[(10, 78_000), (50, 74_000), (250, 70_000)]).supply(7, 1_500, 730)
            .pack("Plastik 1 kg dalam karung 25 kg", "1 kg bags in 25 kg sacks", "25 kg / karung")
            .export("0904.11").on("2026-02-21"),
        l("lada-putih-loa-janan", "kebun-lada-bu-ratna", Rempah, Kg)
            .name("Lada Putih Butir", "White peppercorns")
            .desc("Lada putih hasil rendaman air mengalir, bersih dan harum.",
                  "White pepper retted in running water, clean and fragrant.")
            .tiers(&[(10, 115_000), (50, 110_000)]).supply(10, 600, 730)
            .pack("Plastik 1 kg dalam karung 25 kg", "1 kg bags in 25 kg sacks", "25 kg / karung")
            .export("0904.11").halal("ID64110001567891525").on("2026-05-14"),
        l("jahe-merah-instan-jembayan-250g", "kwt-jembayan-lestari", Rempah, Pack)
            .name("Jahe Merah Instan 250 g", "Instant red ginger drink 250 g")
            .desc("Minuman serbuk jahe merah dan gula aren, hangat untuk daya tahan tubuh.",
                  "Powdered red ginger and palm sugar drink, warming and good for immunity.")
            .tiers(&[(20, 25_000), (100, 22_500)]).supply(5, 700, 365)
            .pack("Standing pouch 250 g", "Stand-up pouch 250 g", "40 pouch / karton")
            .halal("ID64110001678901625").pirt("206640213021426", "2031-02-28").on("2026-04-08"),
        // --- Pupuk kompos ----------------------------------------------------------------------
        l("pupuk-kompos-organik-bangun-rejo-25kg", "poktan-subur-makmur", PupukKompos, Sack)
            .name("Pupuk Kompos Organik 25 kg", "Organic compost 25 kg")
            .desc("Kompos matang dari kotoran sapi, jerami padi dan sekam, C/N rasio 15–20. Cocok untuk sayuran dan sawit.",
                  "Mature compost from cattle manure, rice straw and husk, C/N ratio 15–20. Good for vegetables and oil palm.")
            .tiers(&[(20, 35_000), (100, 31_000), (400, 28_000)]).supply(7, 3_000, 0)
            .pack("Karung plastik 25 kg", "25 kg woven sack", "")
            .cert(Sni, "SNI 19-7030-2004/0718", "2028-02-29").on("2026-01-05"),
        l("pupuk-kascing-bangun-rejo-5kg", "poktan-subur-makmur", PupukKompos, Pack)
            .name("Pupuk Kascing 5 kg", "Vermicompost (worm castings) 5 kg")
            .desc("Bekas cacing tanah dari budidaya cacing Lumbricus, gembur dan tidak berbau.",
                  "Worm castings from a Lumbricus worm farm, crumbly and odourless.")
            .tiers(&[(20, 22_000), (100, 19_500)]).supply(5, 800, 0)
            .pack("Karung plastik 5 kg", "5 kg plastic sack", "").on("2026-05-21"),
        l("pupuk-organik-cair-jembayan-1l", "kwt-jembayan-lestari", PupukKompos, Bottle)
            .name("Pupuk Organik Cair 1 liter", "Liquid organic fertiliser 1 litre")
            .desc("POC dari fermentasi limbah sayur dan buah dengan mikroorganisme lokal (MOL).",
                  "Liquid fertiliser fermented from vegetable and fruit waste with local microorganisms.")
            .tiers(&[(24, 25_000), (120, 22_000)]).supply(5, 600, 365)
            .pack("Botol plastik 1 liter", "1 litre plastic bottle", "24 botol / karton")
            .cert(Organic, "LSO-012-IDN-2023-0457", "2026-06-30").on("2026-08-12"),
        l("kompos-daun-loa-duri-10kg", "bank-sampah-loa-duri", PupukKompos, Sack)
            .name("Kompos Daun dan Sisa Dapur 10 kg", "Leaf and kitchen-waste compost 10 kg")
            .desc("Kompos dari sampah organik warga yang dipilah di bank sampah, untuk tanaman hias dan kebun.",
                  "Compost from household organic waste sorted at the waste bank, for pot plants and gardens.")
            .tiers(&[(10, 15_000), (50, 13_000)]).supply(3, 500, 0)
            .pack("Karung bekas pakai ulang 10 kg", "Reused 10 kg sack", "").on("2026-10-20"),
        // --- Kerajinan -------------------------------------------------------------------------
        l("tas-anyaman-rotan-lung-anai", "sanggar-lung-anai", Kerajinan, Pcs)
            .name("Tas Anyaman Rotan Motif Dayak Kenyah", "Rattan woven bag with Dayak Kenyah motif")
            .desc("Tas rotan dianyam tangan oleh perajin Lung Anai dengan motif burung enggang, diwarnai pewarna alami.",
                  "Rattan bag hand-woven by Lung Anai artisans with a hornbill motif, natural dyes.")
            .tiers(&[(5, 285_000), (20, 260_000)]).supply(21, 60, 0)
            .pack("Dibungkus kertas dan kardus satuan", "Paper-wrapped in its own box", "")
            .export("4602.12").on("2026-02-14"),
        l("anjat-rotan-lung-anai", "sanggar-lung-anai", Kerajinan, Pcs)
            .name("Anjat, Tas Punggung Rotan", "Anjat rattan backpack")
            .desc("Anjat, tas punggung tradisional Dayak dari rotan dan kulit kayu, kuat untuk berladang.",
                  "Anjat, the traditional Dayak rattan and bark backpack, sturdy enough for farm work.")
            .tiers(&[(3, 450_000), (10, 420_000)]).supply(30, 25, 0)
            .pack("Kardus satuan", "Individual box", "")
            .export("4602.12").on("2026-06-03"),
        l("kalung-manik-dayak-lung-anai", "sanggar-lung-anai", Kerajinan, Pcs)
            .name("Kalung Manik-Manik Dayak", "Dayak beaded necklace")
            .desc("Kalung manik-manik warna-warni dengan pola khas Dayak Kenyah, dirangkai tangan.",
                  "Hand-strung necklace of colourful beads in Dayak Kenyah patterns.")
            .tiers(&[(10, 95_000), (50, 85_000)]).supply(14, 150, 0)
            .pack("Kantong kain satuan", "Individual cloth pouch", "")
            .export("7117.90").on("2026-09-25"),
        l("tas-bungkus-kopi-daur-ulang-loa-duri", "bank-sampah-loa-duri", Kerajinan, Pcs)
            .name("Tas Belanja dari Bungkus Kopi Bekas", "Shopping bag upcycled from coffee sachets")
            .desc("Tas anyaman dari bungkus kopi sachet bekas yang dikumpulkan bank sampah; kuat dan tahan air.",
                  "Bag woven from used coffee sachets collected by the waste bank; strong and water-resistant.")
            .tiers(&[(10, 65_000), (50, 58_000)]).supply(10, 200, 0)
            .pack("Plastik bekas pakai ulang", "Reused plastic wrap", "")
            .export("4202.92").on("2026-03-26"),
        l("keranjang-kertas-koran-loa-duri", "bank-sampah-loa-duri", Kerajinan, Pcs)
            .name("Keranjang Anyaman Kertas Koran Bekas", "Basket woven from recycled newspaper")
            .desc("Keranjang serbaguna dari gulungan kertas koran bekas, dilapisi pernis agar awet.",
                  "All-purpose basket of rolled recycled newspaper, varnished to last.")
            .tiers(&[(10, 45_000), (50, 40_000)]).supply(10, 250, 0)
            .pack("Ditumpuk dalam kardus bekas", "Nested in reused cartons", "").on("2026-07-15"),
        l("tikar-purun-kedang-ipil", "purun-kedang-ipil", Kerajinan, Pcs)
            .name("Tikar Purun 2 × 3 m", "Purun sedge mat 2 × 3 m")
            .desc("Tikar anyaman purun dari rawa Kedang Ipil, sejuk untuk lantai dan lesehan.",
                  "Mat woven from purun sedge from the Kedang Ipil swamps, cool for floor seating.")
            .tiers(&[(5, 175_000), (20, 160_000)]).supply(14, 80, 0)
            .pack("Digulung dan diikat tali rafia", "Rolled and tied", "")
            .export("4601.29").on("2026-04-18"),
        l("topi-anyaman-purun-kedang-ipil", "purun-kedang-ipil", Kerajinan, Pcs)
            .name("Topi Anyaman Purun", "Woven purun sedge hat")
            .desc("Topi caping dari purun untuk petani dan wisatawan. Stok habis sampai musim purun berikutnya.",
                  "Conical purun sedge hat for farmers and visitors. Sold out until the next harvest.")
            .tiers(&[(20, 35_000), (100, 31_000)]).supply(10, 300, 0)
            .pack("Ditumpuk 20 topi per ikat", "Stacked, 20 hats per bundle", "")
            .status(ListingStatus::Unpublished).on("2026-10-09"),
    ];
    rows.into_iter()
        .map(|L(mut p)| {
            p.village_slug = sellers
                .iter()
                .find(|s| s.id == p.seller_id)
                .map(|s| s.village_slug.clone())
                .unwrap_or_default();
            p.photos = vec![demo_photo(&p)];
            p
        })
        .collect()
}

/// The one illustrative photo of a demo listing, at 4:3.
fn demo_photo(p: &Product) -> Photo {
    Photo {
        thumb: format!("/media/demo/{}-400.jpg", p.id),
        large: format!("/media/demo/{}-1600.jpg", p.id),
        medium: Some(format!("/media/demo/{}-800.jpg", p.id)),
        alt_id: p.name_id.clone(),
        alt_en: p.name_en.clone(),
        width: 1600,
        height: 1200,
    }
}
