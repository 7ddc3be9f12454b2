// Lane B's fixed screen states (people, log filters, full entries, backup,
// reminders), appended to SCREENS: rendered by RenderScreens.kt and checked
// by AccessibilityTest.kt.
package app.nocontact.ui.test

import app.nocontact.core.Boundary
import app.nocontact.core.BoundaryKind
import app.nocontact.core.BoundaryProgress
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.ContactMode
import app.nocontact.core.LocalDate
import app.nocontact.core.MonthDay
import app.nocontact.core.Person
import app.nocontact.core.Relationship
import app.nocontact.core.Trigger
import app.nocontact.core.TriggerCategory
import app.nocontact.ui.people.PeopleActions
import app.nocontact.ui.people.PeopleMode
import app.nocontact.ui.people.PeopleNotice
import app.nocontact.ui.people.PeopleScreen
import app.nocontact.ui.people.PeopleState
import app.nocontact.ui.people.PersonDraft
import app.nocontact.ui.people.BoundaryDraft
import app.nocontact.ui.people.TriggerDraft
import java.time.Instant

private val made = Instant.parse("2026-06-01T10:00:00Z")

val PEOPLE = listOf(
    Person("p2", "Mum", Relationship.PARENT, ContactMode.NoContact, LocalDate(2026, 9u, 1u), emptyList(), "", false, made, made),
    Person("p1", "Sam", Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2026, 6u, 1u), emptyList(), "", false, made, made),
)

private val BOUNDARIES = listOf(
    Boundary("b1", "I do not answer calls or messages from Sam", "p1", BoundaryKind.COMMUNICATION, BoundaryStatus.ACTIVE, LocalDate(2026, 6u, 1u), null, made, made),
    Boundary("b2", "I do not look at their profiles", null, BoundaryKind.MONITORING, BoundaryStatus.ACTIVE, LocalDate(2026, 6u, 1u), null, made, made),
)

private val PROGRESS = mapOf(
    "b1" to BoundaryProgress("b1", BOUNDARIES[0].statement, BoundaryStatus.ACTIVE, 43u, LocalDate(2026, 10, 20), 2u, 5u),
    "b2" to BoundaryProgress("b2", BOUNDARIES[1].statement, BoundaryStatus.ACTIVE, 184u, null, 0u, 0u),
)

private fun LocalDate(y: Int, m: Int, d: Int) = LocalDate(y, m.toUInt(), d.toUInt())

private val TRIGGERS = listOf(
    Trigger("t1", "Our anniversary", TriggerCategory.DATE_OR_ANNIVERSARY, MonthDay(12u, 7u), "p1", false, made),
    Trigger("t2", "Sunday evenings", TriggerCategory.TIME_OF_DAY, null, null, false, made),
)

val PEOPLE_STATE = PeopleState(
    loading = false,
    people = PEOPLE,
    streaks = HOME_SUMMARY.streaks.people.associateBy { it.personId!! },
    boundaries = BOUNDARIES,
    progress = PROGRESS,
    triggers = TRIGGERS,
)

private val ENTRY_STATE = app.nocontact.ui.entry.EntryState(loading = false, people = PEOPLE, triggers = TRIGGERS, boundaries = BOUNDARIES)

private val ATTEMPT_DRAFT = app.nocontact.ui.entry.EntryDraft(
    kind = app.nocontact.core.EventKind.THEIR_ATTEMPT, personId = "p1", channel = app.nocontact.core.Channel.TEXT, handle = "07700 900456",
    said = "You will regret this", saidVerbatim = true, response = app.nocontact.core.AttemptResponse.BLOCKED, location = "Outside work",
    witnesses = "Alex", feltUnsafe = 3, note = "Second time this week",
)

private val BACKUP = app.nocontact.ui.backup.BackupState()
private val BACKUPS = listOf("backup-20261203-071500.ncbackup", "backup-20261120-183000.ncbackup")

private val REMINDER_SETTINGS = app.nocontact.core.ReminderSettings(
    app.nocontact.core.Discretion.NEUTRAL, app.nocontact.core.TimeOfDay(20u, 0u), null, true, 3u, true, app.nocontact.core.TimeOfDay(9u, 0u),
)

private val UPCOMING = listOf(
    app.nocontact.core.Reminder(Instant.parse("2026-12-03T20:00:00Z"), LocalDate(2026, 12u, 3u), app.nocontact.core.ReminderKind.DAILY_CHECK_IN, "Daily note", "Time for your daily note."),
    app.nocontact.core.Reminder(Instant.parse("2026-12-04T09:00:00Z"), LocalDate(2026, 12u, 4u), app.nocontact.core.ReminderKind.RISKY_DATE, "Heads-up", "A date you marked is coming up."),
    app.nocontact.core.Reminder(Instant.parse("2026-12-04T20:00:00Z"), LocalDate(2026, 12u, 4u), app.nocontact.core.ReminderKind.DAILY_CHECK_IN, "Daily note", "Time for your daily note."),
)

