//! `etalase-server staff add …`: creates a cooperative operator, facilitator or admin
//! account. The district's first admin is made here; later accounts can be too.
//!
//! Staff accounts are given out by the district (DPMD), not self-registered, so they are
//! made on the server's machine. The password comes from `ETALASE_STAFF_PASSWORD` or the
//! first line of standard input, never from the command line (shell history, `ps`).

use std::path::PathBuf;

use etalase_model::cooperative::{StaffProfile, StaffRole};
use etalase_model::rules::{new_id, normalize_whatsapp, PASSWORD_MIN_CHARS};

use crate::config::{walk_args, ConfigError};
use crate::store::Store;

pub const USAGE: &str = "\
etalase-server staff add: create a cooperative operator, facilitator or admin account

  --data-dir DIR        the server's data directory (env ETALASE_DATA_DIR, default ./data)
  --role ROLE           operator | facilitator | admin (the district's DPMD)
  --cooperative SLUG    the village slug of the operator's cooperative (operators only)
  --name NAME           the person's name, shown in listing and inquiry histories
  --whatsapp NUMBER     their WhatsApp number, used to sign in

The password is read from ETALASE_STAFF_PASSWORD, else from the first line of stdin.
";

/// What `staff add` was asked to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRequest {
    pub data_dir: PathBuf,
    pub profile: StaffProfile,
    pub whatsapp: String,
}

/// Reads `staff add` flags (after the words `staff add`).
pub fn parse_args(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<StaffRequest, ConfigError> {
    let mut data_dir = env("ETALASE_DATA_DIR").unwrap_or_else(|| "data".into());
    let (mut role, mut cooperative, mut name, mut whatsapp) = (None, None, None, None);
    walk_args(args, |mut flag| {
        match flag.name() {
            "--data-dir" => data_dir = flag.value()?,
            "--role" => role = Some(flag.value()?),
            "--cooperative" => cooperative = Some(flag.value()?),
            "--name" => name = Some(flag.value()?),
            "--whatsapp" => whatsapp = Some(flag.value()?),
            _ => return Err(flag.unknown()),
        }
        Ok(())
    })?;
    let missing = |flag: &str| ConfigError::MissingValue { flag: flag.into() };
    let role = match role.ok_or_else(|| missing("--role"))?.as_str() {
        "operator" => StaffRole::Operator,
        "facilitator" => StaffRole::Facilitator,
        "admin" => StaffRole::Admin,
        other => {
            return Err(ConfigError::Invalid {
                what: "role",
                value: other.into(),
            })
        }
    };
    if (role == StaffRole::Operator) != cooperative.is_some() {
        return Err(ConfigError::Conflict(
            "--cooperative is required for an operator and refused for other roles",
        ));
    }
    let name = name.ok_or_else(|| missing("--name"))?.trim().to_string();
    let raw = whatsapp.ok_or_else(|| missing("--whatsapp"))?;
    let whatsapp = normalize_whatsapp(&raw).ok_or(ConfigError::Invalid {
        what: "WhatsApp number",
        value: raw,
    })?;
    let suffix = whatsapp.trim_start_matches('+');
    Ok(StaffRequest {
        data_dir: data_dir.into(),
        profile: StaffProfile {
            id: new_id(&name, &suffix[suffix.len().saturating_sub(4)..]),
            name,
            role,
            cooperative,
        },
        whatsapp,
    })
}

/// Why `staff add` failed.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("the password must have at least {PASSWORD_MIN_CHARS} characters")]
    WeakPassword,
    #[error("no village {0:?} in the catalog")]
    UnknownCooperative(String),
    #[error("{0} already has a staff account, or the id is taken")]
    Taken(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("hashing the password: {0}")]
    Hash(String),
}

/// Creates the account in the store.
pub async fn add(
    store: &dyn Store,
    request: StaffRequest,
    password: &str,
) -> Result<StaffProfile, StaffError> {
    if (password.chars().count() as u32) < PASSWORD_MIN_CHARS {
        return Err(StaffError::WeakPassword);
    }
    if let Some(slug) = &request.profile.cooperative {
        if !store.village_exists(slug.clone()).await? {
            return Err(StaffError::UnknownCooperative(slug.clone()));
        }
    }
    let hash = crate::auth::password::hash(password).map_err(StaffError::Hash)?;
    if !store
        .create_staff(request.profile.clone(), request.whatsapp.clone(), hash)
        .await?
    {
        return Err(StaffError::Taken(request.whatsapp));
    }
    Ok(request.profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_operator_needs_a_cooperative_and_a_facilitator_has_none() {
        let op = parse_args(
            args(&[
                "--role",
                "operator",
                "--cooperative",
                "sepatin",
                "--name",
                "Siti Aminah",
                "--whatsapp",
                "0812 3456 7001",
            ]),
            |_| None,
        )
        .unwrap();
        assert_eq!(op.profile.role, StaffRole::Operator);
        assert_eq!(op.profile.cooperative.as_deref(), Some("sepatin"));
        assert_eq!(op.whatsapp, "+6281234567001");
        assert_eq!(op.profile.id, "siti-aminah-7001");
        assert_eq!(op.data_dir, PathBuf::from("data"));

        let no_coop = parse_args(
            args(&[
                "--role",
                "operator",
                "--name",
                "X",
                "--whatsapp",
                "081234567001",
            ]),
            |_| None,
        );
        assert!(
            matches!(no_coop, Err(ConfigError::Conflict(_))),
            "{no_coop:?}"
        );
        let facilitator_with_coop = parse_args(
            args(&[
                "--role",
                "facilitator",
                "--cooperative",
                "sepatin",
                "--name",
                "X",
                "--whatsapp",
                "081234567001",
            ]),
            |_| None,
        );
        assert!(matches!(
            facilitator_with_coop,
            Err(ConfigError::Conflict(_))
        ));
        let landline = parse_args(
            args(&[
                "--role",
                "facilitator",
                "--name",
                "X",
                "--whatsapp",
                "0541 734 000",
            ]),
            |_| None,
        );
        assert!(matches!(landline, Err(ConfigError::Invalid { .. })));
    }
}
