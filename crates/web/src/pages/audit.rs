//! The audit log page: who changed what and when, with before/after values; filters by object, user, date.

use super::{Layout, local_time, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_app::audit_log::{self, AuditPage as LogPage};
use thidua_app::model::{AuditFilter, AuditRow};
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(page))
}

const OBJECT_TYPES: [(&str, &str); 16] = [
    ("unit", "Đơn vị"),
    ("person", "Cá nhân"),
    ("cluster", "Cụm, khối"),
    ("campaign", "Kế hoạch, phong trào"),
    ("registration", "Đăng ký thi đua"),
    ("pact", "Giao ước thi đua"),
    ("progress_report", "Báo cáo chỉ tiêu"),
    ("submission", "Văn bản gửi theo thời hạn"),
    ("user", "Người dùng"),
    ("import", "Nhập dữ liệu"),
    ("rule_file", "Tệp dữ liệu quy tắc"),
    ("meeting", "Phiên họp Hội đồng"),
    ("decision", "Quyết định khen thưởng"),
    ("nomination", "Hồ sơ đề nghị khen thưởng"),
    ("notification", "Thông báo"),
    ("statistics", "Báo cáo thống kê"),
];

/// The Vietnamese name of an audit action code.
pub fn action_label(code: &str) -> &'static str {
    match code {
        "unit.create" => "Thêm đơn vị",
        "unit.update" => "Sửa đơn vị",
        "unit.rename" => "Đổi tên đơn vị",
        "unit.merge" => "Sáp nhập đơn vị",
        "unit.split" => "Chia tách đơn vị",
        "unit.import" => "Nhập danh sách đơn vị",
        "person.create" => "Thêm cá nhân",
        "person.update" => "Sửa cá nhân",
        "person.import" => "Nhập danh sách cá nhân",
        "cluster.create" => "Thêm cụm, khối",
        "cluster.update" => "Sửa cụm, khối",
        "user.create" => "Thêm người dùng",
        "user.update" => "Sửa người dùng",
        "user.login" => "Đăng nhập",
        "user.logout" => "Đăng xuất",
        "token.create" => "Tạo khóa API",
        "token.revoke" => "Thu hồi khóa API",
        "demo.seed" => "Tạo dữ liệu mẫu",
        "doc_settings.update" => "Sửa thiết lập văn bản",
        "register.take" => "Cấp số văn bản",
        "decision.create" => "Ban hành quyết định khen thưởng",
        "decision.revoke" => "Hủy khen thưởng (Luật TĐKT Điều 93)",
        "nomination.forward_up" => "Trình cấp trên",
        "campaign.create" => "Thêm kế hoạch",
        "campaign.update" => "Sửa kế hoạch",
        "campaign.launch" => "Phát động kế hoạch",
        "meeting.create" => "Lên lịch phiên họp Hội đồng",
        "meeting.agenda_add" => "Đưa hồ sơ vào chương trình họp",
        "meeting.agenda_remove" => "Rút hồ sơ khỏi chương trình họp",
        "meeting.open" => "Mở bỏ phiếu phiên họp",
        "meeting.vote" => "Biểu quyết tại phiên họp",
        "meeting.conflict" => "Khai báo xung đột lợi ích",
        "meeting.paper" => "Nhập phiếu giấy, ý kiến bằng văn bản",
        "meeting.close" => "Kết thúc phiên họp, lập biên bản",
        "campaign.close" => "Kết thúc đợt thi đua",
        "campaign.copy" => "Sao chép kế hoạch",
        "statistics.entry" => "Nhập số liệu báo cáo thống kê",
        "campaign.import" => "Nhập kế hoạch từ văn bản",
        "campaign.theme.add" => "Thêm chuyên đề",
        "campaign.theme.update" => "Sửa chuyên đề",
        "campaign.theme.delete" => "Xóa chuyên đề",
        "campaign.target.add" => "Thêm chỉ tiêu",
        "campaign.target.update" => "Sửa chỉ tiêu",
        "campaign.target.delete" => "Xóa chỉ tiêu",
        "campaign.deadline.add" => "Thêm thời hạn",
        "campaign.deadline.update" => "Sửa thời hạn",
        "campaign.deadline.delete" => "Xóa thời hạn",
        "campaign.award_form.add" => "Thêm hình thức khen thưởng",
        "campaign.award_form.delete" => "Xóa hình thức khen thưởng",
        "campaign.quota.add" => "Thêm số lượng tối đa",
        "campaign.quota.delete" => "Xóa số lượng tối đa",
        "registration.create" => "Đăng ký thi đua",
        "registration.update" => "Sửa đăng ký thi đua",
        "pact.sign" => "Ký giao ước thi đua",
        "pact.update" => "Sửa giao ước thi đua",
        "progress.report" => "Báo cáo kết quả chỉ tiêu",
        "submission.create" => "Gửi văn bản theo thời hạn",
        "nomination.create" => "Lập hồ sơ đề nghị khen thưởng",
        "nomination.update" => "Sửa hồ sơ đề nghị khen thưởng",
        "nomination.document" => "Thêm tài liệu vào hồ sơ đề nghị",
        "nomination.submit" => "Gửi hồ sơ đề nghị khen thưởng",
        "nomination.forward" => "Chuyển hồ sơ đến Thường trực Hội đồng",
        "nomination.return" => "Trả lại hồ sơ đề nghị",
        "nomination.withdraw" => "Thu hồi hồ sơ đề nghị",
        "nomination.accept" => "Thẩm định, chấp nhận hồ sơ đề nghị",
        "notification.read" => "Đánh dấu thông báo là đã đọc",
        "notification.read_all" => "Đánh dấu tất cả thông báo là đã đọc",
        "ledger.award.create" => "Thêm khen thưởng",
        "ledger.award.update" => "Sửa khen thưởng",
        "ledger.rating.create" => "Thêm xếp loại",
        "ledger.rating.update" => "Sửa xếp loại",
        "ledger.discipline.create" => "Thêm kỷ luật",
        "ledger.initiative.create" => "Thêm sáng kiến",
        "ledger.import" => "Nhập lịch sử khen thưởng",
        "rules.file.update" => "Sửa tệp dữ liệu quy tắc",
        "rules.file.restore" => "Khôi phục tệp dữ liệu quy tắc",
        _ => "Thao tác khác",
    }
}

