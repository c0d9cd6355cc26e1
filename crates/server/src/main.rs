//! Binary entry: read configuration, open the store, bind, serve until SIGINT/SIGTERM; or,
//! as `etalase-server backup`, copy the data directory while a server runs; or, as
//! `etalase-server staff add`, create an operator's or facilitator's account.

use std::sync::Arc;

use anyhow::Context;
use etalase_server::blobs::uploads_dir;
use etalase_server::blobs::{BlobStore, CachedBlobs, LocalBlobs};
use etalase_server::push::vapid::VapidKey;
use etalase_server::snapshot::{catalog_dir, Snapshots};
use etalase_server::store::postgres::{PgStore, DATABASE_URL_ENV};
use etalase_server::store::sqlite::SqliteStore;
use etalase_server::store::Store;
use etalase_server::{app, AppState, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        // Logs on stderr; stdout carries only the "serving on" line that scripts read.
        .with_writer(std::io::stderr)
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "backup") {
        return backup(args.into_iter().skip(1).collect());
    }
    if args.first().is_some_and(|a| a == "staff") {
        return staff(args.into_iter().skip(1).collect()).await;
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", etalase_server::config::USAGE);
        return Ok(());
    }
    let config = Config::from_args_and_env(args, |k| std::env::var(k).ok())?;
    if !config.dist_dir.join("index.html").is_file() {
        tracing::warn!(dist = %config.dist_dir.display(), "no index.html: the app is not built, only the API is served");
    }
    remove_stale_temp_files(&config.data_dir);
    let (store, shared_blobs) = open_store(&config.data_dir).await?;
    etalase_server::region::add_villages(store.as_ref(), &config.region)
        .await
        .context("adding the region's villages")?;
    if config.seed_demo {
        etalase_server::demo_seed::seed_if_empty(
            store.as_ref(),
            config.demo_listings,
            etalase_server::clock::unix_now(),
        )
        .await
        .context("seeding demo data")?;
    }
    let snapshots = Snapshots::load(
        store.as_ref(),
        catalog_dir(&config.data_dir),
        config.publishing(),
    )
    .await
    .context("publishing the catalog snapshot")?;
    // Parts that lapsed while the server was down close before it serves, so the first
    // page anybody sees is already right; then the hourly job keeps them so.
    let catalog = snapshots.current().catalog.clone();
    let closed = etalase_server::expiry::expire_lapsed(
        store.as_ref(),
        etalase_server::clock::today_in_kalimantan(),
        |id| {
            catalog
                .seller(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        },
        etalase_server::expiry::Tell::Both,
    )
    .await
    .context("closing lapsed inquiry parts")?;
    if closed > 0 {
        tracing::info!(
            parts = closed,
            "closed parts that lapsed while the server was down"
        );
    }

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    let addr = listener.local_addr()?;
    // The VAPID key is made on first start and kept, so browsers' subscriptions outlive
    // restarts and every replica sends as the same server.
    let vapid = store
        .server_secret(
            etalase_server::push::VAPID_SECRET.into(),
            VapidKey::generate().to_stored(),
        )
        .await
        .context("reading the VAPID key")?;
    let vapid = VapidKey::from_stored(&vapid).context("reading the VAPID key")?;
    let mut state = AppState::new(store, config, snapshots).with_push_key(vapid.public_key());
    if let Some(blobs) = shared_blobs {
        state = state.with_blobs(blobs);
    }
    state.snapshots.follow_changes(Arc::clone(&state.store));
    start_notices(&state, addr, vapid)?;

    let shutdown = shutdown_signal();
    // The run command and the e2e harness read this line to learn the address.
    println!("Etalase Desa is serving on http://{addr}");
    // Connection info gives handlers the client address for sign-in rate limits.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("serving")?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Starts the notices' sender (e-mail through the configured relay, or off: said once here,
/// and recorded on each notice it would have sent; push with the server's VAPID key) and
/// the hourly closing of lapsed parts.
fn start_notices(
    state: &AppState,
    addr: std::net::SocketAddr,
    vapid: VapidKey,
) -> anyhow::Result<()> {
    use etalase_server::notices::sender::{Mail, Sender};
    use etalase_server::push::client::Pusher;
    let mail = state
        .config
        .mail
        .as_ref()
        .map(Mail::new)
        .transpose()
        .context("setting up e-mail")?;
    if mail.is_none() {
        tracing::info!("e-mail notices are off: set ETALASE_SMTP_URL and ETALASE_MAIL_FROM");
    }
    let site = state
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    // Push services write to this address about the site's messages: the operator's
    // mailbox if e-mail is set up, else the site itself.
    let subject = state
        .config
        .mail
        .as_ref()
        .and_then(|m| m.from.parse::<lettre::message::Mailbox>().ok())
        .map(|m| format!("mailto:{}", m.email))
        .unwrap_or_else(|| site.clone());
    let pusher = Pusher::new(vapid, subject).context("setting up push")?;
    Sender::new(
        Arc::clone(&state.store),
        mail,
        Some(pusher),
        site,
        state.notices.clone(),
    )
    .spawn();
    etalase_server::expiry::spawn(
        Arc::clone(&state.store),
        Arc::clone(&state.snapshots),
        state.notices.clone(),
    );
    Ok(())
}

/// The store `DATABASE_URL` names (PostgreSQL, shared by replicas, with the photos in it
/// and this data directory as their cache), or without it the embedded SQLite file in the
/// data directory (photos as files beside it: `None`).
async fn open_store(
    data_dir: &std::path::Path,
) -> anyhow::Result<(Arc<dyn Store>, Option<Arc<dyn BlobStore>>)> {
    match std::env::var(DATABASE_URL_ENV)
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) => {
            let store = PgStore::connect(&url)
                .await
                .with_context(|| format!("connecting to {DATABASE_URL_ENV} ({})", redact(&url)))?;
            tracing::info!(db = %redact(&url), "PostgreSQL database ready");
            let blobs = CachedBlobs::new(store.blobs(), LocalBlobs::new(uploads_dir(data_dir)));
            Ok((Arc::new(store), Some(Arc::new(blobs))))
        }
        None => {
            let store = SqliteStore::open(data_dir)
                .with_context(|| format!("opening the database in {}", data_dir.display()))?;
            tracing::info!(db = %store.path().display(), "database ready");
            Ok((Arc::new(store), None))
        }
    }
}

