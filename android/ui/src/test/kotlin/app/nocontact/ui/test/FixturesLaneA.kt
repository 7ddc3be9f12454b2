// Fixed states of Reflect, Insights and Evidence: rendered by RenderScreens.kt
// and checked by AccessibilityTest.kt through SCREENS (Fixtures.kt).
package app.nocontact.ui.test

import app.nocontact.core.ContactMode
import app.nocontact.core.LocalDate
import app.nocontact.core.MyReason
import app.nocontact.core.Person
import app.nocontact.core.Prompt
import app.nocontact.core.ReasonSuggestion
import app.nocontact.core.ReasonTheme
import app.nocontact.core.Reflection
import app.nocontact.core.ReflectionBody
import app.nocontact.core.ReflectionKind
import app.nocontact.core.Relationship
import app.nocontact.ui.reflect.ReflectActions
import app.nocontact.ui.reflect.ReflectDraft
import app.nocontact.ui.reflect.ReflectNotice
import app.nocontact.ui.reflect.ReflectScreen
import app.nocontact.ui.reflect.ReflectState
import app.nocontact.ui.reflect.ReflectTab
import java.time.Instant

private val created = Instant.parse("2026-06-01T10:00:00Z")

private fun prompt(id: String, theme: ReasonTheme) = Prompt(id, theme, STRINGS.get(id), true)

private fun reflection(n: Int, kind: ReflectionKind, text: String): Reflection {
    val at = Instant.parse("2026-12-02T21:10:00Z").minusSeconds(n * 26L * 3600)
    return Reflection("r$n", at, 0, at, 0u, null, ReflectionBody(kind, "", text, emptyList(), null))
}

private val TODAY = prompt("prompt.self_preservation.02", ReasonTheme.SELF_PRESERVATION)

val REFLECT_PROMPTS: List<Prompt> = ReasonTheme.entries.flatMap { t ->
    (1..6).map { n -> prompt("prompt.${t.name.lowercase()}.0$n", t) }
}

private val SAM_PERSON = Person("p1", "Sam", Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2026, 6u, 1u), emptyList(), "", false, created, created)
private val MUM_PERSON = Person("p2", "Mum", Relationship.PARENT, ContactMode.NoContact, LocalDate(2026, 9u, 1u), emptyList(), "", false, created, created)

val REFLECT_STATE = ReflectState(
    loading = false,
    today = TODAY,
    entries = listOf(
        reflection(0, ReflectionKind.Journal(TODAY.id), "Walked by the river and felt calm for the first time this week."),
        reflection(1, ReflectionKind.Journal(null), "A hard evening. I wrote down what I wanted to say instead of saying it."),
        reflection(2, ReflectionKind.Journal("prompt.creating_space.02"), "An hour with a book on Sunday morning."),
    ),
    entriesTotal = 3,
    letters = listOf(reflection(1, ReflectionKind.UnsentLetter("p1"), "You do not get to decide how I feel any more.")),
    lettersTotal = 1,
    prompts = REFLECT_PROMPTS,
    theme = ReasonTheme.CREATING_SPACE,
    people = listOf(SAM_PERSON, MUM_PERSON),
    reasons = listOf(
        MyReason("m1", "I want quiet evenings again.", null, null, created),
        MyReason("m2", "My safety matters more than keeping the peace.", ReasonTheme.SELF_PRESERVATION, "reason.self_preservation.02", created),
    ),
    suggestions = listOf("reason.setting_boundaries.01" to ReasonTheme.SETTING_BOUNDARIES, "reason.setting_boundaries.02" to ReasonTheme.SETTING_BOUNDARIES, "reason.emotional_healing.02" to ReasonTheme.EMOTIONAL_HEALING)
        .map { (id, t) -> ReasonSuggestion(id, t, STRINGS.get(id)) },
)

private fun week(n: Int): LocalDate {
    val d = java.time.LocalDate.of(2026, 9, 14).plusWeeks(n.toLong())
    return LocalDate(d.year, d.monthValue.toUInt(), d.dayOfMonth.toUInt())
}

private val URGE_COUNTS = listOf(5, 6, 4, 5, 3, 4, 2, 3, 2, 1, 2, 1)
private val RESISTED = listOf(40, 50, 50, 60, 67, 75, 100, 67, 100, 100, 100, 100)
private val ATTEMPT_COUNTS = listOf(1, 0, 2, 1, 0, 1, 0, 1, 0, 2, 3, 4)
private val MOODS = listOf(2.0, 2.3, 2.1, 2.8, 2.6, 3.0, 3.2, 2.9, 3.4, 3.5, 3.3, 3.8)

