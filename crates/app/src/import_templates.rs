//! The Excel templates for importing units and people: the importer's header row, two example rows
//! that import as they are (under the organisation's own body), and a sheet «Hướng dẫn» with the
//! values each column accepts.

use crate::Caller;
use crate::error::{Error, Result};
use crate::export::workbook;
use crate::import::{PERSON_HEADERS, UNIT_HEADERS};
use thidua_domain::date::vn;
use thidua_domain::person::PersonKind;
use thidua_domain::policy::Action;
use thidua_store::{Db, units};

fn guide(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(c, t)| (c.to_string(), t.clone()))
        .collect()
}

/// The body's code and level name, the kinds' and levels' names.
async fn context(db: &Db, caller: &Caller) -> Result<(String, String, Vec<String>, Vec<String>)> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let root = units::root(&mut tx, caller.org_id()).await?;
    let kinds: Vec<String> = units::kinds(&mut tx)
        .await?
        .into_iter()
        .map(|k| k.name)
        .collect();
    let today = thidua_domain::date::iso(crate::today());
    let levels = units::levels(&mut tx, &today).await?;
    tx.commit().await?;
    let (code, level) = match root {
        Some(r) => {
            let level = levels
                .iter()
                .find(|l| l.code == r.level)
                .map_or(r.level.clone(), |l| l.name.clone());
            (r.code, level)
        }
        None => (String::new(), String::new()),
    };
    Ok((
        code,
        level,
        kinds,
        levels.into_iter().map(|l| l.name).collect(),
    ))
}

fn bytes(r: anyhow::Result<Vec<u8>>) -> Result<Vec<u8>> {
    r.map_err(Error::Internal)
}

/// The units template: a department of the body and a residential group under it.
pub async fn units(db: &Db, caller: &Caller) -> Result<Vec<u8>> {
    let (root, level, kinds, levels) = context(db, caller).await?;
    let from = format!("01/01/{}", crate::today().year());
    let rows = vec![
        vec![
            "PHONG-VHXH".into(),
            "Phòng Văn hóa - Xã hội".into(),
            "Phòng VHXH".into(),
            "Phòng, ban, cơ quan chuyên môn".into(),
            level,
            root.clone(),
            from.clone(),
        ],
        vec![
            "TDP-01".into(),
            "Tổ dân phố số 1".into(),
            String::new(),
            "Khu phố, tổ dân phố".into(),
            "Cơ sở".into(),
            root.clone(),
            from,
        ],
    ];
    let help = guide(&[
        ("Cách dùng", "Thay hai dòng ví dụ ở trang đầu bằng danh sách của cơ quan (giữ dòng tiêu đề), rồi nhập tại trang «Nhập, xuất». Tệp có lỗi không được nhập dòng nào; lỗi được báo theo dòng và cột.".into()),
        ("Mã đơn vị", "Bắt buộc, không trùng; chữ, số, dấu gạch ngang.".into()),
        ("Loại đơn vị", kinds.join("; ")),
        ("Cấp", levels.join("; ")),
        ("Mã đơn vị cấp trên", format!("Mã của một đơn vị đã có hoặc ở dòng phía trên; cơ quan của bạn có mã {root}.")),
        ("Ngày hiệu lực", "Ngày/tháng/năm đơn vị bắt đầu hoạt động, ví dụ 01/07/2025.".into()),
    ]);
    bytes(workbook(&UNIT_HEADERS, rows, "Đơn vị", &help))
}

/// The people template: two people of the body.
pub async fn people(db: &Db, caller: &Caller) -> Result<Vec<u8>> {
    let (root, _, _, _) = context(db, caller).await?;
    let born = |d, m, y| {
        time::Date::from_calendar_date(y, m, d)
            .map(vn)
            .unwrap_or_default()
    };
    let rows = vec![
        vec![
            "Nguyễn Văn An".into(),
            "Nam".into(),
            born(15, time::Month::March, 1980),
            "Trưởng phòng".into(),
            PersonKind::CivilServant.label().into(),
            "không".into(),
            root.clone(),
        ],
        vec![
            "Trần Thị Bình".into(),
            "Nữ".into(),
            born(2, time::Month::September, 1992),
            "Tổ trưởng tổ dân phố".into(),
            PersonKind::Citizen.label().into(),
            "có".into(),
            root.clone(),
        ],
    ];
    let kinds: Vec<&str> = PersonKind::ALL.iter().map(|k| k.label()).collect();
    let help = guide(&[
        ("Cách dùng", "Thay hai dòng ví dụ ở trang đầu bằng danh sách cá nhân (giữ dòng tiêu đề), rồi nhập tại trang «Nhập, xuất».".into()),
        ("Giới tính", "Nam hoặc Nữ.".into()),
        ("Ngày sinh", "Ngày/tháng/năm, ví dụ 15/03/1980; có thể để trống.".into()),
        ("Đối tượng", kinds.join("; ")),
        ("Lao động trực tiếp", "có hoặc không (công nhân, nông dân, người lao động trực tiếp sản xuất).".into()),
        ("Mã đơn vị", format!("Mã đơn vị nơi cá nhân công tác; cơ quan của bạn có mã {root}.")),
    ]);
    bytes(workbook(&PERSON_HEADERS, rows, "Cá nhân", &help))
}
