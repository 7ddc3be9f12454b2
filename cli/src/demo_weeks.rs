//! The second half of `nocontact demo`: a few weeks of no contact, written
//! into the demo vault. Two people, their boundaries and triggers, a safety
//! plan, reasons, three weeks of back-dated events (their attempts growing
//! more frequent, urges mostly resisted, one that reached out), an urge
//! session, an amendment and a deletion, then the log and its numbers.

use std::time::SystemTime;

use chrono::{Datelike, Days, NaiveTime};
use nocontact_core::{
    AttemptResponse, Boundary, BoundaryInput, BoundaryKind, Channel, CheckIn, ChecklistItem,
    ContactMode, Emotion, Event, EventBody, EventKind, EventQuery, Initiator, LocalDate, MonthDay,
    MyContact, NewEvent, NewReflection, Person, PersonInput, ReasonTheme, ReflectionBody,
    ReflectionKind, Relationship, SafetyPlan, SafetyPlanSection, SupportContact, TheirAttempt,
    Trigger, TriggerCategory, TriggerInput, Urge, UrgeEnd, UrgeOutcome, Vault, VaultError,
};

use crate::cmd_people::{boundary_line, person_line, trigger_line};
use crate::demo::{outcome, step};
use crate::render::{self, event_line, short_id, Aliases};
use crate::{cmd_events, plan_text, when};

/// Who and what the weeks are about.
struct Cast {
    r: Person,
    mum: Person,
    b_reply: Boundary,
    anniversary: Trigger,
    sunday: Trigger,
    song: Trigger,
    photos: Trigger,
    aliases: Aliases,
}

pub(crate) fn run(vault: &Vault) -> Result<(), VaultError> {
    let cast = people_boundaries_triggers(vault)?;
    plan_and_reasons(vault)?;
    let breach = three_weeks(vault, &cast)?;
    urge_session(vault, &cast)?;
    corrections(vault, &cast, &breach)?;
    numbers(vault, &cast)
}

fn people_boundaries_triggers(vault: &Vault) -> Result<Cast, VaultError> {
    step("People: who I keep away from, under aliases I choose");
    let r = vault.add_person(PersonInput {
        alias: "R.".into(),
        relationship: Relationship::ExPartner,
        mode: ContactMode::NoContact,
        no_contact_since: day(40),
        blocked_on: vec![Channel::Call, Channel::Text, Channel::SocialMedia],
        notes: "Ended it in the spring. Email is the one thing not blocked.".into(),
    })?;
    let mum = vault.add_person(PersonInput {
        alias: "Mum".into(),
        relationship: Relationship::Parent,
        mode: ContactMode::LowContact {
            allowed_channels: vec![Channel::Email],
            allowed_topics: strings(&["Grandma's health", "family dates"]),
        },
        no_contact_since: day(120),
        blocked_on: Vec::new(),
        notes: String::new(),
    })?;
    for p in [&r, &mum] {
        println!("  {}", person_line(p));
    }

    step("Boundaries, in my own words");
    let boundary = |statement: &str, person: &Person, kind, set_on, review_on| {
        vault.add_boundary(BoundaryInput {
            statement: statement.into(),
            person_id: Some(person.id.clone()),
            kind,
            set_on,
            review_on,
        })
    };
    let b_reply = boundary(
        "I don't reply to R., whatever the channel.",
        &r,
        BoundaryKind::Communication,
        day(40),
        None,
    )?;
    let b_watch = boundary(
        "I don't look at R.'s profiles or ask friends about them.",
        &r,
        BoundaryKind::Monitoring,
        day(38),
        None,
    )?;
    let b_mum = boundary(
        "Email with Mum, only about Grandma's health or family dates.",
        &mum,
        BoundaryKind::AllowedException,
        day(120),
        Some(LocalDate::from_naive(when::today() + Days::new(30))),
    )?;
    let aliases = render::aliases(vault)?;
    for b in [&b_reply, &b_watch, &b_mum] {
        println!("  {}", boundary_line(b, &aliases));
    }

    step("Triggers, one of them a date that comes round every year");
    let trigger = |name: &str, category, date, person: Option<&Person>| {
        vault.add_trigger(TriggerInput {
            name: name.into(),
            category,
            date,
            person_id: person.map(|p| p.id.clone()),
        })
    };
    let date = when::today() + Days::new(12);
    let date = MonthDay {
        month: date.month(),
        day: date.day(),
    };
    use TriggerCategory as C;
    let anniversary = trigger(
        "Our anniversary",
        C::DateOrAnniversary,
        Some(date),
        Some(&r),
    )?;
    let sunday = trigger("Sunday evenings alone", C::TimeOfDay, None, None)?;
    let song = trigger("That song from the drive", C::MusicOrMedia, None, Some(&r))?;
    let photos = trigger("Friends' photos", C::SocialMedia, None, None)?;
    for t in [&anniversary, &sunday, &song, &photos] {
        println!("  {}", trigger_line(t, &aliases));
    }
    Ok(Cast {
        r,
        mum,
        b_reply,
        anniversary,
        sunday,
        song,
        photos,
        aliases,
    })
}

