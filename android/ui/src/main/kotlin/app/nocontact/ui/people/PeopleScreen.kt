package app.nocontact.ui.people

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import app.nocontact.core.Boundary
import app.nocontact.core.BoundaryKind
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.Person
import app.nocontact.core.Relationship
import app.nocontact.core.Trigger
import app.nocontact.core.TriggerCategory
import app.nocontact.ui.components.Body
import app.nocontact.ui.components.Card
import app.nocontact.ui.components.CardAction
import app.nocontact.ui.components.Heading
import app.nocontact.ui.components.Note
import app.nocontact.ui.components.Pick
import app.nocontact.ui.components.PickRow
import app.nocontact.ui.components.PrimaryButton
import app.nocontact.ui.components.ScreenFrame
import app.nocontact.ui.components.SecondaryButton
import app.nocontact.ui.components.SectionTitle
import app.nocontact.ui.components.TextInput
import app.nocontact.ui.components.Toggle
import app.nocontact.ui.home.enumKey
import app.nocontact.ui.strings.plural
import app.nocontact.ui.strings.str

class PeopleActions(
    val onShowArchived: (Boolean) -> Unit = {},
    val onAddPerson: () -> Unit = {},
    val onEditPerson: (String) -> Unit = {},
    val onPerson: (PersonDraft) -> Unit = {},
    val onSavePerson: () -> Unit = {},
    val onArchivePerson: (String, Boolean) -> Unit = { _, _ -> },
    val onAddBoundary: () -> Unit = {},
    val onEditBoundary: (String) -> Unit = {},
    val onBoundary: (BoundaryDraft) -> Unit = {},
    val onSaveBoundary: () -> Unit = {},
    val onRetireBoundary: (String, Boolean) -> Unit = { _, _ -> },
    val onAddTrigger: () -> Unit = {},
    val onEditTrigger: (String) -> Unit = {},
    val onTrigger: (TriggerDraft) -> Unit = {},
    val onSaveTrigger: () -> Unit = {},
    val onArchiveTrigger: (String, Boolean) -> Unit = { _, _ -> },
    val onCancel: () -> Unit = {},
    val onBack: () -> Unit = {},
    val onQuickExit: () -> Unit = {},
)

@Composable
fun PeopleScreen(state: PeopleState, actions: PeopleActions) {
    ScreenFrame(title = str("app_name"), onQuickExit = actions.onQuickExit) {
        when (state.mode) {
            PeopleMode.LIST -> Lists(state, actions)
            PeopleMode.PERSON -> PersonForm(state, actions)
            PeopleMode.BOUNDARY -> BoundaryForm(state, actions)
            PeopleMode.TRIGGER -> TriggerForm(state, actions)
        }
    }
}

@Composable
private fun Problem(state: PeopleState) {
    state.problem?.let { Note(str(problemKey(it)), Modifier.testTag("people_problem")) }
}

@Composable
private fun Lists(state: PeopleState, actions: PeopleActions) {
    Heading(str("people_title"))
    state.notice?.let { Note(str(noticeKey(it)), Modifier.testTag("people_notice")) }
    Problem(state)
    if (state.loading) {
        Body(str("people_loading"))
        return
    }
    val names = state.people.associate { it.id to it.alias }

    SectionTitle(str("people_section_people"))
    val people = state.people.filter { state.showArchived || !it.archived }
    if (people.isEmpty()) Body(str("people_none"))
    people.forEach { PersonCard(it, state, actions) }
    SecondaryButton(str("people_add_person"), actions.onAddPerson, Modifier.testTag("add_person"))

    SectionTitle(str("people_section_boundaries"))
    val boundaries = state.boundaries.filter { state.showArchived || it.status != BoundaryStatus.RETIRED }
    if (boundaries.isEmpty()) Body(str("people_no_boundaries"))
    boundaries.forEach { BoundaryCard(it, names, state, actions) }
    SecondaryButton(str("people_add_boundary"), actions.onAddBoundary, Modifier.testTag("add_boundary"))

    SectionTitle(str("people_section_triggers"))
    val triggers = state.triggers.filter { state.showArchived || !it.archived }
    if (triggers.isEmpty()) Body(str("people_no_triggers"))
    triggers.forEach { TriggerCard(it, names, actions) }
    SecondaryButton(str("people_add_trigger"), actions.onAddTrigger, Modifier.testTag("add_trigger"))

    Toggle(str("people_show_archived"), state.showArchived, "show_archived", actions.onShowArchived)
    SecondaryButton(str("people_back"), actions.onBack, Modifier.testTag("people_back"))
}

