//! The policy matrix over HTTP: every page and API route × every demo user × a target in the user's own
//! unit and in another unit. Refusals must change nothing (the audit log, written in the same
//! transaction as every change, keeps its length) and a unit officer must get 404 — never the record —
//! for what lies outside their unit.

use crate::campaigns_api::{api_delete, day, launch, make_plan, multipart, pdf, plan_body, today};
use crate::common::{
    ADMIN, CHAIRMAN, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT,
    VIEWER, code, excerpt,
};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(policy_matrix, unit_officer_lists_are_scoped);

/// What a request must end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Out {
    /// Allowed: the route's success status, and a change is saved when the route changes data.
    O,
    /// 403 "Bạn không có quyền…", nothing saved.
    F,
    /// 404 "Không tìm thấy dữ liệu trong phạm vi của bạn.", nothing saved, the record not shown.
    N,
    /// 422 naming the user's scope (a target outside it was picked in a form), nothing saved.
    I,
}
use Out::*;

/// Expected outcome per role kind, as (target in own unit, target in another unit):
/// admin, standing office, unit officer, council member, chairman, viewer.
type Expect = [(Out, Out); 6];

const ALL: Expect = [(O, O), (O, O), (O, O), (O, O), (O, O), (O, O)];
/// Reading a record: everyone, unit officers only inside their unit.
const READ: Expect = [(O, O), (O, O), (O, N), (O, O), (O, O), (O, O)];
/// Editing a record: the office and unit officers (inside their unit).
const EDIT: Expect = [(O, O), (O, O), (O, N), (F, F), (F, F), (F, F)];
/// Creating under a chosen unit: the office and unit officers (the unit must be theirs).
const CREATE_IN: Expect = [(O, O), (O, O), (O, I), (F, F), (F, F), (F, F)];
/// Opening a "new" form: those who may create.
const NEW_FORM: Expect = [(O, O), (O, O), (O, O), (F, F), (F, F), (F, F)];
/// Office work: the administrator and the standing office.
const OFFICE: Expect = [(O, O), (O, O), (F, F), (F, F), (F, F), (F, F)];
/// Accounts: the administrator only.
const ADMIN_ONLY: Expect = [(O, O), (F, F), (F, F), (F, F), (F, F), (F, F)];
/// A unit's work on a launched campaign (register, report, send) for the target unit: the office, and
/// unit officers for units in their scope (another unit is named in a 422); other roles never.
const UNIT_WORK: Expect = [(O, O), (O, O), (O, I), (F, F), (F, F), (F, F)];
/// Signing a cluster's pact (the cluster led by the target unit): the office, or the leader's officer.
const PACT: Expect = [(O, O), (O, O), (O, F), (F, F), (F, F), (F, F)];
/// Reading a draft plan: only those who write plans; for everybody else it does not exist.
const DRAFT: Expect = [(O, O), (O, O), (N, N), (N, N), (N, N), (N, N)];

/// One route of the matrix: a name (method and path), the success status, whether it saves data.
struct Route {
    name: &'static str,
    ok: u16,
    mutates: bool,
    expect: Expect,
}

const fn r(name: &'static str, ok: u16, mutates: bool, expect: Expect) -> Route {
    Route {
        name,
        ok,
        mutates,
        expect,
    }
}

