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
                        HStack {
                            Text(person.alias)
                            Spacer()
                            if let streak = model.streaks[person.id] {
                                Text("home.streak.current \(Int(streak.currentDays))", bundle: .module)
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
                    ForEach(model.boundaries, id: \.id) { Text($0.statement) }
                    TextField(text: $model.boundaryStatement) { Text("people.boundary.new", bundle: .module) }
                    Button { Task { await model.addBoundary() } } label: { Text("people.add", bundle: .module) }
                } header: {
                    Text("people.boundaries", bundle: .module)
                }
                Section {
                    ForEach(model.triggers, id: \.id) { Text($0.name) }
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

#Preview("People") {
    PeopleView(model: PeopleModel.preview(people: [PreviewData.sam], streaks: [PreviewData.streak(current: 12, previous: nil)]))
}
#endif
