//! The catalog benchmark: `GET /api/catalog` from our server and from nginx, measured by wrk.

use std::path::Path;
use std::process::Command;

use super::http::{decode, http_get};
use super::nginx::{self, BROTLI_MODULE};
use super::process::start_server;
use super::{have, version_line, Bins, Plan};
use crate::step;

/// What wrk reported for one run.
#[derive(Debug, Clone, Default)]
pub(super) struct Wrk {
    pub(super) rps: f64,
    pub(super) p50_ms: f64,
    pub(super) p99_ms: f64,
    pub(super) requests: u64,
    pub(super) errors: u64,
}

pub(super) struct CatalogRun {
    pub(super) encoding: &'static str,
    pub(super) round: usize,
    pub(super) ours: Wrk,
    pub(super) nginx: Wrk,
}

pub(super) struct Catalog {
    pub(super) runs: Vec<CatalogRun>,
    pub(super) sizes: Vec<(&'static str, usize)>,
    pub(super) nginx_version: String,
    pub(super) wrk_version: String,
    pub(super) plan_wrk: String,
    pub(super) pinned: bool,
}

pub(super) fn catalog(bins: &Bins, work: &Path, plan: &Plan) -> Result<Catalog, String> {
    let pinned = have("taskset", &["-V"]);
    step(&format!(
        "catalog: our server and nginx on CPU 0, wrk on CPU 1 (-t1 -c{} -d{}s), {} round(s)",
        plan.wrk_connections, plan.wrk_secs, plan.rounds
    ));
    let dir = work.join("catalog");
    let dist = dir.join("dist");
    let www = dir.join("www/api");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&www).map_err(|e| e.to_string())?;
    let (mut ours, base) = start_server(bins, &dir.join("data"), &dist, &[], Some(0), None)?;
    let our_addr = base.trim_start_matches("http://").to_string();

    // The bytes our server serves, per encoding, as nginx's precompressed files.
    let has_brotli = Path::new(BROTLI_MODULE).exists();
    let mut encodings: Vec<(&'static str, &'static str)> = Vec::new();
    if has_brotli {
        encodings.push(("br", "catalog.br"));
    }
    encodings.push(("gzip", "catalog.gz"));
    let (status, headers, json) = http_get(&our_addr, "/api/catalog", None)?;
    if status != 200 {
        return Err(format!("our catalog answered {status}"));
    }
    std::fs::write(www.join("catalog"), &json).map_err(|e| e.to_string())?;
    let mut sizes = vec![("identity", json.len())];
    for (encoding, file) in &encodings {
        let (status, h, body) = http_get(&our_addr, "/api/catalog", Some(encoding))?;
        let served = h
            .iter()
            .find(|(k, _)| k == "content-encoding")
            .map(|(_, v)| v.as_str());
        if status != 200 || served != Some(encoding) {
            return Err(format!(
                "our catalog with Accept-Encoding {encoding}: {status}, {served:?}"
            ));
        }
        if decode(encoding, &body)? != json {
            return Err(format!(
                "our {encoding} catalog does not decode to the JSON"
            ));
        }
        std::fs::write(www.join(file), &body).map_err(|e| e.to_string())?;
        sizes.push((encoding, body.len()));
    }

    let (mut nginx, nginx_addr) = nginx::start(&dir, &dir.join("www"), &headers, pinned)?;
    // nginx must answer with exactly our bytes, per encoding.
    for (encoding, _) in &encodings {
        let (_, _, mine) = http_get(&our_addr, "/api/catalog", Some(encoding))?;
        let (status, _, theirs) = http_get(&nginx_addr, "/api/catalog", Some(encoding))?;
        if status != 200 || theirs != mine {
            return Err(format!(
                "nginx's {encoding} catalog differs from ours ({status}, {} vs {} bytes)",
                theirs.len(),
                mine.len()
            ));
        }
    }

