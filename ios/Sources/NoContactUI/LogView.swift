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
            .task { await model.load() }
            .quickExitToolbar()
        }
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