@Composable
private fun PersonCard(p: Person, state: PeopleState, actions: PeopleActions) {
    val lines = mutableListOf(str(enumKey("relationship", p.relationship)), str("people_since", iso(p.noContactSince)))
    state.streaks[p.id]?.let { s ->
        lines += plural("home_days_current", s.currentDays.toInt(), s.currentDays.toInt())
        lines += str("home_longest_total", s.longestDays.toInt(), s.totalDaysKept.toInt())
    }
    if (p.archived) lines += str("people_archived")
    Card(p.alias, lines, "person_${p.id}") {
        CardAction(str("people_edit"), "edit_person_${p.id}") { actions.onEditPerson(p.id) }
        if (p.archived) {
            CardAction(str("people_restore"), "restore_person_${p.id}") { actions.onArchivePerson(p.id, false) }
        } else {
            CardAction(str("people_archive"), "archive_person_${p.id}") { actions.onArchivePerson(p.id, true) }
        }
    }
}

@Composable
private fun BoundaryCard(b: Boundary, names: Map<String, String>, state: PeopleState, actions: PeopleActions) {
    val lines = mutableListOf(str(enumKey("boundary_kind", b.kind)))
    lines += b.personId?.let { names[it] }?.let { str("people_about", it) } ?: str("people_about_everyone")
    state.progress[b.id]?.let { pr ->
        lines += if (pr.daysKept == 1u) str("people_boundary_day_kept") else str("people_boundary_days_kept", pr.daysKept.toInt())
        lines += str("people_boundary_crossed", pr.crossedByMe.toInt())
        pr.lastCrossedOn?.let { lines += str("people_boundary_last_crossed", iso(it)) }
        lines += str("people_boundary_touched", pr.touchedByThem.toInt())
    }
    if (b.status == BoundaryStatus.RETIRED) lines += str("people_retired")
    Card(b.statement, lines, "boundary_${b.id}") {
        CardAction(str("people_edit"), "edit_boundary_${b.id}") { actions.onEditBoundary(b.id) }
        if (b.status == BoundaryStatus.RETIRED) {
            CardAction(str("people_restore"), "restore_boundary_${b.id}") { actions.onRetireBoundary(b.id, false) }
        } else {
            CardAction(str("people_retire"), "retire_boundary_${b.id}") { actions.onRetireBoundary(b.id, true) }
        }
    }
}

@Composable
private fun TriggerCard(t: Trigger, names: Map<String, String>, actions: PeopleActions) {
    val lines = mutableListOf(str(enumKey("trigger_category", t.category)))
    t.date?.let { lines += str("people_trigger_on", "%02d-%02d".format(it.month.toInt(), it.day.toInt())) }
    t.personId?.let { names[it] }?.let { lines += str("people_about", it) }
    if (t.archived) lines += str("people_archived")
    Card(t.name, lines, "trigger_${t.id}") {
        CardAction(str("people_edit"), "edit_trigger_${t.id}") { actions.onEditTrigger(t.id) }
        if (t.archived) {
            CardAction(str("people_restore"), "restore_trigger_${t.id}") { actions.onArchiveTrigger(t.id, false) }
        } else {
            CardAction(str("people_archive"), "archive_trigger_${t.id}") { actions.onArchiveTrigger(t.id, true) }
        }
    }
}

