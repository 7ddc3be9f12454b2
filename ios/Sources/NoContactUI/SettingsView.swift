#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Settings: layout over `SettingsModel`, with what each protection does
/// and does not do in plain words.
public struct SettingsView: View {
    @Bindable var model: SettingsModel

    public init(model: SettingsModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                Section {
                    SecureField(text: $model.newPasscode) { Text("settings.passcode.new", bundle: .module) }
                    SecureField(text: $model.newPasscodeAgain) { Text("settings.passcode.again", bundle: .module) }
                    Button { Task { await model.changePasscode() } } label: {
                        Text("settings.passcode.change", bundle: .module)
                    }
                } header: {
                    Text("settings.passcode", bundle: .module)
                }
                Section {
                    Toggle(isOn: Binding(
                        get: { model.biometricUnlock },
                        set: { on in Task { await model.setBiometricUnlock(on) } })
                    ) {
                        Text("settings.biometric", bundle: .module)
                    }
                    Text("settings.biometric.explained", bundle: .module).font(.footnote)
                }
                Section {
                    Text("settings.duress.explained", bundle: .module).font(.footnote)
                    SecureField(text: $model.duressPasscode) { Text("settings.duress.field", bundle: .module) }
                    Button { Task { await model.setDuressPasscode() } } label: {
                        Text(model.hasDuressPasscode ? "settings.duress.change" : "settings.duress.set", bundle: .module)
                    }
                } header: {
                    Text("settings.duress", bundle: .module)
                }
                Section {
                    Stepper(value: $model.idleTimeoutSeconds, in: 0...3600, step: 60) {
                        Text("settings.idle \(Int(model.idleTimeoutSeconds / 60))", bundle: .module)
                    }
                    Toggle(isOn: Binding(
                        get: { model.eraseAfterFailures != nil },
                        set: { model.eraseAfterFailures = $0 ? 10 : nil })
                    ) {
                        Text("settings.erase_after_failures", bundle: .module)
                    }
                    if model.eraseAfterFailures != nil {
                        Text("settings.erase_after_failures.warning", bundle: .module)
                        Toggle(isOn: $model.acceptEvidenceLoss) { Text("settings.accept_evidence_loss", bundle: .module) }
                    }
                    Button { Task { await model.saveLockPolicy() } } label: { Text("common.save", bundle: .module) }
                } header: {
                    Text("settings.lock_policy", bundle: .module)
                }
                Section {
                    Text("settings.protection.explained", bundle: .module).font(.footnote)
                }
                Section {
                    Text("settings.erase.explained \(model.eraseWord)", bundle: .module)
                    TextField(text: $model.eraseTyped) { Text("settings.erase.field", bundle: .module) }
                        .autocorrectionDisabled()
                    Button(role: .destructive) { Task { await model.erase() } } label: {
                        Text("settings.erase", bundle: .module)
                    }
                    .disabled(!model.eraseConfirmed)
                }
                switch model.problem {
                case .passcodesDiffer: Text("first_run.problem.passcodes_differ", bundle: .module)
                case .failed(let error): problemText(error)
                case nil: EmptyView()
                }
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

#Preview("Settings") {
    SettingsView(model: SettingsModel.preview())
}
#endif