fn plan_and_reasons(vault: &Vault) -> Result<(), VaultError> {
    step("The safety plan, written on a calm day");
    let version = vault.save_safety_plan(SafetyPlan {
        warning_signs: strings(&[
            "I reread old messages late at night",
            "I start drafting \"just checking in\" texts",
        ]),
        coping_strategies: strings(&[
            "Wait fifteen minutes; the wave passes",
            "Box breathing, four counts each way",
            "Read my reasons out loud",
        ]),
        distractions: strings(&["The climbing gym", "Sam's kitchen"]),
        people_to_ask: vec![
            contact("Sam", "555 0101, any time"),
            contact("Priya", "work, desk 4"),
        ],
        professionals: vec![
            contact("Counsellor (Tuesdays)", "555 0199"),
            contact("Helpline", "0800 000 000"),
        ],
        safe_environment: strings(&["Old photos in a box at Sam's"]),
        reasons: strings(&["I sleep through the night now"]),
        if_they_show_up: strings(&[
            "Don't open the door; call Sam",
            "At work: tell reception, stay inside",
        ]),
        safe_places: strings(&["Sam's flat", "The library on Market St."]),
        code_word: "blue heron".into(),
        go_bag: vec![check("Spare keys", true), check("Phone charger", false)],
        documents: vec![check("Passport", true), check("Tenancy agreement", false)],
    })?;
    println!("saved version {}", version.version);
    for section in SafetyPlanSection::ALL {
        let n = plan_text::section_items(&version.plan, section).len();
        let items = render::count(n, "item", "items");
        println!("  {:<42} {items}", section.title());
    }

    step("My reasons: one in my own words, two suggestions accepted");
    let mine = "I want my evenings back.".to_owned();
    vault.add_reason(mine, Some(ReasonTheme::RegainingControl))?;
    let suggestions = vault.reason_suggestions()?;
    let first = suggestions.first().ok_or(VaultError::NotFound)?;
    let second = suggestions
        .iter()
        .find(|s| s.theme != first.theme)
        .ok_or(VaultError::NotFound)?;
    for s in [first, second] {
        vault.accept_reason_suggestion(s.id.clone(), None)?;
    }
    for (i, reason) in vault.list_reasons()?.iter().enumerate() {
        println!("  {}. {}", i + 1, reason.text);
    }
    let left = vault.reason_suggestions()?.len();
    println!("suggestions still offered: {left}");

    let prompt = vault.prompt_of_the_day(when::local_today())?;
    println!("today's prompt: {}", prompt.text);
    let answer = vault.add_reflection(NewReflection {
        at: None,
        utc_offset_seconds: render::local_offset_seconds(),
        body: ReflectionBody {
            kind: ReflectionKind::Journal {
                prompt_id: Some(prompt.id),
            },
            title: String::new(),
            text: "Honestly: quieter than I expected. Some evenings are hard.".into(),
            tags: strings(&["prompt"]),
            mood: Some(3),
        },
    })?;
    println!("answered it: journal entry {}", short_id(&answer.id));
    Ok(())
}

