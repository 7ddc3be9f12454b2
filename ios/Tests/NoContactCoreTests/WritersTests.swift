// One writer at a time, through the Swift bindings: two Vault objects on one
// file (the app and an app extension, or a second scene). The second unlock
// gets VaultError.OpenElsewhere, the first keeps working, logging while
// locked works from the second, and after lock() the second can unlock.
// Mirrors WritersTest.kt; run by main.swift (`cargo xtask swift-test writers`).
import Foundation

private func everything() -> EventQuery {
    EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)
}

let writersTests: [(String, (TestContext) throws -> Void)] = [
    ("writers: a second Vault object cannot unlock while the first holds the file", { t in
        let first = try t.create().vault
        let saved = try first.quickCheckIn(mood: 3, utcOffsetSeconds: 0)

        let second = try Vault.open(path: t.path())
        try assertThrows(.OpenElsewhere, "unlock while another object has it open") {
            try second.unlock(secret: .passcode(passcode: passcode))
        }
        try assertThrows(.OpenElsewhere, "a wrong passcode is not even tried") {
            try second.unlock(secret: .passcode(passcode: "wrong passcode"))
        }
        try assertEq(try second.lockState().failedAttempts, 0, "failed attempts counted while refused")
        try check(!second.isUnlocked(), "the refused object is unlocked")
        // The widget's path still works from the second object.
        try second.logWhileLocked(entry: .checkIn(mood: 2), utcOffsetSeconds: 0)

        // The first keeps working.
        let more = try first.quickCheckIn(mood: 4, utcOffsetSeconds: 3600)
        try assertEq(
            try first.listEvents(query: everything()).events.map { $0.id }, [more.id, saved.id],
            "the first object's events")

        first.lock()
        try second.unlock(secret: .passcode(passcode: passcode))
        let events = try second.listEvents(query: everything()).events
        try assertEq(events.count, 3, "events seen by the second object")
        try assertEq(events.filter { $0.loggedWhileLocked }.count, 1, "entries logged while locked")
        try check(try second.chainReport().intact, "the chain is not intact")
        try assertThrows(.OpenElsewhere, "the first object, now that the second has it") {
            try first.unlock(secret: .passcode(passcode: passcode))
        }
        second.lock()
        try first.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try first.listEvents(query: everything()).events.count, 3, "events after the hold came back")
    }),

    ("writers: releasing the holder releases the file", { t in
        var first: Vault? = try t.create().vault
        _ = try first?.quickCheckIn(mood: 3, utcOffsetSeconds: 0)
        let second = try Vault.open(path: t.path())
        try assertThrows(.OpenElsewhere, "unlock while held") {
            try second.unlock(secret: .passcode(passcode: passcode))
        }
        first = nil
        try check(first == nil, "the first object is still referenced")
        try second.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try second.listEvents(query: everything()).events.count, 1, "events after the holder was released")
    }),
    ("writers: a locked Vault object cannot erase the file from under the one that holds it", { t in
        let holder = try t.create().vault
        let saved = try holder.quickCheckIn(mood: 3, utcOffsetSeconds: 0)
        let other = try Vault.open(path: t.path())
        try assertThrows(.OpenElsewhere, "erase while another object holds the file") { try other.erase() }
        let after = try holder.quickCheckIn(mood: 4, utcOffsetSeconds: 0)
        try assertEq(
            Set(try holder.listEvents(query: everything()).events.map(\.id)), Set([saved.id, after.id]),
            "entries after the refused erase")
        holder.lock()
        try other.erase()
        try assertThrows(.Erased, "lockState after erase") { try other.lockState() }
        try check(!FileManager.default.fileExists(atPath: t.path()), "the vault file is still there")
    }),
]
