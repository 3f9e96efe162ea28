//! The texts of the e-mails: one template per kind of mail (subject and body, minijinja), with a
//! default written here and an organisation's own version saved by its administrator. Templates are
//! checked strictly when saved (a misspelt variable is named), rendered leniently when sent (a mail
//! never fails for a template).

use crate::Caller;
use crate::error::{Error, Result};
use crate::org_setting::{self, AuditAs};
use minijinja::{Environment, UndefinedBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::{Db, Tx};

/// A mail's subject and body templates.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailTemplate {
    pub subject: String,
    pub body: String,
}

/// One kind of mail: its code, Vietnamese name, variables (name, meaning) and default texts.
pub struct Kind {
    pub code: &'static str,
    pub name: &'static str,
    pub variables: &'static [(&'static str, &'static str)],
    pub subject: &'static str,
    pub body: &'static str,
    /// Example values for the preview and the strict check.
    sample: fn() -> Value,
}

const FOOTER: &str = "\n\n--\nThư này do hệ thống Thi đua – Khen thưởng gửi tự động. Muốn đổi cách nhận thư, hãy vào «Tài khoản».";

pub const KINDS: [Kind; 7] = [
    Kind {
        code: "reminder",
        name: "Nhắc hạn gửi báo cáo, hồ sơ",
        variables: &[
            ("name", "người nhận"),
            ("unit", "đơn vị"),
            ("what", "việc phải gửi"),
            ("due", "hạn (dd/mm/yyyy)"),
            ("days", "số ngày còn lại (0: hôm nay)"),
            ("missed", "đã quá hạn (true/false)"),
            ("campaign", "kế hoạch, phong trào"),
            ("link", "địa chỉ trang gửi"),
        ],
        subject: "{% if missed %}Quá hạn: {{ unit }} chưa gửi «{{ what }}»{% elif days == 0 %}Hôm nay là hạn cuối gửi «{{ what }}»{% else %}Nhắc hạn: còn {{ days }} ngày đến hạn gửi «{{ what }}»{% endif %}",
        body: "Kính gửi {{ name }},\n\n{% if missed %}Đơn vị {{ unit }} chưa gửi «{{ what }}», hạn ngày {{ due }}{% elif days == 0 %}Hôm nay ({{ due }}) là hạn cuối để {{ unit }} gửi «{{ what }}»{% else %}Còn {{ days }} ngày đến hạn {{ unit }} gửi «{{ what }}» ({{ due }}){% endif %} — {{ campaign }}.\n\nXem và gửi tại: {{ link }}",
        sample: || json!({"name": "Nguyễn Thị Hoa", "unit": "Phường Bạch Đằng", "what": "Báo cáo sơ kết 6 tháng", "due": "15/06/2026", "days": 3, "missed": false, "campaign": "Phong trào thi đua yêu nước năm 2026", "link": "https://thidua.example.vn/campaigns/1/deadlines/2/submit"}),
    },
    Kind {
        code: "escalation",
        name: "Báo thủ trưởng đơn vị khi quá hạn",
        variables: &[
            ("name", "thủ trưởng đơn vị"),
            ("unit", "đơn vị"),
            ("what", "việc phải gửi"),
            ("due", "hạn (dd/mm/yyyy)"),
            ("days_late", "số ngày quá hạn"),
            ("campaign", "kế hoạch, phong trào"),
            ("link", "địa chỉ trang gửi"),
        ],
        subject: "{{ unit }} đã quá hạn {{ days_late }} ngày gửi «{{ what }}»",
        body: "Kính gửi {{ name }},\n\nĐến nay đơn vị {{ unit }} vẫn chưa gửi «{{ what }}» theo {{ campaign }}, hạn ngày {{ due }} (quá {{ days_late }} ngày). Đề nghị đồng chí chỉ đạo cán bộ phụ trách gửi ngay.\n\nXem tại: {{ link }}",
        sample: || json!({"name": "Trần Văn Nam", "unit": "Phường Bạch Đằng", "what": "Báo cáo sơ kết 6 tháng", "due": "15/06/2026", "days_late": 5, "campaign": "Phong trào thi đua yêu nước năm 2026", "link": "https://thidua.example.vn/campaigns/1/deadlines/2/submit"}),
    },
    Kind {
        code: "notice",
        name: "Thông báo (hồ sơ, kế hoạch, phiên họp…)",
        variables: &[
            ("name", "người nhận"),
            ("text", "nội dung thông báo"),
            ("link", "địa chỉ trang"),
        ],
        subject: "{{ text }}",
        body: "Kính gửi {{ name }},\n\n{{ text }}\n\nXem tại: {{ link }}",
        sample: || json!({"name": "Nguyễn Thị Hoa", "text": "Hồ sơ đề nghị khen thưởng của Phường Bạch Đằng được trả lại để bổ sung.", "link": "https://thidua.example.vn/nominations/1"}),
    },
    Kind {
        code: "digest",
        name: "Thư tổng hợp hằng ngày",
        variables: &[
            ("name", "người nhận"),
            ("date", "ngày (dd/mm/yyyy)"),
            ("count", "số thông báo"),
            ("items", "danh sách thông báo, mỗi mục có text và link"),
        ],
        subject: "Thi đua – Khen thưởng: {{ count }} thông báo ngày {{ date }}",
        body: "Kính gửi {{ name }},\n\nTừ thư trước đến nay có {{ count }} thông báo:\n{% for item in items %}\n{{ loop.index }}. {{ item.text }}\n   {{ item.link }}\n{% endfor %}",
        sample: || json!({"name": "Nguyễn Thị Hoa", "date": "04/12/2026", "count": 2, "items": [{"text": "Nhắc hạn: còn 3 ngày đến hạn gửi «Báo cáo quý IV».", "link": "https://thidua.example.vn/campaigns/1"}, {"text": "Hồ sơ của Phường Bạch Đằng đã được thẩm định.", "link": "https://thidua.example.vn/nominations/1"}]}),
    },
    Kind {
        code: "password_reset",
        name: "Đặt lại mật khẩu",
        variables: &[
            ("name", "người nhận"),
            ("username", "tên đăng nhập"),
            ("link", "liên kết đặt lại (dùng một lần)"),
            ("minutes", "số phút liên kết còn hiệu lực"),
        ],
        subject: "Đặt lại mật khẩu tài khoản {{ username }}",
        body: "Kính gửi {{ name }},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản «{{ username }}». Để đặt mật khẩu mới, hãy mở liên kết sau trong {{ minutes }} phút (chỉ dùng được một lần):\n\n{{ link }}\n\nNếu không phải bạn yêu cầu, hãy bỏ qua thư này: mật khẩu cũ vẫn dùng được.",
        sample: || json!({"name": "Nguyễn Thị Hoa", "username": "canbo.bachdang", "link": "https://thidua.example.vn/password/reset/abc", "minutes": 60}),
    },
    Kind {
        code: "password_changed",
        name: "Báo mật khẩu đã đổi",
        variables: &[
            ("name", "người nhận"),
            ("username", "tên đăng nhập"),
            ("when", "thời điểm (giờ Việt Nam)"),
            ("how", "đổi bằng cách nào"),
        ],
        subject: "Mật khẩu tài khoản {{ username }} vừa được đổi",
        body: "Kính gửi {{ name }},\n\nMật khẩu tài khoản «{{ username }}» đã được đổi lúc {{ when }} ({{ how }}). Các phiên đăng nhập cũ đã kết thúc.\n\nNếu không phải bạn hoặc quản trị viên đổi, hãy báo ngay cho quản trị viên hệ thống.",
        sample: || json!({"name": "Nguyễn Thị Hoa", "username": "canbo.bachdang", "when": "09:15 04/12/2026", "how": "qua liên kết đặt lại mật khẩu"}),
    },
    Kind {
        code: "token_changed",
        name: "Báo khóa API được tạo, thu hồi",
        variables: &[
            ("name", "người nhận"),
            ("username", "tên đăng nhập"),
            ("token", "tên khóa"),
            ("created", "được tạo (true) hay thu hồi (false)"),
            ("when", "thời điểm (giờ Việt Nam)"),
        ],
        subject: "Khóa API «{{ token }}» của tài khoản {{ username }} vừa được {% if created %}tạo{% else %}thu hồi{% endif %}",
        body: "Kính gửi {{ name }},\n\nKhóa API «{{ token }}» của tài khoản «{{ username }}» đã được {% if created %}tạo{% else %}thu hồi{% endif %} lúc {{ when }}.\n\nNếu không phải bạn làm việc này, hãy báo ngay cho quản trị viên hệ thống.",
        sample: || json!({"name": "Nguyễn Thị Hoa", "username": "canbo.bachdang", "token": "Đồng bộ số liệu", "created": true, "when": "09:15 04/12/2026"}),
    },
];