pub struct AuditLine {
    pub at: String,
    pub user_name: String,
    pub action: &'static str,
    pub object_id: String,
    pub label: String,
    pub changes: Vec<(String, String, String)>,
}

/// Fields that differ between the before and after JSON objects (bookkeeping fields left out);
/// unit ids are shown by name and dates as dd/mm/yyyy.
fn changes(r: &AuditRow, names: &HashMap<String, String>) -> Vec<(String, String, String)> {
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
    };
    let (before, after) = (parse(&r.before_json), parse(&r.after_json));
    let (Some(serde_json::Value::Object(b)), Some(serde_json::Value::Object(a))) = (before, after)
    else {
        return Vec::new();
    };
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "—".to_string(),
        Some(serde_json::Value::String(s)) => match names.get(s) {
            Some(name) => name.clone(),
            None if s.len() == 10 && thidua_domain::date::parse(s).is_some() => {
                thidua_domain::date::iso_to_vn(s)
            }
            None => s.clone(),
        },
        Some(serde_json::Value::Bool(b)) => {
            if *b {
                "có".into()
            } else {
                "không".into()
            }
        }
        Some(other) => other.to_string(),
    };
    a.iter()
        .filter(|(k, v)| {
            !matches!(k.as_str(), "version" | "updated_at" | "path" | "unit_path")
                && b.get(*k) != Some(*v)
        })
        .map(|(k, v)| (field_label(k).to_string(), show(b.get(k)), show(Some(v))))
        .collect()
}

