//! The sample IDM table (`data/idm_sample.csv`, shaped like the ministry's: semicolons,
//! decimal commas, dotless codes, a `NO` column the import ignores) reads clean against the
//! real gazetteer, through the crate's public API only.

use etalase_model::gazetteer::Gazetteer;
use etalase_model::idm::{latest, preview_import, trend};
use etalase_model::{IdmStatus, Lang};

const SAMPLE: &str = include_str!("data/idm_sample.csv");

#[test]
fn the_sample_file_parses_clean() {
    let g = Gazetteer::east_kalimantan();
    let preview = preview_import(SAMPLE, |code| {
        g.village_by_code(code).map(|v| v.name.as_str())
    })
    .expect("the header is the ministry's");
    for row in &preview.rows {
        assert_eq!(row.problems, vec![], "line {}", row.line);
    }
    assert_eq!(preview.separator, ';');
    assert_eq!((preview.good_rows(), preview.bad_rows()), (12, 0));
    assert_eq!(preview.years(), [2024, 2025]);
    assert!(preview.can_commit());

    let records = preview.records().expect("every row is good");
    let lung_anai: Vec<_> = records
        .iter()
        .filter(|r| r.village_code == "64.02.02.2010")
        .cloned()
        .collect();
    let t = trend(&lung_anai).expect("two years");
    assert_eq!(t.summary(Lang::Id), "Berkembang 2024 → Maju 2025");
    let loa_duri_ulu = latest(&records, "64.02.03.2002").expect("in the sample");
    assert_eq!(
        (loa_duri_ulu.year, loa_duri_ulu.status),
        (2025, IdmStatus::Maju)
    );
    assert_eq!(loa_duri_ulu.score, 0.7559);
}
