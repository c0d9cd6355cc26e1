use super::*;
use crate::gazetteer::Gazetteer;
use crate::Lang;

fn preview(text: &str) -> Result<ImportPreview, FileProblem> {
    let g = Gazetteer::east_kalimantan();
    preview_import(text, |code| {
        g.village_by_code(code).map(|v| v.name.as_str())
    })
}

fn problems(text: &str) -> Vec<Vec<RowProblem>> {
    let p = preview(text).unwrap();
    p.rows.into_iter().map(|r| r.problems).collect()
}

const HEADER: &str = "kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun";

fn record(iks: f32, ike: f32, ikl: f32, score: f32, status: IdmStatus) -> IdmRecord {
    IdmRecord {
        village_code: "64.02.04.2001".into(),
        year: 2024,
        iks,
        ike,
        ikl,
        score,
        status,
    }
}

#[test]
fn a_record_from_indices_takes_their_rounded_mean_and_its_status() {
    let r = IdmRecord::from_indices("64.02.04.2001".into(), 2025, 0.7396, 0.6312, 0.7136);
    assert_eq!(r.score, 0.6948);
    assert_eq!(r.status, IdmStatus::Berkembang);
    assert_eq!(r.problems(), vec![]);
    let r = IdmRecord::from_indices("64.02.04.2001".into(), 2014, 1.2, 0.6, 0.6);
    assert_eq!(
        r.problems(),
        vec![
            RowProblem::BadYear {
                text: "2014".into()
            },
            RowProblem::ScoreOutOfRange {
                column: Column::Iks,
                value: 1.2
            },
        ]
    );
}

#[test]
fn a_status_that_contradicts_the_score_is_named_with_the_right_one() {
    let r = record(0.6994, 0.6209, 0.6691, 0.6631, IdmStatus::Maju);
    let p = r.problems();
    assert_eq!(
        p,
        vec![RowProblem::StatusContradictsScore {
            status: IdmStatus::Maju,
            expected: IdmStatus::Berkembang
        }]
    );
    assert_eq!(
        p[0].message(Lang::Id),
        "Status Maju tidak sesuai nilai IDM, yang berstatus Berkembang."
    );
    assert_eq!(
        p[0].message(Lang::En),
        "The status Maju (Advanced) does not match the IDM score, which is Berkembang (Developing)."
    );
}

#[test]
fn the_score_may_be_half_a_last_place_from_the_mean_and_no_further() {
    // Mean of 0.6000, 0.6000, 0.6015 is 0.6005.
    let ok = |score| score_matches_indices(score, 0.6, 0.6, 0.6015);
    assert!(ok(0.6005));
    assert!(ok(0.6000));
    assert!(ok(0.6010));
    assert!(!ok(0.5999));
    assert!(!ok(0.6011));
    let r = record(0.6, 0.6, 0.6015, 0.6500, IdmStatus::Berkembang);
    let p = r.problems();
    assert_eq!(
        p,
        vec![RowProblem::ScoreNotMeanOfIndices {
            score: 0.65,
            mean: 0.6005
        }]
    );
    assert_eq!(
        p[0].message(Lang::Id),
        "Nilai IDM 0,6500 bukan rata-rata IKS, IKE dan IKL, yaitu 0,6005."
    );
    assert_eq!(
        p[0].message(Lang::En),
        "The IDM score 0.6500 is not the mean of IKS, IKE and IKL, which is 0.6005."
    );
}

#[test]
fn codes_are_read_with_or_without_dots() {
    assert_eq!(
        normalize_village_code("6402042001").as_deref(),
        Some("64.02.04.2001")
    );
    assert_eq!(
        normalize_village_code(" 64.02.04.2001 ").as_deref(),
        Some("64.02.04.2001")
    );
    for bad in [
        "640204200",
        "64020420011",
        "640.20.42.001",
        "64.02.04.200a",
        "",
    ] {
        assert_eq!(normalize_village_code(bad), None, "{bad}");
    }
}

#[test]
fn semicolons_with_decimal_commas() {
    let text =
        format!("{HEADER}\n64.02.04.2001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n");
    let p = preview(&text).unwrap();
    assert_eq!(p.separator, ';');
    assert!(p.can_commit(), "{:?}", p.rows);
    assert_eq!(
        p.records().unwrap(),
        vec![record(
            0.6994,
            0.6209,
            0.6691,
            0.6631,
            IdmStatus::Berkembang
        )]
    );
    assert_eq!(p.rows[0].line, 2);
}

