//! Time: the build's single notion of "now" (`--as-of`), turning TOML dates
//! into instants in the right time zone, and formatting dates per language.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime as Zoned};
use std::fmt::Write as _;
use toml::value::{Datetime, Offset};

use crate::i18n::Text;
use crate::msg;

/// Parse `--as-of`: a date (`2027-04-01`, the start of that day in the site's
/// time zone) or an RFC 3339 time (`2027-04-01T09:00:00+09:00`).
pub fn parse_as_of(s: &str, tz: &TimeZone) -> Result<Timestamp, Text> {
    let s = s.trim();
    let at = parse_as_of_unbounded(s, tz)?;
    if at.to_zoned_datetime(TimeZone::UTC).year() < FIRST_YEAR {
        return Err(too_early(msg!("time-value", value = s)));
    }
    Ok(at)
}

fn parse_as_of_unbounded(s: &str, tz: &TimeZone) -> Result<Timestamp, Text> {
    if let Ok(d) = s.parse::<Date>()
        && s.len() == 10
    {
        return d
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            .map_err(|_| out_of_range(msg!("time-value", value = s)));
    }
    s.parse::<Timestamp>().map_err(|_| {
        // Well formed, with an offset, and still no instant: beyond the range.
        let pieces = jiff::fmt::temporal::Pieces::parse(s);
        if pieces.is_ok_and(|p| p.offset().is_some()) {
            return out_of_range(msg!("time-value", value = s));
        }
        msg!("time-not-a-date", value = s)
    })
}

/// Why a date or time cannot be used, in words rather than the date
/// library's: instants end a little before the end of year 9999 (so that any
/// time zone can still show them as a date).
pub fn out_of_range(what: Text) -> Text {
    msg!("time-out-of-range", what = what)
}

/// The earliest date alumni accepts. Feeds and sitemaps write years with
/// four digits in UTC; a year-0 date in a zone east of UTC would be year -1
/// there. No alumni portal dates anything before 1900.
pub const FIRST_YEAR: i16 = 1900;

fn too_early(what: Text) -> Text {
    msg!("time-too-early", what = what, first = FIRST_YEAR.to_string())
}

/// What a TOML date or date-time value means in a time zone.
#[derive(Debug, Clone)]
pub struct Moment {
    pub zoned: Zoned,
    /// The value had no time of day (`2026-12-05`).
    pub date_only: bool,
}

/// Interpret a TOML datetime: offset date-times are exact instants (shown in
/// `tz`); local date-times and dates are read in `tz`.
pub fn to_moment(dt: &Datetime, tz: &TimeZone) -> Result<Moment, Text> {
    let Some(d) = dt.date else {
        return Err(msg!("time-of-day-alone"));
    };
    let date = Date::new(d.year as i16, d.month as i8, d.day as i8)
        .map_err(|_| msg!("time-not-real-date", date = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)))?;
    if date.year() < FIRST_YEAR {
        return Err(too_early(msg!("time-plain", value = dt.to_string())));
    }
    let time = match dt.time {
        Some(t) => Time::new(t.hour as i8, t.minute as i8, t.second.unwrap_or(0).min(59) as i8, 0)
            .map_err(|_| msg!("time-not-valid-time", time = format!("{:02}:{:02}", t.hour, t.minute)))?,
        None => Time::midnight(),
    };
    let civil = DateTime::from_parts(date, time);
    let zoned = match dt.offset {
        Some(off) => {
            let minutes = match off {
                Offset::Z => 0,
                Offset::Custom { minutes } => i32::from(minutes),
            };
            let offset = jiff::tz::Offset::from_seconds(minutes * 60)
                .map_err(|e| msg!("time-bad-offset", detail = e.to_string()))?;
            let ts =
                offset.to_timestamp(civil).map_err(|_| out_of_range(msg!("time-plain", value = dt.to_string())))?;
            ts.to_zoned_datetime(tz.clone())
        }
        None => {
            civil.to_zoned_datetime(tz.clone()).map_err(|_| out_of_range(msg!("time-plain", value = dt.to_string())))?
        }
    };
    Ok(Moment { zoned, date_only: dt.time.is_none() })
}

/// The first instant after the end of `date` in `tz` (jobs are open through
/// the whole of their `valid_through` day).
pub fn end_of_day(date: Date, tz: &TimeZone) -> Result<Timestamp, Text> {
    let too_late = || out_of_range(msg!("time-end-of", date = date.to_string()));
    let next = date.tomorrow().map_err(|_| too_late())?;
    next.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).map_err(|_| too_late())
}