@Composable
private fun PersonForm(state: PeopleState, actions: PeopleActions) {
    val d = state.person
    Heading(str(if (d.id == null) "people_add_person" else "people_edit_person"))
    Body(str("people_person_explain"))
    TextInput(d.alias, { actions.onPerson(d.copy(alias = it)) }, str("people_alias"), "person_alias")
    PickRow(str("people_relationship")) {
        Relationship.entries.forEach { r ->
            Pick(str(enumKey("relationship", r)), d.relationship == r, Modifier.testTag("relationship_${r.name.lowercase()}")) { actions.onPerson(d.copy(relationship = r)) }
        }
    }
    TextInput(d.since, { actions.onPerson(d.copy(since = it)) }, str("people_since_label"), "person_since")
    TextInput(d.notes, { actions.onPerson(d.copy(notes = it)) }, str("people_notes"), "person_notes", singleLine = false)
    Problem(state)
    PrimaryButton(str("people_save"), actions.onSavePerson, enabled = !state.busy && d.alias.isNotBlank(), modifier = Modifier.testTag("people_save"))
    SecondaryButton(str("common_cancel"), actions.onCancel)
}

@Composable
private fun WhoPicks(personId: String?, state: PeopleState, everyoneKey: String, onPick: (String?) -> Unit) {
    PickRow(str("people_who")) {
        Pick(str(everyoneKey), personId == null, Modifier.testTag("who_none")) { onPick(null) }
        state.people.filter { !it.archived || it.id == personId }.forEach { p ->
            Pick(p.alias, personId == p.id, Modifier.testTag("who_${p.id}")) { onPick(p.id) }
        }
    }
}

@Composable
private fun BoundaryForm(state: PeopleState, actions: PeopleActions) {
    val d = state.boundary
    Heading(str(if (d.id == null) "people_add_boundary" else "people_edit_boundary"))
    TextInput(d.statement, { actions.onBoundary(d.copy(statement = it)) }, str("people_boundary_statement"), "boundary_statement", singleLine = false)
    WhoPicks(d.personId, state, "people_about_everyone") { actions.onBoundary(d.copy(personId = it)) }
    PickRow(str("people_boundary_kind")) {
        BoundaryKind.entries.forEach { k ->
            Pick(str(enumKey("boundary_kind", k)), d.kind == k, Modifier.testTag("boundary_kind_${k.name.lowercase()}")) { actions.onBoundary(d.copy(kind = k)) }
        }
    }
    Problem(state)
    PrimaryButton(str("people_save"), actions.onSaveBoundary, enabled = !state.busy && d.statement.isNotBlank(), modifier = Modifier.testTag("people_save"))
    SecondaryButton(str("common_cancel"), actions.onCancel)
}

@Composable
private fun TriggerForm(state: PeopleState, actions: PeopleActions) {
    val d = state.trigger
    Heading(str(if (d.id == null) "people_add_trigger" else "people_edit_trigger"))
    TextInput(d.name, { actions.onTrigger(d.copy(name = it)) }, str("people_trigger_name"), "trigger_name")
    PickRow(str("people_trigger_category")) {
        TriggerCategory.entries.forEach { c ->
            Pick(str(enumKey("trigger_category", c)), d.category == c, Modifier.testTag("trigger_category_${c.name.lowercase()}")) { actions.onTrigger(d.copy(category = c)) }
        }
    }
    if (d.category == TriggerCategory.DATE_OR_ANNIVERSARY || d.date.isNotEmpty()) {
        TextInput(d.date, { actions.onTrigger(d.copy(date = it)) }, str("people_trigger_date"), "trigger_date")
    }
    WhoPicks(d.personId, state, "people_about_no_one") { actions.onTrigger(d.copy(personId = it)) }
    Problem(state)
    PrimaryButton(str("people_save"), actions.onSaveTrigger, enabled = !state.busy && d.name.isNotBlank(), modifier = Modifier.testTag("people_save"))
    SecondaryButton(str("common_cancel"), actions.onCancel)
}

private fun noticeKey(n: PeopleNotice) = when (n) {
    PeopleNotice.PERSON_SAVED -> "people_person_saved"
    PeopleNotice.BOUNDARY_SAVED -> "people_boundary_saved"
    PeopleNotice.TRIGGER_SAVED -> "people_trigger_saved"
    PeopleNotice.ARCHIVED -> "people_archived_notice"
    PeopleNotice.RESTORED -> "people_restored_notice"
}

private fun problemKey(p: PeopleProblem) = when (p) {
    PeopleProblem.NAME_NEEDED -> "people_name_needed"
    PeopleProblem.DATE -> "people_date_problem"
    PeopleProblem.REFUSED -> "people_refused"
    PeopleProblem.OTHER -> "people_problem"
}
