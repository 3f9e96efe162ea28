//! The catalog of titles, forms and rule sets in force for the organisation (its edited copies of
//! the data files, or the shipped ones), with the list of data files for the office and the
//! administrator.

use super::{Flash, Layout, local_time, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::rule_files::{self, FileInfo};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use thidua_domain::date::vn;
use thidua_domain::policy::Action;
use thidua_rules::EntryKind;
use thidua_rules::text::money_vn;

pub struct EntryLine {
    pub name: String,
    pub kind: &'static str,
    pub subjects: String,
    pub deciders: String,
    pub money: String,
    pub statutory: bool,
    pub article: String,
    pub note: String,
}

pub struct SetLine {
    pub name: String,
    pub scope: String,
    pub from: String,
    pub to: String,
    pub in_force: bool,
}

/// A data file as listed: name, what it holds, shipped or edited, who saved it and when.
pub struct FileLine {
    pub name: String,
    pub label: String,
    pub edited: bool,
    pub version: i64,
    pub saved: String,
}

impl From<FileInfo> for FileLine {
    fn from(f: FileInfo) -> Self {
        let saved = match (&f.saved_by, &f.saved_at) {
            (Some(who), Some(at)) => format!("{who}, {}", local_time(at)),
            _ => String::new(),
        };
        FileLine {
            name: f.name,
            label: f.label,
            edited: f.edited,
            version: f.version,
            saved,
        }
    }
}

#[derive(Template)]
#[template(path = "catalog.html")]
struct CatalogPage {
    l: Layout,
    entries: Vec<EntryLine>,
    sets: Vec<SetLine>,
    salaries: Vec<(String, String, String)>,
    files: Vec<FileLine>,
    can_import: bool,
}

/// The catalog and rule sets in force for the organisation.
pub async fn catalog(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let r = crate::ops::honours::rules_for(&state.db, ctx.org_id()).await?;
    let today = crate::ops::today();
    let entries = r
        .catalog()
        .entries()
        .iter()
        .map(|e| EntryLine {
            name: e.name.clone(),
            kind: match e.kind {
                EntryKind::Title => "Danh hiệu thi đua",
                EntryKind::Form => "Hình thức khen thưởng",
                EntryKind::Local => "Hình thức của địa phương",
            },
            subjects: e
                .subjects
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "),
            deciders: e
                .authorities
                .iter()
                .filter(|a| a.valid_on(today))
                .map(|a| a.decider.clone())
                .collect::<Vec<_>>()
                .join("; "),
            money: [
                ("cá nhân", e.money_individual),
                ("tập thể", e.money_collective),
            ]
            .iter()
            .filter_map(|(w, m)| m.map(|m| format!("{w}: {} × lương cơ sở", m.label())))
            .collect::<Vec<_>>()
            .join("; "),
            statutory: e.statutory,
            article: e.article.clone(),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect();
    let sets = r
        .book()
        .sets()
        .iter()
        .map(|s| SetLine {
            name: s.name.clone(),
            scope: if s.jurisdiction.is_national() {
                "Toàn quốc".into()
            } else {
                format!("Tỉnh, thành phố ({})", s.jurisdiction)
            },
            from: vn(s.effective_from),
            to: s.effective_to.map(vn).unwrap_or_else(|| "—".into()),
            in_force: s.in_force_on(today),
        })
        .collect();
    let salaries = r
        .salaries()
        .rows()
        .iter()
        .map(|b| (vn(b.from), money_vn(b.amount), b.source.clone()))
        .collect();
    let files = if ctx.can(Action::ViewRuleFiles {
        org_id: ctx.org_id(),
    }) {
        rule_files::files(&state.db, &ctx)
            .await?
            .into_iter()
            .map(FileLine::from)
            .collect()
    } else {
        Vec::new()
    };
    let page = CatalogPage {
        l: Layout::new(&ctx, "catalog").with_flash(flash.ok),
        entries,
        sets,
        salaries,
        files,
        can_import: ctx.can(Action::ImportHonours {
            org_id: ctx.org_id(),
        }),
    };
    Ok(render(StatusCode::OK, &page))
}
