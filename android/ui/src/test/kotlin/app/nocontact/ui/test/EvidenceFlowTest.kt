// Evidence (APPS.md §2.12) driven through the real screens against the real
// library: a checkpoint code made and copied, a person, a period and kinds
// chosen, an export stopped half-way (nothing left behind), an export
// finished and checked offline, the folder handed to the share callback, the
// verdict after the folder was changed; then what the vault and the folder hold.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.Suite
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.chainReport
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.Channel
import app.nocontact.core.verifyEvidence
import app.nocontact.ui.evidence.chainText
import app.nocontact.ui.evidence.verdictText
import kotlinx.coroutines.runBlocking
import java.io.File
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

@OptIn(ExperimentalTestApi::class)
fun registerEvidenceFlowTests() {
    Suite.test("ui: evidence makes a checkpoint code, exports with progress and cancel, checks the export offline and shares the folder") {
        AppUnderTest(this).use { a ->
            val sam = prepareVault(a) { c, samId ->
                val mum = c.call { it.addPerson(person("Mum")) }.ok("addPerson").id
                repeat(3) { c.quickLogAttempt(samId, Channel.CALL).ok("attempt") }
                c.quickLogAttempt(mum, Channel.TEXT).ok("mum")
                c.logCheckIn(3u).ok("check-in")
            }
            val exports = File(dir, "exports")
            val shared = Collections.synchronizedList(mutableListOf<File>())
            val copied = Collections.synchronizedList(mutableListOf<String>())
            val texts = Collections.synchronizedList(mutableListOf<String>())
            val gate = CountDownLatch(1)
            val holding = AtomicBoolean(true)
            val steps = Collections.synchronizedList(mutableListOf<Pair<ULong, ULong>>())
            a.app.exportsDir = exports
            a.app.onShareEvidence = { shared += it }
            a.app.onCopy = { copied += it }
            a.app.onShareText = { texts += it }
            // The first export waits at its first step until the test has pressed Stop.
            a.app.onExportProgress = { done, total ->
                steps += done to total
                if (holding.get()) gate.await(15, TimeUnit.SECONDS)
            }
            var code = ""
            var folder: File? = null
            phoneTest {
                toHome(a)
                tapTag("open_evidence")
                waitForText(s("evidence_title"))
                val chain = runBlocking { a.app.clientOrNull()!!.chainReport() }.ok("chainReport")
                check(chain.intact) { "chain not intact: $chain" }
                waitForText(chainText(STRINGS, chain))

                // A checkpoint code, copied for an advocate.
                tapTag("make_checkpoint")
                waitForTag("checkpoint_code")
                code = textOf("checkpoint_code")
                tapTag("copy_checkpoint")
                waitForTag("copied")
                assertEq(copied.toList(), listOf(code), "the code handed to the clipboard")
                tapTag("share_checkpoint")
                waitUntil("the code is handed to the share sheet", 5_000) { texts.isNotEmpty() }
                assertEq(texts.toList(), listOf(code), "the code handed to the share sheet")

                // Sam's attempts and check-ins, over everything.
                tapTag("person_$sam")
                tapTag("kind_check_in")
                tapTag("kind_my_contact")

                // Stopped half-way.
                tapTag("export")
                waitForTag("export_progress")
                tapTag("export_cancel")
                gate.countDown()
                waitForTag("export_cancelled")
                check(exports.listFiles().orEmpty().isEmpty()) { "left behind by the stopped export: ${exports.listFiles()?.map { it.name }}" }

                // Then to the end, and checked offline.
                holding.set(false)
                steps.clear()
                tapTag("export")
                waitForTag("verdict")
                waitForText(s("evidence_valid_title"))
                check(steps.isNotEmpty() && steps.last().let { it.first == it.second && it.second > 0uL }) { "progress heard: $steps" }
                tapTag("share")
                waitUntil("the folder is shared", 5_000) { shared.isNotEmpty() }
                val out = shared.single()
                folder = out
                assertEq(out.listFiles().orEmpty().map { it.name }.sorted(), listOf("evidence.json", "manifest.sha256", "report.html"), "files of the export")
                val verdict = verifyEvidence(out.path, code)
                check(verdict.valid && verdict.checkpointCount != null) { "verdict: $verdict" }
                assertEq(textOf("verdict_text"), verdictText(STRINGS, verdict), "the verdict shown")
                val json = File(out, "evidence.json").readText()
                check(Regex("\"person_id\"\\s*:\\s*\"$sam\"").containsMatchIn(json)) { "the person chosen is not in the export's selection" }
                check(Regex("\"kinds\"\\s*:\\s*\\[\\s*\"their_attempt\"\\s*,\\s*\"check_in\"\\s*]").containsMatchIn(json)) { "the kinds chosen: ${Regex("\"kinds\"[^]]*]").find(json)?.value}" }

                // Changed after the export: the check says so.
                File(out, "report.html").appendText("\n<!-- changed -->")
                tapTag("recheck")
                waitForText(s("evidence_invalid_title"))
                val changed = verifyEvidence(out.path, code)
                check(!changed.valid) { "a changed report passed: $changed" }
                assertEq(textOf("verdict_text"), verdictText(STRINGS, changed), "the verdict after the change")

                tapTag("evidence_back")
                waitForText(s("home_action_reached_out"))
            }
            assertEq(exports.listFiles().orEmpty().map { it.name }, listOf(folder!!.name), "export folders")
            inspectVault(a) { c ->
                val checkpoints = c.call { it.checkpoints() }.ok("checkpoints")
                assertEq(checkpoints.map { it.code }, listOf(code), "checkpoints kept in the vault")
            }
        }
    }
}
