//! Forms carry a one-time key (`_idem`): a double click or a retried POST creates once and gets the
//! first answer again; a refused submission frees its key; another user's key reveals nothing.

use crate::common::{ADMIN, Engine, STANDING, TestApp, hidden_value};
use crate::on_both_engines;

on_both_engines!(double_submit_creates_once);

async fn double_submit_creates_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ward = app.unit("P-BACHMAI").await;
    let before = app.persons_count().await;

    let form = s.get("/people/new").await;
    form.expect(200);
    let key = hidden_value(&form.text, "_idem").expect("the form carries a one-time key");
    let fields = [
        ("full_name", "Vương Thị Một Lần"),
        ("gender", "female"),
        ("kind", "cadre"),
        ("unit_id", ward.id.as_str()),
        ("_idem", key.as_str()),
    ];
    let first = s.post_form("/people", &fields).await;
    first.expect(303);
    let second = s.post_form("/people", &fields).await;
    second.expect(303);
    assert_eq!(
        first.location(),
        second.location(),
        "the repeat gets the first answer"
    );
    assert_eq!(app.persons_count().await, before + 1, "created once");

    // A refused submission frees its key, so the corrected form goes through.
    let form = s.get("/people/new").await;
    let key2 = hidden_value(&form.text, "_idem").unwrap();
    assert_ne!(key, key2, "every form gets its own key");
    let bad = s
        .post_form(
            "/people",
            &[
                ("full_name", ""),
                ("gender", "female"),
                ("kind", "cadre"),
                ("unit_id", ward.id.as_str()),
                ("_idem", key2.as_str()),
            ],
        )
        .await;
    bad.expect(422);
    let good = s
        .post_form(
            "/people",
            &[
                ("full_name", "Vương Văn Hai"),
                ("gender", "male"),
                ("kind", "cadre"),
                ("unit_id", ward.id.as_str()),
                ("_idem", key2.as_str()),
            ],
        )
        .await;
    good.expect(303);
    assert_eq!(app.persons_count().await, before + 2);

    // Someone else replaying the first key is refused and learns nothing about where it led.
    let other = app.login(STANDING).await;
    let replay = other.post_form("/people", &fields).await;
    replay.expect(400).contains("đã được gửi");
    assert!(replay.location().is_none());
    assert_eq!(app.persons_count().await, before + 2);
}
