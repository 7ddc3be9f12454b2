#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// A full entry, new or amended: layout over `EntryFormModel`, the fields of
/// its kind only. Attachments are picked by the app (PhotosPicker) and kept
/// inside the vault; this form shows them as they are.
public struct EntryFormView: View {
    @Bindable var model: EntryFormModel

    public init(model: EntryFormModel) {
        self.model = model
    }

    public var body: some View {
        Form {
            if model.original != nil {
                Text("entry.edit.explained", bundle: .module).font(.footnote)
            }
            if model.kind != .checkIn { personPicker }
            switch model.kind {
            case .theirAttempt: attemptFields
            case .myContact: contactFields
            case .urge: urgeFields
            case .checkIn: checkInFields
            }
            Section {
                TextField(text: $model.note, axis: .vertical) { Text("entry.note", bundle: .module) }
            }
            if let problem = model.problem { problemText(problem) }
            if model.saved != nil { Text("quick_log.saved", bundle: .module) }
            Button { Task { await model.save() } } label: {
                Text("common.save", bundle: .module).frame(maxWidth: .infinity, minHeight: 44)
            }
        }
        .navigationTitle(Text(localized("event_kind.\(model.kind)")))
        .task { await model.load() }
        .quickExitToolbar()
    }

    private var personPicker: some View {
        Picker(selection: $model.personId) {
            if model.kind == .urge { Text("entry.nobody", bundle: .module).tag(String?.none) }
            ForEach(model.people, id: \.id) { Text($0.alias).tag(Optional($0.id)) }
        } label: {
            Text("quick_log.who", bundle: .module)
        }
    }

    private var channelPicker: some View {
        Picker(selection: $model.channel) {
            ForEach(Channel.allCasesForPicker, id: \.self) { Text(localized("channel.\($0)")).tag($0) }
        } label: {
            Text("quick_log.channel", bundle: .module)
        }
    }

    @ViewBuilder private var attemptFields: some View {
        Section {
            channelPicker
            TextField(text: $model.handle) { Text("entry.handle", bundle: .module) }
            TextField(text: $model.said, axis: .vertical) { Text("entry.said", bundle: .module) }
            Toggle(isOn: $model.saidVerbatim) { Text("entry.said_verbatim", bundle: .module) }
            Picker(selection: $model.response) {
                ForEach([AttemptResponse.ignored, .blocked, .replied, .reported], id: \.self) {
                    Text(localized("response.\($0)")).tag($0)
                }
            } label: {
                Text("entry.response", bundle: .module)
            }
            TextField(text: $model.location) { Text("entry.location", bundle: .module) }
            Stepper(value: $model.feltUnsafe, in: 0...4) {
                Text("entry.felt_unsafe \(Int(model.feltUnsafe))", bundle: .module)
            }
        }
        Section {
            ForEach(Array(model.witnesses.enumerated()), id: \.offset) { index, name in
                Text(name).swipeActions { Button { model.removeWitness(at: index) } label: { Text("entry.remove", bundle: .module) } }
            }
            TextField(text: $model.witnessDraft) { Text("entry.witness.new", bundle: .module) }
                .onSubmit { model.addWitness() }
        } header: {
            Text("entry.witnesses", bundle: .module)
        }
    }

    @ViewBuilder private var contactFields: some View {
        Section {
            channelPicker
            Picker(selection: $model.initiatedBy) {
                Text("entry.initiated.me", bundle: .module).tag(Initiator.me)
                Text("entry.initiated.them", bundle: .module).tag(Initiator.them)
            } label: {
                Text("entry.initiated", bundle: .module)
            }
        }
        Section {
            ForEach(model.boundaries, id: \.id) { boundary in
                Toggle(
                    isOn: Binding(
                        get: { model.crossedBoundaryIds.contains(boundary.id) },
                        set: { _ in model.toggle(crossedBoundaryId: boundary.id) })
                ) { Text(boundary.statement) }
            }
        } header: {
            Text("entry.crossed_boundaries", bundle: .module)
        }
    }

    @ViewBuilder private var urgeFields: some View {
        Section {
            Stepper(value: $model.intensity, in: 0...10) {
                Text("quick_log.intensity \(Int(model.intensity))", bundle: .module)
            }
        }
        Section {
            ForEach(model.triggers, id: \.id) { trigger in
                Toggle(
                    isOn: Binding(
                        get: { model.triggerIds.contains(trigger.id) }, set: { _ in model.toggle(triggerId: trigger.id) })
                ) { Text(trigger.name) }
            }
        } header: {
            Text("people.triggers", bundle: .module)
        }
        Section {
            ForEach(Emotion.allCasesForPicker, id: \.self) { emotion in
                Toggle(
                    isOn: Binding(get: { model.emotions.contains(emotion) }, set: { _ in model.toggle(emotion: emotion) })
                ) { Text(localized("emotion.\(emotion)")) }
            }
        } header: {
            Text("entry.emotions", bundle: .module)
        }
        Section {
            ForEach(Array(model.coping.enumerated()), id: \.offset) { index, step in
                Text(step).swipeActions { Button { model.removeCoping(at: index) } label: { Text("entry.remove", bundle: .module) } }
            }
            TextField(text: $model.copingDraft) { Text("entry.coping.new", bundle: .module) }
                .onSubmit { model.addCoping() }
        } header: {
            Text("entry.coping", bundle: .module)
        }
        Section {
            Picker(selection: $model.outcome) {
                Text("urge.outcome.resisted", bundle: .module).tag(UrgeOutcome.resisted)
                Text("urge.outcome.delayed", bundle: .module).tag(UrgeOutcome.delayed)
                Text("urge.outcome.reached_out", bundle: .module).tag(UrgeOutcome.reachedOut)
            } label: {
                Text("entry.outcome", bundle: .module)
            }
            if model.outcome == .reachedOut {
                Picker(selection: $model.reachedOutVia) {
                    ForEach(Channel.allCasesForPicker, id: \.self) { Text(localized("channel.\($0)")).tag(Optional($0)) }
                } label: {
                    Text("quick_log.channel", bundle: .module)
                }
            }
        }
    }

    @ViewBuilder private var checkInFields: some View {
        Section {
            Stepper(value: $model.mood, in: 1...5) { Text("check_in.mood \(Int(model.mood))", bundle: .module) }
        } header: {
            Text("check_in.mood_label", bundle: .module)
        }
    }
}

extension Emotion {
    static let allCasesForPicker: [Emotion] = [
        .lonely, .sad, .angry, .anxious, .afraid, .guilty, .ashamed, .nostalgic, .bored, .numb, .confused,
        .hopeful, .relieved, .proud,
    ]
}

#Preview("Their attempt, every field") {
    NavigationStack { EntryFormView(model: EntryFormModel.preview(kind: .theirAttempt, people: [PreviewData.sam])) }
}

#Preview("An urge, dark") {
    NavigationStack { EntryFormView(model: EntryFormModel.preview(kind: .urge, people: [PreviewData.sam])) }
        .preferredColorScheme(.dark)
}

#Preview("My contact, large text") {
    NavigationStack { EntryFormView(model: EntryFormModel.preview(kind: .myContact, people: [PreviewData.sam])) }
        .dynamicTypeSize(.accessibility2)
}
#endif
