//! An organisation's document settings: the header lines (managing body, issuing body), the place
//! before the date, the symbols of each document kind, the signers, the default *Nơi nhận*, and where
//! the variable text of a certificate goes on pre-printed blanks. Nothing saved: defaults derived from
//! the organisation's body (its root unit), so documents come out right on a fresh installation.

use crate::Audit;
use crate::Caller;
use crate::decisions::{body_name, place_of};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::{Db, Tx, doc_settings as store};

/// The document kinds with a symbol and recipients, with their Vietnamese names.
pub const KINDS: [(&str, &str); 6] = [
    ("decision", "Quyết định khen thưởng"),
    ("submission", "Tờ trình (Thường trực Hội đồng)"),
    ("unit_submission", "Tờ trình của đơn vị"),
    ("minutes", "Biên bản họp Hội đồng"),
    ("plan", "Kế hoạch"),
    ("report", "Báo cáo"),
];

const DEFAULT_SYMBOLS: [(&str, &str); 6] = [
    ("decision", "QĐ-UBND"),
    ("submission", "TTr-HĐTĐKT"),
    ("unit_submission", "TTr-UBND"),
    ("minutes", "BB-HĐTĐKT"),
    ("plan", "KH-UBND"),
    ("report", "BC-UBND"),
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DocSettings {
    /// Cơ quan chủ quản (upper header line), e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"; may be empty.
    pub managing_body: String,
    /// Cơ quan ban hành (underlined header line), e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".
    pub issuing_body: String,
    /// Địa danh before the date: "Hà Nội".
    pub place: String,
    /// Ký hiệu per document kind ([`KINDS`]): "QĐ-UBND", "TTr-HĐTĐKT"…
    pub symbols: BTreeMap<String, String>,
    /// Signers; the first is the default.
    pub signers: Vec<Signer>,
    /// Default "Nơi nhận" lines per document kind.
    pub recipients: BTreeMap<String, Vec<String>>,
    /// Positions of the variable fields for printing certificates on pre-printed blanks.
    pub blank_fields: Vec<BlankField>,
    /// 0 while nothing is saved.
    pub version: i64,
    /// The body's name as written in sentences ("Ủy ban nhân dân thành phố Hà Nội"), from its root
    /// unit; not saved.
    #[serde(skip)]
    pub body_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Signer {
    /// "" (signs in own name), "TM.", "KT.", "Q.", "TL.", "TUQ." (Decree 30/2020 Phụ lục I).
    pub authority: String,
    /// Whom the authority is for: "ỦY BAN NHÂN DÂN" (TM.), "CHỦ TỊCH" (KT.)…
    pub on_behalf_of: String,
    /// "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"…
    pub title: String,
    pub name: String,
}

impl Signer {
    /// The bold lines above the signature: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.authority.trim().is_empty() {
            out.push(format!(
                "{} {}",
                self.authority.trim(),
                self.on_behalf_of.trim().to_uppercase()
            ));
        }
        if !self.title.trim().is_empty() {
            out.push(self.title.trim().to_uppercase());
        }
        out
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BlankField {
    /// "name", "unit", "achievement", "decision", "golden_book", "place_date", "signer_name".
    pub field: String,
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub size_pt: f64,
}

impl BlankField {
    /// The field's Vietnamese name ("Họ và tên / tên tập thể").
    pub fn label(&self) -> &str {
        thidua_docs::certificate::BLANK_FIELDS
            .iter()
            .find(|(f, _)| *f == self.field)
            .map_or(self.field.as_str(), |(_, l)| l)
    }
}

const AUTHORITIES: [&str; 6] = ["", "TM.", "KT.", "Q.", "TL.", "TUQ."];

/// Where the fields of an A4 landscape Giấy khen blank usually are (mm from the top left).
fn default_blank() -> Vec<BlankField> {
    let f = |field: &str, x, y, w, s| BlankField {
        field: field.into(),
        x_mm: x,
        y_mm: y,
        width_mm: w,
        size_pt: s,
    };
    vec![
        f("name", 48.0, 92.0, 200.0, 24.0),
        f("unit", 48.0, 106.0, 200.0, 15.0),
        f("achievement", 48.0, 118.0, 200.0, 15.0),
        f("place_date", 160.0, 150.0, 110.0, 14.0),
        f("signer_name", 160.0, 185.0, 110.0, 14.0),
        f("decision", 20.0, 178.0, 110.0, 12.0),
        f("golden_book", 20.0, 186.0, 110.0, 12.0),
    ]
}

impl DocSettings {
    /// The defaults for a body named `body` ("Ủy ban nhân dân thành phố Hà Nội").
    pub fn defaults(body: &str) -> DocSettings {
        let recipients =
            |k: &str, l: &[&str]| (k.to_string(), l.iter().map(|s| s.to_string()).collect());
        DocSettings {
            managing_body: String::new(),
            issuing_body: body.trim().to_uppercase(),
            place: place_of(body),
            symbols: DEFAULT_SYMBOLS
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            signers: vec![Signer {
                title: "CHỦ TỊCH".into(),
                ..Default::default()
            }],
            recipients: [
                recipients("decision", &["Như Điều 3;", "Lưu: VT."]),
                recipients("submission", &["Như trên;", "Lưu: VT."]),
                recipients("unit_submission", &["Như trên;", "Lưu: VT."]),
                recipients("plan", &["Các đơn vị trực thuộc;", "Lưu: VT."]),
            ]
            .into_iter()
            .collect(),
            blank_fields: default_blank(),
            version: 0,
            body_name: body.trim().to_string(),
        }
    }

    /// The symbol of `kind`, or its default.
    pub fn symbol(&self, kind: &str) -> String {
        self.symbols
            .get(kind)
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .or_else(|| {
                DEFAULT_SYMBOLS
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, v)| v.to_string())
            })
            .unwrap_or_default()
    }

    /// The default signer.
    pub fn signer(&self) -> Signer {
        self.signers.first().cloned().unwrap_or_default()
    }

    /// The default recipients of `kind`.
    pub fn recipients_of(&self, kind: &str) -> Vec<String> {
        self.recipients.get(kind).cloned().unwrap_or_default()
    }

    fn validate(&self) -> std::result::Result<(), Validation> {
        let mut v = Validation::new();
        if self.issuing_body.trim().is_empty() {
            v.add("issuing_body", "Cơ quan ban hành", "không được để trống");
        }
        if self.place.trim().is_empty() {
            v.add("place", "Địa danh", "không được để trống");
        }
        for (i, s) in self.signers.iter().enumerate() {
            if !AUTHORITIES.contains(&s.authority.trim()) {
                v.add(
                    "signers",
                    &format!("Người ký thứ {}", i + 1),
                    "thẩm quyền ký phải là TM., KT., Q., TL., TUQ. hoặc để trống",
                );
            }
            if !s.authority.trim().is_empty() && s.on_behalf_of.trim().is_empty() {
                v.add(
                    "signers",
                    &format!("Người ký thứ {}", i + 1),
                    "ký thay mặt, ký thay… thì phải ghi thay cho ai",
                );
            }
        }
        for f in &self.blank_fields {
            let inside = (0.0..=297.0).contains(&f.x_mm) && (0.0..=210.0).contains(&f.y_mm);
            if !inside || !(6.0..=48.0).contains(&f.size_pt) || f.width_mm <= 0.0 {
                v.add(
                    "blank_fields",
                    &format!("Vị trí «{}»", f.field),
                    "phải nằm trong khổ A4 ngang (297 × 210 mm), cỡ chữ từ 6 đến 48",
                );
            }
        }
        v.finish(())
    }
}

