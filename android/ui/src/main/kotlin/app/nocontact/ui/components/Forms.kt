package app.nocontact.ui.components

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp

/**
 * A choice among several: chosen is said by the tick and to screen readers, not by colour alone.
 * [tight] narrows the padding, for choices laid out in a grid.
 */
@Composable
fun Pick(text: String, selected: Boolean, modifier: Modifier = Modifier, tight: Boolean = false, onClick: () -> Unit) {
    val m = modifier.heightIn(min = TouchTarget).widthIn(min = TouchTarget)
    val padding = if (tight) PaddingValues(horizontal = 8.dp, vertical = 8.dp) else ButtonDefaults.ContentPadding
    if (selected) {
        FilledTonalButton(onClick = onClick, modifier = m.semantics { this.selected = true }, contentPadding = padding) {
            Text("✓ $text", textAlign = TextAlign.Center)
        }
    } else {
        OutlinedButton(onClick = onClick, modifier = m, contentPadding = padding) { Text(text, textAlign = TextAlign.Center) }
    }
}

/** A labelled row of [Pick]s that wraps onto more lines as needed. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun PickRow(label: String?, content: @Composable () -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        if (label != null) Text(label, style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onBackground)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) { content() }
    }
}

/** An on/off setting: the whole row is the touch target, with a switch that says its state. */
@Composable
fun Toggle(text: String, value: Boolean, tag: String, onChange: (Boolean) -> Unit) {
    Row(
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(12.dp),
        modifier = Modifier.fillMaxWidth().heightIn(min = TouchTarget).testTag(tag)
            .toggleable(value = value, role = Role.Switch, onValueChange = onChange),
    ) {
        Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onBackground, modifier = Modifier.weight(1f))
        Switch(checked = value, onCheckedChange = null)
    }
}

/** A text field with its label above the typing. */
@Composable
fun TextInput(value: String, onChange: (String) -> Unit, label: String, tag: String, singleLine: Boolean = true) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = singleLine,
        minLines = if (singleLine) 1 else 3,
        modifier = Modifier.fillMaxWidth().testTag(tag),
    )
}

/** A card in a list: a title, lines under it, and its actions (which wrap at large text). */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun Card(title: String, lines: List<String>, tag: String, actions: @Composable () -> Unit = {}) {
    Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth().testTag(tag)) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(title, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            lines.forEach { Text(it, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant) }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) { actions() }
        }
    }
}

/** A small action inside a [Card]. */
@Composable
fun CardAction(text: String, tag: String, onClick: () -> Unit) {
    OutlinedButton(onClick = onClick, modifier = Modifier.heightIn(min = TouchTarget).widthIn(min = TouchTarget).testTag(tag)) {
        Text(text, style = MaterialTheme.typography.labelLarge)
    }
}

/** A section title inside a screen. */
@Composable
fun SectionTitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleLarge, color = MaterialTheme.colorScheme.onBackground, modifier = Modifier.semantics { heading() })
}

/** A panel of its own on the screen's background: a group of lines and actions that belong together. */
@Composable
fun Panel(modifier: Modifier = Modifier, content: @Composable () -> Unit) {
    Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(10.dp)) { content() }
    }
}
