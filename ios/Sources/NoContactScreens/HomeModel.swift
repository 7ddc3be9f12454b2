import Foundation
import NoContactKit
import Observation

/// Home: the streaks (or the days kept before a slip), the next milestone,
/// today's prompt, risky dates ahead, today's reminders, the last check-in,
/// and four quick actions [`summary`, `risky_dates`].
@MainActor
@Observable
public final class HomeModel {
    /// The quick actions; the app navigates on them.
    public enum Action: String, CaseIterable, Sendable {
        case theyReachedOut
        case urge
        case checkIn
        case write
    }

    /// What the core returned for today; nil until loaded.
    public internal(set) var summary: HomeSummary?
    /// Date triggers within the next month, nearest first.
    public internal(set) var riskyDates: [RiskyDate] = []
    public internal(set) var problem: NoContactError?
    public let actions = Action.allCases

    /// How far ahead risky dates are shown.
    public static let riskyHorizonDays: UInt32 = 30

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    public func load() async {
        do {
            summary = try await session.summary()
            riskyDates = try await session.riskyDates(within: Self.riskyHorizonDays)
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}
