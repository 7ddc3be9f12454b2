import Foundation
import NoContactKit
import XCTest

/// A temporary vault for one test, removed afterwards.
final class TemporaryVault {
    let directory: URL
    let keys = InMemoryDeviceKeyStore()
    let session: VaultSession

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nocontact-screens-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        session = VaultSession(
            file: directory.appendingPathComponent("notes.db"), deviceKeys: keys,
            zone: TimeZone(identifier: "America/New_York")!, kdfIterations: VaultSession.kdfIterationFloor)
    }

    /// A vault already created (bound to the in-memory device key) and open.
    static func created() async throws -> TemporaryVault {
        let t = try TemporaryVault()
        _ = try await t.session.create(passcode: passcode, bindToDevice: true)
        return t
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func allEvents() async throws -> [Event] {
        try await session.events(
            EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)
        ).events
    }

    func addSam() async throws -> Person {
        try await session.addPerson(
            PersonInput(
                alias: "Sam", relationship: .exPartner, mode: .noContact,
                noContactSince: LocalDate(year: 2025, month: 1, day: 1), blockedOn: [], notes: ""))
    }
}

let passcode = "correct horse 1"
let duressPasscode = "grocery list 42"
