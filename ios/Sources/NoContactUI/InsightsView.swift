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
                            BarMark(x: .value("week", dayLabel(week.weekStart)), y: .value("urges", Int(week.count)))
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
                            BarMark(x: .value("week", dayLabel(week.weekStart)), y: .value("attempts", Int(week.count)))
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
                            LineMark(x: .value("week", dayLabel(point.date)), y: .value("mood", point.mood))
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

/// A chart axis label for a core date (ISO order, no locale rules needed).
func dayLabel(_ date: LocalDate) -> String {
    String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
}

#Preview("No data yet") {
    InsightsView(model: InsightsModel.preview(insights: nil))
}
#endif
