//! The audit row of a change, built next to the change it records and written in its transaction:
//! `Audit::new("person.update", "person", &id, &name).before(&old).after(&new).write(tx, caller)`.

use crate::Caller;
use crate::error::Result;
use serde::Serialize;
use serde_json::Value;
use thidua_store::Tx;
use thidua_store::audit::{self, AuditEntry};

/// One audit row: what was done to which object, and the object before and after.
#[must_use = "an audit row is only kept once written"]
pub struct Audit<'a> {
    action: &'a str,
    object_type: &'a str,
    object_id: &'a str,
    label: &'a str,
    before: Option<Value>,
    after: Option<Value>,
}

impl<'a> Audit<'a> {
    /// `action` (`person.update`) on the object `object_type`/`object_id`, shown as `label`.
    pub fn new(action: &'a str, object_type: &'a str, object_id: &'a str, label: &'a str) -> Self {
        Audit {
            action,
            object_type,
            object_id,
            label,
            before: None,
            after: None,
        }
    }

    /// The object before the change.
    pub fn before<B: Serialize + ?Sized>(mut self, before: &B) -> Self {
        self.before = serde_json::to_value(before).ok();
        self
    }

    /// The object after the change.
    pub fn after<A: Serialize + ?Sized>(mut self, after: &A) -> Self {
        self.after = serde_json::to_value(after).ok();
        self
    }

    /// The object before the change, when there was one.
    pub fn before_opt<B: Serialize>(self, before: Option<&B>) -> Self {
        match before {
            Some(b) => self.before(b),
            None => self,
        }
    }

    /// The object after the change, when there is one.
    pub fn after_opt<A: Serialize>(self, after: Option<&A>) -> Self {
        match after {
            Some(a) => self.after(a),
            None => self,
        }
    }

    /// Writes the row in `tx`, authored by `caller`.
    pub async fn write(self, tx: &mut Tx, caller: &Caller) -> Result<()> {
        let author = caller.author();
        let user_id = caller.user_ref();
        audit::record(
            tx,
            AuditEntry {
                org_id: caller.org_id(),
                user_id: user_id.as_deref(),
                user_name: &author,
                action: self.action,
                object_type: self.object_type,
                object_id: self.object_id,
                object_label: self.label,
                before: self.before,
                after: self.after,
            },
        )
        .await?;
        Ok(())
    }
}