/** Urges by weekday (Monday first) and hour: evenings, most on Sunday night. */
private val GRID: List<List<UInt>> = (0 until 7).map { d ->
    (0 until 24).map { h ->
        when {
            h in 21..23 && d == 6 -> 3u
            h in 20..23 -> 1u + (if (d % 2 == 0) 1u else 0u)
            h == 13 && d < 5 -> 1u
            else -> 0u
        }
    }
}

val INSIGHTS = app.nocontact.core.Insights(
    from = week(0), to = LocalDate(2026, 12u, 6u),
    personId = null,
    urges = app.nocontact.core.UrgeInsights(
        total = 38u, resistedPercent = 68u, meanIntensity = 5.4,
        weeks = URGE_COUNTS.indices.map { app.nocontact.core.WeekUrges(week(it), URGE_COUNTS[it].toUInt(), RESISTED[it].toUInt(), 5.0) },
        intensityTrend = app.nocontact.core.Trend.FALLING, intensityChangePerWeek = -0.3,
        topTriggers = emptyList(), topEmotions = emptyList(), helpedWhenResisted = emptyList(),
        weekdayHour = GRID,
    ),
    attempts = app.nocontact.core.AttemptInsights(
        total = 15u,
        weeks = ATTEMPT_COUNTS.indices.map { app.nocontact.core.WeekCount(week(it), ATTEMPT_COUNTS[it].toUInt()) },
        byChannel = listOf(app.nocontact.core.ChannelCount(app.nocontact.core.Channel.TEXT, 9u), app.nocontact.core.ChannelCount(app.nocontact.core.Channel.CALL, 6u)),
        trend = app.nocontact.core.Trend.RISING, changePerWeek = 0.2,
        last14Days = 7u, mostInEarlier14Days = 3u, rising = true,
    ),
    mood = app.nocontact.core.MoodInsights(
        days = emptyList(),
        weeks = MOODS.indices.map { app.nocontact.core.MoodPoint(week(it), 4u, MOODS[it], null) },
    ),
    boundaries = listOf(
        app.nocontact.core.BoundaryProgress("b1", "I do not answer their calls", app.nocontact.core.BoundaryStatus.ACTIVE, 43u, LocalDate(2026, 10u, 20u), 1u, 6u),
        app.nocontact.core.BoundaryProgress("b2", "I do not look at their profile", app.nocontact.core.BoundaryStatus.ACTIVE, 12u, LocalDate(2026, 11u, 21u), 3u, 0u),
    ),
)

val INSIGHTS_STATE = app.nocontact.ui.insights.InsightsState(loading = false, people = listOf(SAM_PERSON, MUM_PERSON), insights = INSIGHTS)

private val EMPTY_INSIGHTS = INSIGHTS.copy(
    from = week(8),
    urges = INSIGHTS.urges.copy(total = 0u, resistedPercent = 0u, meanIntensity = 0.0, weeks = emptyList(), intensityTrend = app.nocontact.core.Trend.NOT_ENOUGH_DATA, intensityChangePerWeek = 0.0, weekdayHour = List(7) { List(24) { 0u } }),
    attempts = INSIGHTS.attempts.copy(total = 0u, weeks = emptyList(), byChannel = emptyList(), trend = app.nocontact.core.Trend.NOT_ENOUGH_DATA, changePerWeek = 0.0, last14Days = 0u, mostInEarlier14Days = 0u, rising = false),
    mood = app.nocontact.core.MoodInsights(emptyList(), emptyList()),
    boundaries = emptyList(),
)

private val CHAIN = app.nocontact.core.ChainReport(214uL, "9f2c" + "0".repeat(60), "KQ4M-7TDX-2WAH-8PNR-F4C6-VJEZ-B", true, emptyList())
private val CHECKPOINT = app.nocontact.core.Checkpoint("KQ4M-7TDX-2WAH-8PNR-F4C6-VJEZ-B", 214uL, CHAIN.head, Instant.parse("2026-12-02T18:20:00Z"))

val EVIDENCE_STATE = app.nocontact.ui.evidence.EvidenceState(
    loading = false,
    people = listOf(SAM_PERSON, MUM_PERSON),
    personId = "p1",
    period = app.nocontact.ui.evidence.EvidencePeriod.DAYS_90,
    chain = CHAIN,
)

