//! Runtime configuration, from command-line flags with environment fallbacks, so the same
//! binary runs under `cargo xtask run`, in tests (ephemeral port, temp data dir) and on a host.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use etalase_model::gazetteer::{Gazetteer, DEFAULT_REGION};
use etalase_model::{Date, FxRate};

/// Where the server listens and where it keeps and finds its files.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind. Defaults to loopback: exposing it is a deliberate choice.
    pub addr: SocketAddr,
    /// Directory holding the SQLite database, the catalog snapshots and uploaded photos.
    pub data_dir: PathBuf,
    /// Directory of the built app (Trunk's `dist/`).
    pub dist_dir: PathBuf,
    /// Fill an empty database with the demo catalog on first start.
    pub seed_demo: bool,
    /// With the demo: also this many generated listings (`synthetic_catalog`), to measure
    /// the app at a realistic size. `None`: the demo catalog alone.
    pub demo_listings: Option<usize>,
    /// Indicative exchange rate for USD prices (`ETALASE_USD_RATE=16250@2026-11-01`).
    pub fx: Option<FxRate>,
    /// New inquiries accepted per client address in 10 minutes.
    pub inquiry_limit: usize,
    /// Proxies whose `X-Forwarded-For` names the client (rate limits count per client).
    pub trusted_proxies: Vec<IpAddr>,
    /// The villages the catalog knows: a Kemendagri code prefix of the gazetteer
    /// (`64.02`, Kutai Kartanegara, by default; `64` for all of East Kalimantan), checked.
    pub region: String,
    /// Buyer pages answer the app's bare shell, as before the server wrote them: a switch
    /// for an operator should a written page be wrong, and the page benchmark's reference.
    pub bare_pages: bool,
    /// The site's public address (`https://etalase.example`), for links in notices; `None`:
    /// the address the server is bound to.
    pub public_url: Option<String>,
    /// Where e-mail notices go out; `None`: e-mail is off.
    pub mail: Option<MailConfig>,
    /// Above this many published listings, phones search through the server
    /// (`CardIndex::searched_by_server`) instead of building a search index of their own.
    pub search_on_server_above: usize,
}

/// The SMTP relay notices are sent through, and the sender's address.
#[derive(Clone)]
pub struct MailConfig {
    /// `smtp://host:port` (plain, for a relay on loopback), `smtps://…` (TLS), or
    /// `smtp://…?tls=required` (STARTTLS, the submission port); user and password in the URL.
    pub smtp_url: String,
    /// `Etalase Desa <pemberitahuan@etalase.example>`.
    pub from: String,
}

