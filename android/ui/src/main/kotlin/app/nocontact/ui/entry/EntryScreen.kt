package app.nocontact.ui.entry

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import app.nocontact.core.AttemptResponse
import app.nocontact.core.Channel
import app.nocontact.core.Emotion
import app.nocontact.core.EventKind
import app.nocontact.core.Initiator
import app.nocontact.core.UrgeOutcome
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.PickRow
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.TextInput
import app.nocontact.ui.components.Toggle
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.str

class EntryActions(
    val onChange: (EntryDraft) -> Unit = {},
    val onSave: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

/** The kinds a new entry can be, in this order. */
val EntryKinds = listOf(EventKind.THEIR_ATTEMPT, EventKind.MY_CONTACT, EventKind.URGE, EventKind.CHECK_IN)

private fun <T> Set<T>.toggled(v: T): Set<T> = if (v in this) this - v else this + v

@Composable
fun EntryScreen(state: EntryState, actions: EntryActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        val d = state.draft
        val change = actions.onChange
        Heading(str(if (state.amending != null) "entry_title_amend" else "entry_title_new"))
        if (state.amending != null) {
            Note(str("entry_amend_explain"), Modifier.testTag("entry_amend_explain"))
        } else {
            PickRow(str("entry_kind")) {
                EntryKinds.forEach { k -> Pick(str(enumKey("entry_kind", k)), d.kind == k, Modifier.testTag("entry_kind_${k.name.lowercase()}")) { change(d.copy(kind = k)) } }
            }
        }
        if (state.loading) {
            Body(str("entry_loading"))
            return@ScreenFrame
        }
        val needsPerson = d.kind == EventKind.THEIR_ATTEMPT || d.kind == EventKind.MY_CONTACT
        if (d.kind != EventKind.CHECK_IN) {
            PickRow(str(if (needsPerson) "entry_who" else "entry_who_optional")) {
                if (!needsPerson) Pick(str("entry_no_one"), d.personId == null, Modifier.testTag("entry_person_none")) { change(d.copy(personId = null)) }
                state.people.forEach { p -> Pick(p.alias, d.personId == p.id, Modifier.testTag("entry_person_${p.id}")) { change(d.copy(personId = p.id)) } }
            }
            if (needsPerson && state.people.isEmpty()) Note(str("entry_no_people"))
        }
        when (d.kind) {
            EventKind.THEIR_ATTEMPT -> Attempt(d, change)
            EventKind.MY_CONTACT -> Contact(d, state, change)
            EventKind.URGE -> UrgeFields(d, state, change)
            EventKind.CHECK_IN -> CheckInFields(d, change)
        }
        TextInput(d.note, { change(d.copy(note = it)) }, str("entry_note"), "entry_note", singleLine = false)
        state.problem?.let { Note(str(if (it == EntryProblem.REFUSED) "entry_refused" else "entry_problem"), Modifier.testTag("entry_problem")) }
        val canSave = !state.busy && (!needsPerson || d.personId != null)
        PrimaryButton(str(if (state.amending != null) "entry_save_amend" else "entry_save"), actions.onSave, enabled = canSave, modifier = Modifier.testTag("entry_save"))
        SecondaryButton(str("common_cancel"), actions.onBack, Modifier.testTag("entry_cancel"))
    }
}

@Composable
private fun Channels(label: String, chosen: Channel?, tag: String, onPick: (Channel) -> Unit) {
    PickRow(label) { Channel.entries.forEach { c -> Pick(str(enumKey("channel", c)), chosen == c, Modifier.testTag("${tag}_${c.name.lowercase()}")) { onPick(c) } } }
}

