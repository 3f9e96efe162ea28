//! How Vietnamese administrative text writes dates, money and numbers.

use time::Date;

/// "ngày 05 tháng 12 năm 2026": Decree 30/2020 Phụ lục I writes a 0 before days under 10 and
/// before the months 1 and 2 (so "tháng 3" but "tháng 02").
pub fn date_words(d: Date) -> String {
    let month = u8::from(d.month());
    let month = if month < 3 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// "Hà Nội, ngày 05 tháng 12 năm 2026"; with no date, the blanks an office fills in by hand.
pub fn place_date(place: &str, d: Option<Date>, year: i32) -> String {
    let words = match d {
        Some(d) => date_words(d),
        None => format!("ngày      tháng      năm {year}"),
    };
    if place.trim().is_empty() {
        capitalise(&words)
    } else {
        format!("{}, {words}", place.trim())
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "dd/mm/yyyy".
pub fn dmy(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

/// An ISO date ("2026-12-05", or a timestamp starting with one) as a [`Date`].
pub fn parse_iso(s: &str) -> Option<Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.get(0..10)?, &f).ok()
}

/// A number with a decimal comma and at most one decimal ("95,8", "100").
pub fn decimal(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}").replace('.', ",")
    }
}

/// Upper-case Roman numeral of a section's place (I, II, … XX; beyond, the digits).
pub fn roman(n: usize) -> String {
    const ROMAN: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    ROMAN
        .get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |r| r.to_string())
}

/// 7020000 → "7.020.000" (dots between thousands, as Vietnamese writes money).
pub fn money(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// The words of 0..=999 inside a larger number; `full` when a higher group precedes (so 5 reads
/// "không trăm linh năm").
fn hundreds(n: u64, full: bool) -> Vec<&'static str> {
    let (h, t, u) = (
        (n / 100) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    let mut w = Vec::new();
    if h > 0 || full {
        w.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u > 0 && (h > 0 || full) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => w.extend([DIGITS[t], "mươi"]),
    }
    match u {
        0 => {}
        1 if t > 1 => w.push("mốt"),
        4 if t > 1 => w.push("tư"),
        5 if t > 0 => w.push("lăm"),
        _ => w.push(DIGITS[u]),
    }
    w
}

/// 7020000 → "Bảy triệu không trăm hai mươi nghìn đồng" (amounts in words, as decisions carry them).
pub fn money_words(amount: i64) -> String {
    let n = amount.unsigned_abs();
    if n == 0 {
        return "Không đồng".into();
    }
    const SCALES: [&str; 5] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut words: Vec<&str> = Vec::new();
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            continue;
        }
        let higher = i + 1 < groups.len();
        words.extend(hundreds(*g, higher));
        if i > 0 {
            words.push(SCALES[i.min(4)]);
        }
    }
    let text = format!("{} đồng", words.join(" "));
    let text = if amount < 0 {
        format!("âm {text}")
    } else {
        text
    };
    capitalise(&text)
}

/// Vietnamese upper case of a name line (Rust's `to_uppercase` handles the stacked marks).
pub fn upper(s: &str) -> String {
    s.trim().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_follow_the_decree() {
        assert_eq!(
            date_words(date!(2026 - 12 - 05)),
            "ngày 05 tháng 12 năm 2026"
        );
        assert_eq!(
            date_words(date!(2026 - 02 - 15)),
            "ngày 15 tháng 02 năm 2026"
        );
        assert_eq!(
            date_words(date!(2026 - 03 - 01)),
            "ngày 01 tháng 3 năm 2026"
        );
        assert_eq!(
            place_date("Hà Nội", Some(date!(2026 - 12 - 05)), 2026),
            "Hà Nội, ngày 05 tháng 12 năm 2026"
        );
        assert_eq!(
            place_date("Hà Nội", None, 2026),
            "Hà Nội, ngày      tháng      năm 2026"
        );
    }

    #[test]
    fn money_in_figures_and_words() {
        assert_eq!(money(7_020_000), "7.020.000");
        assert_eq!(money(999), "999");
        assert_eq!(money(1_000), "1.000");
        assert_eq!(
            money_words(7_020_000),
            "Bảy triệu không trăm hai mươi nghìn đồng"
        );
        assert_eq!(
            money_words(1_755_000),
            "Một triệu bảy trăm năm mươi lăm nghìn đồng"
        );
        assert_eq!(money_words(21_000_000), "Hai mươi mốt triệu đồng");
        assert_eq!(money_words(105), "Một trăm linh năm đồng");
        assert_eq!(
            money_words(14_040_000),
            "Mười bốn triệu không trăm bốn mươi nghìn đồng"
        );
        assert_eq!(
            money_words(2_340_500),
            "Hai triệu ba trăm bốn mươi nghìn năm trăm đồng"
        );
    }
}
