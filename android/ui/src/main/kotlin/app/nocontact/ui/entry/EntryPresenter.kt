package app.nocontact.ui.entry

import app.nocontact.client.CoreError
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.valueOrNull
import app.nocontact.core.AttemptResponse
import app.nocontact.core.Boundary
import app.nocontact.core.BoundaryStatus
import app.nocontact.core.Channel
import app.nocontact.core.CheckIn
import app.nocontact.core.Emotion
import app.nocontact.core.Event
import app.nocontact.core.EventBody
import app.nocontact.core.EventKind
import app.nocontact.core.Initiator
import app.nocontact.core.MyContact
import app.nocontact.core.Person
import app.nocontact.core.TheirAttempt
import app.nocontact.core.Trigger
import app.nocontact.core.Urge
import app.nocontact.core.UrgeOutcome
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** Every field of the four kinds of entry, as the form holds them while typing. */
data class EntryDraft(
    val kind: EventKind = EventKind.THEIR_ATTEMPT,
    val personId: String? = null,
    val channel: Channel = Channel.CALL,
    // Their attempt.
    val handle: String = "",
    val said: String = "",
    val saidVerbatim: Boolean = false,
    val response: AttemptResponse = AttemptResponse.IGNORED,
    val location: String = "",
    /** One witness a line. */
    val witnesses: String = "",
    val feltUnsafe: Int = 0,
    // My contact.
    val initiatedBy: Initiator = Initiator.ME,
    val crossed: Set<String> = emptySet(),
    // An urge.
    val intensity: Int = 5,
    val triggers: Set<String> = emptySet(),
    val emotions: Set<Emotion> = emptySet(),
    /** One step a line. */
    val coping: String = "",
    val outcome: UrgeOutcome = UrgeOutcome.RESISTED,
    val reachedOutVia: Channel? = null,
    // A check-in.
    val mood: Int = 3,
    val energy: Int? = null,
    val note: String = "",
)

enum class EntryProblem { REFUSED, OTHER }

data class EntryState(
    val loading: Boolean = true,
    val draft: EntryDraft = EntryDraft(),
    /** The entry being corrected (an amendment), or null for a new one. */
    val amending: Event? = null,
    val people: List<Person> = emptyList(),
    val triggers: List<Trigger> = emptyList(),
    val boundaries: List<Boundary> = emptyList(),
    val busy: Boolean = false,
    val problem: EntryProblem? = null,
)

/**
 * A full entry with every field: their attempt (channel, the handle they
 * used, what was said and whether these are their exact words, my response,
 * where, witnesses, how unsafe it felt 0–4), my contact (and the boundaries
 * it crossed), an urge (triggers, emotions, coping, outcome), a check-in.
 * New [`log_event`], or a correction of [amending] [`amend_event`]: the
 * earlier version stays. Attachments are kept as they were (another screen).
 */
class EntryPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    kind: EventKind = EventKind.THEIR_ATTEMPT,
    personId: String? = null,
    private val amending: Event? = null,
    /** Saved: the entry as the core recorded it. */
    private val onSaved: (Event) -> Unit = {},
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(
        EntryState(draft = amending?.let { draftOf(it.body) } ?: EntryDraft(kind = kind, personId = personId), amending = amending),
    )
    val state: StateFlow<EntryState> = mutable.asStateFlow()

    fun start() {
        scope.launch {
            val people = client.listPeople(true)
            val triggers = client.listTriggers(false)
            val boundaries = client.listBoundaries()
            mutable.update { s ->
                s.copy(
                    loading = false,
                    people = people.valueOrNull().orEmpty().filter { !it.archived || it.id == s.draft.personId },
                    triggers = triggers.valueOrNull().orEmpty(),
                    boundaries = boundaries.valueOrNull().orEmpty().filter { it.status == BoundaryStatus.ACTIVE || it.id in s.draft.crossed },
                    problem = if (people is Outcome.Err) EntryProblem.OTHER else null,
                )
            }
        }
    }

    fun changed(draft: EntryDraft) = mutable.update { s ->
        // An amendment keeps its kind; a new entry may change it.
        s.copy(draft = if (s.amending != null) draft.copy(kind = s.draft.kind) else draft, problem = null)
    }

    /** Whether the core has what it needs to save: their attempt and my contact name a person. */
    fun canSave(s: EntryState = mutable.value): Boolean =
        !s.busy && !s.loading && (s.draft.personId != null || s.draft.kind == EventKind.URGE || s.draft.kind == EventKind.CHECK_IN)

    fun save() {
        val s = mutable.value
        if (!canSave(s)) return
        val body = bodyOf(s.draft, s.amending?.body) ?: return
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            val saved = s.amending?.let { client.amendEvent(it, body) } ?: client.logEvent(body)
            when (saved) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(busy = false) }
                    onSaved(saved.value)
                }
                is Outcome.Err -> mutable.update {
                    it.copy(busy = false, problem = if (saved.error is CoreError.InvalidInput) EntryProblem.REFUSED else EntryProblem.OTHER)
                }
            }
        }
    }

    fun back() = onBack()
}

