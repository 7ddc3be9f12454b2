package app.nocontact.ui.reflect

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import app.nocontact.core.Prompt
import app.nocontact.core.ReasonTheme
import app.nocontact.core.Reflection
import app.nocontact.core.ReflectionKind
import app.nocontact.ui.components.Panel
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.log.preview
import app.nocontact.ui.strings.LocalStrings
import app.nocontact.ui.strings.plural
import app.nocontact.ui.strings.str
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.Locale

class ReflectActions(
    val onTab: (ReflectTab) -> Unit = {},
    val onTheme: (ReasonTheme?) -> Unit = {},
    val onMore: (Boolean) -> Unit = {},
    val onWrite: (String?) -> Unit = {},
    val onWriteLetter: (String) -> Unit = {},
    val onDraft: (String) -> Unit = {},
    val onSave: () -> Unit = {},
    val onCancelDraft: () -> Unit = {},
    val onNewReason: (String) -> Unit = {},
    val onAddReason: () -> Unit = {},
    val onAccept: (String) -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

private val DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.getDefault())

/** When [r] was written, in the offset where it was written. */
fun whenWritten(r: Reflection): String = DAY.format(r.at.atOffset(ZoneOffset.ofTotalSeconds(r.utcOffsetSeconds)))

/** A prompt's words: the app's for a built-in one (keyed by its stable id), the person's own otherwise. */
@Composable
fun promptText(p: Prompt): String {
    val strings = LocalStrings.current
    return if (p.builtin && strings.has(p.id)) strings.get(p.id) else p.text
}

@Composable
fun ReflectScreen(state: ReflectState, actions: ReflectActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        Heading(str("reflect_title"))
        // While writing, only the writing: the parts come back with Save or Cancel.
        if (state.draft == null) Tabs(state.tab, actions)
        state.notice?.let { Note(str(noticeKey(it)), Modifier.testTag("reflect_notice")) }
        if (state.problem) Note(str("reflect_problem"))
        val draft = state.draft
        when {
            state.loading -> Body(str("reflect_loading"))
            draft != null -> Draft(draft, state, actions)
            else -> when (state.tab) {
                ReflectTab.JOURNAL -> Journal(state, actions)
                ReflectTab.PROMPTS -> Library(state, actions)
                ReflectTab.LETTERS -> Letters(state, actions)
                ReflectTab.REASONS -> Reasons(state, actions)
            }
        }
        if (draft == null) SecondaryButton(str("reflect_back"), actions.onBack, Modifier.testTag("reflect_back"))
    }
}

private fun noticeKey(n: ReflectNotice) = when (n) {
    ReflectNotice.ENTRY_SAVED -> "reflect_entry_saved"
    ReflectNotice.LETTER_KEPT -> "reflect_letter_kept"
    ReflectNotice.REASON_ADDED -> "reflect_reason_added"
}

private fun tabKey(t: ReflectTab) = "reflect_tab_${t.name.lowercase()}"

/** The four parts, two by two, the same width each. */
@Composable
private fun Tabs(current: ReflectTab, actions: ReflectActions) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        ReflectTab.entries.chunked(2).forEach { pair ->
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
                pair.forEach { t ->
                    Pick(str(tabKey(t)), current == t, Modifier.weight(1f).testTag("tab_${t.name.lowercase()}"), tight = true) { actions.onTab(t) }
                }
            }
        }
    }
}