pub fn kind(code: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.code == code)
}

fn setting_name(code: &str) -> String {
    format!("mail_template.{code}")
}

impl Kind {
    fn default_template(&self) -> MailTemplate {
        MailTemplate {
            subject: self.subject.into(),
            body: self.body.into(),
        }
    }

    pub fn sample(&self) -> Value {
        (self.sample)()
    }
}

/// The organisation's template of a kind (its own or the default) and its version (0: default).
pub async fn load(tx: &mut Tx, org_id: &str, k: &Kind) -> Result<(MailTemplate, i64)> {
    org_setting::load(tx, org_id, &setting_name(k.code), || k.default_template()).await
}

fn environment(strict: bool) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(if strict {
        UndefinedBehavior::Strict
    } else {
        UndefinedBehavior::Lenient
    });
    env
}

/// A rendered mail: subject on one line, body with the common footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

fn render_with(
    env: &Environment<'_>,
    t: &MailTemplate,
    vars: &Value,
) -> std::result::Result<Rendered, (String, String)> {
    let subject = env
        .render_str(&t.subject, vars)
        .map_err(|e| ("subject".to_string(), describe(&e)))?;
    let body = env
        .render_str(&t.body, vars)
        .map_err(|e| ("body".to_string(), describe(&e)))?;
    Ok(Rendered {
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        body: format!("{}{FOOTER}", body.trim_end()),
    })
}

