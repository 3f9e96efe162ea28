//! An organisation's mail settings, kept by its administrator: the SMTP server its mails leave
//! through (without one, the server's `--smtp-url` is used) and the sending calendar (quiet hours,
//! weekends, public holidays).

use crate::Caller;
use crate::error::{Error, Result};
use crate::org_setting::{self, AuditAs};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse};
use thidua_domain::mail_calendar::{Holiday, MailCalendar};
use thidua_domain::policy::Action;
use thidua_store::{Db, Tx};

const CALENDAR: &str = "mail_calendar";
const SMTP: &str = "mail_smtp";

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain, for a relay on the local network.
    None,
    /// STARTTLS on port 587.
    #[default]
    Starttls,
    /// TLS from the first byte, port 465.
    Tls,
}

/// An organisation's SMTP server. The password is kept in the database (the settings page never
/// shows it back).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub password: String,
    pub from_name: String,
    pub from_address: String,
}

impl SmtpSettings {
    /// The sender as a mailbox: `Name <address>`.
    pub fn from(&self) -> String {
        let name = self.from_name.replace(['<', '>', '"'], "");
        if name.trim().is_empty() {
            self.from_address.clone()
        } else {
            format!("{} <{}>", name.trim(), self.from_address)
        }
    }

    /// The same settings without the password, for pages and the audit log.
    pub fn redacted(&self) -> SmtpSettings {
        SmtpSettings {
            password: if self.password.is_empty() {
                String::new()
            } else {
                "••••••".into()
            },
            ..self.clone()
        }
    }
}

fn authorize(caller: &Caller) -> Result<()> {
    caller.authorize(Action::ManageOutbox {
        org_id: caller.org_id(),
    })
}

/// The organisation's calendar (the default until one is saved).
pub async fn calendar_in(tx: &mut Tx, org_id: &str) -> Result<(MailCalendar, i64)> {
    org_setting::load(tx, org_id, CALENDAR, MailCalendar::default).await
}

/// The organisation's SMTP server, if its administrator set one.
pub async fn smtp_in(tx: &mut Tx, org_id: &str) -> Result<Option<SmtpSettings>> {
    let (s, version) = org_setting::load(tx, org_id, SMTP, SmtpSettings::default).await?;
    Ok((version > 0 && !s.host.is_empty()).then_some(s))
}

/// Both settings for the page: calendar and version, SMTP (redacted) and version.
pub async fn get(db: &Db, caller: &Caller) -> Result<((MailCalendar, i64), (SmtpSettings, i64))> {
    authorize(caller)?;
    let mut tx = db.begin_read().await?;
    let cal = calendar_in(&mut tx, caller.org_id()).await?;
    let (smtp, v) =
        org_setting::load(&mut tx, caller.org_id(), SMTP, SmtpSettings::default).await?;
    tx.commit().await?;
    Ok((cal, (smtp.redacted(), v)))
}

/// What the calendar form sends: hours as typed, holidays one per line («17/02/2026 Tết Nguyên đán»).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct CalendarInput {
    pub quiet_from: String,
    pub quiet_to: String,
    pub skip_weekends: Option<String>,
    pub holidays: String,
    pub escalate_after_days: String,
    pub version: i64,
}

fn hour(v: &mut Validation, field: &str, label: &str, raw: &str) -> u8 {
    match raw
        .trim()
        .trim_end_matches(":00")
        .trim_end_matches('h')
        .parse::<u8>()
    {
        Ok(h) if h <= 23 => h,
        _ => {
            v.add(
                field,
                label,
                format!(
                    "Giờ «{}» không hợp lệ; hãy nhập một số từ 0 đến 23.",
                    raw.trim()
                ),
            );
            0
        }
    }
}

/// Reads the holiday lines: a date, then the name.
fn holidays(v: &mut Validation, raw: &str) -> Vec<Holiday> {
    let mut out = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line = line.trim();
        let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        match parse(date) {
            Some(d) => out.push(Holiday {
                date: iso(d),
                name: name
                    .trim()
                    .trim_start_matches(['-', '–', ':'])
                    .trim()
                    .to_string(),
            }),
            None => v.add(
                "holidays",
                "Ngày nghỉ lễ",
                format!(
                    "Dòng {}: «{date}» không phải một ngày (viết dạng 17/02/2026 Tết Nguyên đán).",
                    i + 1
                ),
            ),
        }
    }
    out
}

/// Parses and checks the calendar form.
pub fn read_calendar(input: &CalendarInput) -> std::result::Result<MailCalendar, Validation> {
    let mut v = Validation::new();
    let cal = MailCalendar {
        quiet_from: hour(&mut v, "quiet_from", "Không gửi từ", &input.quiet_from),
        quiet_to: hour(&mut v, "quiet_to", "Đến", &input.quiet_to),
        skip_weekends: input.skip_weekends.is_some(),
        holidays: holidays(&mut v, &input.holidays),
        escalate_after_days: match input.escalate_after_days.trim() {
            "" => 0,
            d => d.parse().unwrap_or_else(|_| {
                v.add(
                    "escalate_after_days",
                    "Báo thủ trưởng sau",
                    format!("«{d}» không phải số ngày; hãy nhập số từ 0 đến 60."),
                );
                0
            }),
        },
    };
    if v.is_ok() {
        for (field, message) in cal.problems() {
            let label = match field.as_str() {
                "quiet_from" => "Không gửi từ",
                "quiet_to" => "Đến",
                "escalate_after_days" => "Báo thủ trưởng sau",
                _ => "Ngày nghỉ lễ",
            };
            v.add(&field, label, message);
        }
    }
    v.finish(cal)
}

