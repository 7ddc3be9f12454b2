package app.nocontact.ui.home

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import app.nocontact.core.Channel
import app.nocontact.core.NextMilestone
import app.nocontact.core.Streak
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.strings.LocalStrings
import app.nocontact.ui.strings.plural
import app.nocontact.ui.strings.str
import java.time.Instant
import java.time.ZoneId
import java.time.format.TextStyle
import java.util.Locale

class HomeActions(
    val onDismissBanner: () -> Unit = {},
    val onOpen: (QuickSheet) -> Unit = {},
    val onClose: () -> Unit = {},
    val onChoosePerson: (String) -> Unit = {},
    val onChannel: (Channel) -> Unit = {},
    val onUrge: (Int) -> Unit = {},
    val onMood: (Int) -> Unit = {},
    val onDraft: (String) -> Unit = {},
    val onWrite: () -> Unit = {},
    val onLog: () -> Unit = {},
    val onPlan: () -> Unit = {},
    val onSettings: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
    // Reflect, insights, evidence (APPS.md §2.8, §2.11, §2.12).
    val onReflect: () -> Unit = {},
    val onInsights: () -> Unit = {},
    val onEvidence: () -> Unit = {},
    /** Quick log's "who" when there is nobody yet: add the person. */
    val onAddPerson: () -> Unit = {},
    /** Quick log's "add details": the full entry of that kind, about that person when known. */
    val onDetails: (app.nocontact.core.EventKind, String?) -> Unit = { _, _ -> },
)

/** The channels offered first in "They reached out" (the rest can be chosen in the full entry). */
val QuickChannels = listOf(Channel.CALL, Channel.TEXT, Channel.SOCIAL_MEDIA, Channel.EMAIL, Channel.IN_PERSON, Channel.THROUGH_SOMEONE)

/** The key of an enum value: the core's stable id, `kind.value` in snake case. */
fun enumKey(kind: String, value: Enum<*>): String = "$kind.${value.name.lowercase()}"

@Composable
fun HomeScreen(state: HomeState, actions: HomeActions, zone: ZoneId) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        state.banner?.let { Banner(it, zone, actions.onDismissBanner) }
        state.saved?.let { Note(str("home_saved"), Modifier.testTag("saved")) }
        if (state.problem) Note(str("home_problem"))
        QuickActions(state, actions)
        val summary = state.summary
        if (summary == null) {
            if (state.loading) Body(str("home_loading"))
            return@ScreenFrame
        }
        val people = summary.streaks.people
        if (people.isEmpty()) Note(str("home_no_people"))
        people.forEach { StreakCard(it) }
        summary.riskyDateNear?.let {
            Note(plural("home_risky_date", it.daysAway.toInt(), it.daysAway.toInt(), it.name))
        }
        summary.promptOfTheDay?.let { prompt ->
            val strings = LocalStrings.current
            val text = if (prompt.builtin && strings.has(prompt.id)) strings.get(prompt.id) else prompt.text
            Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth()) {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Text(str("home_prompt_title"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
                    Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
                }
            }
        }
        if (state.sheet == null) Links(actions)
    }
}

/** The way to the other screens, below what home shows. */
@Composable
private fun Links(actions: HomeActions) {
    if (LocalDensity.current.fontScale > 1.3f) {
        SecondaryButton(str("home_open_log"), actions.onLog, Modifier.testTag("open_log"))
        SecondaryButton(str("home_open_plan"), actions.onPlan, Modifier.testTag("open_plan"))
    } else {
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
            SecondaryButton(str("home_open_log"), actions.onLog, Modifier.weight(1f).testTag("open_log"))
            SecondaryButton(str("home_open_plan"), actions.onPlan, Modifier.weight(1f).testTag("open_plan"))
        }
    }
    SecondaryButton(str("home_open_settings"), actions.onSettings, Modifier.testTag("open_settings"))
    LaneALinks(actions)
}

