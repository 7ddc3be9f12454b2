import Foundation
import NoContactKit
import Observation

/// The idle timer over every open screen: a touch resets it [`touch`]; the
/// seconds left are the core's [`idle_seconds_left`]; when the core has
/// locked itself (the timeout passed) the model says so and the app shows
/// the lock screen. No arithmetic here: the core keeps the clock.
@MainActor
@Observable
public final class ActivityModel {
    /// Seconds until the vault locks itself; nil when the timeout is off.
    public internal(set) var secondsLeft: UInt64?
    /// The vault is locked (timed out, or locked elsewhere): leave the screens.
    public internal(set) var locked = false

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    /// Any touch of the screen.
    public func touch() async {
        await session.touch()
        await refresh()
    }

    /// Re-reads the core's figures.
    public func refresh() async {
        let unlocked = await session.isUnlocked
        secondsLeft = unlocked ? await session.idleSecondsLeft : nil
        locked = !unlocked
    }

    /// Re-reads every second until the vault is locked (the view's `.task`).
    public func run(every interval: Duration = .seconds(1)) async {
        await refresh()
        while !locked, !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await refresh()
        }
    }
}
