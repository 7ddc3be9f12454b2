#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Editing one person: layout over `PersonEditorModel`.
public struct PersonEditorView: View {
    @Bindable var model: PersonEditorModel

    public init(model: PersonEditorModel) {
        self.model = model
    }

    public var body: some View {
        Form {
            Section {
                TextField(text: $model.alias) { Text("people.alias", bundle: .module) }
                Picker(selection: $model.relationship) {
                    ForEach(Relationship.allCasesForPicker, id: \.self) { relationship in
                        Text(localized("relationship.\(relationship)"))
                    }
                } label: {
                    Text("people.relationship", bundle: .module)
                }
                DatePicker(
                    selection: Binding(
                        get: { model.noContactSince.date }, set: { model.noContactSince = LocalDate($0) }),
                    in: ...Date(), displayedComponents: .date
                ) { Text("people.no_contact_since", bundle: .module) }
            }
            Section {
                ForEach(Channel.allCasesForPicker, id: \.self) { channel in
                    Toggle(
                        isOn: Binding(
                            get: { model.blockedOn.contains(channel) }, set: { _ in model.toggleBlocked(channel) })
                    ) { Text(localized("channel.\(channel)")) }
                }
            } header: {
                Text("people.blocked_on", bundle: .module)
            }
            Section {
                TextField(text: $model.notes, axis: .vertical) { Text("people.notes", bundle: .module) }
            }
            if let problem = model.problem { problemText(problem) }
            if model.saved { Text("quick_log.saved", bundle: .module) }
            Button { Task { await model.save() } } label: { Text("common.save", bundle: .module) }
            Button { Task { await model.setArchived(!(model.person?.archived ?? false)) } } label: {
                Text(model.person?.archived == true ? "people.unarchive" : "people.archive", bundle: .module)
            }
            Text("people.archive.explained", bundle: .module).font(.footnote)
        }
        .task { await model.load() }
        .quickExitToolbar()
    }
}

extension Relationship {
    static let allCasesForPicker: [Relationship] = [
        .exPartner, .partner, .parent, .sibling, .otherFamily, .friend, .coWorker, .other,
    ]
}

extension LocalDate {
    /// Noon of the day, so a time zone never moves it.
    var date: Date {
        DateComponents(calendar: Calendar(identifier: .gregorian), year: Int(year), month: Int(month), day: Int(day), hour: 12)
            .date ?? Date()
    }

    init(_ date: Date) {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: date)
        self.init(year: Int32(parts.year ?? 2000), month: UInt32(parts.month ?? 1), day: UInt32(parts.day ?? 1))
    }
}

#Preview("Editing Sam") {
    NavigationStack { PersonEditorView(model: PersonEditorModel.preview(person: PreviewData.sam)) }
}

#Preview("Archived, large text") {
    NavigationStack { PersonEditorView(model: PersonEditorModel.preview(person: PreviewData.archivedSam)) }
        .dynamicTypeSize(.accessibility2)
}
#endif
