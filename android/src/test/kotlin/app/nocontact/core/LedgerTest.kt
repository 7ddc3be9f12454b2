// The hash-chained ledger through the Kotlin bindings: the chain report,
// full verification, checkpoints and their codes. Mirrors core/tests/chain.rs;
// run by the harness in VaultTest.kt (`cargo xtask kotlin-test ledger`).
package app.nocontact.core

private val CHECKPOINT_CODE = Regex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$")

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
        check(CHECKPOINT_CODE.matches(report.code)) { "code <${report.code}> is not XXXX-XXXX-XXXX-XXXX-C" }
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
}