const ROUTES: &[Route] = &[
    // Pages
    r("GET /", 200, false, ALL),
    r("GET /units", 200, false, ALL),
    r("GET /units/{unit}", 200, false, READ),
    r("GET /units/new", 200, false, NEW_FORM),
    r("POST /units", 303, true, CREATE_IN),
    r("GET /units/{unit}/edit", 200, false, EDIT),
    r("POST /units/{unit}", 303, true, EDIT),
    r("GET /units/{unit}/rename", 200, false, EDIT),
    r("POST /units/{unit}/rename", 303, true, EDIT),
    r("GET /units/merge", 200, false, OFFICE),
    r("POST /units/merge", 303, true, OFFICE),
    r("GET /units/{unit}/split", 200, false, OFFICE),
    r("POST /units/{unit}/split", 303, true, OFFICE),
    r("GET /people", 200, false, ALL),
    r("GET /people?unit={unit}", 200, false, READ),
    r("GET /people/{person}", 200, false, READ),
    r("GET /people/new", 200, false, NEW_FORM),
    r("POST /people", 303, true, CREATE_IN),
    r("GET /people/{person}/edit", 200, false, EDIT),
    r("POST /people/{person}", 303, true, EDIT),
    r("GET /clusters", 200, false, ALL),
    r("GET /clusters/new", 200, false, OFFICE),
    r("POST /clusters", 303, true, OFFICE),
    r("GET /clusters/{cluster}/edit", 200, false, OFFICE),
    r("POST /clusters/{cluster}", 303, true, OFFICE),
    r("GET /users", 200, false, ADMIN_ONLY),
    r("GET /users/new", 200, false, ADMIN_ONLY),
    r("POST /users", 303, true, ADMIN_ONLY),
    r("GET /users/{user}/edit", 200, false, ADMIN_ONLY),
    r("POST /users/{user}", 303, true, ADMIN_ONLY),
    r("GET /audit", 200, false, OFFICE),
    r("GET /data", 200, false, ALL),
    r("POST /data/import/units", 200, true, OFFICE),
    r("POST /data/import/people", 200, true, CREATE_IN),
    r("GET /data/export/units.xlsx", 200, false, ALL),
    r("GET /data/export/people.xlsx", 200, false, ALL),
    r("GET /account", 200, false, ALL),
    // API
    r("GET /api/v1/me", 200, false, ALL),
    r("GET /api/v1/units", 200, false, ALL),
    r("GET /api/v1/units/{unit}", 200, false, READ),
    r("POST /api/v1/units", 201, true, CREATE_IN),
    r("PUT /api/v1/units/{unit}", 200, true, EDIT),
    r("POST /api/v1/units/{unit}/rename", 200, true, EDIT),
    r("POST /api/v1/units/merge", 200, true, OFFICE),
    r("POST /api/v1/units/{unit}/split", 200, true, OFFICE),
    r("GET /api/v1/people", 200, false, ALL),
    r("GET /api/v1/people?unit_id={unit}", 200, false, READ),
    r("GET /api/v1/people/{person}", 200, false, READ),
    r("POST /api/v1/people", 201, true, CREATE_IN),
    r("PUT /api/v1/people/{person}", 200, true, EDIT),
    r("GET /api/v1/clusters", 200, false, ALL),
    r("GET /api/v1/clusters/{cluster}", 200, false, ALL),
    r("POST /api/v1/clusters", 201, true, OFFICE),
    r("PUT /api/v1/clusters/{cluster}", 200, true, OFFICE),
    r("GET /api/v1/users", 200, false, ADMIN_ONLY),
    r("POST /api/v1/users", 201, true, ADMIN_ONLY),
    r("PUT /api/v1/users/{user}", 200, true, ADMIN_ONLY),
    r("GET /api/v1/audit", 200, false, OFFICE),
    r("POST /api/v1/import/units", 200, true, OFFICE),
    r("POST /api/v1/import/people", 200, true, CREATE_IN),
    // API of campaigns: {campaign} is launched with the target unit as participant, {draft} is not.
    r("GET /api/v1/campaigns", 200, false, ALL),
    r("GET /api/v1/campaigns/{draft}", 200, false, DRAFT),
    r("GET /api/v1/campaigns/{campaign}", 200, false, ALL),
    r("POST /api/v1/campaigns", 201, true, OFFICE),
    r("PUT /api/v1/campaigns/{campaign}", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{draft}/launch", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{campaign}/close", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{campaign}/copy", 201, true, OFFICE),
    r(
        "POST /api/v1/campaigns/{campaign}/themes",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/themes/{theme}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/themes/{theme}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/targets",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/targets/{target}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/targets/{target}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/deadlines",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/deadlines/{deadline}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/deadlines/{deadline}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/award_forms",
        201,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/award_forms/{award_form}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/quotas",
        201,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/quotas/{quota}",
        204,
        true,
        OFFICE,
    ),
    r(
        "GET /api/v1/campaigns/{campaign}/registrations",
        200,
        false,
        ALL,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/registrations",
        201,
        true,
        UNIT_WORK,
    ),
    r("GET /api/v1/campaigns/{campaign}/pacts", 200, false, ALL),
    r("POST /api/v1/campaigns/{campaign}/pacts", 201, true, PACT),
    r(
        "POST /api/v1/campaigns/{campaign}/targets/{target}/progress",
        201,
        true,
        UNIT_WORK,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/deadlines/{deadline}/submissions",
        201,
        true,
        UNIT_WORK,
    ),
    r("GET /api/v1/campaigns/{campaign}/progress", 200, false, ALL),
    r("GET /api/v1/campaigns/{campaign}/matrix", 200, false, ALL),
    r("GET /api/v1/calendar?unit_id={unit}", 200, false, READ),
    r("GET /api/v1/attachments/{attachment}", 200, false, READ),
];

/// The users of the matrix and the column of [`Expect`] each one reads; `own` is the unit the target is
/// created in for "own" cases (a unit officer's scope; Bạch Đằng for organisation-wide roles).
const USERS: [(&str, usize, &str, &str); 7] = [
    (ADMIN, 0, "P-BACHDANG", "P-VHTT"),
    (STANDING, 1, "P-BACHDANG", "P-VHTT"),
    (UO_BACHDANG, 2, "P-BACHDANG", "P-VHTT"),
    (UO_VHTT, 2, "P-VHTT", "P-BACHDANG"),
    (COUNCIL, 3, "P-BACHDANG", "P-VHTT"),
    (CHAIRMAN, 4, "P-BACHDANG", "P-VHTT"),
    (VIEWER, 5, "P-BACHDANG", "P-VHTT"),
];

/// Records the target of one case, created fresh by the administrator in the target unit's subtree.
struct Fixture {
    parent_id: String,
    parent_code: String,
    unit: Option<Value>,
    person: Option<Value>,
    cluster: Option<Value>,
    user: Option<Value>,
    /// A plan in the target unit's name (launched, or a draft for `{draft}` routes), as read back.
    campaign: Option<Value>,
    /// A cluster of the current year led by the target unit, for pacts.
    pact_cluster: String,
    /// An evidence file of the target unit.
    attachment: String,
    /// A second unit beside `unit`, for merges.
    unit2: String,
    /// A name that a 404 must not reveal.
    secret: String,
}

async fn fresh_unit(admin: &Session, parent_id: &str) -> Value {
    let c = code("MX");
    let body = json!({"code": c, "name": format!("Tổ dân phố thử nghiệm {c}"), "kind": "residential_group", "level": "grassroots", "parent_id": parent_id, "valid_from": "01/01/2020"});
    let r = admin.api_post("/api/v1/units", &body).await;
    r.expect(201);
    r.json()
}

async fn fresh_person(admin: &Session, unit_id: &str) -> Value {
    let n = crate::common::next_n();
    let letters: String = n
        .to_string()
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap_or(0) as u8) as char)
        .collect();
    let body = json!({"full_name": format!("Phan Thị Bí Mật {letters}"), "gender": "female", "birth_date": "02/03/1990", "position": "Chuyên viên", "kind": "civil_servant", "unit_id": unit_id});
    let r = admin.api_post("/api/v1/people", &body).await;
    r.expect(201);
    r.json()
}