// The URL may carry a password: never print it.
impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// A flag or variable the server could not understand.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown argument {0:?} (try --help)")]
    UnknownArgument(String),
    #[error("{flag} needs a value")]
    MissingValue { flag: String },
    #[error("invalid {what}: {value:?}")]
    Invalid { what: &'static str, value: String },
    #[error("{0}")]
    Conflict(&'static str),
}

pub const USAGE: &str = "\
etalase-server: serves Etalase Desa

  --host ADDR      address to bind        (env HOST, default 127.0.0.1)
  --port N         port, 0 = any free one (env PORT, default 8080)
  --data-dir DIR   database, catalog, photos (env ETALASE_DATA_DIR, default ./data)
  --dist DIR       built app to serve     (env ETALASE_DIST, default ./dist)
  --no-demo        do not seed demo data into an empty database (env ETALASE_DEMO=0)
  --demo-listings N  with the demo data, also N generated listings (deterministic,
                   the search benchmarks' catalog), e.g. 10000 to measure the app at
                   size; only into an empty database (env ETALASE_DEMO_LISTINGS)
  --usd-rate R@D   indicative rupiah per US dollar and its date, or none
                   (env ETALASE_USD_RATE, default 16250@2026-11-01)
  --inquiry-limit N  new inquiries per client address in 10 minutes
                   (env ETALASE_INQUIRY_LIMIT, default 10)
  --trusted-proxy IPS  comma-separated addresses of proxies in front (nginx); their
                   X-Forwarded-For names the client for rate limits
                   (env ETALASE_TRUSTED_PROXIES, default none)
  --region CODE    the villages sellers can join, by Kemendagri code: 64.02 is Kutai
                   Kartanegara, 64 all of East Kalimantan (env ETALASE_REGION, default 64.02)
  --public-url URL the site's address, for links in e-mails (env ETALASE_PUBLIC_URL,
                   default the address bound)
  --search-on-server-above N  above N published listings, phones send each search to
                   the server instead of searching the catalog themselves
                   (env ETALASE_SEARCH_ON_SERVER_ABOVE, default 20000)
  --bare-pages     answer buyer pages with the app's bare shell: no page head, first
                   view or 404s written from the catalog (env ETALASE_BARE_PAGES=1)

ETALASE_SMTP_URL=smtp://host:port | smtps://user:pass@host | smtp://…:587?tls=required
ETALASE_MAIL_FROM='Etalase Desa <pemberitahuan@example.id>'
                   send e-mail notices (buyers' receipts and answers, sellers' new
                   inquiries) through this relay; without both, e-mail is off

DATABASE_URL=postgres://user:password@host:port/db
                   store everything in PostgreSQL instead of the embedded SQLite file,
                   so several replicas can share it (ETALASE_PG_POOL: connections, 16);
                   the data dir then holds only the catalog files and photos

etalase-server backup --data-dir DIR --to DIR
                   copy the database and photos while the server runs (backup --help)
";

impl Config {
    /// Reads flags (`args` without the program name) over environment variables over defaults.
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut host = env("HOST").unwrap_or_else(|| "127.0.0.1".into());
        let mut port = env("PORT").unwrap_or_else(|| "8080".into());
        let mut data_dir = env("ETALASE_DATA_DIR").unwrap_or_else(|| "data".into());
        let mut dist_dir = env("ETALASE_DIST").unwrap_or_else(|| "dist".into());
        let mut seed_demo = env("ETALASE_DEMO").is_none_or(|v| v != "0");
        let mut usd = env("ETALASE_USD_RATE").unwrap_or_else(|| DEFAULT_USD_RATE.into());
        let mut inquiry_limit = env("ETALASE_INQUIRY_LIMIT").unwrap_or_else(|| "10".into());

        let mut demo_listings = env("ETALASE_DEMO_LISTINGS");
        let mut trusted = env("ETALASE_TRUSTED_PROXIES").unwrap_or_default();
        let mut region = env("ETALASE_REGION").unwrap_or_else(|| DEFAULT_REGION.into());
        let mut bare_pages = env("ETALASE_BARE_PAGES").is_some_and(|v| v == "1");
        let mut public_url = env("ETALASE_PUBLIC_URL");
        let mut search_above = env("ETALASE_SEARCH_ON_SERVER_ABOVE")
            .unwrap_or_else(|| DEFAULT_SEARCH_ON_SERVER_ABOVE.to_string());

        walk_args(args, |mut flag| {
            match flag.name() {
                "--host" => host = flag.value()?,
                "--port" => port = flag.value()?,
                "--data-dir" => data_dir = flag.value()?,
                "--dist" => dist_dir = flag.value()?,
                "--no-demo" => seed_demo = false,
                "--demo-listings" => demo_listings = Some(flag.value()?),
                "--usd-rate" => usd = flag.value()?,
                "--inquiry-limit" => inquiry_limit = flag.value()?,
                "--trusted-proxy" => trusted = flag.value()?,
                "--region" => region = flag.value()?,
                "--bare-pages" => bare_pages = true,
                "--public-url" => public_url = Some(flag.value()?),
                "--search-on-server-above" => search_above = flag.value()?,
                _ => return Err(flag.unknown()),
            }
            Ok(())
        })?;
        let ip: IpAddr = host.parse().map_err(|_| ConfigError::Invalid {
            what: "host",
            value: host.clone(),
        })?;
        let port: u16 = port.parse().map_err(|_| ConfigError::Invalid {
            what: "port",
            value: port.clone(),
        })?;
        let inquiry_limit =
            inquiry_limit
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ConfigError::Invalid {
                    what: "inquiry limit",
                    value: inquiry_limit.clone(),
                })?;
        let search_on_server_above =
            search_above
                .trim()
                .parse()
                .map_err(|_| ConfigError::Invalid {
                    what: "number of listings above which phones search through the server",
                    value: search_above.clone(),
                })?;
        let demo_listings = demo_listings
            .map(|n| {
                n.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_DEMO_LISTINGS).contains(n))
                    .ok_or(ConfigError::Invalid {
                        what: "number of demo listings (1 to 100000)",
                        value: n.clone(),
                    })
            })
            .transpose()?;
        if demo_listings.is_some() && !seed_demo {
            return Err(ConfigError::Conflict(
                "--demo-listings adds to the demo data, which --no-demo (ETALASE_DEMO=0) turns off",
            ));
        }
        let trusted_proxies = trusted
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse().map_err(|_| ConfigError::Invalid {
                    what: "trusted proxy address",
                    value: t.to_string(),
                })
            })
            .collect::<Result<_, _>>()?;
        let region = region.trim().to_string();
        if Gazetteer::east_kalimantan().region(&region).is_err() {
            return Err(ConfigError::Invalid {
                what: "region (a code in East Kalimantan's gazetteer, e.g. 64.02 or 64)",
                value: region,
            });
        }
        let public_url = public_url
            .map(|url| {
                let url = url.trim().trim_end_matches('/').to_string();
                let host = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                match host {
                    Some(h) if !h.is_empty() && !h.contains(['/', '?', '#', ' ']) => Ok(url),
                    _ => Err(ConfigError::Invalid {
                        what: "public URL (http(s)://host[:port], no path)",
                        value: url,
                    }),
                }
            })
            .transpose()?;
        let non_empty = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        let mail = match (
            non_empty(env("ETALASE_SMTP_URL")),
            non_empty(env("ETALASE_MAIL_FROM")),
        ) {
            (Some(smtp_url), Some(from)) => Some(MailConfig { smtp_url, from }),
            (None, None) => None,
            _ => {
                return Err(ConfigError::Conflict(
                    "e-mail needs both ETALASE_SMTP_URL and ETALASE_MAIL_FROM",
                ))
            }
        };
        if mail.is_some() && public_url.is_none() {
            // Links in e-mails must reach the site from the recipient's inbox, not from the
            // server's own bind address.
            return Err(ConfigError::Conflict(
                "e-mail needs the site's public address: set ETALASE_PUBLIC_URL (or --public-url)",
            ));
        }
        Ok(Config {
            region,
            bare_pages,
            public_url,
            mail,
            trusted_proxies,
            addr: SocketAddr::new(ip, port),
            data_dir: data_dir.into(),
            dist_dir: dist_dir.into(),
            seed_demo,
            demo_listings,
            fx: parse_fx(&usd)?,
            inquiry_limit,
            search_on_server_above,
        })
    }

    /// A configuration for tests: any free loopback port, the given directories.
    pub fn for_test(data_dir: PathBuf, dist_dir: PathBuf) -> Config {
        Config {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            data_dir,
            dist_dir,
            seed_demo: true,
            demo_listings: None,
            fx: parse_fx(DEFAULT_USD_RATE).ok().flatten(),
            inquiry_limit: 10,
            region: DEFAULT_REGION.into(),
            bare_pages: false,
            trusted_proxies: Vec::new(),
            public_url: None,
            mail: None,
            search_on_server_above: DEFAULT_SEARCH_ON_SERVER_ABOVE,
        }
    }

    /// What the catalog snapshots are published with.
    pub fn publishing(&self) -> Publishing {
        Publishing {
            fx: self.fx,
            search_on_server_above: self.search_on_server_above,
        }
    }
}

