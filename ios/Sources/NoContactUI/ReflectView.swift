#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Reflect: layout over `ReflectModel`.
public struct ReflectView: View {
    @Bindable var model: ReflectModel

    public init(model: ReflectModel) {
        self.model = model
    }

    public var body: some View {
        NavigationStack {
            Form {
                if let prompt = model.todaysPrompt {
                    Section {
                        PromptText(prompt: prompt)
                        Button { model.answerTodaysPrompt() } label: { Text("reflect.answer_prompt", bundle: .module) }
                    } header: {
                        Text("home.prompt_of_the_day", bundle: .module)
                    }
                }
                Section {
                    TextField(text: $model.title) { Text("reflect.title", bundle: .module) }
                    TextField(text: $model.text, axis: .vertical) { Text("reflect.text", bundle: .module) }
                    Picker(selection: $model.letterTo) {
                        Text("reflect.journal", bundle: .module).tag(String?.none)
                        ForEach(model.people, id: \.id) { person in
                            Text("reflect.letter_to \(person.alias)", bundle: .module).tag(Optional(person.id))
                        }
                    } label: {
                        Text("reflect.kind", bundle: .module)
                    }
                    if model.letterTo != nil {
                        Text("urge.letter.never_sent", bundle: .module).font(.footnote)
                    }
                        .lineLimit(6...)
                    Button { Task { await model.saveEntry() } } label: { Text("common.save", bundle: .module) }
                }
                Section {
                    ForEach(model.reasons, id: \.id) { Text($0.text) }
                    TextField(text: $model.newReason) { Text("reflect.reason.new", bundle: .module) }
                    Button { Task { await model.addReason() } } label: { Text("reflect.reason.add", bundle: .module) }
                    ForEach(model.suggestions, id: \.id) { suggestion in
                        Button { Task { await model.accept(suggestion) } } label: {
                            Text(localized("reason_suggestion.\(suggestion.id)", fallback: suggestion.text))
                        }
                    }
                } header: {
                    Text("urge.my_reasons", bundle: .module)
                }
                ForEach(model.entries, id: \.id) { entry in
                    VStack(alignment: .leading) {
                        Text(entry.body.title).font(.headline)
                        Text(entry.body.text).lineLimit(3)
                    }
                }
                if let problem = model.problem {
                    problemText(problem)
                }
            }
            .task { await model.load() }
            .quickExitToolbar()
        }
    }
}

#Preview("Reflect") {
    ReflectView(model: ReflectModel.preview(todaysPrompt: PreviewData.summary().promptOfTheDay, reasons: PreviewData.support.reasons))
}
#endif
