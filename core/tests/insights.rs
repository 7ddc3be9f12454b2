//! Insights through the vault: the shared streak fixture, patterns,
//! reminders and the home summary.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use nocontact_core::*;

const ZONE: &str = "UTC";

fn today_utc() -> (i32, u32, u32, i64) {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    let date = chrono_free_date(days);
    (date.0, date.1, date.2, days)
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), so
/// the test does not lean on the code it checks.
fn chrono_free_date(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

fn instant(day: i64, hhmm: &str) -> SystemTime {
    let (_, _, _, today) = today_utc();
    let (h, m) = hhmm.split_once(':').unwrap();
    let secs =
        (today + day) * 86_400 + h.parse::<i64>().unwrap() * 3600 + m.parse::<i64>().unwrap() * 60;
    UNIX_EPOCH + Duration::from_secs(secs as u64)
}

fn channel(id: &str) -> Channel {
    Channel::ALL.into_iter().find(|c| c.id() == id).unwrap()
}

struct Expect {
    numbers: BTreeMap<String, (u32, u32, u32, u32)>,
    next: BTreeMap<String, (u32, u32)>,
}

/// Builds the fixture in `vault` and returns what it expects.
fn build_fixture(vault: &Vault) -> Expect {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/streaks.txt"
    ))
    .unwrap();
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    let mut expect = Expect {
        numbers: BTreeMap::new(),
        next: BTreeMap::new(),
    };
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let w: Vec<&str> = line.split_whitespace().collect();
        let event = |day: &str, hhmm: &str, body: EventBody| NewEvent {
            at: Some(instant(day.parse().unwrap(), hhmm)),
            utc_offset_seconds: 0,
            body,
        };
        match w[0] {
            "person" => {
                let (_, _, _, today) = today_utc();
                let (y, m, d) = chrono_free_date(today + w[3].parse::<i64>().unwrap());
                let p = vault
                    .add_person(PersonInput {
                        alias: w[1].into(),
                        relationship: Relationship::Other,
                        mode: ContactMode::NoContact,
                        no_contact_since: LocalDate {
                            year: y,
                            month: m,
                            day: d,
                        },
                        blocked_on: vec![],
                        notes: String::new(),
                    })
                    .unwrap();
                people.insert(w[1].into(), p.id);
            }
            "breach" => {
                vault
                    .log_event(event(
                        w[2],
                        w[3],
                        EventBody::MyContact {
                            contact: MyContact {
                                person_id: people[w[1]].clone(),
                                channel: channel(w[4]),
                                initiated_by: Initiator::Me,
                                crossed_boundary_ids: vec![],
                                note: String::new(),
                            },
                        },
                    ))
                    .unwrap();
            }
            "attempt" => {
                vault
                    .quick_log_attempt(people[w[1]].clone(), channel(w[4]), 0)
                    .and_then(|e| {
                        let EventBody::TheirAttempt { attempt } = e.body else {
                            unreachable!()
                        };
                        vault.amend_event(
                            e.id,
                            event(w[2], w[3], EventBody::TheirAttempt { attempt }),
                        )
                    })
                    .unwrap();
            }
            "urge" => {
                let outcome = match w[4] {
                    "resisted" => UrgeOutcome::Resisted,
                    "delayed" => UrgeOutcome::Delayed,
                    _ => UrgeOutcome::ReachedOut,
                };
                vault
                    .log_event(event(
                        w[1],
                        w[2],
                        EventBody::Urge {
                            urge: Urge {
                                intensity: w[3].parse().unwrap(),
                                person_id: None,
                                trigger_ids: vec![],
                                emotions: vec![Emotion::Lonely],
                                other_emotions: vec![],
                                coping: vec!["walked".into()],
                                outcome,
                                reached_out_via: None,
                                note: String::new(),
                            },
                        },
                    ))
                    .unwrap();
            }
            "checkin" => {
                vault
                    .log_event(event(
                        w[1],
                        w[2],
                        EventBody::CheckIn {
                            check_in: CheckIn {
                                mood: w[3].parse().unwrap(),
                                energy: None,
                                note: String::new(),
                                tags: vec![],
                            },
                        },
                    ))
                    .unwrap();
            }
            "expect" => {
                let get = |i: usize| w[i].split_once('=').unwrap().1.parse::<u32>().unwrap();
                expect
                    .numbers
                    .insert(w[1].into(), (get(2), get(3), get(4), get(5)));
            }
            "expect-next" => {
                expect
                    .next
                    .insert(w[1].into(), (w[2].parse().unwrap(), w[3].parse().unwrap()));
            }
            other => panic!("unknown fixture line {other}"),
        }
    }
    expect
}

