#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// The crisis view, one section at a time in large type: layout over
/// `SafetyPlanModel`. Section titles are keyed by the core's section ids.
public struct SafetyPlanView: View {
    let model: SafetyPlanModel

    public init(model: SafetyPlanModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            VStack(alignment: .leading, spacing: 16) {
                if let section = model.crisisSection {
                    Text(localized("plan_section.\(String(describing: section))"))
                        .font(.largeTitle.bold())
                        .accessibilityAddTraits(.isHeader)
                    ScrollView {
                        VStack(alignment: .leading, spacing: 12) {
                            SafetyPlanSectionItems(model: model, section: section)
                        }
                        .font(.title2)
                    }
                }
                HStack {
                    Button { model.previousSection() } label: { Text("plan.previous", bundle: .module).frame(minHeight: 44) }
                    Spacer()
                    Button { model.nextSection() } label: { Text("plan.next", bundle: .module).frame(minHeight: 44) }
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .padding()
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

/// The items of one section, as the plan holds them.
struct SafetyPlanSectionItems: View {
    let model: SafetyPlanModel
    let section: SafetyPlanSection

    var body: some View {
        let plan = model.plan
        switch section {
        case .warningSigns: lines(plan.warningSigns)
        case .copingStrategies: lines(plan.copingStrategies)
        case .distractions: lines(plan.distractions)
        case .peopleToAsk: contacts(plan.peopleToAsk)
        case .professionals: contacts(plan.professionals)
        case .safeEnvironment: lines(plan.safeEnvironment)
        case .reasons: lines(plan.reasons)
        case .ifTheyShowUp: lines(plan.ifTheyShowUp)
        case .safePlaces: lines(plan.safePlaces)
        case .codeWord: Text(plan.codeWord)
        case .goBag:
            ForEach(Array(plan.goBag.enumerated()), id: \.offset) { index, item in
                Toggle(isOn: Binding(get: { item.done }, set: { _ in Task { await model.toggleGoBag(index) } })) {
                    Text(item.text)
                }
            }
        case .documents:
            ForEach(Array(plan.documents.enumerated()), id: \.offset) { _, item in
                Label(item.text, systemImage: item.done ? "checkmark.circle" : "circle")
            }
        }
    }

    private func lines(_ items: [String]) -> some View {
        ForEach(Array(items.enumerated()), id: \.offset) { _, text in Text(text) }
    }

    private func contacts(_ items: [SupportContact]) -> some View {
        ForEach(Array(items.enumerated()), id: \.offset) { _, contact in
            Text(verbatim: "\(contact.name): \(contact.howToReach)")
        }
    }
}

#Preview("Coping steps, large text") {
    SafetyPlanView(model: SafetyPlanModel.preview(plan: PreviewData.plan, crisisIndex: 1))
        .dynamicTypeSize(.accessibility2)
}

#Preview("Go bag, dark") {
    SafetyPlanView(model: SafetyPlanModel.preview(plan: PreviewData.plan, crisisIndex: 10))
        .preferredColorScheme(.dark)
}
#endif
