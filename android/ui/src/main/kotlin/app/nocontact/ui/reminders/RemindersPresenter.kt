package app.nocontact.ui.reminders

import app.nocontact.client.CoreError
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.Reminder
import app.nocontact.core.ReminderSettings
import app.nocontact.core.TimeOfDay
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The times offered for the daily check-in and the evening review (null: off). */
val CheckInTimes: List<TimeOfDay?> = listOf(null, TimeOfDay(8u, 0u), TimeOfDay(12u, 0u), TimeOfDay(18u, 0u), TimeOfDay(20u, 0u), TimeOfDay(21u, 0u))
val ReviewTimes: List<TimeOfDay?> = listOf(null, TimeOfDay(20u, 0u), TimeOfDay(21u, 0u), TimeOfDay(22u, 0u))

/** When the one-off notices come. */
val NoticeTimes: List<TimeOfDay> = listOf(TimeOfDay(8u, 0u), TimeOfDay(9u, 0u), TimeOfDay(10u, 0u), TimeOfDay(12u, 0u))

/** Days of heads-up before a risky date (null: none). */
val HeadsUpDays: List<UInt?> = listOf(null, 0u, 1u, 3u, 7u)

enum class RemindersProblem { REFUSED, OTHER }

data class RemindersState(
    val loading: Boolean = true,
    /** The settings as chosen on screen (saved ones until changed). */
    val draft: ReminderSettings? = null,
    val changed: Boolean = false,
    /** The next reminders with the core's text, at the chosen discretion. */
    val upcoming: List<Reminder> = emptyList(),
    val saved: Boolean = false,
    val busy: Boolean = false,
    val problem: RemindersProblem? = null,
)

/**
 * Reminders: times and the discretion level (neutral text that never says
 * what the app is for, or plain), and the upcoming reminders with the core's
 * text, handed to the platform to schedule [`reminder_settings`,
 * `set_reminder_settings`, `upcoming_reminders`].
 */
class RemindersPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    /** The platform schedules these notifications (Android: AlarmManager with the notification channel). */
    private val onSchedule: (List<Reminder>) -> Unit = {},
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(RemindersState())
    val state: StateFlow<RemindersState> = mutable.asStateFlow()

    fun start() {
        scope.launch {
            when (val s = client.reminderSettings()) {
                is Outcome.Ok -> mutable.update { it.copy(loading = false, draft = s.value) }
                is Outcome.Err -> mutable.update { it.copy(loading = false, problem = RemindersProblem.OTHER) }
            }
            loadUpcoming()
        }
    }

    private suspend fun loadUpcoming() {
        when (val u = client.upcomingReminders(UPCOMING)) {
            is Outcome.Ok -> {
                mutable.update { it.copy(upcoming = u.value) }
                onSchedule(u.value)
            }
            is Outcome.Err -> mutable.update { it.copy(problem = RemindersProblem.OTHER) }
        }
    }

    /** A change on screen, not saved yet. */
    fun changed(draft: ReminderSettings) = mutable.update { it.copy(draft = draft, changed = true, saved = false, problem = null) }

    fun save() {
        val draft = mutable.value.draft ?: return
        if (mutable.value.busy) return
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            when (val r = client.setReminderSettings(draft)) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(busy = false, draft = r.value, changed = false, saved = true) }
                    loadUpcoming()
                }
                is Outcome.Err -> mutable.update {
                    it.copy(busy = false, problem = if (r.error is CoreError.InvalidInput) RemindersProblem.REFUSED else RemindersProblem.OTHER)
                }
            }
        }
    }

    fun back() = onBack()

    companion object {
        /** How many upcoming reminders are shown and scheduled. */
        val UPCOMING: UInt = 8u
    }
}