#[test]
fn the_shared_fixture_gives_the_expected_numbers() {
    let f = fixture();
    let expect = build_fixture(&f.vault);
    let report = f.vault.streaks(ZONE.into()).unwrap();
    let mut got = BTreeMap::new();
    let mut next = BTreeMap::new();
    for s in report.overall.iter().chain(&report.people) {
        let who = s.alias.clone().unwrap_or_else(|| "overall".into());
        got.insert(
            who.clone(),
            (
                s.current_days,
                s.longest_days,
                s.total_days_kept,
                s.breaches,
            ),
        );
        if let Some(n) = &s.next_milestone {
            next.insert(who, (n.days, n.days_left));
        }
    }
    assert_eq!(got, expect.numbers);
    for (who, want) in &expect.next {
        assert_eq!(next.get(who), Some(want), "{who}");
    }
    let r = report
        .people
        .iter()
        .find(|s| s.alias.as_deref() == Some("R."))
        .unwrap();
    assert_eq!(r.previous_days, Some(25));
    assert_eq!(
        r.milestones_reached
            .iter()
            .map(|m| m.days)
            .collect::<Vec<_>>(),
        vec![1, 3, 7, 14]
    );

    let summary = f.vault.summary(ZONE.into()).unwrap();
    assert_eq!(summary.streaks, report);
    assert_eq!(summary.next_milestone.as_ref().map(|n| n.days), Some(21));
    assert!(summary.prompt_of_the_day.is_some());
    assert_eq!(
        summary.last_check_in.map(|e| e.at),
        Some(instant(-1, "08:00"))
    );
}

#[test]
fn patterns_over_the_fixture() {
    let f = fixture();
    build_fixture(&f.vault);
    let i = f.vault.insights(ZONE.into(), 4, None).unwrap();
    assert_eq!(i.urges.total, 3);
    assert_eq!(i.urges.resisted_percent, 67);
    assert_eq!(i.urges.mean_intensity, 5.0);
    assert_eq!(i.urges.weekday_hour.len(), 7);
    assert!(i.urges.weekday_hour.iter().all(|row| row.len() == 24));
    assert_eq!(i.urges.weekday_hour.iter().flatten().sum::<u32>(), 3);
    assert_eq!(i.urges.top_emotions[0].label, "lonely");
    assert_eq!(i.urges.helped_when_resisted[0].count, 2);
    assert_eq!(i.urges.weeks.len(), 4);
    assert_eq!(i.attempts.total, 4);
    assert_eq!(i.attempts.last_14_days, 4);
    assert_eq!(i.attempts.most_in_earlier_14_days, 0);
    assert!(i.attempts.rising);
    assert_eq!(i.attempts.by_channel[0].channel, Channel::Text);
    assert_eq!(i.attempts.by_channel[0].count, 2);
    assert_eq!(i.mood.days.len(), 2);
    let only_mum = f
        .vault
        .list_people(false)
        .unwrap()
        .into_iter()
        .find(|p| p.alias == "Mum")
        .unwrap();
    let mum = f.vault.insights(ZONE.into(), 4, Some(only_mum.id)).unwrap();
    assert_eq!(mum.attempts.total, 0);
    assert_eq!(mum.urges.total, 0, "urges about nobody are not hers");
    assert_eq!(
        f.vault.insights(ZONE.into(), 0, None).unwrap_err(),
        VaultError::invalid_field("weeks")
    );
    assert_eq!(
        f.vault.insights("Not/AZone".into(), 4, None).unwrap_err(),
        VaultError::invalid_field("zone")
    );
}

