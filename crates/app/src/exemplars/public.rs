//! What the public site shows of exemplars and movements, without login: only published exemplars
//! (selected, consented, not withdrawn) and only public fields — names, unit, movement, the story,
//! photos, honours from non-confidential decisions, the units that adopted the model. Never a person's
//! record, birth date, contact or anything unpublished.

use super::quarter_label;
use crate::error::Result;
use crate::rules_cache::rules_in;
use serde::Serialize;
use thidua_domain::date::iso_to_vn;
use thidua_domain::exemplar::ExemplarKind;
use thidua_store::campaigns::{self, CampaignFilter};
use thidua_store::exemplars::{self as store, ExemplarFilter, ExemplarRow};
use thidua_store::{Db, orgs};

/// Cards per page of the public gallery.
pub const GALLERY_PAGE: i64 = 24;

/// An exemplar's card in the gallery.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCard {
    pub id: String,
    pub name: String,
    pub kind_label: String,
    pub headline: String,
    pub unit_name: String,
    pub movement: Option<String>,
    pub quarter_label: String,
    pub cover_photo_id: Option<String>,
}

impl PublicCard {
    fn of(r: &ExemplarRow) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            kind_label: ExemplarKind::parse(&r.kind)
                .unwrap_or(ExemplarKind::Person)
                .label()
                .into(),
            headline: r.headline.clone(),
            unit_name: r.unit_name.clone(),
            movement: r.campaign_title.clone(),
            quarter_label: quarter_label(r.year, r.quarter),
            cover_photo_id: r.cover_photo_id.clone(),
        }
    }
}

/// A page of the gallery.
#[derive(Debug, Clone, Serialize)]
pub struct Gallery {
    pub cards: Vec<PublicCard>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

/// Published exemplars of every organisation, newest first, searchable without diacritics.
pub async fn gallery(db: &Db, q: &str, kind: &str, page: i64) -> Result<Gallery> {
    let filter = ExemplarFilter {
        query: Some(q.trim().to_string()).filter(|q| !q.is_empty()),
        kind: ExemplarKind::parse(kind).map(|k| k.code().to_string()),
        public_only: true,
        ..Default::default()
    };
    let page = page.max(1);
    let mut tx = db.begin_read().await?;
    let (rows, total) = store::list(
        &mut tx,
        "",
        &filter,
        GALLERY_PAGE,
        (page - 1) * GALLERY_PAGE,
    )
    .await?;
    tx.commit().await?;
    Ok(Gallery {
        cards: rows.iter().map(PublicCard::of).collect(),
        total,
        page,
        pages: (total + GALLERY_PAGE - 1) / GALLERY_PAGE,
    })
}

/// An honour received, as the public sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicHonour {
    pub name: String,
    pub year: i64,
    pub decision: String,
}

/// A unit that adopted the model.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAdoption {
    pub unit_name: String,
    pub adopted_on: String,
    pub result: String,
}

/// One published exemplar's page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicExemplar {
    pub card: PublicCard,
    pub org_name: String,
    /// Paragraphs of the story.
    pub story: Vec<String>,
    /// Photo ids and captions.
    pub photos: Vec<(String, String)>,
    pub honours: Vec<PublicHonour>,
    pub adoptions: Vec<PublicAdoption>,
}

/// A published exemplar (`NotFound` for anything else, so nothing unpublished is told apart).
pub async fn exemplar(db: &Db, id: &str) -> Result<PublicExemplar> {
    let mut tx = db.begin_read().await?;
    let r = store::get_public(&mut tx, id).await?;
    let org_name = orgs::name(&mut tx, &r.org_id).await?;
    let photos = store::photos(&mut tx, &r.id).await?;
    let adoptions = store::adoptions(&mut tx, &r.id).await?;
    let subject = match ExemplarKind::parse(&r.kind) {
        Some(ExemplarKind::Person) => r.person_id.as_deref().map(|p| ("person", p)),
        Some(ExemplarKind::Collective) => Some(("unit", r.unit_id.as_str())),
        _ => None,
    };
    let honours = match subject {
        Some((t, s)) => store::public_honours(&mut tx, t, s).await?,
        None => Vec::new(),
    };
    let rules = rules_in(&mut tx, &r.org_id).await?;
    tx.commit().await?;
    Ok(PublicExemplar {
        card: PublicCard::of(&r),
        org_name,
        story: r
            .story
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        photos: photos
            .into_iter()
            .map(|p| (p.id, p.caption.unwrap_or_default()))
            .collect(),
        honours: honours
            .into_iter()
            .map(|h| PublicHonour {
                name: crate::decisions::award_name(&rules, &h.code),
                year: h.year,
                decision: decision_text(&h.decision_no, &h.decision_date, &h.issuer),
            })
            .collect(),
        adoptions: adoptions
            .into_iter()
            .map(|a| PublicAdoption {
                unit_name: a.unit_name,
                adopted_on: iso_to_vn(&a.adopted_on),
                result: a.result,
            })
            .collect(),
    })
}

/// `Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND …`, as much of it as is known.
fn decision_text(no: &Option<String>, date: &Option<String>, issuer: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(n) = no {
        s.push_str(&format!("Quyết định số {n}"));
    }
    if let Some(d) = date {
        s.push_str(&format!(" ngày {}", iso_to_vn(d)));
    }
    if let Some(i) = issuer {
        s.push_str(&format!(" của {i}"));
    }
    s.trim().to_string()
}

/// A movement under way, as the public sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicMovement {
    pub title: String,
    pub number: Option<String>,
    pub issuer: String,
    pub period: String,
}

/// One organisation's part of the public home page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicOrg {
    pub name: String,
    pub movements: Vec<PublicMovement>,
    pub exemplars: Vec<PublicCard>,
}

/// The public home page: each organisation's movements under way and its latest exemplars.
pub async fn home(db: &Db) -> Result<Vec<PublicOrg>> {
    let mut tx = db.begin_read().await?;
    let mut out = Vec::new();
    for (org_id, name) in orgs::all(&mut tx).await? {
        let filter = CampaignFilter {
            status: Some("launched".into()),
            ..Default::default()
        };
        // Under way: launched and begun (a plan launched ahead of its year waits for it).
        let today = thidua_domain::date::iso(crate::today());
        let movements = campaigns::list(&mut tx, &org_id, &filter)
            .await?
            .into_iter()
            .filter(|c| c.period_from <= today)
            .take(6)
            .map(|c| PublicMovement {
                period: format!(
                    "{} – {}",
                    iso_to_vn(&c.period_from),
                    iso_to_vn(&c.period_to)
                ),
                title: c.title,
                number: c.number,
                issuer: c.issuer,
            })
            .collect();
        let filter = ExemplarFilter {
            public_only: true,
            ..Default::default()
        };
        let (rows, _) = store::list(&mut tx, &org_id, &filter, 6, 0).await?;
        out.push(PublicOrg {
            name,
            movements,
            exemplars: rows.iter().map(PublicCard::of).collect(),
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// Changes whenever a public list could change (see `thidua_store::exemplars::public_stamp`): a copy
/// of a public page made under the same stamp is still true.
pub async fn stamp(db: &Db) -> Result<String> {
    let mut tx = db.begin_read().await?;
    let s = store::public_stamp(&mut tx).await?;
    tx.commit().await?;
    Ok(s)
}
