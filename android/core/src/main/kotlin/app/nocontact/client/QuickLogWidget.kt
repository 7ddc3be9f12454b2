package app.nocontact.client

import app.nocontact.core.Channel
import app.nocontact.core.QuickEntry
import java.time.ZoneId

/** The home-screen widget's three buttons. */
enum class WidgetButton { THEY_REACHED_OUT, URGE, IM_OK }

/** What the widget may show after a press: "Saved", or why not. Never what was saved. */
enum class WidgetStatus {
    SAVED,

    /** *They reached out* needs the person, chosen in the app. */
    CHOOSE_PERSON,

    /** Nothing was written (no vault yet, or the file could not be written). */
    NOT_SAVED,
}

/**
 * The widget's logic, the same as the iOS widget's: each press opens the
 * vault file on its own, logs through the drop box without unlocking
 * (`log_while_locked`), and closes it. It works while the app holds the vault
 * unlocked; the entries join the log at the next unlock. Which person *They
 * reached out* is about is the app's choice, passed in as an id only.
 */
class QuickLogWidgetPresenter(
    private val thread: VaultThread,
    private val path: String,
    private val zone: ZoneId,
    private val personId: String?,
) {
    suspend fun press(button: WidgetButton): WidgetStatus {
        val entry = when (button) {
            WidgetButton.THEY_REACHED_OUT ->
                QuickEntry.TheirAttempt(personId ?: return WidgetStatus.CHOOSE_PERSON, Channel.CALL)
            // Logged instead of acted on; the details can be added after unlock.
            WidgetButton.URGE -> QuickEntry.Urge(5u, personId)
            // "I'm OK": a check-in of 4 on the 1-5 scale.
            WidgetButton.IM_OK -> QuickEntry.CheckIn(4u)
        }
        val client = when (val opened = VaultClient.open(thread, path, zone)) {
            is Outcome.Ok -> opened.value
            is Outcome.Err -> return WidgetStatus.NOT_SAVED
        }
        return client.use {
            when (it.logWhileLocked(entry)) {
                is Outcome.Ok -> WidgetStatus.SAVED
                is Outcome.Err -> WidgetStatus.NOT_SAVED
            }
        }
    }
}