/// The URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// `etalase-server backup …`: one consistent copy, a summary on stdout.
fn backup(args: Vec<String>) -> anyhow::Result<()> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", etalase_server::backup::USAGE);
        return Ok(());
    }
    if std::env::var(DATABASE_URL_ENV).is_ok_and(|u| !u.trim().is_empty()) {
        anyhow::bail!(
            "{DATABASE_URL_ENV} is set: this server keeps its data in PostgreSQL, which \
             `backup` does not copy; use PostgreSQL's tools (pg_dump, or base backups with WAL \
             archiving). `backup` copies the embedded SQLite data directory."
        );
    }
    let (data_dir, to) = etalase_server::backup::parse_args(args, |k| std::env::var(k).ok())?;
    let m = etalase_server::backup::backup(&data_dir, &to)
        .with_context(|| format!("backing up {} to {}", data_dir.display(), to.display()))?;
    println!(
        "backup of {} in {}: schema {}, {} inquiries, {} sellers, {} products, {} photos ({} new, {} bytes), database {} bytes, integrity {}, {} ms",
        data_dir.display(),
        to.display(),
        m.schema_version,
        m.counts.inquiries,
        m.counts.sellers,
        m.counts.products,
        m.photos.count,
        m.photos.copied,
        m.photos.bytes,
        m.database.bytes,
        m.database.integrity,
        m.duration_ms,
    );
    Ok(())
}

/// `etalase-server staff add …`: one operator or facilitator account.
async fn staff(args: Vec<String>) -> anyhow::Result<()> {
    use etalase_server::staff_cli;
    if args.first().map(String::as_str) != Some("add")
        || args.iter().any(|a| a == "--help" || a == "-h")
    {
        print!("{}", staff_cli::USAGE);
        return Ok(());
    }
    let request = staff_cli::parse_args(args.into_iter().skip(1), |k| std::env::var(k).ok())?;
    let password = match std::env::var("ETALASE_STAFF_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("reading the password")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let (store, _) = open_store(&request.data_dir).await?;
    let profile = staff_cli::add(store.as_ref(), request, &password).await?;
    println!(
        "created {:?} account {} ({})",
        profile.role, profile.id, profile.name
    );
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM so in-flight requests finish before the process exits.
/// The handlers are installed when this is called, not when the future is first polled:
/// a SIGTERM that arrives right after the "serving on" line must drain, not kill.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        #[cfg(unix)]
        let terminate = async {
            match terminate.as_mut() {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("shutdown signal received, draining connections");
    }
}

/// Clears what an earlier process killed mid-write left in the directories it writes
/// atomically (photos, catalog snapshots, demo photos); they would otherwise stay forever.
fn remove_stale_temp_files(data_dir: &std::path::Path) {
    let dirs = [
        uploads_dir(data_dir),
        catalog_dir(data_dir),
        etalase_server::demo_images::photos_dir(data_dir),
    ];
    for dir in dirs {
        match etalase_server::snapshot::remove_stale_temp_files(
            &dir,
            std::time::Duration::from_secs(600),
        ) {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(dir = %dir.display(), files = n, "removed temp files left by an earlier process")
            }
            Err(err) => {
                tracing::warn!(dir = %dir.display(), error = %err, "could not clear old temp files")
            }
        }
    }
}
