//! What every part of the generator draws from: one seeded random stream, ids derived from it, and the
//! reference date. The same seed on the same reference date writes the same province, ids included.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use thidua_store::bulk::Val;
use time::{Date, Duration, OffsetDateTime};

pub struct Gen {
    rng: StdRng,
    /// Milliseconds of the next id's UUIDv7 timestamp (ids sort in the order they were made).
    clock_ms: u64,
    /// The day the data is "as of": this year's campaigns and nominations are relative to it.
    pub today: Date,
    /// Timestamp written in created_at/updated_at of generated rows.
    pub stamp: String,
}

impl Gen {
    pub fn new(seed: u64, today: Date) -> Gen {
        let midnight = today.midnight().assume_utc();
        Gen {
            rng: StdRng::seed_from_u64(seed),
            clock_ms: (midnight.unix_timestamp() as u64) * 1000,
            today,
            stamp: thidua_store::ids::timestamp(midnight),
        }
    }

    /// A new UUIDv7 id, deterministic for the seed.
    pub fn id(&mut self) -> String {
        self.clock_ms += 1;
        let random: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(self.clock_ms, &random)
            .into_uuid()
            .to_string()
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n.max(1))
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks by weight: `items` are (weight, value).
    pub fn weighted<'a, T>(&mut self, items: &'a [(u32, T)]) -> &'a T {
        let total: u32 = items.iter().map(|(w, _)| *w).sum();
        let mut at = self.rng.random_range(0..total.max(1));
        for (w, v) in items {
            if at < *w {
                return v;
            }
            at -= w;
        }
        &items[items.len() - 1].1
    }

    /// A day in `[from, to]`.
    pub fn day_between(&mut self, from: Date, to: Date) -> Date {
        let span = (to - from).whole_days().max(0) as usize;
        from + Duration::days(self.below(span + 1) as i64)
    }

    /// A short code from an alphabet without look-alike characters (the verification codes' alphabet).
    pub fn code(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        (0..len)
            .map(|_| char::from(ALPHABET[self.below(ALPHABET.len())]))
            .collect()
    }

    /// `created_at` and `updated_at` of a generated row.
    pub fn stamp(&self) -> Val {
        Val::Text(self.stamp.clone())
    }
}

/// A date as stored (yyyy-mm-dd).
pub fn iso(d: Date) -> String {
    thidua_domain::date::iso(d)
}

/// A moment on a day (08:00 Vietnam time), as stored.
pub fn at(d: Date) -> String {
    let t: OffsetDateTime = d.midnight().assume_utc() + Duration::hours(1);
    thidua_store::ids::timestamp(t)
}

pub fn ymd(year: i32, month: u8, day: u8) -> Date {
    let month = time::Month::try_from(month).unwrap_or(time::Month::January);
    Date::from_calendar_date(year, month, day)
        .or_else(|_| Date::from_calendar_date(year, month, 28))
        .unwrap_or(Date::MIN)
}