#[test]
fn commas_with_quoted_decimal_commas_and_plain_points() {
    let text = "village_code,village_name,iks,ike,ikl,score,status,year\n\
                6402042001,Sepatin,\"0,6994\",\"0,6209\",\"0,6691\",\"0,6631\",Berkembang,2024\n\
                6402022010,Lung Anai,0.7840,0.6742,0.7199,0.7260,Maju,2025\n";
    let p = preview(text).unwrap();
    assert_eq!(p.separator, ',');
    assert!(p.can_commit(), "{:?}", p.rows);
    let records = p.records().unwrap();
    assert_eq!(records[0].iks, 0.6994);
    assert_eq!(records[1].village_code, "64.02.02.2010");
    assert_eq!(records[1].status, IdmStatus::Maju);
}

#[test]
fn an_unquoted_decimal_comma_among_commas_says_to_quote_it() {
    let text = "village_code,iks,ike,ikl,score,year\n6402042001,0,6994,0,6209,0,6691,0,6631,2024\n";
    let rows = problems(text);
    assert_eq!(
        rows[0],
        vec![RowProblem::FieldCount {
            expected: 6,
            found: 10
        }]
    );
    assert!(rows[0][0].message(Lang::En).contains("\"0,6123\""));
    assert!(rows[0][0].message(Lang::Id).contains("tanda kutip"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends() {
    let text = "\u{feff}KODE DESA;NAMA DESA;IKS;IKE;IKL;NILAI IDM;STATUS IDM;TAHUN\r\n\
                64.02.03.2002;Loa Duri Ulu;0,7734;0,6724;0,7669;0,7376;MAJU;2024\r\n\
                \r\n\
                64.02.04.2001;Sepatin;0,6994;0,6209;0,6691;0,6631;BERKEMBANG;2024\r\n";
    let p = preview(text).unwrap();
    assert!(p.can_commit(), "{:?}", p.rows);
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.rows[0].village_name, "Loa Duri Ulu");
    assert_eq!(p.rows[0].year, Some(2024));
    // The blank line still counts.
    assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
}

#[test]
fn an_unknown_code_is_named() {
    let text =
        format!("{HEADER}\n64.02.04.2999;Entah;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n");
    let p = preview(&text).unwrap();
    assert_eq!(
        p.rows[0].problems,
        vec![RowProblem::UnknownVillageCode {
            code: "64.02.04.2999".into()
        }]
    );
    assert!(!p.can_commit());
    assert_eq!((p.good_rows(), p.bad_rows()), (0, 1));
    assert_eq!(
        p.rows[0].problems[0].message(Lang::En),
        "No village in the gazetteer has the code 64.02.04.2999."
    );
}

#[test]
fn a_village_twice_in_one_year_points_at_its_first_line() {
    let row = "6402042001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024";
    let other_year = "6402042001;Sepatin;0,7396;0,6312;0,7136;0,6948;Berkembang;2025";
    let text = format!("{HEADER}\n{row}\n{other_year}\n64.02.04.2001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n");
    let p = preview(&text).unwrap();
    assert_eq!(p.rows[0].problems, vec![]);
    assert_eq!(p.rows[1].problems, vec![]);
    assert_eq!(
        p.rows[2].problems,
        vec![RowProblem::DuplicateVillageInFile { first_line: 2 }]
    );
    assert_eq!(
        p.rows[2].problems[0].message(Lang::Id),
        "Desa dan tahun ini sudah ada di baris 2."
    );
    assert!(!p.can_commit());
}

#[test]
fn a_file_of_several_years() {
    let text = format!(
        "{HEADER}\n\
         6402042001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n\
         6402042001;Sepatin;0,7396;0,6312;0,7136;0,6948;Berkembang;2025\n\
         6402022010;Lung Anai;0,7360;0,6558;0,6654;0,6857;Berkembang;2023\n"
    );
    let p = preview(&text).unwrap();
    assert!(p.can_commit());
    assert_eq!(p.years(), [2023, 2024, 2025]);
}

#[test]
fn headers_in_english_or_indonesian_in_any_case() {
    let row = "6402042001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024";
    for header in [
        "kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun",
        "Kode Desa;Nama Desa;IKS;IKE;IKL;Skor IDM;Status;Tahun",
        "KODE-DESA;NAMA-DESA;Iks;Ike;Ikl;IDM;STATUS-IDM;TAHUN",
        "village_code;village_name;iks;ike;ikl;score;status;year",
        "Village Code;Village Name;IKS;IKE;IKL;IDM Score;IDM Status;Year",
    ] {
        let p = preview(&format!("{header}\n{row}\n")).unwrap();
        assert!(p.can_commit(), "{header}: {:?}", p.rows);
    }
}

#[test]
fn a_header_without_ikl_is_refused_by_name() {
    let text = "kode_desa;nama_desa;iks;ike;nilai_idm;status_idm;tahun\n\
                6402042001;Sepatin;0,6994;0,6209;0,6631;Berkembang;2024\n";
    let refused = preview(text).unwrap_err();
    assert_eq!(
        refused,
        FileProblem::MissingColumn {
            column: Column::Ikl
        }
    );
    assert_eq!(
        refused.message(Lang::Id),
        "Baris judul tidak memuat kolom IKL. Kolom yang wajib ada: kode desa, IKS, IKE, IKL, \
         nilai IDM, tahun."
    );
    assert_eq!(
        refused.message(Lang::En),
        "The header has no IKL column. Required columns: village code, IKS, IKE, IKL, IDM \
         score, year."
    );
}

#[test]
fn files_refused_whole() {
    assert_eq!(preview(""), Err(FileProblem::Empty));
    assert_eq!(preview("\u{feff}\r\n  \n"), Err(FileProblem::Empty));
    assert_eq!(preview(&format!("{HEADER}\n")), Err(FileProblem::NoRows));
    assert_eq!(
        preview("kode;kode_desa;iks;ike;ikl;idm;tahun\n"),
        Err(FileProblem::DuplicateColumn {
            column: Column::VillageCode
        })
    );
    let big = format!("{HEADER}\n{}", "x".repeat(IMPORT_MAX_BYTES));
    let refused = preview(&big).unwrap_err();
    assert_eq!(refused.message(Lang::En), "The file is larger than 2 MB.");
}

#[test]
fn the_real_villages_of_the_brief() {
    let text = format!(
        "{HEADER}\n\
         64.02.04.2001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;2024\n\
         64.02.02.2010;LUNG ANAI;0,7360;0,6558;0,6654;0,6857;Berkembang;2024\n\
         64.02.03.2002;Desa Loa Duri Ulu;0,7734;0,6724;0,7669;0,7376;Maju;2024\n"
    );
    let p = preview(&text).unwrap();
    assert!(p.can_commit(), "{:?}", p.rows);
    assert_eq!(p.rows_with_warnings(), 0);
}

#[test]
fn a_name_unlike_the_gazetteers_is_a_warning_only() {
    let text = format!("{HEADER}\n64.02.04.2001;Sepatian;0,6994;0,6209;0,6691;0,6631;;2024\n");
    let p = preview(&text).unwrap();
    let expected = RowProblem::NameDiffers {
        expected: "Sepatin".into(),
    };
    assert_eq!(p.rows[0].problems, vec![expected.clone()]);
    assert!(expected.is_warning());
    assert!(p.can_commit());
    assert_eq!(p.rows_with_warnings(), 1);
    // A blank status is the score's.
    assert_eq!(p.records().unwrap()[0].status, IdmStatus::Berkembang);
}

#[test]
fn statuses_as_people_spell_them() {
    for (text, score, ok) in [
        ("MAJU", "0,7376", true),
        ("Sangat Tertinggal", "0,4500", true),
        ("sangat-tertinggal", "0,4500", true),
        ("sangat_tertinggal", "0,4500", true),
        ("Mandiri", "0,8200", true),
        ("Developing", "0,6500", true),
        ("maju sekali", "0,7376", false),
    ] {
        // Indices whose mean is the score.
        let row = format!("6402042001;;{score};{score};{score};{score};{text};2024");
        let p = preview(&format!("{HEADER}\n{row}\n")).unwrap();
        assert_eq!(p.can_commit(), ok, "{text}: {:?}", p.rows[0].problems);
        if !ok {
            assert_eq!(
                p.rows[0].problems,
                vec![RowProblem::BadStatus { text: text.into() }]
            );
        }
    }
}

#[test]
fn bad_cells_are_each_named() {
    let text = format!(
        "{HEADER}\n64-02-04-2001;Sepatin;abc;1,2;;0,6631;Berkembang;2014\n\
         6402042001;Sepatin;0,6994;0,6209;0,6691;0,6631;Berkembang;20x4\n"
    );
    let rows = problems(&text);
    assert_eq!(
        rows[0],
        vec![
            RowProblem::BadVillageCode {
                text: "64-02-04-2001".into()
            },
            RowProblem::BadNumber {
                column: Column::Iks,
                text: "abc".into()
            },
            RowProblem::MissingValue {
                column: Column::Ikl
            },
            RowProblem::ScoreOutOfRange {
                column: Column::Ike,
                value: 1.2
            },
            RowProblem::BadYear {
                text: "2014".into()
            },
        ]
    );
    assert_eq!(
        rows[1],
        vec![RowProblem::BadYear {
            text: "20x4".into()
        }]
    );
    for bad in ["1.234,5", "inf", "NaN", "1e-1", ".", "-"] {
        assert_eq!(super::import::parse_decimal(bad), None, "{bad}");
    }
    assert_eq!(super::import::parse_decimal("-0,1"), Some(-0.1));
}

#[test]
fn every_problem_has_a_distinct_sentence_in_each_language_and_its_tag_as_code() {
    let all = [
        RowProblem::FieldCount {
            expected: 8,
            found: 10,
        },
        RowProblem::MissingValue {
            column: Column::Year,
        },
        RowProblem::BadVillageCode { text: "x".into() },
        RowProblem::UnknownVillageCode {
            code: "64.02.04.2999".into(),
        },
        RowProblem::BadNumber {
            column: Column::Iks,
            text: "x".into(),
        },
        RowProblem::ScoreOutOfRange {
            column: Column::Score,
            value: 1.5,
        },
        RowProblem::ScoreNotMeanOfIndices {
            score: 0.6,
            mean: 0.7,
        },
        RowProblem::BadStatus { text: "x".into() },
        RowProblem::StatusContradictsScore {
            status: IdmStatus::Maju,
            expected: IdmStatus::Mandiri,
        },
        RowProblem::BadYear { text: "x".into() },
        RowProblem::DuplicateVillageInFile { first_line: 2 },
        RowProblem::NameDiffers {
            expected: "Sepatin".into(),
        },
    ];
    for p in &all {
        // Adding a variant without listing it above stops this from compiling.
        match p {
            RowProblem::FieldCount { .. }
            | RowProblem::MissingValue { .. }
            | RowProblem::BadVillageCode { .. }
            | RowProblem::UnknownVillageCode { .. }
            | RowProblem::BadNumber { .. }
            | RowProblem::ScoreOutOfRange { .. }
            | RowProblem::ScoreNotMeanOfIndices { .. }
            | RowProblem::BadStatus { .. }
            | RowProblem::StatusContradictsScore { .. }
            | RowProblem::BadYear { .. }
            | RowProblem::DuplicateVillageInFile { .. }
            | RowProblem::NameDiffers { .. } => {}
        }
        assert_ne!(p.message(Lang::Id), p.message(Lang::En), "{p:?}");
        let json = serde_json::to_value(p).unwrap();
        assert_eq!(json["problem"], p.code(), "{json}");
        assert_eq!(&serde_json::from_value::<RowProblem>(json).unwrap(), p);
    }
    for lang in Lang::ALL {
        let mut seen = std::collections::HashSet::new();
        for p in &all {
            let text = p.message(lang);
            assert!(text.ends_with('.'), "{text}");
            assert!(seen.insert(text.clone()), "duplicate {text}");
        }
        for column in Column::ALL {
            let text = FileProblem::MissingColumn { column }.message(lang);
            assert!(text.ends_with('.'), "{text}");
            // Every column's label is read back as that column.
            assert_eq!(Column::from_header(column.label(lang)), Some(column));
        }
    }
}

#[test]
fn the_trend_reads_years_in_order_and_the_latest_sets_the_village() {
    let year = |year, iks: f32, ike, ikl| {
        IdmRecord::from_indices("64.02.04.2001".into(), year, iks, ike, ikl)
    };
    let records = [
        year(2025, 0.78, 0.70, 0.75),
        year(2023, 0.60, 0.58, 0.61),
        year(2024, 0.70, 0.62, 0.67),
    ];
    let t = trend(&records).unwrap();
    assert_eq!(
        t.by_year.iter().map(|r| r.year).collect::<Vec<_>>(),
        [2023, 2024, 2025]
    );
    assert_eq!(t.latest().year, 2025);
    assert_eq!(t.previous().map(|r| r.year), Some(2024));
    assert_eq!(t.direction(), Some(TrendDirection::Up));
    assert_eq!(t.summary(Lang::Id), "Berkembang 2024 → Maju 2025");
    assert_eq!(t.summary(Lang::En), "Developing 2024 → Advanced 2025");
    assert_eq!(t.score_change(), Some(0.08));

    let only = trend(&records[..1]).unwrap();
    assert_eq!(only.direction(), None);
    assert_eq!(only.summary(Lang::Id), "Maju 2025");
    assert_eq!(trend(&[]), None);

    let mut village = Gazetteer::east_kalimantan()
        .region("64.02")
        .unwrap()
        .catalog_villages()
        .into_iter()
        .find(|v| v.code.as_deref() == Some("64.02.04.2001"))
        .unwrap();
    assert_eq!(village.idm_status, None);
    assert!(village.apply_latest_idm(&records));
    assert_eq!(village.idm_status, Some(IdmStatus::Maju));
    assert_eq!(village.idm_score, Some(0.7433));
    // Another village's records leave it as it was.
    village.code = Some("64.02.02.2010".into());
    assert!(!village.apply_latest_idm(&records));
    assert_eq!(village.idm_status, Some(IdmStatus::Maju));
}
