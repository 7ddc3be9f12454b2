#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// The timeline: layout over `LogModel`.
public struct LogView: View {
    let model: LogModel
    let open: (Event) -> Void

    public init(model: LogModel, open: @escaping (Event) -> Void) {
        self.model = model
        self.open = open
    }

    public var body: some View {
        NavigationStack {
            List {
                LogFilters(model: model)
                ForEach(model.events, id: \.id) { event in
                    Button {
                        open(event)
                    } label: {
                        EventRow(event: event)
                    }
                }
                if model.nextOffset != nil {
                    Button { Task { await model.loadMore() } } label: { Text("log.more", bundle: .module) }
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .overlay {
                if model.events.isEmpty && model.problem == nil {
                    Text("log.empty", bundle: .module)
                }
            }
            .task { await model.reload() }
            .quickExitToolbar()
        }
    }
}

struct EventRow: View {
    let event: Event

    var body: some View {
        VStack(alignment: .leading) {
            Text(localized("event_kind.\(String(describing: event.kind))"))
                .font(.headline)
            Text(event.at.formatted(date: .abbreviated, time: .shortened))
            if event.revision > 0 {
                Text("log.amended", bundle: .module).font(.footnote)
            }
            if event.loggedWhileLocked {
                Text("log.logged_while_locked", bundle: .module).font(.footnote)
            }
        }
        .accessibilityElement(children: .combine)
    }
}

/// One entry, its versions, edit and delete: layout over `EntryModel`.
public struct EntryView: View {
    @Bindable var model: EntryModel

    public init(model: EntryModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            List {
                switch model.status {
                case .loading:
                    ProgressView()
                case .deleted:
                    Text("entry.deleted", bundle: .module)
                case .shown:
                    if let event = model.event {
                        EventRow(event: event)
                    }
                    if model.history.count > 1 {
                        Section {
                            ForEach(model.history.dropLast(), id: \.revision) { EventRow(event: $0) }
                        } header: {
                            Text("entry.earlier_versions", bundle: .module)
                        }
                    }
                    Section {
                        Button { model.edit() } label: { Text("entry.edit", bundle: .module) }
                        Text("entry.edit.explained", bundle: .module).font(.footnote)
                        Button(role: .destructive) { model.askToDelete() } label: { Text("entry.delete", bundle: .module) }
                        Text("entry.delete.explained", bundle: .module).font(.footnote)
                    }
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .confirmationDialog(
                Text("entry.delete.confirm", bundle: .module),
                isPresented: Binding(get: { model.confirmingDelete }, set: { if !$0 { model.cancelDelete() } })
            ) {
                Button(role: .destructive) { Task { await model.confirmDelete() } } label: {
                    Text("entry.delete", bundle: .module)
                }
            }
            .sheet(isPresented: Binding(get: { model.draft != nil }, set: { if !$0 { model.cancelEdit() } })) {
                EntryEditor(model: model)
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

/// The fields of the entry being amended; saving appends an amendment.
struct EntryEditor: View {
    @Bindable var model: EntryModel

    var body: some View {
        NavigationStack {
            Form {
                switch model.draft {
                case .theirAttempt(let attempt):
                    TextField(text: field(attempt, \.said, wrap: { .theirAttempt(attempt: $0) }), axis: .vertical) {
                        Text("entry.said", bundle: .module)
                    }
                    Toggle(isOn: field(attempt, \.saidVerbatim, wrap: { .theirAttempt(attempt: $0) })) {
                        Text("entry.said_verbatim", bundle: .module)
                    }
                    TextField(text: field(attempt, \.location, wrap: { .theirAttempt(attempt: $0) })) {
                        Text("entry.location", bundle: .module)
                    }
                    Stepper(value: field(attempt, \.feltUnsafe, wrap: { .theirAttempt(attempt: $0) }), in: 0...4) {
                        Text("entry.felt_unsafe \(Int(attempt.feltUnsafe))", bundle: .module)
                    }
                    TextField(text: field(attempt, \.note, wrap: { .theirAttempt(attempt: $0) }), axis: .vertical) {
                        Text("entry.note", bundle: .module)
                    }
                case .checkIn(let checkIn):
                    TextField(text: field(checkIn, \.note, wrap: { .checkIn(checkIn: $0) }), axis: .vertical) {
                        Text("entry.note", bundle: .module)
                    }
                case .urge(let urge):
                    TextField(text: field(urge, \.note, wrap: { .urge(urge: $0) }), axis: .vertical) {
                        Text("entry.note", bundle: .module)
                    }
                case .myContact(let contact):
                    TextField(text: field(contact, \.note, wrap: { .myContact(contact: $0) }), axis: .vertical) {
                        Text("entry.note", bundle: .module)
                    }
                case nil:
                    EmptyView()
                }
                Text("entry.edit.explained", bundle: .module).font(.footnote)
                Button { Task { await model.saveAmendment() } } label: { Text("common.save", bundle: .module) }
            }
        }
    }

    /// A binding to one field of the draft's record.
    private func field<Record, Value>(
        _ record: Record, _ path: WritableKeyPath<Record, Value>, wrap: @escaping (Record) -> EventBody
    ) -> Binding<Value> {
        Binding(
            get: { record[keyPath: path] },
            set: { value in
                var changed = record
                changed[keyPath: path] = value
                model.draft = wrap(changed)
            })
    }
}

#Preview("Log") {
    LogView(model: LogModel.preview(events: [PreviewData.checkIn, PreviewData.attempt]), open: { _ in })
}

#Preview("Entry with an earlier version, dark") {
    var amended = PreviewData.attempt
    amended.revision = 1
    return EntryView(model: EntryModel.preview(history: [PreviewData.attempt, amended]))
        .preferredColorScheme(.dark)
}
#endif
