// Runs allTests (VaultTests.swift), domainTests (DomainTests.swift),
// insightsTests (InsightsTests.swift), ledgerTests (LedgerTests.swift),
// protectionTests (ProtectionTests.swift), writersTests (WritersTests.swift), hardeningTests (HardeningTests.swift) and hostileTests (HostileTests.swift), rekeyTests (RekeyTests.swift):
// prints `PASS name` or `FAIL name: reason` for each, then `N passed, M failed`, and exits non-zero if any test failed
// or none ran. Arguments, if given, select tests by substring.
import Foundation

setvbuf(stdout, nil, _IOLBF, 0)

let filters = Array(CommandLine.arguments.dropFirst())
var passed = 0
var failed = 0
for (name, body) in allTests + domainTests + insightsTests + ledgerTests + protectionTests + securityTests + writersTests
    + hardeningTests + hostileTests
    + rekeyTests  // RekeyTests.swift
{
    if !filters.isEmpty && !filters.contains(where: { name.contains($0) }) { continue }
    let started = Date()
    var failure: String?
    do {
        let context = try TestContext()
        defer { context.cleanUp() }
        try body(context)
    } catch let error as TestFailure {
        failure = error.description
    } catch {
        failure = "unexpected error \(type(of: error)): \(error)"
    }
    let ms = Int(Date().timeIntervalSince(started) * 1000)
    if let failure {
        failed += 1
        print("FAIL \(name): \(failure)")
    } else {
        passed += 1
        print("PASS \(name) (\(ms)ms)")
    }
}
print("\(passed) passed, \(failed) failed")
exit(failed > 0 || passed == 0 ? 1 : 0)
