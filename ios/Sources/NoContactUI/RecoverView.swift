#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Forgot the passcode: layout over `RecoverModel`.
public struct RecoverView: View {
    @Bindable var model: RecoverModel

    public init(model: RecoverModel) {
        self.model = model
    }

    public var body: some View {
        Form {
            Section {
                TextField(text: $model.code) { Text("recover.code", bundle: .module) }
                    .font(.system(.body, design: .monospaced))
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                SecureField(text: $model.newPasscode) { Text("recover.new_passcode", bundle: .module) }
                    .textContentType(.newPassword)
                SecureField(text: $model.newPasscodeAgain) { Text("first_run.passcode.again", bundle: .module) }
                    .textContentType(.newPassword)
            } header: {
                Text("recover.title", bundle: .module).font(.title2)
            } footer: {
                Text("recover.explained", bundle: .module)
            }
            switch model.status {
            case .passcodesDiffer: Text("first_run.problem.passcodes_differ", bundle: .module)
            case .passcodeRefused: Text("first_run.problem.passcode_refused", bundle: .module)
            case .wrongCode: Text("recover.wrong_code", bundle: .module)
            case .codeMistyped: Text("recover.code_mistyped", bundle: .module)
            case .waiting(let seconds): Text("unlock.wait \(Int(seconds))", bundle: .module)
            case .recovered: Text("recover.done", bundle: .module)
            case .erased: Text("unlock.erased", bundle: .module)
            case .failed(let error): problemText(error)
            case .ready, .checking: EmptyView()
            }
            Button { Task { await model.submit() } } label: {
                Text("recover.open", bundle: .module).frame(maxWidth: .infinity, minHeight: 44)
            }
            .disabled(model.status == .checking)
        }
        .task(id: model.status) { await model.runCountdown() }
        .quickExitToolbar()
    }
}

#Preview("Recover") {
    NavigationStack { RecoverView(model: RecoverModel.preview(status: .ready)) }
}

#Preview("A wrong code, dark") {
    NavigationStack { RecoverView(model: RecoverModel.preview(status: .wrongCode)) }
        .preferredColorScheme(.dark)
}
#endif
