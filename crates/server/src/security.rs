//! Response headers that limit what a page served from here may do.
//!
//! The Content-Security-Policy allows scripts from this origin only, plus the inline module
//! Trunk writes into each HTML shell (`index.html`, `penjual.html`) to start its app, by its
//! SHA-256 (never `unsafe-inline` for scripts). The hashes are read from the built shells
//! when the server starts, so a rebuild can never leave the policy and the page out of step;
//! so is the variant the server writes public pages into.
//! `wasm-unsafe-eval` lets the pages and the photo worker compile their WebAssembly; it does
//! not allow `eval` of strings.

use std::path::Path;

use axum::http::{header, HeaderName, HeaderValue};
use base64::Engine;
use etalase_model::AppArea;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy for the apps in `dist`: the hashes of the inline scripts of both HTML shells
/// (buyer's and seller's), or none if there is no built app (an API-only deployment).
pub fn content_security_policy(dist: &Path) -> HeaderValue {
    let mut hashes: Vec<String> = Vec::new();
    for area in AppArea::ALL {
        let html = std::fs::read_to_string(dist.join(area.shell())).unwrap_or_default();
        // A written page starts the app a little later (`pages::start_after_load`).
        let written = crate::pages::start_after_load(&html);
        for script in inline_scripts(&html)
            .into_iter()
            .chain(inline_scripts(&written))
        {
            let hash = format!(" 'sha256-{}'", sha256_base64(script));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
    }
    let hashes = hashes.concat();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
         worker-src 'self' blob:; font-src 'self'; manifest-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = &after[tag_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            found.push(&body_start[..close]);
        }
        rest = &body_start[close..];
    }
    found
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// Every security header, as layers to add to the router (outermost last).
pub fn header_layers(csp: HeaderValue) -> [SetResponseHeaderLayer<HeaderValue>; 7] {
    let set =
        |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::if_not_present(name, value);
    [
        set(header::CONTENT_SECURITY_POLICY, csp),
        set(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        set(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        // For browsers that predate frame-ancestors.
        set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        set(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        set(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        // The camera is reached through the file input, which needs no permission; nothing
        // here needs location, microphone or payment APIs.
        set(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "geolocation=(), microphone=(), camera=(), payment=(), usb=()",
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_byte_for_byte() {
        let html =
            "<head><script type=\"module\">\nimport init from '/app.js';\nawait init();\n</script>\
                    <script src=\"/x.js\"></script><script>a()</script></head>";
        let scripts = inline_scripts(html);
        assert_eq!(
            scripts,
            ["\nimport init from '/app.js';\nawait init();\n", "a()"]
        );
        // Known vector: the CSP hash of `alert('Hello, world.');` (CSP spec example).
        assert_eq!(
            sha256_base64("alert('Hello, world.');"),
            "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    #[test]
    fn policy_names_each_inline_script_and_never_unsafe_inline() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<script type=\"module\">start()</script>",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("penjual.html"),
            "<script type=\"module\">startSeller()</script>",
        )
        .unwrap();
        let csp = content_security_policy(dir.path());
        let csp = csp.to_str().unwrap();
        for script in ["start()", "startSeller()"] {
            assert!(
                csp.contains(&format!("'sha256-{}'", sha256_base64(script))),
                "{script}: {csp}"
            );
        }
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        // No app built: still a strict policy.
        let empty = content_security_policy(&dir.path().join("missing"));
        assert!(empty
            .to_str()
            .unwrap()
            .starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
    }
}
