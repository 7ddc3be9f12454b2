package app.nocontact.ui.log

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.nocontact.core.Event
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TouchTarget
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.plural
import app.nocontact.ui.strings.str
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.Locale

class LogActions(
    val onFilter: (EventKind?) -> Unit = {},
    val onMore: () -> Unit = {},
    val onOpen: (String) -> Unit = {},
    val onCloseDetail: () -> Unit = {},
    val onEdit: () -> Unit = {},
    val onDraft: (String) -> Unit = {},
    val onSaveEdit: () -> Unit = {},
    val onCancelEdit: () -> Unit = {},
    val onAskDelete: () -> Unit = {},
    val onDelete: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
    val onPerson: (String?) -> Unit = {},
    val onPeriod: (LogPeriod) -> Unit = {},
    val onEditAll: () -> Unit = {},
)

/** The kinds offered as filters, in this order, after "Everything". */
val LogFilters = listOf(EventKind.THEIR_ATTEMPT, EventKind.URGE, EventKind.CHECK_IN, EventKind.MY_CONTACT)

private val WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.getDefault())

/** When [event] happened, in the offset where it was logged. */
fun whenOf(event: Event): String = WHEN.format(event.at.atOffset(ZoneOffset.ofTotalSeconds(event.utcOffsetSeconds)))

/** At most the first line and 80 characters of a note, for the list. */
fun preview(note: String): String {
    val line = note.lineSequence().firstOrNull { it.isNotBlank() }?.trim().orEmpty()
    return when {
        line.length > 80 -> line.take(80).trimEnd() + "…"
        line.length < note.trim().length -> "$line …"
        else -> line
    }
}

@Composable
fun LogScreen(state: LogState, actions: LogActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        if (state.problem) Note(str("log_problem"))
        val detail = state.detail
        if (detail != null) {
            Detail(detail, state, actions)
        } else {
            Timeline(state, actions)
        }
    }
}

