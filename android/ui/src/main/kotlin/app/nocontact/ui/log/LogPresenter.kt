package app.nocontact.ui.log

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.Event
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The periods offered as filters: everything, or the last so many days (today included) in the phone's zone. */
enum class LogPeriod(val days: Long?) { ALL(null), WEEK(7), MONTH(30), YEAR(365) }

/** What was just done to an entry, for the line that says what it means. */
enum class LogNotice { AMENDED, DELETED }

/** One entry opened: the version shown, its earlier versions, the edit or the delete in progress. */
data class LogDetail(
    val event: Event,
    /** Earlier versions, newest first (the shown one excluded). */
    val earlier: List<Event> = emptyList(),
    /** The note being edited, or null when not editing. */
    val draft: String? = null,
    val confirmDelete: Boolean = false,
)

data class LogState(
    val loading: Boolean = true,
    /** The kind shown, or null for every kind. */
    val filter: EventKind? = null,
    /** The person shown, or null for everyone. */
    val person: String? = null,
    val period: LogPeriod = LogPeriod.ALL,
    /** The entries loaded so far, newest first. */
    val events: List<Event> = emptyList(),
    /** Entries matching the filter, in all pages. */
    val total: Long = 0,
    /** The offset of the next page, when there is one. */
    val nextOffset: UInt? = null,
    /** People's aliases by id, to name who an entry is about. */
    val people: Map<String, String> = emptyMap(),
    val detail: LogDetail? = null,
    val notice: LogNotice? = null,
    val problem: Boolean = false,
)

/**
 * The log: the timeline newest first, filtered by kind, a page at a time; an
 * entry's detail with its earlier versions; editing its note (an amendment:
 * the earlier version stays) and deleting it (a redaction mark stays)
 * [`list_events`, `get_event`, `event_history`, `amend_event`, `delete_event`].
 */
class LogPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val pageSize: UInt = PAGE_SIZE,
    /** Opens the full entry form to amend an entry with every field. */
    private val onEditAll: (app.nocontact.core.Event) -> Unit = {},
    private val now: () -> java.time.Instant = java.time.Instant::now,
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(LogState())
    val state: StateFlow<LogState> = mutable.asStateFlow()

    fun start() {
        scope.launch {
            val people = client.call { v -> v.listPeople(true).associate { it.id to it.alias } }
            if (people is Outcome.Ok) mutable.update { it.copy(people = people.value) }
            load(reset = true)
        }
    }

    fun filter(kind: EventKind?) {
        mutable.update { it.copy(filter = kind, notice = null) }
        scope.launch { load(reset = true) }
    }

    /** Shows only the entries about [id] (everyone when null). */
    fun filterPerson(id: String?) {
        mutable.update { it.copy(person = id, notice = null) }
        scope.launch { load(reset = true) }
    }

    fun filterPeriod(period: LogPeriod) {
        mutable.update { it.copy(period = period, notice = null) }
        scope.launch { load(reset = true) }
    }

    /** The first instant of the period: midnight, [LogPeriod.days] - 1 days ago, in the phone's zone. */
    private fun from(period: LogPeriod): java.time.Instant? = period.days?.let { days ->
        now().atZone(client.zone).toLocalDate().minusDays(days - 1).atStartOfDay(client.zone).toInstant()
    }

    fun more() {
        if (mutable.value.nextOffset == null) return
        scope.launch { load(reset = false) }
    }

    private suspend fun load(reset: Boolean) {
        val s = mutable.value
        val offset = if (reset) 0u else s.nextOffset ?: return
        val kinds = listOfNotNull(s.filter)
        when (val page = client.listEvents(kinds, s.person, from(s.period), null, offset, pageSize)) {
            is Outcome.Ok -> mutable.update {
                // A filter changed while this page loaded: drop it.
                if (it.filter != s.filter || it.person != s.person || it.period != s.period) return@update it
                it.copy(
                    loading = false,
                    events = if (reset) page.value.events else it.events + page.value.events,
                    total = page.value.total.toLong(),
                    nextOffset = page.value.nextOffset,
                    problem = false,
                )
            }
            is Outcome.Err -> mutable.update { it.copy(loading = false, problem = true) }
        }
    }

    fun open(id: String) {
        mutable.update { it.copy(notice = null) }
        scope.launch { showDetail(id) }
    }

    private suspend fun showDetail(id: String) {
        val event = client.getEvent(id)
        val history = client.eventHistory(id)
        if (event is Outcome.Ok && history is Outcome.Ok) {
            val earlier = history.value.filter { it.revision != event.value.revision }.sortedByDescending { it.revision }
            mutable.update { it.copy(detail = LogDetail(event.value, earlier), problem = false) }
        } else {
            mutable.update { it.copy(problem = true) }
        }
    }

    /** Opens entry [id] with the line that says it was just corrected. */
    fun showAmended(id: String) {
        scope.launch {
            showDetail(id)
            mutable.update { it.copy(notice = LogNotice.AMENDED) }
        }
    }

    fun closeDetail() = mutable.update { it.copy(detail = null, notice = null) }

    fun edit() = mutable.update { s -> s.copy(notice = null, detail = s.detail?.let { d -> d.copy(draft = noteOf(d.event.body), confirmDelete = false) }) }

    fun draftChanged(text: String) = mutable.update { s -> s.copy(detail = s.detail?.copy(draft = text)) }

    fun cancelEdit() = mutable.update { s -> s.copy(detail = s.detail?.copy(draft = null, confirmDelete = false)) }

    /** Saves the edited note as an amendment; the detail then shows it with the earlier version below. */
    fun saveEdit() {
        val detail = mutable.value.detail ?: return
        val draft = detail.draft ?: return
        scope.launch {
            when (client.amendEvent(detail.event, withNote(detail.event.body, draft))) {
                is Outcome.Ok -> {
                    showDetail(detail.event.id)
                    mutable.update { it.copy(notice = LogNotice.AMENDED) }
                    load(reset = true)
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun askDelete() = mutable.update { s -> s.copy(notice = null, detail = s.detail?.copy(confirmDelete = true, draft = null)) }

    fun delete() {
        val detail = mutable.value.detail ?: return
        if (!detail.confirmDelete) return
        scope.launch {
            when (client.deleteEvent(detail.event.id)) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(detail = null, notice = LogNotice.DELETED) }
                    load(reset = true)
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun back() = onBack()

    /** Amends the open entry with every field (the full entry form). */
    fun editAll() {
        val detail = mutable.value.detail ?: return
        onEditAll(detail.event)
    }

    companion object {
        val PAGE_SIZE: UInt = 20u
    }
}

/** The free-text note every kind of entry has. */
fun noteOf(body: EventBody): String = when (body) {
    is EventBody.Urge -> body.urge.note
    is EventBody.MyContact -> body.contact.note
    is EventBody.TheirAttempt -> body.attempt.note
    is EventBody.CheckIn -> body.checkIn.note
}

/** [body] with its note replaced (every other field as it was). */
fun withNote(body: EventBody, note: String): EventBody = when (body) {
    is EventBody.Urge -> EventBody.Urge(body.urge.copy(note = note))
    is EventBody.MyContact -> EventBody.MyContact(body.contact.copy(note = note))
    is EventBody.TheirAttempt -> EventBody.TheirAttempt(body.attempt.copy(note = note))
    is EventBody.CheckIn -> EventBody.CheckIn(body.checkIn.copy(note = note))
}