/// Logs three weeks of events in one call; returns the contact that an
/// urge reached out with.
fn three_weeks(vault: &Vault, cast: &Cast) -> Result<Event, VaultError> {
    use AttemptResponse::{Blocked, Ignored, Reported};
    use Channel::{Call, Email, InPerson, MessagingApp, SocialMedia, Text, ThroughSomeone};
    use Emotion::{Afraid, Angry, Anxious, Confused, Guilty, Hopeful, Lonely, Nostalgic, Sad};
    use UrgeOutcome::{Delayed, ReachedOut, Resisted};

    step("Three weeks written down at once (log_events: all of them, or none)");
    let mut events = Vec::new();
    // Their attempts: 2 in the first week, 4 in the second, 8 in the third.
    #[rustfmt::skip]
    let attempts = [
        (20, 2240, Email, Ignored, 0, "A long email about closure."),
        (17, 2315, Email, Ignored, 1, "Says they've changed, wants to talk."),
        (12, 2105, Text, Blocked, 1, "Just want to know you're ok"),
        (10, 1930, ThroughSomeone, Ignored, 1, "Asked J. to pass it on."),
        (8, 2350, Call, Ignored, 2, ""),
        (7, 20, Call, Ignored, 2, ""),
        (6, 1810, SocialMedia, Blocked, 2, "Message request, new account."),
        (5, 2230, Text, Blocked, 2, "Why are you doing this to me"),
        (4, 815, InPerson, Reported, 3, "Waiting outside my work."),
        (3, 2145, Call, Ignored, 2, ""),
        (2, 1300, Email, Ignored, 2, "Wrote to my work address."),
        (2, 2310, Text, Blocked, 3, "I'll come round if you don't answer"),
        (1, 750, Call, Ignored, 3, ""),
        (1, 2205, MessagingApp, Blocked, 3, ""),
    ];
    for (days_ago, hhmm, channel, response, felt_unsafe, said) in attempts {
        let attempt = attempt(&cast.r, channel, response, felt_unsafe, said);
        events.push(event(days_ago, hhmm, EventBody::TheirAttempt { attempt }));
    }
    // Urges: mostly resisted; one reached out.
    let (sunday, song, photos) = (&cast.sunday.id, &cast.song.id, &cast.photos.id);
    #[rustfmt::skip]
    let urges = [
        (19, 2300, 6, Resisted, vec![sunday], vec![Lonely], "Called Sam"),
        (15, 2100, 7, Resisted, vec![song], vec![Nostalgic, Sad], "Turned the radio off"),
        (11, 2200, 5, Delayed, vec![sunday], vec![Lonely], "Waited it out"),
        (9, 2015, 9, ReachedOut, vec![photos], vec![Lonely, Guilty], ""),
        (6, 2245, 6, Resisted, vec![], vec![Anxious, Afraid], "Box breathing"),
        (4, 2330, 8, Resisted, vec![sunday], vec![Angry, Confused], "Wrote a letter"),
        (2, 2100, 4, Resisted, vec![], vec![Hopeful], "The climbing gym"),
        (1, 2340, 5, Resisted, vec![], vec![Anxious], "Texted Sam the code word"),
    ];
    for (days_ago, hhmm, intensity, outcome, triggers, emotions, helped) in urges {
        let reached = outcome == ReachedOut;
        let urge = Urge {
            intensity,
            person_id: Some(cast.r.id.clone()),
            trigger_ids: triggers.into_iter().cloned().collect(),
            emotions,
            other_emotions: Vec::new(),
            coping: strings(&[helped])
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect(),
            outcome,
            reached_out_via: reached.then_some(Email),
            note: match reached {
                true => "Sent \"I hope you're ok\". Felt worse after.".into(),
                false => String::new(),
            },
        };
        events.push(event(days_ago, hhmm, EventBody::Urge { urge }));
    }
    // The allowed exception: Mum wrote about Grandma.
    let contact = MyContact {
        person_id: cast.mum.id.clone(),
        channel: Email,
        initiated_by: Initiator::Them,
        crossed_boundary_ids: Vec::new(),
        note: "Grandma's appointment moved to Thursday.".into(),
    };
    events.push(event(13, 1800, EventBody::MyContact { contact }));
    // Check-ins every other day.
    for (i, mood) in [3u8, 2, 3, 2, 3, 4, 3, 2, 3, 3, 4].into_iter().enumerate() {
        let check_in = CheckIn {
            mood,
            energy: Some(mood.saturating_sub(1).max(1)),
            note: String::new(),
            tags: if mood <= 2 {
                strings(&["slept badly"])
            } else {
                Vec::new()
            },
        };
        events.push(event(
            21 - 2 * i as u64,
            930,
            EventBody::CheckIn { check_in },
        ));
    }

    let logged = vault.log_events(events)?;
    let with_contact = logged.iter().filter(|l| l.contact.is_some()).count();
    println!(
        "recorded {} entries in one transaction, plus {with_contact} contact that an urge led to",
        logged.len()
    );
    let (urge, contact) = logged
        .iter()
        .find_map(|l| l.contact.as_ref().map(|c| (&l.event, c)))
        .ok_or(VaultError::NotFound)?;
    println!("the urge that reached out, and the contact it recorded:");
    println!("  {}", event_line(urge, &cast.aliases));
    println!("  {}", event_line(contact, &cast.aliases));
    Ok(contact.clone())
}

