//! When an e-mail may leave: not in the night's quiet hours, not on a weekend, not on a public
//! holiday (Tết included) — a reminder due then is held until the next working morning. Times are
//! Vietnam's (UTC+7), the calendar the users live by. Pure: the caller gives the instant.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, Time, UtcOffset, Weekday};

/// Vietnam's offset: no daylight saving.
const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// One public holiday (or a day off given in lieu).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Holiday {
    /// ISO date.
    pub date: String,
    pub name: String,
}

/// An organisation's sending calendar.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailCalendar {
    /// Mails wait from this hour (0–23, Vietnam time) …
    pub quiet_from: u8,
    /// … until this hour; equal hours mean no quiet hours.
    pub quiet_to: u8,
    /// Saturdays and Sundays wait for Monday.
    pub skip_weekends: bool,
    pub holidays: Vec<Holiday>,
    /// Days after a missed deadline before the unit's head is told (0: never).
    #[serde(default = "default_grace")]
    pub escalate_after_days: u8,
}

fn default_grace() -> u8 {
    5
}

impl Default for MailCalendar {
    fn default() -> Self {
        MailCalendar {
            quiet_from: 21,
            quiet_to: 7,
            skip_weekends: true,
            holidays: default_holidays(),
            escalate_after_days: default_grace(),
        }
    }
}

/// The days off of 2026 and 2027 as announced for civil servants [U: the 2027 Tết break and the
/// days given in lieu follow the usual pattern and must be checked against the year's notice].
pub fn default_holidays() -> Vec<Holiday> {
    let days: [(&str, &str); 22] = [
        ("2026-01-01", "Tết Dương lịch"),
        ("2026-02-14", "Tết Nguyên đán"),
        ("2026-02-15", "Tết Nguyên đán"),
        ("2026-02-16", "Tết Nguyên đán"),
        ("2026-02-17", "Tết Nguyên đán"),
        ("2026-02-18", "Tết Nguyên đán"),
        ("2026-02-19", "Tết Nguyên đán"),
        ("2026-02-20", "Tết Nguyên đán"),
        ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("2026-04-30", "Ngày Chiến thắng"),
        ("2026-05-01", "Quốc tế Lao động"),
        ("2026-09-01", "Quốc khánh"),
        ("2026-09-02", "Quốc khánh"),
        ("2027-01-01", "Tết Dương lịch"),
        ("2027-02-05", "Tết Nguyên đán"),
        ("2027-02-08", "Tết Nguyên đán"),
        ("2027-02-09", "Tết Nguyên đán"),
        ("2027-02-10", "Tết Nguyên đán"),
        ("2027-04-16", "Giỗ Tổ Hùng Vương"),
        ("2027-04-30", "Ngày Chiến thắng"),
        ("2027-05-03", "Quốc tế Lao động (nghỉ bù)"),
        ("2027-09-02", "Quốc khánh"),
    ];
    days.iter()
        .map(|(date, name)| Holiday {
            date: (*date).to_string(),
            name: (*name).to_string(),
        })
        .collect()
}

impl MailCalendar {
    /// Whether `day` is a working day for mail.
    pub fn is_working_day(&self, day: Date) -> bool {
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        if self.skip_weekends && weekend {
            return false;
        }
        let iso = crate::date::iso(day);
        !self.holidays.iter().any(|h| h.date == iso)
    }

    fn is_quiet(&self, hour: u8) -> bool {
        let (from, to) = (self.quiet_from, self.quiet_to);
        match from.cmp(&to) {
            std::cmp::Ordering::Equal => false,
            // 12 → 14: quiet in the middle of the day.
            std::cmp::Ordering::Less => (from..to).contains(&hour),
            // 21 → 7: quiet across midnight.
            std::cmp::Ordering::Greater => hour >= from || hour < to,
        }
    }

    /// The first instant at or after `now` when a mail may leave: `now` itself when allowed, else
    /// the end of the quiet hours on the next working day.
    pub fn next_send_time(&self, now: OffsetDateTime) -> OffsetDateTime {
        let local = now.to_offset(VIETNAM);
        if self.is_working_day(local.date()) && !self.is_quiet(local.hour()) {
            return now;
        }
        let opening = Time::from_hms(self.quiet_to.min(23), 0, 0).unwrap_or(Time::MIDNIGHT);
        // Today's opening when the quiet hours end later today, else a later day's.
        let mut day = local.date();
        if local.time() >= opening || !self.is_working_day(day) {
            day = day.next_day().unwrap_or(day);
        }
        // A year of holidays at most: a calendar closed every day must not loop forever.
        for _ in 0..370 {
            if self.is_working_day(day) {
                break;
            }
            day = day.next_day().unwrap_or(day);
        }
        let at = day.with_time(opening).assume_offset(VIETNAM);
        at.max(now)
    }

