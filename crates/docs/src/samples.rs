//! Sample data of every document kind, as a Hà Nội standing office would fill it: used by the
//! snapshot tests, by `thidua docs-samples` (the PNGs in `docs/samples/`) and by the benchmark.

use crate::certificate::{Certificate, CertificateSet};
use crate::kinds::cluster_minutes::{self, ClusterMinutes};
use crate::kinds::decision::{Decision, Line};
use crate::kinds::listing::Listing;
use crate::kinds::minutes::{Item, Minutes};
use crate::kinds::plan::Plan;
use crate::kinds::report::{Held, Report};
use crate::kinds::review::{
    AwardLine, Awards, Content, Deadlines, ExemplarPeriod, Participation, Review, Section,
    TargetLine, TargetResult, UnitDeadlines,
};
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

/// The year-end minutes of a block of `n` wards (the ranking read out has a row for each).
pub fn cluster_minutes(n: usize) -> ClusterMinutes {
    let ward = |i: usize| format!("Phường {} số {}", NAMES[i % NAMES.len()], i + 1);
    ClusterMinutes {
        head: Letterhead {
            managing_body: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
            issuing_body: "KHỐI THI ĐUA CÁC PHƯỜNG".into(),
            number: String::new(),
            place_date: "Hà Nội, ngày 12 tháng 11 năm 2026".into(),
        },
        cluster: "Khối thi đua các phường".into(),
        year: 2026,
        when: "Vào ngày 12 tháng 11 năm 2026".into(),
        place: "Ủy ban nhân dân phường Hoàn Kiếm".into(),
        chair_unit: ward(0),
        members: n,
        present: n as i64,
        scale: "Thang điểm thi đua khối phường năm 2026".into(),
        ranking: (0..n)
            .map(|i| cluster_minutes::Place {
                rank: i + 1,
                unit: ward(i),
                total: format!("{},5", 98 - i.min(90)),
            })
            .collect(),
        leading_unit: ward(0),
        leading_votes: n as i64,
        next_leader: ward(1),
        next_deputy: ward(2),
        repeat_reason: String::new(),
        note: "Hội nghị thống nhất đề nghị Ủy ban nhân dân Thành phố tặng Cờ thi đua cho đơn vị dẫn đầu.".into(),
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

fn unit_deadlines(unit: &str, on_time: usize, late: usize, missing: usize) -> UnitDeadlines {
    UnitDeadlines {
        unit: unit.into(),
        on_time,
        late,
        missing,
    }
}

fn section(heading: &str, content: Content, text: &[&str], hint: &str) -> Section {
    Section {
        heading: heading.into(),
        content,
        text: text.iter().map(|t| t.to_string()).collect(),
        hint: hint.into(),
    }
}

/// A year-end report of a ward's campaign: three units, one target, deadlines, exemplars, awards.
pub fn review() -> Review {
    let line = |unit: &str, committed: &str, value: &str, percent: f64, status: &str| TargetLine {
        unit: unit.into(),
        committed: committed.into(),
        value: value.into(),
        percent: Some(percent),
        status: status.into(),
    };
    let target = TargetResult {
        text: "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa".into(),
        threshold: "≥ 90 %".into(),
        per_unit: true,
        counts: vec![("Đã đạt".into(), 2), ("Không đạt".into(), 1)],
        lines: vec![
            line("Tổ dân phố số 1", "≥ 92 %", "95 %", 103.0, "Đã đạt"),
            line("Tổ dân phố số 2", "≥ 90 %", "91,5 %", 101.7, "Đã đạt"),
            line("Tổ dân phố số 3", "≥ 90 %", "84 %", 93.3, "Không đạt"),
        ],
    };
    let units = vec![
        unit_deadlines("Tổ dân phố số 1", 4, 0, 0),
        unit_deadlines("Tổ dân phố số 2", 3, 1, 0),
        unit_deadlines("Tổ dân phố số 3", 1, 1, 2),
    ];
    let deadlines = Deadlines {
        total: unit_deadlines("", 8, 2, 2),
        not_due: 0,
        kinds: vec![
            unit_deadlines("Báo cáo sơ kết", 2, 1, 0),
            unit_deadlines("Gương điển hình hằng quý", 6, 1, 2),
        ],
        units,
    };
    let exemplars = vec![ExemplarPeriod {
        label: "Quý I/2026".into(),
        due: "10/04/2026".into(),
        owed: 3,
        sent: 2,
        late: 1,
    }];
    let awards = Awards {
        lines: vec![AwardLine {
            form: "Giấy khen của Chủ tịch UBND phường".into(),
            proposed_collectives: 1,
            proposed_individuals: 4,
            awarded_collectives: 1,
            awarded_individuals: 3,
            amount: 2_340_000,
        }],
        by_status: vec![
            ("Đã có quyết định".into(), 4),
            ("Không được thông qua".into(), 1),
        ],
    };
    Review {
        head: head("Số: 120/BC-UBND"),
        summary: "Tổng kết phong trào thi đua xây dựng phường văn minh năm 2026".into(),
        intro: "Thực hiện Kế hoạch số 45/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân phường về phong trào thi đua xây dựng phường văn minh năm 2026, Ủy ban nhân dân phường báo cáo tổng kết kết quả thực hiện (số liệu tính đến ngày 31/12/2026) như sau:".into(),
        sections: vec![
            section("Công tác chỉ đạo, tổ chức triển khai", Content::Direction(vec!["Kế hoạch số 45/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân phường.".into(), "3 đơn vị tham gia; 1 nội dung thi đua, 1 chỉ tiêu, 3 thời hạn gửi báo cáo, hồ sơ.".into()]), &["Các tổ dân phố đã tổ chức phát động tới từng hộ gia đình."], ""),
            section("Đăng ký thi đua", Content::Participation(Participation { participants: 3, registered: 2, unregistered: vec!["Tổ dân phố số 3".into()] }), &[], "Nhận xét về việc đăng ký."),
            section("Kết quả thực hiện các chỉ tiêu thi đua", Content::Targets(vec![target]), &[], ""),
            section("Việc thực hiện chế độ báo cáo", Content::Deadlines(deadlines), &[], ""),
            section("Gương điển hình tiên tiến", Content::Exemplars(exemplars), &[], ""),
            section("Công tác khen thưởng", Content::Awards(awards), &[], ""),
            section("Đánh giá chung", Content::Text, &["Ưu điểm: các tổ dân phố hưởng ứng tích cực.", "Hạn chế: Tổ dân phố số 3 còn chậm báo cáo."], ""),
            section("Đề xuất, kiến nghị", Content::Text, &[], "Đề xuất, kiến nghị với cấp trên (nếu có)."),
        ],
        recipients: vec!["Ủy ban nhân dân Thành phố;".into(), "Lưu: VT.".into()],
        signature: chairman(),
        title: "Báo cáo tổng kết phong trào 2026".into(),
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
