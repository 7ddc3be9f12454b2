import NoContactKit
import NoContactScreens
import NoContactUI
import SwiftUI

/// First run, the lock screen, or the app's tabs.
struct RootView: View {
    let app: AppModel

    var body: some View {
        switch app.stage {
        case .firstRun(let model):
            FirstRunView(model: model)
                .onChange(of: model.step) { _, step in
                    if step == .done { app.stage = .open }
                }
        case .locked(let model):
            UnlockView(model: model)
                .onChange(of: model.status) { _, status in
                    if status == .unlocked { app.stage = .open }
                }
        case .open:
            if let session = app.session {
                OpenTabs(session: session)
            }
        case .failed:
            PrivacyCover()
        }
    }
}

struct OpenTabs: View {
    let session: VaultSession
    @State private var quickLog: QuickLogModel?
    @State private var urge: UrgeModel?

    var body: some View {
        TabView {
            HomeView(model: HomeModel(session: session)) { action in
                switch action {
                case .theyReachedOut: quickLog = QuickLogModel(session: session, kind: .attempt)
                case .urge: urge = UrgeModel(session: session, personId: nil)
                case .checkIn: quickLog = QuickLogModel(session: session, kind: .checkIn)
                case .write: break
                }
            }
            .tabItem { Label("tab.home", systemImage: "house") }
            LogView(model: LogModel(session: session), open: { _ in })
                .tabItem { Label("tab.log", systemImage: "list.bullet") }
            ReflectView(model: ReflectModel(session: session))
                .tabItem { Label("tab.reflect", systemImage: "book") }
            SafetyPlanView(model: SafetyPlanModel(session: session))
                .tabItem { Label("tab.plan", systemImage: "lifepreserver") }
            SettingsView(model: SettingsModel(session: session, eraseWord: String(localized: "settings.erase.word")))
                .tabItem { Label("tab.settings", systemImage: "gear") }
        }
        .sheet(item: Binding(get: { quickLog.map(Identified.init) }, set: { quickLog = $0?.value })) { item in
            QuickLogView(model: item.value)
        }
        .sheet(item: Binding(get: { urge.map(Identified.init) }, set: { urge = $0?.value })) { item in
            UrgeView(model: item.value)
        }
    }
}

/// A model as a sheet item.
struct Identified<Value: AnyObject>: Identifiable {
    let value: Value
    var id: ObjectIdentifier { ObjectIdentifier(value) }
}
