#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// The lock screen: layout over `UnlockModel`. The cover space uses it unchanged.
public struct UnlockView: View {
    @Bindable var model: UnlockModel

    public init(model: UnlockModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            VStack(spacing: 24) {
                SecureField(text: $model.passcode) { Text("unlock.passcode", bundle: .module) }
                    .textContentType(.password)
                    .font(.title2)
                    .multilineTextAlignment(.center)
                    .submitLabel(.go)
                    .onSubmit { Task { await model.submit() } }
                    .disabled(!canType)
                status
                if let left = model.attemptsBeforeErase {
                    Text("unlock.attempts_before_erase \(Int(left))", bundle: .module).font(.footnote)
                }
                Button {
                    Task { await model.submit() }
                } label: {
                    Text("unlock.open", bundle: .module).frame(maxWidth: .infinity, minHeight: 44)
                }
                .buttonStyle(.borderedProminent)
                .disabled(!canType)
                Button {
                    Task { await model.unlockWithBiometrics() }
                } label: {
                    Label {
                        Text("unlock.biometric", bundle: .module)
                    } icon: {
                        Image(systemName: "faceid")
                    }
                    .frame(minHeight: 44)
                }
                .disabled(!canType)
            }
            .padding()
            .task(id: model.status) { await model.runCountdown() }
            .task { await model.refresh() }
            .quickExitToolbar()
        }
    }

    private var canType: Bool {
        switch model.status {
        case .ready, .wrongPasscode, .failed: true
        case .checking, .waiting, .unlocked, .erased: false
        }
    }

    @ViewBuilder private var status: some View {
        switch model.status {
        case .wrongPasscode: Text("unlock.wrong_passcode", bundle: .module)
        case .waiting(let seconds):
            Text("unlock.wait \(Int(seconds))", bundle: .module)
                .monospacedDigit()
                .accessibilityAddTraits(.updatesFrequently)
        case .checking: ProgressView()
        case .erased: Text("unlock.erased", bundle: .module)
        case .failed(let error): problemText(error)
        case .ready, .unlocked: EmptyView()
        }
    }
}

/// The banner after a real unlock when someone tried to open the app.
public struct AccessNoticeBanner: View {
    let notice: UnlockModel.AccessNotice
    let dismiss: () -> Void

    public init(notice: UnlockModel.AccessNotice, dismiss: @escaping () -> Void) {
        self.notice = notice
        self.dismiss = dismiss
    }

    public var body: some View {
        HStack {
            Text(
                "unlock.access_notice \(notice.failedAttempts) \(notice.since.formatted(.dateTime.weekday(.wide)))",
                bundle: .module)
            Spacer()
            Button(action: dismiss) {
                Text("common.ok", bundle: .module).frame(minWidth: 44, minHeight: 44)
            }
        }
        .padding()
        .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 12))
        .accessibilityElement(children: .combine)
    }
}

#Preview("Ready") {
    UnlockView(model: UnlockModel.preview(status: .ready))
}

#Preview("Wrong passcode, dark") {
    UnlockView(model: UnlockModel.preview(status: .wrongPasscode))
        .preferredColorScheme(.dark)
}

#Preview("Waiting, large text") {
    UnlockView(model: UnlockModel.preview(status: .waiting(seconds: 27)))
        .dynamicTypeSize(.accessibility2)
}

#Preview("Access banner") {
    AccessNoticeBanner(
        notice: .preview(failedAttempts: 3, since: PreviewData.instant), dismiss: {})
}
#endif
