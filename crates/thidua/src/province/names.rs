//! Vietnamese names for generated people and places: family names in their real proportions (about
//! 38 % Nguyễn), so a search for "nguyen van an" finds the many namesakes a real province has.

use super::draw::Gen;

/// Family names and their share in ‰ (common estimates of the Vietnamese population).
const FAMILY: [(u32, &str); 20] = [
    (384, "Nguyễn"),
    (110, "Trần"),
    (95, "Lê"),
    (70, "Phạm"),
    (51, "Hoàng"),
    (20, "Huỳnh"),
    (45, "Phan"),
    (39, "Vũ"),
    (13, "Võ"),
    (21, "Đặng"),
    (20, "Bùi"),
    (14, "Đỗ"),
    (13, "Hồ"),
    (13, "Ngô"),
    (10, "Dương"),
    (5, "Lý"),
    (8, "Đinh"),
    (7, "Trương"),
    (6, "Mai"),
    (6, "Cao"),
];
const MIDDLE_M: [&str; 10] = [
    "Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Xuân", "Mạnh", "Ngọc",
];
const MIDDLE_F: [&str; 10] = [
    "Thị", "Thu", "Ngọc", "Hồng", "Thanh", "Minh", "Thùy", "Phương", "Kim", "Bích",
];
const GIVEN_M: [&str; 30] = [
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh",
    "Khoa", "Kiên", "Lâm", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn",
    "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Việt",
];
const GIVEN_F: [&str; 30] = [
    "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hương", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên",
    "Tâm", "Thảo", "Thủy", "Trang", "Vân", "Yến",
];

/// A full name for a gender ("male" / "female").
pub fn person(g: &mut Gen, gender: &str) -> String {
    let family = g.weighted(&FAMILY);
    if gender == "female" {
        format!("{family} {} {}", g.pick(&MIDDLE_F), g.pick(&GIVEN_F))
    } else {
        format!("{family} {} {}", g.pick(&MIDDLE_M), g.pick(&GIVEN_M))
    }
}

/// Syllables that make plausible place names ("Tân Phú", "Hòa Bình").
const PLACE_A: [&str; 24] = [
    "Tân", "Hòa", "An", "Phú", "Bình", "Đông", "Tây", "Nam", "Bắc", "Trung", "Vĩnh", "Thạch",
    "Kim", "Yên", "Quang", "Thanh", "Đại", "Hưng", "Long", "Gia", "Xuân", "Hồng", "Lạc", "Minh",
];
const PLACE_B: [&str; 24] = [
    "Sơn", "Thành", "Lộc", "Phong", "Hải", "Bình", "Thịnh", "Hà", "Lâm", "Khánh", "Tiến", "Mỹ",
    "Hiệp", "Đức", "Lợi", "Tường", "Quý", "Trạch", "Vượng", "Lập", "Hưng", "Điền", "Xá", "Ninh",
];

/// A place name; `n` makes each one distinct (the n-th name of the pair table, then a number).
pub fn place(n: usize) -> String {
    let pairs = PLACE_A.len() * PLACE_B.len();
    let base = format!(
        "{} {}",
        PLACE_A[n % PLACE_A.len()],
        PLACE_B[(n / PLACE_A.len() + n) % PLACE_B.len()]
    );
    if n < pairs {
        base
    } else {
        format!("{base} {}", n / pairs + 1)
    }
}

/// Upper-case ASCII of a name, for unit codes ("Tân Sơn" → "TANSON").
pub fn code_of(name: &str) -> String {
    thidua_domain::text::fold(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Provincial departments (sở, ban, ngành) of the 2025 organisation.
pub const DEPARTMENTS: [(&str, &str); 18] = [
    ("VP-UBND", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("SO-NOIVU", "Sở Nội vụ"),
    ("SO-TAICHINH", "Sở Tài chính"),
    ("SO-TUPHAP", "Sở Tư pháp"),
    ("SO-CONGTHUONG", "Sở Công Thương"),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường"),
    ("SO-XAYDUNG", "Sở Xây dựng"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo"),
    ("SO-YTE", "Sở Y tế"),
    ("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SO-DTTG", "Sở Dân tộc và Tôn giáo"),
    ("SO-NGOAIVU", "Sở Ngoại vụ"),
    ("THANHTRA", "Thanh tra tỉnh"),
    ("BQL-KCN", "Ban Quản lý các khu công nghiệp tỉnh"),
    ("DAI-PTTH", "Đài Phát thanh và Truyền hình tỉnh"),
    ("BAO-TINH", "Báo tỉnh"),
    ("TRUONG-CD", "Trường Cao đẳng tỉnh"),
];

/// Mass organisations at province level.
pub const MASS_ORGS: [(&str, &str); 6] = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("TINHDOAN", "Tỉnh đoàn"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("HCCB", "Hội Cựu chiến binh tỉnh"),
    ("HND", "Hội Nông dân tỉnh"),
    ("LDLD", "Liên đoàn Lao động tỉnh"),
];

/// Offices inside a department (phòng, chi cục).
pub const DEPARTMENT_OFFICES: [&str; 3] = ["Văn phòng", "Phòng Kế hoạch - Tài chính", "Chi cục"];

/// Kinds of enterprises.
pub const ENTERPRISE_KINDS: [&str; 5] = [
    "Công ty Cổ phần",
    "Công ty TNHH",
    "Công ty TNHH MTV",
    "Hợp tác xã",
    "Doanh nghiệp tư nhân",
];
