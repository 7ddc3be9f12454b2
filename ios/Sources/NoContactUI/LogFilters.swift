#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// The log's filters: kinds and a period, each change reloading the first
/// page. Layout over `LogModel`'s fields.
struct LogFilters: View {
    @Bindable var model: LogModel

    private static let kinds: [EventKind] = [.theirAttempt, .myContact, .urge, .checkIn]

    var body: some View {
        Section {
            ForEach(Self.kinds, id: \.self) { kind in
                Toggle(
                    isOn: Binding(
                        get: { model.kinds.contains(kind) },
                        set: { on in
                            model.kinds.removeAll { $0 == kind }
                            if on { model.kinds.append(kind) }
                        })
                ) { Text(localized("event_kind.\(kind)")) }
            }
            optionalDate($model.from, label: "log.filter.from")
            optionalDate($model.until, label: "log.filter.until")
        } header: {
            Text("log.filter", bundle: .module)
        }
        .onChange(of: model.kinds) { Task { await model.reload() } }
        .onChange(of: model.from) { Task { await model.reload() } }
        .onChange(of: model.until) { Task { await model.reload() } }
    }

    @ViewBuilder
    private func optionalDate(_ date: Binding<Date?>, label: LocalizedStringKey) -> some View {
        Toggle(isOn: Binding(get: { date.wrappedValue != nil }, set: { date.wrappedValue = $0 ? Date() : nil })) {
            Text(label, bundle: .module)
        }
        if let value = date.wrappedValue {
            DatePicker(selection: Binding(get: { value }, set: { date.wrappedValue = $0 }), displayedComponents: .date) {
                Text(label, bundle: .module)
            }
        }
    }
}

#Preview("The log's filters") {
    List { LogFilters(model: LogModel.preview(events: [])) }
}
#endif
