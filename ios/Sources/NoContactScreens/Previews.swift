import Foundation
import NoContactKit

/// Models in fixed states, for SwiftUI previews and screenshots: they hold a
/// session on a file that does not exist and is never opened.
@MainActor
enum PreviewSession {
    static let session = VaultSession(
        file: URL(fileURLWithPath: "/nonexistent/preview.db"), deviceKeys: InMemoryDeviceKeyStore())
}

extension FirstRunModel {
    public static func preview(step: Step, problem: Problem? = nil) -> FirstRunModel {
        let model = FirstRunModel(session: PreviewSession.session, groupIndex: 2)
        model.step = step
        model.problem = problem
        if step == .recoveryCode || step == .confirmCode {
            model.recoveryGroups = ["7K2M", "Q9XD", "4HWT", "B3NR", "ZP6E", "1CVA", "8JYF", "S5GU"]
        }
        return model
    }
}

extension UnlockModel {
    public static func preview(status: Status, notice: AccessNotice? = nil) -> UnlockModel {
        let model = UnlockModel(session: PreviewSession.session)
        model.status = status
        model.accessNotice = notice
        return model
    }
}

extension UnlockModel.AccessNotice {
    public static func preview(failedAttempts: Int, since: Date) -> Self {
        Self(failedAttempts: failedAttempts, since: since)
    }
}

extension HomeModel {
    public static func preview(summary: HomeSummary?, riskyDates: [RiskyDate] = []) -> HomeModel {
        let model = HomeModel(session: PreviewSession.session)
        model.summary = summary
        model.riskyDates = riskyDates
        return model
    }
}

extension QuickLogModel {
    public static func preview(kind: Kind, people: [Person] = [], saved: Event? = nil) -> QuickLogModel {
        let model = QuickLogModel(session: PreviewSession.session, kind: kind)
        model.people = people
        model.personId = people.first?.id
        model.saved = saved
        return model
    }
}

extension UrgeModel {
    public static func preview(support: UrgeSupport, doneSteps: Set<Int> = [], waitSecondsLeft: Int? = nil)
        -> UrgeModel
    {
        let model = UrgeModel(session: PreviewSession.session, personId: nil)
        model.support = support
        model.stage = .support
        model.doneSteps = doneSteps
        model.waitSecondsLeft = waitSecondsLeft
        return model
    }
}

extension LogModel {
    public static func preview(events: [Event]) -> LogModel {
        let model = LogModel(session: PreviewSession.session)
        model.events = events
        model.total = UInt64(events.count)
        return model
    }
}

extension EntryModel {
    public static func preview(history: [Event], confirmingDelete: Bool = false) -> EntryModel {
        let model = EntryModel(session: PreviewSession.session, id: history.last?.id ?? "")
        model.history = history
        model.event = history.last
        model.status = history.isEmpty ? .deleted : .shown
        model.confirmingDelete = confirmingDelete
        return model
    }
}

extension EvidenceModel {
    public static func preview(status: Status, people: [Person] = []) -> EvidenceModel {
        let model = EvidenceModel(session: PreviewSession.session, exportsDirectory: URL(fileURLWithPath: "/nonexistent"))
        model.status = status
        model.people = people
        return model
    }
}

extension BackupModel {
    public static func preview(status: Status) -> BackupModel {
        let model = BackupModel(session: PreviewSession.session)
        model.status = status
        return model
    }
}

extension SettingsModel {
    public static func preview(hasDuressPasscode: Bool = false) -> SettingsModel {
        let model = SettingsModel(session: PreviewSession.session, eraseWord: "ERASE")
        model.hasDuressPasscode = hasDuressPasscode
        return model
    }
}

extension SafetyPlanModel {
    public static func preview(plan: SafetyPlan, crisisIndex: Int = 0) -> SafetyPlanModel {
        let model = SafetyPlanModel(session: PreviewSession.session)
        model.plan = plan
        model.crisisIndex = crisisIndex
        return model
    }
}

extension ReflectModel {
    public static func preview(todaysPrompt: Prompt?, reasons: [MyReason] = []) -> ReflectModel {
        let model = ReflectModel(session: PreviewSession.session)
        model.todaysPrompt = todaysPrompt
        model.reasons = reasons
        return model
    }
}

extension InsightsModel {
    public static func preview(insights: Insights?) -> InsightsModel {
        let model = InsightsModel(session: PreviewSession.session)
        model.insights = insights
        return model
    }
}

extension PeopleModel {
    public static func preview(
        people: [Person], streaks: [Streak] = [], boundaries: [Boundary] = [], progress: [BoundaryProgress] = []
    ) -> PeopleModel {
        let model = PeopleModel(session: PreviewSession.session, today: LocalDate(year: 2026, month: 12, day: 2))
        model.people = people
        model.boundaries = boundaries
        model.boundaryProgress = Dictionary(progress.map { ($0.boundaryId, $0) }, uniquingKeysWith: { a, _ in a })
        model.streaks = Dictionary(streaks.compactMap { s in s.personId.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        return model
    }
}

extension RemindersModel {
    public static func preview(settings: ReminderSettings) -> RemindersModel {
        let model = RemindersModel(session: PreviewSession.session)
        model.settings = settings
        return model
    }
}

extension PersonEditorModel {
    public static func preview(person: Person) -> PersonEditorModel {
        let model = PersonEditorModel(session: PreviewSession.session, id: person.id)
        model.show(person)
        return model
    }
}

extension RecoverModel {
    public static func preview(status: Status) -> RecoverModel {
        let model = RecoverModel(session: PreviewSession.session)
        model.status = status
        return model
    }
}

extension RestoreVaultModel {
    public static func preview(step: Step, problem: Problem? = nil) -> RestoreVaultModel {
        let model = RestoreVaultModel(session: PreviewSession.session, groupIndex: 2)
        model.step = step
        model.problem = problem
        if step == .recoveryCode || step == .confirmCode {
            model.recoveryGroups = ["7K2M", "Q9XD", "4HWT", "B3NR", "ZP6E", "1CVA", "8JYF", "S5GU", "K"]
            model.restoredRecords = 214
        }
        return model
    }
}

extension ActivityModel {
    public static func preview(secondsLeft: UInt64?) -> ActivityModel {
        let model = ActivityModel(session: PreviewSession.session)
        model.secondsLeft = secondsLeft
        return model
    }
}

extension EntryFormModel {
    public static func preview(kind: EventKind, people: [Person] = []) -> EntryFormModel {
        let model = EntryFormModel(session: PreviewSession.session, kind: kind, personId: people.first?.id)
        model.people = people
        return model
    }
}