/// The settings in force inside `tx`.
pub async fn get_in(tx: &mut Tx, org_id: &str) -> Result<DocSettings> {
    let body = body_name(tx, org_id).await?;
    match store::get(tx, org_id).await? {
        Some((data, version)) => {
            let mut s: DocSettings = serde_json::from_str(&data)
                .map_err(|e| Error::Internal(anyhow::anyhow!("doc_settings: {e}")))?;
            s.version = version;
            s.body_name = body;
            Ok(s)
        }
        None => Ok(DocSettings::defaults(&body)),
    }
}

/// The settings; for anyone using the organisation's pages.
pub async fn get(db: &Db, caller: &Caller) -> Result<DocSettings> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let s = get_in(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(s)
}

/// Saves the settings over `input.version`; 409 when someone saved in between.
pub async fn save(db: &Db, caller: &Caller, mut input: DocSettings) -> Result<DocSettings> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    input
        .signers
        .retain(|s| !(s.title.trim().is_empty() && s.name.trim().is_empty()));
    input.validate().map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, caller.org_id()).await?;
    let expected = input.version;
    let data = serde_json::to_string(&input).map_err(|e| Error::Internal(e.into()))?;
    let user = caller.user_ref();
    if !store::save(&mut tx, caller.org_id(), &data, expected, user.as_deref()).await? {
        return Err(Error::Conflict);
    }
    input.version = expected + 1;
    input.body_name = before.body_name.clone();
    Audit::new(
        "doc_settings.update",
        "org",
        caller.org_id(),
        "Thiết lập văn bản",
    )
    .before(&before)
    .after(&input)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(input)
}
