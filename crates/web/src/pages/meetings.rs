//! Pages of council meetings: the list, the scheduling form, a meeting (agenda with dossier summaries,
//! voting and conflict forms for members, paper ballots, opening and closing for the standing office)
//! and the printable minutes. Every form calls a use case of `crate::ops::meetings`.

use super::{Flash, Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::meetings::close::{CloseInput, QUORUM};
use crate::ops::meetings::view::{MeetingSummary, MeetingView};
use crate::ops::meetings::{
    self as ops, ConflictInput, MeetingInput, PaperCount, PaperInput, VoteInput,
};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::date::iso_to_vn;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/meetings", get(list).post(create))
        .route("/meetings/new", get(new_form))
        .route("/meetings/{id}", get(show))
        .route("/meetings/{id}/agenda", post(agenda_add))
        .route("/meetings/{id}/agenda/{item}/remove", post(agenda_remove))
        .route("/meetings/{id}/open", post(open))
        .route("/meetings/{id}/vote", post(vote))
        .route("/meetings/{id}/conflict", post(conflict))
        .route("/meetings/{id}/paper", post(paper))
        .route("/meetings/{id}/close", post(close))
        .route("/meetings/{id}/minutes", get(minutes))
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<(MeetingSummary, String)>,
    can_manage: bool,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    let rows = ops::list(&state.db, &ctx)
        .await?
        .iter()
        .map(|m| (MeetingSummary::from(m), iso_to_vn(&m.held_on)))
        .collect();
    let can_manage = ctx.can(Action::ManageMeetings {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "meetings").with_flash(q.ok),
            rows,
            can_manage,
        },
    ))
}

#[derive(Deserialize, Default, Clone)]
struct MeetingForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    total_members: String,
    /// `secret` or `open`.
    #[serde(default)]
    ballot: String,
    #[serde(default)]
    chair_name: String,
    #[serde(default)]
    secretary_name: String,
    #[serde(default)]
    member_ids: Vec<String>,
}

impl MeetingForm {
    fn input(&self) -> MeetingInput {
        MeetingInput {
            title: self.title.clone(),
            held_on: self.held_on.clone(),
            place: Some(self.place.clone()),
            total_members: self.total_members.trim().parse().unwrap_or(0),
            secret_ballot: Some(self.ballot != "open"),
            chair_name: Some(self.chair_name.clone()),
            secretary_name: Some(self.secretary_name.clone()),
            member_ids: self.member_ids.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct FormPage {
    l: Layout,
    f: MeetingForm,
    v: Validation,
    members: Vec<(String, String)>,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    f: MeetingForm,
    v: Validation,
) -> AppResult<Response> {
    let members = ops::eligible_members(&state.db, ctx).await?;
    let status = super::form_status(&v, false);
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "meetings"),
            f,
            v,
            members,
        },
    ))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageMeetings {
        org_id: ctx.org_id(),
    })?;
    let f = MeetingForm {
        ballot: "secret".into(),
        held_on: thidua_domain::date::vn(crate::ops::today()),
        ..Default::default()
    };
    form_page(&state, &ctx, f, Validation::new()).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<MeetingForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(m) => Ok(see_other(
            &format!("/meetings/{}", m.id),
            "Đã lên lịch phiên họp; hãy thêm hồ sơ vào chương trình họp.",
        )),
        Err(AppError::Invalid(v)) => form_page(&state, &ctx, f, v).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    l: Layout,
    v: MeetingView,
    held_on: String,
    can_manage: bool,
    scheduled: bool,
    voting: bool,
    closed: bool,
    candidates: Vec<(String, String, String, String)>,
    quorum_pct: u32,
    /// A refused ballot or declaration: (agenda item id, why), shown at that item.
    problem: Option<(String, String)>,
    /// For the office on a closed meeting: the numbers of its minutes and Tờ trình (kind, name, number).
    numbers: Vec<(&'static str, &'static str, Option<String>)>,
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    show_page(&state, &ctx, &id, q.ok, None).await
}

