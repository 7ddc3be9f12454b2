// Reflect (APPS.md §2.8) driven through the real screens against the real
// library: a journal entry on today's prompt, one from the prompt library, an
// unsent letter to a person, a reason of my own and an accepted suggestion;
// then what the vault holds.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.ok
import app.nocontact.core.LocalDate
import app.nocontact.core.ReflectionFilter
import app.nocontact.core.ReflectionKind
import app.nocontact.core.ReflectionQuery

/** Plural keys of Reflect, Insights and Evidence (StringsTest checks the others' keys exist). */
val LANE_A_PLURALS = setOf("reflect_entries_count", "reflect_letters_count", "insights_urges_summary", "insights_attempts_summary", "evidence_entries")

@OptIn(ExperimentalTestApi::class)
fun registerReflectFlowTests() {
    Suite.test("strings: every reason theme, reason suggestion and part of Reflect has its words") {
        val suggestions = kotlinx.coroutines.runBlocking {
            app.nocontact.client.VaultThread().use { t ->
                app.nocontact.client.VaultClient.create(t, path(), app.nocontact.core.VaultSetup(app.nocontact.client.PASSCODE, null, false, app.nocontact.client.FLOOR), app.nocontact.client.UTC)
                    .ok("create").client.use { c -> c.call { it.reasonSuggestions() }.ok("reasonSuggestions") }
            }
        }
        check(suggestions.size >= 24) { "only ${suggestions.size} suggestions" }
        assertEq(suggestions.filter { !STRINGS.has(it.id) }.map { it.id }, emptyList<String>(), "suggestions without words")
        for (sg in suggestions) assertEq(STRINGS.get(sg.id), sg.text, "English words of ${sg.id}")
        val themes = app.nocontact.core.ReasonTheme.entries.filter { !STRINGS.has(app.nocontact.ui.home.enumKey("reason_theme", it)) }
        assertEq(themes, emptyList<app.nocontact.core.ReasonTheme>(), "reason themes without words")
        val tabs = app.nocontact.ui.reflect.ReflectTab.entries.map { "reflect_tab_${it.name.lowercase()}" }.filter { !STRINGS.has(it) }
        assertEq(tabs, emptyList<String>(), "parts of Reflect without words")
    }

    Suite.test("strings: every evidence problem, chain issue, period, boundary status and trend has its words") {
        val k = { kind: String, v: Enum<*> -> app.nocontact.ui.home.enumKey(kind, v) }
        val missing = app.nocontact.core.EvidenceProblemKind.entries.map { k("evidence_problem", it) } +
            app.nocontact.core.ChainIssueKind.entries.map { k("chain_issue", it) } +
            app.nocontact.ui.evidence.EvidencePeriod.entries.map { k("evidence_period", it) } +
            app.nocontact.core.BoundaryStatus.entries.map { k("boundary_status", it) } +
            app.nocontact.core.Trend.entries.flatMap { listOf(k("insights_intensity_trend", it), k("insights_attempts_trend", it)) }
        assertEq(missing.filter { !STRINGS.has(it) }, emptyList<String>(), "keys without words")
    }

    Suite.test("ui: reflect writes on today's prompt and a library prompt, keeps a letter unsent, adds my reasons") {
        AppUnderTest(this).use { a ->
            var todayId = ""
            val sam = prepareVault(a) { c, _ ->
                val today = java.time.LocalDate.now(ZONE)
                todayId = c.call { it.promptOfTheDay(LocalDate(today.year, today.monthValue.toUInt(), today.dayOfMonth.toUInt())) }.ok("promptOfTheDay").id
            }
            val library = "prompt.creating_space.02"
            val accepted = "reason.self_preservation.02"
            phoneTest {
                toHome(a)
                // Home's Write action leads on to Reflect.
                tapTag("action_write")
                tapTag("write_more")
                waitForText(s("reflect_title"))
                waitForText(s(todayId))
                waitForText(s("reflect_entries_empty"))
                tapTag("write_today")
                waitForTag("draft_prompt")
                type("reflect_draft", "Walked by the river and felt calm.")
                tapTag("reflect_save")
                waitForText(s("reflect_entry_saved"))
                waitForText(STRINGS.plural("reflect_entries_count", 1, 1))
                waitForText("Walked by the river and felt calm.")

                // The prompt library by theme.
                tapTag("tab_prompts")
                tapTag("theme_creating_space")
                tapTag("prompt_$library")
                waitForText(s(library))
                type("reflect_draft", "An hour with a book on Sunday morning.")
                tapTag("reflect_save")
                waitForText(STRINGS.plural("reflect_entries_count", 2, 2))

                // A letter to Sam, never sent.
                tapTag("tab_letters")
                waitForText(s("reflect_letters_explain"))
                tapTag("letter_to_$sam")
                waitForText(s("reflect_letter_never_sent"))
                type("reflect_draft", "You do not get to decide how I feel any more.")
                tapTag("reflect_save")
                waitForText(s("reflect_letter_kept"))
                waitForText(STRINGS.plural("reflect_letters_count", 1, 1))
                waitForText(s("reflect_letter_heading", "Sam"))

                // My reasons: my own words, then a suggestion accepted.
                tapTag("tab_reasons")
                waitForText(s("reflect_reasons_empty"))
                type("new_reason", "I want quiet evenings again.")
                tapTag("add_reason")
                waitForText(s("reflect_reason_added"))
                waitForText("I want quiet evenings again.")
                tapTag("accept_$accepted")
                waitForNoTag("suggestion_$accepted")
                waitForText(s(accepted))

                // Back home, and in again by the navigation: what was written is there.
                tapTag("reflect_back")
                tapTag("open_reflect")
                waitForText(STRINGS.plural("reflect_entries_count", 2, 2))
            }
            inspectVault(a) { c ->
                val all = c.call { it.listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 50u)) }.ok("listReflections")
                assertEq(all.total, 3uL, "reflections in the vault")
                val byText = all.reflections.associateBy { it.body.text }
                assertEq(byText["Walked by the river and felt calm."]?.body?.kind, ReflectionKind.Journal(todayId), "the entry on today's prompt")
                assertEq(byText["An hour with a book on Sunday morning."]?.body?.kind, ReflectionKind.Journal(library), "the entry on the library prompt")
                assertEq(byText["You do not get to decide how I feel any more."]?.body?.kind, ReflectionKind.UnsentLetter(sam), "the letter to Sam")
                val reasons = c.call { it.listReasons() }.ok("listReasons")
                assertEq(reasons.map { it.text }, listOf("I want quiet evenings again.", "My safety matters more than keeping the peace."), "my reasons in order")
                assertEq(reasons.map { it.suggestionId }, listOf(null, accepted), "which reason came from a suggestion")
                val left = c.call { it.reasonSuggestions() }.ok("reasonSuggestions").map { it.id }
                check(accepted !in left && left.size == 23) { "suggestions left: $left" }
            }
        }
    }
}
