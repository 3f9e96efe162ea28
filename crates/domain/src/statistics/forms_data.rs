//! The rows and columns of Biểu 0601.N–0605.N. 0601–0603 follow the prior-art templates (see the
//! module above) row by row with their codes; 0602's codes 04–05 are absent there and stay absent
//! [U]; 0604 follows an earlier copy of the same project; 0605 is reconstructed [U].

use super::forms::{FormDef, FormId, RowDef, col, col_manual, h, heading, row, row_manual, total};

const RECIPIENTS_02: [RowDef; 10] = [
    heading("2. Chia theo đối tượng khen thưởng"),
    row("06", "- Tập thể", "Tập thể"),
    row("07", "Trong đó: Doanh nghiệp", "Doanh nghiệp"),
    row_manual("08", "- Hộ gia đình", "Hộ"),
    row("09", "- Cá nhân", "Người"),
    row(
        "10",
        "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
        "Người",
    ),
    row("11", "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người"),
    row("12", "+ Doanh nhân", "Người"),
    row(
        "13",
        "+ Các cấp lãnh đạo khác từ phó phòng trở lên",
        "Người",
    ),
    row(
        "14",
        "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
        "Người",
    ),
];

/// Biểu 0601.N: movements by launching level, scope, length and method.
pub(crate) fn movements() -> FormDef {
    FormDef {
        id: FormId::Movements,
        title: "SỐ PHONG TRÀO THI ĐUA",
        unit_note: "Đơn vị tính: Phong trào",
        has_unit_col: false,
        head: vec![
            vec![
                h("Tổng số", 1, 2),
                h(
                    "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
                    3,
                    1,
                ),
            ],
            vec![
                h(
                    "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
                    1,
                    1,
                ),
                h(
                    "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
                    1,
                    1,
                ),
                h("Cơ quan, tổ chức, đơn vị", 1, 1),
            ],
        ],
        cols: vec![col("1"), col("2"), col("3"), col("4")],
        rows: vec![
            total("01", ""),
            heading("1. Chia theo phạm vi tổ chức thi đua"),
            row("02", "- Toàn quốc", ""),
            row("03", "- Bộ, ban, ngành, đoàn thể, địa phương", ""),
            row_manual(
                "04",
                "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
                "",
            ),
            row("05", "- Cơ quan, tổ chức, đơn vị", ""),
            heading("2. Chia theo thời hạn thi đua"),
            row("06", "- Dưới 1 năm", ""),
            row("07", "- 1 năm", ""),
            row("08", "- Từ 1 năm đến dưới 3 năm", ""),
            row("09", "- Từ 3 năm đến dưới 5 năm", ""),
            row("10", "- Từ 5 năm trở lên", ""),
            heading("3. Chia theo phương thức tổ chức phong trào thi đua"),
            row("11", "- Thi đua theo chuyên đề", ""),
            row("12", "- Thi đua thường xuyên hàng năm", ""),
        ],
        notes: vec![
            "Cột 1 = cột 2 + cột 3 + cột 4.",
            "Phong trào được tính vào năm phát động (ngày ban hành kế hoạch); kế hoạch chưa phát động (bản nháp) không được tính.",
            "Dòng 04 (cụm, khối thi đua) do Thường trực Hội đồng nhập: hệ thống chưa ghi phong trào do cụm, khối phát động.",
        ],
        verified: true,
        landscape: false,
    }
}

