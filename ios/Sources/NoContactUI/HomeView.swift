#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Home: layout over `HomeModel`. The numbers are the core's; a slip shows
/// the days kept before it, never a bare zero.
public struct HomeView: View {
    let model: HomeModel
    let perform: (HomeModel.Action) -> Void

    public init(model: HomeModel, perform: @escaping (HomeModel.Action) -> Void) {
        self.model = model
        self.perform = perform
    }

    public var body: some View {
        NavigationStack {
            List {
                if let summary = model.summary {
                    ForEach(summary.streaks.people, id: \.personId) { streak in
                        StreakSection(streak: streak)
                    }
                    if let milestone = summary.nextMilestone {
                        Section {
                            ProgressView(value: Double(milestone.days - milestone.daysLeft), total: Double(milestone.days)) {
                                Text("home.milestone \(Int(milestone.days)) \(Int(milestone.daysLeft))", bundle: .module)
                            }
                        }
                    }
                    if let prompt = summary.promptOfTheDay {
                        Section {
                            PromptText(prompt: prompt)
                        } header: {
                            Text("home.prompt_of_the_day", bundle: .module)
                        }
                    }
                    if let check = summary.lastCheckIn {
                        Text("home.last_check_in \(check.at.formatted(.relative(presentation: .named)))", bundle: .module)
                    }
                    ForEach(summary.remindersToday, id: \.at) { reminder in
                        Text(reminder.title)
                    }
                }
                ForEach(model.riskyDates, id: \.triggerId) { date in
                    Text("home.risky_date \(Int(date.daysAway)) \(date.name)", bundle: .module)
                }
                if let problem = model.problem {
                    problemText(problem)
                }
                Section {
                    ForEach(model.actions, id: \.self) { action in
                        Button {
                            perform(action)
                        } label: {
                            Text(localized("home.action.\(action.rawValue)"))
                                .frame(maxWidth: .infinity, minHeight: 44)
                        }
                    }
                }
            }
            .task { await model.load() }
            .refreshable { await model.load() }
            .quickExitToolbar()
        }
    }
}

struct StreakSection: View {
    let streak: Streak

    var body: some View {
        Section {
            if let before = streak.previousDays, streak.currentDays == 0 {
                Text("home.streak.kept_before_slip \(Int(before))", bundle: .module).font(.title)
            } else {
                Text("home.streak.current \(Int(streak.currentDays))", bundle: .module).font(.largeTitle)
            }
            Text("home.streak.longest \(Int(streak.longestDays))", bundle: .module)
            Text("home.streak.total \(Int(streak.totalDaysKept))", bundle: .module)
        } header: {
            Text(streak.alias ?? "")
        }
        .accessibilityElement(children: .combine)
    }
}

/// A prompt: built-in ones are translated by their stable id (`prompt.<id>`,
/// the core's English text where no translation exists); the person's own
/// are shown as written.
struct PromptText: View {
    let prompt: Prompt

    var body: some View {
        if prompt.builtin {
            Text(Bundle.module.localizedString(forKey: "prompt.\(prompt.id)", value: prompt.text, table: nil))
        } else {
            Text(prompt.text)
        }
    }
}

#Preview("Streak") {
    HomeView(model: HomeModel.preview(summary: PreviewData.summary()), perform: { _ in })
}

#Preview("After a slip, dark, large text") {
    HomeView(model: HomeModel.preview(summary: PreviewData.summary(current: 0, previous: 41)), perform: { _ in })
        .preferredColorScheme(.dark)
        .dynamicTypeSize(.accessibility2)
}
#endif