    /// The checks of an edited calendar: hours in 0–23, holidays with a real date and a name, no
    /// date twice. Messages name the field in Vietnamese.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.quiet_from > 23 {
            out.push((
                "quiet_from".into(),
                "Giờ bắt đầu yên lặng phải từ 0 đến 23.".into(),
            ));
        }
        if self.quiet_to > 23 {
            out.push((
                "quiet_to".into(),
                "Giờ kết thúc yên lặng phải từ 0 đến 23.".into(),
            ));
        }
        if self.escalate_after_days > 60 {
            out.push((
                "escalate_after_days".into(),
                "Số ngày trước khi báo thủ trưởng phải từ 0 đến 60.".into(),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, h) in self.holidays.iter().enumerate() {
            let line = i + 1;
            if crate::date::parse(&h.date).is_none() {
                out.push((
                    "holidays".into(),
                    format!("Dòng {line}: ngày «{}» không hợp lệ (viết dạng 2026-02-17 hoặc 17/02/2026).", h.date),
                ));
            } else if !seen.insert(h.date.clone()) {
                out.push((
                    "holidays".into(),
                    format!("Dòng {line}: ngày {} đã có ở dòng trước.", h.date),
                ));
            }
            if h.name.trim().is_empty() {
                out.push((
                    "holidays".into(),
                    format!("Dòng {line}: thiếu tên ngày nghỉ."),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn cal() -> MailCalendar {
        MailCalendar::default()
    }

    #[test]
    fn a_working_morning_sends_at_once() {
        // Thursday 3 December 2026, 09:00 in Hà Nội.
        let now = datetime!(2026-12-03 02:00 UTC);
        assert_eq!(cal().next_send_time(now), now);
    }

    #[test]
    fn the_night_waits_for_seven_in_the_morning() {
        // Thursday 22:30 Hà Nội → Friday 07:00.
        let now = datetime!(2026-12-03 15:30 UTC);
        assert_eq!(cal().next_send_time(now), datetime!(2026-12-04 00:00 UTC));
        // Friday 05:00 Hà Nội → the same Friday 07:00.
        let early = datetime!(2026-12-03 22:00 UTC);
        assert_eq!(cal().next_send_time(early), datetime!(2026-12-04 00:00 UTC));
    }

    #[test]
    fn a_weekend_waits_for_monday() {
        // Saturday 5 December 2026 10:00 → Monday 7 December 07:00.
        let now = datetime!(2026-12-05 03:00 UTC);
        assert_eq!(cal().next_send_time(now), datetime!(2026-12-07 00:00 UTC));
        let mut open = cal();
        open.skip_weekends = false;
        assert_eq!(open.next_send_time(now), now);
    }

    #[test]
    fn tet_waits_until_work_resumes() {
        // 13 February 2026 (Friday) 22:00 → the break runs to 22 Feb (Sunday) → Monday 23 Feb.
        let now = datetime!(2026-02-13 15:00 UTC);
        assert_eq!(cal().next_send_time(now), datetime!(2026-02-23 00:00 UTC));
    }

    #[test]
    fn no_quiet_hours_and_a_calendar_closed_every_day_still_end() {
        let mut c = cal();
        c.quiet_from = 7;
        c.quiet_to = 7;
        let night = datetime!(2026-12-03 16:00 UTC);
        assert_eq!(c.next_send_time(night), night);
        c.skip_weekends = false;
        c.holidays = (0..400)
            .map(|d| Holiday {
                date: crate::date::iso(
                    time::macros::date!(2026 - 12 - 01) + time::Duration::days(d),
                ),
                name: "x".into(),
            })
            .collect();
        assert!(c.next_send_time(night) > night);
    }

    #[test]
    fn problems_name_the_line() {
        let mut c = cal();
        c.quiet_from = 24;
        c.holidays.push(Holiday {
            date: "2026-13-01".into(),
            name: String::new(),
        });
        let p = c.problems();
        assert!(p.iter().any(|(f, _)| f == "quiet_from"));
        assert!(
            p.iter()
                .any(|(_, m)| m.contains("Dòng 23") && m.contains("2026-13-01"))
        );
        assert!(p.iter().any(|(_, m)| m.contains("thiếu tên")));
        assert!(cal().problems().is_empty());
    }
}
