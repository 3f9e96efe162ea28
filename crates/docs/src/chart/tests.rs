use super::*;

fn chart(kind: ChartKind, categories: &[&str], series: &[(&str, &[f64])]) -> Chart {
    Chart {
        title: "Khen thưởng theo hình thức".into(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        series: series
            .iter()
            .map(|(name, values)| Series {
                name: name.to_string(),
                values: values.to_vec(),
            })
            .collect(),
        kind,
        unit: String::new(),
    }
}

/// The bars' (x, y, width, height, fill) in document order.
fn bars(svg: &str) -> Vec<(f64, f64, f64, f64, String)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("bar"))
        .map(|n| {
            let num = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
            let fill = n.attribute("fill").unwrap().to_string();
            (num("x"), num("y"), num("width"), num("height"), fill)
        })
        .collect()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect()
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn every_kind_is_a_standalone_svg_with_its_title_and_no_style() {
    for kind in [
        ChartKind::Bars,
        ChartKind::HorizontalBars,
        ChartKind::StackedBars,
        ChartKind::Line,
    ] {
        let c = chart(
            kind,
            &["2024", "2025"],
            &[("Tập thể", &[3.0, 5.0]), ("Cá nhân", &[7.0, 2.0])],
        );
        let s = svg(&c, 480, 300);
        let doc = roxmltree::Document::parse(&s).unwrap_or_else(|e| panic!("{kind:?}: {e}\n{s}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let first = root.first_element_child().unwrap();
        assert_eq!(first.tag_name().name(), "title");
        assert_eq!(first.text(), Some("Khen thưởng theo hình thức"));
        assert!(
            doc.descendants().all(|n| n.attribute("style").is_none()),
            "{kind:?}"
        );
        assert!(
            !doc.descendants()
                .any(|n| n.has_tag_name("style") || n.has_tag_name("script"))
        );
    }
}

#[test]
fn bar_heights_are_proportional_to_the_figures_from_a_common_baseline() {
    let s = svg(
        &chart(
            ChartKind::Bars,
            &["A", "B", "C"],
            &[("", &[10.0, 20.0, 40.0])],
        ),
        400,
        300,
    );
    let b = bars(&s);
    assert_eq!(b.len(), 3);
    assert!(
        close(b[1].3, 2.0 * b[0].3) && close(b[2].3, 4.0 * b[0].3),
        "{b:?}"
    );
    let base = b[0].1 + b[0].3;
    assert!(b.iter().all(|r| close(r.1 + r.3, base)), "{b:?}");
    assert!(b[0].0 < b[1].0 && b[1].0 < b[2].0);
    assert!(
        texts(&s).contains(&"40".to_string()),
        "the figure is written on its bar"
    );
}

#[test]
fn series_take_the_palette_in_order_side_by_side() {
    let c = chart(
        ChartKind::Bars,
        &["2025"],
        &[("Nam", &[4.0]), ("Nữ", &[6.0])],
    );
    let b = bars(&svg(&c, 400, 300));
    assert_eq!((b[0].4.as_str(), b[1].4.as_str()), (PALETTE[0], PALETTE[1]));
    assert!(close(b[1].3 / b[0].3, 1.5));
    assert!(close(b[0].0 + b[0].2, b[1].0), "side by side: {b:?}");
}

#[test]
fn stacked_segments_sit_on_each_other() {
    let c = chart(
        ChartKind::StackedBars,
        &["Đúng hạn"],
        &[("a", &[1.0]), ("b", &[3.0])],
    );
    let b = bars(&svg(&c, 400, 300));
    assert!(close(b[1].3, 3.0 * b[0].3));
    assert!(close(b[1].1 + b[1].3, b[0].1), "b on top of a: {b:?}");
    assert!(close(b[0].0, b[1].0));
}

#[test]
fn horizontal_bar_lengths_are_proportional() {
    let c = chart(
        ChartKind::HorizontalBars,
        &["Sở Y tế", "Sở Tài chính"],
        &[("", &[5.0, 15.0])],
    );
    let b = bars(&svg(&c, 500, 200));
    assert!(close(b[1].2, 3.0 * b[0].2), "{b:?}");
    assert!(close(b[0].0, b[1].0) && b[0].1 < b[1].1);
}

#[test]
fn text_is_escaped_and_read_back_whole() {
    let mut c = chart(
        ChartKind::Bars,
        &["<Tập thể> & \"Lao động\""],
        &[("Đơn vị 'A'", &[1.0])],
    );
    c.title = "Khen thưởng <b>&</b> \u{1}".into();
    let s = svg(&c, 600, 300);
    assert!(!s.contains("<b>"));
    let doc = roxmltree::Document::parse(&s).unwrap();
    assert_eq!(
        doc.root_element().first_element_child().unwrap().text(),
        Some("Khen thưởng <b>&</b>  ")
    );
    assert!(
        texts(&s).iter().any(|t| t == "<Tập thể> & \"Lao động\""),
        "{s}"
    );
    let tips: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        tips.contains(&"<Tập thể> & \"Lao động\" — Đơn vị 'A': 1"),
        "{tips:?}"
    );
}

#[test]
fn long_category_labels_are_shortened_with_the_full_text_in_a_title() {
    let long = "Ủy ban nhân dân huyện Thanh Trì, thành phố Hà Nội";
    let c = chart(
        ChartKind::Bars,
        &[long, "B", "C", "D", "E", "F"],
        &[("", &[1.0; 6])],
    );
    let s = svg(&c, 480, 300);
    let doc = roxmltree::Document::parse(&s).unwrap();
    let label = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("text")
                && n.children()
                    .any(|c| c.has_tag_name("title") && c.text() == Some(long))
        })
        .expect("the label keeps its full text in a title");
    let shown: String = label
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    assert!(
        shown.ends_with('…') && shown.chars().count() < long.chars().count(),
        "{shown}"
    );
}

#[test]
fn no_figures_or_only_zeros_show_no_data() {
    for c in [
        chart(ChartKind::Bars, &[], &[]),
        chart(ChartKind::Line, &["2025"], &[("", &[0.0])]),
        chart(ChartKind::HorizontalBars, &["A"], &[("", &[f64::NAN])]),
    ] {
        let s = svg(&c, 400, 300);
        assert!(texts(&s).contains(&NO_DATA.to_string()), "{s}");
        assert!(bars(&s).is_empty());
        assert!(!has_data(&c));
    }
}

#[test]
fn a_line_has_a_point_per_category_rising_with_the_figures() {
    let c = chart(
        ChartKind::Line,
        &["2023", "2024", "2025"],
        &[("Tỷ lệ", &[20.0, 50.0, 80.0])],
    );
    let s = svg(&c, 400, 300);
    let doc = roxmltree::Document::parse(&s).unwrap();
    let ys: Vec<f64> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .map(|n| n.attribute("cy").unwrap().parse().unwrap())
        .collect();
    assert_eq!(ys.len(), 3);
    assert!(
        ys[0] > ys[1] && ys[1] > ys[2],
        "higher figures sit higher: {ys:?}"
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .count(),
        1
    );
}

#[test]
fn percent_and_money_figures_carry_their_unit() {
    let mut c = chart(ChartKind::Bars, &["2025"], &[("", &[1_250_000.0])]);
    c.unit = "đ".into();
    assert!(texts(&svg(&c, 400, 300)).contains(&"1.250.000 đ".to_string()));
    c.unit = "%".into();
    c.series[0].values = vec![37.5];
    assert!(texts(&svg(&c, 400, 300)).contains(&"37,5%".to_string()));
}
