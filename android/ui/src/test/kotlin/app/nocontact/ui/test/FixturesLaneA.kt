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

val LANE_A_SCREENS: List<ScreenCase> = listOf(
    ScreenCase("reflect") { ReflectScreen(REFLECT_STATE.copy(notice = ReflectNotice.ENTRY_SAVED), ReflectActions()) },
    ScreenCase("reflect-write") { ReflectScreen(REFLECT_STATE.copy(draft = ReflectDraft(promptId = TODAY.id, text = "Sitting by the window with tea.")), ReflectActions()) },
    ScreenCase("reflect-prompts") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.PROMPTS), ReflectActions()) },
    ScreenCase("reflect-letters") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.LETTERS, notice = ReflectNotice.LETTER_KEPT), ReflectActions()) },
    ScreenCase("reflect-letter") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.LETTERS, draft = ReflectDraft(personId = "p1", text = "You do not get to decide how I feel any more.")), ReflectActions()) },
    ScreenCase("reflect-reasons") { ReflectScreen(REFLECT_STATE.copy(tab = ReflectTab.REASONS), ReflectActions()) },
)