/// minijinja's error in Vietnamese terms: what went wrong and on which line.
fn describe(e: &minijinja::Error) -> String {
    use minijinja::ErrorKind as K;
    let what = match e.kind() {
        K::SyntaxError => "viết sai cú pháp mẫu".to_string(),
        K::UndefinedError => "dùng biến không có trong danh sách biến".to_string(),
        K::UnknownFilter | K::UnknownFunction | K::UnknownTest => {
            "dùng bộ lọc hoặc hàm không có".to_string()
        }
        _ => "không hiển thị được".to_string(),
    };
    let detail = e.detail().map(|d| format!(" ({d})")).unwrap_or_default();
    match e.line() {
        Some(line) => format!("Dòng {line}: {what}{detail}."),
        None => format!("{}{detail}.", capitalised(&what)),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Renders for sending: a broken saved template falls back to the default text, never fails.
pub fn render(k: &Kind, t: &MailTemplate, vars: &Value) -> Rendered {
    let env = environment(false);
    render_with(&env, t, vars).unwrap_or_else(|_| {
        render_with(&env, &k.default_template(), vars).unwrap_or(Rendered {
            subject: k.name.to_string(),
            body: vars.to_string(),
        })
    })
}

/// Checks an edited template strictly against the kind's example values; the preview when it passes,
/// the problems named by field otherwise.
pub fn check(k: &Kind, t: &MailTemplate) -> std::result::Result<Rendered, Validation> {
    let mut v = Validation::new();
    if t.subject.trim().is_empty() {
        v.add("subject", "Tiêu đề", "Tiêu đề thư không được để trống.");
    }
    if t.body.trim().is_empty() {
        v.add("body", "Nội dung", "Nội dung thư không được để trống.");
    }
    if t.subject.chars().count() > 500 || t.body.chars().count() > 20_000 {
        v.add(
            "body",
            "Nội dung",
            "Mẫu thư quá dài (tiêu đề tối đa 500, nội dung tối đa 20.000 ký tự).",
        );
    }
    if !v.is_ok() {
        return Err(v);
    }
    render_with(&environment(true), t, &k.sample()).map_err(|(field, message)| {
        let label = if field == "subject" {
            "Tiêu đề"
        } else {
            "Nội dung"
        };
        v.add(&field, label, message);
        v
    })
}

/// The templates of every kind for the settings page: (kind, template, version).
pub async fn all(db: &Db, caller: &Caller) -> Result<Vec<(&'static Kind, MailTemplate, i64)>> {
    authorize(caller)?;
    let mut tx = db.begin_read().await?;
    let mut out = Vec::new();
    for k in &KINDS {
        let (t, version) = load(&mut tx, caller.org_id(), k).await?;
        out.push((k, t, version));
    }
    tx.commit().await?;
    Ok(out)
}

/// One kind's template for its page: (kind, template, version); 404 for an unknown kind.
pub async fn one(
    db: &Db,
    caller: &Caller,
    code: &str,
) -> Result<(&'static Kind, MailTemplate, i64)> {
    authorize(caller)?;
    let k = kind(code).ok_or(Error::NotFound)?;
    let mut tx = db.begin_read().await?;
    let (t, version) = load(&mut tx, caller.org_id(), k).await?;
    tx.commit().await?;
    Ok((k, t, version))
}

/// The preview of an edited template with the kind's example values, nothing saved (administrators
/// only, as only they may save it).
pub fn preview(caller: &Caller, code: &str, t: &MailTemplate) -> Result<Rendered> {
    authorize(caller)?;
    let k = kind(code).ok_or(Error::NotFound)?;
    check(k, t).map_err(Error::Invalid)
}

fn authorize(caller: &Caller) -> Result<()> {
    caller.authorize(Action::ManageOutbox {
        org_id: caller.org_id(),
    })
}

/// Saves an organisation's template over `version` after the strict check; returns the preview.
pub async fn save(
    db: &Db,
    caller: &Caller,
    code: &str,
    t: &MailTemplate,
    version: i64,
) -> Result<Rendered> {
    authorize(caller)?;
    let k = kind(code).ok_or(Error::NotFound)?;
    let preview = check(k, t).map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    let (before, _) = load(&mut tx, caller.org_id(), k).await?;
    let label = format!("Mẫu thư: {}", k.name);
    let audit = AuditAs {
        action: "mail_template.update",
        label: &label,
        before: &before,
        after: t,
    };
    org_setting::save(&mut tx, caller, &setting_name(code), t, version, audit).await?;
    tx.commit().await?;
    Ok(preview)
}

/// Puts a kind back to its default text (saved as the default, so the version still guards it).
pub async fn reset(db: &Db, caller: &Caller, code: &str, version: i64) -> Result<()> {
    let k = kind(code).ok_or(Error::NotFound)?;
    save(db, caller, code, &k.default_template(), version)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_passes_the_strict_check() {
        for k in &KINDS {
            let r = check(k, &k.default_template()).unwrap_or_else(|v| panic!("{}: {v:?}", k.code));
            assert!(
                !r.subject.is_empty() && !r.subject.contains('\n'),
                "{}",
                k.code
            );
            assert!(r.body.contains("Kính gửi"), "{}", k.code);
        }
    }

    #[test]
    fn a_misspelt_variable_and_a_broken_tag_are_named() {
        let k = kind("reminder").unwrap();
        let bad = MailTemplate {
            subject: "Hạn {{ duee }}".into(),
            body: "x".into(),
        };
        let v = check(k, &bad).unwrap_err();
        assert!(
            v.message_for("subject").unwrap().contains("biến không có"),
            "{v:?}"
        );
        let broken = MailTemplate {
            subject: "ok".into(),
            body: "a\n{% if missed %}b".into(),
        };
        let v = check(k, &broken).unwrap_err();
        assert!(v.message_for("body").unwrap().starts_with("Dòng"), "{v:?}");
    }

    #[test]
    fn sending_never_fails_for_a_template() {
        let k = kind("notice").unwrap();
        let broken = MailTemplate {
            subject: "{% if".into(),
            body: "{{ nothing }}".into(),
        };
        let r = render(
            k,
            &broken,
            &json!({"name": "A", "text": "Thông báo", "link": "/x"}),
        );
        assert_eq!(r.subject, "Thông báo");
        let digest = kind("digest").unwrap();
        let r = render(digest, &digest.default_template(), &digest.sample());
        assert!(
            r.body.contains("1. Nhắc hạn") && r.body.contains("2. Hồ sơ"),
            "{}",
            r.body
        );
    }
}
