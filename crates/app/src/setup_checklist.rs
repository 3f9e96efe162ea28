//! The administrator's first-run checklist: on a fresh installation the home page says what to do, in
//! order, until each step is done — the organisation's document settings, units and people from Excel
//! (with templates), the users and their roles, the first plan.

use crate::Caller;
use crate::error::Result;
use thidua_domain::policy::Action;
use thidua_store::{Db, orgs};

/// One step of the checklist.
#[derive(Debug, Clone)]
pub struct Step {
    pub title: &'static str,
    pub hint: &'static str,
    /// (link, text) of what to open for this step.
    pub links: Vec<(&'static str, &'static str)>,
    pub done: bool,
}

/// The steps, or `None` once every one is done (or for those who do not set the system up).
pub async fn checklist(db: &Db, caller: &Caller) -> Result<Option<Vec<Step>>> {
    let org_id = caller.org_id();
    if !caller.can(Action::ManageUsers { org_id }) {
        return Ok(None);
    }
    let mut tx = db.begin_read().await?;
    let p = orgs::setup_progress(&mut tx, org_id).await?;
    tx.commit().await?;
    let steps = vec![
        Step {
            title: "Thông tin cơ quan và thiết lập văn bản",
            hint: "Tên cơ quan chủ quản, cơ quan ban hành, địa danh, ký hiệu văn bản, người ký, nơi nhận: dùng cho mọi quyết định, tờ trình, biên bản, bằng khen.",
            links: vec![("/settings/documents", "Thiết lập văn bản")],
            done: p.doc_settings,
        },
        Step {
            title: "Đơn vị và cá nhân từ tệp Excel",
            hint: "Tải tệp mẫu (có hai dòng ví dụ), điền danh sách của cơ quan rồi nhập; tệp có lỗi sẽ được báo từng dòng, từng cột và không nhập dòng nào.",
            links: vec![
                ("/data/template/units.xlsx", "Mẫu danh sách đơn vị"),
                ("/data/template/people.xlsx", "Mẫu danh sách cá nhân"),
                ("/data", "Nhập dữ liệu"),
            ],
            done: p.units && p.people,
        },
        Step {
            title: "Người dùng và vai trò",
            hint: "Tạo tài khoản cho Thường trực Hội đồng, cán bộ thi đua của các đơn vị, thành viên Hội đồng, Chủ tịch.",
            links: vec![("/users/new", "Thêm người dùng")],
            done: p.users,
        },
        Step {
            title: "Kế hoạch thi đua đầu tiên",
            hint: "Soạn kế hoạch trên màn hình, hoặc nhập từ văn bản kế hoạch đã ban hành (Word, PDF).",
            links: vec![
                ("/campaigns/new", "Soạn kế hoạch"),
                ("/campaigns/import", "Nhập từ văn bản"),
            ],
            done: p.campaigns,
        },
    ];
    Ok((!steps.iter().all(|s| s.done)).then_some(steps))
}