/// What the server adds to the store's catalog when it publishes a snapshot.
#[derive(Debug, Clone, Copy)]
pub struct Publishing {
    /// The indicative exchange rate the catalog shows USD prices at.
    pub fx: Option<FxRate>,
    /// See [`Config::search_on_server_above`].
    pub search_on_server_above: usize,
}

impl Default for Publishing {
    fn default() -> Self {
        Publishing {
            fx: None,
            search_on_server_above: DEFAULT_SEARCH_ON_SERVER_ABOVE,
        }
    }
}

/// Phones search the catalog themselves up to this many listings. Measured at 4× CPU
/// (BENCHMARKS.md): at 10,000 a keystroke's results take 57–92 ms p95 and the card index
/// is a few hundred kilobytes after brotli; at 100,000 the index is 5.6 MB and a keystroke
/// 179 ms p95, most of it filtering and counting every listing on the page's thread, which
/// grows with the catalog. Twice the size measured good, well short of the one measured bad.
pub const DEFAULT_SEARCH_ON_SERVER_ABOVE: usize = 20_000;

/// More would only test patience: 10,000 is the size the app is measured at.
const MAX_DEMO_LISTINGS: usize = 100_000;

/// Walks `--flag [value]` arguments for both the server and its subcommands, so every
/// command line gets the same handling of missing values and unknown flags. `each` sees
/// one flag at a time, takes its value if it has one, and refuses what it does not know.
pub fn walk_args(
    args: impl IntoIterator<Item = String>,
    mut each: impl FnMut(Flag<'_>) -> Result<(), ConfigError>,
) -> Result<(), ConfigError> {
    let mut args = args.into_iter();
    while let Some(name) = args.next() {
        each(Flag {
            name,
            rest: &mut args,
        })?;
    }
    Ok(())
}

/// One flag of [`walk_args`]: its name and, on request, the argument after it.
pub struct Flag<'a> {
    name: String,
    rest: &'a mut dyn Iterator<Item = String>,
}

