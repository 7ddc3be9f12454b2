#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Reminders: layout over `RemindersModel`. The notifications' words are
/// the core's (neutral by default, so nothing shows on the lock screen).
public struct RemindersView: View {
    @Bindable var model: RemindersModel

    public init(model: RemindersModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                if let settings = model.settings {
                    Picker(selection: Binding(get: { settings.discretion }, set: { model.settings?.discretion = $0 })) {
                        Text("reminders.discretion.neutral", bundle: .module).tag(Discretion.neutral)
                        Text("reminders.discretion.plain", bundle: .module).tag(Discretion.plain)
                    } label: {
                        Text("reminders.discretion", bundle: .module)
                    }
                    Toggle(isOn: Binding(
                        get: { settings.dailyCheckIn != nil },
                        set: { model.settings?.dailyCheckIn = $0 ? TimeOfDay(hour: 20, minute: 0) : nil })
                    ) {
                        Text("reminders.daily_check_in", bundle: .module)
                    }
                    if let time = settings.dailyCheckIn {
                        Stepper(value: Binding(get: { time.hour }, set: { model.settings?.dailyCheckIn?.hour = $0 }), in: 0...23) {
                            Text("reminders.hour \(Int(time.hour))", bundle: .module)
                        }
                    }
                    Toggle(isOn: Binding(get: { settings.milestones }, set: { model.settings?.milestones = $0 })) {
                        Text("reminders.milestones", bundle: .module)
                    }
                    Button { Task { await model.save() } } label: { Text("common.save", bundle: .module) }
                }
                ForEach(model.upcoming, id: \.at) { reminder in
                    VStack(alignment: .leading) {
                        Text(reminder.title)
                        Text(reminder.at.formatted(date: .abbreviated, time: .shortened)).font(.footnote)
                    }
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

#Preview("Reminders") {
    RemindersView(model: RemindersModel.preview(settings: ReminderSettings(
        discretion: .neutral, dailyCheckIn: TimeOfDay(hour: 20, minute: 0), eveningReview: nil, milestones: true,
        riskyDateHeadsUpDays: 3, boundaryReviews: true, noticeTime: TimeOfDay(hour: 9, minute: 0))))
}
#endif
