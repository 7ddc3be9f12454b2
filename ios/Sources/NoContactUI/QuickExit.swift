#if canImport(SwiftUI)
import NoContactKit
import SwiftUI

/// What the quick-exit button does: the app locks the vault at once and
/// covers the screen (iOS lets no app quit itself). Set by the App.
public struct QuickExitAction: Sendable {
    let run: @MainActor @Sendable () -> Void

    public init(_ run: @escaping @MainActor @Sendable () -> Void) {
        self.run = run
    }

    @MainActor public func callAsFunction() {
        run()
    }
}

private struct QuickExitKey: EnvironmentKey {
    static let defaultValue = QuickExitAction {}
}

extension EnvironmentValues {
    public var quickExit: QuickExitAction {
        get { self[QuickExitKey.self] }
        set { self[QuickExitKey.self] = newValue }
    }
}

/// The button on every screen that locks and leaves at once.
struct QuickExitButton: View {
    @Environment(\.quickExit) private var quickExit

    var body: some View {
        Button(role: .destructive) {
            quickExit()
        } label: {
            Label {
                Text("quick_exit.button", bundle: .module)
            } icon: {
                Image(systemName: "xmark.circle")
            }
        }
        .accessibilityLabel(Text("quick_exit.accessibility", bundle: .module))
        .accessibilityHint(Text("quick_exit.hint", bundle: .module))
    }
}

extension View {
    /// Adds the quick-exit button to the screen's toolbar.
    func quickExitToolbar() -> some View {
        toolbar {
            ToolbarItem(placement: .topBarTrailing) {
                QuickExitButton()
            }
        }
    }
}

/// A core error, in words (keys `error.<case>`, `error.invalid_input.<field>`).
func problemText(_ error: NoContactError) -> Text {
    switch error {
    case .invalidInput(let field):
        Text(localized("error.invalid_input.\(field)", fallback: localized("error.invalid_input")))
    case .tryLater(let seconds): Text("error.try_later \(Int(seconds))", bundle: .module)
    default: Text(localized("error.\(String(describing: error))"))
    }
}

/// The string for a key made at run time from a core id or enum case.
func localized(_ key: String, fallback: String? = nil) -> String {
    Bundle.module.localizedString(forKey: key, value: fallback, table: nil)
}
#endif
