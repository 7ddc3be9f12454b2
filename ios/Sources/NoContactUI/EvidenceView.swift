#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Evidence: layout over `EvidenceModel`; the folder goes out through the
/// share sheet (`ShareLink`), the checkpoint code can be copied.
public struct EvidenceView: View {
    @Bindable var model: EvidenceModel

    public init(model: EvidenceModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                if let chain = model.chain {
                    Text(chain.intact ? "evidence.chain.intact" : "evidence.chain.broken", bundle: .module)
                }
                Section {
                    Picker(selection: $model.personId) {
                        Text("evidence.everyone", bundle: .module).tag(String?.none)
                        ForEach(model.people, id: \.id) { Text($0.alias).tag(Optional($0.id)) }
                    } label: {
                        Text("evidence.person", bundle: .module)
                    }
                    Toggle(isOn: $model.includeReflections) { Text("evidence.include_reflections", bundle: .module) }
                }
                switch model.status {
                case .choosing, .cancelled, .failed:
                    Button { model.export() } label: { Text("evidence.export", bundle: .module) }
                case .exporting(let done, let total):
                    ProgressView(value: Double(done), total: Double(max(total, 1))) {
                        Text("evidence.exporting", bundle: .module)
                    }
                    Button(role: .cancel) { model.cancel() } label: { Text("common.cancel", bundle: .module) }
                case .exported(let summary, let verdict):
                    Section {
                        Text(verdict.valid ? "evidence.verdict.valid" : "evidence.verdict.invalid", bundle: .module)
                        Text("evidence.summary \(Int(summary.entries)) \(Int(summary.records))", bundle: .module)
                        if let folder = model.folder {
                            ShareLink(item: folder) { Text("evidence.share", bundle: .module) }
                        }
                    }
                }
                if case .cancelled = model.status {
                    Text("evidence.cancelled", bundle: .module)
                }
                if case .failed(let error) = model.status {
                    problemText(error)
                }
                Section {
                    if let checkpoint = model.checkpoint {
                        Text(checkpoint.code).font(.system(.title3, design: .monospaced)).textSelection(.enabled)
                        Text("evidence.checkpoint.explained", bundle: .module).font(.footnote)
                    }
                    Button { Task { await model.makeCheckpoint() } } label: {
                        Text("evidence.checkpoint.make", bundle: .module)
                    }
                }
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

#Preview("Choosing") {
    EvidenceView(model: EvidenceModel.preview(status: .choosing, people: [PreviewData.sam]))
}

#Preview("Exporting, large text") {
    EvidenceView(model: EvidenceModel.preview(status: .exporting(done: 40, total: 100)))
        .dynamicTypeSize(.accessibility2)
}
#endif
