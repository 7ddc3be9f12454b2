#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Getting through an urge: layout over `UrgeModel`. Tapping a person opens
/// the phone's own dialer or messages (`openURL`); the app sends nothing.
public struct UrgeView: View {
    @Bindable var model: UrgeModel
    @Environment(\.openURL) private var openURL

    public init(model: UrgeModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            List {
                if let support = model.support, model.stage == .support {
                    Section {
                        ForEach(support.reasons, id: \.id) { Text($0.text) }
                        ForEach(support.planReasons, id: \.self) { Text($0) }
                    } header: {
                        Text("urge.my_reasons", bundle: .module)
                    }
                    Section {
                        ForEach(Array(support.copingSteps.enumerated()), id: \.offset) { index, step in
                            Toggle(isOn: Binding(get: { model.doneSteps.contains(index) }, set: { _ in model.toggleStep(index) })) {
                                Text(step)
                            }
                        }
                    } header: {
                        Text("urge.coping_steps", bundle: .module)
                    }
                    Section {
                        ForEach(support.peopleToReach + support.professionals, id: \.name) { contact in
                            Button {
                                if let url = URL(string: "tel:\(contact.howToReach.filter { !$0.isWhitespace })") {
                                    openURL(url)
                                }
                            } label: {
                                Text(verbatim: "\(contact.name): \(contact.howToReach)")
                            }
                        }
                    } header: {
                        Text("urge.people", bundle: .module)
                    }
                    Section {
                        if let left = model.waitSecondsLeft {
                            Text(Duration.seconds(left).formatted(.time(pattern: .minuteSecond)))
                                .font(.largeTitle.monospacedDigit())
                                .accessibilityAddTraits(.updatesFrequently)
                                .task(id: left) {
                                    try? await Task.sleep(for: .seconds(1))
                                    model.tick()
                                }
                            Button { model.stopWait() } label: { Text("urge.wait.stop", bundle: .module) }
                        } else {
                            Button { model.startWait() } label: {
                                Text("urge.wait.start \(Int(support.suggestedWaitMinutes))", bundle: .module)
                            }
                        }
                    }
                    Section {
                        TextField(text: $model.letter, axis: .vertical) { Text("urge.letter.field", bundle: .module) }
                            .lineLimit(4...)
                        Button { Task { await model.keepLetter() } } label: { Text("urge.letter.keep", bundle: .module) }
                        if model.savedLetter != nil {
                            Text("urge.letter.kept", bundle: .module).font(.footnote)
                        }
                    } header: {
                        Text("urge.letter.title", bundle: .module)
                    } footer: {
                        Text("urge.letter.never_sent", bundle: .module)
                    }
                    Section {
                        Stepper(value: $model.intensity, in: 0...10) {
                            Text("quick_log.intensity \(Int(model.intensity))", bundle: .module)
                        }
                        Button { Task { await model.finish(.resisted) } } label: { Text("urge.outcome.resisted", bundle: .module) }
                        Button { Task { await model.finish(.delayed) } } label: { Text("urge.outcome.delayed", bundle: .module) }
                        Picker(selection: $model.reachedOutVia) {
                            Text("urge.reached_out_via.none", bundle: .module).tag(Channel?.none)
                            ForEach(Channel.allCasesForPicker, id: \.self) { channel in
                                Text(localized("channel.\(String(describing: channel))")).tag(Optional(channel))
                            }
                        } label: {
                            Text("urge.reached_out_via", bundle: .module)
                        }
                        Button { Task { await model.finish(.reachedOut) } } label: { Text("urge.outcome.reached_out", bundle: .module) }
                    }
                } else if model.stage == .ended {
                    Text("urge.ended", bundle: .module).font(.title2)
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .task { await model.start() }
            .quickExitToolbar()
        }
    }
}

#Preview("Support") {
    UrgeView(model: UrgeModel.preview(support: PreviewData.support, doneSteps: [0]))
}

#Preview("Waiting, large text") {
    UrgeView(model: UrgeModel.preview(support: PreviewData.support, waitSecondsLeft: 754))
        .dynamicTypeSize(.accessibility2)
}
#endif
