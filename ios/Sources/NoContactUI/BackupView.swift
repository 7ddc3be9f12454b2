#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Backup and restore: layout over `BackupModel`. The app picks the file
/// (a document picker) and passes its URL.
public struct BackupView: View {
    @Bindable var model: BackupModel
    let file: URL

    public init(model: BackupModel, file: URL) {
        self.model = model
        self.file = file
    }

    public var body: some View {
        NavigationStack {
            Form {
                SecureField(text: $model.passphrase) { Text("backup.passphrase", bundle: .module) }
                Text("backup.passphrase.explained", bundle: .module).font(.footnote)
                switch model.status {
                case .working(let done, let total):
                    ProgressView(value: Double(done), total: Double(max(total, 1)))
                    Button(role: .cancel) { model.cancel() } label: { Text("common.cancel", bundle: .module) }
                case .confirmReplaceNewer:
                    Text("backup.restore.newer_entries", bundle: .module)
                    Button(role: .destructive) { model.confirmReplaceNewer(from: file) } label: {
                        Text("backup.restore.replace", bundle: .module)
                    }
                    Button { model.keepNewer() } label: { Text("backup.restore.keep", bundle: .module) }
                default:
                    Button { model.backUp(to: file) } label: { Text("backup.back_up", bundle: .module) }
                    Button { model.restore(from: file) } label: { Text("backup.restore", bundle: .module) }
                }
                switch model.status {
                case .backedUp(let summary): Text("backup.done \(Int(summary.records))", bundle: .module)
                case .restored(let summary): Text("backup.restored \(Int(summary.records))", bundle: .module)
                case .cancelled: Text("backup.cancelled", bundle: .module)
                case .failed(let error): problemText(error)
                default: EmptyView()
                }
            }
            .quickExitToolbar()
        }
    }
}

#Preview("Newer entries") {
    BackupView(model: BackupModel.preview(status: .confirmReplaceNewer), file: URL(fileURLWithPath: "/b"))
}
#endif
