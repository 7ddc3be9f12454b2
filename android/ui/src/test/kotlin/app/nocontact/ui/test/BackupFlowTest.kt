// Backup and restore (APPS.md 2.13) through the real screens against the
// real library: a passphrase the core accepts, the export with its progress
// and cancel, and a restore that asks before it drops newer entries.
package app.nocontact.ui.test

import androidx.compose.ui.test.ExperimentalTestApi
import app.nocontact.client.PASSCODE
import app.nocontact.client.Suite
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.assertEq
import app.nocontact.client.check
import app.nocontact.client.fail
import app.nocontact.client.ok
import app.nocontact.client.person
import app.nocontact.core.EventKind
import app.nocontact.core.EventQuery
import app.nocontact.core.Secret
import app.nocontact.ui.app.Route
import app.nocontact.ui.backup.BackupPane
import app.nocontact.ui.backup.BackupPresenter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import java.io.File
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

private fun checkIns() = EventQuery(listOf(EventKind.CHECK_IN), null, null, null, 0u, 100u)

@OptIn(ExperimentalTestApi::class)
fun registerBackupFlowTests() {
    Suite.test("ui backup: from settings, a weak passphrase refused, a suggested one saves; restoring asks before dropping a newer entry") {
        AppUnderTest(this).use { a ->
            prepareLockedVault(a) { c ->
                c.addPerson(person("Sam")).ok("Sam")
                c.logCheckIn(4u, note = "before the backup").ok("check-in")
            }
            val folder = File(a.path).absoluteFile.resolveSibling("backups")
            fun presenter() = (a.app.route.value as Route.Backup).presenter
            phoneTest {
                toHome(a)
                tapTag("open_settings")
                tapTag("settings_backup")
                waitForText(s("backup_export_explain"))
                type("backup_passphrase", "short one")
                type("backup_confirm", "short one")
                tapTag("backup_export")
                waitForText(s("backup_weak"))
                check(folder.listFiles().orEmpty().isEmpty()) { "a file was written for a weak passphrase" }
                tapTag("backup_suggest")
                waitUntil("suggested", 15_000) { presenter().state.value.suggested != null }
                val passphrase = presenter().state.value.suggested!!
                waitForText(s("backup_suggested", passphrase))
                tapTag("backup_export")
                waitForText(s("backup_saved"))
                val summary = presenter().state.value.summary ?: fail("no summary")
                waitForText(s("backup_summary", summary.records.toLong(), summary.chainRecords.toLong()))
                check(folder.listFiles().orEmpty().single().name.endsWith(BackupPresenter.SUFFIX)) { "backup file: ${folder.listFiles()?.map { it.name }}" }

                tapTag("backup_back")
                tapTag("settings_back")
                tapTag("action_check_in")
                tap(s("mood.2"))
                waitForText(s("home_saved"))
                tapTag("open_settings")
                tapTag("settings_backup")
                tapTag("backup_mode_restore")
                waitForText(s("backup_restore_explain"))
                type("backup_passphrase", "$passphrase x")
                tapTag("backup_restore")
                waitForText(s("backup_wrong_passphrase"))
                type("backup_passphrase", passphrase)
                tapTag("backup_restore")
                waitForText(s("backup_would_lose"))
                tapTag("backup_keep_newer")
                waitForText(s("backup_cancelled"))
                val kept = runBlocking { a.app.clientOrNull()!!.call { it.listEvents(checkIns()) }.ok("list") }.total
                assertEq(kept, 2uL, "check-ins after keeping this notebook")
                type("backup_passphrase", passphrase)
                tapTag("backup_restore")
                waitForText(s("backup_would_lose"))
                tapTag("backup_replace_newer")
                waitForText(s("backup_restored"))
            }
            inspectVault(a) { c ->
                val notes = c.call { it.listEvents(checkIns()) }.ok("list").events.map { app.nocontact.ui.log.noteOf(it.body) }
                assertEq(notes, listOf("before the backup"), "check-ins after the restore")
                assertEq(c.listPeople(false).ok("people").map { it.alias }, listOf("Sam"), "people after the restore")
            }
        }
    }

    Suite.test("ui backup: the export shows its progress and stops when cancelled, leaving no file; then it completes") {
        val thread = VaultThread()
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val folder = File(dir, "backups")
        val path = path()
        try {
            runBlocking {
                VaultClient.create(thread, path, app.nocontact.core.VaultSetup(PASSCODE, null, false, app.nocontact.client.FLOOR), UTC).ok("create").client.use { c ->
                    repeat(300) { n -> c.logCheckIn(3u, note = "day $n").ok("check-in") }
                }
            }
            val client = runBlocking { VaultClient.open(thread, path, UTC).ok("open") }
            runBlocking { client.unlock(Secret.Passcode(PASSCODE)).ok("unlock") }
            val held = CountDownLatch(1)
            val release = CountDownLatch(1)
            var gate = true
            val p = BackupPresenter(scope, client, folder, onStep = { done, _ ->
                if (gate && done > 0) {
                    gate = false
                    held.countDown()
                    release.await(15, TimeUnit.SECONDS)
                }
            })
            p.start()
            phoneTest {
                setContent { Providers { BackupPane(p, ZONE) {} } }
                tapTag("backup_suggest")
                waitUntil("suggested", 15_000) { p.state.value.suggested != null }
                tapTag("backup_export")
                check(held.await(15, TimeUnit.SECONDS)) { "the export never reported progress" }
                waitUntil("progress shown", 15_000) { p.state.value.done > 0 }
                val st = p.state.value
                waitForText(s("backup_progress", st.done, st.total))
                tapTag("backup_cancel")
                release.countDown()
                waitForText(s("backup_cancelled"))
                check(folder.listFiles().orEmpty().isEmpty()) { "a cancelled export left ${folder.listFiles()?.map { it.name }}" }
                tapTag("backup_suggest")
                waitUntil("suggested again", 15_000) { p.state.value.suggested != null }
                tapTag("backup_export")
                waitForText(s("backup_saved"))
            }
            assertEq(folder.listFiles().orEmpty().size, 1, "backups after the second export")
            assertEq(p.state.value.summary?.records?.let { it >= 300uL }, true, "records in the backup")
            client.close()
        } finally {
            scope.cancel()
            thread.close()
        }
    }
}