fn award_rows(first: &'static str) -> Vec<RowDef> {
    let mut rows = vec![total("01", "")];
    if first == "0602" {
        rows.extend([
            heading("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"),
            row("02", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành"),
            row("03", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP"),
        ]);
        rows.extend(RECIPIENTS_02);
        rows.extend([
            heading("3. Chia theo loại hình khen thưởng"),
            row("15", "- Thường xuyên", ""),
            row("16", "- Chuyên đề", ""),
            row("17", "- Đột xuất", ""),
            row("18", "- Đối ngoại", ""),
            row("19", "- Cống hiến", ""),
            row_manual("20", "- Niên hạn", ""),
            row_manual("21", "- Kháng chiến", ""),
        ]);
    } else {
        // 0603 numbers the same breakdown from 02, without the section by submitting body.
        let codes = ["02", "03", "04", "05", "06", "07", "08", "09", "10"];
        rows.push(heading("1. Chia theo đối tượng khen thưởng"));
        for (r, code) in RECIPIENTS_02.iter().skip(1).zip(codes) {
            rows.push(RowDef { code, ..r.clone() });
        }
        rows.extend([
            heading("2. Chia theo loại hình khen thưởng"),
            row("11", "- Thường xuyên", ""),
            row("12", "- Chuyên đề", ""),
            row("13", "- Đột xuất", ""),
            row("14", "- Đối ngoại", ""),
            row("15", "- Cống hiến", ""),
            row_manual("16", "- Niên hạn", ""),
            row_manual("17", "- Kháng chiến", ""),
        ]);
    }
    rows
}

const AWARD_NOTES: [&str; 3] = [
    "Khen thưởng được tính vào năm của ngày ký quyết định (không có ngày ký: năm thành tích); khen thưởng đã hủy không được tính.",
    "Phân loại cá nhân theo chức vụ ghi trong hồ sơ cá nhân và cấp của đơn vị (quy tắc của phần mềm, cần đối chiếu) [U].",
    "Các ô ghi «nhập tay» do Thường trực Hội đồng nhập: hệ thống không lưu dữ liệu đó; dòng Tổng số chỉ đếm khen thưởng có trong hệ thống.",
];

/// Biểu 0602.N: state-level commendations by submitting body, recipient and kind.
pub(crate) fn state_awards() -> FormDef {
    FormDef {
        id: FormId::StateAwards,
        title: "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        unit_note: "",
        has_unit_col: true,
        head: vec![
            vec![h("Tổng số", 1, 3), h("Chia ra", 12, 1)],
            vec![
                h("Các loại huân chương, huy chương", 2, 1),
                h("Giải thưởng Hồ Chí Minh", 1, 1),
                h("Giải thưởng Nhà nước", 1, 1),
                h("Danh hiệu vinh dự nhà nước", 2, 1),
                h("Cờ thi đua của Chính phủ", 1, 1),
                h("Bằng khen của Thủ tướng Chính phủ", 2, 1),
                h("Chiến sĩ thi đua toàn quốc", 1, 1),
                h("Các hình thức khen thưởng khác", 2, 1),
            ],
            vec![
                h("Tập thể", 1, 1),
                h("Cá nhân", 1, 1),
                h("Cá nhân", 1, 1),
                h("Cá nhân", 1, 1),
                h("Tập thể", 1, 1),
                h("Cá nhân", 1, 1),
                h("Tập thể", 1, 1),
                h("Tập thể", 1, 1),
                h("Cá nhân", 1, 1),
                h("Cá nhân", 1, 1),
                h("Tập thể", 1, 1),
                h("Cá nhân", 1, 1),
            ],
        ],
        cols: vec![
            col("1"),
            col("2a"),
            col("2b"),
            col_manual("3"),
            col_manual("4"),
            col("5a"),
            col("5b"),
            col("6"),
            col("7a"),
            col("7b"),
            col("8"),
            col("9a"),
            col("9b"),
        ],
        rows: award_rows("0602"),
        notes: [
            &AWARD_NOTES[..],
            &[
                "Cột 2 gộp các loại huân chương, huy chương; cột 5: danh hiệu Anh hùng; biểu gốc chia cột 2, 5, 9 theo từng loại và mã số dòng 04–05 không thấy trong nguồn đã đối chiếu [U].",
                "Tỉnh, thành phố là đơn vị trình: mọi khen thưởng cấp Nhà nước của tổ chức được tính ở dòng 03.",
            ],
        ]
        .concat(),
        verified: false,
        landscape: true,
    }
}

/// Biểu 0603.N: ministry- and province-level commendations by recipient and kind.
pub(crate) fn province_awards() -> FormDef {
    FormDef {
        id: FormId::ProvinceAwards,
        title: "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        unit_note: "",
        has_unit_col: true,
        head: vec![
            vec![h("Tổng số", 1, 2), h("Chia ra", 4, 1)],
            vec![
                h("Bằng khen", 1, 1),
                h("Chiến sĩ thi đua cấp bộ, cấp tỉnh", 1, 1),
                h(
                    "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
                    1,
                    1,
                ),
                h(
                    "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
                    1,
                    1,
                ),
            ],
        ],
        cols: vec![col("1"), col("2"), col("3"), col("4"), col("5")],
        rows: award_rows("0603"),
        notes: AWARD_NOTES.to_vec(),
        verified: true,
        landscape: false,
    }
}

/// Biểu 0604.N: the TĐKT organisation units. The records hold no such structure: entered by hand.
pub(crate) fn organisations() -> FormDef {
    FormDef {
        id: FormId::Organisations,
        title: "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        unit_note: "",
        has_unit_col: true,
        head: vec![vec![h("Số lượng", 1, 1)]],
        cols: vec![col("1")],
        rows: vec![
            RowDef {
                sum_of: &["02", "03", "04", "05"],
                ..total("01", "Tổ chức")
            },
            heading("Chia theo cơ cấu tổ chức bộ máy"),
            row_manual(
                "02",
                "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương",
                "Vụ",
            ),
            row_manual("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng"),
            row_manual("04", "- Cấp ban thuộc Sở Nội vụ", "Ban"),
            row_manual("05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng"),
        ],
        notes: vec![
            "Hệ thống không lưu cơ cấu bộ máy làm công tác thi đua, khen thưởng: các dòng 02–05 do Thường trực Hội đồng nhập; dòng 01 là tổng của chúng.",
        ],
        verified: false,
        landscape: false,
    }
}

/// Biểu 0605.N: TĐKT civil servants by sex, age band, education and years in the work. Every figure
/// is entered by hand (the system keeps users, not civil-service records). Reconstructed [U].
pub(crate) fn staff() -> FormDef {
    const SUM: &[&str] = &["02", "03", "04"];
    FormDef {
        id: FormId::Staff,
        title: "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        unit_note: "Đơn vị tính: Người",
        has_unit_col: false,
        head: vec![
            vec![
                h("Tổng số", 1, 2),
                h("Trong đó: Nữ", 1, 2),
                h("Chia theo độ tuổi", 4, 1),
                h("Chia theo trình độ chuyên môn", 4, 1),
                h(
                    "Chia theo thời gian làm công tác thi đua, khen thưởng",
                    3,
                    1,
                ),
            ],
            vec![
                h("Dưới 30", 1, 1),
                h("Từ 30 đến dưới 40", 1, 1),
                h("Từ 40 đến dưới 50", 1, 1),
                h("Từ 50 trở lên", 1, 1),
                h("Tiến sĩ", 1, 1),
                h("Thạc sĩ", 1, 1),
                h("Đại học", 1, 1),
                h("Dưới đại học", 1, 1),
                h("Dưới 5 năm", 1, 1),
                h("Từ 5 đến dưới 10 năm", 1, 1),
                h("Từ 10 năm trở lên", 1, 1),
            ],
        ],
        cols: [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
        ]
        .into_iter()
        .map(col_manual)
        .collect(),
        rows: vec![
            RowDef {
                sum_of: SUM,
                ..total("01", "")
            },
            row_manual("02", "- Cấp bộ, ban, ngành, đoàn thể Trung ương", ""),
            row_manual("03", "- Cấp tỉnh, thành phố trực thuộc Trung ương", ""),
            row_manual("04", "- Cấp xã, phường, đặc khu", ""),
        ],
        notes: vec![
            "Bố cục biểu này dựng lại từ tên biểu trong Thông tư 02/2023/TT-BNV, chưa đối chiếu được với phụ lục của Thông tư [U].",
            "Hệ thống không lưu hồ sơ công chức: mọi ô do Thường trực Hội đồng nhập; dòng 01 là tổng các dòng 02–04.",
        ],
        verified: false,
        landscape: true,
    }
}