fn urge_session(vault: &Vault, cast: &Cast) -> Result<(), VaultError> {
    step("An urge, now: one call brings what helps");
    let offset = render::local_offset_seconds();
    let support = vault.start_urge_session(Some(cast.r.id.clone()))?;
    println!(
        "  my reasons: {}; from the plan: {} coping steps, first \"{}\"",
        support.reasons.len(),
        support.coping_steps.len(),
        support.coping_steps.first().map_or("", String::as_str)
    );
    for p in &support.people_to_reach {
        println!("  someone to call: {} ({})", p.name, p.how_to_reach);
    }
    println!(
        "  suggested: wait {} minutes",
        support.suggested_wait_minutes
    );
    let session = support.session_id;
    let draft = "I keep wanting to tell you I'm fine.";
    vault.write_urge_letter(session.clone(), draft.into(), offset)?;
    let text = format!("{draft} I am, mostly. That's why I won't send this.");
    let letter = vault.write_urge_letter(session.clone(), text, offset)?;
    println!(
        "  the message I wanted to send: kept as unsent letter {} (version {}), never sent",
        short_id(&letter.id),
        letter.revision + 1
    );
    let ended = vault.end_urge_session(
        session,
        UrgeEnd {
            intensity: 8,
            outcome: UrgeOutcome::Resisted,
            reached_out_via: None,
            trigger_ids: vec![cast.anniversary.id.clone()],
            emotions: vec![Emotion::Sad, Emotion::Proud],
            other_emotions: Vec::new(),
            coping: strings(&["Waited fifteen minutes", "Wrote it down instead"]),
            note: String::new(),
            utc_offset_seconds: offset,
        },
    )?;
    println!("  logged {}", event_line(&ended.event, &cast.aliases));
    Ok(())
}

fn corrections(vault: &Vault, cast: &Cast, breach: &Event) -> Result<(), VaultError> {
    step("Correcting the record: an amendment keeps the earlier version");
    let EventBody::MyContact { contact } = &breach.body else {
        return Err(VaultError::NotFound);
    };
    let mut corrected = contact.clone();
    corrected.crossed_boundary_ids = vec![cast.b_reply.id.clone()];
    corrected.note = "I wrote first. Counting it honestly, without a verdict.".into();
    let body = EventBody::MyContact { contact: corrected };
    vault.amend_event(
        breach.id.clone(),
        NewEvent {
            at: None,
            utc_offset_seconds: breach.utc_offset_seconds,
            body,
        },
    )?;
    for version in vault.event_history(breach.id.clone())? {
        println!("  {}", event_line(&version, &cast.aliases));
    }

    step("Deleting: the content goes, a mark stays; people and boundaries in use stay");
    let mistake = vault.quick_check_in(1, render::local_offset_seconds())?;
    println!(
        "  logged by mistake: {}",
        event_line(&mistake, &cast.aliases)
    );
    vault.delete_event(mistake.id.clone())?;
    let again = vault.get_event(mistake.id).map(|_| ());
    println!("  deleted; reading it again: {}", outcome(again));
    let person = vault.delete_person(cast.r.id.clone());
    println!("  delete R.: {}", outcome(person));
    let boundary = vault.delete_boundary(cast.b_reply.id.clone());
    println!("  delete the crossed boundary: {}", outcome(boundary));
    Ok(())
}

