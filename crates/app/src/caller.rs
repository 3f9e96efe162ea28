//! Who acts: a user (from a browser session, an API token, or the demo and CLI acting for a named
//! account) or the system itself (jobs, the CLI), always for one organisation, with the one doorway
//! to the policy.

use crate::error::{Error, Result};
use thidua_domain::policy::{self, Action, Actor, Role};
use thidua_store::users::UserRow;
use thidua_store::{Db, Tx, units, users};

/// The one acting in a use case.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The account acting; for [`Caller::system`] an account that exists in no table (empty id).
    pub user: UserRow,
    pub actor: Actor,
    /// The hash of the browser session the caller acts through, when there is one (so changing a
    /// password can keep this session and end the others).
    pub session: Option<String>,
}

impl Caller {
    /// The system acting for an organisation (background jobs, the CLI): an administrator's rights,
    /// no account; audit rows name «Hệ thống».
    pub fn system(org_id: &str) -> Caller {
        let user = UserRow {
            id: String::new(),
            org_id: org_id.to_string(),
            username: "system".into(),
            full_name: "Hệ thống".into(),
            password_hash: String::new(),
            role: Role::Admin.code().into(),
            scope_unit_id: None,
            active: true,
            version: 0,
            created_at: String::new(),
            updated_at: String::new(),
        };
        Caller {
            actor: Actor {
                user_id: String::new(),
                org_id: org_id.to_string(),
                role: Role::Admin,
                scope_path: None,
            },
            user,
            session: None,
        }
    }

    /// The system under another name in the audit log (the command line: «Dòng lệnh»).
    pub fn named(mut self, name: &str) -> Caller {
        if self.is_system() {
            self.user.full_name = name.to_string();
        }
        self
    }

    /// A user's caller, or `None` when the account is inactive or its role unknown.
    pub async fn of_user(
        tx: &mut Tx,
        user: UserRow,
        session: Option<String>,
    ) -> Result<Option<Caller>> {
        if !user.active {
            return Ok(None);
        }
        let Some(role) = Role::parse(&user.role) else {
            return Ok(None);
        };
        let scope_path = match &user.scope_unit_id {
            Some(id) => units::get(tx, &user.org_id, id).await.ok().map(|u| u.path),
            None => None,
        };
        let actor = Actor {
            user_id: user.id.clone(),
            org_id: user.org_id.clone(),
            role,
            scope_path,
        };
        Ok(Some(Caller {
            user,
            actor,
            session,
        }))
    }

    /// The caller of a named account, for the demo and the CLI acting as that person (no request).
    pub async fn of_username(db: &Db, username: &str) -> Result<Caller> {
        let mut tx = db.begin_read().await?;
        let user = users::get_by_username(&mut tx, username)
            .await?
            .ok_or(Error::NotFound)?;
        let caller = Caller::of_user(&mut tx, user, None).await?;
        tx.commit().await?;
        caller.ok_or(Error::Forbidden)
    }

    pub fn org_id(&self) -> &str {
        &self.user.org_id
    }

    pub fn role(&self) -> Role {
        self.actor.role
    }

    /// True for [`Caller::system`].
    pub fn is_system(&self) -> bool {
        self.user.id.is_empty()
    }

    /// The account to record as author (`created_by`, `user_id` of the audit row); none for the system.
    pub fn user_ref(&self) -> Option<String> {
        (!self.is_system()).then(|| self.user.id.clone())
    }

    /// Asks the policy; out-of-scope becomes [`Error::NotFound`] and not-allowed [`Error::Forbidden`].
    pub fn authorize(&self, action: Action<'_>) -> Result<()> {
        policy::authorize(&self.actor, action).map_err(Error::from)
    }

    /// True when the policy allows the action (for showing or hiding buttons; never a substitute for
    /// [`Caller::authorize`]).
    pub fn can(&self, action: Action<'_>) -> bool {
        policy::authorize(&self.actor, action).is_ok()
    }

    /// The audit author name.
    pub fn author(&self) -> String {
        if self.is_system() {
            return self.user.full_name.clone();
        }
        format!("{} ({})", self.user.full_name, self.user.username)
    }
}