    let mut runs = Vec::new();
    for (encoding, _) in &encodings {
        for round in 0..plan.rounds {
            let measure = |addr: &str| wrk(addr, encoding, plan, pinned);
            // Alternate who goes first, so a drift of the machine's load hits both alike.
            let (o, n) = if round % 2 == 0 {
                let o = measure(&our_addr)?;
                (o, measure(&nginx_addr)?)
            } else {
                let n = measure(&nginx_addr)?;
                (measure(&our_addr)?, n)
            };
            println!(
                "   {encoding} round {}: ours {:.0} req/s p99 {:.2} ms, nginx {:.0} req/s p99 {:.2} ms, ratio {:.2}",
                round + 1,
                o.rps,
                o.p99_ms,
                n.rps,
                n.p99_ms,
                o.rps / n.rps
            );
            runs.push(CatalogRun {
                encoding,
                round,
                ours: o,
                nginx: n,
            });
        }
    }
    ours.stop();
    nginx.stop();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Catalog {
        runs,
        sizes,
        nginx_version: version_line("nginx", &["-v"]),
        wrk_version: version_line("wrk", &["-v"]),
        plan_wrk: format!(
            "wrk -t1 -c{} -d{}s --latency -H 'Accept-Encoding: …'",
            plan.wrk_connections, plan.wrk_secs
        ),
        pinned,
    })
}

pub(super) fn wrk(addr: &str, encoding: &str, plan: &Plan, pinned: bool) -> Result<Wrk, String> {
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "1", "wrk"]);
        c
    } else {
        Command::new("wrk")
    };
    let url = format!("http://{addr}/api/catalog");
    let out = command
        .args([
            "-t1",
            &format!("-c{}", plan.wrk_connections),
            &format!("-d{}s", plan.wrk_secs),
            "--latency",
            "-H",
            &format!("Accept-Encoding: {encoding}"),
            &url,
        ])
        .output()
        .map_err(|e| format!("cannot start wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "wrk failed ({}): {text}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    parse_wrk(&text).map_err(|e| format!("unreadable wrk output ({e}):\n{text}"))
}

/// Reads `Requests/sec`, the 50 % and 99 % latencies, the request count and errors.
pub(super) fn parse_wrk(text: &str) -> Result<Wrk, String> {
    let mut w = Wrk::default();
    let (mut rps, mut p50, mut p99, mut requests) = (None, None, None, None);
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", n] => rps = n.parse().ok(),
            ["50%", t] => p50 = latency_ms(t),
            ["99%", t] => p99 = latency_ms(t),
            [n, "requests", "in", ..] => requests = n.parse().ok(),
            ["Non-2xx", "or", "3xx", "responses:", n] => w.errors += n.parse::<u64>().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                w.errors += rest
                    .iter()
                    .filter_map(|t| t.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    w.rps = rps.ok_or("no Requests/sec")?;
    w.p50_ms = p50.ok_or("no 50% latency")?;
    w.p99_ms = p99.ok_or("no 99% latency")?;
    w.requests = requests.ok_or("no request count")?;
    if w.requests == 0 {
        return Err("no request completed".into());
    }
    Ok(w)
}

/// wrk's `1.23ms`, `456.00us`, `1.02s`, `2.00m` in milliseconds.
pub(super) fn latency_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = text.split_at(split);
    let n: f64 = n.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        "h" => n * 3_600_000.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK: &str = "Running 5s test @ http://127.0.0.1:8080/api/catalog
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  310.21us   9.87ms   91.00%
    Req/Sec    21.10k     1.02k   22.80k    78.00%
  Latency Distribution
     50%    1.48ms
     75%    1.60ms
     90%    1.78ms
     99%    2.51ms
  104987 requests in 5.00s, 1.21GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:  20996.12
Transfer/sec:    247.08MB
";

    #[test]
    fn reads_wrk_output() {
        let w = parse_wrk(WRK).unwrap();
        assert!((w.rps - 20996.12).abs() < 1e-6);
        assert!((w.p50_ms - 1.48).abs() < 1e-9);
        assert!((w.p99_ms - 2.51).abs() < 1e-9);
        assert_eq!((w.requests, w.errors), (104_987, 3));
        assert_eq!(latency_ms("456.00us"), Some(0.456));
        assert_eq!(latency_ms("1.02s"), Some(1020.0));
        assert!(parse_wrk("garbage").is_err());
    }
}
