//! Benchmark data: writes an XLSX of N people spread over the demo's ward codes, in the importer's
//! columns. `cargo run --release -p thidua --example gen_people_xlsx -- 100000 people.xlsx`

use rust_xlsxwriter::Workbook;

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc"];
const GIVEN: [&str; 12] = [
    "An", "Bình", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Yến",
];
const UNITS: [&str; 8] = [
    "P-BACHDANG",
    "P-BACHKHOA",
    "P-BACHMAI",
    "P-CAUDEN",
    "P-MINHKHAI",
    "P-VINHTUY",
    "P-NOIVU",
    "P-VHTT",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let path = args.get(2).cloned().unwrap_or_else(|| "people.xlsx".into());
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Chức vụ",
        "Đối tượng",
        "Lao động trực tiếp",
        "Mã đơn vị",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h)?;
    }
    for i in 0..n {
        let r = (i + 1) as u32;
        let name = format!(
            "{} {} {}",
            FAMILY[i % 10],
            MIDDLE[(i / 10) % 6],
            GIVEN[(i / 60) % 12]
        );
        ws.write_string(r, 0, &name)?;
        ws.write_string(r, 1, if i % 2 == 0 { "Nam" } else { "Nữ" })?;
        ws.write_string(
            r,
            2,
            format!("{:02}/{:02}/{}", 1 + i % 28, 1 + i % 12, 1960 + i % 40),
        )?;
        ws.write_string(r, 3, "Chuyên viên")?;
        ws.write_string(
            r,
            4,
            if i % 3 == 0 {
                "Công chức"
            } else {
                "Người lao động"
            },
        )?;
        ws.write_string(r, 5, if i % 4 == 0 { "có" } else { "không" })?;
        ws.write_string(r, 6, UNITS[i % UNITS.len()])?;
    }
    book.save(&path)?;
    println!("{n} people written to {path}");
    Ok(())
}