/** Reflect, insights and evidence. */
@Composable
private fun LaneALinks(actions: HomeActions) {
    SecondaryButton(str("home_open_reflect"), actions.onReflect, Modifier.testTag("open_reflect"))
    SecondaryButton(str("home_open_insights"), actions.onInsights, Modifier.testTag("open_insights"))
    SecondaryButton(str("home_open_evidence"), actions.onEvidence, Modifier.testTag("open_evidence"))
}

@Composable
private fun Banner(banner: AccessBanner, zone: ZoneId, onDismiss: () -> Unit) {
    Surface(
        color = MaterialTheme.colorScheme.tertiary,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().testTag("access_banner"),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(
                plural("home_access_banner", banner.failedAttempts, banner.failedAttempts, day(banner.since, zone)),
                style = MaterialTheme.typography.bodyLarge,
                color = MaterialTheme.colorScheme.onTertiary,
            )
            TextButton(onClick = onDismiss, modifier = Modifier.heightIn(min = TouchTarget)) {
                Text(str("home_access_banner_dismiss"), color = MaterialTheme.colorScheme.onTertiary)
            }
        }
    }
}

/** The weekday of [at] in [zone], in the device's language. */
private fun day(at: Instant, zone: ZoneId): String =
    at.atZone(zone).dayOfWeek.getDisplayName(TextStyle.FULL, Locale.getDefault())

