#if canImport(SwiftUI)
import Charts
import NoContactKit
import NoContactScreens
import SwiftUI

/// Insights: charts over `InsightsModel`'s figures, each with a text summary
/// for VoiceOver. No figure is computed here.
public struct InsightsView: View {
    let model: InsightsModel

    public init(model: InsightsModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            List {
                if let insights = model.insights {
                    Section {
                        Chart(insights.urges.weeks, id: \.weekStart) { week in
                            BarMark(x: .value("week", week.weekStart.description), y: .value("urges", week.count))
                        }
                        .frame(minHeight: 160)
                        .accessibilityLabel(
                            Text(
                                "insights.urges.summary \(Int(insights.urges.total)) \(Int(insights.urges.resistedPercent))",
                                bundle: .module))
                    } header: {
                        Text("insights.urges", bundle: .module)
                    }
                    Section {
                        Chart(insights.attempts.weeks, id: \.weekStart) { week in
                            BarMark(x: .value("week", week.weekStart.description), y: .value("attempts", week.count))
                        }
                        .frame(minHeight: 160)
                        .accessibilityLabel(
                            Text("insights.attempts.summary \(Int(insights.attempts.total))", bundle: .module))
                        if insights.attempts.rising {
                            Text(
                                "insights.attempts.rising \(Int(insights.attempts.last14Days)) \(Int(insights.attempts.mostInEarlier14Days))",
                                bundle: .module)
                        }
                    } header: {
                        Text("insights.attempts", bundle: .module)
                    }
                    Section {
                        Chart(insights.mood.weeks, id: \.date) { point in
                            LineMark(x: .value("week", point.date.description), y: .value("mood", point.mood))
                        }
                        .frame(minHeight: 160)
                        .accessibilityLabel(Text("insights.mood.summary \(insights.mood.weeks.count)", bundle: .module))
                    } header: {
                        Text("insights.mood", bundle: .module)
                    }
                    ForEach(insights.boundaries, id: \.boundaryId) { boundary in
                        Text(verbatim: boundary.statement)
                        Text("insights.boundary.kept \(Int(boundary.daysKept))", bundle: .module)
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

extension LocalDate: CustomStringConvertible {
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

#Preview("No data yet") {
    InsightsView(model: InsightsModel.preview(insights: nil))
}
#endif
