import Foundation
import NoContactKit
import Observation

/// The safety plan: a crisis view one section at a time, starting with the
/// steps; editing; earlier versions; the go-bag checklist ticked in place
/// [`safety_plan`, `save_safety_plan`, `safety_plan_history`].
@MainActor
@Observable
public final class SafetyPlanModel {
    public internal(set) var plan = SafetyPlan(
        warningSigns: [], copingStrategies: [], distractions: [], peopleToAsk: [], professionals: [],
        safeEnvironment: [], reasons: [], ifTheyShowUp: [], safePlaces: [], codeWord: "", goBag: [], documents: [])
    /// The core's order of sections.
    public let sections: [SafetyPlanSection]
    /// The section the crisis view shows.
    public internal(set) var crisisIndex = 0
    public internal(set) var history: [SafetyPlanVersion] = []
    /// The plan being edited; nil when not editing.
    public var draft: SafetyPlan?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
        sections = session.safetyPlanSections
    }

    public var crisisSection: SafetyPlanSection? {
        sections.indices.contains(crisisIndex) ? sections[crisisIndex] : nil
    }

    public func load() async {
        do {
            plan = try await session.safetyPlan()
            history = try await session.safetyPlanHistory()
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func nextSection() {
        crisisIndex = min(crisisIndex + 1, max(sections.count - 1, 0))
    }

    public func previousSection() {
        crisisIndex = max(crisisIndex - 1, 0)
    }

    public func edit() {
        draft = plan
    }

    public func cancelEdit() {
        draft = nil
    }

    /// Saves the draft as a new version.
    public func save() async {
        guard let draft else { return }
        if await store(draft) {
            self.draft = nil
        }
    }

    /// Ticks a go-bag item in place (a new version of the plan).
    public func toggleGoBag(_ index: Int) async {
        guard plan.goBag.indices.contains(index) else { return }
        var changed = plan
        changed.goBag[index].done.toggle()
        _ = await store(changed)
    }

    private func store(_ plan: SafetyPlan) async -> Bool {
        do {
            self.plan = try await session.saveSafetyPlan(plan).plan
            history = try await session.safetyPlanHistory()
            problem = nil
            return true
        } catch {
            problem = NoContactError(error)
            return false
        }
    }
}
