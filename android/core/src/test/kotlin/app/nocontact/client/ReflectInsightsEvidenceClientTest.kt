// The VaultClient calls of Reflect, Insights and Evidence against the real
// library: what they return, and the errors they map to.
package app.nocontact.client

import app.nocontact.core.Channel
import app.nocontact.core.EventKind
import app.nocontact.core.EvidenceOptions
import app.nocontact.core.ReflectionFilter
import app.nocontact.core.ReflectionKind
import kotlinx.coroutines.runBlocking
import java.io.File

fun registerReflectInsightsEvidenceClientTests() {
    Suite.test("client: reflect calls write letters and journal entries, list them by kind, and refuse a suggestion twice") {
        VaultThread().use { thread ->
            newClient(thread).client.use { c ->
                runBlocking {
                    val sam = c.call { it.addPerson(person("Sam")) }.ok("addPerson").id
                    val today = c.promptOfToday().ok("promptOfToday")
                    check(today.builtin && c.listPrompts().ok("listPrompts").any { it.id == today.id }) { "today's prompt $today is not in the library" }
                    c.writeJournal("on the prompt", today.id).ok("journal")
                    c.writeLetter(sam, "never sent").ok("letter")
                    val letters = c.listReflections(ReflectionFilter.UNSENT_LETTERS, 0u, 10u).ok("letters")
                    assertEq(letters.reflections.map { it.body.kind }, listOf<ReflectionKind>(ReflectionKind.UnsentLetter(sam)), "letters")
                    val journal = c.listReflections(ReflectionFilter.JOURNAL, 0u, 10u).ok("journal")
                    assertEq(journal.reflections.map { it.body.kind }, listOf<ReflectionKind>(ReflectionKind.Journal(today.id)), "journal")
                    assertEq(c.writeLetter("00000000000000000000000000000000", "to no one").err("letter to no one"), CoreError.InvalidInput("person_id"), "a letter to an unknown person")
                    val first = c.reasonSuggestions().ok("suggestions").first()
                    c.acceptReasonSuggestion(first.id).ok("accept")
                    assertEq(c.acceptReasonSuggestion(first.id).err("accept twice"), CoreError.InvalidInput("suggestion_id"), "a suggestion accepted twice")
                    c.addReason("my own").ok("addReason")
                    assertEq(c.listReasons().ok("reasons").map { it.suggestionId }, listOf(first.id, null), "reasons in order")
                    assertEq(c.listPeople().ok("people").map { it.alias }, listOf("Sam"), "people")
                }
            }
        }
    }

    Suite.test("client: insights counts what was logged; evidence exports, verifies, cancels and maps its errors") {
        VaultThread().use { thread ->
            newClient(thread).client.use { c ->
                runBlocking {
                    val sam = c.call { it.addPerson(person("Sam")) }.ok("addPerson").id
                    repeat(2) { c.quickLogAttempt(sam, Channel.CALL).ok("attempt") }
                    val i = c.insights(4u, sam).ok("insights")
                    assertEq(i.attempts.total, 2u, "attempts counted")
                    check(c.insights(0u, null).err("0 weeks") is CoreError.InvalidInput) { "0 weeks accepted" }
                    val options = EvidenceOptions(sam, listOf(EventKind.THEIR_ATTEMPT), false, null, null, "UTC")
                    val folder = File(path("export")).path
                    var heard = 0
                    val cancelled = c.exportEvidence(options, folder) { _, _ -> heard++; false }.err("cancelled export")
                    assertEq(cancelled, CoreError.Cancelled, "a cancelled export")
                    check(heard > 0 && !File(folder).exists()) { "cancel: heard $heard, folder left: ${File(folder).exists()}" }
                    val checkpoint = c.makeCheckpoint().ok("checkpoint")
                    val summary = c.exportEvidence(options, folder) { _, _ -> true }.ok("export")
                    assertEq(summary.entries, 2uL, "entries exported")
                    val verdict = c.verifyEvidence(folder, checkpoint.code).ok("verify")
                    check(verdict.valid && verdict.checkpointCount == checkpoint.records) { "verdict $verdict" }
                    assertEq(c.exportEvidence(options, folder) { _, _ -> true }.err("again"), CoreError.AlreadyExists, "an export into an existing folder")
                    assertEq(c.verifyEvidence(path("nothing")).err("verify nothing"), CoreError.NotFound, "verifying nothing")
                    check(c.chainReport().ok("chain").intact) { "chain not intact" }
                }
            }
        }
    }
}
