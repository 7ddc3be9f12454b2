import AppIntents
import NoContactKit
import NoContactScreens
import SwiftUI
import WidgetKit

/// Three buttons — They reached out, Urge, I'm OK — that write through the
/// drop box with the app locked and show nothing but "Saved"
/// [`log_while_locked`]. The widget and the intents share the vault file
/// through the app group; they never unlock it.
struct QuickLogWidget: Widget {
    var body: some WidgetConfiguration {
        StaticConfiguration(kind: "QuickLog", provider: QuickLogTimeline()) { _ in
            HStack {
                Button(intent: LogAttemptIntent()) { Text("widget.they_reached_out") }
                Button(intent: LogUrgeIntent()) { Text("widget.urge") }
                Button(intent: LogOkIntent()) { Text("widget.ok") }
            }
            .containerBackground(.fill.tertiary, for: .widget)
        }
        .configurationDisplayName("widget.name")
        .supportedFamilies([.systemMedium])
    }
}

struct QuickLogTimeline: TimelineProvider {
    struct Entry: TimelineEntry { let date: Date }
    func placeholder(in context: Context) -> Entry { Entry(date: .now) }
    func getSnapshot(in context: Context, completion: @escaping (Entry) -> Void) { completion(Entry(date: .now)) }
    func getTimeline(in context: Context, completion: @escaping (Timeline<Entry>) -> Void) {
        completion(Timeline(entries: [Entry(date: .now)], policy: .never))
    }
}

/// Logs through the drop box from the app group's vault file.
enum DropBox {
    /// Presses one of the widget's buttons through `WidgetModel`.
    @MainActor
    static func press(_ button: WidgetModel.Button) async -> WidgetModel.Status {
        guard let container = FileManager.default.containerURL(
            forSecurityApplicationGroupIdentifier: "group.app.nocontact.notebook")
        else { return .notSaved }
        let session = VaultSession(
            file: container.appendingPathComponent("Library/Notes/notes.db"), deviceKeys: NoKeys())
        let model = WidgetModel(session: session, personId: widgetPersonId())
        await model.press(button)
        return model.status
    }

    static func dialog(_ status: WidgetModel.Status) -> IntentDialog {
        switch status {
        case .saved: "widget.saved"
        case .choosePerson: "widget.choose_person"
        case .ready, .notSaved: "widget.not_saved"
        }
    }

    /// The widget never holds a device key.
    struct NoKeys: DeviceKeyStore {
        func key(for purpose: DeviceKeyPurpose) async throws -> Data? { nil }
        func store(_ key: Data, for purpose: DeviceKeyPurpose) async throws {}
        func remove(_ purpose: DeviceKeyPurpose) async throws {}
    }
}

/// The person the widget is for is the app's choice, kept in the app group's
/// defaults as an id only (no name).
private func widgetPersonId() -> String? {
    UserDefaults(suiteName: "group.app.nocontact.notebook")?.string(forKey: "widget.person")
}

struct LogAttemptIntent: AppIntent {
    static let title: LocalizedStringResource = "widget.they_reached_out"
    func perform() async throws -> some IntentResult & ProvidesDialog {
        .result(dialog: DropBox.dialog(await DropBox.press(.theyReachedOut)))
    }
}

struct LogUrgeIntent: AppIntent {
    static let title: LocalizedStringResource = "widget.urge"
    func perform() async throws -> some IntentResult & ProvidesDialog {
        .result(dialog: DropBox.dialog(await DropBox.press(.urge)))
    }
}

struct LogOkIntent: AppIntent {
    static let title: LocalizedStringResource = "widget.ok"
    func perform() async throws -> some IntentResult & ProvidesDialog {
        .result(dialog: DropBox.dialog(await DropBox.press(.imOK)))
    }
}

@main
struct NoContactWidgets: WidgetBundle {
    var body: some Widget {
        QuickLogWidget()
    }
}

#Preview("Quick note", as: .systemMedium) {
    QuickLogWidget()
} timeline: {
    QuickLogTimeline.Entry(date: .now)
}
