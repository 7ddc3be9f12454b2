import NoContactKit
import NoContactScreens
import NoContactUI
import SwiftUI

/// The app: first run or the lock screen, then the tabs. A privacy cover
/// hides the screen as soon as the scene stops being active (the app
/// switcher's snapshot shows only it), and the vault locks when the app goes
/// to the background. Built only with Xcode (see the README).
@main
struct NoContactApp: App {
    @Environment(\.scenePhase) private var scenePhase
    @State private var app = AppModel()

    var body: some Scene {
        WindowGroup {
            ZStack {
                RootView(app: app)
                if scenePhase != .active || app.covered {
                    PrivacyCover()
                }
            }
            .environment(\.quickExit, QuickExitAction { app.quickExit() })
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .background {
                app.lock()
            } else if phase == .active {
                app.covered = false
                Task { await app.rescheduleReminders() }
            }
        }
    }
}

/// A plain, neutral screen: the app's name only ("Notebook").
struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Color(.systemBackground).ignoresSafeArea()
            Image(systemName: "book.closed").font(.largeTitle).accessibilityHidden(true)
        }
    }
}