val LANE_B_SCREENS: List<ScreenCase> = listOf(
    ScreenCase("reminders") {
        app.nocontact.ui.reminders.RemindersScreen(app.nocontact.ui.reminders.RemindersState(loading = false, draft = REMINDER_SETTINGS, upcoming = UPCOMING), app.nocontact.ui.reminders.RemindersActions(), ZONE)
    },
    ScreenCase("reminders-plain") {
        app.nocontact.ui.reminders.RemindersScreen(
            app.nocontact.ui.reminders.RemindersState(loading = false, draft = REMINDER_SETTINGS.copy(discretion = app.nocontact.core.Discretion.PLAIN, eveningReview = app.nocontact.core.TimeOfDay(21u, 0u)), changed = true, upcoming = UPCOMING),
            app.nocontact.ui.reminders.RemindersActions(),
            ZONE,
        )
    },
    ScreenCase("backup") {
        app.nocontact.ui.backup.BackupScreen(BACKUP.copy(passphrase = "x".repeat(28), confirm = "x".repeat(28), suggested = "amber-orbit-velvet-canyon-42-drift"), app.nocontact.ui.backup.BackupActions(), ZONE)
    },
    ScreenCase("backup-progress") { app.nocontact.ui.backup.BackupScreen(BACKUP.copy(running = true, done = 120, total = 300), app.nocontact.ui.backup.BackupActions(), ZONE) },
    ScreenCase("backup-saved") {
        app.nocontact.ui.backup.BackupScreen(
            BACKUP.copy(outcome = app.nocontact.ui.backup.BackupOutcome.SAVED, summary = app.nocontact.core.BackupSummary(312u, 301u, "ab".repeat(32), Instant.parse("2026-12-03T07:15:00Z"))),
            app.nocontact.ui.backup.BackupActions(),
            ZONE,
        )
    },
    ScreenCase("backup-restore") {
        app.nocontact.ui.backup.BackupScreen(BACKUP.copy(mode = app.nocontact.ui.backup.BackupMode.RESTORE, backups = BACKUPS, chosen = BACKUPS[0], passphrase = "x".repeat(20)), app.nocontact.ui.backup.BackupActions(), ZONE)
    },
    ScreenCase("backup-would-lose") {
        app.nocontact.ui.backup.BackupScreen(BACKUP.copy(mode = app.nocontact.ui.backup.BackupMode.RESTORE, backups = BACKUPS, chosen = BACKUPS[0], askReplace = true), app.nocontact.ui.backup.BackupActions(), ZONE)
    },
    ScreenCase("entry-attempt") { app.nocontact.ui.entry.EntryScreen(ENTRY_STATE.copy(draft = ATTEMPT_DRAFT), app.nocontact.ui.entry.EntryActions()) },
    ScreenCase("entry-amend") { app.nocontact.ui.entry.EntryScreen(ENTRY_STATE.copy(draft = ATTEMPT_DRAFT, amending = LOG_EVENTS[1]), app.nocontact.ui.entry.EntryActions()) },
    ScreenCase("entry-contact") {
        app.nocontact.ui.entry.EntryScreen(
            ENTRY_STATE.copy(draft = app.nocontact.ui.entry.EntryDraft(kind = app.nocontact.core.EventKind.MY_CONTACT, personId = "p1", crossed = setOf("b1"), note = "I called to ask about the keys")),
            app.nocontact.ui.entry.EntryActions(),
        )
    },
    ScreenCase("entry-urge") {
        app.nocontact.ui.entry.EntryScreen(
            ENTRY_STATE.copy(
                draft = app.nocontact.ui.entry.EntryDraft(
                    kind = app.nocontact.core.EventKind.URGE, intensity = 8, triggers = setOf("t2"), emotions = setOf(app.nocontact.core.Emotion.LONELY, app.nocontact.core.Emotion.ANXIOUS),
                    coping = "Walked round the block\nCalled Alex", outcome = app.nocontact.core.UrgeOutcome.DELAYED,
                ),
            ),
            app.nocontact.ui.entry.EntryActions(),
        )
    },
    ScreenCase("entry-check-in") {
        app.nocontact.ui.entry.EntryScreen(ENTRY_STATE.copy(draft = app.nocontact.ui.entry.EntryDraft(kind = app.nocontact.core.EventKind.CHECK_IN, mood = 2, energy = 4, note = "Tired but steady")), app.nocontact.ui.entry.EntryActions())
    },
    ScreenCase("log-filtered") {
        app.nocontact.ui.log.LogScreen(
            LOG_STATE.copy(filter = app.nocontact.core.EventKind.THEIR_ATTEMPT, person = "p1", period = app.nocontact.ui.log.LogPeriod.MONTH, events = listOf(LOG_EVENTS[1]), total = 1, nextOffset = null),
            app.nocontact.ui.log.LogActions(),
        )
    },
    ScreenCase("people") { PeopleScreen(PEOPLE_STATE.copy(notice = PeopleNotice.BOUNDARY_SAVED), PeopleActions()) },
    ScreenCase("people-boundaries") { PeopleScreen(PEOPLE_STATE.copy(people = PEOPLE.drop(1)), PeopleActions()) },
    ScreenCase("people-person") {
        PeopleScreen(PEOPLE_STATE.copy(mode = PeopleMode.PERSON, person = PersonDraft("p1", "Sam", Relationship.EX_PARTNER, "2026-06-01", "")), PeopleActions())
    },
    ScreenCase("people-boundary") {
        PeopleScreen(PEOPLE_STATE.copy(mode = PeopleMode.BOUNDARY, boundary = BoundaryDraft(null, "I do not reply through friends", "p1", BoundaryKind.THROUGH_OTHER_PEOPLE)), PeopleActions())
    },
    ScreenCase("people-trigger") {
        PeopleScreen(PEOPLE_STATE.copy(mode = PeopleMode.TRIGGER, trigger = TriggerDraft(null, "Our anniversary", TriggerCategory.DATE_OR_ANNIVERSARY, "p1", "12-07")), PeopleActions())
    },
)
