package app.nocontact.ui.urge

import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.Channel
import app.nocontact.core.SupportContact
import app.nocontact.core.UrgeEnd
import app.nocontact.core.UrgeOutcome
import app.nocontact.core.UrgeSupport
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

data class UrgeState(
    val intensity: Int,
    val support: UrgeSupport? = null,
    /** Indexes of the coping steps ticked as done. */
    val done: Set<Int> = emptySet(),
    /** Seconds left of the wait, when one runs. */
    val waitLeft: Long? = null,
    val letter: String = "",
    val letterKept: Boolean = false,
    /** Choosing how they reached out (after "I reached out"). */
    val choosingChannel: Boolean = false,
    val problem: Boolean = false,
)

/**
 * Getting through an urge: my reasons, my coping steps ticked as done, the
 * people I can reach (the phone's own dialer opens; the app sends nothing), a
 * wait timer with the suggested minutes, a letter kept unsent, and at the end
 * resisted, delayed or reached out [`start_urge_session`,
 * `write_urge_letter`, `end_urge_session`].
 */
class UrgePresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    intensity: Int,
    private val personId: String?,
    private val tick: suspend () -> Unit,
    /** The platform opens its dialer or messages with [SupportContact.howToReach]. */
    private val onReach: (SupportContact) -> Unit,
    /** Back home; true when the urge was logged. */
    private val onDone: (Boolean) -> Unit,
) {
    private val mutable = MutableStateFlow(UrgeState(intensity = intensity))
    val state: StateFlow<UrgeState> = mutable.asStateFlow()
    private var timer: Job? = null

    fun start() {
        scope.launch {
            when (val s = client.call { it.startUrgeSession(personId) }) {
                is Outcome.Ok -> mutable.update { it.copy(support = s.value) }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun toggleStep(index: Int) = mutable.update { it.copy(done = if (index in it.done) it.done - index else it.done + index) }

    fun reach(contact: SupportContact) = onReach(contact)

    fun startWait() {
        val minutes = mutable.value.support?.suggestedWaitMinutes ?: return
        timer?.cancel()
        mutable.update { it.copy(waitLeft = minutes.toLong() * 60) }
        timer = scope.launch {
            while ((mutable.value.waitLeft ?: 0) > 0) {
                tick()
                mutable.update { it.copy(waitLeft = it.waitLeft?.minus(1)?.coerceAtLeast(0)) }
            }
        }
    }

    fun letterChanged(text: String) = mutable.update { it.copy(letter = text, letterKept = false) }

    fun keepLetter() {
        val s = mutable.value
        val session = s.support?.sessionId ?: return
        if (s.letter.isBlank()) return
        scope.launch {
            when (client.call { it.writeUrgeLetter(session, s.letter, client.offsetNow()) }) {
                is Outcome.Ok -> mutable.update { it.copy(letterKept = true, problem = false) }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }

    fun reachedOut() = mutable.update { it.copy(choosingChannel = true) }

    fun end(outcome: UrgeOutcome, via: Channel? = null) {
        val s = mutable.value
        val support = s.support ?: return
        val coping = s.done.sorted().mapNotNull { support.copingSteps.getOrNull(it) }
        val end = UrgeEnd(s.intensity.toUByte(), outcome, via, emptyList(), emptyList(), emptyList(), coping, "", client.offsetNow())
        scope.launch {
            when (client.call { it.endUrgeSession(support.sessionId, end) }) {
                is Outcome.Ok -> {
                    timer?.cancel()
                    onDone(true)
                }
                is Outcome.Err -> mutable.update { it.copy(problem = true) }
            }
        }
    }
}
