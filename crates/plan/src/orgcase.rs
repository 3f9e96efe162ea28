//! Casing of organisation names printed in capitals: the fixed phrases of Vietnamese unit names
//! (`HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG` → `Hội đồng Thi đua - Khen thưởng`, `BAN THƯỜNG VỤ` →
//! `Ban Thường vụ`, `ĐOÀN TNCS HỒ CHÍ MINH`) and the names of provinces and cities, which keep
//! their capitals wherever they stand in a name.

/// (folded phrase, written form, whether a proper name follows it).
const PHRASES: &[(&str, &str, bool)] = &[
    (
        "hoi dong thi dua - khen thuong",
        "Hội đồng Thi đua - Khen thưởng",
        true,
    ),
    (
        "hoi dong thi dua-khen thuong",
        "Hội đồng Thi đua - Khen thưởng",
        true,
    ),
    (
        "ban thi dua - khen thuong",
        "Ban Thi đua - Khen thưởng",
        true,
    ),
    (
        "uy ban mat tran to quoc viet nam",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        true,
    ),
    (
        "mat tran to quoc viet nam",
        "Mặt trận Tổ quốc Việt Nam",
        true,
    ),
    ("uy ban nhan dan", "Ủy ban nhân dân", false),
    ("hoi dong nhan dan", "Hội đồng nhân dân", false),
    ("hoi lien hiep phu nu", "Hội Liên hiệp Phụ nữ", true),
    ("lien doan lao dong", "Liên đoàn Lao động", true),
    ("doan tncs ho chi minh", "Đoàn TNCS Hồ Chí Minh", true),
    ("doi tntp ho chi minh", "Đội TNTP Hồ Chí Minh", true),
    ("hoi cuu chien binh", "Hội Cựu chiến binh", true),
    ("hoi nong dan", "Hội Nông dân", true),
    ("ban chap hanh", "Ban Chấp hành", true),
    ("ban thuong vu", "Ban Thường vụ", true),
    ("ban thuong truc", "Ban Thường trực", true),
    ("ban chi dao", "Ban Chỉ đạo", true),
    ("ban giam hieu", "Ban Giám hiệu", true),
    ("doan chu tich", "Đoàn Chủ tịch", true),
    ("trung uong", "Trung ương", true),
    ("cong doan", "Công đoàn", false),
    ("trung tam", "Trung tâm", false),
    ("lien doi", "Liên đội", false),
    ("doan truong", "Đoàn trường", false),
    ("thanh doan", "Thành đoàn", true),
    ("tinh doan", "Tỉnh đoàn", true),
    ("huyen doan", "Huyện đoàn", true),
    ("uy ban", "Ủy ban", true),
    ("viet nam", "Việt Nam", true),
    ("ho chi minh", "Hồ Chí Minh", true),
];

/// Provinces and centrally run cities (before and after the 2025 merger), written out.
const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Thừa Thiên Huế",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// The phrase starting at word `i` of `folded`: (number of words, written words, proper name
/// follows). Longest phrase first.
pub fn phrase_at(folded: &[String], i: usize) -> Option<(usize, Vec<String>, bool)> {
    let mut best: Option<(usize, Vec<String>, bool)> = None;
    let candidates = PHRASES
        .iter()
        .map(|(f, w, p)| (f.to_string(), w.to_string(), *p))
        .chain(
            PROVINCES
                .iter()
                .map(|p| (crate::text::fold(p), p.to_string(), true)),
        );
    for (f, written, proper) in candidates {
        let parts: Vec<&str> = f.split(' ').collect();
        let matches = folded.len() >= i + parts.len()
            && parts.iter().enumerate().all(|(k, p)| folded[i + k] == *p);
        if matches && best.as_ref().is_none_or(|b| b.0 < parts.len()) {
            let words = written.split(' ').map(str::to_string).collect();
            best = Some((parts.len(), words, proper));
        }
    }
    best
}

/// `Ban Chấp hành đoàn trường …` → `Ban Chấp hành Đoàn trường …`: the unit an organ belongs to
/// is a name.
pub fn capitalize_after_organ(name: &str) -> String {
    const ORGANS: &[&str] = &["ban chap hanh ", "ban thuong vu ", "ban thuong truc "];
    const UNITS: &[&str] = &[
        "doan ",
        "cong doan ",
        "chi doan ",
        "lien doan ",
        "hoi ",
        "chi hoi ",
    ];
    let f = crate::text::fold(name);
    for o in ORGANS {
        if let Some(at) = f.find(o) {
            let rest = &f[at + o.len()..];
            if UNITS.iter().any(|u| rest.starts_with(u)) {
                let byte = crate::text::map_offset(name, &f, at + o.len());
                let (head, tail) = name.split_at(byte);
                return format!("{head}{}", crate::text::capitalize(tail));
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalizes_the_unit_after_an_organ() {
        assert_eq!(
            capitalize_after_organ("Ban Chấp hành đoàn trường THPT số 2"),
            "Ban Chấp hành Đoàn trường THPT số 2"
        );
        assert_eq!(capitalize_after_organ("Sở Nội vụ"), "Sở Nội vụ");
    }
}