#[test]
fn reminders_and_settings() {
    let f = fixture();
    let v = &f.vault;
    assert_eq!(v.reminder_settings().unwrap(), ReminderSettings::default());
    let upcoming = v.upcoming_reminders("Europe/Berlin".into(), 5).unwrap();
    assert_eq!(upcoming.len(), 5);
    assert!(upcoming.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(upcoming.iter().all(|r| r.at > SystemTime::now()));
    assert!(upcoming
        .iter()
        .all(|r| r.kind == ReminderKind::DailyCheckIn));
    assert_eq!(upcoming[0].title, "Daily note");

    let p = v
        .add_person(PersonInput {
            alias: "R.".into(),
            relationship: Relationship::ExPartner,
            mode: ContactMode::NoContact,
            no_contact_since: {
                let (_, _, _, today) = today_utc();
                let (year, month, day) = chrono_free_date(today - 6);
                LocalDate { year, month, day }
            },
            blocked_on: vec![],
            notes: String::new(),
        })
        .unwrap();
    let plain = ReminderSettings {
        discretion: Discretion::Plain,
        daily_check_in: None,
        ..ReminderSettings::default()
    };
    v.set_reminder_settings(plain.clone()).unwrap();
    assert_eq!(v.reminder_settings().unwrap(), plain);
    let upcoming = v.upcoming_reminders(ZONE.into(), 3).unwrap();
    assert_eq!(upcoming[0].kind, ReminderKind::Milestone);
    assert!(
        upcoming[0].body.contains("7 days of no contact"),
        "{}",
        upcoming[0].body
    );
    let _ = p;
    v.set_reminder_settings(ReminderSettings {
        discretion: Discretion::Neutral,
        ..plain.clone()
    })
    .unwrap();
    let neutral = v.upcoming_reminders(ZONE.into(), 3).unwrap();
    for r in &neutral {
        let text = format!("{} {}", r.title, r.body).to_lowercase();
        assert!(!text.contains("contact") && !text.contains("r."), "{text}");
    }
    assert_eq!(
        v.set_reminder_settings(ReminderSettings {
            notice_time: TimeOfDay {
                hour: 9,
                minute: 60
            },
            ..plain
        }),
        Err(VaultError::invalid_field("notice_time"))
    );
    assert_eq!(
        v.upcoming_reminders(ZONE.into(), 0),
        Err(VaultError::invalid_field("count"))
    );
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        v.reminder_settings().unwrap().discretion,
        Discretion::Neutral
    );
}

#[test]
fn risky_dates_through_the_vault() {
    let f = fixture();
    let v = &f.vault;
    let (_, _, _, today) = today_utc();
    let (_, month, day) = chrono_free_date(today + 3);
    v.add_trigger(TriggerInput {
        name: "their birthday".into(),
        category: TriggerCategory::DateOrAnniversary,
        date: Some(MonthDay { month, day }),
        person_id: None,
    })
    .unwrap();
    let dates = v.risky_dates(ZONE.into(), 30).unwrap();
    assert_eq!(dates.len(), 1);
    assert_eq!(dates[0].days_away, 3);
    assert_eq!(v.risky_dates(ZONE.into(), 2).unwrap().len(), 0);
    let summary = v.summary(ZONE.into()).unwrap();
    assert_eq!(summary.risky_date_near.map(|r| r.days_away), Some(3));
    assert!(summary.streaks.overall.is_none());
}

#[test]
fn an_empty_vault_summarises_without_error() {
    let f = fixture();
    let s = f.vault.summary("Pacific/Auckland".into()).unwrap();
    assert!(s.streaks.people.is_empty());
    assert!(s.last_check_in.is_none());
    assert!(s.next_milestone.is_none());
    let i = f
        .vault
        .insights("Pacific/Auckland".into(), 104, None)
        .unwrap();
    assert_eq!(i.urges.total, 0);
    assert_eq!(i.urges.intensity_trend, Trend::NotEnoughData);
    assert_eq!(i.attempts.trend, Trend::NotEnoughData);
    assert!(!i.attempts.rising);
}
