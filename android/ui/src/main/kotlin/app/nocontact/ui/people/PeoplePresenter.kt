package app.nocontact.ui.people

import app.nocontact.client.CoreError
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.valueOrNull
import app.nocontact.core.Boundary
import app.nocontact.core.BoundaryInput
import app.nocontact.core.BoundaryKind
import app.nocontact.core.BoundaryProgress
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.ContactMode
import app.nocontact.core.LocalDate
import app.nocontact.core.MonthDay
import app.nocontact.core.Person
import app.nocontact.core.PersonInput
import app.nocontact.core.Relationship
import app.nocontact.core.Streak
import app.nocontact.core.Trigger
import app.nocontact.core.TriggerCategory
import app.nocontact.core.TriggerInput
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.time.format.DateTimeParseException

/** What the screen shows: the lists, or one of the three forms. */
enum class PeopleMode { LIST, PERSON, BOUNDARY, TRIGGER }

enum class PeopleNotice { PERSON_SAVED, BOUNDARY_SAVED, TRIGGER_SAVED, ARCHIVED, RESTORED }

/** What went wrong, without any of the person's words. */
enum class PeopleProblem { NAME_NEEDED, DATE, REFUSED, OTHER }

/** A person being added (id null) or edited; the date as typed (YYYY-MM-DD). */
data class PersonDraft(
    val id: String? = null,
    val alias: String = "",
    val relationship: Relationship = Relationship.EX_PARTNER,
    val since: String = "",
    val notes: String = "",
)

data class BoundaryDraft(
    val id: String? = null,
    val statement: String = "",
    val personId: String? = null,
    val kind: BoundaryKind = BoundaryKind.COMMUNICATION,
)

/** A trigger being added or edited; a date (MM-DD) for dates and anniversaries. */
data class TriggerDraft(
    val id: String? = null,
    val name: String = "",
    val category: TriggerCategory = TriggerCategory.OTHER,
    val personId: String? = null,
    val date: String = "",
)

data class PeopleState(
    val loading: Boolean = true,
    /** Everyone, archived included (the screen shows the archived on request). */
    val people: List<Person> = emptyList(),
    /** Each person's streak, by person id, from the core. */
    val streaks: Map<String, Streak> = emptyMap(),
    val boundaries: List<Boundary> = emptyList(),
    /** How each boundary is holding, by boundary id, from the core. */
    val progress: Map<String, BoundaryProgress> = emptyMap(),
    val triggers: List<Trigger> = emptyList(),
    val showArchived: Boolean = false,
    val mode: PeopleMode = PeopleMode.LIST,
    val person: PersonDraft = PersonDraft(),
    val boundary: BoundaryDraft = BoundaryDraft(),
    val trigger: TriggerDraft = TriggerDraft(),
    val busy: Boolean = false,
    val notice: PeopleNotice? = null,
    val problem: PeopleProblem? = null,
)

/**
 * People, boundaries and triggers: add, edit, archive (a boundary is
 * retired); each person's streak and each boundary's days kept and crossings
 * come from the core [`*_person`, `*_boundary`, `*_trigger`, `streaks`,
 * `insights`].
 */
class PeoplePresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    /** Opens straight into adding a person (from quick log's "who" when there is nobody yet). */
    private val addFirst: Boolean = false,
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(PeopleState())
    val state: StateFlow<PeopleState> = mutable.asStateFlow()

    fun start() {
        if (addFirst) addPerson()
        scope.launch { refresh() }
    }

    private suspend fun refresh() {
        val people = client.listPeople(true)
        val streaks = client.streaks()
        val boundaries = client.listBoundaries()
        val progress = client.boundaryProgress()
        val triggers = client.listTriggers(true)
        mutable.update { s ->
            s.copy(
                loading = false,
                people = people.valueOrNull() ?: s.people,
                streaks = streaks.valueOrNull()?.people?.mapNotNull { st -> st.personId?.let { it to st } }?.toMap() ?: s.streaks,
                boundaries = boundaries.valueOrNull() ?: s.boundaries,
                progress = progress.valueOrNull()?.associateBy { it.boundaryId } ?: s.progress,
                triggers = triggers.valueOrNull() ?: s.triggers,
                problem = if (listOf(people, streaks, boundaries, progress, triggers).any { it is Outcome.Err }) PeopleProblem.OTHER else s.problem,
            )
        }
    }

    fun showArchived(v: Boolean) = mutable.update { it.copy(showArchived = v) }

    // People.

    fun addPerson() = mutable.update {
        it.copy(mode = PeopleMode.PERSON, person = PersonDraft(since = iso(client.today())), notice = null, problem = null)
    }

    fun editPerson(id: String) {
        val p = mutable.value.people.firstOrNull { it.id == id } ?: return
        mutable.update {
            it.copy(mode = PeopleMode.PERSON, person = PersonDraft(p.id, p.alias, p.relationship, iso(p.noContactSince), p.notes), notice = null, problem = null)
        }
    }

    fun personChanged(draft: PersonDraft) = mutable.update { it.copy(person = draft, problem = null) }

    fun savePerson() {
        val d = mutable.value.person
        if (d.alias.isBlank()) return mutable.update { it.copy(problem = PeopleProblem.NAME_NEEDED) }
        val since = parseDate(d.since) ?: return mutable.update { it.copy(problem = PeopleProblem.DATE) }
        val old = d.id?.let { id -> mutable.value.people.firstOrNull { it.id == id } }
        // What this form does not show (low-contact rules, blocked channels) is kept as it was.
        val input = PersonInput(d.alias.trim(), d.relationship, old?.mode ?: ContactMode.NoContact, since, old?.blockedOn.orEmpty(), d.notes)
        save(PeopleNotice.PERSON_SAVED) { if (d.id == null) client.addPerson(input) else client.updatePerson(d.id, input) }
    }

    fun setPersonArchived(id: String, archived: Boolean) =
        save(if (archived) PeopleNotice.ARCHIVED else PeopleNotice.RESTORED) { client.setPersonArchived(id, archived) }

    // Boundaries.

    fun addBoundary() {
        val people = mutable.value.people.filter { !it.archived }
        mutable.update { it.copy(mode = PeopleMode.BOUNDARY, boundary = BoundaryDraft(personId = people.singleOrNull()?.id), notice = null, problem = null) }
    }

    fun editBoundary(id: String) {
        val b = mutable.value.boundaries.firstOrNull { it.id == id } ?: return
        mutable.update { it.copy(mode = PeopleMode.BOUNDARY, boundary = BoundaryDraft(b.id, b.statement, b.personId, b.kind), notice = null, problem = null) }
    }

    fun boundaryChanged(draft: BoundaryDraft) = mutable.update { it.copy(boundary = draft, problem = null) }

    fun saveBoundary() {
        val d = mutable.value.boundary
        if (d.statement.isBlank()) return mutable.update { it.copy(problem = PeopleProblem.NAME_NEEDED) }
        val old = d.id?.let { id -> mutable.value.boundaries.firstOrNull { it.id == id } }
        val input = BoundaryInput(d.statement.trim(), d.personId, d.kind, old?.setOn ?: client.today(), old?.reviewOn)
        save(PeopleNotice.BOUNDARY_SAVED) { if (d.id == null) client.addBoundary(input) else client.updateBoundary(d.id, input) }
    }

    /** Retires a boundary (it stays in the record), or makes a retired one active again. */
    fun setBoundaryRetired(id: String, retired: Boolean) =
        save(if (retired) PeopleNotice.ARCHIVED else PeopleNotice.RESTORED) {
            client.setBoundaryStatus(id, if (retired) BoundaryStatus.RETIRED else BoundaryStatus.ACTIVE)
        }

    // Triggers.

    fun addTrigger() = mutable.update { it.copy(mode = PeopleMode.TRIGGER, trigger = TriggerDraft(), notice = null, problem = null) }

    fun editTrigger(id: String) {
        val t = mutable.value.triggers.firstOrNull { it.id == id } ?: return
        val date = t.date?.let { "%02d-%02d".format(it.month.toInt(), it.day.toInt()) }.orEmpty()
        mutable.update { it.copy(mode = PeopleMode.TRIGGER, trigger = TriggerDraft(t.id, t.name, t.category, t.personId, date), notice = null, problem = null) }
    }

    fun triggerChanged(draft: TriggerDraft) = mutable.update { it.copy(trigger = draft, problem = null) }

    fun saveTrigger() {
        val d = mutable.value.trigger
        if (d.name.isBlank()) return mutable.update { it.copy(problem = PeopleProblem.NAME_NEEDED) }
        val date = if (d.date.isBlank()) null else parseMonthDay(d.date) ?: return mutable.update { it.copy(problem = PeopleProblem.DATE) }
        val input = TriggerInput(d.name.trim(), d.category, date, d.personId)
        save(PeopleNotice.TRIGGER_SAVED) { if (d.id == null) client.addTrigger(input) else client.updateTrigger(d.id, input) }
    }

    fun setTriggerArchived(id: String, archived: Boolean) =
        save(if (archived) PeopleNotice.ARCHIVED else PeopleNotice.RESTORED) { client.setTriggerArchived(id, archived) }

    /** Leaves a form without saving, or the screen from the lists. */
    fun cancel() = mutable.update { it.copy(mode = PeopleMode.LIST, problem = null) }

    fun back() = onBack()

    private fun save(done: PeopleNotice, call: suspend () -> Outcome<*>) {
        if (mutable.value.busy) return
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            when (val r = call()) {
                is Outcome.Ok -> {
                    refresh()
                    mutable.update { it.copy(busy = false, mode = PeopleMode.LIST, notice = done) }
                }
                is Outcome.Err -> mutable.update {
                    it.copy(busy = false, problem = if (r.error is CoreError.InvalidInput) PeopleProblem.REFUSED else PeopleProblem.OTHER)
                }
            }
        }
    }
}

/** Today in the client's zone, as the core's date. */
fun VaultClient.today(): LocalDate = java.time.LocalDate.now(zone).let { LocalDate(it.year, it.monthValue.toUInt(), it.dayOfMonth.toUInt()) }

/** The core's date as YYYY-MM-DD. */
fun iso(d: LocalDate): String = "%04d-%02d-%02d".format(d.year, d.month.toInt(), d.day.toInt())

/** A typed YYYY-MM-DD, or null when it is not a date. */
fun parseDate(text: String): LocalDate? = try {
    java.time.LocalDate.parse(text.trim()).let { LocalDate(it.year, it.monthValue.toUInt(), it.dayOfMonth.toUInt()) }
} catch (e: DateTimeParseException) {
    null
}

/** A typed MM-DD, or null when it is not a day of the year. */
fun parseMonthDay(text: String): MonthDay? = try {
    java.time.MonthDay.parse("--" + text.trim()).let { MonthDay(it.monthValue.toUInt(), it.dayOfMonth.toUInt()) }
} catch (e: DateTimeParseException) {
    null
}
