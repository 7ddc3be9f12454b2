#if canImport(SwiftUI)
import NoContactKit
import NoContactScreens
import SwiftUI

/// Over the open screens: every touch resets the core's idle timer, and
/// when the vault has locked itself `onLocked` runs (the app shows the lock
/// screen). Layout over `ActivityModel`; the clock is the core's.
struct IdleTimer: ViewModifier {
    let model: ActivityModel
    let onLocked: () -> Void

    func body(content: Content) -> some View {
        content
            .simultaneousGesture(TapGesture().onEnded { Task { await model.touch() } })
            .simultaneousGesture(DragGesture(minimumDistance: 8).onEnded { _ in Task { await model.touch() } })
            .task { await model.run() }
            .onChange(of: model.locked) { _, locked in
                if locked { onLocked() }
            }
    }
}

extension View {
    public func idleTimer(_ model: ActivityModel, onLocked: @escaping () -> Void) -> some View {
        modifier(IdleTimer(model: model, onLocked: onLocked))
    }
}

#Preview("Idle timer over a screen") {
    Text(verbatim: "…").idleTimer(ActivityModel.preview(secondsLeft: 42)) {}
}
#endif