@Composable
private fun StreakCard(streak: Streak) {
    Surface(
        color = MaterialTheme.colorScheme.primaryContainer,
        shape = MaterialTheme.shapes.large,
        modifier = Modifier.fillMaxWidth().testTag("streak_${streak.personId}"),
    ) {
        Column(Modifier.padding(20.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            val onColor = MaterialTheme.colorScheme.onPrimaryContainer
            Text(streak.alias ?: str("home_everyone"), style = MaterialTheme.typography.titleMedium, color = onColor)
            Text(
                plural("home_days_current", streak.currentDays.toInt(), streak.currentDays.toInt()),
                style = MaterialTheme.typography.displaySmall,
                color = onColor,
            )
            streak.previousDays?.let {
                Text(plural("home_days_before_slip", it.toInt(), it.toInt()), style = MaterialTheme.typography.bodyLarge, color = onColor)
            }
            Text(
                str("home_longest_total", streak.longestDays.toInt(), streak.totalDaysKept.toInt()),
                style = MaterialTheme.typography.bodyMedium,
                color = onColor,
            )
            streak.nextMilestone?.let { Milestone(it, streak.currentDays) }
        }
    }
}

@Composable
private fun Milestone(next: NextMilestone, current: UInt) {
    val label = plural("home_next_milestone", next.daysLeft.toInt(), next.days.toInt(), next.daysLeft.toInt())
    Text(label, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onPrimaryContainer)
    LinearProgressIndicator(
        progress = { if (next.days == 0u) 0f else current.toFloat() / next.days.toFloat() },
        modifier = Modifier.fillMaxWidth().semantics { contentDescription = label },
    )
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun QuickActions(state: HomeState, actions: HomeActions) {
    val open = state.sheet
    if (open == null) {
        PrimaryButton(str("home_action_reached_out"), { actions.onOpen(QuickSheet.THEY_REACHED_OUT) }, modifier = Modifier.testTag("action_reached_out"))
        if (LocalDensity.current.fontScale > 1.3f) {
            // Large text: one action per line, so that no word is broken across lines.
            Action(str("home_action_urge"), Modifier.fillMaxWidth().testTag("action_urge")) { actions.onOpen(QuickSheet.URGE) }
            Action(str("home_action_check_in"), Modifier.fillMaxWidth().testTag("action_check_in")) { actions.onOpen(QuickSheet.CHECK_IN) }
            Action(str("home_action_write"), Modifier.fillMaxWidth().testTag("action_write")) { actions.onOpen(QuickSheet.WRITE) }
        } else {
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
                Action(str("home_action_urge"), Modifier.weight(1f).testTag("action_urge")) { actions.onOpen(QuickSheet.URGE) }
                Action(str("home_action_check_in"), Modifier.weight(1f).testTag("action_check_in")) { actions.onOpen(QuickSheet.CHECK_IN) }
                Action(str("home_action_write"), Modifier.weight(1f).testTag("action_write")) { actions.onOpen(QuickSheet.WRITE) }
            }
        }
        return
    }
    Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.large, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            when (open) {
                QuickSheet.THEY_REACHED_OUT -> {
                    Heading(str("quick_attempt_title"))
                    val people = state.summary?.streaks?.people.orEmpty()
                    if (people.size > 1) {
                        Body(str("quick_attempt_who"))
                        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                            people.forEach { p ->
                                val id = p.personId ?: return@forEach
                                Choice(p.alias ?: id, selected = state.chosenPerson == id) { actions.onChoosePerson(id) }
                            }
                        }
                    }
                    if (people.isEmpty()) {
                        Body(str("home_no_people"))
                        PrimaryButton(str("quick_attempt_add_person"), actions.onAddPerson, modifier = Modifier.testTag("quick_add_person"))
                    }
                    if (state.chosenPerson != null) {
                        Body(str("quick_attempt_how"))
                        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                            QuickChannels.forEach { c -> Choice(str(enumKey("channel", c)), selected = false) { actions.onChannel(c) } }
                        }
                        SecondaryButton(str("entry_add_details"), { actions.onDetails(app.nocontact.core.EventKind.THEIR_ATTEMPT, state.chosenPerson) }, Modifier.testTag("quick_details"))
                    }
                }
                QuickSheet.URGE -> {
                    Heading(str("quick_urge_title"))
                    Body(str("quick_urge_body"))
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        (0..10).forEach { n -> Choice("$n", selected = false, description = str("quick_urge_intensity", n)) { actions.onUrge(n) } }
                    }
                    SecondaryButton(str("entry_add_details"), { actions.onDetails(app.nocontact.core.EventKind.URGE, state.summary?.streaks?.people?.singleOrNull()?.personId) }, Modifier.testTag("quick_details"))
                }
                QuickSheet.CHECK_IN -> {
                    Heading(str("quick_check_in_title"))
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        (1..5).forEach { n -> Choice(str("mood.$n"), selected = false) { actions.onMood(n) } }
                    }
                    SecondaryButton(str("entry_add_details"), { actions.onDetails(app.nocontact.core.EventKind.CHECK_IN, null) }, Modifier.testTag("quick_details"))
                }
                QuickSheet.WRITE -> {
                    Heading(str("quick_write_title"))
                    OutlinedTextField(
                        value = state.draft,
                        onValueChange = actions.onDraft,
                        label = { Text(str("quick_write_label")) },
                        minLines = 3,
                        modifier = Modifier.fillMaxWidth().testTag("draft"),
                    )
                    PrimaryButton(str("quick_write_save"), actions.onWrite, enabled = state.draft.isNotBlank())
                    SecondaryButton(str("home_write_more"), actions.onReflect, Modifier.testTag("write_more"))
                }
            }
            TextButton(onClick = actions.onClose, modifier = Modifier.heightIn(min = TouchTarget)) { Text(str("common_cancel")) }
        }
    }
}

@Composable
private fun Action(text: String, modifier: Modifier, onClick: () -> Unit) {
    FilledTonalButton(onClick = onClick, modifier = modifier.heightIn(min = 64.dp)) {
        Text(text, textAlign = TextAlign.Center, style = MaterialTheme.typography.labelLarge)
    }
}

@Composable
private fun Choice(text: String, selected: Boolean, description: String? = null, onClick: () -> Unit) {
    val modifier = Modifier.heightIn(min = TouchTarget).widthIn(min = TouchTarget)
        .let { m -> if (description != null) m.semantics { contentDescription = description } else m }
    if (selected) {
        // Chosen is said by the tick and to screen readers, not by colour alone.
        FilledTonalButton(onClick = onClick, modifier = modifier.semantics { this.selected = true }) { Text("✓ $text") }
    } else {
        OutlinedButton(onClick = onClick, modifier = modifier) { Text(text) }
    }
}
