package app.nocontact.ui.reflect

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.acceptReasonSuggestion
import app.nocontact.client.addReason
import app.nocontact.client.listPeople
import app.nocontact.client.listPrompts
import app.nocontact.client.listReasons
import app.nocontact.client.listReflections
import app.nocontact.client.promptOfToday
import app.nocontact.client.reasonSuggestions
import app.nocontact.client.writeLetter
import app.nocontact.core.MyReason
import app.nocontact.core.Person
import app.nocontact.core.Prompt
import app.nocontact.core.ReasonSuggestion
import app.nocontact.core.ReasonTheme
import app.nocontact.core.Reflection
import app.nocontact.core.ReflectionFilter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The parts of Reflect, one shown at a time. */
enum class ReflectTab { JOURNAL, PROMPTS, LETTERS, REASONS }

/** What was just saved, for the quiet line that says so. */
enum class ReflectNotice { ENTRY_SAVED, LETTER_KEPT, REASON_ADDED }

/** An entry being written: a journal entry (on [promptId], or free) or a letter to [personId]. */
data class ReflectDraft(
    val promptId: String? = null,
    /** Set for an unsent letter: whom it is to. */
    val personId: String? = null,
    val text: String = "",
)

data class ReflectState(
    val loading: Boolean = true,
    val tab: ReflectTab = ReflectTab.JOURNAL,
    val today: Prompt? = null,
    /** Journal entries loaded so far, newest first, and how many there are. */
    val entries: List<Reflection> = emptyList(),
    val entriesTotal: Long = 0,
    val entriesNext: UInt? = null,
    /** Unsent letters loaded so far, newest first. */
    val letters: List<Reflection> = emptyList(),
    val lettersTotal: Long = 0,
    val lettersNext: UInt? = null,
    val prompts: List<Prompt> = emptyList(),
    /** The theme whose prompts are shown in the library; null for the person's own prompts. */
    val theme: ReasonTheme? = null,
    val people: List<Person> = emptyList(),
    val reasons: List<MyReason> = emptyList(),
    val suggestions: List<ReasonSuggestion> = emptyList(),
    val newReason: String = "",
    val draft: ReflectDraft? = null,
    val notice: ReflectNotice? = null,
    val problem: Boolean = false,
)

/**
 * Reflect: journal entries and writing one (on today's prompt, another from
 * the library, or free), the prompt library by theme, unsent letters to a
 * person, and my reasons with the built-in suggestions to accept
 * [`add_reflection`, `list_reflections`, `list_prompts`, `prompt_of_the_day`,
 * `list_reasons`, `reason_suggestions`, `add_reason`,
 * `accept_reason_suggestion`].
 */
class ReflectPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val pageSize: UInt = PAGE_SIZE,
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(ReflectState())
    val state: StateFlow<ReflectState> = mutable.asStateFlow()

    fun start() {
        scope.launch { reload() }
    }

    private suspend fun reload() {
        val today = client.promptOfToday()
        val prompts = client.listPrompts()
        val people = client.listPeople()
        val entries = client.listReflections(ReflectionFilter.JOURNAL, 0u, pageSize)
        val letters = client.listReflections(ReflectionFilter.UNSENT_LETTERS, 0u, pageSize)
        val reasons = client.listReasons()
        val suggestions = client.reasonSuggestions()
        val all = listOf(today, prompts, people, entries, letters, reasons, suggestions)
        if (all.any { it is Outcome.Err }) {
            mutable.update { it.copy(loading = false, problem = true) }
            return
        }
        val todayPrompt = (today as Outcome.Ok).value
        val e = (entries as Outcome.Ok).value
        val l = (letters as Outcome.Ok).value
        mutable.update {
            it.copy(
                loading = false,
                today = todayPrompt,
                prompts = (prompts as Outcome.Ok).value,
                theme = if (it.loading) todayPrompt.theme else it.theme,
                people = (people as Outcome.Ok).value,
                entries = e.reflections,
                entriesTotal = e.total.toLong(),
                entriesNext = e.nextOffset,
                letters = l.reflections,
                lettersTotal = l.total.toLong(),
                lettersNext = l.nextOffset,
                reasons = (reasons as Outcome.Ok).value,
                suggestions = (suggestions as Outcome.Ok).value,
                problem = false,
            )
        }
    }

    fun tab(tab: ReflectTab) = mutable.update { it.copy(tab = tab, notice = null, draft = null) }

    fun theme(theme: ReasonTheme?) = mutable.update { it.copy(theme = theme) }

    /** The next page of journal entries or letters. */
    fun more(letters: Boolean) {
        val s = mutable.value
        val offset = (if (letters) s.lettersNext else s.entriesNext) ?: return
        scope.launch {
            val filter = if (letters) ReflectionFilter.UNSENT_LETTERS else ReflectionFilter.JOURNAL
            when (val page = client.listReflections(filter, offset, pageSize)) {
                is Outcome.Ok -> mutable.update {
                    if (letters) {
                        it.copy(letters = it.letters + page.value.reflections, lettersNext = page.value.nextOffset)
                    } else {
                        it.copy(entries = it.entries + page.value.reflections, entriesNext = page.value.nextOffset)
                    }
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    /** Starts a journal entry on [promptId] (today's, or one from the library), or a free one when null. */
    fun write(promptId: String?) = mutable.update { it.copy(tab = ReflectTab.JOURNAL, draft = ReflectDraft(promptId = promptId), notice = null) }

    /** Starts a letter to [personId], never sent. */
    fun writeLetter(personId: String) = mutable.update { it.copy(tab = ReflectTab.LETTERS, draft = ReflectDraft(personId = personId), notice = null) }

    fun draftChanged(text: String) = mutable.update { s -> s.copy(draft = s.draft?.copy(text = text)) }

    fun cancelDraft() = mutable.update { it.copy(draft = null) }

    fun save() {
        val draft = mutable.value.draft ?: return
        if (draft.text.isBlank()) return
        scope.launch {
            val person = draft.personId
            val saved = if (person != null) client.writeLetter(person, draft.text) else client.writeJournal(draft.text, draft.promptId)
            when (saved) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(draft = null, notice = if (person != null) ReflectNotice.LETTER_KEPT else ReflectNotice.ENTRY_SAVED) }
                    reload()
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun newReasonChanged(text: String) = mutable.update { it.copy(newReason = text) }

    fun addReason() {
        val text = mutable.value.newReason
        if (text.isBlank()) return
        reasonCall { client.addReason(text) }
    }

    fun accept(suggestionId: String) = reasonCall { client.acceptReasonSuggestion(suggestionId) }

    private fun reasonCall(call: suspend () -> Outcome<MyReason>) {
        scope.launch {
            when (call()) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(newReason = "", notice = ReflectNotice.REASON_ADDED) }
                    reload()
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun back() = onBack()

    companion object {
        val PAGE_SIZE: UInt = 20u
    }
}