/// The meeting page; with `problem`, a member's refused ballot or declaration is shown at its item
/// (status 422) instead of on an error page that loses the meeting.
async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    flash: Option<String>,
    problem: Option<(String, String)>,
) -> AppResult<Response> {
    let ops::MeetingPage {
        view: v,
        can_manage,
        candidates,
    } = ops::page(&state.db, ctx, id).await?;
    let scheduled = v.meeting.status == "scheduled";
    // A refusal about no item on this page is shown above the agenda.
    let problem = problem.map(|(item, why)| {
        if v.items.iter().any(|i| i.id == item) {
            (item, why)
        } else {
            (String::new(), why)
        }
    });
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let numbers = if v.meeting.status == "closed"
        && ctx.can(thidua_domain::policy::Action::ManageDocuments {
            org_id: ctx.org_id(),
        }) {
        thidua_app::registers::meeting_numbers(&state.db, ctx, id)
            .await?
            .into_iter()
            .map(|(kind, n)| {
                let name = if kind == "minutes" {
                    "biên bản"
                } else {
                    "tờ trình"
                };
                (kind, name, n)
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = ShowPage {
        numbers,
        l: Layout::new(ctx, "meetings").with_flash(flash),
        held_on: iso_to_vn(&v.meeting.held_on),
        can_manage,
        scheduled,
        voting: v.meeting.status == "open",
        closed: v.meeting.status == "closed",
        candidates,
        quorum_pct: (QUORUM * 100.0).round() as u32,
        problem,
        v,
    };
    Ok(render(status, &page))
}

#[derive(Deserialize, Default)]
struct AgendaForm {
    #[serde(default)]
    nomination_ids: Vec<String>,
}

async fn agenda_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AgendaForm>,
) -> AppResult<Response> {
    let added = ops::add_items(&state.db, &ctx, &id, &f.nomination_ids).await?;
    Ok(see_other(
        &format!("/meetings/{id}"),
        &format!("Đã đưa {} hồ sơ vào chương trình họp.", added.len()),
    ))
}

async fn agenda_remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, item)): Path<(String, String)>,
) -> AppResult<Response> {
    ops::remove_item(&state.db, &ctx, &id, &item).await?;
    Ok(see_other(
        &format!("/meetings/{id}"),
        "Đã rút hồ sơ khỏi chương trình họp.",
    ))
}

#[derive(Deserialize, Default)]
struct VersionForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    quota_cap: String,
}

async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    ops::open(&state.db, &ctx, &id, version_of(&f.version)).await?;
    Ok(see_other(
        &format!("/meetings/{id}"),
        "Đã mở bỏ phiếu; các thành viên đã được thông báo.",
    ))
}

#[derive(Deserialize, Default)]
struct ItemForm {
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    reason: String,
}

async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ItemForm>,
) -> AppResult<Response> {
    let r = ops::vote(
        &state.db,
        &ctx,
        &id,
        &VoteInput {
            item_id: f.item_id.clone(),
            choice: f.choice,
        },
    )
    .await;
    after_member_step(&state, &ctx, &id, &f.item_id, r, "Đã ghi nhận biểu quyết.").await
}

/// Where a member's ballot or declaration leads: back to the item, or the page with the refusal at it.
async fn after_member_step(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    item_id: &str,
    r: thidua_app::Result<()>,
    done: &str,
) -> AppResult<Response> {
    let why = match r.map_err(AppError::from) {
        Ok(()) => return Ok(see_other(&format!("/meetings/{id}#i-{item_id}"), done)),
        Err(AppError::BadRequest(m)) => m,
        Err(AppError::Invalid(v)) => v
            .errors
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join(" "),
        Err(e) => return Err(e),
    };
    show_page(state, ctx, id, None, Some((item_id.to_string(), why))).await
}

