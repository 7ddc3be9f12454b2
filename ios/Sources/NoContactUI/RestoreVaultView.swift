#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// A new phone, from a backup: layout over `RestoreVaultModel`. The app
/// picks the backup file (a document picker) and passes its URL.
public struct RestoreVaultView: View {
    @Bindable var model: RestoreVaultModel
    let backup: URL

    public init(model: RestoreVaultModel, backup: URL) {
        self.model = model
        self.backup = backup
    }

    public var body: some View {
        Form {
            switch model.step {
            case .form:
                Section {
                    SecureField(text: $model.passphrase) { Text("backup.passphrase", bundle: .module) }
                } header: {
                    Text("restore_vault.title", bundle: .module).font(.title2)
                } footer: {
                    Text("restore_vault.explained", bundle: .module)
                }
                Section {
                    SecureField(text: $model.passcode) { Text("first_run.passcode.field", bundle: .module) }
                        .textContentType(.newPassword)
                    SecureField(text: $model.passcodeAgain) { Text("first_run.passcode.again", bundle: .module) }
                        .textContentType(.newPassword)
                    Toggle(isOn: $model.bindToDevice) { Text("first_run.passcode.bind_to_device", bundle: .module) }
                    Text("first_run.passcode.bind_to_device.explained", bundle: .module).font(.footnote)
                } header: {
                    Text("first_run.passcode.title", bundle: .module)
                }
                problem
                Button { model.restore(from: backup) } label: {
                    Text("restore_vault.restore", bundle: .module).frame(maxWidth: .infinity, minHeight: 44)
                }
            case .working(let done, let total):
                ProgressView(value: Double(done), total: Double(max(total, 1)))
                Button(role: .cancel) { model.cancel() } label: { Text("common.cancel", bundle: .module) }
            case .recoveryCode:
                Section {
                    if let records = model.restoredRecords {
                        Text("restore_vault.restored \(Int(records))", bundle: .module)
                    }
                    Text("first_run.recovery.body", bundle: .module)
                    Text(model.recoveryGroups.joined(separator: " "))
                        .font(.system(.title3, design: .monospaced))
                        .accessibilityLabel(model.recoveryGroups.joined(separator: ", "))
                } header: {
                    Text("first_run.recovery.title", bundle: .module).font(.title2)
                }
                Button { model.next() } label: { Text("common.next", bundle: .module) }
            case .confirmCode:
                Section {
                    Text("first_run.confirm.body \(model.groupIndex + 1)", bundle: .module)
                    TextField(text: $model.typedGroup) { Text("first_run.confirm.field", bundle: .module) }
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                }
                problem
                Button { model.confirmGroup() } label: { Text("first_run.confirm.done", bundle: .module) }
                Button { model.showCodeAgain() } label: { Text("first_run.confirm.show_again", bundle: .module) }
            case .done:
                Text("first_run.done", bundle: .module)
            }
        }
        .quickExitToolbar()
    }

    @ViewBuilder private var problem: some View {
        switch model.problem {
        case .passcodesDiffer: Text("first_run.problem.passcodes_differ", bundle: .module)
        case .passcodeRefused: Text("first_run.problem.passcode_refused", bundle: .module)
        case .wrongPassphrase: Text("restore_vault.wrong_passphrase", bundle: .module)
        case .damagedBackup: Text("restore_vault.damaged", bundle: .module)
        case .cancelled: Text("error.cancelled", bundle: .module)
        case .groupDiffers: Text("first_run.problem.group_differs", bundle: .module)
        case .failed(let error): problemText(error)
        case nil: EmptyView()
        }
    }
}

#Preview("Restore on a new phone") {
    NavigationStack {
        RestoreVaultView(model: RestoreVaultModel.preview(step: .form), backup: URL(fileURLWithPath: "/b"))
    }
}

#Preview("Restoring, dark") {
    NavigationStack {
        RestoreVaultView(model: RestoreVaultModel.preview(step: .working(done: 40, total: 100)), backup: URL(fileURLWithPath: "/b"))
    }
    .preferredColorScheme(.dark)
}

#Preview("The new recovery code, large text") {
    NavigationStack {
        RestoreVaultView(model: RestoreVaultModel.preview(step: .recoveryCode), backup: URL(fileURLWithPath: "/b"))
    }
    .dynamicTypeSize(.accessibility2)
}
#endif