private fun lines(text: String): List<String> = text.lines().map { it.trim() }.filter { it.isNotEmpty() }

/** The form's fields of [body]. */
fun draftOf(body: EventBody): EntryDraft = when (body) {
    is EventBody.TheirAttempt -> body.attempt.let {
        EntryDraft(
            EventKind.THEIR_ATTEMPT, it.personId, it.channel, it.handle, it.said, it.saidVerbatim, it.response, it.location,
            it.witnesses.joinToString("\n"), it.feltUnsafe.toInt(), note = it.note,
        )
    }
    is EventBody.MyContact -> body.contact.let {
        EntryDraft(EventKind.MY_CONTACT, it.personId, it.channel, initiatedBy = it.initiatedBy, crossed = it.crossedBoundaryIds.toSet(), note = it.note)
    }
    is EventBody.Urge -> body.urge.let {
        EntryDraft(
            EventKind.URGE, it.personId, intensity = it.intensity.toInt(), triggers = it.triggerIds.toSet(), emotions = it.emotions.toSet(),
            coping = it.coping.joinToString("\n"), outcome = it.outcome, reachedOutVia = it.reachedOutVia, note = it.note,
        )
    }
    is EventBody.CheckIn -> body.checkIn.let { EntryDraft(EventKind.CHECK_IN, mood = it.mood.toInt(), energy = it.energy?.toInt(), note = it.note) }
}

/**
 * The entry [d] describes; what the form does not show (attachments, other
 * emotions, tags) is kept from [old]. Null when a person is needed and missing.
 */
fun bodyOf(d: EntryDraft, old: EventBody?): EventBody? = when (d.kind) {
    EventKind.THEIR_ATTEMPT -> d.personId?.let { person ->
        val attachments = (old as? EventBody.TheirAttempt)?.attempt?.attachments.orEmpty()
        EventBody.TheirAttempt(
            TheirAttempt(person, d.channel, d.handle.trim(), d.said, d.saidVerbatim, d.response, d.location.trim(), lines(d.witnesses), d.feltUnsafe.toUByte(), attachments, d.note),
        )
    }
    EventKind.MY_CONTACT -> d.personId?.let { person -> EventBody.MyContact(MyContact(person, d.channel, d.initiatedBy, d.crossed.toList(), d.note)) }
    EventKind.URGE -> {
        val other = (old as? EventBody.Urge)?.urge?.otherEmotions.orEmpty()
        val via = if (d.outcome == UrgeOutcome.REACHED_OUT) d.reachedOutVia else null
        EventBody.Urge(Urge(d.intensity.toUByte(), d.personId, d.triggers.toList(), Emotion.entries.filter { it in d.emotions }, other, lines(d.coping), d.outcome, via, d.note))
    }
    EventKind.CHECK_IN -> {
        val tags = (old as? EventBody.CheckIn)?.checkIn?.tags.orEmpty()
        EventBody.CheckIn(CheckIn(d.mood.toUByte(), d.energy?.toUByte(), d.note, tags))
    }
}
