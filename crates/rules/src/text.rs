//! Vietnamese formatting helpers used in messages: dates, year lists, money.

use time::Date;

/// Formats a date as `dd/mm/yyyy`.
pub fn date_vn(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

/// Formats years as `2021, 2022`, or `không có` when empty.
pub fn years_vn(years: &[i32]) -> String {
    if years.is_empty() {
        return "không có".to_owned();
    }
    let parts: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    parts.join(", ")
}

/// Formats whole đồng with dot separators: `2.340.000 đ`.
pub fn money_vn(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out.push_str(" đ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_and_years() {
        assert_eq!(money_vn(2_340_000), "2.340.000 đ");
        assert_eq!(money_vn(702_000), "702.000 đ");
        assert_eq!(money_vn(0), "0 đ");
        assert_eq!(years_vn(&[2021, 2022]), "2021, 2022");
        assert_eq!(years_vn(&[]), "không có");
    }
}
