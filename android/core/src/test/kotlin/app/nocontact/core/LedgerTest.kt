// The hash-chained ledger through the Kotlin bindings: the chain report,
// full verification, checkpoints and their codes, evidence exports checked
// by the offline verifier, and encrypted backups (one of which LedgerTests.swift
// restores: see [INTEROP_BACKUP]). Mirrors core/tests/{chain,evidence,backup}.rs;
// run by the harness in VaultTest.kt (`cargo xtask kotlin-test ledger`).
package app.nocontact.core

import java.io.File
import java.util.concurrent.atomic.AtomicInteger

private val CHECKPOINT_CODE = Regex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}-[0-9A-HJKMNP-TV-Z]$")

internal fun registerLedgerTests() {
    test("ledger: the chain grows with every log, amendment and deletion and stays intact") {
        val v = create().vault
        val empty = v.chainReport()
        assertEq(empty.records, 0uL, "records of a new vault")
        assertEq(empty.intact, true, "a new vault's chain is intact")
        assertEq(empty.head, "0".repeat(64), "head of an empty chain")
        val ids = (1..6).map { v.quickCheckIn(((it % 5) + 1).toUByte(), 3600).id }
        v.amendEvent(ids[1], NewEvent(null, 0, EventBody.CheckIn(CheckIn(2u, null, "amended ✓", emptyList()))))
        v.deleteEvent(ids[2])
        val report = v.chainReport()
        assertEq(report.records, 8uL, "six logs, one amendment, one redaction")
        assertEq(report.intact, true, "intact after changes: ${report.issues}")
        assertEq(report.issues, emptyList<ChainIssue>(), "issues")
        check(report.head.matches(Regex("^[0-9a-f]{64}$"))) { "head <${report.head}> is not 64 hex digits" }
        check(CHECKPOINT_CODE.matches(report.code)) { "code <${report.code}> is not XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C" }
        assertEq(v.verifyChain(), report, "verifyChain() reads the file and agrees")
        v.lock()
        assertThrows<VaultException.Locked>("chainReport while locked") { v.chainReport() }
        v.unlock(Secret.Passcode(PASSCODE))
        assertEq(v.chainReport(), report, "the same chain after unlocking again")
    }

    test("ledger: checkpoints commit to the head, are kept, and their codes read back as typed") {
        val v = create().vault
        repeat(3) { v.quickCheckIn(3u, 0) }
        val first = v.makeCheckpoint()
        val report = v.chainReport()
        assertEq(first.records, 3uL, "checkpoint records")
        assertEq(first.head, report.head, "checkpoint head")
        assertEq(first.code, report.code, "checkpoint code")
        v.quickCheckIn(4u, 0)
        val second = v.makeCheckpoint()
        check(second.code != first.code) { "two heads gave one code" }
        assertEq(v.checkpoints(), listOf(first, second), "checkpoints, oldest first")
        assertEq(normalizeCheckpointCode(first.code.lowercase().replace('-', ' ')), first.code, "code typed in lower case with spaces")
        val typo = first.code.dropLast(1) + (if (first.code.last() == '0') '1' else '0')
        assertInvalid("code", "a code with a wrong check character") { normalizeCheckpointCode(typo) }
        assertInvalid("code", "an empty code") { normalizeCheckpointCode("") }
    }

    test("ledger: an evidence export verifies offline, and a changed character is named") {
        val v = create().vault
        val person = v.addPerson(PersonInput("Sam", Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2025, 5u, 1u), emptyList(), ""))
        v.quickLogAttempt(person.id, Channel.TEXT, 0)
        v.quickLogAttempt(person.id, Channel.CALL, 0)
        v.quickCheckIn(2u, 0)
        val earlier = v.makeCheckpoint()
        v.quickLogAttempt(person.id, Channel.EMAIL, 0)
        val folder = File(dir, "export").path
        val calls = AtomicInteger()
        val listener = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong): Boolean {
                check(done <= total) { "progress $done of $total" }
                calls.incrementAndGet()
                return true
            }
        }
        val summary = v.exportEvidence(EvidenceOptions(person.id, emptyList(), false, null, null, "Europe/Paris"), folder, listener)
        assertEq(summary.entries, 3uL, "entries in full")
        assertEq(summary.records, 4uL, "records in the chain")
        check(calls.get() >= 2) { "progress was reported ${calls.get()} times" }
        val verdict = verifyEvidence(folder, earlier.code)
        check(verdict.valid) { "the export does not verify: ${verdict.problems}" }
        assertEq(verdict.checkpointCount, 3uL, "the earlier checkpoint matches at its count")
        assertEq(verdict.omitted, 1uL, "the check-in is a digest only")
        val report = File(folder, "report.html")
        report.writeText(report.readText().replaceFirst("Sam", "Pam"))
        val tampered = verifyEvidence(folder, null)
        check(!tampered.valid) { "a changed report still verifies" }
        check(tampered.problems.any { it.file == "report.html" }) { "report.html is not named: ${tampered.problems}" }
        assertThrows<VaultException.AlreadyExists>("exporting into the same folder") {
            v.exportEvidence(EvidenceOptions(null, emptyList(), false, null, null, "UTC"), folder, null)
        }
        val stop = object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong): Boolean = false
        }
        val cancelled = File(dir, "cancelled").path
        assertThrows<VaultException.Cancelled>("a listener that says stop") {
            v.exportEvidence(EvidenceOptions(null, emptyList(), false, null, null, "UTC"), cancelled, stop)
        }
        check(!File(cancelled).exists()) { "a cancelled export left a folder" }
        val csv = v.exportCsv(CsvQuery(emptyList(), null, null, null))
        val rows = csv.trimEnd().split("\r\n")
        check(rows[0].startsWith("date,time,utc_offset,")) { "CSV header <${rows[0]}>" }
        assertEq(rows.size, 5, "CSV rows: a header and four events")
        check(rows.drop(1).all { "Sam" in it || "check" in it }) { "CSV rows name the person: $rows" }
    }

    test("ledger: a backup restores into a new vault with the same events and chain head") {
        val v = create().vault
        val ids = (1..4).map { v.quickCheckIn(((it % 5) + 1).toUByte(), 0).id }
        v.deleteEvent(ids[0])
        val backup = File(dir, "backup.bin").path
        val summary = v.exportBackup(backup, BACKUP_PHRASE, null)
        assertEq(summary.head, v.chainReport().head, "backup head")
        assertThrows<VaultException.WrongSecret>("a wrong passphrase") {
            restoreVault(backup, "not the phrase", path("wrong.db"), setup(), null)
        }
        check(!File(path("wrong.db")).exists()) { "a failed restore left a vault" }
        val restored = restoreVault(backup, BACKUP_PHRASE, path("restored.db"), setup(), null).vault
        assertEq(restored.listEvents(allEvents()).events, v.listEvents(allEvents()).events, "events after restore")
        assertEq(restored.chainReport(), v.chainReport(), "chain after restore")
        v.quickCheckIn(1u, 0)
        assertThrows<VaultException.WouldLoseEntries>("an older backup over newer entries") {
            v.restoreBackup(backup, BACKUP_PHRASE, false, null)
        }
        v.restoreBackup(backup, BACKUP_PHRASE, true, null)
        assertEq(v.chainReport(), restored.chainReport(), "replaced when asked")
    }

    test("ledger: a backup for the Swift tests to restore") {
        val v = create().vault
        val person = v.addPerson(PersonInput("Kai ✓", Relationship.PARENT, ContactMode.NoContact, LocalDate(2025, 1u, 2u), emptyList(), ""))
        v.quickLogAttempt(person.id, Channel.SOCIAL_MEDIA, 3600)
        val urge = v.quickLogUrge(7u, UrgeOutcome.RESISTED, -18000)
        v.quickCheckIn(4u, 0)
        v.deleteEvent(urge.id)
        v.addReflection(NewReflection(null, 0, ReflectionBody(ReflectionKind.Journal(null), "", "written in Kotlin", emptyList(), null)))
        val dir = File(System.getenv("NOCONTACT_INTEROP") ?: fail("NOCONTACT_INTEROP is not set (run through cargo xtask)"))
        dir.mkdirs()
        val backup = File(dir, INTEROP_BACKUP)
        backup.delete()
        v.exportBackup(backup.path, BACKUP_PHRASE, null)
        val lines = listOf("head ${v.chainReport().head}") +
            v.listEvents(allEvents()).events.map { "event ${it.id} ${it.kind.name.lowercase()} ${it.at.toEpochMilli()} ${it.revision}" } +
            v.listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 10u)).reflections.map { "reflection ${it.id} ${it.body.text}" }
        File(dir, "$INTEROP_BACKUP.expected").writeText(lines.joinToString("\n", postfix = "\n"))
    }
}

/** The backup Kotlin leaves in NOCONTACT_INTEROP for the Swift tests, and its passphrase. */
internal const val INTEROP_BACKUP = "kotlin-backup.bin"
internal const val BACKUP_PHRASE = "interop backup passphrase"

private fun allEvents() = EventQuery(emptyList(), null, null, null, 0u, 500u)
