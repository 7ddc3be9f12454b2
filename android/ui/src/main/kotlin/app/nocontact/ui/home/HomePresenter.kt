package app.nocontact.ui.home

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.AccessKind
import app.nocontact.core.Channel
import app.nocontact.core.HomeSummary
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import java.time.Instant

/** Which quick action is open. */
enum class QuickSheet { THEY_REACHED_OUT, URGE, CHECK_IN, WRITE }

/** What was just saved, for the quiet "Saved" line. */
enum class Saved { ATTEMPT, URGE, CHECK_IN, ENTRY }

/** New failed unlocks since the person last looked: "Someone tried to open the app — 3 times since Tuesday". */
data class AccessBanner(val failedAttempts: Int, val since: Instant)

data class HomeState(
    val loading: Boolean = true,
    val summary: HomeSummary? = null,
    val banner: AccessBanner? = null,
    val sheet: QuickSheet? = null,
    /** The person chosen in "They reached out" (the only one is chosen for them). */
    val chosenPerson: String? = null,
    val draft: String = "",
    val saved: Saved? = null,
    val problem: Boolean = false,
)

/**
 * Home: per person the streak (or the days kept before the slip), the
 * longest and the total, the next milestone, today's prompt, a risky date
 * ahead, and the four quick actions [`summary`, `access_log`,
 * `quick_log_*`, `log_event`, `add_reflection`].
 */
class HomePresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    /** What was just saved on the screen before (the urge flow). */
    saved: Saved? = null,
    /** Opens the urge flow with the intensity chosen and the person, when there is one. */
    private val onUrge: (Int, String?) -> Unit = { _, _ -> },
) {
    private val mutable = MutableStateFlow(HomeState(saved = saved))
    val state: StateFlow<HomeState> = mutable.asStateFlow()

    fun start() {
        scope.launch {
            refresh()
            val log = client.accessLog()
            if (log is Outcome.Ok) {
                val failed = log.value.filter { it.new && it.kind == AccessKind.FAILED_UNLOCK }
                if (failed.isNotEmpty()) {
                    mutable.update { it.copy(banner = AccessBanner(failed.size, failed.minOf { e -> e.at })) }
                }
            }
        }
    }

    private suspend fun refresh() {
        when (val s = client.summary()) {
            is Outcome.Ok -> mutable.update { it.copy(loading = false, summary = s.value) }
            is Outcome.Err -> mutable.update { it.copy(loading = false, problem = true) }
        }
    }

    fun dismissBanner() {
        mutable.update { it.copy(banner = null) }
        scope.launch { client.acknowledgeAccessLog() }
    }

    fun open(sheet: QuickSheet) {
        val people = mutable.value.summary?.streaks?.people.orEmpty()
        mutable.update {
            it.copy(
                sheet = sheet,
                saved = null,
                draft = "",
                chosenPerson = people.singleOrNull()?.personId,
            )
        }
    }

    fun close() = mutable.update { it.copy(sheet = null) }

    fun choosePerson(id: String) = mutable.update { it.copy(chosenPerson = id) }

    fun draftChanged(text: String) = mutable.update { it.copy(draft = text) }

    fun theyReachedOut(channel: Channel) {
        val person = mutable.value.chosenPerson ?: return
        save(Saved.ATTEMPT) { client.quickLogAttempt(person, channel) }
    }

    /** The intensity is chosen: the urge flow takes over (and logs the urge at its end). */
    fun urge(intensity: Int) {
        val people = mutable.value.summary?.streaks?.people.orEmpty()
        mutable.update { it.copy(sheet = null) }
        onUrge(intensity, people.singleOrNull()?.personId)
    }

    fun checkIn(mood: Int) = save(Saved.CHECK_IN) { client.logCheckIn(mood.toUByte()) }

    fun write() {
        val text = mutable.value.draft
        if (text.isBlank()) return
        val prompt = mutable.value.summary?.promptOfTheDay?.id
        save(Saved.ENTRY) { client.writeJournal(text, prompt) }
    }

    private fun save(what: Saved, call: suspend () -> Outcome<*>) {
        scope.launch {
            when (call()) {
                is Outcome.Ok -> {
                    mutable.update { it.copy(sheet = null, saved = what, draft = "", problem = false) }
                    refresh()
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }
}
