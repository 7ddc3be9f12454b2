// The home-screen widget's logic against the real library: three presses
// logged through the drop box with the vault locked, or while the app holds
// it unlocked, joining the log at the next unlock.
package app.nocontact.client

import app.nocontact.core.EventKind
import app.nocontact.core.Secret
import kotlinx.coroutines.runBlocking

fun registerWidgetTests() {
    Suite.test("widget: three presses while locked are saved and join the log at the next unlock") {
        VaultThread().use { thread ->
            newClient(thread).client.use { app ->
                runBlocking {
                    val sam = app.call { it.addPerson(person("Sam")) }.ok("addPerson")
                    app.lock().ok("lock")
                    val widget = QuickLogWidgetPresenter(thread, path(), UTC, sam.id)
                    for (button in WidgetButton.values()) {
                        assertEq(widget.press(button), WidgetStatus.SAVED, "press $button")
                    }
                    app.unlock(Secret.Passcode(PASSCODE)).ok("unlock")
                    val events = app.listEvents(emptyList(), 0u, 50u).ok("listEvents").events
                    assertEq(events.map { it.kind }.toSet(), setOf(EventKind.THEIR_ATTEMPT, EventKind.URGE, EventKind.CHECK_IN), "kinds")
                    check(events.all { it.loggedWhileLocked }) { "an entry is not marked as logged while locked" }
                }
            }
        }
    }

    Suite.test("widget: a press while the app holds the vault, without a person, and with no vault") {
        VaultThread().use { thread ->
            newClient(thread).client.use { app ->
                runBlocking {
                    // The app has the vault open: the widget still saves.
                    assertEq(QuickLogWidgetPresenter(thread, path(), UTC, null).press(WidgetButton.IM_OK), WidgetStatus.SAVED, "while held")
                    assertEq(
                        QuickLogWidgetPresenter(thread, path(), UTC, null).press(WidgetButton.THEY_REACHED_OUT),
                        WidgetStatus.CHOOSE_PERSON,
                        "no person chosen",
                    )
                    assertEq(
                        QuickLogWidgetPresenter(thread, path("missing.db"), UTC, null).press(WidgetButton.URGE),
                        WidgetStatus.NOT_SAVED,
                        "no vault file",
                    )
                    app.lock().ok("lock")
                    app.unlock(Secret.Passcode(PASSCODE)).ok("unlock")
                    val events = app.listEvents(emptyList(), 0u, 50u).ok("listEvents").events
                    assertEq(events.map { it.kind }, listOf(EventKind.CHECK_IN), "what joined the log")
                }
            }
        }
    }
}
