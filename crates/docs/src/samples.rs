//! Sample data of every document kind, as a Hà Nội standing office would fill it: used by the
//! snapshot tests, by `thidua docs-samples` (the PNGs in `docs/samples/`) and by the benchmark.

use crate::certificate::{Certificate, CertificateSet};
use crate::kinds::decision::{Decision, Line};
use crate::kinds::listing::Listing;
use crate::kinds::minutes::{Item, Minutes};
use crate::kinds::plan::Plan;
use crate::kinds::report::{Held, Report};
use crate::kinds::submission::{Nominee, Submission};
use crate::model::{Letterhead, Signature};

const NAMES: [&str; 8] = [
    "Nguyễn Thị Hằng",
    "Trần Văn Đức",
    "Lê Thị Phượng",
    "Phạm Quốc Việt",
    "Hoàng Thị Ngọc Ánh",
    "Vũ Đức Thắng",
    "Đặng Thị Mỹ Lệ",
    "Bùi Quang Huy",
];

fn head(number: &str) -> Letterhead {
    Letterhead {
        managing_body: String::new(),
        issuing_body: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
        number: number.into(),
        place_date: "Hà Nội, ngày 05 tháng 12 năm 2026".into(),
    }
}

fn chairman() -> Signature {
    Signature {
        lines: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
        name: "Vũ Thu Hà".into(),
    }
}

/// `n` decision lines: a collective every tenth line, the rest individuals.
pub fn lines(n: usize) -> Vec<Line> {
    (0..n)
        .map(|i| {
            let collective = i % 10 == 0;
            Line {
                golden_book_no: i as i64 + 1,
                award: "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".into(),
                name: if collective {
                    format!("Tổ dân phố số {}, phường Hai Bà Trưng", i / 10 + 1)
                } else {
                    NAMES[i % NAMES.len()].to_string()
                },
                position: if collective {
                    "Ủy ban nhân dân phường Hai Bà Trưng".into()
                } else {
                    "Giáo viên Trường Tiểu học Ặng Ỡ Ự, phường Hai Bà Trưng".into()
                },
                collective,
                amount: Some(if collective { 2_340_000 } else { 1_170_000 }),
                revoked: false,
            }
        })
        .collect()
}

pub fn decision(n: usize) -> Decision {
    Decision {
        head: head("Số: 125/QĐ-UBND"),
        summary: "Về việc khen thưởng thành tích xuất sắc trong phong trào thi đua năm 2026".into(),
        authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
        bases: vec![
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;".into(),
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into(),
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;".into(),
        ],
        proposal: "Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng Thành phố tại Tờ trình số 88/TTr-HĐTĐKT ngày 01 tháng 12 năm 2026.".into(),
        reason: "đã có thành tích xuất sắc trong phong trào thi đua năm 2026, góp phần vào sự nghiệp xây dựng và phát triển Thủ đô".into(),
        fund: "Quỹ Thi đua, khen thưởng của Thành phố".into(),
        executors: "Chánh Văn phòng Ủy ban nhân dân Thành phố, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1".into(),
        list_reference: "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/12/2026 của Chủ tịch Ủy ban nhân dân Thành phố)".into(),
        lines: lines(n),
        recipients: vec!["Như Điều 3;".into(), "Ban Thi đua - Khen thưởng Trung ương;".into(), "Lưu: VT, NV.".into()],
        signature: chairman(),
        title: "Quyết định 125/QĐ-UBND".into(),
    }
}

fn nominees() -> Vec<Nominee> {
    lines(6)
        .into_iter()
        .map(|l| Nominee {
            name: l.name,
            position: l.position,
            award: l.award,
            collective: l.collective,
            votes: "9/11 (81,8%)".into(),
        })
        .collect()
}

pub fn submission() -> Submission {
    Submission {
        head: Letterhead {
            managing_body: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
            issuing_body: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG".into(),
            ..head("Số: 88/TTr-HĐTĐKT")
        },
        summary: "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".into(),
        to: "Chủ tịch Ủy ban nhân dân Thành phố".into(),
        paragraphs: vec!["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và Nghị định số 152/2025/NĐ-CP; Hội đồng Thi đua - Khen thưởng Thành phố đã họp ngày 01/12/2026 xét đề nghị khen thưởng.".into()],
        request: "Thường trực Hội đồng đề nghị tặng Bằng khen cho 1 tập thể và 5 cá nhân (có danh sách kèm theo).".into(),
        nominees: nominees(),
        list_reference: "(Kèm theo Tờ trình số 88/TTr-HĐTĐKT ngày 05/12/2026)".into(),
        recipients: vec!["Như trên;".into(), "Lưu: VT, TĐKT.".into()],
        signature: Signature { lines: vec!["TM. HỘI ĐỒNG".into(), "PHÓ CHỦ TỊCH THƯỜNG TRỰC".into()], name: "Trần Thị Nga".into() },
        title: "Tờ trình 88/TTr-HĐTĐKT".into(),
    }
}

