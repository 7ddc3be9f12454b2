// The hash-chained ledger through the Swift bindings: the chain report,
// full verification, checkpoints and their codes, evidence exports checked
// by the offline verifier, encrypted backups, and the backup the Kotlin tests
// wrote (LedgerTest.kt) restored here. Mirrors core/tests/{chain,evidence,backup}.rs;
// run by main.swift (`cargo xtask swift-test ledger`).
import Foundation

private let checkpointCode = try! NSRegularExpression(
    pattern: "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}-[0-9A-HJKMNP-TV-Z]$")

private func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
}

let ledgerTests: [(String, (TestContext) throws -> Void)] = [
    ("ledger: the chain grows with every log, amendment and deletion and stays intact", { ctx in
        let v = try ctx.create().vault
        let empty = try v.chainReport()
        try assertEq(empty.records, 0, "records of a new vault")
        try assertEq(empty.intact, true, "a new vault's chain is intact")
        try assertEq(empty.head, String(repeating: "0", count: 64), "head of an empty chain")
        var ids: [String] = []
        for i in 1...6 {
            ids.append(try v.quickCheckIn(mood: UInt8(i % 5 + 1), utcOffsetSeconds: 3600).id)
        }
        let amended = CheckIn(mood: 2, energy: nil, note: "amended ✓", tags: [])
        _ = try v.amendEvent(
            id: ids[1], event: NewEvent(at: nil, utcOffsetSeconds: 0, body: .checkIn(checkIn: amended)))
        try v.deleteEvent(id: ids[2])
        let report = try v.chainReport()
        try assertEq(report.records, 8, "six logs, one amendment, one redaction")
        try assertEq(report.intact, true, "intact after changes: \(report.issues)")
        try assertEq(report.issues, [], "issues")
        try check(report.head.count == 64 && report.head.allSatisfy(\.isHexDigit), "head <\(report.head)> is not 64 hex digits")
        try check(matches(checkpointCode, report.code), "code <\(report.code)> is not XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C")
        try assertEq(try v.verifyChain(), report, "verifyChain() reads the file and agrees")
        v.lock()
        try assertThrows(.Locked, "chainReport while locked") { try v.chainReport() }
        try v.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try v.chainReport(), report, "the same chain after unlocking again")
    }),
    ("ledger: checkpoints commit to the head, are kept, and their codes read back as typed", { ctx in
        let v = try ctx.create().vault
        for _ in 0..<3 { _ = try v.quickCheckIn(mood: 3, utcOffsetSeconds: 0) }
        let first = try v.makeCheckpoint()
        let report = try v.chainReport()
        try assertEq(first.records, 3, "checkpoint records")
        try assertEq(first.head, report.head, "checkpoint head")
        try assertEq(first.code, report.code, "checkpoint code")
        _ = try v.quickCheckIn(mood: 4, utcOffsetSeconds: 0)
        let second = try v.makeCheckpoint()
        try check(second.code != first.code, "two heads gave one code")
        try assertEq(try v.checkpoints(), [first, second], "checkpoints, oldest first")
        let typed = first.code.lowercased().replacingOccurrences(of: "-", with: " ")
        try assertEq(try normalizeCheckpointCode(code: typed), first.code, "code typed in lower case with spaces")
        let typo = String(first.code.dropLast()) + (first.code.hasSuffix("0") ? "1" : "0")
        try assertInvalid("code", "a code with a wrong check character") { try normalizeCheckpointCode(code: typo) }
        try assertInvalid("code", "an empty code") { try normalizeCheckpointCode(code: "") }
    }),
    ("ledger: an evidence export verifies offline, and a changed character is named", { ctx in
        let v = try ctx.create().vault
        let person = try v.addPerson(input: PersonInput(
            alias: "Sam", relationship: .exPartner, mode: .noContact,
            noContactSince: LocalDate(year: 2025, month: 5, day: 1), blockedOn: [], notes: ""))
        _ = try v.quickLogAttempt(personId: person.id, channel: .text, utcOffsetSeconds: 0)
        _ = try v.quickLogAttempt(personId: person.id, channel: .call, utcOffsetSeconds: 0)
        _ = try v.quickCheckIn(mood: 2, utcOffsetSeconds: 0)
        let earlier = try v.makeCheckpoint()
        _ = try v.quickLogAttempt(personId: person.id, channel: .email, utcOffsetSeconds: 0)
        let folder = ctx.path("export")
        let listener = CountingListener(stopAt: nil)
        let summary = try v.exportEvidence(
            options: EvidenceOptions(
                personId: person.id, kinds: [], includeReflections: false, from: nil, until: nil,
                zone: "Europe/Paris"),
            folder: folder, progress: listener)
        try assertEq(summary.entries, 3, "entries in full")
        try assertEq(summary.records, 4, "records in the chain")
        try check(listener.calls >= 2, "progress was reported \(listener.calls) times")
        let verdict = try verifyEvidence(path: folder, checkpointCode: earlier.code)
        try check(verdict.valid, "the export does not verify: \(verdict.problems)")
        try assertEq(verdict.checkpointCount, 3, "the earlier checkpoint matches at its count")
        try assertEq(verdict.omitted, 1, "the check-in is a digest only")
        let report = URL(fileURLWithPath: folder).appendingPathComponent("report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        guard let range = html.range(of: "Sam") else { throw fail("the alias is not in the report") }
        try html.replacingCharacters(in: range, with: "Pam").write(to: report, atomically: true, encoding: .utf8)
        let tampered = try verifyEvidence(path: folder, checkpointCode: nil)
        try check(!tampered.valid, "a changed report still verifies")
        try check(tampered.problems.contains { $0.file == "report.html" }, "report.html is not named: \(tampered.problems)")
        let anyone = EvidenceOptions(personId: nil, kinds: [], includeReflections: false, from: nil, until: nil, zone: "UTC")
        try assertThrows(.AlreadyExists, "exporting into the same folder") {
            try v.exportEvidence(options: anyone, folder: folder, progress: nil)
        }
        let cancelled = ctx.path("cancelled")
        try assertThrows(.Cancelled, "a listener that says stop") {
            try v.exportEvidence(options: anyone, folder: cancelled, progress: CountingListener(stopAt: 0))
        }
        try check(!FileManager.default.fileExists(atPath: cancelled), "a cancelled export left a folder")
        let csv = try v.exportCsv(query: CsvQuery(kinds: [], personId: nil, from: nil, until: nil))
        let rows = csv.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        try check(rows[0].hasPrefix("date,time,utc_offset,"), "CSV header <\(rows[0])>")
        try assertEq(rows.count, 5, "CSV rows: a header and four events")
        try check(rows.dropFirst().allSatisfy { $0.contains("Sam") || $0.contains("check") }, "CSV rows name the person: \(rows)")
    }),
    ("ledger: a backup restores into a new vault with the same events and chain head", { ctx in
        let v = try ctx.create().vault
        var ids: [String] = []
        for i in 1...4 { ids.append(try v.quickCheckIn(mood: UInt8(i % 5 + 1), utcOffsetSeconds: 0).id) }
        try v.deleteEvent(id: ids[0])
        let backup = ctx.path("backup.bin")
        let summary = try v.exportBackup(path: backup, passphrase: backupPhrase, progress: nil)
        try assertEq(summary.head, try v.chainReport().head, "backup head")
        try assertThrows(.WrongSecret, "a wrong passphrase") {
            try restoreVault(
                backupPath: backup, passphrase: "not the phrase", vaultPath: ctx.path("wrong.db"),
                setup: makeSetup(), progress: nil)
        }
        try check(!FileManager.default.fileExists(atPath: ctx.path("wrong.db")), "a failed restore left a vault")
        let restored = try restoreVault(
            backupPath: backup, passphrase: backupPhrase, vaultPath: ctx.path("restored.db"),
            setup: makeSetup(), progress: nil
        ).vault
        try assertEq(try restored.listEvents(query: allEvents()).events, try v.listEvents(query: allEvents()).events, "events after restore")
        try assertEq(try restored.chainReport(), try v.chainReport(), "chain after restore")
        _ = try v.quickCheckIn(mood: 1, utcOffsetSeconds: 0)
        try assertThrows(.WouldLoseEntries, "an older backup over newer entries") {
            try v.restoreBackup(path: backup, passphrase: backupPhrase, replaceNewer: false, progress: nil)
        }
        _ = try v.restoreBackup(path: backup, passphrase: backupPhrase, replaceNewer: true, progress: nil)
        try assertEq(try v.chainReport(), try restored.chainReport(), "replaced when asked")
    }),
    ("ledger: the backup written by the Kotlin tests restores here with the same events and chain head", { ctx in
        guard let dir = ProcessInfo.processInfo.environment["NOCONTACT_INTEROP"] else {
            throw fail("NOCONTACT_INTEROP is not set (run through cargo xtask)")
        }
        let backup = URL(fileURLWithPath: dir).appendingPathComponent("kotlin-backup.bin")
        let expectedFile = URL(fileURLWithPath: dir).appendingPathComponent("kotlin-backup.bin.expected")
        guard FileManager.default.fileExists(atPath: backup.path),
            let expected = try? String(contentsOf: expectedFile, encoding: .utf8)
        else {
            throw fail("the Kotlin tests' backup is missing: `cargo xtask test` runs them first")
        }
        let v = try restoreVault(
            backupPath: backup.path, passphrase: backupPhrase, vaultPath: ctx.path("from-kotlin.db"),
            setup: makeSetup(), progress: nil
        ).vault
        let report = try v.chainReport()
        try check(report.intact, "the restored chain has issues: \(report.issues)")
        var lines = ["head \(report.head)"]
        for e in try v.listEvents(query: allEvents()).events {
            let ms = Int64((e.at.timeIntervalSince1970 * 1000).rounded())
            lines.append("event \(e.id) \(kindName(e.kind)) \(ms) \(e.revision)")
        }
        for r in try v.listReflections(query: ReflectionQuery(
            filter: .all, personId: nil, from: nil, until: nil, offset: 0, limit: 10)).reflections {
            lines.append("reflection \(r.id) \(r.body.text)")
        }
        try assertEq(lines.joined(separator: "\n") + "\n", expected, "what Swift restored against what Kotlin backed up")
    }),
]

let backupPhrase = "interop backup passphrase"

private func allEvents() -> EventQuery {
    EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)
}

/// The Kotlin enum's name in lower case, as LedgerTest.kt writes it.
private func kindName(_ kind: EventKind) -> String {
    switch kind {
    case .urge: return "urge"
    case .myContact: return "my_contact"
    case .theirAttempt: return "their_attempt"
    case .checkIn: return "check_in"
    }
}

/// Counts progress reports; says stop once `done` reaches `stopAt`.
final class CountingListener: ProgressListener, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private let stopAt: UInt64?

    init(stopAt: UInt64?) { self.stopAt = stopAt }

    var calls: Int { lock.lock(); defer { lock.unlock() }; return count }

    func onProgress(done: UInt64, total: UInt64) -> Bool {
        lock.lock()
        count += 1
        lock.unlock()
        return stopAt.map { done < $0 } ?? true
    }
}