private val SUMMARY = app.nocontact.core.EvidenceSummary(37uL, 214uL, 41uL, CHAIN.head, CHAIN.code)
private val VALID = app.nocontact.core.EvidenceVerdict(true, 214uL, 41uL, 173uL, CHAIN.head, 214uL, false, emptyList(), "valid")
private val CHANGED = app.nocontact.core.EvidenceVerdict(
    false, 214uL, 41uL, 173uL, CHAIN.head, null, false,
    listOf(
        app.nocontact.core.EvidenceProblem(app.nocontact.core.EvidenceProblemKind.DIGEST_MISMATCH, "report.html", null, "digest"),
        app.nocontact.core.EvidenceProblem(app.nocontact.core.EvidenceProblemKind.REPORT_MISMATCH, "report.html", null, "report"),
    ),
    "invalid",
)

val LANE_A_SCREENS: List<ScreenCase> = listOf(
    ScreenCase("evidence") { app.nocontact.ui.evidence.EvidenceScreen(EVIDENCE_STATE, app.nocontact.ui.evidence.EvidenceActions(), ZONE) },
    ScreenCase("evidence-exporting") {
        app.nocontact.ui.evidence.EvidenceScreen(EVIDENCE_STATE.copy(phase = app.nocontact.ui.evidence.EvidencePhase.Exporting(92, 214), checkpoint = CHECKPOINT), app.nocontact.ui.evidence.EvidenceActions(), ZONE)
    },
    ScreenCase("evidence-done") {
        app.nocontact.ui.evidence.EvidenceScreen(
            EVIDENCE_STATE.copy(phase = app.nocontact.ui.evidence.EvidencePhase.Done(SUMMARY, VALID, "/exports/export-20261202-182200"), checkpoint = CHECKPOINT, copied = true),
            app.nocontact.ui.evidence.EvidenceActions(),
            ZONE,
        )
    },
    ScreenCase("evidence-changed") {
        app.nocontact.ui.evidence.EvidenceScreen(
            EVIDENCE_STATE.copy(phase = app.nocontact.ui.evidence.EvidencePhase.Done(SUMMARY, CHANGED, "/exports/export-20261202-182200")),
            app.nocontact.ui.evidence.EvidenceActions(),
            ZONE,
        )
    },
    ScreenCase("evidence-chain-problem") {
        val broken = CHAIN.copy(intact = false, issues = listOf(app.nocontact.core.ChainIssue(app.nocontact.core.ChainIssueKind.MISSING, 120uL, 131uL)))
        app.nocontact.ui.evidence.EvidenceScreen(
            EVIDENCE_STATE.copy(chain = broken, phase = app.nocontact.ui.evidence.EvidencePhase.Failed(app.nocontact.client.CoreError.Corrupt)),
            app.nocontact.ui.evidence.EvidenceActions(),
            ZONE,
        )
    },
    ScreenCase("insights") { app.nocontact.ui.insights.InsightsScreen(INSIGHTS_STATE, app.nocontact.ui.insights.InsightsActions()) },
    ScreenCase("insights-attempts") {
        // One person over 12 weeks with no urges logged: their attempts, mood and boundaries come into view.
        app.nocontact.ui.insights.InsightsScreen(INSIGHTS_STATE.copy(personId = "p1", insights = INSIGHTS.copy(personId = "p1", urges = EMPTY_INSIGHTS.urges)), app.nocontact.ui.insights.InsightsActions())
    },
    ScreenCase("insights-mood") {
        // Mum over 12 weeks: no urges or attempts logged, so mood and boundaries come into view.
        app.nocontact.ui.insights.InsightsScreen(INSIGHTS_STATE.copy(personId = "p2", insights = INSIGHTS.copy(personId = "p2", urges = EMPTY_INSIGHTS.urges, attempts = EMPTY_INSIGHTS.attempts)), app.nocontact.ui.insights.InsightsActions())
    },
    ScreenCase("insights-empty") { app.nocontact.ui.insights.InsightsScreen(INSIGHTS_STATE.copy(weeks = 4u, personId = "p2", insights = EMPTY_INSIGHTS), app.nocontact.ui.insights.InsightsActions()) },
    ScreenCase("reflect") { ReflectScreen(REFLECT_STATE.copy(notice = ReflectNotice.ENTRY_SAVED), ReflectActions()) },
    ScreenCase("reflect-write") { ReflectScreen(REFLECT_STATE.copy(draft = ReflectDraft(promptId = TODAY.id, text = "Sitting by the window with tea.")), ReflectActions()) },
    ScreenCase("reflect-prompts") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.PROMPTS), ReflectActions()) },
    ScreenCase("reflect-letters") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.LETTERS, notice = ReflectNotice.LETTER_KEPT), ReflectActions()) },
    ScreenCase("reflect-letter") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.LETTERS, draft = ReflectDraft(personId = "p1", text = "You do not get to decide how I feel any more.")), ReflectActions()) },
    ScreenCase("reflect-reasons") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.REASONS), ReflectActions()) },
)
