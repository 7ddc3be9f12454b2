//! The no-contact domain end to end: people, boundaries, triggers, events,
//! reflections, prompts, reasons, the safety plan and urge support.

mod common;

use std::time::{Duration, SystemTime};

use common::*;
use nocontact_core::*;

fn days_ago(n: u64) -> SystemTime {
    SystemTime::now() - Duration::from_secs(n * 86_400)
}

fn date(year: i32, month: u32, day: u32) -> LocalDate {
    LocalDate { year, month, day }
}

fn person_input(alias: &str) -> PersonInput {
    PersonInput {
        alias: alias.into(),
        relationship: Relationship::ExPartner,
        mode: ContactMode::NoContact,
        no_contact_since: date(2026, 1, 15),
        blocked_on: vec![Channel::Text, Channel::Call, Channel::Text],
        notes: String::new(),
    }
}

fn attempt(person_id: &str) -> TheirAttempt {
    TheirAttempt {
        person_id: person_id.into(),
        channel: Channel::Text,
        handle: "+1 555 0100".into(),
        said: "\"I just want to talk\"".into(),
        said_verbatim: true,
        response: AttemptResponse::Ignored,
        location: String::new(),
        witnesses: vec!["Sam".into()],
        felt_unsafe: 2,
        attachments: vec![Attachment {
            app_id: "img-001".into(),
            sha256: "a".repeat(64),
        }],
        note: String::new(),
    }
}

fn urge(intensity: u8, outcome: UrgeOutcome) -> Urge {
    Urge {
        intensity,
        person_id: None,
        trigger_ids: Vec::new(),
        emotions: vec![Emotion::Lonely],
        other_emotions: vec!["homesick".into()],
        coping: vec!["walked".into()],
        outcome,
        reached_out_via: None,
        note: String::new(),
    }
}

fn new_event(body: EventBody, at: Option<SystemTime>) -> NewEvent {
    NewEvent {
        at,
        utc_offset_seconds: 3600,
        body,
    }
}

#[test]
fn people_add_edit_archive_delete() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R. 🌙 رامي")).unwrap();
    assert_eq!(p.alias, "R. 🌙 رامي");
    assert_eq!(
        p.blocked_on,
        vec![Channel::Text, Channel::Call],
        "duplicates removed"
    );
    assert_eq!(v.get_person(p.id.clone()).unwrap(), p);

    let mut edit = person_input("R.");
    edit.mode = ContactMode::LowContact {
        allowed_channels: vec![Channel::Email],
        allowed_topics: vec!["the children".into()],
    };
    let edited = v.update_person(p.id.clone(), edit).unwrap();
    assert_eq!(edited.alias, "R.");
    assert_eq!(edited.created_at, p.created_at);

    let other = v.add_person(person_input("a parent")).unwrap();
    assert_eq!(
        v.list_people(false)
            .unwrap()
            .iter()
            .map(|p| p.alias.as_str())
            .collect::<Vec<_>>(),
        vec!["a parent", "R."]
    );
    v.set_person_archived(other.id.clone(), true).unwrap();
    assert_eq!(v.list_people(false).unwrap().len(), 1);
    assert_eq!(v.list_people(true).unwrap().len(), 2);

    // An archived person cannot be named in new entries.
    let err = v
        .quick_log_attempt(other.id.clone(), Channel::Call, 0)
        .unwrap_err();
    assert_eq!(err, VaultError::invalid_field("person_id"));

    // A person with events cannot be deleted; one without can.
    v.quick_log_attempt(p.id.clone(), Channel::Call, 0).unwrap();
    assert_eq!(v.delete_person(p.id.clone()), Err(VaultError::InUse));
    v.delete_person(other.id.clone()).unwrap();
    assert_eq!(v.get_person(other.id.clone()), Err(VaultError::NotFound));
    assert_eq!(
        v.get_person("zz".into()),
        Err(VaultError::invalid_field("id"))
    );
}

