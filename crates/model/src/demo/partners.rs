//! Demo partners and partnerships, in the spirit of the MoUs Kutai Kartanegara's villages
//! signed in 2025: a mining company's CSR programme with five villages of Loa Kulu and Loa
//! Janan, the district's zakat agency, a local foundation and a university.
//!
//! The organisations are made up (their names end in "(demo)" and carry `demo: true`); the
//! programmes are plausible, not records of real agreements.

use crate::catalog::{Partner, PartnerKind, Partnership, PartnershipStatus, ProgrammeKind};

/// slug, name, kind.
const PARTNERS: &[(&str, &str, PartnerKind)] = &[
    (
        "tambang-mahakam-lestari",
        "PT Tambang Mahakam Lestari (demo)",
        PartnerKind::Company,
    ),
    (
        "baznas-kukar",
        "Baznas Kutai Kartanegara (demo)",
        PartnerKind::ZakatAgency,
    ),
    (
        "yayasan-delta-lestari",
        "Yayasan Delta Mahakam Lestari (demo)",
        PartnerKind::Foundation,
    ),
    (
        "universitas-kutai-raya",
        "Universitas Kutai Raya (demo)",
        PartnerKind::University,
    ),
];

/// id, partner, villages, programme, detail (id, en), start year, status.
type PartnershipRow = (
    &'static str,
    &'static str,
    &'static [&'static str],
    ProgrammeKind,
    &'static str,
    &'static str,
    u16,
    PartnershipStatus,
);

#[rustfmt::skip]
const PARTNERSHIPS: &[PartnershipRow] = &[
    ("tml-umkm-2025", "tambang-mahakam-lestari",
     &["lung-anai", "loh-sumber", "loa-kulu-kota", "jembayan-tengah", "loa-duri-ilir"],
     ProgrammeKind::UmkmCoaching,
     "Pendampingan UMKM lima desa lingkar tambang: pembukuan, harga jual dan penjualan daring.",
     "Coaching for small businesses of five villages around the mine: bookkeeping, pricing and selling online.",
     2025, PartnershipStatus::Running),
    ("tml-kemasan-2025", "tambang-mahakam-lestari",
     &["loh-sumber", "jembayan-tengah"],
     ProgrammeKind::Packaging,
     "Kemasan standing pouch dan label gizi untuk gula semut dan produk herbal.",
     "Stand-up pouches and nutrition labels for granulated palm sugar and herbal products.",
     2025, PartnershipStatus::MouSigned),
    ("baznas-modal-2025", "baznas-kukar",
     &["lung-anai", "loa-duri-ilir"],
     ProgrammeKind::Capital,
     "Zakat produktif: modal usaha bagi perajin anyaman dan bank sampah.",
     "Productive zakat: working capital for rattan weavers and the waste bank.",
     2025, PartnershipStatus::Running),
    ("baznas-halal-2024", "baznas-kukar",
     &["loa-kulu-kota"],
     ProgrammeKind::Certification,
     "Biaya sertifikasi halal untuk kopi bubuk liberika.",
     "Halal certification fees for ground Liberica coffee.",
     2024, PartnershipStatus::Finished),
    ("yayasan-pengering-2025", "yayasan-delta-lestari",
     &["tani-baru", "muara-pantuan"],
     ProgrammeKind::Equipment,
     "Para-para dan rumah pengering rumput laut tenaga surya untuk dua kelompok pembudidaya.",
     "Drying racks and solar seaweed dryers for two seaweed farmer groups.",
     2025, PartnershipStatus::Running),
    ("ukr-pirt-2023", "universitas-kutai-raya",
     &["saliki"],
     ProgrammeKind::Certification,
     "Uji laboratorium dan pendampingan izin P-IRT amplang.",
     "Laboratory tests and help with the P-IRT permit for amplang.",
     2023, PartnershipStatus::Finished),
];

pub(super) fn partners() -> Vec<Partner> {
    PARTNERS
        .iter()
        .map(|&(slug, name, kind)| Partner {
            slug: slug.to_owned(),
            name: name.to_owned(),
            kind,
            website: None,
            demo: true,
        })
        .collect()
}

pub(super) fn partnerships() -> Vec<Partnership> {
    PARTNERSHIPS
        .iter()
        .map(
            |&(id, partner, villages, programme, detail_id, detail_en, start_year, status)| {
                Partnership {
                    id: id.to_owned(),
                    partner_slug: partner.to_owned(),
                    village_slugs: villages.iter().map(|v| (*v).to_owned()).collect(),
                    programme,
                    detail_id: detail_id.to_owned(),
                    detail_en: detail_en.to_owned(),
                    start_year,
                    status,
                    mou_date: None,
                    end_year: None,
                }
            },
        )
        .collect()
}