/// The Vietnamese name of a stored field, for the before/after column.
fn field_label(key: &str) -> &str {
    match key {
        "code" => "Mã",
        "name" => "Tên",
        "short_name" => "Tên viết tắt",
        "kind" => "Loại",
        "level" => "Cấp",
        "parent_id" => "Đơn vị cấp trên",
        "valid_from" => "Hiệu lực từ",
        "valid_to" => "Hiệu lực đến",
        "successor_id" => "Đơn vị kế thừa",
        "full_name" => "Họ và tên",
        "gender" => "Giới tính",
        "birth_date" => "Ngày sinh",
        "position" => "Chức vụ",
        "direct_worker" => "Lao động trực tiếp",
        "unit_id" => "Đơn vị",
        "role" => "Vai trò",
        "scope_unit_id" => "Đơn vị phụ trách",
        "active" => "Hoạt động",
        "year" => "Năm",
        "leader_unit_id" => "Cụm trưởng",
        "deputy_unit_id" => "Cụm phó",
        "number" => "Số, ký hiệu",
        "issued_on" => "Ngày ban hành",
        "issuer" => "Cơ quan ban hành",
        "place" => "Địa danh",
        "title" => "Tên",
        "period_from" => "Từ ngày",
        "period_to" => "Đến ngày",
        "signer_title" => "Chức vụ người ký",
        "signer_name" => "Người ký",
        "purposes" => "Mục đích, yêu cầu",
        "content" => "Nội dung",
        "participants_note" => "Đối tượng thi đua",
        "participant_ids" => "Đơn vị tham gia",
        "status" => "Trạng thái",
        "lead_unit_id" => "Đơn vị chủ trì",
        "lead_name" => "Đơn vị chủ trì (theo kế hoạch)",
        "coordinating_ids" => "Đơn vị phối hợp",
        "text" => "Nội dung",
        "comparator" => "Phép so sánh",
        "threshold" => "Mức",
        "measure" => "Đơn vị tính",
        "scope" => "Phạm vi",
        "theme_id" => "Chuyên đề",
        "what" => "Việc phải làm",
        "opens_on" => "Từ ngày",
        "due_on" => "Hạn chót",
        "recurrence" => "Lặp lại",
        "repeat_until" => "Lặp đến ngày",
        "addressees" => "Đơn vị thực hiện",
        "unit_kind" => "Loại đơn vị",
        "recipient" => "Gửi đến",
        "titles" => "Danh hiệu đăng ký",
        "targets" => "Chỉ tiêu",
        "note" => "Ghi chú",
        "signed_on" => "Ngày ký",
        "member_ids" => "Thành viên",
        "value" => "Kết quả",
        "reported_on" => "Ngày số liệu",
        "comment" => "Nhận xét",
        "sent_on" => "Ngày gửi",
        "document_number" => "Số văn bản",
        "files" => "Tệp đính kèm",
        other => other,
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    rows: Vec<AuditLine>,
    types: Vec<(&'static str, &'static str)>,
    users: Vec<(String, String)>,
    object_type: String,
    object_id: String,
    user_id: String,
    from: String,
    to: String,
    error: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    #[serde(default)]
    object_type: String,
    #[serde(default)]
    object_id: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: i64,
}

const PAGE: i64 = 100;

/// The filter the query asks for, and the message about a date that is not one.
fn filter_of(q: &AuditQuery) -> (AuditFilter, Option<String>) {
    let mut error = None;
    let mut date = |raw: &str, label: &str| {
        if raw.trim().is_empty() {
            return None;
        }
        let d = thidua_domain::date::parse(raw).map(thidua_domain::date::iso);
        if d.is_none() {
            error = Some(format!(
                "{label} \u{201c}{raw}\u{201d} không phải ngày hợp lệ; hãy nhập dạng ngày/tháng/năm."
            ));
        }
        d
    };
    let from = date(&q.from, "Từ ngày");
    let to = date(&q.to, "Đến ngày");
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let filter = AuditFilter {
        object_type: some(&q.object_type),
        object_id: some(&q.object_id),
        user_id: some(&q.user_id),
        from,
        to,
    };
    (filter, error)
}

/// The link to the page after `page`, with the same filter.
fn next_link(q: &AuditQuery, page: i64) -> String {
    let mut s = format!("/audit?page={}", page + 1);
    for (k, v) in [
        ("object_type", &q.object_type),
        ("object_id", &q.object_id),
        ("user_id", &q.user_id),
        ("from", &q.from),
        ("to", &q.to),
    ] {
        if !v.is_empty() {
            s.push_str(&format!("&{k}="));
            s.extend(form_urlencoded::byte_serialize(v.as_bytes()));
        }
    }
    s
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::ViewAudit {
        org_id: ctx.org_id(),
    })?;
    let (filter, error) = filter_of(&q);
    let page = q.page.max(0);
    let LogPage {
        rows,
        users,
        unit_names: names,
    } = audit_log::page(&state.db, &ctx, &filter, PAGE, page * PAGE).await?;
    let next = (rows.len() as i64 == PAGE).then(|| next_link(&q, page));
    let rows = rows
        .into_iter()
        .map(|r| AuditLine {
            changes: changes(&r, &names),
            at: local_time(&r.at),
            user_name: r.user_name,
            action: action_label(&r.action),
            object_id: r.object_id,
            label: r.object_label,
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        status,
        &AuditPage {
            l: Layout::new(&ctx, "audit"),
            rows,
            types: OBJECT_TYPES.to_vec(),
            users,
            object_type: q.object_type,
            object_id: q.object_id,
            user_id: q.user_id,
            from: q.from,
            to: q.to,
            error,
            next,
        },
    ))
}
