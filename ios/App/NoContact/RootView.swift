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
                    if status == .unlocked { app.stage = .unlocked(model) }
                }
        case .open:
            if let session = app.session {
                OpenTabs(session: session, notice: nil, dismissNotice: {})
            }
        case .unlocked(let unlock):
            if let session = app.session {
                OpenTabs(session: session, notice: unlock.accessNotice) {
                    Task { await unlock.dismissNotice() }
                }
            }
        case .failed:
            PrivacyCover()
        }
    }
}

struct OpenTabs: View {
    let session: VaultSession
    // The screens' models live as long as the open vault does.
    @State private var home: HomeModel
    @State private var log: LogModel
    @State private var reflect: ReflectModel
    @State private var plan: SafetyPlanModel
    @State private var settings: SettingsModel
    @State private var quickLog: QuickLogModel?
    @State private var urge: UrgeModel?
    @State private var notice: UnlockModel.AccessNotice?
    let dismissNotice: () -> Void

    init(session: VaultSession, notice: UnlockModel.AccessNotice?, dismissNotice: @escaping () -> Void) {
        self.session = session
        self.dismissNotice = dismissNotice
        _notice = State(initialValue: notice)
        _home = State(initialValue: HomeModel(session: session))
        _log = State(initialValue: LogModel(session: session))
        _reflect = State(initialValue: ReflectModel(session: session))
        _plan = State(initialValue: SafetyPlanModel(session: session))
        _settings = State(
            initialValue: SettingsModel(session: session, eraseWord: String(localized: "settings.erase.word")))
    }

    var body: some View {
        TabView {
            HomeView(model: home) { action in
                switch action {
                case .theyReachedOut: quickLog = QuickLogModel(session: session, kind: .attempt)
                case .urge: urge = UrgeModel(session: session, personId: nil)
                case .checkIn: quickLog = QuickLogModel(session: session, kind: .checkIn)
                case .write: break
                }
            }
            .safeAreaInset(edge: .top) {
                if let notice {
                    AccessNoticeBanner(notice: notice) {
                        self.notice = nil
                        dismissNotice()
                    }
                }
            }
            .tabItem { Label("tab.home", systemImage: "house") }
            LogView(model: log, open: { _ in })
                .tabItem { Label("tab.log", systemImage: "list.bullet") }
            ReflectView(model: reflect)
                .tabItem { Label("tab.reflect", systemImage: "book") }
            SafetyPlanView(model: plan)
                .tabItem { Label("tab.plan", systemImage: "lifepreserver") }
            SettingsView(model: settings)
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