impl Flag<'_> {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The flag's value (the next argument); an error naming the flag if there is none.
    pub fn value(&mut self) -> Result<String, ConfigError> {
        self.rest.next().ok_or_else(|| ConfigError::MissingValue {
            flag: self.name.clone(),
        })
    }

    /// The error for a flag this command does not take.
    pub fn unknown(self) -> ConfigError {
        ConfigError::UnknownArgument(self.name)
    }
}

/// A recent mid-market rate; operators set their own with the flag or variable.
const DEFAULT_USD_RATE: &str = "16250@2026-11-01";

/// `16250@2026-11-01` → rate and date; `none` → no USD figures.
fn parse_fx(s: &str) -> Result<Option<FxRate>, ConfigError> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let invalid = || ConfigError::Invalid {
        what: "usd rate (RATE@YYYY-MM-DD)",
        value: s.into(),
    };
    let (rate, date) = s.split_once('@').ok_or_else(invalid)?;
    let idr_per_usd: u32 = rate.trim().parse().map_err(|_| invalid())?;
    let as_of: Date = date.trim().parse().map_err(|_| invalid())?;
    if idr_per_usd == 0 {
        return Err(invalid());
    }
    Ok(Some(FxRate { idr_per_usd, as_of }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_are_loopback_8080() {
        let c = Config::from_args_and_env(Vec::new(), no_env).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert!(c.seed_demo);
    }

    #[test]
    fn flags_override_env() {
        let env = |k: &str| (k == "PORT").then(|| "9000".to_string());
        let c = Config::from_args_and_env(vec!["--port".into(), "9100".into()], env).unwrap();
        assert_eq!(c.addr.port(), 9100);
        let c = Config::from_args_and_env(Vec::new(), env).unwrap();
        assert_eq!(c.addr.port(), 9000);
    }

    #[test]
    fn phones_search_on_their_own_up_to_a_size() {
        let c = Config::from_args_and_env(Vec::new(), no_env).unwrap();
        assert_eq!(c.search_on_server_above, DEFAULT_SEARCH_ON_SERVER_ABOVE);
        let env = |k: &str| (k == "ETALASE_SEARCH_ON_SERVER_ABOVE").then(|| "500".to_string());
        assert_eq!(
            Config::from_args_and_env(Vec::new(), env)
                .unwrap()
                .publishing()
                .search_on_server_above,
            500
        );
        let flag = |v: &str| vec!["--search-on-server-above".to_string(), v.to_string()];
        let c = Config::from_args_and_env(flag("0"), env).unwrap();
        assert_eq!(c.search_on_server_above, 0, "the flag wins");
        for bad in ["", "-1", "many", "1e5"] {
            let r = Config::from_args_and_env(flag(bad), no_env);
            assert!(
                matches!(r, Err(ConfigError::Invalid { .. })),
                "{bad:?} must be refused: {r:?}"
            );
        }
    }

    #[test]
    fn usd_rate_parses_or_is_refused() {
        let c =
            Config::from_args_and_env(vec!["--usd-rate".into(), "15800@2026-10-01".into()], no_env)
                .unwrap();
        assert_eq!(c.fx.unwrap().idr_per_usd, 15_800);
        let c =
            Config::from_args_and_env(vec!["--usd-rate".into(), "none".into()], no_env).unwrap();
        assert!(c.fx.is_none());
        for bad in [
            "16000",
            "0@2026-01-01",
            "abc@2026-01-01",
            "16000@2026-13-01",
        ] {
            let r = Config::from_args_and_env(vec!["--usd-rate".into(), bad.into()], no_env);
            assert!(r.is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn the_region_is_kutai_kartanegara_unless_a_known_code_says_otherwise() {
        let c = Config::from_args_and_env(Vec::new(), no_env).unwrap();
        assert_eq!(c.region, "64.02");
        let env = |k: &str| (k == "ETALASE_REGION").then(|| "64".to_string());
        assert_eq!(
            Config::from_args_and_env(Vec::new(), env).unwrap().region,
            "64"
        );
        let c =
            Config::from_args_and_env(vec!["--region".into(), " 64.02.04 ".into()], env).unwrap();
        assert_eq!(c.region, "64.02.04", "the flag wins, trimmed");
        for bad in ["", "64.99", "31.71", "kukar", "64.2"] {
            let r = Config::from_args_and_env(vec!["--region".into(), bad.into()], no_env);
            assert!(
                matches!(r, Err(ConfigError::Invalid { .. })),
                "{bad:?} must be refused: {r:?}"
            );
        }
    }

    #[test]
    fn demo_listings_from_flag_or_env() {
        let c = Config::from_args_and_env(Vec::new(), no_env).unwrap();
        assert_eq!(c.demo_listings, None, "the plain demo by default");
        let c = Config::from_args_and_env(vec!["--demo-listings".into(), "10000".into()], no_env)
            .unwrap();
        assert_eq!(c.demo_listings, Some(10_000));
        assert!(c.seed_demo);
        let env = |k: &str| (k == "ETALASE_DEMO_LISTINGS").then(|| "500".to_string());
        let c = Config::from_args_and_env(Vec::new(), env).unwrap();
        assert_eq!(c.demo_listings, Some(500));
        for bad in ["0", "-5", "ten", "100001"] {
            let r = Config::from_args_and_env(vec!["--demo-listings".into(), bad.into()], no_env);
            assert!(
                matches!(r, Err(ConfigError::Invalid { .. })),
                "{bad} must be refused"
            );
        }
        let r = Config::from_args_and_env(
            vec!["--no-demo".into(), "--demo-listings".into(), "500".into()],
            no_env,
        );
        assert!(matches!(r, Err(ConfigError::Conflict(_))));
        assert!(USAGE.contains("--demo-listings N"), "documented in --help");
    }

    #[test]
    fn walker_hands_over_values_and_refuses_the_rest() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut seen = Vec::new();
        walk_args(args(&["--a", "1", "--b", "--c", "3"]), |mut flag| {
            let value = match flag.name() {
                "--a" | "--c" => Some(flag.value()?),
                "--b" => None,
                _ => return Err(flag.unknown()),
            };
            seen.push((flag.name().to_string(), value));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("--a".to_string(), Some("1".to_string())),
                ("--b".to_string(), None),
                ("--c".to_string(), Some("3".to_string())),
            ]
        );
        let r = walk_args(args(&["--a"]), |mut flag| flag.value().map(drop));
        assert!(matches!(r, Err(ConfigError::MissingValue { flag }) if flag == "--a"));
        let r = walk_args(args(&["--zzz"]), |flag| Err(flag.unknown()));
        assert!(matches!(r, Err(ConfigError::UnknownArgument(a)) if a == "--zzz"));
    }

    #[test]
    fn bad_input_is_named() {
        let err = Config::from_args_and_env(vec!["--port".into(), "http".into()], no_env);
        assert!(matches!(
            err,
            Err(ConfigError::Invalid { what: "port", .. })
        ));
        let err = Config::from_args_and_env(vec!["--data-dir".into()], no_env);
        assert!(matches!(err, Err(ConfigError::MissingValue { .. })));
        let err = Config::from_args_and_env(vec!["--frobnicate".into()], no_env);
        assert!(matches!(err, Err(ConfigError::UnknownArgument(_))));
    }
}