/// A plan made by the administrator with the target unit as its only participant: one per-unit
/// target, two deadlines, and the theme, award form and quota the route needs; launched unless the
/// route works on a draft.
async fn fresh_campaign(admin: &Session, unit_id: &str, route: &str) -> Value {
    let plan = make_plan(
        admin,
        &format!("Kế hoạch thi đua thử nghiệm {}", code("KH")),
        &[unit_id.to_string()],
    )
    .await;
    let id = plan["id"].as_str().unwrap_or_default().to_string();
    if route.contains("{theme}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/themes"),
                &json!({"title": "Chuyên đề thử nghiệm", "lead_unit_id": unit_id}),
            )
            .await
            .expect(201);
    }
    if route.contains("{award_form}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/award_forms"),
                &json!({"name": "Giấy khen của Chủ tịch UBND"}),
            )
            .await
            .expect(201);
    }
    if route.contains("{quota}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/quotas"),
                &json!({"who": "Mỗi đơn vị", "individuals_max": 3}),
            )
            .await
            .expect(201);
    }
    let plan = admin
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    if route.contains("{draft}") {
        plan
    } else {
        launch(admin, &plan).await
    }
}

/// An evidence file reported by the administrator for the target unit; returns its id.
async fn fresh_attachment(admin: &Session, plan: &Value, unit_id: &str) -> String {
    let path = format!(
        "/api/v1/campaigns/{}/targets/{}/progress",
        plan["id"].as_str().unwrap_or_default(),
        plan["targets"][0]["id"].as_str().unwrap_or_default()
    );
    let r = multipart(
        admin,
        &path,
        &[
            ("unit_id", unit_id),
            ("value", "50"),
            ("reported_on", &day(0)),
        ],
        &[("minh-chung.pdf", pdf())],
    )
    .await;
    r.expect(201);
    r.json()["attachments"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

impl Fixture {
    async fn new(app: &TestApp, admin: &Session, parent_code: &str, route: &str) -> Fixture {
        let parent = app.unit(parent_code).await;
        let mut f = Fixture {
            parent_id: parent.id.clone(),
            parent_code: parent_code.to_string(),
            unit: None,
            person: None,
            cluster: None,
            user: None,
            campaign: None,
            pact_cluster: String::new(),
            attachment: String::new(),
            unit2: String::new(),
            secret: parent.name.clone(),
        };
        if route.contains("{unit}") || route.contains("{person}") || route.contains("merge") {
            let u = fresh_unit(admin, &parent.id).await;
            f.secret = u["name"].as_str().unwrap_or_default().to_string();
            f.unit = Some(u);
        }
        if route.contains("merge") {
            f.unit2 = fresh_unit(admin, &parent.id).await["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
        }
        if route.contains("{person}") {
            let unit_id = f.unit_id();
            let p = fresh_person(admin, &unit_id).await;
            f.secret = p["full_name"].as_str().unwrap_or_default().to_string();
            f.person = Some(p);
        }
        if route.contains("{cluster}") {
            let body = json!({"year": 2031, "kind": "cluster", "name": format!("Cụm thử nghiệm {}", code("C")), "member_ids": [parent.id]});
            let r = admin.api_post("/api/v1/clusters", &body).await;
            r.expect(201);
            f.cluster = Some(r.json());
        }
        if route.contains("{campaign}")
            || route.contains("{draft}")
            || route.contains("{attachment}")
        {
            let plan = fresh_campaign(admin, &parent.id, route).await;
            f.secret = plan["title"].as_str().unwrap_or_default().to_string();
            if route.contains("{attachment}") {
                f.attachment = fresh_attachment(admin, &plan, &parent.id).await;
            }
            f.campaign = Some(plan);
        }
        if route.starts_with("POST /api/v1/campaigns/{campaign}/pacts") {
            let body = json!({"year": today().year(), "kind": "cluster", "name": format!("Cụm giao ước thử nghiệm {}", code("G")), "member_ids": [parent.id], "leader_unit_id": parent.id});
            let r = admin.api_post("/api/v1/clusters", &body).await;
            r.expect(201);
            f.pact_cluster = Fixture::field(&Some(r.json()), "id");
        }
        if route.contains("{user}") {
            let body = json!({"username": format!("nguoidung{}", crate::common::next_n()), "full_name": "Người dùng thử", "role": "viewer", "password": "mat-khau-dai-du"});
            let r = admin.api_post("/api/v1/users", &body).await;
            r.expect(201);
            f.user = Some(r.json());
        }
        f
    }

    fn unit_id(&self) -> String {
        self.unit
            .as_ref()
            .and_then(|u| u["id"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| self.parent_id.clone())
    }

    fn field(v: &Option<Value>, key: &str) -> String {
        v.as_ref()
            .map(|x| match &x[key] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_default()
    }

    /// The route's path with its placeholders filled in.
    fn path(&self, route: &str) -> String {
        let path = route.split_once(' ').map(|(_, p)| p).unwrap_or(route);
        let part = |list: &str| {
            self.campaign
                .as_ref()
                .map(|c| c[list][0]["id"].as_str().unwrap_or_default().to_string())
                .unwrap_or_default()
        };
        path.replace("{unit}", &self.unit_id())
            .replace("{person}", &Self::field(&self.person, "id"))
            .replace("{cluster}", &Self::field(&self.cluster, "id"))
            .replace("{user}", &Self::field(&self.user, "id"))
            .replace("{campaign}", &Self::field(&self.campaign, "id"))
            .replace("{draft}", &Self::field(&self.campaign, "id"))
            .replace("{theme}", &part("themes"))
            .replace("{target}", &part("targets"))
            .replace("{deadline}", &part("deadlines"))
            .replace("{award_form}", &part("award_forms"))
            .replace("{quota}", &part("quotas"))
            .replace("{attachment}", &self.attachment)
    }

    /// The version of the first item of a list of the plan (`themes`, `targets`…).
    fn part_version(&self, list: &str) -> Value {
        self.campaign
            .as_ref()
            .map(|c| c[list][0]["version"].clone())
            .unwrap_or(Value::Null)
    }
}

fn person_csv(unit_code: &str) -> Vec<u8> {
    format!("Họ và tên,Giới tính,Ngày sinh,Chức vụ,Đối tượng,Lao động trực tiếp,Mã đơn vị\nLê Thị Nhập,Nữ,01/02/1991,Chuyên viên,Công chức,không,{unit_code}\n").into_bytes()
}

/// Sends the request of `route` for target `f` as `s`.
async fn perform(s: &Session, route: &str, f: &Fixture) -> Reply {
    let (method, _) = route.split_once(' ').unwrap_or(("GET", route));
    let path = f.path(route);
    let uid = f.unit_id();
    let n = crate::common::next_n();
    let new_code = code("NEW");
    let unit_field = |k: &str| Fixture::field(&f.unit, k);
    let person_field = |k: &str| Fixture::field(&f.person, k);
    match route {
        _ if method == "GET" => {
            if path.starts_with("/api/") {
                s.api_get(&path).await
            } else {
                s.get(&path).await
            }
        }
        "POST /units" => s.post_form("/units", &[("code", &new_code), ("name", "Tổ dân phố mới"), ("kind", "residential_group"), ("level", "grassroots"), ("parent_id", &f.parent_id), ("valid_from", "01/01/2021")]).await,
        "POST /units/{unit}" => {
            let name = format!("{} (sửa)", unit_field("name"));
            let version = unit_field("version");
            s.post_form(&path, &[("code", &unit_field("code")), ("name", &name), ("kind", "residential_group"), ("level", "grassroots"), ("parent_id", &f.parent_id), ("valid_from", "01/01/2020"), ("version", &version)]).await
        }
        "POST /units/{unit}/rename" => s.post_form(&path, &[("new_name", &format!("Tổ dân phố đổi tên {n}")), ("effective_on", "01/01/2024"), ("version", &unit_field("version"))]).await,
        "POST /units/merge" => {
            s.post_form("/units/merge", &[("sources", &uid), ("sources", &f.unit2), ("survivor", &uid), ("effective_on", "01/01/2024")]).await
        }
        "POST /units/{unit}/split" => s.post_form(&path, &[("code0", &code("SA")), ("name0", "Tổ tách A"), ("code1", &code("SB")), ("name1", "Tổ tách B"), ("effective_on", "01/01/2024")]).await,
        "POST /people" => s.post_form("/people", &[("full_name", "Vũ Văn Mới"), ("gender", "male"), ("birth_date", "01/01/1990"), ("kind", "civil_servant"), ("unit_id", &f.parent_id)]).await,
        "POST /people/{person}" => s.post_form(&path, &[("full_name", &person_field("full_name")), ("gender", "female"), ("birth_date", "02/03/1990"), ("position", "Chuyên viên chính"), ("kind", "civil_servant"), ("unit_id", &uid), ("version", &person_field("version"))]).await,
        "POST /clusters" => s.post_form("/clusters", &[("year", "2031"), ("kind", "cluster"), ("name", &format!("Cụm mới {n}")), ("member_ids", &f.parent_id), ("leader_unit_id", &f.parent_id)]).await,
        "POST /clusters/{cluster}" => {
            let c = &f.cluster;
            s.post_form(&path, &[("year", "2031"), ("kind", "block"), ("name", &Fixture::field(c, "name")), ("member_ids", &f.parent_id), ("version", &Fixture::field(c, "version"))]).await
        }
        "POST /users" => s.post_form("/users", &[("username", &format!("moi{n}")), ("full_name", "Người dùng mới"), ("role", "viewer"), ("password", "mat-khau-dai-du")]).await,
        "POST /users/{user}" => {
            let u = &f.user;
            s.post_form(&path, &[("username", &Fixture::field(u, "username")), ("full_name", "Người dùng đã sửa"), ("role", "viewer"), ("active", "1"), ("version", &Fixture::field(u, "version"))]).await
        }
        "POST /data/import/units" | "POST /api/v1/import/units" => {
            let csv = format!("Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Cấp,Mã đơn vị cấp trên,Ngày hiệu lực\n{new_code},Tổ nhập thử,,residential_group,grassroots,{},01/01/2020\n", f.parent_code);
            s.upload(&path, "don-vi.csv", csv.into_bytes()).await
        }
        "POST /data/import/people" | "POST /api/v1/import/people" => s.upload(&path, "ca-nhan.csv", person_csv(&f.parent_code)).await,
        "POST /api/v1/units" => s.api_post("/api/v1/units", &json!({"code": new_code, "name": "Tổ dân phố mới", "kind": "residential_group", "level": "grassroots", "parent_id": f.parent_id, "valid_from": "01/01/2021"})).await,
        "PUT /api/v1/units/{unit}" => {
            let u = f.unit.as_ref().expect("unit");
            s.api_put(&path, &json!({"code": u["code"], "name": format!("{} (API)", unit_field("name")), "kind": "residential_group", "level": "grassroots", "parent_id": f.parent_id, "valid_from": "2020-01-01", "version": u["version"]})).await
        }
        "POST /api/v1/units/{unit}/rename" => s.api_post(&path, &json!({"new_name": format!("Tổ đổi tên API {n}"), "effective_on": "01/01/2024", "version": f.unit.as_ref().expect("unit")["version"]})).await,
        "POST /api/v1/units/merge" => {
            s.api_post("/api/v1/units/merge", &json!({"sources": [uid, f.unit2], "survivor": uid, "effective_on": "01/01/2024"})).await
        }
        "POST /api/v1/units/{unit}/split" => s.api_post(&path, &json!({"new_units": [{"code": code("SA"), "name": "Tổ tách A"}, {"code": code("SB"), "name": "Tổ tách B"}], "effective_on": "01/01/2024"})).await,
        "POST /api/v1/people" => s.api_post("/api/v1/people", &json!({"full_name": "Vũ Văn Mới", "gender": "male", "kind": "civil_servant", "unit_id": f.parent_id})).await,
        "PUT /api/v1/people/{person}" => {
            let p = f.person.as_ref().expect("person");
            s.api_put(&path, &json!({"full_name": p["full_name"], "gender": "female", "position": "Chuyên viên chính", "kind": "civil_servant", "unit_id": uid, "version": p["version"]})).await
        }
        "POST /api/v1/clusters" => s.api_post("/api/v1/clusters", &json!({"year": 2031, "kind": "block", "name": format!("Khối mới {n}"), "member_ids": [f.parent_id]})).await,
        "PUT /api/v1/clusters/{cluster}" => {
            let c = f.cluster.as_ref().expect("cluster");
            s.api_put(&path, &json!({"year": 2031, "kind": "cluster", "name": c["name"], "member_ids": [f.parent_id], "leader_unit_id": f.parent_id, "version": c["version"]})).await
        }
        "POST /api/v1/users" => s.api_post("/api/v1/users", &json!({"username": format!("moiapi{n}"), "full_name": "Người dùng mới", "role": "viewer", "password": "mat-khau-dai-du"})).await,
        "PUT /api/v1/users/{user}" => {
            let u = f.user.as_ref().expect("user");
            s.api_put(&path, &json!({"username": u["username"], "full_name": "Người dùng đã sửa", "role": "council_member", "version": u["version"]})).await
        }
        _ if route.starts_with("POST /api/v1/campaigns") || route.starts_with("PUT /api/v1/campaigns") || route.starts_with("DELETE /api/v1/campaigns") => perform_campaign(s, route, &path, f).await,
        other => panic!("no request for route {other}"),
    }
}

/// Sends the request of a campaign API route that changes data.
async fn perform_campaign(s: &Session, route: &str, path: &str, f: &Fixture) -> Reply {
    let uid = f.parent_id.clone();
    let suffix = route
        .rsplit_once('}')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let (method, _) = route.split_once(' ').unwrap_or(("POST", route));
    match (method, suffix) {
        ("POST", "/launch" | "/close") => s.api_post(path, &json!({"version": f.campaign.as_ref().map(|c| c["version"].clone())})).await,
        ("POST", "/copy") => s.api_post(path, &json!({})).await,
        ("POST", "/themes") => s.api_post(path, &json!({"title": "Chuyên đề mới", "lead_unit_id": uid})).await,
        ("PUT", _) if route.ends_with("{theme}") => s.api_put(path, &json!({"title": "Chuyên đề đã sửa", "lead_unit_id": uid, "version": f.part_version("themes")})).await,
        ("POST", "/targets") => s.api_post(path, &json!({"text": "Chỉ tiêu mới", "comparator": ">=", "threshold": "90,5", "unit": "%"})).await,
        ("PUT", _) if route.ends_with("{target}") => s.api_put(path, &json!({"text": "Chỉ tiêu đã sửa", "comparator": "<=", "threshold": 3, "scope": "per_unit", "version": f.part_version("targets")})).await,
        ("POST", "/deadlines") => s.api_post(path, &json!({"kind": "year_end_report", "what": "Báo cáo tổng kết", "due_on": day(20)})).await,
        ("PUT", _) if route.ends_with("{deadline}") => s.api_put(path, &json!({"kind": "other", "what": "Thời hạn đã sửa", "due_on": day(15), "version": f.part_version("deadlines")})).await,
        ("DELETE", _) => {
            let list = ["themes", "targets", "deadlines"].into_iter().find(|l| route.contains(&format!("/{l}/")));
            let query = list.map(|l| format!("?version={}", f.part_version(l))).unwrap_or_default();
            api_delete(s, &format!("{path}{query}")).await
        }
        ("POST", "/award_forms") => s.api_post(path, &json!({"name": "Bằng khen của UBND thành phố", "criteria": "Tiêu biểu xuất sắc"})).await,
        ("POST", "/quotas") => s.api_post(path, &json!({"who": "Mỗi phường", "collectives_max": 2})).await,
        ("POST", "/registrations") => s.api_post(path, &json!({"unit_id": uid, "titles": ["TTLDXS"], "own_targets": "Giải ngân | ≥ | 95 | %"})).await,
        ("POST", "/pacts") => s.api_post(path, &json!({"cluster_id": f.pact_cluster, "signed_on": day(0), "content": "Giao ước thi đua", "targets": ["Giải ngân | ≥ | 95 | %"]})).await,
        ("POST", "/progress") => multipart(s, path, &[("unit_id", &uid), ("value", "72,5"), ("reported_on", &day(0))], &[("bao-cao.pdf", pdf())]).await,
        ("POST", "/submissions") => s.api_post(path, &json!({"unit_id": uid, "due_on": Fixture::field(&f.campaign.as_ref().map(|c| c["deadlines"][0].clone()), "due_on"), "document_number": "15/BC-UBND"})).await,
        ("POST", _) if route == "POST /api/v1/campaigns" => s.api_post(path, &plan_body(&format!("Kế hoạch mới {}", crate::common::next_n()), std::slice::from_ref(&uid))).await,
        ("PUT", _) if route == "PUT /api/v1/campaigns/{campaign}" => {
            let mut body = plan_body(&format!("Kế hoạch sửa thử {}", crate::common::next_n()), std::slice::from_ref(&uid));
            body["version"] = f.campaign.as_ref().map(|c| c["version"].clone()).unwrap_or(Value::Null);
            s.api_put(path, &body).await
        }
        _ => panic!("no request for campaign route {route}"),
    }
}

/// Checks one answer against the expected outcome; returns a description of the mismatch, if any.
fn judge(
    reply: &Reply,
    out: Out,
    route: &Route,
    f: &Fixture,
    audit_before: i64,
    audit_after: i64,
) -> Option<String> {
    let status = reply.status.as_u16();
    let want = match out {
        O => route.ok,
        F => 403,
        N => 404,
        I => 422,
    };
    if status != want {
        return Some(format!(
            "status {status}, expected {want} ({out:?}); body: {}",
            excerpt(&reply.text).chars().take(300).collect::<String>()
        ));
    }
    let text = &reply.text;
    let problem = match out {
        O if route.mutates && audit_after <= audit_before => {
            Some("allowed change wrote no audit row".to_string())
        }
        O => None,
        F if !text.contains("Bạn không có quyền thực hiện thao tác này.") => {
            Some("403 without the Vietnamese message".into())
        }
        N if !text.contains("Không tìm thấy dữ liệu trong phạm vi của bạn.") => {
            Some("404 without the Vietnamese message".into())
        }
        N if text.contains(&f.secret) => Some(format!("404 reveals {:?}", f.secret)),
        I if !text.contains("phạm vi") => {
            Some("422 does not say the unit is outside the user's scope".into())
        }
        _ => None,
    };
    if problem.is_some() {
        return problem;
    }
    if out != O && audit_after != audit_before {
        return Some(format!(
            "refused request changed data: audit rows {audit_before} → {audit_after}"
        ));
    }
    None
}

async fn policy_matrix(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin_fixtures = app.login(ADMIN).await;
    let mut sessions = Vec::new();
    for (user, col, own, other) in USERS {
        sessions.push((app.login(user).await, col, own, other));
    }
    let mut failures = Vec::new();
    let mut cases = 0;
    for route in ROUTES {
        for (s, col, own, other) in &sessions {
            for (which, target) in [("own", *own), ("other", *other)] {
                let (exp_own, exp_other) = route.expect[*col];
                let out = if which == "own" { exp_own } else { exp_other };
                let f = Fixture::new(&app, &admin_fixtures, target, route.name).await;
                let before = app.audit_rows().await;
                let reply = perform(s, route.name, &f).await;
                let after = app.audit_rows().await;
                cases += 1;
                if let Some(problem) = judge(&reply, out, route, &f, before, after) {
                    failures.push(format!(
                        "{} as {} on {which} unit ({target}): {problem}",
                        route.name, s.username
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} policy cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cases, ROUTES.len() * USERS.len() * 2);
}

async fn unit_officer_lists_are_scoped(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (user, own, outsider_unit, outsider_person) in [
        (UO_BACHDANG, "P-BACHDANG", "Phòng Nội vụ", "Đặng Thị Hoa"),
        (UO_VHTT, "P-VHTT", "Phường Bạch Đằng", "Nguyễn Văn An"),
    ] {
        let s = app.login(user).await;
        let scope = app.unit(own).await;
        let expected_units = app
            .count(&format!(
                "SELECT COUNT(*) FROM units WHERE path LIKE '{}%' AND valid_to IS NULL",
                scope.path
            ))
            .await;
        let expected_people = app
            .count(&format!(
                "SELECT COUNT(*) FROM persons WHERE unit_path LIKE '{}%'",
                scope.path
            ))
            .await;
        assert!(expected_people > 0);

        let units = s.api_get("/api/v1/units").await;
        units.expect(200);
        let units = units.json();
        let units = units.as_array().unwrap();
        assert_eq!(units.len() as i64, expected_units, "{user}: {units:?}");
        for u in units {
            assert!(
                app.unit_by_id(u["id"].as_str().unwrap())
                    .await
                    .path
                    .starts_with(&scope.path),
                "{user} sees {u}"
            );
        }
        let all = s
            .api_get("/api/v1/units?include_closed=true&q=phuong")
            .await
            .json();
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .all(|u| u["code"].as_str().unwrap().starts_with(own)),
            "{user}: {all}"
        );

        let people = s.api_get("/api/v1/people?limit=500").await.json();
        assert_eq!(people["total"].as_i64().unwrap(), expected_people, "{user}");
        for p in people["items"].as_array().unwrap() {
            assert!(
                app.person(p["id"].as_str().unwrap())
                    .await
                    .unit_path
                    .starts_with(&scope.path),
                "{user} sees {p}"
            );
        }
        let page = s.get("/units").await;
        page.expect(200).contains(&scope.name);
        assert!(
            !page.text.contains(outsider_unit),
            "{user} unit list shows {outsider_unit}"
        );
        let page = s.get("/people").await;
        page.expect(200);
        assert!(
            !page.text.contains(outsider_person),
            "{user} people list shows {outsider_person}"
        );
        let page = s.get("/people?q=a").await;
        assert!(!page.text.contains(outsider_person));
        // Forms offer only units in scope.
        let form = s.get("/people/new").await;
        form.expect(200).contains(&scope.name);
        assert!(
            !form.text.contains(outsider_unit),
            "{user} person form offers {outsider_unit}"
        );
        let form = s.get("/units/new").await;
        assert!(
            !form.text.contains(outsider_unit),
            "{user} unit form offers {outsider_unit}"
        );
        // The home page counts only their units and people.
        s.get("/").await.expect(200).contains(&scope.name);
    }
}