async fn conflict(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ItemForm>,
) -> AppResult<Response> {
    let r = ops::declare_conflict(
        &state.db,
        &ctx,
        &id,
        &ConflictInput {
            item_id: f.item_id.clone(),
            reason: Some(f.reason),
        },
    )
    .await;
    after_member_step(
        &state,
        &ctx,
        &id,
        &f.item_id,
        r,
        "Đã ghi nhận khai báo xung đột lợi ích; đồng chí không biểu quyết hồ sơ này.",
    )
    .await
}

fn number(raw: &str, label: &str, v: &mut Validation) -> i64 {
    let t = raw.trim();
    if t.is_empty() {
        return 0;
    }
    t.parse().unwrap_or_else(|_| {
        v.add(
            "items",
            "Phiếu giấy",
            format!("«{t}» ở ô {label} không phải là số."),
        );
        0
    })
}

/// The paper form: `agree.<item>`, `disagree.<item>`, `abstain.<item>`, `written` (user ids), `others_present`, `others_written`.
async fn paper(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut v = Validation::new();
    let mut input = PaperInput::default();
    for (k, val) in &fields {
        match k.split_once('.') {
            Some((kind @ ("agree" | "disagree" | "abstain"), item)) => {
                let n = number(val, "số phiếu", &mut v);
                let entry = match input.items.iter_mut().position(|p| p.item_id == item) {
                    Some(i) => &mut input.items[i],
                    None => {
                        input.items.push(PaperCount {
                            item_id: item.to_string(),
                            agree: 0,
                            disagree: 0,
                            abstain: 0,
                        });
                        let last = input.items.len() - 1;
                        &mut input.items[last]
                    }
                };
                match kind {
                    "agree" => entry.agree = n,
                    "disagree" => entry.disagree = n,
                    _ => entry.abstain = n,
                }
            }
            _ if k == "written" => input.written.push(val.clone()),
            _ if k == "others_present" => {
                input.others_present =
                    Some(number(val, "thành viên có mặt không có tài khoản", &mut v))
            }
            _ if k == "others_written" => {
                input.others_written = Some(number(
                    val,
                    "thành viên gửi văn bản không có tài khoản",
                    &mut v,
                ))
            }
            _ => {}
        }
    }
    if !v.is_ok() {
        return Err(AppError::Invalid(v));
    }
    ops::record_paper(&state.db, &ctx, &id, &input).await?;
    Ok(see_other(
        &format!("/meetings/{id}"),
        "Đã lưu phiếu giấy và ý kiến bằng văn bản.",
    ))
}

async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    let quota_cap = match f.quota_cap.trim() {
        "" => None,
        t => Some(t.parse::<i64>().map_err(|_| {
            let mut v = Validation::new();
            v.add(
                "quota_cap",
                "Chỉ tiêu",
                format!("Chỉ tiêu «{t}» không phải là số."),
            );
            AppError::Invalid(v)
        })?),
    };
    ops::close::close(
        &state.db,
        &ctx,
        &id,
        &CloseInput {
            version: version_of(&f.version),
            quota_cap,
        },
    )
    .await?;
    Ok(see_other(
        &format!("/meetings/{id}/minutes"),
        "Đã kết thúc phiên họp và lập biên bản.",
    ))
}

#[derive(Template)]
#[template(path = "meetings/minutes.html")]
struct MinutesPage {
    l: Layout,
    id: String,
    lines: Vec<String>,
}

async fn minutes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    let m = ops::row(&state.db, &ctx, &id).await?;
    let lines = m
        .minutes
        .as_deref()
        .unwrap_or("")
        .lines()
        .map(str::to_string)
        .collect();
    Ok(render(
        StatusCode::OK,
        &MinutesPage {
            l: Layout::new(&ctx, "meetings").with_flash(q.ok),
            id: m.id,
            lines,
        },
    ))
}
