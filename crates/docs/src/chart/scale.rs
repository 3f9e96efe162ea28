//! Axis arithmetic and labels: "nice" tick steps, Vietnamese number formatting (`1.234,5`), and
//! shortening labels to a width.

/// Ticks from 0 to a round maximum at or above `max`: about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ;
/// steps of at least 1 when the figures are `whole` (counts have no half ticks).
pub(crate) fn ticks(max: f64, count: usize, whole: bool) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0, 1.0];
    }
    let raw = max / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw && (!whole || s.fract() == 0.0))
        .unwrap_or(10.0 * mag)
        .max(if whole { 1.0 } else { 0.0 });
    let n = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// `v` with `.` between thousands and `,` before at most `decimals` decimals (trailing zeros dropped).
pub(crate) fn number(v: f64, decimals: usize) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    if v < 0.0 && out.chars().any(|c| c != '0' && c != '.' && c != ',') {
        out.insert(0, '-');
    }
    out
}

/// A value with its unit as shown on a bar or in a tooltip: `12,5%`, `1.200.000 đ`, `37`.
pub(crate) fn value(v: f64, unit: &str) -> String {
    match unit {
        "" => number(v, 2),
        "%" => format!("{}%", number(v, 1)),
        u => format!("{} {u}", number(v, 0)),
    }
}

/// A value on an axis: money in short words (`1,5 tỷ`, `250 tr`), the rest as [`value`].
pub(crate) fn axis(v: f64, unit: &str) -> String {
    if unit == "đ" && v >= 1e9 {
        format!("{} tỷ", number(v / 1e9, 2))
    } else if unit == "đ" && v >= 1e6 {
        format!("{} tr", number(v / 1e6, 1))
    } else {
        value(v, unit)
    }
}

/// The width of `text` at `size` px, estimated (no font metrics here): 0.56 em a letter.
pub(crate) fn width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// `text` cut to fit `room` px at `size` px, with `…` when cut; `None` when it fits whole.
pub(crate) fn shorten(text: &str, size: f64, room: f64) -> Option<String> {
    if width(text, size) <= room {
        return None;
    }
    let keep = ((room / (size * 0.56)).floor() as usize)
        .saturating_sub(1)
        .max(1);
    let cut: String = text.chars().take(keep).collect();
    Some(format!("{}…", cut.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(37.0, 5, true), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(ticks(100.0, 4, true), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(3.0, 5, true), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(
            ticks(2.0, 4, true),
            vec![0.0, 1.0, 2.0],
            "no half ticks for counts"
        );
        assert_eq!(ticks(2.0, 4, false), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(
            ticks(12.0, 5, true),
            vec![0.0, 5.0, 10.0, 15.0],
            "2.5 is skipped for counts"
        );
        assert_eq!(ticks(0.0, 5, true), vec![0.0, 1.0]);
    }

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(number(1234567.0, 0), "1.234.567");
        assert_eq!(number(12.5, 1), "12,5");
        assert_eq!(number(12.0, 2), "12");
        assert_eq!(number(-1500.0, 0), "-1.500");
        assert_eq!(value(45.26, "%"), "45,3%");
        assert_eq!(value(2_000_000.0, "đ"), "2.000.000 đ");
        assert_eq!(axis(1_500_000_000.0, "đ"), "1,5 tỷ");
        assert_eq!(axis(250_000_000.0, "đ"), "250 tr");
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Sở Y tế", 12.0, 200.0), None);
        let short = shorten(
            "Ủy ban nhân dân huyện Thanh Trì thành phố Hà Nội",
            12.0,
            60.0,
        )
        .unwrap();
        assert!(short.ends_with('…'), "{short}");
        assert!(width(&short, 12.0) <= 60.0 + 12.0 * 0.56, "{short}");
    }
}