pub async fn save_calendar(
    db: &Db,
    caller: &Caller,
    input: &CalendarInput,
) -> Result<MailCalendar> {
    authorize(caller)?;
    let cal = read_calendar(input).map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    let (before, _) = calendar_in(&mut tx, caller.org_id()).await?;
    let audit = AuditAs {
        action: "mail_calendar.update",
        label: "Lịch gửi thư",
        before: &before,
        after: &cal,
    };
    org_setting::save(&mut tx, caller, CALENDAR, &cal, input.version, audit).await?;
    tx.commit().await?;
    Ok(cal)
}

/// What the SMTP form sends; an empty password keeps the saved one.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct SmtpInput {
    pub host: String,
    pub port: String,
    pub security: String,
    pub username: String,
    pub password: String,
    pub from_name: String,
    pub from_address: String,
    pub version: i64,
}

fn read_smtp(
    input: &SmtpInput,
    saved_password: &str,
) -> std::result::Result<SmtpSettings, Validation> {
    let mut v = Validation::new();
    let host = input.host.trim().to_string();
    if host.is_empty() || host.contains(char::is_whitespace) || host.contains('/') {
        v.add(
            "host",
            "Máy chủ SMTP",
            "Hãy nhập tên máy chủ thư, ví dụ mail.tinh.gov.vn.",
        );
    }
    let security = match input.security.trim() {
        "none" => Security::None,
        "tls" => Security::Tls,
        "starttls" | "" => Security::Starttls,
        other => {
            v.add(
                "security",
                "Bảo mật",
                format!("Kiểu bảo mật «{other}» không có; hãy chọn trong danh sách."),
            );
            Security::Starttls
        }
    };
    let port = match input.port.trim() {
        "" => match security {
            Security::None => 25,
            Security::Starttls => 587,
            Security::Tls => 465,
        },
        p => p.parse::<u16>().ok().filter(|p| *p > 0).unwrap_or_else(|| {
            v.add(
                "port",
                "Cổng",
                format!("Cổng «{p}» không hợp lệ; hãy nhập số từ 1 đến 65535."),
            );
            0
        }),
    };
    let from_address = input.from_address.trim().to_lowercase();
    if from_address.parse::<lettre::Address>().is_err() {
        v.add(
            "from_address",
            "Địa chỉ gửi",
            format!(
                "Địa chỉ gửi «{}» không hợp lệ; hãy viết dạng thiduakhenthuong@tinh.gov.vn.",
                input.from_address.trim()
            ),
        );
    }
    let password = if input.password.is_empty() {
        saved_password.to_string()
    } else {
        input.password.clone()
    };
    v.finish(SmtpSettings {
        host,
        port,
        security,
        username: input.username.trim().to_string(),
        password,
        from_name: input.from_name.trim().to_string(),
        from_address,
    })
}

pub async fn save_smtp(db: &Db, caller: &Caller, input: &SmtpInput) -> Result<SmtpSettings> {
    authorize(caller)?;
    let mut tx = db.begin().await?;
    let (before, _) =
        org_setting::load(&mut tx, caller.org_id(), SMTP, SmtpSettings::default).await?;
    let s = read_smtp(input, &before.password).map_err(Error::Invalid)?;
    // The audit row never holds the password.
    let (was, now) = (before.redacted(), s.redacted());
    let audit = AuditAs {
        action: "mail_smtp.update",
        label: "Máy chủ gửi thư",
        before: &was,
        after: &now,
    };
    org_setting::save(&mut tx, caller, SMTP, &s, input.version, audit).await?;
    tx.commit().await?;
    Ok(s.redacted())
}

/// Queues a test mail to the administrator's own address (it leaves at once, through the settings
/// saved); the address it goes to.
pub async fn send_test(db: &Db, caller: &Caller) -> Result<String> {
    authorize(caller)?;
    let mut tx = db.begin().await?;
    let Some(to) = thidua_store::user_contacts::address_of(&mut tx, &caller.user.id).await? else {
        let mut v = Validation::new();
        v.add("email", "Thư điện tử của bạn", "Tài khoản của bạn chưa có địa chỉ thư điện tử: hãy nhập ở trang «Tài khoản» rồi gửi thử lại.");
        return Err(Error::Invalid(v));
    };
    let now = time::OffsetDateTime::now_utc();
    let text = "Thư thử của hệ thống Thi đua – Khen thưởng: máy chủ gửi thư đã hoạt động.";
    let letter = super::Letter {
        kind: "notice",
        vars: serde_json::json!({ "text": text }),
        link: "/settings/mail",
        line: text,
        urgent: true,
    };
    let key = format!("mail_test:{}", thidua_store::ids::new_id());
    super::post(&mut tx, caller.org_id(), now, &to, &key, &letter).await?;
    crate::Audit::new("mail.test", "user", &caller.user.id, &to.email)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(to.email)
}
