#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Quick log: layout over `QuickLogModel`; "Saved" and nothing more once written.
public struct QuickLogView: View {
    @Bindable var model: QuickLogModel
    let startUrgeFlow: () -> Void

    public init(model: QuickLogModel, startUrgeFlow: @escaping () -> Void = {}) {
        self.model = model
        self.startUrgeFlow = startUrgeFlow
    }

    public var body: some View {
        NavigationStack {
            Form {
                if model.saved != nil {
                    Text("quick_log.saved", bundle: .module).font(.title2)
                } else {
                    fields
                    if let problem = model.problem {
                        problemText(problem)
                    }
                }
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }

    @ViewBuilder private var fields: some View {
        switch model.kind {
        case .attempt:
            Picker(selection: $model.personId) {
                ForEach(model.people, id: \.id) { person in
                    Text(person.alias).tag(Optional(person.id))
                }
            } label: {
                Text("quick_log.who", bundle: .module)
            }
            Picker(selection: $model.channel) {
                ForEach(Channel.allCasesForPicker, id: \.self) { channel in
                    Text(localized("channel.\(String(describing: channel))")).tag(channel)
                }
            } label: {
                Text("quick_log.channel", bundle: .module)
            }
            saveButton
        case .urge:
            Stepper(value: $model.intensity, in: 0...10) {
                Text("quick_log.intensity \(Int(model.intensity))", bundle: .module)
            }
            Button(action: startUrgeFlow) { Text("quick_log.urge.get_through", bundle: .module) }
            Button {
                Task { await model.logUrge(outcome: .resisted) }
            } label: {
                Text("quick_log.urge.resisted", bundle: .module)
            }
            saveButton
        case .checkIn:
            Picker(selection: $model.mood) {
                ForEach(UInt8(1)...5, id: \.self) { mood in
                    Text("check_in.mood \(Int(mood))", bundle: .module).tag(mood)
                }
            } label: {
                Text("check_in.mood_label", bundle: .module)
            }
            .pickerStyle(.segmented)
            TextField(text: $model.note, axis: .vertical) { Text("check_in.note", bundle: .module) }
            saveButton
        }
    }

    private var saveButton: some View {
        Button {
            Task { await model.save() }
        } label: {
            Text("common.save", bundle: .module).frame(maxWidth: .infinity, minHeight: 44)
        }
    }
}

extension Channel {
    /// The channels in the order the picker lists them.
    static let allCasesForPicker: [Channel] = [
        .call, .text, .messagingApp, .email, .socialMedia, .inPerson, .throughSomeone, .other,
    ]
}

#Preview("Their attempt") {
    QuickLogView(model: QuickLogModel.preview(kind: .attempt, people: [PreviewData.sam]))
}

#Preview("Saved, dark") {
    QuickLogView(model: QuickLogModel.preview(kind: .checkIn, saved: PreviewData.checkIn))
        .preferredColorScheme(.dark)
}
#endif