/// Date formats of one language, from the theme's `i18n/<lang>.toml`.
#[derive(Debug, Clone)]
pub struct DateFormats {
    pub date: String,
    pub datetime: String,
    pub time: String,
    /// Monday first.
    pub weekdays: Vec<String>,
    pub months: Vec<String>,
}

impl Default for DateFormats {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect();
        DateFormats {
            date: "{year}-{month2}-{day2}".into(),
            datetime: "{year}-{month2}-{day2} {hour}:{minute}".into(),
            time: "{hour}:{minute}".into(),
            weekdays: s(&["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
            months: s(&["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
        }
    }
}

impl DateFormats {
    pub fn date(&self, z: &Zoned) -> String {
        self.apply(&self.date, z)
    }

    pub fn datetime(&self, z: &Zoned) -> String {
        self.apply(&self.datetime, z)
    }

    pub fn time(&self, z: &Zoned) -> String {
        self.apply(&self.time, z)
    }

    fn apply(&self, pattern: &str, z: &Zoned) -> String {
        let weekday = z.weekday().to_monday_zero_offset() as usize;
        let month = z.month() as usize;
        let mut out = String::with_capacity(pattern.len() + 8);
        let mut rest = pattern;
        // Patterns are a few dozen bytes: looked through byte by byte
        // (`str::find` with a `char` is a call that costs more).
        let find = |s: &str, b: u8| s.bytes().position(|c| c == b);
        while let Some(open) = find(rest, b'{') {
            out.push_str(&rest[..open]);
            let Some(close) = find(&rest[open..], b'}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            // Numbers are written into `out` (writing to a String cannot fail).
            match name {
                "year" if z.year() >= 0 => push_digits(&mut out, z.year().unsigned_abs().into(), 1),
                "year" => {
                    let _ = write!(out, "{}", z.year());
                }
                "month" => push_digits(&mut out, month as u32, 1),
                "month2" => push_digits(&mut out, month as u32, 2),
                "month_name" => out.push_str(self.months.get(month - 1).map_or("", String::as_str)),
                "day" => push_digits(&mut out, z.day().unsigned_abs().into(), 1),
                "day2" => push_digits(&mut out, z.day().unsigned_abs().into(), 2),
                "weekday" => out.push_str(self.weekdays.get(weekday).map_or("", String::as_str)),
                "hour" => push_digits(&mut out, z.hour().unsigned_abs().into(), 2),
                "minute" => push_digits(&mut out, z.minute().unsigned_abs().into(), 2),
                other => {
                    let _ = write!(out, "{{{other}}}");
                }
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// An event's time range: `Sat, 5 Dec 2026, 18:30–20:30`, or both dates
    /// in full when it spans days.
    pub fn range(&self, start: &Zoned, end: Option<&Zoned>, all_day: bool) -> String {
        let fmt_one = |z: &Zoned| {
            if all_day { self.date(z) } else { self.datetime(z) }
        };
        match end {
            None => fmt_one(start),
            Some(end) if start.date() == end.date() => {
                if all_day {
                    self.date(start)
                } else {
                    format!("{}–{}", self.datetime(start), self.time(end))
                }
            }
            Some(end) => format!("{} – {}", fmt_one(start), fmt_one(end)),
        }
    }
}

/// `n` in decimal, zero-padded to at least `width` digits (what `{:0width$}`
/// writes, for widths up to 10, the most a `u32` has), without the
/// formatting machinery: dates are written tens of thousands of times in a
/// large build.
fn push_digits(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let width = width.clamp(1, digits.len());
    let mut len = 0;
    while n > 0 || len < width {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
    }
    out.extend(digits[..len].iter().rev().map(|&d| char::from(d)));
}

/// ISO 8601 with offset, seconds precision: `2026-12-05T18:30:00+09:00`.
pub fn iso(z: &Zoned) -> String {
    let offset = z.offset().seconds();
    // Written by hand where that is plainly the same text: four-digit
    // years, offsets of whole minutes.
    if !(1000..=9999).contains(&z.year()) || offset % 60 != 0 {
        return z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    }
    let mut out = String::with_capacity(25);
    let two = |out: &mut String, n: i8| push_digits(out, n.unsigned_abs().into(), 2);
    push_digits(&mut out, z.year().unsigned_abs().into(), 4);
    out.push('-');
    two(&mut out, z.month());
    out.push('-');
    two(&mut out, z.day());
    out.push('T');
    two(&mut out, z.hour());
    out.push(':');
    two(&mut out, z.minute());
    out.push(':');
    two(&mut out, z.second());
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_digits(&mut out, minutes / 60, 2);
    out.push(':');
    push_digits(&mut out, minutes % 60, 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja() -> DateFormats {
        DateFormats {
            date: "{year}年{month}月{day}日({weekday})".into(),
            datetime: "{year}年{month}月{day}日({weekday}) {hour}:{minute}".into(),
            time: "{hour}:{minute}".into(),
            weekdays: ["月", "火", "水", "木", "金", "土", "日"].iter().map(|s| s.to_string()).collect(),
            months: vec![],
        }
    }

    #[test]
    fn formats_japanese_dates() {
        let tz = jiff::tz::db().get("Asia/Tokyo").unwrap();
        let z = DateTime::constant(2026, 12, 5, 18, 30, 0, 0).to_zoned_datetime(tz).unwrap();
        assert_eq!(ja().datetime(&z), "2026年12月5日(土) 18:30");
        let end = z.checked_add(jiff::Span::new().hours(2)).unwrap();
        assert_eq!(ja().range(&z, Some(&end), false), "2026年12月5日(土) 18:30–20:30");
        assert_eq!(iso(&z), "2026-12-05T18:30:00+09:00");
    }

    #[test]
    fn dates_are_written_as_the_formatting_machinery_writes_them() {
        let all = DateFormats {
            date: "{year}/{month}/{month2}/{day}/{day2}/{month_name}/{weekday}/{other}".into(),
            datetime: "{hour}:{minute}".into(),
            ..DateFormats::default()
        };
        let zones = ["Asia/Tokyo", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "UTC", "America/Caracas"];
        for name in zones {
            let tz = jiff::tz::db().get(name).unwrap();
            for (y, mo, d, h, mi, sec) in [(2026, 12, 5, 18, 30, 7), (1999, 1, 9, 0, 0, 0), (9999, 12, 30, 9, 5, 59)] {
                let z = DateTime::constant(y, mo, d, h, mi, sec, 0).to_zoned_datetime(tz.clone()).unwrap();
                assert_eq!(iso(&z), z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(), "{z}");
                let m = z.month() as usize;
                let expected = format!(
                    "{}/{m}/{m:02}/{}/{:02}/{}/{}/{{other}}",
                    z.year(),
                    z.day(),
                    z.day(),
                    all.months[m - 1],
                    all.weekdays[z.weekday().to_monday_zero_offset() as usize]
                );
                assert_eq!(all.date(&z), expected);
                assert_eq!(all.datetime(&z), format!("{:02}:{:02}", z.hour(), z.minute()));
            }
        }
        // A year before 1000 and an offset with seconds keep the library's text.
        let lmt = jiff::tz::db().get("Asia/Tokyo").unwrap();
        let z = DateTime::constant(850, 3, 1, 12, 0, 0, 0).to_zoned_datetime(lmt).unwrap();
        assert_eq!(iso(&z), z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        assert_eq!(all.date(&z).split('/').next(), Some("850"));
    }

    #[test]
    fn as_of_date_is_start_of_day_in_site_zone() {
        let tz = jiff::tz::db().get("Asia/Tokyo").unwrap();
        let t = parse_as_of("2027-04-01", &tz).unwrap();
        assert_eq!(t.to_string(), "2027-03-31T15:00:00Z");
        assert!(parse_as_of("tomorrow", &tz).is_err());
        assert_eq!(parse_as_of("2027-04-01T09:00:00+09:00", &tz).unwrap().to_string(), "2027-04-01T00:00:00Z");
        let before = "is before the supported range of dates, which starts on 1900-01-01";
        assert_eq!(
            parse_as_of("0000-01-01", &TimeZone::UTC).unwrap_err().to_string(),
            format!("`0000-01-01` {before}")
        );
        assert!(parse_as_of("1900-01-01", &TimeZone::UTC).is_ok());
        let beyond = "is beyond the supported range of dates, which ends on 9999-12-30 (at 22:00 UTC)";
        assert_eq!(
            parse_as_of("9999-12-31", &TimeZone::UTC).unwrap_err().to_string(),
            format!("`9999-12-31` {beyond}")
        );
        assert_eq!(
            parse_as_of("9999-12-31T23:00:00Z", &tz).unwrap_err().to_string(),
            format!("`9999-12-31T23:00:00Z` {beyond}")
        );
        assert!(parse_as_of("9999-12-31", &tz).is_ok(), "still 9999-12-30 in UTC");
    }
}
