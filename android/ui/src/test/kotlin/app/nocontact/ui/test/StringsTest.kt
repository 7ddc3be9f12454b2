// strings.xml: the words the screens look up exist, and every built-in
// prompt of the core has its words, keyed by its stable id.
package app.nocontact.ui.test

import app.nocontact.client.FLOOR
import app.nocontact.client.PASSCODE
import app.nocontact.client.Suite
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.ok
import app.nocontact.core.Channel
import app.nocontact.core.EventKind
import app.nocontact.core.UrgeOutcome
import app.nocontact.core.VaultSetup
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.XmlStrings
import kotlinx.coroutines.runBlocking
import java.io.File

fun registerStringsTests() {
    Suite.test("strings: every built-in prompt and channel has its words in strings.xml") {
        val prompts = runBlocking {
            VaultThread().use { t ->
                VaultClient.create(t, path(), VaultSetup(PASSCODE, null, false, FLOOR), UTC).ok("create").client.use { c ->
                    c.call { it.listPrompts() }.ok("listPrompts")
                }
            }
        }
        check(prompts.size >= 48) { "only ${prompts.size} prompts" }
        val missing = prompts.filter { it.builtin && !STRINGS.has(it.id) }.map { it.id }
        assertEq(missing, emptyList<String>(), "prompts without words")
        for (p in prompts.filter { it.builtin }) assertEq(STRINGS.get(p.id), p.text, "English words of ${p.id}")
        val channels = Channel.entries.filter { !STRINGS.has(enumKey("channel", it)) }
        assertEq(channels, emptyList<Channel>(), "channels without words")
        val kinds = EventKind.entries.filter { !STRINGS.has(enumKey("event_kind", it)) }
        assertEq(kinds, emptyList<EventKind>(), "event kinds without words")
        val sections = app.nocontact.core.safetyPlanSections().filter { !STRINGS.has(app.nocontact.ui.plan.sectionKey(it)) }
        assertEq(sections, emptyList<app.nocontact.core.SafetyPlanSection>(), "safety plan sections without words")
        val outcomes = UrgeOutcome.entries.filter { !STRINGS.has(enumKey("urge_outcome", it)) }
        assertEq(outcomes, emptyList<UrgeOutcome>(), "urge outcomes without words")
    }

    Suite.test("strings: every key the screens use exists, and formats and plurals work") {
        val used = File("android/ui/src/main/kotlin").walk().filter { it.extension == "kt" }
            .flatMap { Regex("""(?:str|plural)\("([a-z0-9_.]+)"""").findAll(it.readText()).map { m -> m.groupValues[1] } }
            .toSet()
        check(used.size > 30) { "only ${used.size} keys found in the screens" }
        val plurals = setOf("home_days_current", "home_days_before_slip", "home_next_milestone", "home_risky_date", "home_access_banner", "log_count") + LANE_A_PLURALS
        val missing = used.filter { it !in plurals && !STRINGS.has(it) }
        assertEq(missing, emptyList<String>(), "keys used by the screens but not in strings.xml")
        assertEq(STRINGS.plural("home_access_banner", 1, 1, "Tuesday"), "Someone tried to open the app — 1 time since Tuesday", "one")
        assertEq(STRINGS.plural("home_access_banner", 3, 3, "Tuesday"), "Someone tried to open the app — 3 times since Tuesday", "other")
        assertEq(STRINGS.get("first_run_biometrics"), "Also unlock with this phone's fingerprint or face", "escaped apostrophe")
        assertEq(STRINGS.get("no_such_key"), "no_such_key", "a missing key shows itself")
        val doctype = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><resources><string name=\"a\">&x;</string></resources>"
        val refused = runCatching { XmlStrings.parse(doctype.byteInputStream()) }.isFailure
        check(refused) { "a strings file with a DTD was accepted" }
    }
}
