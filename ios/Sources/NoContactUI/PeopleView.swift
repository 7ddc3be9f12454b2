#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// People, boundaries and triggers: layout over `PeopleModel`.
public struct PeopleView: View {
    @Bindable var model: PeopleModel

    public init(model: PeopleModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                Section {
                    ForEach(model.people, id: \.id) { person in
                        NavigationLink {
                            PersonEditorView(model: model.editor(for: person))
                        } label: {
                            HStack {
                                Text(person.alias)
                                Spacer()
                                if let streak = model.streaks[person.id] {
                                    Text("home.streak.current \(Int(streak.currentDays))", bundle: .module)
                                }
                            }
                        }
                        .swipeActions {
                            Button { Task { await model.setArchived(person, !person.archived) } } label: {
                                Text(person.archived ? "people.unarchive" : "people.archive", bundle: .module)
                            }
                        }
                    }
                    TextField(text: $model.alias) { Text("people.alias", bundle: .module) }
                    Button { Task { await model.addPerson() } } label: { Text("people.add", bundle: .module) }
                    Toggle(isOn: $model.showArchived) { Text("people.show_archived", bundle: .module) }
                        .onChange(of: model.showArchived) { Task { await model.load() } }
                } header: {
                    Text("people.title", bundle: .module)
                }
                Section {
                    ForEach(model.boundaries, id: \.id) { boundary in
                        BoundaryRow(boundary: boundary, progress: model.boundaryProgress[boundary.id], model: model)
                    }
                    TextField(text: $model.boundaryStatement) { Text("people.boundary.new", bundle: .module) }
                    Button { Task { await model.addBoundary() } } label: { Text("people.add", bundle: .module) }
                } header: {
                    Text("people.boundaries", bundle: .module)
                }
                Section {
                    ForEach(model.triggers, id: \.id) { trigger in
                        Text(trigger.name).swipeActions {
                            Button { Task { await model.setArchived(trigger, !trigger.archived) } } label: {
                                Text(trigger.archived ? "people.unarchive" : "people.archive", bundle: .module)
                            }
                        }
                    }
                    TextField(text: $model.triggerName) { Text("people.trigger.new", bundle: .module) }
                    Button { Task { await model.addTrigger() } } label: { Text("people.trigger.add", bundle: .module) }
                } header: {
                    Text("people.triggers", bundle: .module)
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

/// One boundary: its statement (edited in place), the days kept and the
/// crossings the core counted, and its status.
struct BoundaryRow: View {
    let boundary: Boundary
    let progress: BoundaryProgress?
    @Bindable var model: PeopleModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            if model.editingBoundaryId == boundary.id {
                TextField(text: $model.boundaryEdit, axis: .vertical) { Text("people.boundary.new", bundle: .module) }
                HStack {
                    Button { Task { await model.saveBoundaryEdit() } } label: { Text("common.save", bundle: .module) }
                    Button(role: .cancel) { model.cancelBoundaryEdit() } label: { Text("people.boundary.keep", bundle: .module) }
                }
            } else {
                Text(boundary.statement)
            }
            if let progress {
                Text("people.boundary.days_kept \(Int(progress.daysKept))", bundle: .module)
                Text("people.boundary.crossings \(Int(progress.crossedByMe)) \(Int(progress.touchedByThem))", bundle: .module)
                    .font(.footnote)
            }
            Picker(selection: Binding(get: { boundary.status }, set: { status in Task { await model.setStatus(boundary, status) } })) {
                Text("boundary_status.active", bundle: .module).tag(BoundaryStatus.active)
                Text("boundary_status.paused", bundle: .module).tag(BoundaryStatus.paused)
                Text("boundary_status.retired", bundle: .module).tag(BoundaryStatus.retired)
            } label: {
                Text("people.boundary.status", bundle: .module)
            }
        }
        .swipeActions { Button { model.editBoundary(boundary) } label: { Text("entry.edit", bundle: .module) } }
    }
}

#Preview("People") {
    PeopleView(model: PeopleModel.preview(people: [PreviewData.sam], streaks: [PreviewData.streak(current: 12, previous: nil)]))
}
#Preview("A boundary kept, dark") {
    PeopleView(model: PeopleModel.preview(
        people: [PreviewData.sam], streaks: [PreviewData.streak(current: 12, previous: 40)],
        boundaries: [PreviewData.boundary], progress: [PreviewData.boundaryProgress]))
        .preferredColorScheme(.dark)
}
#endif
