import Foundation
import NoContactKit
import XCTest

/// A vault in a fresh temporary directory for one test, removed afterwards;
/// shared by the XCTest targets of the package.
public final class TemporaryVault {
    public let directory: URL
    public let keys = InMemoryDeviceKeyStore()
    public let session: VaultSession

    /// `zone` is the person's time zone (days, streaks, reminders).
    public init(zone: String = "America/New_York") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nocontact-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        session = VaultSession(
            file: directory.appendingPathComponent("notes.db"), deviceKeys: keys,
            zone: TimeZone(identifier: zone)!, kdfIterations: VaultSession.kdfIterationFloor)
    }

    /// A vault already created (bound to the in-memory device key) and open.
    public static func created(zone: String = "America/New_York") async throws -> TemporaryVault {
        let t = try TemporaryVault(zone: zone)
        _ = try await t.session.create(passcode: passcode, bindToDevice: true)
        return t
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A second session on another file in the same directory (a new phone).
    public func otherSession(named name: String, keys: DeviceKeyStore = InMemoryDeviceKeyStore()) -> VaultSession {
        VaultSession(
            file: directory.appendingPathComponent(name), deviceKeys: keys, zone: session.zone,
            kdfIterations: VaultSession.kdfIterationFloor)
    }

    public func allEvents() async throws -> [Event] {
        try await session.events(
            EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)
        ).events
    }

    public func addSam() async throws -> Person {
        try await session.addPerson(
            PersonInput(
                alias: "Sam", relationship: .exPartner, mode: .noContact,
                noContactSince: LocalDate(year: 2025, month: 1, day: 1), blockedOn: [], notes: ""))
    }
}

public let passcode = "correct horse 1"
public let duressPasscode = "grocery list 42"

/// Runs `body`, which must throw `expected`.
public func assertThrows<T>(
    _ expected: NoContactError, _ body: () async throws -> T, file: StaticString = #filePath, line: UInt = #line
) async {
    do {
        _ = try await body()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch let error as NoContactError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(type(of: error)) \(error)", file: file, line: line)
    }
}