#[test]
fn person_validation_names_fields() {
    let f = fixture();
    let bad = |input: PersonInput| f.vault.add_person(input).unwrap_err();
    assert_eq!(bad(person_input("")), VaultError::invalid_field("alias"));
    assert_eq!(
        bad(person_input(&"x".repeat(81))),
        VaultError::invalid_field("alias")
    );
    let mut future = person_input("x");
    future.no_contact_since = date(2099, 1, 1);
    assert_eq!(bad(future), VaultError::invalid_field("no_contact_since"));
    let mut impossible = person_input("x");
    impossible.no_contact_since = date(2025, 2, 30);
    assert_eq!(
        bad(impossible),
        VaultError::invalid_field("no_contact_since")
    );
    let mut notes = person_input("x");
    notes.notes = "n".repeat(5_001);
    assert_eq!(bad(notes), VaultError::invalid_field("notes"));
    let mut topics = person_input("x");
    topics.mode = ContactMode::LowContact {
        allowed_channels: vec![],
        allowed_topics: vec!["".into()],
    };
    assert_eq!(bad(topics), VaultError::invalid_field("allowed_topics"));
    assert!(f.vault.list_people(true).unwrap().is_empty());
}

#[test]
fn boundaries_and_triggers() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R.")).unwrap();
    let b = v
        .add_boundary(BoundaryInput {
            statement: "I don't reply to their messages".into(),
            person_id: Some(p.id.clone()),
            kind: BoundaryKind::Communication,
            set_on: date(2026, 2, 1),
            review_on: Some(date(2027, 2, 1)),
        })
        .unwrap();
    assert_eq!(b.status, BoundaryStatus::Active);
    let general = v
        .add_boundary(BoundaryInput {
            statement: "I don't check their profiles".into(),
            person_id: None,
            kind: BoundaryKind::Monitoring,
            set_on: date(2026, 3, 1),
            review_on: None,
        })
        .unwrap();
    assert_eq!(v.list_boundaries(None, vec![]).unwrap().len(), 2);
    assert_eq!(
        v.list_boundaries(Some(p.id.clone()), vec![]).unwrap(),
        vec![b.clone()]
    );
    v.set_boundary_status(general.id.clone(), BoundaryStatus::Paused)
        .unwrap();
    assert_eq!(
        v.list_boundaries(None, vec![BoundaryStatus::Active])
            .unwrap(),
        vec![b.clone()]
    );
    assert_eq!(
        v.add_boundary(BoundaryInput {
            statement: " ".into(),
            person_id: None,
            kind: BoundaryKind::Digital,
            set_on: date(2026, 3, 1),
            review_on: None,
        }),
        Err(VaultError::invalid_field("statement"))
    );
    assert_eq!(
        v.add_boundary(BoundaryInput {
            statement: "x".into(),
            person_id: Some("0".repeat(32)),
            kind: BoundaryKind::Digital,
            set_on: date(2026, 3, 1),
            review_on: None,
        }),
        Err(VaultError::invalid_field("person_id"))
    );

    // A crossed boundary cannot be deleted.
    v.log_event(new_event(
        EventBody::MyContact {
            contact: MyContact {
                person_id: p.id.clone(),
                channel: Channel::Text,
                initiated_by: Initiator::Them,
                crossed_boundary_ids: vec![b.id.clone()],
                note: String::new(),
            },
        },
        None,
    ))
    .unwrap();
    assert_eq!(v.delete_boundary(b.id.clone()), Err(VaultError::InUse));
    v.delete_boundary(general.id.clone()).unwrap();

    let birthday = v
        .add_trigger(TriggerInput {
            name: "their birthday".into(),
            category: TriggerCategory::DateOrAnniversary,
            date: Some(MonthDay { month: 2, day: 29 }),
            person_id: Some(p.id.clone()),
        })
        .unwrap();
    assert_eq!(birthday.date, Some(MonthDay { month: 2, day: 29 }));
    let trig = |category, date| {
        v.add_trigger(TriggerInput {
            name: "x".into(),
            category,
            date,
            person_id: None,
        })
    };
    assert_eq!(
        trig(TriggerCategory::DateOrAnniversary, None),
        Err(VaultError::invalid_field("date"))
    );
    assert_eq!(
        trig(TriggerCategory::Place, Some(MonthDay { month: 1, day: 1 })),
        Err(VaultError::invalid_field("date"))
    );
    assert_eq!(
        trig(
            TriggerCategory::DateOrAnniversary,
            Some(MonthDay { month: 2, day: 30 })
        ),
        Err(VaultError::invalid_field("date"))
    );
    let song = trig(TriggerCategory::MusicOrMedia, None).unwrap();
    v.set_trigger_archived(song.id.clone(), true).unwrap();
    assert_eq!(v.list_triggers(false).unwrap(), vec![birthday.clone()]);
    assert_eq!(v.list_triggers(true).unwrap().len(), 2);
}