@Composable
private fun Title(event: Event, people: Map<String, String>): String {
    val someone = str("log_someone")
    fun who(id: String?): String = id?.let { people[it] } ?: someone
    return when (val b = event.body) {
        is EventBody.Urge -> str("log_event_urge", b.urge.intensity.toInt(), str(enumKey("urge_outcome", b.urge.outcome)))
        is EventBody.TheirAttempt -> str("log_event_their_attempt", who(b.attempt.personId), str(enumKey("channel", b.attempt.channel)))
        is EventBody.MyContact -> str("log_event_my_contact", who(b.contact.personId), str(enumKey("channel", b.contact.channel)))
        is EventBody.CheckIn -> str("log_event_check_in", str("mood.${b.checkIn.mood}"))
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Timeline(state: LogState, actions: LogActions) {
    Heading(str("log_title"))
    state.notice?.let { Note(str(noticeKey(it)), Modifier.testTag("log_notice")) }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Pick(str("log_filter_all"), state.filter == null, Modifier.testTag("filter_all")) { actions.onFilter(null) }
        LogFilters.forEach { k ->
            Pick(str(enumKey("event_kind", k)), state.filter == k, Modifier.testTag("filter_${k.name.lowercase()}")) { actions.onFilter(k) }
        }
    }
    if (state.people.isNotEmpty()) {
        Text(str("log_filter_who"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onBackground)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Pick(str("log_filter_everyone"), state.person == null, Modifier.testTag("filter_person_all")) { actions.onPerson(null) }
            state.people.forEach { (id, alias) ->
                Pick(alias, state.person == id, Modifier.testTag("filter_person_$id")) { actions.onPerson(id) }
            }
        }
    }
    Text(str("log_filter_when"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onBackground)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LogPeriod.entries.forEach { p ->
            Pick(str("log_period.${p.name.lowercase()}"), state.period == p, Modifier.testTag("period_${p.name.lowercase()}")) { actions.onPeriod(p) }
        }
    }
    if (state.loading) {
        Body(str("log_loading"))
        return
    }
    Body(plural("log_count", state.total.toInt(), state.total.toInt()), Modifier.testTag("log_count"))
    if (state.events.isEmpty()) Note(str("log_empty"))
    state.events.forEach { e -> EventRow(e, state.people, actions) }
    if (state.nextOffset != null) SecondaryButton(str("log_more"), actions.onMore, Modifier.testTag("log_more"))
    SecondaryButton(str("log_back"), actions.onBack, Modifier.testTag("log_back"))
}

private fun noticeKey(n: LogNotice) = when (n) {
    LogNotice.AMENDED -> "log_amended"
    LogNotice.DELETED -> "log_deleted"
}

@Composable
private fun EventRow(event: Event, people: Map<String, String>, actions: LogActions) {
    Surface(
        onClick = { actions.onOpen(event.id) },
        color = MaterialTheme.colorScheme.surfaceVariant,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().heightIn(min = TouchTarget).testTag("event_${event.id}"),
    ) {
        Column(Modifier.padding(horizontal = 16.dp, vertical = 12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(Title(event, people), style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            val time = whenOf(event)
            Text(if (event.revision > 0u) str("log_when_corrected", time) else time, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            val note = noteOf(event.body)
            if (note.isNotBlank()) Text(preview(note), style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
        }
    }
}

@Composable
private fun Detail(detail: LogDetail, state: LogState, actions: LogActions) {
    val e = detail.event
    Heading(Title(e, state.people))
    Body(whenOf(e), Modifier.testTag("detail_when"))
    if (e.revision > 0u) Body(str("log_detail_corrected", e.revision.toInt() + 1))
    state.notice?.let { Note(str(noticeKey(it)), Modifier.testTag("log_notice")) }
    val draft = detail.draft
    when {
        draft != null -> {
            Body(str("log_edit_explain"))
            OutlinedTextField(
                value = draft,
                onValueChange = actions.onDraft,
                label = { Text(str("log_edit_label")) },
                minLines = 3,
                modifier = Modifier.fillMaxWidth().testTag("log_draft"),
            )
            PrimaryButton(str("log_edit_save"), actions.onSaveEdit, enabled = draft != noteOf(e.body), modifier = Modifier.testTag("log_save"))
            SecondaryButton(str("common_cancel"), actions.onCancelEdit)
        }
        detail.confirmDelete -> {
            Note(str("log_delete_explain"))
            PrimaryButton(str("log_delete_confirm"), actions.onDelete, modifier = Modifier.testTag("log_delete_confirm"))
            SecondaryButton(str("common_cancel"), actions.onCancelEdit)
        }
        else -> {
            Text(str("log_detail_note"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.onBackground)
            val note = noteOf(e.body)
            Body(note.ifBlank { str("log_detail_no_note") }, Modifier.testTag("detail_note"))
            SecondaryButton(str("log_edit"), actions.onEdit, Modifier.testTag("log_edit"))
            SecondaryButton(str("log_edit_all"), actions.onEditAll, Modifier.testTag("log_edit_all"))
            SecondaryButton(str("log_delete"), actions.onAskDelete, Modifier.testTag("log_delete"))
        }
    }
    if (detail.earlier.isNotEmpty()) {
        Text(str("log_earlier_title"), style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.onBackground)
        detail.earlier.forEach { v ->
            Surface(color = MaterialTheme.colorScheme.surfaceVariant, shape = MaterialTheme.shapes.medium, modifier = Modifier.fillMaxWidth().testTag("version_${v.revision}")) {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    val recorded = v.amendedAt ?: v.recordedAt
                    Text(
                        str("log_version", v.revision.toInt() + 1, WHEN.format(recorded.atOffset(ZoneOffset.ofTotalSeconds(v.utcOffsetSeconds)))),
                        style = MaterialTheme.typography.titleSmall,
                        color = MaterialTheme.colorScheme.onSurfaceVariant,
                    )
                    Text(noteOf(v.body).ifBlank { str("log_detail_no_note") }, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurfaceVariant)
                }
            }
        }
    }
    SecondaryButton(str("log_back_to_list"), actions.onCloseDetail, Modifier.testTag("log_close_detail"))
}

