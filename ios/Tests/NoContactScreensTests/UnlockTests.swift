import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class UnlockTests: XCTestCase {
    func testAWrongPasscodeThenTheRightOneWithTheAccessLogBanner() async throws {
        let t = try await TemporaryVault.created()
        await t.session.lock()
        let model = UnlockModel(session: t.session)
        await model.refresh()
        XCTAssertEqual(model.status, .ready)

        model.passcode = "wrong passcode"
        await model.submit()
        XCTAssertEqual(model.status, .wrongPasscode)
        XCTAssertEqual(model.passcode, "", "the typed passcode stays on screen")
        var unlocked = await t.session.isUnlocked
        XCTAssertFalse(unlocked)
        XCTAssertNil(model.accessNotice)

        model.passcode = passcode
        await model.submit()
        XCTAssertEqual(model.status, .unlocked)
        unlocked = await t.session.isUnlocked
        XCTAssertTrue(unlocked)
        let notice = try XCTUnwrap(model.accessNotice, "no banner after a failed attempt")
        XCTAssertEqual(notice.failedAttempts, 1)
        let failed = try await t.session.accessLog().filter { $0.kind == .failedUnlock }
        XCTAssertEqual(notice.since, failed.first?.at)

        await model.dismissNotice()
        XCTAssertNil(model.accessNotice)
        let log = try await t.session.accessLog()
        XCTAssertTrue(log.allSatisfy { !$0.new }, "the access log was not acknowledged: \(log)")

        // The next unlock has nothing new to show.
        await t.session.lock()
        let next = UnlockModel(session: t.session)
        next.passcode = passcode
        await next.submit()
        XCTAssertEqual(next.status, .unlocked)
        XCTAssertNil(next.accessNotice)
    }

    func testASecondWindowIsToldTheNotebookIsOpenElsewhereUntilTheFirstLocks() async throws {
        let t = try await TemporaryVault.created()
        // A second session over the same file and device keys: another window,
        // or an app extension.
        let second = VaultSession(
            file: t.directory.appendingPathComponent("notes.db"), deviceKeys: t.keys,
            zone: TimeZone(identifier: "America/New_York")!, kdfIterations: VaultSession.kdfIterationFloor)
        let model = UnlockModel(session: second)
        model.passcode = passcode
        await model.submit()
        XCTAssertEqual(model.status, .failed(.openElsewhere))
        let unlocked = await second.isUnlocked
        XCTAssertFalse(unlocked)
        let firstStillOpen = await t.session.isUnlocked
        XCTAssertTrue(firstStillOpen, "the first window lost its vault")

        await t.session.lock()
        model.passcode = passcode
        await model.submit()
        XCTAssertEqual(model.status, .unlocked)
        await second.lock()
    }

    func testTooManyWrongPasscodesShowTheWaitAndRefuseTheRightOne() async throws {
        let t = try await TemporaryVault.created()
        await t.session.lock()
        let model = UnlockModel(session: t.session)
        for attempt in 1...5 {
            model.passcode = "wrong passcode \(attempt)"
            await model.submit()
        }
        guard case .waiting(let seconds) = model.status else {
            return XCTFail("after five wrong passcodes the status is \(model.status)")
        }
        XCTAssertTrue((1...30).contains(seconds), "wait of \(seconds) s")

        // While waiting the pad takes nothing, not even the right passcode.
        model.passcode = passcode
        await model.submit()
        guard case .waiting = model.status else { return XCTFail("status \(model.status)") }
        var unlocked = await t.session.isUnlocked
        XCTAssertFalse(unlocked)

        // The countdown is the core's figure, re-read.
        await model.refresh()
        guard case .waiting(let later) = model.status else { return XCTFail("status \(model.status)") }
        XCTAssertLessThanOrEqual(later, seconds)
        // Another screen on the same file (a restart) is told to wait too.
        let fresh = UnlockModel(session: t.session)
        fresh.passcode = passcode
        await fresh.submit()
        guard case .waiting = fresh.status else { return XCTFail("fresh status \(fresh.status)") }
        unlocked = await t.session.isUnlocked
        XCTAssertFalse(unlocked)
        let state = try await t.session.lockState()
        XCTAssertEqual(state.failedAttempts, 5, "attempts refused while waiting were counted")
    }

    func testTheDuressPasscodeOpensTheCoverSpaceTheSameWay() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        _ = try await t.session.logAttempt(personId: sam.id, channel: .text)
        try await t.session.setDuressPasscode(duressPasscode)
        await t.session.lock()

        let model = UnlockModel(session: t.session)
        model.passcode = duressPasscode
        await model.submit()
        XCTAssertEqual(model.status, .unlocked, "the cover space opens like the real one")
        XCTAssertNil(model.accessNotice)

        let home = HomeModel(session: t.session)
        await home.load()
        XCTAssertNil(home.problem)
        XCTAssertEqual(home.summary?.streaks.people.count, 0, "the cover space shows a person")
        let events = try await t.allEvents()
        XCTAssertEqual(events, [], "the cover space shows the real log")

        // Back in the real space, the duress unlock is in the access log.
        await t.session.lock()
        let real = UnlockModel(session: t.session)
        real.passcode = passcode
        await real.submit()
        XCTAssertEqual(real.status, .unlocked)
        let kinds = try await t.session.accessLog().map(\.kind)
        XCTAssertTrue(kinds.contains(.duressUnlock), "access log \(kinds)")
        let realEvents = try await t.allEvents()
        XCTAssertEqual(realEvents.count, 1)
    }
}

@MainActor
final class BiometricUnlockScreenTests: XCTestCase {
    func testTurnedOnInSettingsThenUsedAtTheLockScreen() async throws {
        let t = try await TemporaryVault.created()
        await t.session.lock()
        let before = UnlockModel(session: t.session)
        await before.unlockWithBiometrics()
        XCTAssertEqual(before.status, .failed(.notFound), "biometrics opened a vault without the setting")

        try await t.session.unlock(passcode: passcode)
        let settings = SettingsModel(session: t.session, eraseWord: "ERASE")
        await settings.load()
        XCTAssertFalse(settings.biometricUnlock)
        await settings.setBiometricUnlock(true)
        XCTAssertEqual(settings.done, .biometricOn)
        XCTAssertTrue(settings.biometricUnlock)
        let status = try await t.session.status()
        XCTAssertTrue(status.hasDeviceKey, "no device-key slot in the vault")
        await t.session.lock()
        let model = UnlockModel(session: t.session)
        await model.unlockWithBiometrics()
        XCTAssertEqual(model.status, .unlocked)

        await settings.setBiometricUnlock(false)
        XCTAssertEqual(settings.done, .biometricOff)
        let key = await t.keys.key(for: .biometricUnlock)
        XCTAssertNil(key)
    }
}