#[test]
fn events_log_amend_delete_list() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R.")).unwrap();
    let q = v.add_person(person_input("Q.")).unwrap();

    let a = v
        .log_event(new_event(
            EventBody::TheirAttempt {
                attempt: attempt(&p.id),
            },
            Some(days_ago(3)),
        ))
        .unwrap();
    assert!(a.contact.is_none());
    assert_eq!(a.event.kind, EventKind::TheirAttempt);
    assert_eq!(a.event.revision, 0);
    assert_eq!(a.event.utc_offset_seconds, 3600);

    // An urge that reached out brings its breach.
    let mut reached = urge(8, UrgeOutcome::ReachedOut);
    reached.person_id = Some(p.id.clone());
    reached.reached_out_via = Some(Channel::Call);
    let logged = v
        .log_event(new_event(
            EventBody::Urge { urge: reached },
            Some(days_ago(2)),
        ))
        .unwrap();
    let contact = logged.contact.expect("my-contact event");
    assert_eq!(contact.kind, EventKind::MyContact);
    assert_eq!(contact.at, logged.event.at);
    match &contact.body {
        EventBody::MyContact { contact } => {
            assert_eq!(contact.person_id, p.id);
            assert_eq!(contact.channel, Channel::Call);
            assert_eq!(contact.initiated_by, Initiator::Me);
        }
        other => panic!("unexpected {other:?}"),
    }

    v.quick_log_attempt(q.id.clone(), Channel::Email, 0)
        .unwrap();
    let check = v.quick_check_in(4, -7200).unwrap();
    v.quick_log_urge(3, UrgeOutcome::Resisted, 0).unwrap();

    let all = v.list_events(EventQuery::default()).unwrap();
    assert_eq!(all.total, 6);
    assert!(
        all.events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let for_p = v
        .list_events(EventQuery {
            person_id: Some(p.id.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(for_p.total, 3);
    let attempts = v
        .list_events(EventQuery {
            kinds: vec![EventKind::TheirAttempt],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(attempts.total, 2);
    let window = v
        .list_events(EventQuery {
            from: Some(days_ago(4)),
            until: Some(days_ago(1)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(window.total, 3);
    let page1 = v
        .list_events(EventQuery {
            limit: 4,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((page1.events.len(), page1.next_offset), (4, Some(4)));
    let page2 = v
        .list_events(EventQuery {
            limit: 4,
            offset: 4,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((page2.events.len(), page2.next_offset), (2, None));
    assert_eq!(
        v.list_events(EventQuery {
            limit: 0,
            ..Default::default()
        }),
        Err(VaultError::invalid_field("limit"))
    );
    assert_eq!(
        v.list_events(EventQuery {
            limit: 501,
            ..Default::default()
        }),
        Err(VaultError::invalid_field("limit"))
    );

    // Amend: the earlier version stays.
    let mut fixed = attempt(&p.id);
    fixed.felt_unsafe = 4;
    fixed.response = AttemptResponse::Reported;
    let amended = v
        .amend_event(
            a.event.id.clone(),
            new_event(EventBody::TheirAttempt { attempt: fixed }, None),
        )
        .unwrap();
    assert_eq!(amended.revision, 1);
    assert_eq!(amended.at, a.event.at, "time kept when not given");
    assert!(amended.amended_at.is_some());
    let history = v.event_history(a.event.id.clone()).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0], a.event);
    assert_eq!(v.get_event(a.event.id.clone()).unwrap(), amended);
    assert_eq!(
        v.amend_event(
            check.id.clone(),
            new_event(
                EventBody::Urge {
                    urge: urge(1, UrgeOutcome::Resisted)
                },
                None
            )
        ),
        Err(VaultError::invalid_field("body"))
    );

    // Delete: gone from lists and reads, still counted in the file.
    v.delete_event(check.id.clone()).unwrap();
    assert_eq!(v.get_event(check.id.clone()), Err(VaultError::NotFound));
    assert_eq!(v.delete_event(check.id.clone()), Err(VaultError::NotFound));
    assert_eq!(v.list_events(EventQuery::default()).unwrap().total, 5);

    // All of it survives a lock and unlock.
    let before = v.list_events(EventQuery::default()).unwrap();
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(v.list_events(EventQuery::default()).unwrap(), before);
    assert_eq!(v.event_history(a.event.id.clone()).unwrap().len(), 2);
    assert_eq!(v.get_event(check.id.clone()), Err(VaultError::NotFound));
    assert_eq!(v.status().unwrap().damaged_records, 0);
}

#[test]
fn event_validation_names_fields() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R.")).unwrap();
    let bad =
        |body: EventBody, at: Option<SystemTime>| v.log_event(new_event(body, at)).unwrap_err();
    assert_eq!(
        bad(
            EventBody::Urge {
                urge: urge(11, UrgeOutcome::Resisted)
            },
            None
        ),
        VaultError::invalid_field("intensity")
    );
    assert_eq!(
        bad(
            EventBody::Urge {
                urge: urge(5, UrgeOutcome::Resisted)
            },
            Some(SystemTime::now() + Duration::from_secs(3600))
        ),
        VaultError::invalid_field("at")
    );
    assert_eq!(
        bad(
            EventBody::Urge {
                urge: urge(5, UrgeOutcome::ReachedOut)
            },
            None
        ),
        VaultError::invalid_field("reached_out_via")
    );
    let mut unknown_trigger = urge(5, UrgeOutcome::Resisted);
    unknown_trigger.trigger_ids = vec!["f".repeat(32)];
    assert_eq!(
        bad(
            EventBody::Urge {
                urge: unknown_trigger
            },
            None
        ),
        VaultError::invalid_field("trigger_ids")
    );
    let mut a = attempt(&p.id);
    a.felt_unsafe = 5;
    assert_eq!(
        bad(EventBody::TheirAttempt { attempt: a }, None),
        VaultError::invalid_field("felt_unsafe")
    );
    let mut a = attempt(&p.id);
    a.attachments[0].sha256 = "A".repeat(64);
    assert_eq!(
        bad(EventBody::TheirAttempt { attempt: a }, None),
        VaultError::invalid_field("attachments")
    );
    let mut a = attempt(&p.id);
    a.said = "x".repeat(20_001);
    assert_eq!(
        bad(EventBody::TheirAttempt { attempt: a }, None),
        VaultError::invalid_field("said")
    );
    let a = attempt(&"0".repeat(32));
    assert_eq!(
        bad(EventBody::TheirAttempt { attempt: a }, None),
        VaultError::invalid_field("person_id")
    );
    let check = |mood, energy| EventBody::CheckIn {
        check_in: CheckIn {
            mood,
            energy,
            note: String::new(),
            tags: vec![],
        },
    };
    assert_eq!(bad(check(0, None), None), VaultError::invalid_field("mood"));
    assert_eq!(
        bad(check(3, Some(6)), None),
        VaultError::invalid_field("energy")
    );
    assert_eq!(
        bad(
            check(3, None),
            Some(SystemTime::UNIX_EPOCH - Duration::from_secs(71 * 365 * 86_400))
        ),
        VaultError::invalid_field("at")
    );
    assert_eq!(
        bad(
            check(3, None),
            Some(SystemTime::UNIX_EPOCH - Duration::from_secs(u64::from(u32::MAX) * 1000))
        ),
        VaultError::invalid_field("at")
    );
    let mut wide = new_event(check(3, None), None);
    wide.utc_offset_seconds = 20 * 3600;
    assert_eq!(
        v.log_event(wide).unwrap_err(),
        VaultError::invalid_field("utc_offset_seconds")
    );
    // A batch with one bad event stores nothing.
    let batch = vec![
        new_event(check(3, None), Some(days_ago(1))),
        new_event(check(9, None), Some(days_ago(1))),
    ];
    assert_eq!(v.log_events(batch), Err(VaultError::invalid_field("mood")));
    assert_eq!(v.list_events(EventQuery::default()).unwrap().total, 0);
    assert_eq!(v.status().unwrap().record_count, 1, "only the person");
}

#[test]
fn reflections_prompts_and_letters() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R.")).unwrap();
    let today = date(2026, 11, 26);
    let prompt = v.prompt_of_the_day(today).unwrap();
    assert_eq!(
        v.prompt_of_the_day(today).unwrap(),
        prompt,
        "stable for the day"
    );
    assert_ne!(
        v.prompt_of_the_day(date(2026, 11, 27)).unwrap().id,
        prompt.id,
        "rotates"
    );
    assert!(prompt.builtin);

    let prompts = v.list_prompts().unwrap();
    for theme in ReasonTheme::ALL {
        assert!(prompts.iter().filter(|p| p.theme == Some(theme)).count() >= 5);
    }
    let own = v
        .add_prompt("What would I tell a friend?".into(), None)
        .unwrap();
    assert!(!own.builtin);
    assert_eq!(v.list_prompts().unwrap().len(), prompts.len() + 1);

    let answer = v
        .add_reflection(NewReflection {
            at: None,
            utc_offset_seconds: 0,
            body: ReflectionBody {
                kind: ReflectionKind::Journal {
                    prompt_id: Some(prompt.id.clone()),
                },
                title: "today".into(),
                text: "I noticed I slept better.".into(),
                tags: vec!["sleep".into()],
                mood: Some(4),
            },
        })
        .unwrap();
    let letter = v
        .add_reflection(NewReflection {
            body: ReflectionBody {
                kind: ReflectionKind::UnsentLetter {
                    person_id: p.id.clone(),
                },
                ..journal("You don't get to decide how I remember it.").body
            },
            ..journal("")
        })
        .unwrap();
    let bad = |kind: ReflectionKind| {
        v.add_reflection(NewReflection {
            body: ReflectionBody {
                kind,
                ..journal("x").body
            },
            ..journal("")
        })
        .unwrap_err()
    };
    assert_eq!(
        bad(ReflectionKind::Journal {
            prompt_id: Some("prompt.nope.01".into())
        }),
        VaultError::invalid_field("prompt_id")
    );
    assert_eq!(
        bad(ReflectionKind::UnsentLetter {
            person_id: "1".repeat(32)
        }),
        VaultError::invalid_field("person_id")
    );
    let letters = v
        .list_reflections(ReflectionQuery {
            filter: ReflectionFilter::UnsentLetters,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(letters.reflections, vec![letter.clone()]);
    let for_p = v
        .list_reflections(ReflectionQuery {
            person_id: Some(p.id.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(for_p.total, 1);
    let edited = v
        .amend_reflection(
            answer.id.clone(),
            NewReflection {
                body: ReflectionBody {
                    text: "I noticed I slept better, twice.".into(),
                    ..answer.body.clone()
                },
                utc_offset_seconds: 0,
                at: None,
            },
        )
        .unwrap();
    assert_eq!(edited.revision, 1);
    assert_eq!(v.reflection_history(answer.id.clone()).unwrap().len(), 2);
    assert_eq!(
        v.amend_reflection(letter.id.clone(), journal("now a journal")),
        Err(VaultError::invalid_field("kind"))
    );
    // A person with a letter cannot be deleted.
    assert_eq!(v.delete_person(p.id.clone()), Err(VaultError::InUse));
    v.delete_reflection(letter.id.clone()).unwrap();
    v.delete_person(p.id.clone()).unwrap();
    v.delete_prompt(own.id.clone()).unwrap();
    assert_eq!(
        v.delete_prompt(prompt.id.clone()),
        Err(VaultError::invalid_field("id"))
    );
}

#[test]
fn reasons_from_suggestions() {
    let f = fixture();
    let v = &f.vault;
    let suggestions = v.reason_suggestions().unwrap();
    for theme in ReasonTheme::ALL {
        assert!(suggestions.iter().any(|s| s.theme == theme));
    }
    let first = &suggestions[0];
    let accepted = v.accept_reason_suggestion(first.id.clone(), None).unwrap();
    assert_eq!(accepted.text, first.text);
    assert_eq!(accepted.suggestion_id.as_deref(), Some(first.id.as_str()));
    let edited = v
        .accept_reason_suggestion(
            suggestions[1].id.clone(),
            Some("In my words: I deserve calm.".into()),
        )
        .unwrap();
    assert_eq!(edited.text, "In my words: I deserve calm.");
    assert_eq!(v.reason_suggestions().unwrap().len(), suggestions.len() - 2);
    // Added within the same millisecond, still listed in the order added.
    let quick: Vec<String> = (0..5)
        .map(|i| v.add_reason(format!("reason {i}"), None).unwrap().id)
        .collect();
    let listed: Vec<String> = v
        .list_reasons()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .skip(2)
        .collect();
    assert_eq!(listed, quick);
    for id in quick {
        v.delete_reason(id).unwrap();
    }
    assert_eq!(
        v.accept_reason_suggestion(first.id.clone(), None),
        Err(VaultError::invalid_field("suggestion_id"))
    );
    let own = v
        .add_reason(
            "So my kids see something different.".into(),
            Some(ReasonTheme::BreakingTheCycle),
        )
        .unwrap();
    assert_eq!(v.list_reasons().unwrap().len(), 3);
    v.update_reason(own.id.clone(), "So my kids grow up with calm.".into())
        .unwrap();
    v.delete_reason(accepted.id.clone()).unwrap();
    assert_eq!(v.list_reasons().unwrap().len(), 2);
    assert_eq!(
        v.accept_reason_suggestion("reason.nope".into(), None),
        Err(VaultError::invalid_field("suggestion_id"))
    );
    assert_eq!(
        v.add_reason("".into(), None),
        Err(VaultError::invalid_field("text"))
    );
}

fn plan() -> SafetyPlan {
    SafetyPlan {
        warning_signs: vec!["I start rereading old messages".into()],
        coping_strategies: vec![
            "Cold water on my face".into(),
            "Walk round the block".into(),
        ],
        people_to_ask: vec![SupportContact {
            name: "Sam".into(),
            how_to_reach: "+1 555 0199".into(),
        }],
        professionals: vec![SupportContact {
            name: "Local helpline".into(),
            how_to_reach: "0800 000 000".into(),
        }],
        reasons: vec!["I sleep through the night now".into()],
        code_word: "pineapple".into(),
        go_bag: vec![ChecklistItem {
            text: "spare keys".into(),
            done: false,
        }],
        ..SafetyPlan::default()
    }
}

#[test]
fn safety_plan_versions() {
    let f = fixture();
    let v = &f.vault;
    assert_eq!(v.safety_plan().unwrap(), SafetyPlan::default());
    assert_eq!(safety_plan_sections().len(), 12);
    let v1 = v.save_safety_plan(plan()).unwrap();
    assert_eq!(v1.version, 1);
    let mut ticked = plan();
    ticked.go_bag[0].done = true;
    let v2 = v.save_safety_plan(ticked.clone()).unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v.safety_plan().unwrap(), ticked);
    let history = v.safety_plan_history().unwrap();
    assert_eq!(
        history.iter().map(|h| h.version).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(history[1].plan, plan());
    let mut bad = plan();
    bad.warning_signs.push("  ".into());
    assert_eq!(
        v.save_safety_plan(bad),
        Err(VaultError::invalid_field("warning_signs"))
    );
    let mut bad = plan();
    bad.people_to_ask[0].name.clear();
    assert_eq!(
        v.save_safety_plan(bad),
        Err(VaultError::invalid_field("people_to_ask"))
    );
    let mut bad = plan();
    bad.code_word = "c".repeat(101);
    assert_eq!(
        v.save_safety_plan(bad),
        Err(VaultError::invalid_field("code_word"))
    );
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(v.safety_plan_history().unwrap().len(), 2);
}

#[test]
fn urge_session_end_to_end() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("R.")).unwrap();
    v.save_safety_plan(plan()).unwrap();
    v.add_reason("I am safer now.".into(), None).unwrap();

    let support = v.start_urge_session(Some(p.id.clone())).unwrap();
    assert_eq!(support.coping_steps, plan().coping_strategies);
    assert_eq!(support.people_to_reach, plan().people_to_ask);
    assert_eq!(support.reasons.len(), 1);
    assert_eq!(support.plan_reasons, plan().reasons);
    assert_eq!(support.suggested_wait_minutes, SUGGESTED_WAIT_MINUTES);

    let first = v
        .write_urge_letter(support.session_id.clone(), "I miss you".into(), 0)
        .unwrap();
    let second = v
        .write_urge_letter(
            support.session_id.clone(),
            "I miss who I thought you were".into(),
            0,
        )
        .unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(second.revision, 1);
    assert!(matches!(
        second.body.kind,
        ReflectionKind::UnsentLetter { .. }
    ));

    let end = UrgeEnd {
        intensity: 7,
        outcome: UrgeOutcome::Resisted,
        reached_out_via: None,
        trigger_ids: vec![],
        emotions: vec![Emotion::Lonely, Emotion::Nostalgic],
        other_emotions: vec![],
        coping: vec!["Cold water on my face".into()],
        note: String::new(),
        utc_offset_seconds: 0,
    };
    let logged = v
        .end_urge_session(support.session_id.clone(), end.clone())
        .unwrap();
    assert_eq!(logged.event.at, support.started_at);
    assert!(logged.contact.is_none());
    assert_eq!(
        v.end_urge_session(support.session_id.clone(), end.clone()),
        Err(VaultError::invalid_field("session_id"))
    );

    // Without a person, no letter; reaching out needs a person.
    let anon = v.start_urge_session(None).unwrap();
    assert_eq!(
        v.write_urge_letter(anon.session_id.clone(), "x".into(), 0),
        Err(VaultError::invalid_field("person_id"))
    );
    let again = v.start_urge_session(Some(p.id.clone())).unwrap();
    let reached = v
        .end_urge_session(
            again.session_id,
            UrgeEnd {
                outcome: UrgeOutcome::ReachedOut,
                reached_out_via: Some(Channel::Text),
                ..end.clone()
            },
        )
        .unwrap();
    assert!(reached.contact.is_some());

    // Sessions do not survive a lock.
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        v.end_urge_session(anon.session_id, end),
        Err(VaultError::invalid_field("session_id"))
    );
    assert_eq!(
        v.start_urge_session(Some("x".into())),
        Err(VaultError::invalid_field("person_id"))
    );
}

#[test]
fn domain_text_stays_out_of_the_file() {
    let f = fixture();
    let v = &f.vault;
    let p = v.add_person(person_input("ALIAS-MARKER-1")).unwrap();
    let mut a = attempt(&p.id);
    a.said = "SAID-MARKER-2".into();
    a.handle = "HANDLE-MARKER-3".into();
    v.log_event(new_event(EventBody::TheirAttempt { attempt: a }, None))
        .unwrap();
    let mut safety = plan();
    safety.code_word = "CODEWORD-MARKER-4".into();
    v.save_safety_plan(safety).unwrap();
    let bytes = all_bytes(&f.path);
    for m in [
        "ALIAS-MARKER-1",
        "SAID-MARKER-2",
        "HANDLE-MARKER-3",
        "CODEWORD-MARKER-4",
        "their_attempt",
        "person",
    ] {
        assert!(!contains(&bytes, m.as_bytes()), "{m} in clear");
    }
}

#[test]
fn everything_is_locked_when_locked() {
    let f = fixture();
    let v = &f.vault;
    v.lock();
    assert_eq!(v.list_people(true), Err(VaultError::Locked));
    assert_eq!(
        v.list_events(EventQuery::default()),
        Err(VaultError::Locked)
    );
    assert_eq!(v.safety_plan(), Err(VaultError::Locked));
    assert_eq!(v.start_urge_session(None), Err(VaultError::Locked));
    assert_eq!(v.quick_check_in(3, 0), Err(VaultError::Locked));
    assert_eq!(
        v.prompt_of_the_day(date(2026, 1, 1)),
        Err(VaultError::Locked)
    );
}

#[test]
fn a_deleted_entry_leaves_no_sealed_content_behind() {
    let f = fixture();
    let v = &f.vault;
    let kept = v.add_reflection(journal("kept")).unwrap();
    let gone = v.add_reflection(journal("to be deleted")).unwrap();
    let blobs_before: Vec<Vec<u8>> = {
        let conn = raw(&f.path);
        let mut stmt = conn.prepare("SELECT v FROM b").unwrap();
        let blobs = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        blobs
    };
    v.delete_reflection(gone.id.clone()).unwrap();
    let bytes = all_bytes(&f.path);
    let still_there = blobs_before
        .iter()
        .filter(|b| contains(&bytes, &b[..64]))
        .count();
    assert_eq!(still_there, 1, "only the kept entry's sealed bytes remain");
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(v).unwrap(), vec![kept]);
    assert_eq!(v.get_reflection(gone.id), Err(VaultError::NotFound));
    assert_eq!(v.status().unwrap().damaged_records, 0);
}