fn numbers(vault: &Vault, cast: &Cast) -> Result<(), VaultError> {
    step("The log, newest first (first page)");
    let page = vault.list_events(query(Vec::new(), None, None, 12))?;
    for e in &page.events {
        println!("  {}", event_line(e, &cast.aliases));
    }
    let footer = cmd_events::footer(1, 12, page.total, page.next_offset);
    println!("  {footer}");

    step("Three weeks in numbers");
    let per_week: Vec<String> = [(20, Some(13)), (13, Some(6)), (6, None)]
        .into_iter()
        .map(|(from, until)| {
            let kinds = vec![EventKind::TheirAttempt];
            let page = vault.list_events(query(kinds, Some(from), until, 1))?;
            Ok(page.total.to_string())
        })
        .collect::<Result<_, VaultError>>()?;
    println!("  their attempts, week by week: {}", per_week.join(" → "));

    let all = |kind| vault.list_events(query(vec![kind], None, None, 500));
    let urges = all(EventKind::Urge)?;
    let tally = |o: UrgeOutcome| {
        let of = |e: &&Event| matches!(&e.body, EventBody::Urge { urge } if urge.outcome == o);
        urges.events.iter().filter(of).count()
    };
    println!(
        "  urges: {} ({} resisted, {} delayed, {} reached out)",
        urges.total,
        tally(UrgeOutcome::Resisted),
        tally(UrgeOutcome::Delayed),
        tally(UrgeOutcome::ReachedOut)
    );
    let contacts = all(EventKind::MyContact)?;
    let crossed = contacts
        .events
        .iter()
        .filter(|e| match &e.body {
            EventBody::MyContact { contact } => !contact.crossed_boundary_ids.is_empty(),
            _ => false,
        })
        .count();
    let total = contacts.total;
    println!("  my contacts: {total} ({crossed} crossed a boundary)");
    let checkins = all(EventKind::CheckIn)?;
    let moods: Vec<u32> = checkins
        .events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::CheckIn { check_in } => Some(u32::from(check_in.mood)),
            _ => None,
        })
        .collect();
    let average = f64::from(moods.iter().sum::<u32>()) / moods.len().max(1) as f64;
    let total = checkins.total;
    println!("  check-ins: {total} (average mood {average:.1} of 5)");
    let days = when::naive(cast.r.no_contact_since).map_or(0, |d| (when::today() - d).num_days());
    println!("  days since no contact with R. began: {days}");
    Ok(())
}

/// A local calendar day `days_ago` days back.
fn day(days_ago: u64) -> LocalDate {
    LocalDate::from_naive(when::today() - Days::new(days_ago))
}

/// An event `days_ago` days back at local time `hhmm` (2240 is 22:40),
/// with the UTC offset in force then; never later than now.
fn event(days_ago: u64, hhmm: u32, body: EventBody) -> NewEvent {
    let date = when::today() - Days::new(days_ago);
    let time = NaiveTime::from_hms_opt(hhmm / 100, hhmm % 100, 0).unwrap_or_default();
    let (instant, utc_offset_seconds) = when::local_instant(date.and_time(time))
        .unwrap_or((when::start_of_day(date), render::local_offset_seconds()));
    NewEvent {
        at: Some(instant.min(SystemTime::now())),
        utc_offset_seconds,
        body,
    }
}

fn attempt(
    person: &Person,
    channel: Channel,
    response: AttemptResponse,
    felt_unsafe: u8,
    said: &str,
) -> TheirAttempt {
    let verbatim = channel == Channel::Text;
    let in_person = channel == Channel::InPerson;
    let only = |yes: bool, text: &str| if yes { text.to_owned() } else { String::new() };
    TheirAttempt {
        person_id: person.id.clone(),
        channel,
        handle: only(verbatim, "+44 7700 900123"),
        said: said.into(),
        said_verbatim: verbatim,
        response,
        location: only(in_person, "Outside the office, Market St."),
        witnesses: if in_person {
            strings(&["Priya"])
        } else {
            Vec::new()
        },
        felt_unsafe,
        attachments: Vec::new(),
        note: String::new(),
    }
}

pub(crate) fn query(
    kinds: Vec<EventKind>,
    from: Option<u64>,
    until: Option<u64>,
    limit: u32,
) -> EventQuery {
    let start = |days_ago: u64| when::start_of_day(when::today() - Days::new(days_ago));
    EventQuery {
        kinds,
        person_id: None,
        from: from.map(start),
        until: until.map(start),
        offset: 0,
        limit,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn contact(name: &str, how: &str) -> SupportContact {
    SupportContact {
        name: name.into(),
        how_to_reach: how.into(),
    }
}

fn check(text: &str, done: bool) -> ChecklistItem {
    ChecklistItem {
        text: text.into(),
        done,
    }
}
