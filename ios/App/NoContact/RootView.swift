import NoContactKit
import NoContactScreens
import NoContactUI
import SwiftUI
import UniformTypeIdentifiers

/// First run, the lock screen, or the app's tabs.
struct RootView: View {
    let app: AppModel
    @State private var pickingBackup = false

    var body: some View {
        switch app.stage {
        case .firstRun(let model):
            FirstRunView(model: model)
                .onChange(of: model.step) { _, step in
                    if step == .done { app.stage = .open }
                }
                .safeAreaInset(edge: .bottom) {
                    Button("first_run.restore_backup") { pickingBackup = true }
                        .frame(minHeight: 44)
                }
                .fileImporter(isPresented: $pickingBackup, allowedContentTypes: [.data]) { result in
                    if case .success(let url) = result { app.restore(from: url) }
                }
        case .locked(let model):
            UnlockView(model: model)
                .onChange(of: model.status) { _, status in
                    if status == .unlocked { app.stage = .unlocked(model) }
                }
                .safeAreaInset(edge: .bottom) {
                    Button("unlock.forgot") { app.recover() }
                        .frame(minHeight: 44)
                }
        case .recovering(let model):
            NavigationStack { RecoverView(model: model) }
                .onChange(of: model.status) { _, status in
                    if status == .recovered { app.stage = .open }
                }
        case .restoring(let model, let backup):
            NavigationStack { RestoreVaultView(model: model, backup: backup) }
                .onChange(of: model.step) { _, step in
                    if step == .done {
                        backup.stopAccessingSecurityScopedResource()
                        app.stage = .open
                    }
                }
        case .open:
            if let session = app.session {
                OpenTabs(session: session, notice: nil, lock: app.lock, dismissNotice: {})
            }
        case .unlocked(let unlock):
            if let session = app.session {
                OpenTabs(session: session, notice: unlock.accessNotice, lock: app.lock) {
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
    /// An entry of the log, and its full form when every detail is added.
    @State private var entry: EntryModel?
    @State private var fullEntry: EntryFormModel?
    @State private var notice: UnlockModel.AccessNotice?
    @State private var activity: ActivityModel
    let dismissNotice: () -> Void
    let lock: () -> Void

    init(
        session: VaultSession, notice: UnlockModel.AccessNotice?, lock: @escaping () -> Void,
        dismissNotice: @escaping () -> Void
    ) {
        self.session = session
        self.dismissNotice = dismissNotice
        self.lock = lock
        _activity = State(initialValue: ActivityModel(session: session))
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
            LogView(model: log, open: { entry = EntryModel(session: session, id: $0.id) })
                .tabItem { Label("tab.log", systemImage: "list.bullet") }
            ReflectView(model: reflect)
                .tabItem { Label("tab.reflect", systemImage: "book") }
            SafetyPlanView(model: plan)
                .tabItem { Label("tab.plan", systemImage: "lifepreserver") }
            SettingsView(model: settings)
                .tabItem { Label("tab.settings", systemImage: "gear") }
        }
        // Every touch resets the core's idle timer; when it runs out the
        // core has locked itself and the lock screen comes back.
        .idleTimer(activity) { lock() }
        .sheet(item: Binding(get: { quickLog.map(Identified.init) }, set: { quickLog = $0?.value })) { item in
            QuickLogView(model: item.value)
        }
        .sheet(item: Binding(get: { urge.map(Identified.init) }, set: { urge = $0?.value })) { item in
            UrgeView(model: item.value)
        }
        .sheet(item: Binding(get: { entry.map(Identified.init) }, set: { entry = $0?.value })) { item in
            NavigationStack {
                EntryView(model: item.value)
                    .toolbar {
                        if let event = item.value.event {
                            Button("entry.every_detail") {
                                fullEntry = EntryFormModel(session: session, amending: event)
                            }
                        }
                    }
                    .sheet(item: Binding(get: { fullEntry.map(Identified.init) }, set: { fullEntry = $0?.value })) {
                        form in NavigationStack { EntryFormView(model: form.value) }
                    }
            }
        }
    }
}

/// A model as a sheet item.
struct Identified<Value: AnyObject>: Identifiable {
    let value: Value
    var id: ObjectIdentifier { ObjectIdentifier(value) }
}
