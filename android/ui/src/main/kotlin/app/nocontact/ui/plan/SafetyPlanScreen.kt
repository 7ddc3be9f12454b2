package app.nocontact.ui.plan

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import app.nocontact.core.SafetyPlan
import app.nocontact.core.SafetyPlanSection
import app.nocontact.core.SupportContact
import app.nocontact.ui.components.TouchTarget
import androidx.compose.foundation.layout.heightIn
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.str
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.util.Locale

class PlanActions(
    val onCrisis: () -> Unit = {},
    val onNext: () -> Unit = {},
    val onPrevious: () -> Unit = {},
    val onOverview: () -> Unit = {},
    val onEdit: (SafetyPlanSection) -> Unit = {},
    val onDraft: (String) -> Unit = {},
    val onSave: () -> Unit = {},
    val onHistory: () -> Unit = {},
    val onReach: (SupportContact) -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

private val SAVED_AT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.getDefault())

/** The key of a section's title: `safety_plan.<the core's id>`. */
fun sectionKey(s: SafetyPlanSection) = enumKey("safety_plan", s)

@Composable
fun SafetyPlanScreen(state: PlanState, actions: PlanActions, zone: ZoneId) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        if (state.problem) Note(str("plan_problem"))
        val plan = state.plan
        if (plan == null) {
            if (state.loading) Body(str("plan_loading"))
            SecondaryButton(str("log_back"), actions.onBack)
            return@ScreenFrame
        }
        when (state.mode) {
            PlanMode.OVERVIEW -> Overview(plan, state, actions)
            PlanMode.CRISIS -> Crisis(plan, state, actions)
            PlanMode.EDIT -> Edit(state, actions)
            PlanMode.HISTORY -> History(state, actions, zone)
        }
    }
}

@Composable
private fun Overview(plan: SafetyPlan, state: PlanState, actions: PlanActions) {
    Heading(str("plan_title"))
    if (state.saved) Note(str("plan_saved"), Modifier.testTag("plan_saved"))
    PrimaryButton(str("plan_open_crisis"), actions.onCrisis, enabled = state.crisisSections.isNotEmpty(), modifier = Modifier.testTag("plan_crisis"))
    if (state.crisisSections.isEmpty()) Body(str("plan_empty"))
    state.sections.forEach { section ->
        Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth().testTag("section_${section.name.lowercase()}")) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                Text(str(sectionKey(section)), style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                val items = lines(plan, section)
                if (items.isEmpty()) {
                    Text(str("plan_section_empty"), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                } else {
                    items.forEach { Text("• $it", style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurfaceVariant) }
                }
                SecondaryButton(str("plan_edit", str(sectionKey(section))), { actions.onEdit(section) }, Modifier.testTag("edit_${section.name.lowercase()}"))
            }
        }
    }
    SecondaryButton(str("plan_history"), actions.onHistory, Modifier.testTag("plan_history"))
    SecondaryButton(str("log_back"), actions.onBack, Modifier.testTag("plan_back"))
}

@Composable
private fun Crisis(plan: SafetyPlan, state: PlanState, actions: PlanActions) {
    val sections = state.crisisSections
    val section = sections.getOrNull(state.crisisIndex) ?: return
    Text(
        str("plan_crisis_position", state.crisisIndex + 1, sections.size),
        style = MaterialTheme.typography.titleMedium,
        color = MaterialTheme.colorScheme.onBackground,
        modifier = Modifier.testTag("crisis_position"),
    )
    Heading(str(sectionKey(section)))
    Column(Modifier.fillMaxWidth().testTag("crisis_section"), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        val contacts = when (section) {
            SafetyPlanSection.PEOPLE_TO_ASK -> plan.peopleToAsk
            SafetyPlanSection.PROFESSIONALS -> plan.professionals
            else -> null
        }
        if (contacts != null) {
            // One tap hands the contact to the phone's own dialer or messages.
            contacts.forEach { c -> ReachButton(c, actions.onReach) }
        } else {
            lines(plan, section).forEachIndexed { i, line ->
                val text = if (section == SafetyPlanSection.COPING_STRATEGIES) "${i + 1}. $line" else line
                Text(text, style = MaterialTheme.typography.headlineMedium, color = MaterialTheme.colorScheme.onBackground)
            }
        }
    }
    if (state.crisisIndex < sections.size - 1) {
        PrimaryButton(str("plan_next"), actions.onNext, modifier = Modifier.testTag("crisis_next"))
    }
    if (state.crisisIndex > 0) {
        SecondaryButton(str("plan_previous"), actions.onPrevious, Modifier.testTag("crisis_previous"))
    }
    SecondaryButton(str("plan_close_crisis"), actions.onOverview, Modifier.testTag("crisis_close"))
}

@Composable
private fun ReachButton(contact: SupportContact, onReach: (SupportContact) -> Unit) {
    Surface(
        onClick = { onReach(contact) },
        color = MaterialTheme.colorScheme.primaryContainer,
        shape = MaterialTheme.shapes.large,
        modifier = Modifier.fillMaxWidth().heightIn(min = TouchTarget),
    ) {
        Column(Modifier.padding(20.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(contact.name, style = MaterialTheme.typography.headlineMedium, color = MaterialTheme.colorScheme.onPrimaryContainer)
            if (contact.howToReach.isNotBlank()) {
                Text(contact.howToReach, style = MaterialTheme.typography.titleLarge, color = MaterialTheme.colorScheme.onPrimaryContainer)
            }
        }
    }
}

@Composable
private fun Edit(state: PlanState, actions: PlanActions) {
    val section = state.editing ?: return
    Heading(str(sectionKey(section)))
    Body(str(if (section == SafetyPlanSection.PEOPLE_TO_ASK || section == SafetyPlanSection.PROFESSIONALS) "plan_edit_contacts_hint" else "plan_edit_hint"))
    OutlinedTextField(
        value = state.draft,
        onValueChange = actions.onDraft,
        label = { Text(str(sectionKey(section))) },
        minLines = 4,
        modifier = Modifier.fillMaxWidth().testTag("plan_draft"),
    )
    Body(str("plan_edit_versions"))
    PrimaryButton(str("plan_save"), actions.onSave, modifier = Modifier.testTag("plan_save"))
    SecondaryButton(str("common_cancel"), actions.onOverview)
}

@Composable
private fun History(state: PlanState, actions: PlanActions, zone: ZoneId) {
    Heading(str("plan_history"))
    if (state.history.isEmpty()) Body(str("plan_history_empty"))
    state.history.forEach { v ->
        Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth().testTag("plan_version_${v.version}")) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                Text(
                    str("plan_version", v.version.toInt(), SAVED_AT.format(v.savedAt.atZone(zone))),
                    style = MaterialTheme.typography.titleMedium,
                    color = MaterialTheme.colorScheme.onSurfaceVariant,
                )
                state.sections.forEach { section ->
                    val items = lines(v.plan, section)
                    if (items.isNotEmpty()) {
                        Text(
                            str(sectionKey(section)) + ": " + items.joinToString("; "),
                            style = MaterialTheme.typography.bodyMedium,
                            color = MaterialTheme.colorScheme.onSurfaceVariant,
                        )
                    }
                }
            }
        }
    }
    SecondaryButton(str("plan_back_to_plan"), actions.onOverview, Modifier.testTag("plan_history_close"))
}
