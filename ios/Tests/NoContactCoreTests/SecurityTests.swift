// What a copy of the file and the cover space reveal, through the Swift
// bindings: every key slot has the shape of a used one, the duress passcode
// is hardened like the passcode and never equal to it, and the cover space
// answers like a vault without one. Mirrors SecurityTest.kt; run by
// main.swift (`cargo xtask swift-test Security`).
import Foundation

private let duress = "grocery list 42"
private let key = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 * 5 + 1) })

private let headerPrefix = 1 + 4 + 32 + 32
private let slotLen = 93
private let slots = 8

/// Every copy of the header in the file and its WAL (found by its version
/// and KDF count).
private func headers(_ path: String) -> [[UInt8]] {
    var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    bytes += [UInt8](FileManager.default.contents(atPath: path + "-wal") ?? Data())
    let f = floor
    let marker: [UInt8] = [2, UInt8(f & 0xff), UInt8((f >> 8) & 0xff), UInt8((f >> 16) & 0xff), UInt8(f >> 24)]
    let len = headerPrefix + slots * slotLen
    guard bytes.count >= len else { return [] }
    return (0...(bytes.count - len))
        .filter { at in marker.indices.allSatisfy { bytes[at + $0] == marker[$0] } }
        .map { Array(bytes[$0..<($0 + len)]) }
}

private func typed(_ needsKey: Bool, _ passcode: String) -> Secret {
    needsKey ? .passcodeAndDeviceKey(passcode: passcode, key: key) : .passcode(passcode: passcode)
}

private extension Vault {
    /// Sets the duress passcode, with the device key when one is given.
    func setDuress(_ passcode: String, _ key: Data?) throws {
        if let key {
            try setDuressPasscodeWithDeviceKey(passcode: passcode, deviceKey: key)
        } else {
            try setDuressPasscode(passcode: passcode)
        }
    }

    func kinds() throws -> [AccessKind] {
        try accessLog().map(\.kind).reversed()
    }

    /// The duress calls, in order, and what each answered.
    func duressAnswers(_ own: String) -> [String] {
        func answer(_ body: () throws -> Any) -> String {
            do {
                return "ok \(try body())"
            } catch {
                return "\(error)"
            }
        }
        return [
            answer { try self.hasDuressPasscode() },
            answer { try self.removeDuressPasscode() },
            answer { try self.hasDuressPasscode() },
            answer { try self.setDuressPasscode(passcode: own) },
            answer { try self.setDuressPasscode(passcode: "another one 7") },
            answer { try self.hasDuressPasscode() },
            answer { try self.changePasscode(newPasscode: "another one 7", deviceKey: nil) },
            answer { try self.setDuressPasscode(passcode: "third one 99") },
            answer { try self.hasDuressPasscode() },
        ]
    }
}

let securityTests: [(String, (TestContext) throws -> Void)] = [
    ("Security: every key slot has the shape of a used one, with or without a cover", { t in
        let cases: [(VaultSetup, Bool)] = [
            (makeSetup(), false),
            (makeSetup(deviceKey: key), false),
            (makeSetup(), true),
            (makeSetup(deviceKey: key, passcodeNeedsDeviceKey: true), true),
        ]
        for (i, (setup, cover)) in cases.enumerated() {
            let path = t.path("shape\(i).nocontact")
            let v = try createVault(path: path, setup: setup).vault
            if cover {
                try v.setDuress(duress, setup.passcodeNeedsDeviceKey ? key : nil)
            }
            v.lock()
            let found = headers(path)
            try check(!found.isEmpty, "case \(i): no header found in the file")
            for h in found {
                for slot in 0..<slots {
                    try assertEq(h[headerPrefix + slot * slotLen + 32], 1, "case \(i): byte 32 of slot \(slot)")
                }
            }
        }
    }),

    ("Security: the duress passcode needs the device key when the passcode does", { t in
        let v = try t.create(makeSetup(deviceKey: key, passcodeNeedsDeviceKey: true)).vault
        try assertInvalid("device_key", "a duress passcode without the device key") {
            try v.setDuressPasscode(passcode: duress)
        }
        try v.setDuressPasscodeWithDeviceKey(passcode: duress, deviceKey: key)
        v.lock()
        try assertThrows(.WrongSecret, "the duress passcode alone") {
            try v.unlock(secret: .passcode(passcode: duress))
        }
        try v.unlock(secret: typed(true, duress))
        try assertEq(try v.hasDuressPasscode(), false, "hasDuressPasscode in the cover")
        try assertEq(try v.status().passcodeNeedsDeviceKey, true, "the cover's passcodeNeedsDeviceKey")
    }),

    ("Security: the duress passcode is never the passcode, in every combination of secrets", { t in
        let setups: [(String, VaultSetup)] = [
            ("passcode only", makeSetup()),
            ("with a device-key slot", makeSetup(deviceKey: key)),
            ("passcode needs the device key", makeSetup(deviceKey: key, passcodeNeedsDeviceKey: true)),
        ]
        for (name, setup) in setups {
            let v = try createVault(path: t.path("\(name).nocontact"), setup: setup).vault
            for k in [nil, key] {
                do {
                    try v.setDuress(passcode, k)
                    throw fail("\(name): the passcode was accepted as duress (key \(k != nil))")
                } catch VaultError.InvalidInput {
                }
            }
            try assertEq(try v.hasDuressPasscode(), false, "\(name): hasDuressPasscode after refusals")
            try v.setDuress(duress, setup.passcodeNeedsDeviceKey ? key : nil)
            for k in [nil, key] {
                try assertInvalid("passcode", "\(name): the duress passcode as passcode (key \(k != nil))") {
                    try v.changePasscode(newPasscode: duress, deviceKey: k)
                }
            }
        }
    }),

    ("Security: the cover shows the failed attempts made before it was opened", { t in
        let v = try t.create().vault
        try v.setDuressPasscode(passcode: duress)
        v.lock()
        try assertThrows(.WrongSecret, "a wrong passcode") { try v.unlock(secret: .passcode(passcode: "not it 000")) }
        try v.logWhileLocked(entry: .checkIn(mood: 2), utcOffsetSeconds: 0)
        try v.unlock(secret: .passcode(passcode: duress))
        try assertEq(try v.kinds(), [.failedUnlock, .unlock], "the cover's access log")
        let none = EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 10)
        try assertEq(try v.listEvents(query: none).total, 0, "events in the cover")
        v.lock()
        try v.unlock(secret: .passcode(passcode: passcode))
        try check(try v.kinds().contains(.failedUnlock), "no failed unlock in the real log")
        try check(try v.kinds().contains(.lockedEntry), "no locked entry in the real log")
    }),

    ("Security: the duress calls answer inside a cover as in a vault without one", { t in
        let plain = try createVault(path: t.path("plain.nocontact"), setup: makeSetup()).vault
        let without = plain.duressAnswers(passcode)
        let v = try t.create().vault
        try v.setDuressPasscode(passcode: duress)
        v.lock()
        try v.unlock(secret: .passcode(passcode: duress))
        try assertEq(v.duressAnswers(duress), without, "answers inside the cover")
        v.lock()
        try v.unlock(secret: .passcode(passcode: "third one 99"))
        try assertEq(try v.hasDuressPasscode(), true, "the cover's own duress passcode opens the cover")
    }),
]
