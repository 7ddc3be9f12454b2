import Foundation
import NoContactKit
import Observation

/// Insights: urges resisted and their weekly bars and trend, the weekday ×
/// hour grid, their attempts per week with the "rising" flag, mood over
/// time, boundaries kept [`insights`]. The view draws the charts and a text
/// summary of each for screen readers.
@MainActor
@Observable
public final class InsightsModel {
    public internal(set) var insights: Insights?
    /// How many weeks back (1–104).
    public var weeks: UInt32 = 12
    /// nil: everyone.
    public var personId: String?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    public func load() async {
        do {
            insights = try await session.insights(weeks: weeks, personId: personId)
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}
