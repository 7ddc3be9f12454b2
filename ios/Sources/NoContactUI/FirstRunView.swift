#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// First run: layout over `FirstRunModel`, one step at a time.
public struct FirstRunView: View {
    @Bindable var model: FirstRunModel

    public init(model: FirstRunModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                switch model.step {
                case .welcome:
                    Section {
                        Text("first_run.welcome.body", bundle: .module)
                        Text("first_run.welcome.sends_nothing", bundle: .module)
                    } header: {
                        Text("first_run.welcome.title", bundle: .module).font(.title2)
                    }
                    nextButton
                case .watchedPhone:
                    Section {
                        Text("first_run.watched_phone.body", bundle: .module)
                        Text("first_run.watched_phone.advice", bundle: .module)
                    } header: {
                        Text("first_run.watched_phone.title", bundle: .module).font(.title2)
                    }
                    nextButton
                case .passcode:
                    Section {
                        SecureField(text: $model.passcode) { Text("first_run.passcode.field", bundle: .module) }
                            .textContentType(.newPassword)
                        SecureField(text: $model.passcodeAgain) { Text("first_run.passcode.again", bundle: .module) }
                            .textContentType(.newPassword)
                        Toggle(isOn: $model.bindToDevice) { Text("first_run.passcode.bind_to_device", bundle: .module) }
                        Text("first_run.passcode.bind_to_device.explained", bundle: .module).font(.footnote)
                    } header: {
                        Text("first_run.passcode.title", bundle: .module).font(.title2)
                    }
                    problem
                    Button {
                        Task { await model.createVault() }
                    } label: {
                        Text("first_run.passcode.create", bundle: .module)
                    }
                    .disabled(model.busy)
                case .recoveryCode:
                    Section {
                        Text("first_run.recovery.body", bundle: .module)
                        Text(model.recoveryGroups.joined(separator: " "))
                            .font(.system(.title3, design: .monospaced))
                            .textSelection(.disabled)
                            .accessibilityLabel(model.recoveryGroups.joined(separator: ", "))
                    } header: {
                        Text("first_run.recovery.title", bundle: .module).font(.title2)
                    }
                    nextButton
                case .confirmCode:
                    Section {
                        Text("first_run.confirm.body \(model.groupIndex + 1)", bundle: .module)
                        TextField(text: $model.typedGroup) { Text("first_run.confirm.field", bundle: .module) }
                            .textInputAutocapitalization(.characters)
                            .autocorrectionDisabled()
                    }
                    problem
                    Button {
                        model.confirmGroup()
                    } label: {
                        Text("first_run.confirm.done", bundle: .module)
                    }
                    Button {
                        model.showCodeAgain()
                    } label: {
                        Text("first_run.confirm.show_again", bundle: .module)
                    }
                case .done:
                    Text("first_run.done", bundle: .module)
                }
            }
            .quickExitToolbar()
        }
    }

    private var nextButton: some View {
        Button {
            model.next()
        } label: {
            Text("common.next", bundle: .module)
        }
    }

    @ViewBuilder private var problem: some View {
        switch model.problem {
        case .passcodesDiffer: Text("first_run.problem.passcodes_differ", bundle: .module)
        case .passcodeRefused: Text("first_run.problem.passcode_refused", bundle: .module)
        case .groupDiffers: Text("first_run.problem.group_differs", bundle: .module)
        case .failed(let error): problemText(error)
        case nil: EmptyView()
        }
    }
}

#Preview("Welcome") {
    FirstRunView(model: FirstRunModel.preview(step: .welcome))
}

#Preview("Passcode, large text") {
    FirstRunView(model: FirstRunModel.preview(step: .passcode))
        .dynamicTypeSize(.accessibility2)
}
#endif
