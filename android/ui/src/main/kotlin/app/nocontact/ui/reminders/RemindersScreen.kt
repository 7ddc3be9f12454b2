package app.nocontact.ui.reminders

import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import app.nocontact.core.Discretion
import app.nocontact.core.Reminder
import app.nocontact.core.TimeOfDay
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Card
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.PickRow
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.SectionTitle
import app.nocontact.ui.components.Toggle
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.str
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.Locale

class RemindersActions(
    val onChange: (app.nocontact.core.ReminderSettings) -> Unit = {},
    val onSave: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

private val AT = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.getDefault())

/** A time of day as HH:MM. */
fun hhmm(t: TimeOfDay): String = "%02d:%02d".format(t.hour.toInt(), t.minute.toInt())

private fun tagOf(t: TimeOfDay?) = t?.let { "%02d%02d".format(it.hour.toInt(), it.minute.toInt()) } ?: "off"

/** The reminders screen wired to its presenter. */
@Composable
fun RemindersPane(p: RemindersPresenter, zone: ZoneId, onQuickExit: () -> Unit) {
    val state by p.state.collectAsState()
    RemindersScreen(state, RemindersActions(onChange = p::changed, onSave = p::save, onBack = p::back, onQuickExit = onQuickExit), zone)
}

@Composable
fun RemindersScreen(state: RemindersState, actions: RemindersActions, zone: ZoneId) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("reminders_title"))
        if (state.saved) Note(str("reminders_saved"), Modifier.testTag("reminders_saved"))
        state.problem?.let { Note(str(if (it == RemindersProblem.REFUSED) "reminders_refused" else "reminders_problem"), Modifier.testTag("reminders_problem")) }
        val d = state.draft
        if (d == null) {
            if (state.loading) Body(str("reminders_loading"))
            return@ScreenFrame
        }
        val change = actions.onChange
        PickRow(str("reminders_discretion")) {
            Discretion.entries.forEach { level -> Pick(str(enumKey("discretion", level)), d.discretion == level, Modifier.testTag("discretion_${level.name.lowercase()}")) { change(d.copy(discretion = level)) } }
        }
        Body(str(if (d.discretion == Discretion.NEUTRAL) "reminders_neutral_explain" else "reminders_plain_explain"))
        PickRow(str("reminders_daily")) {
            CheckInTimes.forEach { t -> Pick(t?.let(::hhmm) ?: str("reminders_off"), d.dailyCheckIn == t, Modifier.testTag("daily_${tagOf(t)}")) { change(d.copy(dailyCheckIn = t)) } }
        }
        PickRow(str("reminders_evening")) {
            ReviewTimes.forEach { t -> Pick(t?.let(::hhmm) ?: str("reminders_off"), d.eveningReview == t, Modifier.testTag("evening_${tagOf(t)}")) { change(d.copy(eveningReview = t)) } }
        }
        Toggle(str("reminders_milestones"), d.milestones, "reminders_milestones") { change(d.copy(milestones = it)) }
        Toggle(str("reminders_boundary_reviews"), d.boundaryReviews, "reminders_boundary_reviews") { change(d.copy(boundaryReviews = it)) }
        PickRow(str("reminders_heads_up")) {
            HeadsUpDays.forEach { n ->
                val label = when (n) {
                    null -> str("reminders_off")
                    0u -> str("reminders_same_day")
                    1u -> str("reminders_day_before")
                    else -> str("reminders_days_before", n.toInt())
                }
                Pick(label, d.riskyDateHeadsUpDays == n, Modifier.testTag("heads_up_${n ?: "off"}")) { change(d.copy(riskyDateHeadsUpDays = n)) }
            }
        }
        PickRow(str("reminders_notice_time")) {
            NoticeTimes.forEach { t -> Pick(hhmm(t), d.noticeTime == t, Modifier.testTag("notice_${tagOf(t)}")) { change(d.copy(noticeTime = t)) } }
        }
        PrimaryButton(str("reminders_save"), actions.onSave, enabled = state.changed && !state.busy, modifier = Modifier.testTag("reminders_save"))

        SectionTitle(str("reminders_upcoming"))
        Body(str("reminders_upcoming_explain"))
        if (state.upcoming.isEmpty()) Body(str("reminders_none"))
        state.upcoming.forEachIndexed { i, r -> UpcomingCard(r, zone, i) }
        SecondaryButton(str("backup_back"), actions.onBack, Modifier.testTag("reminders_back"))
    }
}

@Composable
private fun UpcomingCard(r: Reminder, zone: ZoneId, index: Int) {
    // The title and body are the core's own words, at the chosen discretion: what the notification will say.
    Card(r.title, listOf(r.body, AT.format(r.at.atZone(zone))), "upcoming_$index")
}
