package app.nocontact.ui.urge

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import app.nocontact.core.Channel
import app.nocontact.core.SupportContact
import app.nocontact.core.UrgeOutcome
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.home.QuickChannels
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.str
import app.nocontact.ui.unlock.clock

class UrgeActions(
    val onToggleStep: (Int) -> Unit = {},
    val onReach: (SupportContact) -> Unit = {},
    val onWait: () -> Unit = {},
    val onLetter: (String) -> Unit = {},
    val onKeepLetter: () -> Unit = {},
    val onReachedOut: () -> Unit = {},
    val onEnd: (UrgeOutcome, Channel?) -> Unit = { _, _ -> },
    val onQuickExit: () -> Unit = {},
)

@OptIn(ExperimentalLayoutApi::class)
@Composable
fun UrgeScreen(state: UrgeState, actions: UrgeActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("urge_title"))
        Body(str("urge_body"))
        if (state.problem) Note(str("home_problem"))
        val support = state.support ?: return@ScreenFrame
        val reasons = support.reasons.map { it.text } + support.planReasons
        Section(str("urge_reasons")) {
            if (reasons.isEmpty()) Body(str("urge_no_reasons"))
            reasons.forEach { Body("• $it") }
        }
        if (support.copingSteps.isNotEmpty()) {
            Section(str("urge_steps")) {
                support.copingSteps.forEachIndexed { i, step ->
                    Row(
                        verticalAlignment = Alignment.CenterVertically,
                        modifier = Modifier
                            .fillMaxWidth()
                            .heightIn(min = TouchTarget)
                            .toggleable(value = i in state.done, role = Role.Checkbox) { actions.onToggleStep(i) }
                            .testTag("step_$i"),
                    ) {
                        Checkbox(checked = i in state.done, onCheckedChange = null)
                        Text(step, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface, modifier = Modifier.padding(start = 12.dp))
                    }
                }
            }
        }
        val people = support.peopleToReach + support.professionals
        if (people.isNotEmpty()) {
            Section(str("urge_people")) {
                people.forEach { p -> SecondaryButton(str("urge_reach", p.name, p.howToReach), { actions.onReach(p) }) }
                Body(str("urge_people_note"))
            }
        }
        Section(str("urge_wait_title")) {
            val left = state.waitLeft
            if (left == null) {
                SecondaryButton(str("urge_wait_start", support.suggestedWaitMinutes.toInt()), actions.onWait, Modifier.testTag("wait"))
            } else {
                Text(
                    if (left > 0) str("urge_wait_left", clock(left)) else str("urge_wait_over"),
                    style = MaterialTheme.typography.headlineSmall,
                    color = MaterialTheme.colorScheme.onSurface,
                    modifier = Modifier.testTag("wait_left"),
                )
            }
        }
        Section(str("urge_letter_title")) {
            Body(str("urge_letter_body"))
            OutlinedTextField(
                value = state.letter,
                onValueChange = actions.onLetter,
                label = { Text(str("urge_letter_label")) },
                minLines = 3,
                modifier = Modifier.fillMaxWidth().testTag("letter"),
            )
            if (state.letterKept) Note(str("urge_letter_kept"))
            SecondaryButton(str("urge_letter_keep"), actions.onKeepLetter)
        }
        Heading(str("urge_end_title"))
        if (state.choosingChannel) {
            Body(str("urge_end_how"))
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                QuickChannels.forEach { c ->
                    OutlinedButton(onClick = { actions.onEnd(UrgeOutcome.REACHED_OUT, c) }, modifier = Modifier.heightIn(min = TouchTarget)) {
                        Text(str(enumKey("channel", c)))
                    }
                }
            }
        } else {
            PrimaryButton(str("urge_end_resisted"), { actions.onEnd(UrgeOutcome.RESISTED, null) })
            SecondaryButton(str("urge_end_delayed"), { actions.onEnd(UrgeOutcome.DELAYED, null) })
            SecondaryButton(str("urge_end_reached_out"), actions.onReachedOut)
            Body(str("urge_end_note"))
        }
    }
}

@Composable
private fun Section(title: String, content: @Composable () -> Unit) {
    Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.large, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(title, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            content()
        }
    }
}