@Composable
private fun Journal(state: ReflectState, actions: ReflectActions) {
    state.today?.let { today ->
        Panel(Modifier.testTag("today_prompt")) {
            Text(str("reflect_today_title"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(promptText(today), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        }
        PrimaryButton(str("reflect_write_today"), { actions.onWrite(today.id) }, modifier = Modifier.testTag("write_today"))
    }
    SecondaryButton(str("reflect_write_free"), { actions.onWrite(null) }, Modifier.testTag("write_free"))
    Subtitle(plural("reflect_entries_count", state.entriesTotal.toInt(), state.entriesTotal.toInt()), Modifier.testTag("entries_count"))
    if (state.entries.isEmpty()) Body(str("reflect_entries_empty"))
    val byId = state.prompts.associateBy { it.id }
    state.entries.forEach { r ->
        val kind = r.body.kind
        val prompt = (kind as? ReflectionKind.Journal)?.promptId?.let { byId[it] }
        Panel(Modifier.testTag("entry_${r.id}")) {
            Text(whenWritten(r), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
            if (prompt != null) Text(promptText(prompt), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(preview(r.body.text), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        }
    }
    if (state.entriesNext != null) SecondaryButton(str("reflect_more"), { actions.onMore(false) }, Modifier.testTag("entries_more"))
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Library(state: ReflectState, actions: ReflectActions) {
    Body(str("reflect_library_explain"))
    val own = state.prompts.any { !it.builtin }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        ReasonTheme.entries.forEach { t ->
            Pick(str(enumKey("reason_theme", t)), state.theme == t, Modifier.testTag("theme_${t.name.lowercase()}")) { actions.onTheme(t) }
        }
        if (own) Pick(str("reflect_theme_own"), state.theme == null, Modifier.testTag("theme_own")) { actions.onTheme(null) }
    }
    val shown = state.prompts.filter { if (state.theme == null) !it.builtin else it.builtin && it.theme == state.theme }
    state.theme?.let { Subtitle(str(enumKey("reason_theme", it))) }
    shown.forEach { p ->
        val text = promptText(p)
        Surface(
            onClick = { actions.onWrite(p.id) },
            color = MaterialTheme.colorScheme.surfaceVariant,
            shape = MaterialTheme.shapes.medium,
            modifier = Modifier.fillMaxWidth().heightIn(min = TouchTarget).testTag("prompt_${p.id}"),
        ) {
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurfaceVariant)
                Text(str("reflect_write_on_prompt"), style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.primary)
            }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Letters(state: ReflectState, actions: ReflectActions) {
    Note(str("reflect_letters_explain"))
    val people = state.people.associate { it.id to it.alias }
    if (state.people.isEmpty()) {
        Body(str("reflect_letters_no_people"))
    } else {
        Subtitle(str("reflect_letter_to_whom"))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            state.people.forEach { p ->
                Pick(p.alias, false, Modifier.testTag("letter_to_${p.id}")) { actions.onWriteLetter(p.id) }
            }
        }
    }
    Subtitle(plural("reflect_letters_count", state.lettersTotal.toInt(), state.lettersTotal.toInt()), Modifier.testTag("letters_count"))
    state.letters.forEach { r ->
        val to = (r.body.kind as? ReflectionKind.UnsentLetter)?.personId?.let { people[it] } ?: str("reflect_someone")
        Panel(Modifier.testTag("letter_${r.id}")) {
            Text(str("reflect_letter_heading", to), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(whenWritten(r), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(preview(r.body.text), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        }
    }
    if (state.lettersNext != null) SecondaryButton(str("reflect_more"), { actions.onMore(true) }, Modifier.testTag("letters_more"))
}

@Composable
private fun Reasons(state: ReflectState, actions: ReflectActions) {
    Subtitle(str("reflect_reasons_mine"))
    if (state.reasons.isEmpty()) Body(str("reflect_reasons_empty"))
    state.reasons.forEach { r ->
        Panel(Modifier.testTag("reason_${r.id}")) {
            Text(r.text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        }
    }
    OutlinedTextField(
        value = state.newReason,
        onValueChange = actions.onNewReason,
        label = { Text(str("reflect_reason_new")) },
        minLines = 2,
        modifier = Modifier.fillMaxWidth().testTag("new_reason"),
    )
    SecondaryButton(str("reflect_reason_add"), actions.onAddReason, Modifier.testTag("add_reason"))
    if (state.suggestions.isEmpty()) return
    Subtitle(str("reflect_suggestions_title"))
    Body(str("reflect_suggestions_explain"))
    val strings = LocalStrings.current
    state.suggestions.groupBy { it.theme }.forEach { (theme, list) ->
        Text(str(enumKey("reason_theme", theme)), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onBackground)
        list.forEach { s ->
            val text = if (strings.has(s.id)) strings.get(s.id) else s.text
            Panel(Modifier.testTag("suggestion_${s.id}")) {
                Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
                OutlinedButton(
                    onClick = { actions.onAccept(s.id) },
                    modifier = Modifier.heightIn(min = TouchTarget).testTag("accept_${s.id}"),
                ) { Text(str("reflect_suggestion_accept")) }
            }
        }
    }
}

@Composable
private fun Draft(draft: ReflectDraft, state: ReflectState, actions: ReflectActions) {
    val person = draft.personId
    val prompt = draft.promptId?.let { id -> state.prompts.firstOrNull { it.id == id } ?: state.today?.takeIf { it.id == id } }
    when {
        person != null -> {
            val alias = state.people.firstOrNull { it.id == person }?.alias ?: str("reflect_someone")
            Subtitle(str("reflect_letter_heading", alias))
            Note(str("reflect_letter_never_sent"))
        }
        prompt != null -> Panel(Modifier.testTag("draft_prompt")) {
            Text(str("reflect_answering"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(promptText(prompt), style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurface)
        }
        else -> Subtitle(str("reflect_free_entry"))
    }
    OutlinedTextField(
        value = draft.text,
        onValueChange = actions.onDraft,
        label = { Text(str(if (person != null) "reflect_letter_label" else "reflect_entry_label")) },
        minLines = 5,
        modifier = Modifier.fillMaxWidth().testTag("reflect_draft"),
    )
    PrimaryButton(
        str(if (person != null) "reflect_letter_keep" else "reflect_entry_save"),
        actions.onSave,
        enabled = draft.text.isNotBlank(),
        modifier = Modifier.testTag("reflect_save"),
    )
    SecondaryButton(str("common_cancel"), actions.onCancelDraft, Modifier.testTag("reflect_cancel"))
}

@Composable
private fun Subtitle(text: String, modifier: Modifier = Modifier) {
    Text(text, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onBackground, modifier = modifier.semantics { heading() })
}


