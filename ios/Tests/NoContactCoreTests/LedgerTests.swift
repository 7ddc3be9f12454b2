// The hash-chained ledger through the Swift bindings: the chain report,
// full verification, checkpoints and their codes. Mirrors core/tests/chain.rs
// and LedgerTest.kt; run by main.swift (`cargo xtask swift-test ledger`).
import Foundation

private let checkpointCode = try! NSRegularExpression(
    pattern: "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$")

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
        try check(matches(checkpointCode, report.code), "code <\(report.code)> is not XXXX-XXXX-XXXX-XXXX-C")
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
]