pub fn minutes() -> Minutes {
    Minutes {
        head: Letterhead {
            managing_body: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
            issuing_body: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG".into(),
            ..head("Số: 07/BB-HĐTĐKT")
        },
        summary: "Họp Hội đồng Thi đua - Khen thưởng Thành phố".into(),
        when: "Vào hồi 08 giờ 30 phút, ngày 01 tháng 12 năm 2026".into(),
        place: "Phòng họp số 2, trụ sở Ủy ban nhân dân Thành phố".into(),
        council: "Hội đồng Thi đua - Khen thưởng Thành phố".into(),
        chair: "Vũ Thu Hà, Phó Chủ tịch Ủy ban nhân dân Thành phố".into(),
        secretary: "Lê Thị Phượng".into(),
        present: NAMES[..6].iter().map(|s| s.to_string()).collect(),
        absent: NAMES[6..].iter().map(|s| s.to_string()).collect(),
        total_members: 8,
        voting: "Bỏ phiếu kín".into(),
        items: nominees()
            .into_iter()
            .enumerate()
            .map(|(i, n)| Item {
                nominee: n.name,
                unit: String::new(),
                award: n.award,
                agree: 6 - (i as i64 % 3),
                disagree: i as i64 % 3,
                abstain: 0,
                result: if 6 - (i as i64 % 3) > 4 { "Thông qua".into() } else { "Không thông qua".into() },
            })
            .collect(),
        conclusion: vec!["Hội đồng thống nhất trình Chủ tịch Ủy ban nhân dân Thành phố khen thưởng các trường hợp được thông qua.".into()],
        closing: "Cuộc họp kết thúc vào hồi 11 giờ 00 phút cùng ngày.".into(),
        title: "Biên bản 07/BB-HĐTĐKT".into(),
    }
}

pub fn listing() -> Listing {
    Listing {
        head: head(""),
        heading: "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG".into(),
        subtitle: "Đợt thi đua cao điểm chào mừng Đại hội Đảng bộ Thành phố năm 2026".into(),
        nominees: nominees(),
        signature: chairman(),
        title: "Danh sách đề nghị khen thưởng".into(),
    }
}

pub fn plan() -> Plan {
    Plan {
        head: head("Số: 45/KH-UBND"),
        summary: "Tổ chức phong trào thi đua thực hiện nhiệm vụ chính trị năm 2026".into(),
        purpose: vec!["Phát động phong trào thi đua sâu rộng, thiết thực, hiệu quả, gắn với thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026.".into()],
        period: "từ ngày 01/01/2026 đến ngày 31/12/2026".into(),
        themes: vec![("Thi đua xây dựng đô thị văn minh, hiện đại".into(), "Sở Xây dựng".into())],
        targets: vec![("Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa".into(), "≥ 90 %".into())],
        awards: vec![("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".into(), "Tập thể, cá nhân".into(), "02 tập thể, 04 cá nhân mỗi đơn vị".into())],
        deadlines: vec![("Đăng ký thi đua".into(), "15/01/2026".into(), "Các sở, ngành, phường, xã".into()), ("Báo cáo tổng kết, đề nghị khen thưởng".into(), "30/11/2026".into(), "Các sở, ngành, phường, xã".into())],
        recipients: vec!["Các sở, ban, ngành;".into(), "UBND các phường, xã;".into(), "Lưu: VT, NV.".into()],
        signature: chairman(),
        title: "Kế hoạch 45/KH-UBND".into(),
    }
}

pub fn report() -> Report {
    Report {
        head: Letterhead { managing_body: "ỦY BAN NHÂN DÂN PHƯỜNG HAI BÀ TRƯNG".into(), issuing_body: "TRƯỜNG TIỂU HỌC BẠCH ĐẰNG".into(), number: String::new(), place_date: "Hà Nội, ngày 20 tháng 11 năm 2026".into() },
        summary: "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".into(),
        collective: false,
        particulars: vec![("Họ và tên".into(), "Nguyễn Thị Hằng".into()), ("Sinh ngày, tháng, năm".into(), "12/03/1985".into()), ("Giới tính".into(), "Nữ".into()), ("Đơn vị công tác".into(), "Trường Tiểu học Bạch Đằng".into()), ("Chức vụ".into(), "Giáo viên".into())],
        achievements: vec!["Hoàn thành xuất sắc nhiệm vụ năm học 2025-2026; có sáng kiến được công nhận cấp cơ sở.".into()],
        progress: vec!["Tỷ lệ học sinh hoàn thành chương trình lớp học: 100 % (chỉ tiêu 98 %)".into()],
        titles: vec![Held { year: 2025, name: "Chiến sĩ thi đua cơ sở".into(), decision: "Quyết định số 12/QĐ-UBND ngày 05/01/2026 của Chủ tịch UBND phường Hai Bà Trưng".into() }],
        awards: Vec::new(),
        confirmer: Signature { lines: vec!["THỦ TRƯỞNG ĐƠN VỊ".into(), "XÁC NHẬN, ĐỀ NGHỊ".into()], name: "Đặng Thị Mỹ Lệ".into() },
        reporter: Signature { lines: vec!["NGƯỜI BÁO CÁO THÀNH TÍCH".into()], name: "Nguyễn Thị Hằng".into() },
        title: "Báo cáo thành tích Nguyễn Thị Hằng".into(),
    }
}

pub fn certificates(n: usize) -> CertificateSet {
    CertificateSet {
        title: "Bằng khen theo Quyết định 125/QĐ-UBND".into(),
        certificates: lines(n)
            .into_iter()
            .map(|l| Certificate {
                kind: "BẰNG KHEN".into(),
                authority: vec!["CHỦ TỊCH ỦY BAN NHÂN DÂN".into(), "THÀNH PHỐ HÀ NỘI".into()],
                name: l.name,
                position: l.position,
                achievement: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2026".into(),
                decision: "Quyết định số 125/QĐ-UBND ngày 05/12/2026".into(),
                golden_book: format!("Số sổ vàng: {}", l.golden_book_no),
                place_date: "Hà Nội, ngày 05 tháng 12 năm 2026".into(),
                signer: Signature {
                    lines: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
                    name: "Vũ Thu Hà".into(),
                },
                verify_url: format!(
                    "https://thidua.hanoi.gov.vn/xac-minh/HN{:06}",
                    l.golden_book_no
                ),
            })
            .collect(),
    }
}