@Composable
private fun Attempt(d: EntryDraft, change: (EntryDraft) -> Unit) {
    Channels(str("entry_channel"), d.channel, "entry_channel") { change(d.copy(channel = it)) }
    TextInput(d.handle, { change(d.copy(handle = it)) }, str("entry_handle"), "entry_handle")
    TextInput(d.said, { change(d.copy(said = it)) }, str("entry_said"), "entry_said", singleLine = false)
    Toggle(str("entry_said_verbatim"), d.saidVerbatim, "entry_said_verbatim") { change(d.copy(saidVerbatim = it)) }
    PickRow(str("entry_response")) {
        AttemptResponse.entries.forEach { r -> Pick(str(enumKey("attempt_response", r)), d.response == r, Modifier.testTag("entry_response_${r.name.lowercase()}")) { change(d.copy(response = r)) } }
    }
    TextInput(d.location, { change(d.copy(location = it)) }, str("entry_location"), "entry_location")
    TextInput(d.witnesses, { change(d.copy(witnesses = it)) }, str("entry_witnesses"), "entry_witnesses", singleLine = false)
    PickRow(str("entry_felt_unsafe")) {
        (0..4).forEach { n -> Pick(str("entry_unsafe.$n"), d.feltUnsafe == n, Modifier.testTag("entry_unsafe_$n")) { change(d.copy(feltUnsafe = n)) } }
    }
}

@Composable
private fun Contact(d: EntryDraft, state: EntryState, change: (EntryDraft) -> Unit) {
    Channels(str("entry_channel"), d.channel, "entry_channel") { change(d.copy(channel = it)) }
    PickRow(str("entry_initiated_by")) {
        Initiator.entries.forEach { i -> Pick(str(enumKey("initiator", i)), d.initiatedBy == i, Modifier.testTag("entry_initiator_${i.name.lowercase()}")) { change(d.copy(initiatedBy = i)) } }
    }
    val boundaries = state.boundaries.filter { it.personId == null || it.personId == d.personId || it.id in d.crossed }
    if (boundaries.isNotEmpty()) {
        PickRow(str("entry_crossed")) {
            boundaries.forEach { b -> Pick(b.statement, b.id in d.crossed, Modifier.testTag("entry_crossed_${b.id}")) { change(d.copy(crossed = d.crossed.toggled(b.id))) } }
        }
    }
}

@Composable
private fun UrgeFields(d: EntryDraft, state: EntryState, change: (EntryDraft) -> Unit) {
    PickRow(str("entry_intensity")) {
        (0..10).forEach { n -> Pick("$n", d.intensity == n, Modifier.testTag("entry_intensity_$n")) { change(d.copy(intensity = n)) } }
    }
    if (state.triggers.isNotEmpty()) {
        PickRow(str("entry_triggers")) {
            state.triggers.forEach { t -> Pick(t.name, t.id in d.triggers, Modifier.testTag("entry_trigger_${t.id}")) { change(d.copy(triggers = d.triggers.toggled(t.id))) } }
        }
    }
    PickRow(str("entry_emotions")) {
        Emotion.entries.forEach { e -> Pick(str(enumKey("emotion", e)), e in d.emotions, Modifier.testTag("entry_emotion_${e.name.lowercase()}")) { change(d.copy(emotions = d.emotions.toggled(e))) } }
    }
    TextInput(d.coping, { change(d.copy(coping = it)) }, str("entry_coping"), "entry_coping", singleLine = false)
    PickRow(str("entry_outcome")) {
        UrgeOutcome.entries.forEach { o -> Pick(str(enumKey("entry_outcome", o)), d.outcome == o, Modifier.testTag("entry_outcome_${o.name.lowercase()}")) { change(d.copy(outcome = o)) } }
    }
    if (d.outcome == UrgeOutcome.REACHED_OUT) {
        Channels(str("entry_reached_out_via"), d.reachedOutVia, "entry_via") { change(d.copy(reachedOutVia = it)) }
    }
}

@Composable
private fun CheckInFields(d: EntryDraft, change: (EntryDraft) -> Unit) {
    PickRow(str("entry_mood")) {
        (1..5).forEach { n -> Pick(str("mood.$n"), d.mood == n, Modifier.testTag("entry_mood_$n")) { change(d.copy(mood = n)) } }
    }
    PickRow(str("entry_energy")) {
        Pick(str("entry_energy_unsaid"), d.energy == null, Modifier.testTag("entry_energy_none")) { change(d.copy(energy = null)) }
        (1..5).forEach { n -> Pick(str("entry_energy.$n"), d.energy == n, Modifier.testTag("entry_energy_$n")) { change(d.copy(energy = n)) } }
    }
}
